package streamconnection_test

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"

	"github.com/atlasx/terraform-provider-atlasx/internal/acctest"
)

func TestAccSmoke(t *testing.T) {
	t.Parallel()
	env := acctest.New(t)
	cfg := env.Config(`
resource "atlasx_stream_connection" "h" {
  project_id      = "%[project]"
  workspace_name  = "%[workspace]"
  connection_name = "hook"
  https = {
    url     = "https://example.com/a"
    headers = { Authorization = "Bearer one" }
  }
}
`)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		CheckDestroy:             env.CheckNothingLeft,
		Steps: []resource.TestStep{
			{Config: cfg, Check: env.ExpectWrites(acctest.Writes{Create: 1})},
			{Config: cfg, ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}}, Check: env.ExpectWrites(acctest.Writes{})},
		},
	})
}
