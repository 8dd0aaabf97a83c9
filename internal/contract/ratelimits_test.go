package contract

import (
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"testing"
)

const (
	rateLimits          = "/api/atlas/v2/rateLimits"
	rateLimitsVersioned = "application/vnd.atlas.2025-03-12+json"
	endpointSet         = `{"endpointSetId":"streams_group","endpointSetName":"Atlas Stream Processing","scope":"GROUP",` +
		`"endpoints":[{"method":"GET","path":"/api/atlas/v2/groups/{groupId}/streams"}],` +
		`"capacity":{"value":10,"defaultValue":null},"refillRate":{"value":5,"defaultValue":null},"refillDurationSeconds":{"value":60,"defaultValue":null}}`
	// atlasSample429 is the 429 of Atlas's rate-limit page, parameters and all.
	atlasSample429 = `{"detail":"Rate limit exceeded for api/atlas/v2/orgs. Please retry after 55 seconds. Request capacity: 10. Refill rate: 5 per 60 seconds.",` +
		`"error":429,"errorCode":"RATE_LIMITED_TOKEN_BUCKET","parameters":["api/atlas/v2/orgs",55,10,5,60],"reason":"Too Many Requests"}`
)

// rateLimitsDocument loads the rate-limit operations' document, skipping the
// test when it is absent.
func rateLimitsDocument(t *testing.T) *Document { return documentAt(t, RateLimitsSpecPath) }

// GET /rateLimits and /rateLimits/{id} are held to ratelimits-openapi.yaml,
// and Atlas's sample 429 passes although the document types parameters as
// objects (the repair Load makes).
func TestRateLimitsResponses(t *testing.T) {
	t.Parallel()
	d := rateLimitsDocument(t)
	tests := []struct {
		name, target      string
		status            int
		contentType, body string
		wantViolation     bool
	}{
		{"list", rateLimits + "?groupId=32b6e34b3d91647abb20e7b8", 200, rateLimitsVersioned, `{"links":[],"results":[` + endpointSet + `],"totalCount":1}`, false},
		{"one", rateLimits + "/streams_group", 200, rateLimitsVersioned, endpointSet, false},
		{"scope outside the enum", rateLimits + "/streams_group", 200, rateLimitsVersioned, `{"scope":"PROJECT"}`, true},
		{"capacity not a number", rateLimits + "/streams_group", 200, rateLimitsVersioned, `{"capacity":{"value":"10"}}`, true},
		{"list without results", rateLimits, 200, rateLimitsVersioned, `{"totalCount":0}`, true},
		{"refused", rateLimits, 403, "application/json", `{"error":403,"errorCode":"USER_UNAUTHORIZED","detail":"d","reason":"Forbidden","parameters":[]}`, false},
		{"Atlas's sample 429", rateLimits, 429, "application/json", atlasSample429, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var got []Violation
			mw := d.Middleware(canned(tt.status, tt.contentType, tt.body), func(v Violation) { got = append(got, v) })
			req := httptest.NewRequest(http.MethodGet, tt.target, nil)
			mw.ServeHTTP(httptest.NewRecorder(), req)
			if (len(got) > 0) != tt.wantViolation {
				t.Errorf("violations %v, want any: %v", got, tt.wantViolation)
			}
		})
	}
}

// The stream document takes Atlas's sample 429 body as an undocumented
// error too.
func TestSample429MatchesApiError(t *testing.T) {
	t.Parallel()
	d := document(t)
	got := exchange(t, d, canned(http.StatusTooManyRequests, "application/json", atlasSample429), http.MethodGet, connections, "")
	if len(got) > 0 {
		t.Errorf("violations %v", got)
	}
}

// Check holds /rateLimits to its own document beside the stream one, and
// skips only that check when the document is absent.
func TestCheckCoversRateLimitsUnlessItsDocumentIsAbsent(t *testing.T) {
	rateLimitsDocument(t)
	bad := canned(http.StatusOK, rateLimitsVersioned, `{"scope":"PROJECT"}`)

	tb := &recordingTB{TB: t}
	Check(tb, bad).ServeHTTP(httptest.NewRecorder(), httptest.NewRequest(http.MethodGet, rateLimits+"/streams_group", nil))
	tb.cleanup()
	if len(tb.errors) != 1 {
		t.Errorf("with the document: errors %v, want one", tb.errors)
	}

	t.Setenv(EnvRateLimitsSpec, filepath.Join(t.TempDir(), "missing.yaml"))
	tb = &recordingTB{TB: t}
	Check(tb, bad).ServeHTTP(httptest.NewRecorder(), httptest.NewRequest(http.MethodGet, rateLimits+"/streams_group", nil))
	tb.cleanup()
	if len(tb.errors) > 0 {
		t.Errorf("without the document: errors %v, want none", tb.errors)
	}
	if len(tb.logs) == 0 {
		t.Error("without the document: no log line says the check was skipped")
	}
}
