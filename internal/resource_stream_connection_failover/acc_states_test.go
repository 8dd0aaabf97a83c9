package resource_stream_connection_failover_test

import (
	"fmt"
	"net/http"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/atlasx/terraform-provider-atlasx/internal/acctest"
	"github.com/atlasx/terraform-provider-atlasx/internal/client"
	"github.com/atlasx/terraform-provider-atlasx/internal/emulator"
)

// newWithParent starts an emulator with opts and a Kafka connection "orders".
func newWithParent(t *testing.T, opts ...emulator.Option) *acctest.Env {
	t.Helper()
	env := acctest.New(t, opts...)
	if err := putParent(env, "orders", "Kafka"); err != nil {
		t.Fatal(err)
	}
	return env
}

var stateReady = statecheck.ExpectKnownValue(address, tfjsonpath.New("state"), knownvalue.StringExact("READY"))

func TestAccFailoverCreateWaitsOutPending(t *testing.T) {
	t.Parallel()
	env := newWithParent(t, emulator.WithFailoverLifecycle(emulator.Lifecycle{PendingReads: 3}))
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		CheckDestroy:             checkNoFailoverLeft(env),
		Steps: []resource.TestStep{{
			Config:            kafkaFailover(env, "orders", "DUBLIN_IRL", "dublin.example.com:9092", ""),
			ConfigStateChecks: []statecheck.StateCheck{stateReady},
			Check: func(*terraform.State) error {
				if n := env.Emulator.Count(http.MethodGet, emulator.RouteFailover); n < 3 {
					return fmt.Errorf("create read the failover connection %d times, want at least 3 while PENDING", n)
				}
				return expectRequests(env, map[string]int{createFailover: 1})(nil)
			},
		}},
	})
}

func TestAccFailoverFailedCreateLeavesNothingBehind(t *testing.T) {
	t.Parallel()
	env := newWithParent(t, emulator.WithFailoverLifecycle(emulator.Lifecycle{FailCreates: true, PendingReads: 1}))
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		Steps: []resource.TestStep{{
			Config:      kafkaFailover(env, "orders", "DUBLIN_IRL", "dublin.example.com:9092", ""),
			ExpectError: errorLike(`FAILED[\s\S]*It was deleted, so nothing is left behind`),
		}},
	})
	if err := checkNoFailoverLeft(env)(nil); err != nil {
		t.Error(err)
	}
}

func TestAccFailoverCreateTimeoutLeavesNothingBehind(t *testing.T) {
	t.Parallel()
	env := newWithParent(t, emulator.WithFailoverLifecycle(emulator.Lifecycle{PendingReads: 1_000_000}))
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		Steps: []resource.TestStep{{
			Config:      kafkaFailover(env, "orders", "DUBLIN_IRL", "dublin.example.com:9092", `timeouts = { create = "1s" }`),
			ExpectError: errorLike(`still PENDING[\s\S]*It was deleted, so nothing is left behind`),
		}},
	})
	if err := checkNoFailoverLeft(env)(nil); err != nil {
		t.Error(err)
	}
}

// A create whose answer is lost is never sent again: the failover connection
// it made is found in its region, matches the plan, and is adopted, with its
// secrets sent by one PATCH.
func TestAccFailoverCreateAdoptsWhenTheAnswerIsLost(t *testing.T) {
	t.Parallel()
	env := newWithParent(t)
	env.Emulator.SetFaults(emulator.Faults{LostAnswer: emulator.Fault{Count: 1, Scope: emulator.FailoverScope(http.MethodPost)}})
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		CheckDestroy:             checkNoFailoverLeft(env),
		Steps: []resource.TestStep{{
			Config:            kafkaFailover(env, "orders", "DUBLIN_IRL", "dublin.example.com:9092", ""),
			ConfigStateChecks: []statecheck.StateCheck{stateReady},
			Check: func(*terraform.State) error {
				if got := len(failoversOf(env)); got != 1 {
					return fmt.Errorf("Atlas holds %d failover connections, want 1", got)
				}
				return expectRequests(env, map[string]int{createFailover: 1, updateFailover: 1, deleteFailover: 0})(nil)
			},
		}},
	})
}

// A failover connection deleted outside Terraform leaves the state and is
// planned again; one whose parent connection is gone too.
func TestAccFailoverDrift(t *testing.T) {
	t.Parallel()
	env := newWithParent(t)
	config := kafkaFailover(env, "orders", "DUBLIN_IRL", "dublin.example.com:9092", "")
	expectCreate := resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(address, plancheck.ResourceActionCreate)}}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		CheckDestroy:             checkNoFailoverLeft(env),
		Steps: []resource.TestStep{
			{Config: config},
			{
				PreConfig: func() {
					if !env.Emulator.RemoveFailoverConnection(env.Seed.ProjectID, env.Seed.Workspace, "orders", "DUBLIN_IRL") {
						t.Error("no failover connection to remove")
					}
				},
				Config:           config,
				ConfigPlanChecks: expectCreate,
			},
			{
				// The parent goes, and its failover connections with it: the
				// refresh drops the failover connection, and the plan creates
				// it again (for the parent's next create to carry).
				PreConfig: func() {
					if !env.Emulator.RemoveConnection(env.Seed.ProjectID, env.Seed.Workspace, "orders") {
						t.Error("no parent connection to remove")
					}
				},
				Config:             config,
				PlanOnly:           true,
				ExpectNonEmptyPlan: true,
			},
		},
	})
}

// A replace in the same region waits until Atlas no longer holds the old
// failover connection as DELETING, then creates the new one.
func TestAccFailoverReplaceWaitsOutDeleting(t *testing.T) {
	t.Parallel()
	env := newWithParent(t, emulator.WithFailoverLifecycle(emulator.Lifecycle{DeletingReads: 2}))
	config := kafkaFailover(env, "orders", "DUBLIN_IRL", "dublin.example.com:9092", "")
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		Steps: []resource.TestStep{
			{Config: config},
			{
				PreConfig: env.Emulator.ResetCounts,
				Taint:     []string{address},
				Config:    config,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(address, plancheck.ResourceActionDestroyBeforeCreate),
				}},
				ConfigStateChecks: []statecheck.StateCheck{stateReady},
				Check: func(*terraform.State) error {
					if n := env.Emulator.Count(http.MethodPost, emulator.RouteFailovers); n < 2 {
						return fmt.Errorf("%d POSTs, want a refused one while the old failover connection was DELETING, then the create", n)
					}
					return nil
				},
			},
		},
	})
}

// An update waits while Atlas deploys the change.
func TestAccFailoverUpdateWaitsOutPending(t *testing.T) {
	t.Parallel()
	env := newWithParent(t)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		CheckDestroy:             checkNoFailoverLeft(env),
		Steps: []resource.TestStep{
			{Config: kafkaFailover(env, "orders", "DUBLIN_IRL", "dublin.example.com:9092", "")},
			{
				PreConfig: func() {
					env.Emulator.SetFailoverLifecycle(emulator.Lifecycle{PendingReads: 3})
					env.Emulator.ResetCounts()
				},
				Config:            kafkaFailover(env, "orders", "DUBLIN_IRL", "dublin2.example.com:9092", ""),
				ConfigStateChecks: []statecheck.StateCheck{stateReady},
				Check: func(*terraform.State) error {
					if n := env.Emulator.Count(http.MethodGet, emulator.RouteFailover); n < 3 {
						return fmt.Errorf("the update read the failover connection %d times, want at least 3 while PENDING", n)
					}
					return expectRequests(env, map[string]int{updateFailover: 1})(nil)
				},
			},
		},
	})
}

// A delete whose answer is lost is sent again and finds the failover
// connection gone (404): that is done, not an error.
func TestAccFailoverDeleteTakesNotFoundAsDone(t *testing.T) {
	t.Parallel()
	env := newWithParent(t)
	config := kafkaFailover(env, "orders", "DUBLIN_IRL", "dublin.example.com:9092", "")
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		Steps: []resource.TestStep{
			{Config: config},
			{
				PreConfig: func() {
					env.Emulator.ResetCounts()
					env.Emulator.SetFaults(emulator.Faults{LostAnswer: emulator.Fault{Count: 1, Scope: emulator.FailoverScope(http.MethodDelete)}})
				},
				Config:  config,
				Destroy: true,
				Check: func(*terraform.State) error {
					if n := env.Emulator.Count(http.MethodDelete, emulator.RouteFailover); n != 2 {
						return fmt.Errorf("%d DELETEs, want 2: the one whose answer was lost, and the one that found it gone", n)
					}
					return checkNoFailoverLeft(env)(nil)
				},
			},
		},
	})
}

// A failed create whose clean-up fails too keeps the failover connection in
// state, tainted, and the next apply replaces it: nothing is orphaned.
func TestAccFailoverFailedCreateKeptWhenItCannotBeDeleted(t *testing.T) {
	t.Parallel()
	env := newWithParent(t, emulator.WithFailoverLifecycle(emulator.Lifecycle{FailCreates: true, PendingReads: 1}))
	env.Emulator.SetFaults(emulator.Faults{ServerError: emulator.Fault{Rate: 1, Scope: emulator.FailoverScope(http.MethodDelete)}})
	config := kafkaFailover(env, "orders", "DUBLIN_IRL", "dublin.example.com:9092", "")
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		CheckDestroy:             checkNoFailoverLeft(env),
		Steps: []resource.TestStep{
			{
				Config:      config,
				ExpectError: errorLike(`FAILED[\s\S]*Deleting it failed too[\s\S]*kept in state as tainted`),
			},
			{
				PreConfig: func() {
					env.Emulator.SetFaults(emulator.Faults{})
					env.Emulator.SetFailoverLifecycle(emulator.Lifecycle{})
				},
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(address, plancheck.ResourceActionDestroyBeforeCreate),
				}},
				ConfigStateChecks: []statecheck.StateCheck{stateReady},
			},
		},
	})
}

// A failover connection already in Atlas in the region, one that differs
// from the configuration, is said at plan, with the import block that adopts
// it, and refused at apply before any write: it is neither adopted nor
// deleted, and no POST is sent.
func TestAccFailoverTakenRegionIsRefusedBeforeAnyWrite(t *testing.T) {
	t.Parallel()
	env := newWithParent(t)
	createOutside(t, env, client.FailoverConnection{Type: client.TypeKafka, Region: "DUBLIN_IRL", Settings: map[string]any{"bootstrapServers": "theirs.example.com:9092"}})
	applyRefused(t, env, kafkaFailover(env, "orders", "DUBLIN_IRL", "ours.example.com:9092", ""),
		`Failover connection already exists[\s\S]*already has a failover connection in region DUBLIN_IRL[\s\S]*identity = \{[\s\S]*region = "DUBLIN_IRL"`, map[string]int{getWorkspace: 3, listFailovers: 3})
	if got := failoversOf(env); len(got) != 1 || got[0]["bootstrapServers"] != "theirs.example.com:9092" {
		t.Errorf("Atlas holds %d failover connections, want theirs alone", len(got))
	}
}
