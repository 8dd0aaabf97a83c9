package resource_stream_connection_test

import (
	"context"
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/atlasx/terraform-provider-atlasx/internal/acctest"
	"github.com/atlasx/terraform-provider-atlasx/internal/client"
	"github.com/atlasx/terraform-provider-atlasx/internal/emulator"
)

// A read that Atlas throttles without end fails once the provider's
// read_timeout has passed, saying it was the rate limit, how long it waited
// and how to wait longer, rather than hanging the refresh.
func TestAccReadTimeoutEndsEndlessThrottling(t *testing.T) {
	t.Parallel()
	// One token, never refilled: once it is spent every answer is 429.
	env := acctest.New(t, emulator.WithRateLimit(emulator.RateLimit{Capacity: 1}))
	drain, err := client.New(client.Config{BaseURL: env.URL, AccessToken: env.Seed.AccessToken})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := drain.GetStreamConnection(context.Background(), env.Seed.ProjectID, env.Seed.Workspace, "orders"); !client.IsNotFound(err) {
		t.Fatalf("draining the bucket: %v", err)
	}
	config := fmt.Sprintf(`
provider "atlasx" {
  base_url      = %q
  client_id     = %q
  client_secret = %q
  read_timeout  = "2s"
}

data "atlasx_stream_connection" "orders" {
  project_id      = %q
  workspace_name  = %q
  connection_name = "orders"
}
`, env.URL, env.Seed.ClientID, env.Seed.ClientSecret, env.Seed.ProjectID, env.Seed.Workspace)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		Steps: []resource.TestStep{{
			Config:      config,
			ExpectError: regexp.MustCompile(`(?s)held\s+back\s+by\s+Atlas's\s+rate\s+limit\s+for.*read_timeout\s+ran\s+out.*Raise\s+read_timeout\s+in\s+the\s+provider\s+block\s+\(now\s+2s`),
		}},
	})
	if n := env.Emulator.Counts().RateLimited; n > 2 {
		t.Errorf("%d answers of 429: a throttled read must wait out Retry-After, not ask again", n)
	}
}
