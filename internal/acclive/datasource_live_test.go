//go:build live

package acclive_test

import (
	"fmt"
	"strconv"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
)

// TestAccLiveDataSources reads a connection the test made through both
// data sources and checks them against what Atlas shows.
func TestAccLiveDataSources(t *testing.T) {
	r := liveTest(t)
	name := r.prefix + "data-source"
	hcl := r.resourceConfig("test", name, `https = { url = "https://example.com/atlasx-acc/data-source" }`) + `
data "atlasx_stream_connection" "one" {
  project_id      = atlasx_stream_connection.test.project_id
  workspace_name  = atlasx_stream_connection.test.workspace_name
  connection_name = atlasx_stream_connection.test.connection_name
}

data "atlasx_stream_connections" "all" {
  project_id     = atlasx_stream_connection.test.project_id
  workspace_name = atlasx_stream_connection.test.workspace_name
}
`
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: r.factories(),
		CheckDestroy:             r.atlasGone(name),
		Steps: []resource.TestStep{{
			Config: hcl,
			Check: resource.ComposeAggregateTestCheckFunc(
				r.stateMatchesAtlas("data.atlasx_stream_connection.one", name),
				resource.TestCheckResourceAttr("data.atlasx_stream_connection.one", "https.url", "https://example.com/atlasx-acc/data-source"),
				r.listHolds("data.atlasx_stream_connections.all", name),
			),
		}},
	})
}

// listHolds checks that the list data source holds the connection with the
// id and URL Atlas shows for it.
func (r *liveRun) listHolds(address, name string) func(*terraform.State) error {
	return func(s *terraform.State) error {
		attrs, err := attributes(s, address)
		if err != nil {
			return err
		}
		c, err := r.get(name)
		if err != nil {
			return fmt.Errorf("reading connection %s from Atlas: %w", name, err)
		}
		n, _ := strconv.Atoi(attrs["connections.#"])
		for i := range n {
			item := func(attr string) string { return attrs[fmt.Sprintf("connections.%d.%s", i, attr)] }
			if item("connection_name") != name {
				continue
			}
			if url, _ := c.Settings["url"].(string); item("connection_id") != c.ID || item("https.url") != url {
				return fmt.Errorf("%s lists %s with id %q and url %q; Atlas shows %q and %q", address, name, item("connection_id"), item("https.url"), c.ID, url)
			}
			return nil
		}
		return fmt.Errorf("%s does not list %s among its %d connections", address, name, n)
	}
}
