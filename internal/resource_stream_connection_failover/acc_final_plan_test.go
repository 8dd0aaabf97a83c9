package resource_stream_connection_failover_test

import (
	"fmt"
	"testing"
)

// One `apply` of two failover connections of one connection that Atlas
// already holds: its plan checks them with one GET of the workspace and one
// list of the connection's failover connections (is the region taken?), the
// final plans of the apply's walk (in a provider process of their own) with
// one more of each between them (a POST in one region does not outdate the
// list for the other), and each POST creates one.
func TestAccFailoverApplyReadsTheWorkspaceOncePerWalk(t *testing.T) {
	t.Parallel()
	const wantWorkspaceReads = 2
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
	if err := expectRequests(env, map[string]int{getWorkspace: wantWorkspaceReads, createFailover: 2, listConnections: 0, listFailovers: 2, getFailover: 0})(nil); err != nil {
		t.Error(err)
	}
}
