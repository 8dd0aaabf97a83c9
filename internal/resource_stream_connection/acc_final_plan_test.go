package resource_stream_connection_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/atlasx/terraform-provider-atlasx/internal/acctest"
	"github.com/atlasx/terraform-provider-atlasx/internal/emulator"
)

// An apply plans a create twice: in its plan, and again in the final plan
// just before the create, where the release binary runs in a provider
// process of its own. Each checks the names with one list of the
// workspace, so a lone create costs two lists and its POST, and no single GET.
func TestAccALoneCreateListsOncePerPlan(t *testing.T) {
	t.Parallel()
	const wantLists = 2
	for name, workdir := range map[string]func(*acctest.Env, *testing.T) *acctest.Workdir{
		"served in the test": func(env *acctest.Env, t *testing.T) *acctest.Workdir { return env.Workdir(t) },
		"released binary":    (*acctest.Env).BinaryWorkdir,
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			env := acctest.New(t)
			dir := workdir(env, t)
			dir.SetConfig(httpsFleet(env, env.Seed.Workspace, 1))
			env.Emulator.ResetCounts()
			dir.MustRun("apply", "-auto-approve", "-input=false", "-no-color")
			got := map[string]int{}
			for _, request := range []struct{ method, route string }{
				{http.MethodGet, emulator.RouteConnections},
				{http.MethodGet, emulator.RouteConnection},
				{http.MethodPost, emulator.RouteConnections},
			} {
				got[request.method+" "+request.route] = env.Emulator.Count(request.method, request.route)
			}
			want := map[string]int{
				http.MethodGet + " " + emulator.RouteConnections:  wantLists,
				http.MethodGet + " " + emulator.RouteConnection:   0,
				http.MethodPost + " " + emulator.RouteConnections: 1,
			}
			for request, n := range want {
				if got[request] != n {
					t.Errorf("the apply of one create sent %d × %s, want %d (all: %v)", got[request], request, n, got)
				}
			}
			dir.MustRun("destroy", "-auto-approve", "-input=false", "-no-color")
		})
	}
}

// A name taken between the plan and the apply is refused by the apply (its
// final plan checks the names again), with the same advice, and the
// stranger is left alone.
func TestAccANameTakenAfterThePlanIsRefusedByTheApply(t *testing.T) {
	t.Parallel()
	env := acctest.New(t)
	dir := env.Workdir(t)
	dir.SetConfig(httpsFleet(env, env.Seed.Workspace, 1))
	dir.MustRun("plan", "-out=tfplan", "-input=false", "-no-color")
	stranger := map[string]any{"name": "fleet-0", "type": "Https", "url": "https://stranger.example.com"}
	if err := env.Emulator.PutConnection(env.Seed.ProjectID, env.Seed.Workspace, stranger); err != nil {
		t.Fatal(err)
	}
	applied := dir.Run("apply", "-input=false", "-no-color", "tfplan")
	if applied.ExitCode == 0 || !strings.Contains(applied.Output, `already exists in workspace`) || !strings.Contains(applied.Output, "import") {
		t.Fatalf("the apply of a plan whose name was taken since should fail on the name and say how to import it:\n%s", applied.Output)
	}
	if n := env.Emulator.Count(http.MethodDelete, emulator.RouteConnection) + env.Emulator.Count(http.MethodPatch, emulator.RouteConnection); n != 0 {
		t.Errorf("the refused apply sent %d writes to the stranger's connection", n)
	}
	if state := dir.State(); len(state) != 0 {
		t.Errorf("the refused apply wrote state: %v", state)
	}
}
