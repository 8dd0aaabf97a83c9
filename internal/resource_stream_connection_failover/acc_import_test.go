package resource_stream_connection_failover_test

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/atlasx/terraform-provider-atlasx/internal/acctest"
)

// clusterFailover is a Cluster failover connection of connection in region.
// It holds no secret, which an import could not know.
func clusterFailover(env *acctest.Env, connection, region string) string {
	return env.Config(fmt.Sprintf(`
resource "atlasx_stream_connection_failover" "test" {
  project_id      = "%%[project]"
  workspace_name  = "%%[workspace]"
  connection_name = %q
  region          = %q
  cluster         = { cluster_name = "dublin", db_role_to_execute = { role = "atlasAdmin", type = "BUILT_IN" } }
}
`, connection, region))
}

// Resource identities came with Terraform 1.12 (OpenTofu 1.12 reads them too).
var identityCLIs = []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_12_0)}

func expectIdentity(env *acctest.Env, connection, region string) statecheck.StateCheck {
	return statecheck.ExpectIdentity(address, map[string]knownvalue.Check{
		"project_id":      knownvalue.StringExact(env.Seed.ProjectID),
		"workspace_name":  knownvalue.StringExact(env.Seed.Workspace),
		"connection_name": knownvalue.StringExact(connection),
		"region":          knownvalue.StringExact(region),
	})
}

// Import by `project/workspace/connection/region` and by the official
// provider's `project/workspace/connection/failover_connection_id` reads
// the same state as the create wrote, each with one list and no write.
func TestAccFailoverImportByBothIDForms(t *testing.T) {
	t.Parallel()
	env := acctest.New(t)
	if err := putParent(env, "orders", "Cluster"); err != nil {
		t.Fatal(err)
	}
	config := clusterFailover(env, "orders", "DUBLIN_IRL")
	noWrites := map[string]int{createFailover: 0, updateFailover: 0, deleteFailover: 0, getFailover: 0, listFailovers: 1}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		CheckDestroy:             checkNoFailoverLeft(env),
		Steps: []resource.TestStep{
			{Config: config, Check: expectRequests(env, map[string]int{createFailover: 1})},
			{
				PreConfig:                            env.Emulator.ResetCounts,
				Config:                               config,
				ResourceName:                         address,
				ImportState:                          true,
				ImportStateId:                        env.Seed.ProjectID + "/" + env.Seed.Workspace + "/orders/DUBLIN_IRL",
				ImportStateVerify:                    true,
				ImportStateVerifyIdentifierAttribute: "failover_connection_id",
				ImportStateCheck:                     func([]*terraform.InstanceState) error { return expectRequests(env, noWrites)(nil) },
			},
			{
				PreConfig:    env.Emulator.ResetCounts,
				Config:       config,
				ResourceName: address,
				ImportState:  true,
				ImportStateIdFunc: func(s *terraform.State) (string, error) {
					id := s.RootModule().Resources[address].Primary.Attributes["failover_connection_id"]
					return env.Seed.ProjectID + "/" + env.Seed.Workspace + "/orders/" + id, nil
				},
				ImportStateVerify:                    true,
				ImportStateVerifyIdentifierAttribute: "failover_connection_id",
				ImportStateCheck:                     func([]*terraform.InstanceState) error { return expectRequests(env, noWrites)(nil) },
			},
		},
	})
}

// The identity is the parent's names and the region: recorded on create, and
// an import block with it finds the failover connection.
func TestAccFailoverIdentityImportBlock(t *testing.T) {
	t.Parallel()
	env := acctest.New(t)
	if err := putParent(env, "orders", "Cluster"); err != nil {
		t.Fatal(err)
	}
	config := clusterFailover(env, "orders", "OREGON_USA")
	resource.Test(t, resource.TestCase{
		TerraformVersionChecks:   identityCLIs,
		ProtoV6ProviderFactories: env.Factories(),
		CheckDestroy:             checkNoFailoverLeft(env),
		Steps: []resource.TestStep{
			{Config: config, ConfigStateChecks: []statecheck.StateCheck{expectIdentity(env, "orders", "OREGON_USA")}},
			{
				Config:          config,
				ResourceName:    address,
				ImportState:     true,
				ImportStateKind: resource.ImportBlockWithResourceIdentity,
			},
		},
	})
}

// An import id of another shape is refused with the forms it may take,
// before any request.
func TestAccFailoverImportRefusesBadID(t *testing.T) {
	t.Parallel()
	env := acctest.New(t)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		Steps: []resource.TestStep{{
			Config:        clusterFailover(env, "orders", "OREGON_USA"),
			ResourceName:  address,
			ImportState:   true,
			ImportStateId: env.Seed.ProjectID + "/" + env.Seed.Workspace + "/orders",
			ExpectError:   errorLike(`project_id/workspace_name/connection_name/region`),
		}},
	})
	env.ExpectNoRequests(t)
}
