package resource_stream_connection_failover_test

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

// The data sources read one failover connection by region and all of a
// connection's, without secrets, from one list shared with each other.
func TestAccFailoverDataSources(t *testing.T) {
	t.Parallel()
	env := newWithParent(t)
	resources := kafkaFailover(env, "orders", "DUBLIN_IRL", "dublin.example.com:9092", "")
	dataSources := `
data "atlasx_stream_connection_failover" "dublin" {
  project_id      = atlasx_stream_connection_failover.test.project_id
  workspace_name  = atlasx_stream_connection_failover.test.workspace_name
  connection_name = atlasx_stream_connection_failover.test.connection_name
  region          = "DUBLIN_IRL"
}

data "atlasx_stream_connection_failovers" "orders" {
  project_id      = atlasx_stream_connection_failover.test.project_id
  workspace_name  = atlasx_stream_connection_failover.test.workspace_name
  connection_name = atlasx_stream_connection_failover.test.connection_name
}
`
	one, all := "data.atlasx_stream_connection_failover.dublin", "data.atlasx_stream_connection_failovers.orders"
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		CheckDestroy:             checkNoFailoverLeft(env),
		Steps: []resource.TestStep{
			{Config: resources},
			{
				PreConfig: env.Emulator.ResetCounts,
				Config:    resources + dataSources,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(one, tfjsonpath.New("kafka").AtMapKey("bootstrap_servers"), knownvalue.StringExact("dublin.example.com:9092")),
					statecheck.ExpectKnownValue(one, tfjsonpath.New("kafka").AtMapKey("authentication").AtMapKey("password"), knownvalue.Null()),
					statecheck.ExpectKnownValue(one, tfjsonpath.New("state"), knownvalue.StringExact("READY")),
					statecheck.ExpectKnownValue(all, tfjsonpath.New("failover_connections"), knownvalue.ListSizeExact(1)),
					statecheck.ExpectKnownValue(all, tfjsonpath.New("failover_connections").AtSliceIndex(0).AtMapKey("region"), knownvalue.StringExact("DUBLIN_IRL")),
				},
				// The plan refreshes the resource and reads both data sources
				// from one list; the apply of that plan reads nothing.
				Check: expectRequests(env, map[string]int{listFailovers: 1, getFailover: 0, createFailover: 0, updateFailover: 0}),
			},
		},
	})
}
