package resource_stream_connection_failover_test

import (
	"fmt"
	"maps"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/atlasx/terraform-provider-atlasx/internal/acctest"
)

// applyRefused runs config, whose plan must say pattern as a warning (a
// plan error would also abort a destroy) and whose apply must refuse it with
// the same words before any write. The checks cost, in each of the three
// walks (plan's; apply's plan and its final plans), one GET of the workspace
// with its connections and, when Atlas holds the parent, one list of its
// failover connections: reads counts them in all.
func applyRefused(t *testing.T, env *acctest.Env, config, pattern string, reads map[string]int) {
	t.Helper()
	dir := env.Workdir(t)
	dir.SetConfig(config)
	env.Emulator.ResetCounts()
	plan := dir.MustRun("plan", "-input=false", "-no-color")
	if !errorLike(`Warning: [\s\S]*` + pattern).MatchString(plan.Output) {
		t.Errorf("the plan does not warn %q:\n%s", pattern, plan.Output)
	}
	apply := dir.Run("apply", "-auto-approve", "-input=false", "-no-color")
	if apply.ExitCode == 0 || !errorLike(`Error: [\s\S]*`+pattern).MatchString(apply.Output) {
		t.Errorf("the apply did not refuse with %q:\n%s", pattern, apply.Output)
	}
	want := map[string]int{createFailover: 0, updateFailover: 0, deleteFailover: 0, listConnections: 0}
	maps.Copy(want, reads)
	if err := expectRequests(env, want)(nil); err != nil {
		t.Error(err)
	}
}

// A region that is not one of the workspace's failover regions is said at
// plan, naming the regions it may be, and refused at apply once a fresh read
// of the workspace (one more GET) still lacks it.
func TestAccFailoverPlanRefusesRegionOutsideTheWorkspace(t *testing.T) {
	t.Parallel()
	env := acctest.New(t)
	if err := putParent(env, "orders", "Kafka"); err != nil {
		t.Fatal(err)
	}
	applyRefused(t, env, kafkaFailover(env, "orders", "SYDNEY_AUS", "sydney.example.com:9092", ""),
		`Not a failover region of the workspace[\s\S]*Region "SYDNEY_AUS" is not a failover region of stream workspace "analytics". Its failover regions are OREGON_USA, DUBLIN_IRL: set region to one of them`, map[string]int{getWorkspace: 4, listFailovers: 3})
}

// A failover connection of another type than its connection's is said at
// plan and refused at apply, saying which attribute to set.
func TestAccFailoverPlanRefusesAnotherTypeThanTheParents(t *testing.T) {
	t.Parallel()
	env := acctest.New(t)
	if err := putParent(env, "orders", "Cluster"); err != nil {
		t.Fatal(err)
	}
	applyRefused(t, env, kafkaFailover(env, "orders", "DUBLIN_IRL", "dublin.example.com:9092", ""),
		"Connection \"orders\" is a Cluster connection, so its failover connection is one too: set `cluster` instead of `kafka`", map[string]int{getWorkspace: 3, listFailovers: 3})
}

// Only Kafka and Cluster connections have failover connections.
func TestAccFailoverPlanRefusesAParentWithoutFailovers(t *testing.T) {
	t.Parallel()
	env := acctest.New(t)
	if err := putParent(env, "hook", "Https"); err != nil {
		t.Fatal(err)
	}
	applyRefused(t, env, kafkaFailover(env, "hook", "DUBLIN_IRL", "dublin.example.com:9092", ""),
		`Connection "hook" is a Https connection: only Cluster and Kafka connections have failover connections`, map[string]int{getWorkspace: 3, listFailovers: 3})
}

// Two resources for one connection's failover connection in one region are
// said at plan, and the apply creates the first and refuses the second. (How
// many lists the final plans take depends on whether the second plans before
// or after the first one's POST, so they are not counted.)
func TestAccFailoverPlanRefusesTwoForOneRegion(t *testing.T) {
	t.Parallel()
	env := acctest.New(t)
	if err := putParent(env, "orders", "Kafka"); err != nil {
		t.Fatal(err)
	}
	config := kafkaFailover(env, "orders", "DUBLIN_IRL", "dublin.example.com:9092", "")
	second := strings.Replace(config[strings.Index(config, `resource "atlasx_stream_connection_failover"`):], `"test"`, `"again"`, 1)
	applyRefused(t, env, config+second,
		`Two failover connections for one region[\s\S]*also the failover connection of connection "orders" \(workspace "analytics"\) in region DUBLIN_IRL`, map[string]int{getWorkspace: 3, createFailover: 1})
}

// The example of the issue: a connection and its failover connections in
// both failover regions, created in one apply. Each plan's failover checks
// cost one GET of the workspace, however many failover connections the
// configuration has; the connection's own check lists the workspace's
// connections.
func TestAccFailoverWithItsConnection(t *testing.T) {
	t.Parallel()
	env := acctest.New(t)
	config := env.Config(`
resource "atlasx_stream_connection" "orders" {
  project_id      = "%[project]"
  workspace_name  = "%[workspace]"
  connection_name = "orders"
  kafka = {
    bootstrap_servers = "primary.example.com:9092"
    authentication    = { mechanism = "PLAIN", username = "app", password = "primary-pass" }
  }
}
` + failoverOf("dublin", "DUBLIN_IRL") + failoverOf("oregon", "OREGON_USA"))
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		CheckDestroy:             env.CheckNothingLeft,
		Steps: []resource.TestStep{
			{
				PreConfig: env.Emulator.ResetCounts,
				Config:    config,
				PlanOnly:  true, ExpectNonEmptyPlan: true,
			},
			{
				// A plan-only step runs no Check: count its requests here. It
				// ran two plans (without and with refresh): one each.
				PreConfig: func() {
					if err := expectRequests(env, map[string]int{getWorkspace: 2, listConnections: 2, createFailover: 0})(nil); err != nil {
						t.Error(err)
					}
				},
				Config: config,
				Check: func(*terraform.State) error {
					if got := len(failoversOf(env)); got != 2 {
						return fmt.Errorf("Atlas holds %d failover connections of orders, want 2", got)
					}
					return expectRequests(env, map[string]int{createFailover: 2, updateFailover: 0})(nil)
				},
			},
		},
	})
}

// failoverOf is a Kafka failover connection of atlasx_stream_connection.orders.
func failoverOf(name, region string) string {
	return fmt.Sprintf(`
resource "atlasx_stream_connection_failover" %q {
  project_id      = atlasx_stream_connection.orders.project_id
  workspace_name  = atlasx_stream_connection.orders.workspace_name
  connection_name = atlasx_stream_connection.orders.connection_name
  region          = %q
  kafka = {
    bootstrap_servers = "%s.example.com:9092"
    authentication    = { mechanism = "PLAIN", username = "app", password = "%s-pass" }
  }
}
`, name, region, strings.ToLower(name), name)
}
