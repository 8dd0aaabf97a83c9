package resource_stream_connection_failover_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/atlasx/terraform-provider-atlasx/internal/acctest"
)

// A refresh reads a connection's failover connections from one list,
// however many of them the configuration has, and sends no GET of one.
func TestAccFailoverRefreshSharesOneListPerConnection(t *testing.T) {
	t.Parallel()
	env := acctest.New(t)
	for _, parent := range []string{"orders", "payments"} {
		if err := putParent(env, parent, "Cluster"); err != nil {
			t.Fatal(err)
		}
	}
	var config strings.Builder
	config.WriteString(env.Config(""))
	for _, parent := range []string{"orders", "payments"} {
		for _, region := range []string{"DUBLIN_IRL", "OREGON_USA"} {
			fmt.Fprintf(&config, `
resource "atlasx_stream_connection_failover" "%s_%s" {
  project_id      = %q
  workspace_name  = %q
  connection_name = %q
  region          = %q
  cluster         = { cluster_name = "standby", db_role_to_execute = { role = "atlasAdmin", type = "BUILT_IN" } }
}
`, parent, strings.ToLower(region), env.Seed.ProjectID, env.Seed.Workspace, parent, region)
		}
	}
	refreshed := func() {
		// The plan-only step before ran a plan without refresh, then one
		// with: one list for each of the two connections, in the second.
		if err := expectRequests(env, map[string]int{listFailovers: 2, getFailover: 0})(nil); err != nil {
			t.Error(err)
		}
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		Steps: []resource.TestStep{
			{Config: config.String()},
			{PreConfig: env.Emulator.ResetCounts, Config: config.String(), PlanOnly: true},
			{PreConfig: refreshed, Config: config.String(), PlanOnly: true},
		},
	})
}
