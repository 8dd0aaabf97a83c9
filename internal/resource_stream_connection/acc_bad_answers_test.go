package resource_stream_connection_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/atlasx/terraform-provider-atlasx/internal/acctest"
)

// badAnswer is one way an answer from Atlas, or from whatever stands in its
// way, can be wrong.
type badAnswer struct {
	name   string
	tamper tamper
	// want is the error; {call} stands for the resource's summary and the
	// call, as the client names it.
	want string
}

func badGetAnswers() []badAnswer {
	get := callTo(http.MethodGet, "hook")
	html := `<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1><hr>proxy</body></html>`
	return []badAnswer{
		{"truncated JSON", tamper{match: get, times: 1, answer: corrupt(func(status int, body []byte) answer {
			return answer{status: status, contentType: "application/json", body: string(body[:len(body)/2])}
		})}, `{call}: HTTP 200 with malformed or truncated JSON`},
		{"wrong field type", tamper{match: get, times: 1, answer: corrupt(withField("url", 42))},
			`Unexpected answer from Atlas[\s\S]*Atlas returned connection "hook" of type Https, whose field "url" holds a JSON number where a string was expected`},
		{"missing fields", tamper{match: get, times: 1, answer: corrupt(withField("name", nil))},
			`{call}: HTTP 200: the answer is not a stream connection: it has no name`},
		{"unknown type", tamper{match: get, times: 1, answer: corrupt(withField("type", "Teleport"))},
			`Unknown connection type[\s\S]*Atlas returned connection "hook" with type "Teleport", which this version of the provider does not know`},
		{"empty body on 200", tamper{match: get, times: 1, answer: corrupt(func(int, []byte) answer {
			return answer{status: http.StatusOK}
		})}, `{call}: HTTP 200 with an empty body, expected JSON`},
		{"HTML page on 200", tamper{match: get, times: 1, answer: corrupt(func(int, []byte) answer {
			return answer{status: http.StatusOK, contentType: "text/html", body: "<html><body>Please sign in to the proxy</body></html>"}
		})}, `{call}: HTTP 200 with a body that is not a JSON object: "Please sign in to the proxy"`},
		// A gateway error is retried; one that lasts ends in a clear error.
		{"HTML error page from a proxy", tamper{match: get, answer: func(*http.Request, []byte, func() *httptest.ResponseRecorder) answer {
			return answer{status: http.StatusBadGateway, contentType: "text/html", body: html}
		}}, `{call}: HTTP 502 Bad Gateway: 502 Bad Gateway 502 Bad Gateway proxy \(gave up after \d+ attempts\)`},
	}
}

// Bad answers to the GET of a refresh fail the plan with an error naming
// the call, and to the PATCH of an update fail the apply; neither panics or
// touches the state. An unreadable answer to the create is looked up by
// name and adopted rather than left behind in Atlas.
func TestAccBadAnswersLeaveStateUntouched(t *testing.T) {
	t.Parallel()
	env := acctest.New(t)
	f := newFront(t, env)
	workingDir := t.TempDir()
	config := func(url string) string {
		return env.Config(fmt.Sprintf(`
resource "atlasx_stream_connection" "test" {
  project_id      = "%%[project]"
  workspace_name  = "%%[workspace]"
  connection_name = "hook"
  https = {
    url     = %q
    headers = { Authorization = "Bearer bad-answers" }
  }
}
`, url))
	}
	v1, v2 := config("https://example.com/v1"), config("https://example.com/v2")
	path := regexp.QuoteMeta(fmt.Sprintf("/api/atlas/v2/groups/%s/streams/%s/connections", env.Seed.ProjectID, env.Seed.Workspace))
	id := regexp.QuoteMeta(env.Seed.ProjectID + "/" + env.Seed.Workspace + "/hook")

	var before string
	var strikes int
	// untouched runs before the step after a failed one.
	untouched := func() {
		if now := f.strikes(); now == strikes {
			t.Error("the failed step's answer was never tampered with")
		} else {
			strikes = now
		}
		if after := stateResources(t, workingDir); after != before {
			t.Errorf("a failed step changed the state:\nbefore %s\nafter  %s", before, after)
		}
	}
	expectWrites := func(want acctest.Writes) {
		if err := env.ExpectWrites(want)(nil); err != nil {
			t.Error(err)
		}
	}
	steps := []resource.TestStep{{
		PreConfig: func() {
			f.arm(tamper{match: createCall, times: 1, answer: corrupt(func(status int, body []byte) answer {
				return answer{status: status, contentType: "application/json", body: string(body[:len(body)-3])}
			})})
		},
		Config: v1,
		Check: func(*terraform.State) error {
			before, strikes = stateResources(t, workingDir), f.strikes()
			if strikes != 1 {
				return fmt.Errorf("the create's answer was not corrupted")
			}
			// One POST; adopting what it made re-sends the headers, which
			// are never read back and so cannot be compared.
			return env.ExpectWrites(acctest.Writes{Create: 1, Update: 1})(nil)
		},
	}}
	for i, bad := range badGetAnswers() {
		steps = append(steps, resource.TestStep{
			PreConfig: func() {
				if i > 0 {
					untouched()
				}
				t.Logf("answering the refresh with: %s", bad.name)
				f.arm(bad.tamper)
			},
			Config:      v1,
			ExpectError: errorLike(strings.ReplaceAll(bad.want, "{call}", `Could not read stream connection `+id+`[\s\S]*GET `+path+`/hook`)),
		})
	}
	steps = append(steps,
		resource.TestStep{
			PreConfig: func() {
				untouched()
				f.disarm()
				expectWrites(acctest.Writes{})
				// Applied, then answered with half a document.
				f.arm(tamper{match: callTo(http.MethodPatch, "hook"), times: 1, answer: corrupt(func(status int, body []byte) answer {
					return answer{status: status, contentType: "application/json", body: string(body[:len(body)/2])}
				})})
			},
			Config:      v2,
			ExpectError: errorLike(`Could not update stream connection ` + id + `[\s\S]*PATCH ` + path + `/hook: HTTP 200 with malformed or truncated JSON`),
		},
		resource.TestStep{
			// State still holds v1, but the PATCH was applied: the refresh
			// reads v2 from Atlas and nothing is left to do.
			PreConfig: func() {
				untouched()
				expectWrites(acctest.Writes{Update: 1})
			},
			Config:            v2,
			ConfigPlanChecks:  resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			ConfigStateChecks: []statecheck.StateCheck{statecheck.ExpectKnownValue(address, tfjsonpath.New("https").AtMapKey("url"), knownvalue.StringExact("https://example.com/v2"))},
			Check:             env.ExpectWrites(acctest.Writes{}),
		},
	)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		WorkingDir:               workingDir,
		CheckDestroy:             env.CheckNothingLeft,
		Steps:                    steps,
	})
}
