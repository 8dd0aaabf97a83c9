package resource_stream_connection_test

import (
	"fmt"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/atlasx/terraform-provider-atlasx/internal/acctest"
	"github.com/atlasx/terraform-provider-atlasx/internal/emulator"
)

// clusterFillers is how many Cluster connections (no secrets) join handMade
// so the workspace holds more than one page of Atlas's list.
const clusterFillers = 500

// `terraform query -generate-config-out` adopts a whole workspace: one of
// every type (handMade) and enough more to take two pages. The query lists by
// page, never one GET per connection; the generated file holds a resource and
// an import block for each; once the secrets are filled in the plan imports
// them all, updates only the ones whose secrets must be sent and only in
// those, and creates and destroys nothing; after the apply the plan is empty.
func TestAccListAdoptAWorkspace(t *testing.T) {
	t.Parallel()
	acctest.SkipUnlessTerraform(t, "terraform query -generate-config-out", queryCLI)
	env := acctest.New(t)
	for _, conn := range handMade {
		if err := env.Emulator.PutConnection(env.Seed.ProjectID, env.Seed.Workspace, conn); err != nil {
			t.Fatal(err)
		}
	}
	for i := range clusterFillers {
		filler := map[string]any{"name": fmt.Sprintf("filler-%03d", i), "type": "Cluster", "clusterName": "c0"}
		if err := env.Emulator.PutConnection(env.Seed.ProjectID, env.Seed.Workspace, filler); err != nil {
			t.Fatal(err)
		}
	}
	total := len(handMade) + clusterFillers

	dir := env.Workdir(t)
	dir.SetConfig(env.ProviderBlock())
	// The query uses the provider configured in main.tf.
	dir.WriteFile("adopt.tfquery.hcl", fmt.Sprintf(`
list "atlasx_stream_connection" "adopted" {
  provider = atlasx
  limit    = 1000
  config {
    project_id     = %q
    workspace_name = %q
  }
}
`, env.Seed.ProjectID, env.Seed.Workspace))
	dir.MustRun("init", "-input=false", "-no-color")
	env.Emulator.ResetCounts()
	dir.MustRun("query", "-generate-config-out=generated.tf", "-no-color")
	if got := [2]int{env.Emulator.Count(http.MethodGet, emulator.RouteConnections), env.Emulator.Count(http.MethodGet, emulator.RouteConnection)}; got != [2]int{2, 0} {
		t.Errorf("the query sent %d list pages and %d connection GETs, want 2 and 0", got[0], got[1])
	}

	generated := dir.ReadFile("generated.tf")
	addresses := generatedAddresses(t, generated)
	if len(addresses) != total || strings.Count(generated, `resource "atlasx_stream_connection"`) != total {
		t.Fatalf("generated.tf has %d import blocks and %d resources, want %d of each", len(addresses), strings.Count(generated, `resource "atlasx_stream_connection"`), total)
	}
	var updated []string
	for _, s := range adoptedSecrets {
		name := addresses[connectionNamed(s.resource)]
		if name == "" {
			t.Fatalf("no generated resource for connection %s", connectionNamed(s.resource))
		}
		s.resource = name
		generated = fillSecret(t, generated, s)
		if address := "atlasx_stream_connection." + name; !slices.Contains(updated, address) {
			updated = append(updated, address)
		}
	}
	slices.Sort(updated)
	dir.WriteFile("generated.tf", generated)
	dir.WriteFile("secrets.tf", "variable \"secrets\" {\n  type      = map(string)\n  sensitive = true\n}\n")
	dir.WriteFile("terraform.tfvars", "secrets = "+hclMap(secretValues)+"\n")

	env.Emulator.ResetCounts()
	plan := dir.MustRun("plan", "-out=tfplan", "-input=false", "-no-color")
	checkAdoptionPlan(t, dir, total, updated)
	applied := dir.MustRun("apply", "-input=false", "-no-color", "tfplan")
	for _, r := range []acctest.Result{plan, applied} {
		for _, v := range secretValues {
			if strings.Contains(r.Output, v) {
				t.Errorf("a secret shows in the output of %v", r.Args)
			}
		}
	}
	if n := env.Emulator.Count(http.MethodPost, emulator.RouteConnections) + env.Emulator.Count(http.MethodDelete, emulator.RouteConnection); n != 0 {
		t.Errorf("adopting sent %d creates or deletes, want none", n)
	}
	if got := env.Emulator.Count(http.MethodPatch, emulator.RouteConnection); got != len(updated) {
		t.Errorf("adopting sent %d updates, want %d (one per connection with secrets)", got, len(updated))
	}
	for _, s := range adoptedSecrets {
		conn, _ := env.Emulator.Connection(env.Seed.ProjectID, env.Seed.Workspace, connectionNamed(s.resource))
		if want := secretValues[secretKey(s.value)]; s.inAtlas(conn) != want {
			t.Errorf("%s: Atlas does not hold the configured %s", connectionNamed(s.resource), s.attribute)
		}
	}
	if r := dir.Run("plan", "-detailed-exitcode", "-input=false", "-no-color"); r.ExitCode != 0 {
		t.Errorf("the plan after adopting is not empty:\n%s", r.Errors())
	}
}

var generatedImport = regexp.MustCompile(`import \{\s*to\s*=\s*atlasx_stream_connection\.(\S+)[^}]*?connection_name\s*=\s*"([^"]+)"`)

// generatedAddresses maps each connection name to the resource name the
// generated import block gives it.
func generatedAddresses(t *testing.T, generated string) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, m := range generatedImport.FindAllStringSubmatch(generated, -1) {
		if _, twice := out[m[2]]; twice {
			t.Errorf("connection %s is imported twice", m[2])
		}
		out[m[2]] = m[1]
	}
	return out
}
