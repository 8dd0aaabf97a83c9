package resource_stream_connection_failover_test

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/atlasx/terraform-provider-atlasx/internal/acctest"
)

// Create, a no-op plan, an update in place with one PATCH, a replace when
// the region changes, and destroy, each with the requests it may send.
func TestAccFailoverLifecycle(t *testing.T) {
	t.Parallel()
	env := acctest.New(t)
	if err := putParent(env, "orders", "Kafka"); err != nil {
		t.Fatal(err)
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		CheckDestroy:             checkNoFailoverLeft(env),
		Steps: []resource.TestStep{
			{
				PreConfig: env.Emulator.ResetCounts,
				Config:    kafkaFailover(env, "orders", "DUBLIN_IRL", "dublin.example.com:9092", ""),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(address, tfjsonpath.New("state"), knownvalue.StringExact("READY")),
					statecheck.ExpectKnownValue(address, tfjsonpath.New("failover_connection_id"), knownvalue.StringRegexp(regexpMust(`^[0-9a-f]{24}$`))),
					statecheck.ExpectSensitiveValue(address, tfjsonpath.New("kafka").AtMapKey("authentication").AtMapKey("password")),
				},
				Check: resource.ComposeTestCheckFunc(
					func(*terraform.State) error {
						got := failoversOf(env)
						if len(got) != 1 || got[0]["region"] != "DUBLIN_IRL" || got[0]["bootstrapServers"] != "dublin.example.com:9092" {
							return fmt.Errorf("Atlas holds %d failover connections, want the one in DUBLIN_IRL", len(got))
						}
						return nil
					},
					expectRequests(env, map[string]int{createFailover: 1, updateFailover: 0, deleteFailover: 0}),
				),
			},
			{
				Config: kafkaFailover(env, "orders", "DUBLIN_IRL", "dublin2.example.com:9092", ""),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(address, plancheck.ResourceActionUpdate),
				}},
				Check: expectRequests(env, map[string]int{createFailover: 0, updateFailover: 1, deleteFailover: 0}),
			},
			{
				Config: kafkaFailover(env, "orders", "OREGON_USA", "oregon.example.com:9092", ""),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(address, plancheck.ResourceActionDestroyBeforeCreate),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(address, tfjsonpath.New("region"), knownvalue.StringExact("OREGON_USA")),
				},
				Check: expectRequests(env, map[string]int{createFailover: 1, updateFailover: 0, deleteFailover: 1}),
			},
		},
	})
}
