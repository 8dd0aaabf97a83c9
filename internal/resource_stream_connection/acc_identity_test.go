package resource_stream_connection_test

import (
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/atlasx/terraform-provider-atlasx/internal/acctest"
)

// Resource identities came with Terraform 1.12 (OpenTofu 1.12 reads them too).
var identityCLIs = []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_12_0)}

func expectIdentity(env *acctest.Env, name string) statecheck.StateCheck {
	return statecheck.ExpectIdentity(address, map[string]knownvalue.Check{
		"project_id":      knownvalue.StringExact(env.Seed.ProjectID),
		"workspace_name":  knownvalue.StringExact(env.Seed.Workspace),
		"connection_name": knownvalue.StringExact(name),
	})
}

// The identity is recorded on create and stays the same through an update
// and a refresh.
func TestAccIdentityStableAcrossUpdateAndRefresh(t *testing.T) {
	t.Parallel()
	env := acctest.New(t)
	// Another password: an in-place update.
	updated := strings.Replace(kafkaConfig(env, "identified", ""), "lifecycle-pass", "rotated-pass", 1)
	resource.Test(t, resource.TestCase{
		TerraformVersionChecks:   identityCLIs,
		ProtoV6ProviderFactories: env.Factories(),
		CheckDestroy:             env.CheckNothingLeft,
		Steps: []resource.TestStep{
			{
				Config:            kafkaConfig(env, "identified", ""),
				ConfigStateChecks: []statecheck.StateCheck{expectIdentity(env, "identified")},
				Check:             env.ExpectWrites(acctest.Writes{Create: 1}),
			},
			{
				Config: updated,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(address, plancheck.ResourceActionUpdate),
				}},
				ConfigStateChecks: []statecheck.StateCheck{expectIdentity(env, "identified")},
				Check:             env.ExpectWrites(acctest.Writes{Update: 1}),
			},
			{
				// The same configuration again: a refresh, and nothing to change.
				Config:            updated,
				ConfigPlanChecks:  resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
				ConfigStateChecks: []statecheck.StateCheck{expectIdentity(env, "identified")},
			},
		},
	})
}

// An import block with an identity finds the connection, records the same
// identity, and leaves nothing to change. The connection holds no secret:
// Atlas never returns one, so an import cannot know it.
func TestAccIdentityImportBlock(t *testing.T) {
	t.Parallel()
	env := acctest.New(t)
	config := env.Config(`
resource "atlasx_stream_connection" "test" {
  project_id      = "%[project]"
  workspace_name  = "%[workspace]"
  connection_name = "imported"
  cluster         = { cluster_name = "Cluster0", db_role_to_execute = { role = "atlasAdmin", type = "BUILT_IN" } }
}
`)
	resource.Test(t, resource.TestCase{
		TerraformVersionChecks:   identityCLIs,
		ProtoV6ProviderFactories: env.Factories(),
		CheckDestroy:             env.CheckNothingLeft,
		Steps: []resource.TestStep{
			{Config: config},
			{
				Config:           config,
				ResourceName:     address,
				ImportState:      true,
				ImportStateKind:  resource.ImportBlockWithResourceIdentity,
				ImportPlanChecks: resource.ImportPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(address, plancheck.ResourceActionNoop)}},
			},
		},
	})
}

// An identity that cannot name a connection is refused at plan time, naming
// the attribute, before any request.
func TestAccIdentityImportRefusesABadIdentity(t *testing.T) {
	t.Parallel()
	acctest.SkipUnlessCLI(t, "importing by identity", "1.12.0", "1.12.0")
	env := acctest.New(t)
	w := env.Workdir(t)
	w.SetConfig(env.Config(`
import {
  to       = atlasx_stream_connection.test
  identity = { project_id = "not-a-project", workspace_name = "%[workspace]", connection_name = "imported" }
}

resource "atlasx_stream_connection" "test" {
  project_id      = "%[project]"
  workspace_name  = "%[workspace]"
  connection_name = "imported"
  sample          = {}
}
`))
	w.MustRun("init", "-input=false", "-no-color")
	r := w.Run("plan", "-input=false", "-no-color")
	if r.ExitCode == 0 || !errorLike(`Invalid import identity[\s\S]*project_id "not-a-project" is not an Atlas project id`).MatchString(r.Output) {
		t.Errorf("want the identity refused, naming project_id; got:\n%s", r.Errors())
	}
	env.ExpectNoRequests(t)
}
