package resource_stream_connection_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/atlasx/terraform-provider-atlasx/internal/acctest"
	"github.com/atlasx/terraform-provider-atlasx/internal/emulator"
)

// manyHooks is count Https connections.
func manyHooks(env *acctest.Env, count int) string {
	return env.Config(fmt.Sprintf(`
resource "atlasx_stream_connection" "many" {
  count           = %d
  project_id      = "%%[project]"
  workspace_name  = "%%[workspace]"
  connection_name = "hook-${count.index}"
  https           = { url = "https://example.com/${count.index}" }
}
`, count))
}

func tokenRequests(env *acctest.Env) int {
	return env.Emulator.Count(http.MethodPost, emulator.RouteToken)
}

// Atlas rate-limits the token endpoint, so a provider process fetches one
// service-account token and every resource reuses it. Here one provider
// serves every command of the test in this process: creating 50 connections
// ten at a time, planning again (50 reads) and destroying them (50 deletes)
// must take a single token.
func TestAccOneTokenPerProviderProcess(t *testing.T) {
	t.Parallel()
	env := acctest.New(t)
	config := manyHooks(env, 50)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		CheckDestroy: func(*terraform.State) error {
			if err := env.CheckNothingLeft(nil); err != nil {
				return err
			}
			if n := env.Emulator.Count(http.MethodDelete, emulator.RouteConnection); n != 50 {
				return fmt.Errorf("%d deletes, want 50", n)
			}
			if n := tokenRequests(env); n != 1 {
				return fmt.Errorf("%d token requests after create, plan and destroy, want 1", n)
			}
			return nil
		},
		Steps: []resource.TestStep{
			{
				Config: config,
				Check: func(*terraform.State) error {
					if n := env.Emulator.Count(http.MethodPost, emulator.RouteConnections); n != 50 {
						return fmt.Errorf("%d creates, want 50", n)
					}
					if n := tokenRequests(env); n != 1 {
						return fmt.Errorf("%d token requests for 50 creates, want 1", n)
					}
					return nil
				},
			},
			{
				Config:           config,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
				Check: func(*terraform.State) error {
					// The refresh reads them from lists of the workspace.
					if n := env.Emulator.Count(http.MethodGet, emulator.RouteConnections); n < 1 {
						return fmt.Errorf("%d lists, want at least 1", n)
					}
					if n := tokenRequests(env); n != 1 {
						return fmt.Errorf("%d token requests after reading 50 connections again, want still 1", n)
					}
					return nil
				},
			},
		},
	})
}

// A token Atlas stops accepting before it expires (revoked, or expired
// early) is answered 401: the provider fetches one new token and sends the
// request again, for every request that met the 401.
func TestAccRejectedTokenIsReplacedOnce(t *testing.T) {
	t.Parallel()
	env := acctest.New(t)
	f := newFront(t, env)
	creates := 0
	f.arm(tamper{
		// The fifth create, while others are in flight.
		match: func(r *http.Request) bool {
			if createCall(r) {
				creates++
			}
			return creates == 5
		},
		times: 1,
		answer: func(r *http.Request, _ []byte, forward func() *httptest.ResponseRecorder) answer {
			revoke(t, f, env.Seed, strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer "))
			rec := forward()
			return answer{status: rec.Code, contentType: rec.Header().Get("Content-Type"), body: rec.Body.String()}
		},
	})
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		CheckDestroy:             env.CheckNothingLeft,
		Steps: []resource.TestStep{{
			Config: manyHooks(env, 20),
			Check: func(*terraform.State) error {
				if f.strikes() != 1 {
					return fmt.Errorf("the token was never revoked")
				}
				if n := env.Emulator.Counts().Unauthorized; n == 0 {
					return fmt.Errorf("Atlas never answered 401")
				}
				if n := tokenRequests(env); n != 2 {
					return fmt.Errorf("%d token requests, want 2: the first and its one replacement", n)
				}
				// A request refused with 401 was not applied, so sending it
				// again makes no duplicate.
				return env.ExpectWrites(acctest.Writes{Create: 20})(nil)
			},
		}},
	})
}

// revoke revokes a service-account token at the emulator's OAuth endpoint,
// through the front so that the request reaches the emulator as any other.
func revoke(t *testing.T, f *front, seed emulator.Seed, token string) {
	form := url.Values{"token": {token}, "token_type_hint": {"access_token"}}
	req := httptest.NewRequest(http.MethodPost, emulator.RouteRevoke, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.SetBasicAuth(seed.ClientID, seed.ClientSecret)
	rec := httptest.NewRecorder()
	f.next.ServeHTTP(rec, req)
	if rec.Code != http.StatusOK {
		t.Errorf("revoking the token: HTTP %d %s", rec.Code, rec.Body)
	}
}

// A wrong client secret fails the apply at once, with a message that names
// the service account and what to check; the token endpoint is asked once,
// not once per resource, and nothing is retried.
func TestAccWrongClientSecretFailsAtOnce(t *testing.T) {
	t.Parallel()
	env := acctest.New(t)
	env.Seed.ClientSecret = "mdb_sa_sk_wrong"
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		Steps: []resource.TestStep{{
			Config: manyHooks(env, 5),
			ExpectError: errorLike(`service account "` + env.Seed.ClientID + `" was refused an access token by ` +
				regexp.QuoteMeta(env.URL+emulator.RouteToken) + ` \(HTTP 401, invalid_client\): check the client id and client secret`),
		}},
	})
	if counts := env.Emulator.Counts(); tokenRequests(env) != 1 || len(counts.Requests) != 1 {
		t.Errorf("want exactly one token request and nothing else, got %v", counts.Requests)
	}
}
