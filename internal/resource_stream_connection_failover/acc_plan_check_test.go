package resource_stream_connection_failover_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/atlasx/terraform-provider-atlasx/internal/acctest"
)

// planRefused runs config, which the plan must refuse with an error like
// pattern, and checks that nothing was written and that the checks cost one
// request: a GET of the workspace with its connections.
func planRefused(t *testing.T, env *acctest.Env, config, pattern string) {
	t.Helper()
	env.Emulator.ResetCounts()
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		Steps:                    []resource.TestStep{{Config: config, ExpectError: errorLike(pattern)}},
	})
	if err := expectRequests(env, map[string]int{createFailover: 0, updateFailover: 0, deleteFailover: 0, getWorkspace: 1, listConnections: 0, listFailovers: 0})(nil); err != nil {
		t.Error(err)
	}
}

// A region that is not one of the workspace's failover regions is refused
// at plan time, naming the regions it may be.
func TestAccFailoverPlanRefusesRegionOutsideTheWorkspace(t *testing.T) {
	t.Parallel()
	env := acctest.New(t)
	if err := putParent(env, "orders", "Kafka"); err != nil {
		t.Fatal(err)
	}
	planRefused(t, env, kafkaFailover(env, "orders", "SYDNEY_AUS", "sydney.example.com:9092", ""),
		`Not a failover region of the workspace[\s\S]*Region "SYDNEY_AUS" is not a failover region of stream workspace "analytics". Its failover regions are OREGON_USA, DUBLIN_IRL: set region to one of them`)
}

// A failover connection of another type than its connection's is refused at
// plan time, saying which attribute to set.
func TestAccFailoverPlanRefusesAnotherTypeThanTheParents(t *testing.T) {
	t.Parallel()
	env := acctest.New(t)
	if err := putParent(env, "orders", "Cluster"); err != nil {
		t.Fatal(err)
	}
	planRefused(t, env, kafkaFailover(env, "orders", "DUBLIN_IRL", "dublin.example.com:9092", ""),
		"Connection \"orders\" is a Cluster connection, so its failover connection is one too: set `cluster` instead of `kafka`")
}

// Only Kafka and Cluster connections have failover connections.
func TestAccFailoverPlanRefusesAParentWithoutFailovers(t *testing.T) {
	t.Parallel()
	env := acctest.New(t)
	if err := putParent(env, "hook", "Https"); err != nil {
		t.Fatal(err)
	}
	planRefused(t, env, kafkaFailover(env, "hook", "DUBLIN_IRL", "dublin.example.com:9092", ""),
		`Connection "hook" is a Https connection: only Cluster and Kafka connections have failover connections`)
}

// Two resources for one connection's failover connection in one region are
// refused at plan time.
func TestAccFailoverPlanRefusesTwoForOneRegion(t *testing.T) {
	t.Parallel()
	env := acctest.New(t)
	if err := putParent(env, "orders", "Kafka"); err != nil {
		t.Fatal(err)
	}
	config := kafkaFailover(env, "orders", "DUBLIN_IRL", "dublin.example.com:9092", "")
	second := strings.Replace(config[strings.Index(config, `resource "atlasx_stream_connection_failover"`):], `"test"`, `"again"`, 1)
	planRefused(t, env, config+second,
		`Two failover connections for one region[\s\S]*also the failover connection of connection "orders" \(workspace "analytics"\) in region DUBLIN_IRL`)
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
