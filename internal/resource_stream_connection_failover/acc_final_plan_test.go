package resource_stream_connection_failover_test

import (
	"fmt"
	"testing"

	"github.com/atlasx/terraform-provider-atlasx/internal/acctest"
)

// One `apply` of two failover connections of one connection: its plan
// checks them with one GET of the workspace, and each POST creates one.
// Terraform 1.16 and later hand each final plan what the plan stored
// (internal/finalplan), so the apply's walk checks nothing again; OpenTofu
// and older Terraform hand nothing on, and the final plans of the walk read
// the workspace once more between them.
func TestAccFailoverApplyReadsTheWorkspaceOncePerWalk(t *testing.T) {
	t.Parallel()
	wantWorkspaceReads := 2
	if acctest.FinalPlanSeesThePlansPrivateData(t) {
		wantWorkspaceReads = 1
	}
	env := newWithParent(t)
	dir := env.Workdir(t)
	config := env.ProviderBlock()
	for _, region := range []string{"DUBLIN_IRL", "OREGON_USA"} {
		config += fmt.Sprintf(`
resource "atlasx_stream_connection_failover" %q {
  project_id      = %q
  workspace_name  = %q
  connection_name = "orders"
  region          = %q
  kafka           = { bootstrap_servers = "b1.%s.example.com:9092" }
}
`, region, env.Seed.ProjectID, env.Seed.Workspace, region, region)
	}
	dir.SetConfig(config)
	env.Emulator.ResetCounts()
	dir.MustRun("apply", "-auto-approve", "-input=false", "-no-color")
	if err := expectRequests(env, map[string]int{getWorkspace: wantWorkspaceReads, createFailover: 2, listConnections: 0, listFailovers: 0, getFailover: 0})(nil); err != nil {
		t.Error(err)
	}
}
