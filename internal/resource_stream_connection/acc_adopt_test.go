package resource_stream_connection_test

import (
	"fmt"
	"net/http"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/atlasx/terraform-provider-atlasx/internal/acctest"
	"github.com/atlasx/terraform-provider-atlasx/internal/client"
	"github.com/atlasx/terraform-provider-atlasx/internal/emulator"
)

// A create that Atlas applied but whose answer was lost is adopted: looked
// up by name, found to match, and sent its secrets again in a PATCH that is
// a valid body (the contract check fails the test otherwise: it once lacked
// the type).
func TestAccCreateAdoptsWhenTheAnswerIsLost(t *testing.T) {
	t.Parallel()
	env := acctest.New(t, emulator.WithFaults(emulator.Faults{
		LostAnswer: emulator.Fault{Count: 1, Scope: emulator.ConnectionScope(http.MethodPost)},
	}))
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		CheckDestroy:             env.CheckNothingLeft,
		Steps: []resource.TestStep{{
			Config: kafkaConfig(env, "adopted", ""),
			Check: func(*terraform.State) error {
				conn, ok := env.Emulator.Connection(env.Seed.ProjectID, env.Seed.Workspace, "adopted")
				if !ok {
					return fmt.Errorf("Atlas does not hold the connection")
				}
				auth, _ := conn["authentication"].(map[string]any)
				if got := auth["password"]; got != "lifecycle-pass" {
					return fmt.Errorf("Atlas holds password %v, want the configured one", got)
				}
				return env.ExpectWrites(acctest.Writes{Create: 1, Update: 1})(nil)
			},
		}},
	})
}

// An adopted connection whose secrets cannot be sent is not left behind:
// the create fails and deletes it, as any failed create does.
func TestAccCreateCleansUpWhenAdoptionFails(t *testing.T) {
	t.Parallel()
	env := acctest.New(t, emulator.WithFaults(emulator.Faults{
		LostAnswer:  emulator.Fault{Count: 1, Scope: emulator.ConnectionScope(http.MethodPost)},
		ServerError: emulator.Fault{Count: client.DefaultMaxRetries + 1, Scope: emulator.ConnectionScope(http.MethodPatch)},
	}))
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		CheckDestroy:             env.CheckNothingLeft,
		Steps: []resource.TestStep{{
			Config:      kafkaConfig(env, "unadoptable", ""),
			ExpectError: errorLike(`sending the secrets of adopted connection[\s\S]*It was deleted, so nothing is left behind`),
		}},
	})
}
