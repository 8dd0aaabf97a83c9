package emulator_test

import (
	"context"
	"errors"
	"net/http"
	"strconv"
	"testing"
	"time"

	"golang.org/x/oauth2/clientcredentials"

	"github.com/atlasx/terraform-provider-atlasx/internal/emulator"
)

func TestServerErrorsStrikeBeforeApplying(t *testing.T) {
	t.Parallel()
	h := newHarness(t, emulator.WithFaults(emulator.Faults{ServerError: emulator.Fault{Count: 3}}))
	codes := map[int]string{500: "UNEXPECTED_ERROR", 502: "BAD_GATEWAY", 503: "SERVICE_UNAVAILABLE"}
	for i := range 3 {
		resp := h.do(http.MethodPost, h.connections(), kafka())
		if want, ok := codes[resp.status]; !ok || resp.errorCode(t) != want {
			t.Errorf("attempt %d: %d %s", i+1, resp.status, resp.body)
		}
		if _, applied := h.em.Connection(h.seed.ProjectID, h.seed.Workspace, "kafka"); applied {
			t.Fatalf("attempt %d was applied despite its %d", i+1, resp.status)
		}
	}
	h.create(kafka())
	if n := h.em.Counts().Faults[emulator.FaultServerError]; n != 3 {
		t.Errorf("serverError faults counted %d, want 3", n)
	}
}

func TestServerErrorStatuses(t *testing.T) {
	t.Parallel()
	h := newHarness(t, emulator.WithFaults(emulator.Faults{ServerError: emulator.Fault{Count: 2}, ServerErrorStatuses: []int{503}}))
	for range 2 {
		if resp := h.do(http.MethodGet, h.connections(), nil); resp.status != http.StatusServiceUnavailable {
			t.Errorf("%d %s, want 503", resp.status, resp.body)
		}
	}
}

func TestDroppedConnections(t *testing.T) {
	t.Parallel()
	h := newHarness(t, emulator.WithFaults(emulator.Faults{Drop: emulator.Fault{Count: 1}}))
	if _, err := h.try(http.MethodPost, h.connections(), kafka()); err == nil {
		t.Fatal("the dropped request got an answer")
	}
	if _, applied := h.em.Connection(h.seed.ProjectID, h.seed.Workspace, "kafka"); applied {
		t.Error("the dropped request was applied")
	}
	h.create(kafka())
	if n := h.em.Counts().Faults[emulator.FaultDrop]; n != 1 {
		t.Errorf("drop faults counted %d", n)
	}
}

func TestLostAnswers(t *testing.T) {
	t.Parallel()
	h := newHarness(t, emulator.WithFaults(emulator.Faults{LostAnswer: emulator.Fault{Rate: 1}}))
	if resp := h.do(http.MethodGet, h.connections(), nil); resp.status != http.StatusOK {
		t.Errorf("a read lost its answer: %d", resp.status)
	}
	if _, err := h.try(http.MethodPost, h.connections(), kafka()); err == nil {
		t.Fatal("the create got an answer")
	}
	if _, applied := h.em.Connection(h.seed.ProjectID, h.seed.Workspace, "kafka"); !applied {
		t.Error("the create whose answer was lost was not applied")
	}
	// A refused write is not "applied", so its answer arrives.
	if resp := h.do(http.MethodPost, h.connections(), kafka()); resp.status != http.StatusConflict {
		t.Errorf("duplicate create: %d %s", resp.status, resp.body)
	}
	if _, err := h.try(http.MethodDelete, h.connection("kafka"), nil); err == nil {
		t.Fatal("the delete got an answer")
	}
	if _, exists := h.em.Connection(h.seed.ProjectID, h.seed.Workspace, "kafka"); exists {
		t.Error("the delete whose answer was lost was not applied")
	}
}

func TestSlowAnswersOutlastClientTimeouts(t *testing.T) {
	t.Parallel()
	h := newHarness(t, emulator.WithFaults(emulator.Faults{Slow: emulator.Fault{Count: 1}, SlowDelay: 2 * time.Second}))
	impatient := *h.digest
	impatient.Timeout = 30 * time.Millisecond
	_, err := h.try(http.MethodPost, h.connections(), kafka(), withClient(&impatient))
	var timeout interface{ Timeout() bool }
	if !errors.As(err, &timeout) || !timeout.Timeout() {
		t.Fatalf("err = %v, want a client timeout", err)
	}
	if _, applied := h.em.Connection(h.seed.ProjectID, h.seed.Workspace, "kafka"); applied {
		t.Error("the abandoned request was applied")
	}
	h.create(kafka())
}

func TestFaultScopes(t *testing.T) {
	t.Parallel()
	always := func(scope emulator.Scope) emulator.Option {
		return emulator.WithFaults(emulator.Faults{ServerError: emulator.Fault{Rate: 1, Scope: scope}, ServerErrorStatuses: []int{500}})
	}
	tests := []struct {
		name      string
		scope     emulator.Scope
		wantFault map[string]bool // request -> faulted
	}{
		{"every API route", emulator.APIScope(), map[string]bool{"GET workspace": true, "GET connections": true, "POST connections": true, "token": false}},
		{"connection routes", emulator.ConnectionScope(), map[string]bool{"GET workspace": false, "GET connections": true, "POST connections": true, "token": false}},
		{"connection writes", emulator.ConnectionScope(http.MethodPost), map[string]bool{"GET workspace": false, "GET connections": false, "POST connections": true, "token": false}},
		{"token only", emulator.Scope{Routes: []string{emulator.RouteToken}}, map[string]bool{"GET workspace": false, "GET connections": false, "POST connections": false, "token": true}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			h := newHarness(t, always(tt.scope))
			config := clientcredentials.Config{ClientID: h.seed.ClientID, ClientSecret: h.seed.ClientSecret, TokenURL: h.url + emulator.RouteToken}
			_, tokenErr := config.Token(context.Background())
			got := map[string]bool{
				"GET workspace":    h.do(http.MethodGet, h.workspaces()+"/"+h.seed.Workspace, nil).status == 500,
				"GET connections":  h.do(http.MethodGet, h.connections(), nil).status == 500,
				"POST connections": h.do(http.MethodPost, h.connections(), kafka()).status == 500,
				"token":            tokenErr != nil,
			}
			for request, want := range tt.wantFault {
				if got[request] != want {
					t.Errorf("%s faulted = %v, want %v", request, got[request], want)
				}
			}
		})
	}
}

// statusSequence sends n GETs and returns their statuses.
func statusSequence(h *harness, n int) []string {
	var out []string
	for range n {
		out = append(out, strconv.Itoa(h.do(http.MethodGet, h.connections(), nil).status))
	}
	return out
}

func TestSeededFaultsRepeat(t *testing.T) {
	t.Parallel()
	faults := emulator.Faults{Seed: 42, ServerError: emulator.Fault{Rate: 0.5}}
	first := statusSequence(newHarness(t, emulator.WithFaults(faults)), 20)
	second := statusSequence(newHarness(t, emulator.WithFaults(faults)), 20)
	if !equalStrings(first, second) {
		t.Errorf("same seed, different runs:\n%v\n%v", first, second)
	}
	statuses := map[string]bool{}
	for _, s := range first {
		statuses[s] = true
	}
	if !statuses["200"] || len(statuses) < 2 {
		t.Errorf("a 0.5 rate over 20 requests gave %v", first)
	}
}

func TestFaultsChangeAtRuntime(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.em.SetFaults(emulator.Faults{ServerError: emulator.Fault{Rate: 1}, ServerErrorStatuses: []int{502}})
	if resp := h.do(http.MethodGet, h.connections(), nil); resp.status != http.StatusBadGateway {
		t.Errorf("after SetFaults: %d", resp.status)
	}
	h.em.SetFaults(emulator.Faults{})
	if resp := h.do(http.MethodGet, h.connections(), nil); resp.status != http.StatusOK {
		t.Errorf("after clearing faults: %d", resp.status)
	}
}

func TestRateLimit(t *testing.T) {
	t.Parallel()
	h := newHarness(t, emulator.WithRateLimit(emulator.RateLimit{Capacity: 2, RefillPerSecond: 0.01}))
	for i, wantRemaining := range []string{"1", "0"} {
		resp := h.do(http.MethodGet, h.connections(), nil)
		if resp.status != http.StatusOK || resp.header.Get("RateLimit-Limit") != "2" || resp.header.Get("RateLimit-Remaining") != wantRemaining {
			t.Errorf("request %d: %d, limit %q, remaining %q", i+1, resp.status, resp.header.Get("RateLimit-Limit"), resp.header.Get("RateLimit-Remaining"))
		}
	}
	resp := h.do(http.MethodGet, h.connections(), nil)
	if resp.status != http.StatusTooManyRequests || resp.errorCode(t) != "RATE_LIMITED_TOKEN_BUCKET" {
		t.Fatalf("third request: %d %s", resp.status, resp.body)
	}
	if retry, err := strconv.Atoi(resp.header.Get("Retry-After")); err != nil || retry < 1 {
		t.Errorf("Retry-After %q", resp.header.Get("Retry-After"))
	}
	if resp.header.Get("RateLimit-Remaining") != "0" {
		t.Errorf("RateLimit-Remaining %q on 429", resp.header.Get("RateLimit-Remaining"))
	}
	if n := h.em.Counts().RateLimited; n != 1 {
		t.Errorf("RateLimited = %d", n)
	}
}

// Atlas may leave out the RateLimit-* headers: the knob does, on successes
// and 429s alike, and the 429 still says Retry-After in whole seconds.
func TestRateLimitWithoutHeaders(t *testing.T) {
	t.Parallel()
	h := newHarness(t, emulator.WithRateLimit(emulator.RateLimit{Capacity: 1, RefillPerSecond: 0.4, WithoutHeaders: true}))
	ok := h.do(http.MethodGet, h.connections(), nil)
	limited := h.do(http.MethodGet, h.connections(), nil)
	if ok.status != http.StatusOK || limited.status != http.StatusTooManyRequests {
		t.Fatalf("statuses %d, %d; want 200, 429", ok.status, limited.status)
	}
	for _, resp := range []response{ok, limited} {
		if got := resp.header.Values("RateLimit-Limit"); len(got) > 0 {
			t.Errorf("%d: RateLimit-Limit %q sent", resp.status, got)
		}
		if got := resp.header.Values("RateLimit-Remaining"); len(got) > 0 {
			t.Errorf("%d: RateLimit-Remaining %q sent", resp.status, got)
		}
	}
	if got := limited.header.Get("Retry-After"); got != "3" {
		t.Errorf("Retry-After %q, want 3 (2.5 s rounded up to whole seconds)", got)
	}
}

func TestRateLimitRefills(t *testing.T) {
	t.Parallel()
	clock := newFakeClock()
	h := newHarness(t, emulator.WithClock(clock.now), emulator.WithRateLimit(emulator.RateLimit{Capacity: 1, RefillPerSecond: 50}))
	h.do(http.MethodGet, h.connections(), nil)
	limited := h.do(http.MethodGet, h.connections(), nil)
	if limited.status != http.StatusTooManyRequests || limited.header.Get("Retry-After") != "1" {
		t.Fatalf("second request: %d, Retry-After %q", limited.status, limited.header.Get("Retry-After"))
	}
	clock.advance(30 * time.Millisecond)
	if resp := h.do(http.MethodGet, h.connections(), nil); resp.status != http.StatusOK {
		t.Errorf("after refilling: %d", resp.status)
	}
}

func TestRateLimitBuckets(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name         string
		limit        emulator.RateLimit
		wantSecondOK bool // the second principal's first request
		wantWorkOK   bool // a workspace request after the bucket is empty
	}{
		{"shared bucket", emulator.RateLimit{Capacity: 1}, false, false},
		{"per principal", emulator.RateLimit{Capacity: 1, PerPrincipal: true}, true, false},
		{"connection routes only", emulator.RateLimit{Capacity: 1, Scope: emulator.ConnectionScope()}, false, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			h := newHarness(t, emulator.WithRateLimit(tt.limit))
			h.em.AddAccessToken("second")
			h.em.GrantRole("second", h.seed.ProjectID, emulator.RoleProjectReadOnly)
			if resp := h.do(http.MethodGet, h.connections(), nil); resp.status != http.StatusOK {
				t.Fatalf("first request: %d", resp.status)
			}
			if ok := h.do(http.MethodGet, h.connections(), nil, withBearer("second")).status == http.StatusOK; ok != tt.wantSecondOK {
				t.Errorf("second principal served = %v, want %v", ok, tt.wantSecondOK)
			}
			if ok := h.do(http.MethodGet, h.workspaces(), nil).status == http.StatusOK; ok != tt.wantWorkOK {
				t.Errorf("workspace request served = %v, want %v", ok, tt.wantWorkOK)
			}
		})
	}
}

func TestLatency(t *testing.T) {
	t.Parallel()
	h := newHarness(t, emulator.WithLatency(20*time.Millisecond))
	for _, latency := range []time.Duration{20 * time.Millisecond, 40 * time.Millisecond} {
		h.em.SetLatency(latency)
		start := time.Now()
		h.do(http.MethodGet, h.connections(), nil, withBearer(h.seed.AccessToken))
		if elapsed := time.Since(start); elapsed < latency {
			t.Errorf("request took %v with %v latency", elapsed, latency)
		}
	}
}
