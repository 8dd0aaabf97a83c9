package resource_stream_connection_failover_test

import (
	"context"
	"fmt"
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
		f := client.FailoverConnection{Type: client.TypeKafka, Region: region, BootstrapServers: "b1." + region + ".example.com:9092"}
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
					oneList{env},
				},
			},
		},
	})
}

// oneList checks that the query sent one list of failover connections and
// nothing else of theirs.
type oneList struct{ env *acctest.Env }

func (o oneList) CheckQuery(_ context.Context, _ querycheck.CheckQueryRequest, resp *querycheck.CheckQueryResponse) {
	got := o.env.Emulator.Counts().Requests
	if got[listFailovers] != 1 || got[getFailover] != 0 {
		resp.Error = fmt.Errorf("the query listed failover connections %d times and read %d by id, want 1 and 0", got[listFailovers], got[getFailover])
	}
}
