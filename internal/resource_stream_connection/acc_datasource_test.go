package resource_stream_connection_test

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/atlasx/terraform-provider-atlasx/internal/acctest"
)

func TestAccDataSourceReadsOneConnection(t *testing.T) {
	t.Parallel()
	env := acctest.New(t)
	config := env.Config(`
resource "atlasx_stream_connection" "test" {
  project_id      = "%[project]"
  workspace_name  = "%[workspace]"
  connection_name = "orders"
  kafka = {
    bootstrap_servers = "b1.example.com:9092"
    config            = { "auto.offset.reset" = "earliest" }
    authentication    = { mechanism = "SCRAM-256", username = "app", password = "ds-pass" }
  }
}

data "atlasx_stream_connection" "orders" {
  project_id      = atlasx_stream_connection.test.project_id
  workspace_name  = atlasx_stream_connection.test.workspace_name
  connection_name = atlasx_stream_connection.test.connection_name
}
`)
	ds := "data.atlasx_stream_connection.orders"
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		Steps: []resource.TestStep{{
			Config: config,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(ds, tfjsonpath.New("kafka").AtMapKey("bootstrap_servers"), knownvalue.StringExact("b1.example.com:9092")),
				statecheck.ExpectKnownValue(ds, tfjsonpath.New("kafka").AtMapKey("config"), knownvalue.MapExact(map[string]knownvalue.Check{"auto.offset.reset": knownvalue.StringExact("earliest")})),
				statecheck.ExpectKnownValue(ds, tfjsonpath.New("kafka").AtMapKey("authentication").AtMapKey("username"), knownvalue.StringExact("app")),
				// Atlas never returns secrets: the data source has none.
				statecheck.ExpectKnownValue(ds, tfjsonpath.New("kafka").AtMapKey("authentication").AtMapKey("password"), knownvalue.Null()),
				statecheck.ExpectKnownValue(ds, tfjsonpath.New("state"), knownvalue.StringExact("READY")),
				statecheck.CompareValuePairs(ds, tfjsonpath.New("connection_id"), address, tfjsonpath.New("connection_id"), compare.ValuesSame()),
				statecheck.ExpectKnownValue(ds, tfjsonpath.New("https"), knownvalue.Null()),
			},
		}},
	})
}

func TestAccDataSourceMissingConnectionIsAClearError(t *testing.T) {
	t.Parallel()
	env := acctest.New(t)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		Steps: []resource.TestStep{{
			Config: env.Config(`
data "atlasx_stream_connection" "missing" {
  project_id      = "%[project]"
  workspace_name  = "%[workspace]"
  connection_name = "nowhere"
}
`),
			ExpectError: errorLike(`There is no connection "nowhere" in workspace "analytics" of project`),
		}},
	})
}

// The list follows pagination to the end: Atlas pages by at most 500.
func TestAccDataSourceListsEveryConnectionAcrossPages(t *testing.T) {
	t.Parallel()
	env := acctest.New(t)
	const total = 1203
	for i := range total {
		conn := map[string]any{"name": fmt.Sprintf("hook-%04d", i), "type": "Https", "url": "https://example.com"}
		if i == 0 {
			conn = map[string]any{"name": "orders", "type": "Kafka", "bootstrapServers": "b:9092",
				"authentication": map[string]any{"mechanism": "PLAIN", "username": "u", "password": "list-pass"}}
		}
		if err := env.Emulator.PutConnection(env.Seed.ProjectID, env.Seed.Workspace, conn); err != nil {
			t.Fatal(err)
		}
	}
	ds := "data.atlasx_stream_connections.all"
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		Steps: []resource.TestStep{{
			Config: env.Config(`
data "atlasx_stream_connections" "all" {
  project_id     = "%[project]"
  workspace_name = "%[workspace]"
}
`),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(ds, tfjsonpath.New("connections"), knownvalue.ListSizeExact(total)),
				statecheck.ExpectKnownValue(ds, tfjsonpath.New("connections").AtSliceIndex(0).AtMapKey("connection_name"), knownvalue.StringExact("orders")),
				statecheck.ExpectKnownValue(ds, tfjsonpath.New("connections").AtSliceIndex(0).AtMapKey("kafka").AtMapKey("authentication").AtMapKey("password"), knownvalue.Null()),
				statecheck.ExpectKnownValue(ds, tfjsonpath.New("connections").AtSliceIndex(total-1).AtMapKey("https").AtMapKey("url"), knownvalue.StringExact("https://example.com")),
				statecheck.ExpectKnownValue(ds, tfjsonpath.New("id"), knownvalue.StringExact(env.Seed.ProjectID+"/"+env.Seed.Workspace)),
			},
		}},
	})
}
