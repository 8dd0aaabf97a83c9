package streamconnection_test

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/atlasx/terraform-provider-atlasx/internal/acctest"
	"github.com/atlasx/terraform-provider-atlasx/internal/emulator"
)

func TestAccExpTokens(t *testing.T) {
	t.Parallel()
	env := acctest.New(t)
	cfg := env.Config(`
resource "atlasx_stream_connection" "many" {
  count           = 50
  project_id      = "%[project]"
  workspace_name  = "%[workspace]"
  connection_name = "hook-${count.index}"
  https = { url = "https://example.com/a" }
}
`)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		Steps: []resource.TestStep{
			{Config: cfg, Check: func(*terraform.State) error {
				t.Logf("tokens after step1: %d, counts %v", env.Emulator.Count("POST", emulator.RouteToken), env.Emulator.Counts().Requests)
				return nil
			}},
		},
	})
	t.Logf("tokens at end: %d", env.Emulator.Count("POST", emulator.RouteToken))
}
