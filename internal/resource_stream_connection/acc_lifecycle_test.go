package resource_stream_connection_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/atlasx/terraform-provider-atlasx/internal/acctest"
	"github.com/atlasx/terraform-provider-atlasx/internal/emulator"
)

// kafkaConfig is a Kafka connection named name; extra goes inside the resource.
func kafkaConfig(env *acctest.Env, name, extra string) string {
	return env.Config(fmt.Sprintf(`
resource "atlasx_stream_connection" "test" {
  project_id      = "%%[project]"
  workspace_name  = "%%[workspace]"
  connection_name = %q
  kafka = {
    bootstrap_servers = "b1.example.com:9092"
    authentication    = { mechanism = "PLAIN", username = "app", password = "lifecycle-pass" }
  }
  %s
}
`, name, extra))
}

func stateIs(state string) statecheck.StateCheck {
	return statecheck.ExpectKnownValue(address, tfjsonpath.New("state"), knownvalue.StringExact(state))
}

// reads counts the GETs of one connection since the last ExpectWrites.
func reads(env *acctest.Env) int {
	return env.Emulator.Count("GET", emulator.RouteConnection)
}

func TestAccCreateWaitsOutPending(t *testing.T) {
	t.Parallel()
	env := acctest.New(t, emulator.WithLifecycle(emulator.Lifecycle{PendingReads: 3}))
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		CheckDestroy:             env.CheckNothingLeft,
		Steps: []resource.TestStep{{
			Config:            kafkaConfig(env, "pending", ""),
			ConfigStateChecks: []statecheck.StateCheck{stateIs("READY")},
			Check: func(*terraform.State) error {
				if n := reads(env); n < 3 {
					return fmt.Errorf("create read the connection %d times, want at least 3 while PENDING", n)
				}
				return env.ExpectWrites(acctest.Writes{Create: 1})(nil)
			},
		}},
	})
}

// A READY answer to the POST needs no GET at all.
func TestAccCreateReadyAtOnceSendsNoGet(t *testing.T) {
	t.Parallel()
	env := acctest.New(t)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		Steps: []resource.TestStep{{
			PreConfig: func() { env.Emulator.ResetCounts() },
			Config:    kafkaConfig(env, "ready", ""),
			Check: func(*terraform.State) error {
				if n := reads(env); n != 0 {
					return fmt.Errorf("create read the connection %d times, want 0: the POST answered READY", n)
				}
				return nil
			},
		}},
	})
}

func TestAccCreateRidesOutNotFoundRightAfterCreate(t *testing.T) {
	t.Parallel()
	env := acctest.New(t, emulator.WithLifecycle(emulator.Lifecycle{PendingReads: 1, NotFoundReads: 2}))
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		CheckDestroy:             env.CheckNothingLeft,
		Steps: []resource.TestStep{{
			Config:            kafkaConfig(env, "shy", ""),
			ConfigStateChecks: []statecheck.StateCheck{stateIs("READY")},
			Check:             env.ExpectWrites(acctest.Writes{Create: 1}),
		}},
	})
}

func TestAccFailedCreateLeavesNothingBehind(t *testing.T) {
	t.Parallel()
	env := acctest.New(t, emulator.WithLifecycle(emulator.Lifecycle{FailCreates: true, PendingReads: 1}))
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		Steps: []resource.TestStep{{
			Config:      kafkaConfig(env, "doomed", ""),
			ExpectError: errorLike(`FAILED[\s\S]*It was deleted, so nothing is left behind`),
		}},
	})
	if err := env.CheckNothingLeft(nil); err != nil {
		t.Error(err)
	}
}

func TestAccCreateTimeoutLeavesNothingBehind(t *testing.T) {
	t.Parallel()
	env := acctest.New(t, emulator.WithLifecycle(emulator.Lifecycle{PendingReads: 1_000_000}))
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		Steps: []resource.TestStep{{
			Config:      kafkaConfig(env, "slow", `timeouts = { create = "1s" }`),
			ExpectError: errorLike(`still PENDING[\s\S]*It was deleted, so nothing is left behind`),
		}},
	})
	if err := env.CheckNothingLeft(nil); err != nil {
		t.Error(err)
	}
}

// With delete_on_create_timeout = false the connection is kept, tainted,
// and replaced by the next apply.
func TestAccCreateTimeoutKeepsWhenAsked(t *testing.T) {
	t.Parallel()
	env := acctest.New(t, emulator.WithLifecycle(emulator.Lifecycle{PendingReads: 1_000_000}))
	keep := `
  delete_on_create_timeout = false
  timeouts                 = { create = "1s" }`
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		CheckDestroy:             env.CheckNothingLeft,
		Steps: []resource.TestStep{
			{
				Config:      kafkaConfig(env, "kept", keep),
				ExpectError: errorLike(`It was kept \(delete_on_create_timeout = false\) and is marked tainted`),
			},
			{
				PreConfig: func() {
					if _, ok := env.Emulator.Connection(env.Seed.ProjectID, env.Seed.Workspace, "kept"); !ok {
						panic("the kept connection is not in Atlas")
					}
					env.Emulator.SetLifecycle(emulator.Lifecycle{})
					env.Emulator.ResetCounts()
				},
				Config:           kafkaConfig(env, "kept", keep),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(address, plancheck.ResourceActionDestroyBeforeCreate)}},
				Check:            env.ExpectWrites(acctest.Writes{Create: 1, Delete: 1}),
			},
		},
	})
}

func TestAccDeleteRetriesWhileDeploying(t *testing.T) {
	t.Parallel()
	env := acctest.New(t, emulator.WithLifecycle(emulator.Lifecycle{DeployingDeletes: 2}))
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		CheckDestroy:             resource.ComposeTestCheckFunc(env.CheckNothingLeft, env.ExpectWrites(acctest.Writes{Delete: 3})),
		Steps:                    []resource.TestStep{{Config: kafkaConfig(env, "deploying", ""), Check: env.ExpectWrites(acctest.Writes{Create: 1})}},
	})
}

// Private networking is what lingers in DELETING: its destroy polls until
// the connection is gone. Once Atlas has taken the DELETE of a connection on
// public networking, it holds it at most as DELETING, briefly: destroy sends
// the DELETE and no GET to watch it go, which halves what a destroy sends.
func TestAccDeleteWaitsOnlyForPrivateNetworking(t *testing.T) {
	tests := map[string]struct {
		networking string
		// reads checks the GETs of the connection in the destroy, its
		// refresh included; want says what they should be.
		reads func(int) bool
		want  string
		gone  bool // Atlas shows nothing, not even DELETING, once destroy returns
	}{
		"private": {`networking = { access = { type = "VPC" } }`, func(n int) bool { return n >= 4 }, "at least 4 (3 DELETING, then 404)", true},
		"public":  {"", func(n int) bool { return n == 1 }, "1 (the refresh)", false},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			env := acctest.New(t, emulator.WithLifecycle(emulator.Lifecycle{DeletingReads: 3}))
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: env.Factories(),
				CheckDestroy: resource.ComposeTestCheckFunc(env.CheckNothingLeft, func(*terraform.State) error {
					if left := env.Emulator.Connections(env.Seed.ProjectID, env.Seed.Workspace); tc.gone && len(left) > 0 {
						return fmt.Errorf("destroy returned while Atlas still holds %v", left)
					}
					if n := reads(env); !tc.reads(n) {
						return fmt.Errorf("destroy read the connection %d times, want %s", n, tc.want)
					}
					return env.ExpectWrites(acctest.Writes{Delete: 1})(nil)
				}),
				Steps: []resource.TestStep{{Config: kafkaConfigWithNetworking(env, tc.networking), Check: env.ExpectWrites(acctest.Writes{Create: 1})}},
			})
		})
	}
}

// A replace deletes, then creates the same name: a create that finds its old
// self still DELETING waits until it is gone rather than failing.
func TestAccReplaceWaitsOutTheOldConnection(t *testing.T) {
	t.Parallel()
	env := acctest.New(t, emulator.WithLifecycle(emulator.Lifecycle{DeletingReads: 3}))
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		CheckDestroy:             env.CheckNothingLeft,
		Steps: []resource.TestStep{
			{Config: kafkaConfig(env, "switch", ""), Check: env.ExpectWrites(acctest.Writes{Create: 1})},
			{
				Config:           kafkaConfigWithNetworking(env, `networking = { access = { type = "VPC" } }`),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(address, plancheck.ResourceActionDestroyBeforeCreate)}},
				// The first POST finds the old connection DELETING.
				Check: env.ExpectWrites(acctest.Writes{Create: 2, Delete: 1}),
			},
		},
	})
}

// A first, clean create that finds the name taken (made after the plan
// looked) says so, how to import, and that adopt_existing would take over a
// matching connection.
func TestAccCreateOfAnExistingNameSaysHowToImport(t *testing.T) {
	t.Parallel()
	env := acctest.New(t, emulator.WithFaults(emulator.Faults{ServerError: listsFail}))
	if err := env.Emulator.PutConnection(env.Seed.ProjectID, env.Seed.Workspace, map[string]any{"name": "taken", "type": "Https", "url": "https://example.com"}); err != nil {
		t.Fatal(err)
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		Steps: []resource.TestStep{{
			Config:      kafkaConfig(env, "taken", ""),
			ExpectError: errorLike(`already exists in workspace[\s\S]*import <resource address> ` + env.Seed.ProjectID + `/` + env.Seed.Workspace + `/taken[\s\S]*Or set adopt_existing = true in the provider block`),
		}},
	})
}

// A connection Atlas reports FAILED is replaced by the next apply.
func TestAccFailedConnectionIsReplaced(t *testing.T) {
	t.Parallel()
	env := acctest.New(t)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		CheckDestroy:             env.CheckNothingLeft,
		Steps: []resource.TestStep{
			{Config: kafkaConfig(env, "broken", "")},
			{
				PreConfig: func() {
					conn, _ := env.Emulator.Connection(env.Seed.ProjectID, env.Seed.Workspace, "broken")
					conn["state"] = "FAILED"
					if err := env.Emulator.PutConnection(env.Seed.ProjectID, env.Seed.Workspace, conn); err != nil {
						panic(err)
					}
				},
				Config:            kafkaConfig(env, "broken", ""),
				ConfigPlanChecks:  resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(address, plancheck.ResourceActionDestroyBeforeCreate)}},
				ConfigStateChecks: []statecheck.StateCheck{stateIs("READY")},
			},
		},
	})
}

func TestAccReplaceOnTypeSwitchAndAccessTypeChange(t *testing.T) {
	t.Parallel()
	env := acctest.New(t)
	https := env.Config(`
resource "atlasx_stream_connection" "test" {
  project_id      = "%[project]"
  workspace_name  = "%[workspace]"
  connection_name = "switch"
  https           = { url = "https://example.com" }
}
`)
	expect := func(a plancheck.ResourceActionType) resource.ConfigPlanChecks {
		return resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(address, a)}}
	}
	publicExplicit := `networking = { access = { type = "PUBLIC" } }`
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		CheckDestroy:             env.CheckNothingLeft,
		Steps: []resource.TestStep{
			{Config: kafkaConfig(env, "switch", "")},
			{Config: https, ConfigPlanChecks: expect(plancheck.ResourceActionDestroyBeforeCreate), Check: env.ExpectWrites(acctest.Writes{Create: 2, Delete: 1})},
			{Config: kafkaConfig(env, "switch", ""), ConfigPlanChecks: expect(plancheck.ResourceActionDestroyBeforeCreate), Check: env.ExpectWrites(acctest.Writes{Create: 1, Delete: 1})},
			// Writing the default access type out is not a change of access type.
			{Config: kafkaConfigWithNetworking(env, publicExplicit), ConfigPlanChecks: expect(plancheck.ResourceActionUpdate)},
			{Config: kafkaConfigWithNetworking(env, `networking = { access = { type = "VPC" } }`), ConfigPlanChecks: expect(plancheck.ResourceActionDestroyBeforeCreate)},
			{Config: kafkaConfig(env, "switch", ""), ConfigPlanChecks: expect(plancheck.ResourceActionDestroyBeforeCreate)},
			// Atlas refuses a PATCH of networking (STREAM_NETWORKING_CANNOT_BE_MODIFIED):
			// a changed PrivateLink connection_id or tgw_route_id replaces too.
			{Config: kafkaConfigWithNetworking(env, `networking = { access = { type = "PRIVATE_LINK", connection_id = "aaaaaaaaaaaaaaaaaaaaaaaa" } }`), ConfigPlanChecks: expect(plancheck.ResourceActionDestroyBeforeCreate)},
			{
				PreConfig:        env.Emulator.ResetCounts,
				Config:           kafkaConfigWithNetworking(env, `networking = { access = { type = "PRIVATE_LINK", connection_id = "bbbbbbbbbbbbbbbbbbbbbbbb" } }`),
				ConfigPlanChecks: expect(plancheck.ResourceActionDestroyBeforeCreate),
				Check:            env.ExpectWrites(acctest.Writes{Create: 1, Delete: 1}),
			},
			{Config: kafkaConfigWithNetworking(env, `networking = { access = { type = "TRANSIT_GATEWAY", tgw_route_id = "cccccccccccccccccccccccc" } }`), ConfigPlanChecks: expect(plancheck.ResourceActionDestroyBeforeCreate)},
			{
				PreConfig:        env.Emulator.ResetCounts,
				Config:           kafkaConfigWithNetworking(env, `networking = { access = { type = "TRANSIT_GATEWAY", tgw_route_id = "dddddddddddddddddddddddd" } }`),
				ConfigPlanChecks: expect(plancheck.ResourceActionDestroyBeforeCreate),
				Check:            env.ExpectWrites(acctest.Writes{Create: 1, Delete: 1}),
			},
		},
	})
}

func kafkaConfigWithNetworking(env *acctest.Env, networking string) string {
	return env.Config(fmt.Sprintf(`
resource "atlasx_stream_connection" "test" {
  project_id      = "%%[project]"
  workspace_name  = "%%[workspace]"
  connection_name = "switch"
  kafka = {
    bootstrap_servers = "b1.example.com:9092"
    authentication    = { mechanism = "PLAIN", username = "app", password = "lifecycle-pass" }
    %s
  }
}
`, networking))
}

// Changing only what Atlas never sees (timeouts) updates state and sends nothing.
func TestAccTimeoutsOnlyChangeSendsNothing(t *testing.T) {
	t.Parallel()
	env := acctest.New(t)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		Steps: []resource.TestStep{
			{Config: kafkaConfig(env, "patient", ""), Check: env.ExpectWrites(acctest.Writes{Create: 1})},
			{
				Config:           kafkaConfig(env, "patient", `timeouts = { update = "45m" }`),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(address, plancheck.ResourceActionUpdate)}},
				Check:            env.ExpectWrites(acctest.Writes{}),
			},
		},
	})
}

// A create whose answer never came within its deadline cleans up what it
// may have made, but never a connection of that name that plainly is not
// its own.
func TestAccUnknownCreateLeavesAForeignConnectionAlone(t *testing.T) {
	t.Parallel()
	env := acctest.New(t, emulator.WithFaults(emulator.Faults{
		Slow:        emulator.Fault{Count: 1, Scope: emulator.ConnectionScope("POST")},
		SlowDelay:   3 * time.Second,
		ServerError: listsFail,
	}))
	foreign := map[string]any{"name": "taken", "type": "Https", "url": "https://example.com"}
	if err := env.Emulator.PutConnection(env.Seed.ProjectID, env.Seed.Workspace, foreign); err != nil {
		t.Fatal(err)
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		Steps: []resource.TestStep{{
			Config:      kafkaConfig(env, "taken", `timeouts = { create = "1s" }`),
			ExpectError: errorLike(`exists with type "Https", not "Kafka"[\s\S]*It was left alone`),
		}},
	})
	if _, ok := env.Emulator.Connection(env.Seed.ProjectID, env.Seed.Workspace, "taken"); !ok {
		t.Error("the foreign connection was deleted")
	}
}
