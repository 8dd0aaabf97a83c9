package resource_stream_connection_failover_test

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/querycheck"
	"github.com/hashicorp/terraform-plugin-testing/querycheck/queryfilter"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/atlasx/terraform-provider-atlasx/internal/acctest"
	"github.com/atlasx/terraform-provider-atlasx/internal/client"
)

// `terraform query` finds a connection's failover connections from one
// list, each with its identity, display name and, on request, the resource
// as an import reads it.
func TestAccFailoverListResource(t *testing.T) {
	t.Parallel()
	acctest.SkipUnlessTerraform(t, "terraform query", "1.14.0")
	env := newWithParent(t)
	api, err := client.New(client.Config{BaseURL: env.URL, AccessToken: env.Seed.AccessToken})
	if err != nil {
		t.Fatal(err)
	}
	for _, region := range []string{"DUBLIN_IRL", "OREGON_USA"} {
		f := client.FailoverConnection{Type: client.TypeKafka, Region: region, Settings: map[string]any{"bootstrapServers": "b1." + region + ".example.com:9092"}}
		if _, err := api.CreateFailoverConnection(context.Background(), env.Seed.ProjectID, env.Seed.Workspace, "orders", &f); err != nil {
			t.Fatal(err)
		}
	}
	const found = "atlasx_stream_connection_failover.orders"
	identity := map[string]knownvalue.Check{
		"project_id": knownvalue.StringExact(env.Seed.ProjectID), "workspace_name": knownvalue.StringExact(env.Seed.Workspace),
		"connection_name": knownvalue.StringExact("orders"), "region": knownvalue.StringExact("OREGON_USA"),
	}
	oregon := queryfilter.ByResourceIdentity(identity)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		Steps: []resource.TestStep{
			// terraform-plugin-testing needs the configuration's provider
			// requirement written before a query step.
			{Config: `output "ready" { value = true }`},
			{
				PreConfig: env.Emulator.ResetCounts,
				Query:     true,
				Config: env.Config(`
list "atlasx_stream_connection_failover" "orders" {
  provider         = atlasx
  include_resource = true
  config {
    project_id      = "%[project]"
    workspace_name  = "%[workspace]"
    connection_name = "orders"
  }
}`),
				QueryResultChecks: []querycheck.QueryResultCheck{
					querycheck.ExpectLength(found, 2),
					querycheck.ExpectIdentity(found, identity),
					querycheck.ExpectResourceDisplayName(found, oregon, knownvalue.StringExact("orders failover in OREGON_USA (Kafka)")),
					querycheck.ExpectResourceKnownValues(found, oregon, []querycheck.KnownValueCheck{{
						Path: tfjsonpath.New("kafka").AtMapKey("bootstrap_servers"), KnownValue: knownvalue.StringExact("b1.OREGON_USA.example.com:9092"),
					}}),
					requestsOfQuery{env, map[string]int{listFailovers: 1, getFailover: 0}},
				},
			},
		},
	})
}

// Without connection_name, `terraform query` finds the failover connections
// of every Kafka and Cluster connection of the workspace: one page of
// connections, then one list of failover connections for each connection
// that can have them (none for the Https one).
func TestAccFailoverListResourceFindsAWorkspacesFailovers(t *testing.T) {
	t.Parallel()
	acctest.SkipUnlessTerraform(t, "terraform query", "1.14.0")
	env := newWithParent(t)
	for name, apiType := range map[string]string{"warehouse": client.TypeCluster, "webhook": client.TypeHTTPS} {
		if err := putParent(env, name, apiType); err != nil {
			t.Fatal(err)
		}
	}
	api, err := client.New(client.Config{BaseURL: env.URL, AccessToken: env.Seed.AccessToken})
	if err != nil {
		t.Fatal(err)
	}
	failovers := map[string]client.FailoverConnection{
		"orders":    {Type: client.TypeKafka, Region: "DUBLIN_IRL", Settings: map[string]any{"bootstrapServers": "b1.dublin.example.com:9092"}},
		"warehouse": {Type: client.TypeCluster, Region: "OREGON_USA", Settings: map[string]any{"clusterName": "warehouse-oregon"}},
	}
	for parent, f := range failovers {
		if _, err := api.CreateFailoverConnection(context.Background(), env.Seed.ProjectID, env.Seed.Workspace, parent, &f); err != nil {
			t.Fatal(err)
		}
	}
	const found = "atlasx_stream_connection_failover.workspace"
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		Steps: []resource.TestStep{
			{Config: `output "ready" { value = true }`},
			{
				PreConfig: env.Emulator.ResetCounts,
				Query:     true,
				Config: env.Config(`
list "atlasx_stream_connection_failover" "workspace" {
  provider = atlasx
  config {
    project_id     = "%[project]"
    workspace_name = "%[workspace]"
  }
}`),
				QueryResultChecks: []querycheck.QueryResultCheck{
					querycheck.ExpectLength(found, 2),
					querycheck.ExpectIdentity(found, map[string]knownvalue.Check{
						"project_id": knownvalue.StringExact(env.Seed.ProjectID), "workspace_name": knownvalue.StringExact(env.Seed.Workspace),
						"connection_name": knownvalue.StringExact("warehouse"), "region": knownvalue.StringExact("OREGON_USA"),
					}),
					requestsOfQuery{env, map[string]int{listConnections: 1, listFailovers: 2, getFailover: 0}},
				},
			},
		},
	})
}

// requestsOfQuery checks the requests a query sent.
type requestsOfQuery struct {
	env  *acctest.Env
	want map[string]int
}

func (q requestsOfQuery) CheckQuery(_ context.Context, _ querycheck.CheckQueryRequest, resp *querycheck.CheckQueryResponse) {
	resp.Error = expectRequests(q.env, q.want)(nil)
}
