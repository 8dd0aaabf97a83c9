package resource_stream_connection_failover_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/atlasx/terraform-provider-atlasx/internal/acctest"
)

// Bad input is refused by validation, before any request, naming the
// attribute: the type attributes are exactly one of kafka and cluster, and
// the connection resource's own validators check their fields.
func TestAccFailoverValidation(t *testing.T) {
	t.Parallel()
	cluster := `cluster = { cluster_name = "standby" }`
	for name, tc := range map[string]struct{ body, want string }{
		"both types": {`kafka = { bootstrap_servers = "b1.example.com:9092" }
  ` + cluster, `Exactly one of these attributes must be configured: \[cluster,kafka\]`},
		"no type":           {``, `Exactly one of these attributes must be configured: \[cluster,kafka\]`},
		"another type":      {`https = { url = "https://example.com" }`, `An argument named "https" is not expected here`},
		"bad servers":       {`kafka = { bootstrap_servers = "no port here" }`, `kafka.bootstrap_servers`},
		"bad project":       {cluster, `project_id[\s\S]*24 lowercase hexadecimal digits`},
		"password and _wo":  {`kafka = { bootstrap_servers = "b1.example.com:9092", authentication = { mechanism = "PLAIN", username = "u", password = "p", password_wo = "q", password_wo_version = 1 } }`, `conflicts with password: set only one`},
		"missing a version": {`kafka = { bootstrap_servers = "b1.example.com:9092", authentication = { mechanism = "PLAIN", username = "u", password_wo = "q" } }`, `kafka.authentication.password_wo_version[\s\S]*is missing`},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			if strings.Contains(tc.body, "password_wo") {
				if ok, _ := acctest.CLIAtLeast(t, "1.11.0", "1.11.0"); !ok {
					t.Skip("the CLI has no write-only attributes")
				}
			}
			env := acctest.New(t)
			project := "%[project]"
			if name == "bad project" {
				project = "not-a-project"
			}
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: env.Factories(),
				Steps: []resource.TestStep{{
					Config: env.Config(fmt.Sprintf(`
resource "atlasx_stream_connection_failover" "test" {
  project_id      = %q
  workspace_name  = "%%[workspace]"
  connection_name = "orders"
  region          = "DUBLIN_IRL"
  %s
}
`, project, tc.body)),
					ExpectError: errorLike(tc.want),
				}},
			})
			env.ExpectNoRequests(t)
		})
	}
}
