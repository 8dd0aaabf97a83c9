package resource_stream_connection_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/atlasx/terraform-provider-atlasx/internal/acctest"
	"github.com/atlasx/terraform-provider-atlasx/internal/emulator"
)

// httpsFleet declares n Https connections named fleet-0.. in workspace.
func httpsFleet(env *acctest.Env, workspace string, n int) string {
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, `
resource "atlasx_stream_connection" "fleet_%[1]d" {
  project_id      = "%%[project]"
  workspace_name  = %[2]q
  connection_name = "fleet-%[1]d"
  https           = { url = "https://fleet.example.com/%[1]d" }
}
`, i, workspace)
	}
	return env.Config(b.String())
}

// lists counts the lists of a workspace's connections since the last reset.
func lists(env *acctest.Env) int {
	return env.Emulator.Count(http.MethodGet, emulator.RouteConnections)
}

// A plan that creates a name the workspace already holds says so, naming the
// connection, the import block that would adopt it and the moved block of a
// rename; the apply refuses that create before any write (a plan error would
// also abort a destroy) and carries out the others.
func TestAccPlanRefusesANameThatExists(t *testing.T) {
	t.Parallel()
	env := acctest.New(t)
	if err := env.Emulator.PutConnection(env.Seed.ProjectID, env.Seed.Workspace, map[string]any{"name": "fleet-1", "type": "Https", "url": "https://example.com"}); err != nil {
		t.Fatal(err)
	}
	taken := `already exists in workspace "` + env.Seed.Workspace + `"[\s\S]*import {[\s\S]*id = "` + env.Seed.ProjectID + `/` + env.Seed.Workspace + `/fleet-1"[\s\S]*renamed in configuration, add a moved block[\s\S]*adopt_existing = true`
	dir := env.Workdir(t)
	dir.SetConfig(httpsFleet(env, env.Seed.Workspace, 3))
	if plan := dir.MustRun("plan", "-input=false", "-no-color"); !errorLike(`Warning: Stream connection already exists[\s\S]*` + taken).MatchString(plan.Output) {
		t.Errorf("the plan does not warn of the taken name:\n%s", plan.Output)
	}
	// Three creates, one workspace: one list, and nothing written.
	if n, writes := lists(env), env.Emulator.Count(http.MethodPost, emulator.RouteConnections); n != 1 || writes != 0 {
		t.Errorf("the plan sent %d lists and %d creates, want 1 and 0", n, writes)
	}
	env.Emulator.ResetCounts()
	if applied := dir.Run("apply", "-auto-approve", "-input=false", "-no-color"); applied.ExitCode == 0 || !errorLike(`Error: Stream connection already exists[\s\S]*`+taken).MatchString(applied.Output) {
		t.Errorf("the apply did not refuse the taken name:\n%s", applied.Output)
	}
	if err := env.ExpectWrites(acctest.Writes{Create: 2})(nil); err != nil {
		t.Errorf("the apply: %v", err)
	}
	dir.MustRun("destroy", "-auto-approve", "-input=false", "-no-color")
}

func TestAccPlanWarnsOfATakeOverUnderAdoptExisting(t *testing.T) {
	t.Parallel()
	env := acctest.New(t)
	if err := env.Emulator.PutConnection(env.Seed.ProjectID, env.Seed.Workspace, leftover("orphan")); err != nil {
		t.Fatal(err)
	}
	dir := env.Workdir(t)
	dir.SetConfig(withAdoptExisting(kafkaConfig(env, "orphan", "")))
	dir.MustRun("init", "-input=false", "-no-color")
	plan := dir.MustRun("plan", "-input=false", "-no-color")
	if !errorLike(`Warning: Stream connection already exists[\s\S]*With adopt_existing = true the apply takes it over`).MatchString(plan.Output) {
		t.Errorf("the plan does not warn of the takeover:\n%s", plan)
	}
	if err := env.ExpectWrites(acctest.Writes{})(nil); err != nil {
		t.Errorf("the plan: %v", err)
	}
	applied := dir.MustRun("apply", "-auto-approve", "-input=false", "-no-color")
	if !strings.Contains(applied.Output, "Adopted existing stream connection") {
		t.Errorf("the apply did not take the connection over:\n%s", applied)
	}
	if err := env.ExpectWrites(acctest.Writes{Create: 1, Update: 1})(nil); err != nil {
		t.Errorf("the apply: %v", err)
	}
	dir.MustRun("destroy", "-auto-approve", "-input=false", "-no-color")
}

// A workspace that does not exist is said at plan, naming it, and the apply
// refuses the creates before any write.
func TestAccPlanRefusesAMissingWorkspace(t *testing.T) {
	t.Parallel()
	env := acctest.New(t)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		Steps: []resource.TestStep{{
			Config:      httpsFleet(env, "no-such-workspace", 2),
			ExpectError: errorLike(`Stream workspace not found[\s\S]*has no stream workspace "no-such-workspace"`),
		}},
	})
	if err := env.ExpectWrites(acctest.Writes{})(nil); err != nil {
		t.Error(err)
	}
}

// The checks of a plan cost one list per workspace, whatever the number of
// creates, and a refresh of the fleet reads it from pages: each CLI command
// sends the first read's GET and one list, not a GET per connection.
func TestAccFleetCostsPagesNotConnections(t *testing.T) {
	t.Parallel()
	env := acctest.New(t)
	const n = 30
	config := httpsFleet(env, env.Seed.Workspace, n)
	// expect checks what the step before sent, for the commands it ran
	// (plan, apply, and the CLI's refresh and plan after them).
	expect := func(step string, commands int) func() {
		return func() {
			gets, listed := reads(env), lists(env)
			env.Emulator.ResetCounts()
			if listed > commands || gets > commands {
				t.Errorf("%s of %d connections sent %d lists and %d GETs, want at most %d of each (one per CLI command)", step, n, listed, gets, commands)
			}
		}
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		CheckDestroy:             env.CheckNothingLeft,
		Steps: []resource.TestStep{
			{Config: config, Check: env.ExpectWrites(acctest.Writes{Create: n})},
			{PreConfig: expect("create", 4), Config: config, PlanOnly: true},
			{PreConfig: expect("a plan with no change", 2), Config: config, PlanOnly: true},
		},
	})
}
