package provider_test

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/atlasx/terraform-provider-atlasx/internal/acctest"
	"github.com/atlasx/terraform-provider-atlasx/internal/emulator"
)

func TestMain(m *testing.M) { acctest.Main(m) }

// errorLike matches a CLI error whose lines the CLI may have wrapped.
func errorLike(pattern string) *regexp.Regexp {
	return regexp.MustCompile(strings.ReplaceAll(pattern, " ", `\s+`))
}

const connection = `
resource "atlasx_stream_connection" "test" {
  project_id      = "%[project]"
  workspace_name  = "%[workspace]"
  connection_name = "hook"
  https           = { url = "https://example.com" }
}
`

// withProvider replaces the environment's provider block by block.
func withProvider(env *acctest.Env, block string) string {
	return block + strings.NewReplacer("%[project]", env.Seed.ProjectID, "%[workspace]", env.Seed.Workspace).Replace(connection)
}

func TestAccEachAuthMethod(t *testing.T) {
	tests := []struct {
		name   string
		block  func(env *acctest.Env) string
		tokens int // service-account tokens fetched
	}{
		{"api key (digest)", func(env *acctest.Env) string {
			return fmt.Sprintf(`provider "atlasx" {
  base_url    = %q
  public_key  = %q
  private_key = %q
}`, env.URL, env.Seed.PublicKey, env.Seed.PrivateKey)
		}, 0},
		{"service account", func(env *acctest.Env) string {
			return fmt.Sprintf(`provider "atlasx" {
  base_url      = %q
  client_id     = %q
  client_secret = %q
}`, env.URL, env.Seed.ClientID, env.Seed.ClientSecret)
		}, 1},
		{"access token", func(env *acctest.Env) string {
			return fmt.Sprintf(`provider "atlasx" {
  base_url     = %q
  access_token = %q
}`, env.URL, env.Seed.AccessToken)
		}, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			env := acctest.New(t)
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: env.Factories(),
				CheckDestroy:             env.CheckNothingLeft,
				Steps: []resource.TestStep{{
					PreConfig: env.Emulator.ResetCounts,
					Config:    withProvider(env, tc.block(env)),
					Check: resource.ComposeTestCheckFunc(
						func(*terraform.State) error {
							// The plan of a new connection needs no API call; the apply fetches one token.
							if got := env.Emulator.Count("POST", emulator.RouteToken); got != tc.tokens {
								return fmt.Errorf("token requests = %d, want %d", got, tc.tokens)
							}
							return nil
						},
						env.ExpectWrites(acctest.Writes{Create: 1}),
					),
				}},
			})
		})
	}
}

// Without credentials the provider still validates and plans new
// connections; only a step that needs the API says what to set.
func TestAccNoCredentialsFailOnlyWhenTheAPIIsNeeded(t *testing.T) {
	t.Parallel()
	env := acctest.New(t)
	config := withProvider(env, fmt.Sprintf(`provider "atlasx" {
  base_url = %q
}`, env.URL))
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		Steps: []resource.TestStep{
			{Config: config, PlanOnly: true, ExpectNonEmptyPlan: true},
			{Config: config, ExpectError: errorLike(`no Atlas credentials are set. Set client_id and client_secret`)},
		},
	})
	env.ExpectNoRequests(t)
}

func TestAccBadProviderSettingsFailAtPlan(t *testing.T) {
	tests := map[string]struct{ block, error string }{
		"half an api key": {`provider "atlasx" {
  base_url   = "%s"
  public_key = "pub"
}`, `public_key and private_key go together, but only one of them is set. Set private_key too`},
		"client id as public key": {`provider "atlasx" {
  base_url    = "%s"
  public_key  = "mdb_sa_id_1234"
  private_key = "x"
}`, `"mdb_sa_id_1234" is a service account client id. Set it as client_id`},
		"plain http to a remote host": {`provider "atlasx" {
  base_url     = "http://cloud.example.com%.0s"
  access_token = "t"
}`, `uses plain http, which would send credentials in the clear`},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			env := acctest.New(t)
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: env.Factories(),
				Steps: []resource.TestStep{{
					Config:      withProvider(env, fmt.Sprintf(tc.block, env.URL)),
					PlanOnly:    true,
					ExpectError: errorLike(tc.error),
				}},
			})
			env.ExpectNoRequests(t)
		})
	}
}
