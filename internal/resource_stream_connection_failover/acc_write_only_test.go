package resource_stream_connection_failover_test

import (
	"fmt"
	"os"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/atlasx/terraform-provider-atlasx/internal/repo"
)

// A write-only password reaches Atlas on create and whenever its version
// changes, never the state; a new value under the same version sends nothing.
func TestAccFailoverWriteOnlyPassword(t *testing.T) {
	t.Parallel()
	hasWriteOnly, version, err := repo.HasWriteOnly(os.Getenv("TF_ACC_TERRAFORM_PATH"))
	if err != nil {
		t.Fatal(err)
	}
	if !hasWriteOnly {
		t.Skipf("CLI %s has no write-only attributes", version)
	}
	env := newWithParent(t)
	config := func(password string, version int) string {
		return env.Config(fmt.Sprintf(`
resource "atlasx_stream_connection_failover" "test" {
  project_id      = "%%[project]"
  workspace_name  = "%%[workspace]"
  connection_name = "orders"
  region          = "DUBLIN_IRL"
  kafka = {
    bootstrap_servers = "dublin.example.com:9092"
    authentication = {
      mechanism           = "SCRAM-256"
      username            = "app"
      password_wo         = %q
      password_wo_version = %d
    }
  }
}
`, password, version))
	}
	held := func(want string) func(*terraform.State) error {
		return func(*terraform.State) error {
			f := failoversOf(env)
			if len(f) != 1 {
				return fmt.Errorf("Atlas holds %d failover connections, want 1", len(f))
			}
			if got := f[0]["authentication"].(map[string]any)["password"]; got != want {
				return fmt.Errorf("Atlas holds another password than %q", want)
			}
			return nil
		}
	}
	notInState := []statecheck.StateCheck{
		statecheck.ExpectKnownValue(address, tfjsonpath.New("kafka").AtMapKey("authentication").AtMapKey("password_wo"), knownvalue.Null()),
		statecheck.ExpectKnownValue(address, tfjsonpath.New("kafka").AtMapKey("authentication").AtMapKey("password"), knownvalue.Null()),
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		CheckDestroy:             checkNoFailoverLeft(env),
		Steps: []resource.TestStep{
			{
				PreConfig:         env.Emulator.ResetCounts,
				Config:            config("first-secret", 1),
				ConfigStateChecks: notInState,
				Check:             resource.ComposeTestCheckFunc(held("first-secret"), expectRequests(env, map[string]int{createFailover: 1, updateFailover: 0})),
			},
			{
				Config: config("second-secret", 1),
				Check:  resource.ComposeTestCheckFunc(held("first-secret"), expectRequests(env, map[string]int{updateFailover: 0})),
			},
			{
				Config:            config("second-secret", 2),
				ConfigStateChecks: notInState,
				Check:             resource.ComposeTestCheckFunc(held("second-secret"), expectRequests(env, map[string]int{updateFailover: 1})),
			},
		},
	})
}
