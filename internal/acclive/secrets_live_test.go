//go:build live

package acclive_test

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/config"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
)

// TestAccLiveSecretRotation rotates an HTTPS Authorization header, the one
// secret Atlas shows, so the test can see the new value arrive; it comes
// from a variable, as secrets do, and is compared here, never printed.
func TestAccLiveSecretRotation(t *testing.T) {
	r := liveTest(t)
	name := r.prefix + "rotation"
	hcl := r.config(fmt.Sprintf(`
variable "token" {
  type      = string
  sensitive = true
}

resource "atlasx_stream_connection" "test" {
  project_id      = "%%[project]"
  workspace_name  = "%%[workspace]"
  connection_name = %q
  https = {
    url     = "https://example.com/atlasx-acc/rotation"
    headers = { Authorization = "Bearer ${var.token}" }
  }
}
`, name))
	step := func(token string, action plancheck.ResourceActionType) resource.TestStep {
		return resource.TestStep{
			Config:           hcl,
			ConfigVariables:  config.Variables{"token": config.StringVariable(token)},
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: expect(action)},
			Check: resource.ComposeAggregateTestCheckFunc(
				r.atlasShows(name, `"url":"https://example.com/atlasx-acc/rotation"`),
				r.authorizationIs(name, "Bearer "+token),
			),
		}
	}
	first, second := r.prefix+"token-1", r.prefix+"token-2"
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: r.factories(),
		CheckDestroy:             r.atlasGone(name),
		Steps: []resource.TestStep{
			step(first, plancheck.ResourceActionCreate),
			step(second, plancheck.ResourceActionUpdate),
			{
				Config:           hcl,
				ConfigVariables:  config.Variables{"token": config.StringVariable(second)},
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
		},
	})
}

// authorizationIs checks, in state and in Atlas, the Authorization header
// of the connection, without showing either value.
func (r *liveRun) authorizationIs(name, want string) func(*terraform.State) error {
	return func(s *terraform.State) error {
		attrs, err := attributes(s, address)
		if err != nil {
			return err
		}
		if attrs["https.headers.Authorization"] != want {
			return fmt.Errorf("the state's Authorization header of %s is not the configured one", name)
		}
		c, err := r.get(name)
		if err != nil {
			return fmt.Errorf("reading connection %s from Atlas: %w", name, err)
		}
		if header, _ := c.Setting("headers", "Authorization"); header != want {
			return fmt.Errorf("Atlas's Authorization header of %s is not the configured one", name)
		}
		return nil
	}
}
