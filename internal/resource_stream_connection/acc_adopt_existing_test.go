package resource_stream_connection_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

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

// withAdoptExisting turns adopt_existing on in a configuration's provider block.
func withAdoptExisting(config string) string {
	return strings.Replace(config, `provider "atlasx" {`, `provider "atlasx" {
  adopt_existing = true`, 1)
}

// leftover is what kafkaConfig describes, as a killed apply leaves it in
// Atlas: made, with an older password, and in no state.
func leftover(name string) map[string]any {
	return map[string]any{
		"name": name, "type": "Kafka", "id": "6650e34b3d91647abb20e7b8", "bootstrapServers": "b1.example.com:9092",
		"authentication": map[string]any{"mechanism": "PLAIN", "username": "app", "password": "stale-pass"},
	}
}

// Under adopt_existing a create that finds a matching connection takes it
// over: no second connection, the configured password sent in one PATCH,
// and the next plan empty.
func TestAccAdoptExistingTakesOverAMatchingConnection(t *testing.T) {
	t.Parallel()
	env := acctest.New(t)
	if err := env.Emulator.PutConnection(env.Seed.ProjectID, env.Seed.Workspace, leftover("orphan")); err != nil {
		t.Fatal(err)
	}
	config := withAdoptExisting(kafkaConfig(env, "orphan", ""))
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		CheckDestroy:             env.CheckNothingLeft,
		Steps: []resource.TestStep{
			{
				Config: config,
				Check: resource.ComposeTestCheckFunc(
					env.ExpectWrites(acctest.Writes{Create: 1, Update: 1}),
					func(*terraform.State) error {
						conn, _ := env.Emulator.Connection(env.Seed.ProjectID, env.Seed.Workspace, "orphan")
						auth, _ := conn["authentication"].(map[string]any)
						if auth["password"] != "lifecycle-pass" {
							return fmt.Errorf("Atlas holds password %v, want the configured one", auth["password"])
						}
						return nil
					},
				),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(address, tfjsonpath.New("connection_id"), knownvalue.StringExact("6650e34b3d91647abb20e7b8")),
				},
			},
			{
				Config:           config,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
				Check:            env.ExpectWrites(acctest.Writes{}),
			},
		},
	})
}

// A connection that differs from the configuration is never taken over, nor
// touched: the create fails naming the difference and the import, as
// without adopt_existing.
func TestAccAdoptExistingRefusesADifferentConnection(t *testing.T) {
	tests := map[string]struct {
		existing map[string]any
		error    string
	}{
		"another type": {
			existing: map[string]any{"name": "taken", "type": "Https", "url": "https://example.com"},
			error:    `exists with type "Https", not "Kafka"`,
		},
		"another field": {
			existing: func() map[string]any {
				c := leftover("taken")
				c["bootstrapServers"] = "other.example.com:9092"
				return c
			}(),
			error: `exists but it differs from the configuration: fields \[bootstrapServers\]\.`,
		},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			env := acctest.New(t)
			if err := env.Emulator.PutConnection(env.Seed.ProjectID, env.Seed.Workspace, tc.existing); err != nil {
				t.Fatal(err)
			}
			before, _ := env.Emulator.Connection(env.Seed.ProjectID, env.Seed.Workspace, "taken")
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: env.Factories(),
				Steps: []resource.TestStep{{
					Config:      withAdoptExisting(kafkaConfig(env, "taken", "")),
					ExpectError: errorLike(`adopt_existing takes over only a connection that matches the configuration: connection ` + env.Seed.ProjectID + `/` + env.Seed.Workspace + `/taken ` + tc.error + `[\s\S]*import <resource address>`),
				}},
			})
			after, _ := env.Emulator.Connection(env.Seed.ProjectID, env.Seed.Workspace, "taken")
			if canonicalJSON(after) != canonicalJSON(before) {
				t.Errorf("the refused connection changed:\nbefore %s\nafter  %s", canonicalJSON(before), canonicalJSON(after))
			}
			if n := env.Emulator.Count(http.MethodPatch, emulator.RouteConnection) + env.Emulator.Count(http.MethodDelete, emulator.RouteConnection); n != 0 {
				t.Errorf("the refused connection got %d PATCH or DELETE requests, want none", n)
			}
		})
	}
}

// A connection adopt_existing cannot finish taking over is never deleted:
// the create did not make it. Not when its secrets cannot be sent, and not
// when Atlas is deleting it.
func TestAccAdoptExistingNeverDeletesWhatItCouldNotTakeOver(t *testing.T) {
	tests := map[string]struct {
		knobs   []emulator.Option
		deleted bool // deleted outside Terraform before the apply, so DELETING
		error   string
	}{
		"secrets not sent": {
			knobs: []emulator.Option{emulator.WithFaults(emulator.Faults{
				ServerError: emulator.Fault{Count: client.DefaultMaxRetries + 1, Scope: emulator.ConnectionScope(http.MethodPatch)},
			})},
			error: `sending the secrets of adopted connection[\s\S]*The connection is left in Atlas and not saved in state: apply again to retry`,
		},
		"being deleted": {
			knobs:   []emulator.Option{emulator.WithLifecycle(emulator.Lifecycle{DeletingFor: time.Hour})},
			deleted: true,
			error:   `is still being deleted in workspace "[^"]+", so it cannot be created again yet. Apply again once it is gone`,
		},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			env := acctest.New(t, tc.knobs...)
			if err := env.Emulator.PutConnection(env.Seed.ProjectID, env.Seed.Workspace, leftover("orphan")); err != nil {
				t.Fatal(err)
			}
			if tc.deleted {
				deleteOutside(t, env, "orphan")
			}
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: env.Factories(),
				Steps: []resource.TestStep{{
					Config:      withAdoptExisting(kafkaConfig(env, "orphan", "")),
					ExpectError: errorLike(tc.error),
				}},
			})
			if _, ok := env.Emulator.Connection(env.Seed.ProjectID, env.Seed.Workspace, "orphan"); !ok {
				t.Error("the connection it could not take over was deleted")
			}
			if n := env.Emulator.Count(http.MethodDelete, emulator.RouteConnection) - btoi(tc.deleted); n != 0 {
				t.Errorf("the provider sent %d DELETE requests, want none", n)
			}
		})
	}
}

// deleteOutside deletes a connection through the API, as someone outside
// Terraform does.
func deleteOutside(t *testing.T, env *acctest.Env, name string) {
	t.Helper()
	req, err := http.NewRequestWithContext(t.Context(), http.MethodDelete,
		env.URL+"/api/atlas/v2/groups/"+env.Seed.ProjectID+"/streams/"+env.Seed.Workspace+"/connections/"+name, nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+env.Seed.AccessToken)
	req.Header.Set("Accept", "application/vnd.atlas.2025-02-19+json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusAccepted {
		t.Fatalf("deleting %s answered %s", name, resp.Status)
	}
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}
