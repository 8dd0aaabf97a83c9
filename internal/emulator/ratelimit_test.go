package emulator_test

import (
	"net/http"
	"reflect"
	"testing"
	"time"

	"github.com/atlasx/terraform-provider-atlasx/internal/emulator"
)

// atlasSampleShape is Atlas's documented sample bucket, ten times faster:
// capacity 10, 5 tokens at once every 6 s.
var atlasSampleShape = emulator.RateLimit{Capacity: 10, RefillTokens: 5, RefillInterval: 6 * time.Second}

// A stepwise bucket gains its refill all at once, every interval, up to its
// capacity; an empty one says in Retry-After the whole seconds to the next
// refill, not to one token.
func TestStepwiseRateLimit(t *testing.T) {
	t.Parallel()
	clock := newFakeClock()
	h := newHarness(t, emulator.WithClock(clock.now), emulator.WithRateLimit(atlasSampleShape))
	served := func(n int) int {
		t.Helper()
		ok := 0
		for range n {
			if h.do(http.MethodGet, h.connections(), nil).status == http.StatusOK {
				ok++
			}
		}
		return ok
	}
	retryAfter := func() string {
		t.Helper()
		resp := h.do(http.MethodGet, h.connections(), nil)
		if resp.status != http.StatusTooManyRequests {
			t.Fatalf("status %d, want 429", resp.status)
		}
		return resp.header.Get("Retry-After")
	}
	if got := served(12); got != 10 {
		t.Fatalf("served %d of 12 from a full bucket, want the capacity, 10", got)
	}
	clock.advance(1500 * time.Millisecond)
	if got := retryAfter(); got != "5" {
		t.Errorf("1.5 s in: Retry-After %q, want 5 (4.5 s to the refill, rounded up)", got)
	}
	clock.advance(4400 * time.Millisecond) // 5.9 s: no refill yet, however much time has passed
	if got := retryAfter(); got != "1" {
		t.Errorf("5.9 s in: Retry-After %q, want 1", got)
	}
	clock.advance(100 * time.Millisecond) // the refill: 5 at once
	if got := served(6); got != 5 {
		t.Errorf("served %d of 6 after one refill, want 5", got)
	}
	if got := retryAfter(); got != "6" {
		t.Errorf("at the refill: Retry-After %q, want 6", got)
	}
	clock.advance(60 * time.Second) // ten refills, but no more than the capacity
	if got := served(11); got != 10 {
		t.Errorf("served %d of 11 after ten refills, want the capacity, 10", got)
	}
}

// A 429 says what Atlas's sample says: the detail in words, and parameters
// [endpoint set, retry after, capacity, refill rate, refill seconds]; a
// continuous bucket's rate over the fewest whole seconds. The knob leaves
// both out.
func TestRateLimitedBody(t *testing.T) {
	t.Parallel()
	const set = "api/atlas/v2/groups/{groupId}/streams"
	tests := []struct {
		name           string
		limit          emulator.RateLimit
		wantDetail     string
		wantParameters []any
	}{
		{"stepwise", atlasSampleShape,
			"Rate limit exceeded for " + set + ". Please retry after 6 seconds. Request capacity: 10. Refill rate: 5 per 6 seconds.",
			[]any{set, 6.0, 10.0, 5.0, 6.0}},
		{"continuous", emulator.RateLimit{Capacity: 20, RefillPerSecond: 2},
			"Rate limit exceeded for " + set + ". Please retry after 1 seconds. Request capacity: 20. Refill rate: 2 per 1 seconds.",
			[]any{set, 1.0, 20.0, 2.0, 1.0}},
		{"continuous, slower than a token a second", emulator.RateLimit{Capacity: 1, RefillPerSecond: 0.25},
			"Rate limit exceeded for " + set + ". Please retry after 4 seconds. Request capacity: 1. Refill rate: 1 per 4 seconds.",
			[]any{set, 4.0, 1.0, 1.0, 4.0}},
		{"without parameters", emulator.RateLimit{Capacity: 1, RefillPerSecond: 2, WithoutParameters: true},
			"Resource requests have exceeded the rate limit; retry after the time in Retry-After.",
			[]any{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			clock := newFakeClock()
			h := newHarness(t, emulator.WithClock(clock.now), emulator.WithRateLimit(tt.limit))
			var resp response
			for resp.status != http.StatusTooManyRequests {
				resp = h.do(http.MethodGet, h.connections(), nil)
			}
			body := resp.object(t)
			if body["detail"] != tt.wantDetail {
				t.Errorf("detail %q, want %q", body["detail"], tt.wantDetail)
			}
			if !reflect.DeepEqual(body["parameters"], tt.wantParameters) {
				t.Errorf("parameters %v, want %v", body["parameters"], tt.wantParameters)
			}
			if body["errorCode"] != "RATE_LIMITED_TOKEN_BUCKET" {
				t.Errorf("errorCode %v", body["errorCode"])
			}
		})
	}
}

// GET /rateLimits lists the stream routes' bucket as CONTRACT.md describes
// it (the contract check holds the answers to ratelimits-openapi.yaml),
// filtered as asked, and draws no token from that bucket.
func TestRateLimitsListsTheBucket(t *testing.T) {
	t.Parallel()
	h := newHarness(t, emulator.WithRateLimit(atlasSampleShape))
	accept := withHeader("Accept", "application/vnd.atlas.2025-03-12+json")
	list := h.do(http.MethodGet, "/api/atlas/v2/rateLimits?groupId="+h.seed.ProjectID, nil, accept)
	if list.status != http.StatusOK || list.header.Get("Content-Type") != "application/vnd.atlas.2025-03-12+json" {
		t.Fatalf("list: %d %s %s", list.status, list.header.Get("Content-Type"), list.body)
	}
	results, _ := list.object(t)["results"].([]any)
	if len(results) != 1 {
		t.Fatalf("results %v, want one endpoint set", results)
	}
	set := results[0].(map[string]any)
	for field, want := range map[string]any{
		"endpointSetId":         "streams_group",
		"scope":                 "GROUP",
		"capacity":              map[string]any{"value": 10.0, "defaultValue": nil},
		"refillRate":            map[string]any{"value": 5.0, "defaultValue": nil},
		"refillDurationSeconds": map[string]any{"value": 6.0, "defaultValue": nil},
	} {
		if !reflect.DeepEqual(set[field], want) {
			t.Errorf("%s = %v, want %v", field, set[field], want)
		}
	}
	one := h.do(http.MethodGet, "/api/atlas/v2/rateLimits/streams_group", nil, accept)
	if one.status != http.StatusOK || !reflect.DeepEqual(one.object(t), set) {
		t.Errorf("get: %d %s, want the listed set", one.status, one.body)
	}
	for query, want := range map[string]int{
		"?orgId=32b6e34b3d91647abb20e7b8":   0,
		"?userId=someone":                   0,
		"?name=Atlas%20Stream%20Processing": 1,
		"?name=Other":                       0,
		"?endpointPath=%2Fapi%2Fatlas%2Fv2%2Fgroups%2F%7BgroupId%7D%2Fstreams": 1,
		"?endpointPath=%2Fapi%2Fatlas%2Fv2%2Fclusters":                         0,
	} {
		resp := h.do(http.MethodGet, "/api/atlas/v2/rateLimits"+query, nil, accept)
		if got, _ := resp.object(t)["results"].([]any); resp.status != http.StatusOK || len(got) != want {
			t.Errorf("%s: %d, %d results, want %d", query, resp.status, len(got), want)
		}
	}
	if resp := h.do(http.MethodGet, "/api/atlas/v2/rateLimits/nope", nil, accept); resp.status != http.StatusNotFound {
		t.Errorf("unknown endpoint set: %d, want 404", resp.status)
	}
	if resp := h.do(http.MethodGet, "/api/atlas/v2/rateLimits", nil); resp.status != http.StatusNotAcceptable {
		t.Errorf("version 2025-02-19: %d, want 406 (the operations begin at 2025-03-12)", resp.status)
	}
	// Every request above left the stream bucket full.
	for i := range atlasSampleShape.Capacity {
		if resp := h.do(http.MethodGet, h.connections(), nil); resp.status != http.StatusOK {
			t.Fatalf("stream request %d: %d, want the full bucket", i+1, resp.status)
		}
	}
}

// The knob refuses /rateLimits with 403, as Atlas refuses a key without the
// role; a project the caller has no role in is refused too.
func TestRateLimitsRefused(t *testing.T) {
	t.Parallel()
	accept := withHeader("Accept", "application/vnd.atlas.2025-03-12+json")
	refusing := atlasSampleShape
	refusing.RefuseRateLimits = true
	h := newHarness(t, emulator.WithRateLimit(refusing))
	for _, path := range []string{"/api/atlas/v2/rateLimits", "/api/atlas/v2/rateLimits/streams_group"} {
		if resp := h.do(http.MethodGet, path, nil, accept); resp.status != http.StatusForbidden {
			t.Errorf("%s with the knob: %d, want 403", path, resp.status)
		}
	}
	h = newHarness(t, emulator.WithRateLimit(atlasSampleShape))
	if resp := h.do(http.MethodGet, "/api/atlas/v2/rateLimits?groupId=0123456789abcdef01234567", nil, accept); resp.status != http.StatusForbidden {
		t.Errorf("a project without a role: %d, want 403", resp.status)
	}
	if got := h.em.Counts().Requests["GET "+emulator.RouteRateLimits]; got != 1 {
		t.Errorf("counted %d GET /rateLimits, want 1", got)
	}
}
