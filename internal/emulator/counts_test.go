package emulator_test

import (
	"context"
	"encoding/json"
	"net/http"
	"testing"

	"golang.org/x/oauth2/clientcredentials"

	"github.com/atlasx/terraform-provider-atlasx/internal/emulator"
)

func TestCounts(t *testing.T) {
	t.Parallel()
	h := newHarness(t, emulator.WithRateLimit(emulator.RateLimit{Capacity: 4}),
		emulator.WithFaults(emulator.Faults{ServerError: emulator.Fault{Count: 1, Scope: emulator.ConnectionScope(http.MethodDelete)}}))
	h.create(kafka())                                // POST: 1 challenge + 1 counted
	h.do(http.MethodGet, h.connection("kafka"), nil) // GET
	h.do(http.MethodPatch, h.connection("kafka"), map[string]any{"name": "kafka", "type": "Kafka", "bootstrapServers": "n:1"})
	h.do(http.MethodDelete, h.connection("kafka"), nil)            // faulted
	h.do(http.MethodDelete, h.connection("kafka"), nil)            // rate limited
	h.do(http.MethodGet, h.connections(), nil, withBearer("nope")) // unauthorized
	config := clientcredentials.Config{ClientID: h.seed.ClientID, ClientSecret: h.seed.ClientSecret, TokenURL: h.url + emulator.RouteToken}
	if _, err := config.Token(context.Background()); err != nil {
		t.Fatal(err)
	}

	want := emulator.Counts{
		Requests: map[string]int{
			"POST " + emulator.RouteConnections:  1,
			"GET " + emulator.RouteConnection:    1,
			"PATCH " + emulator.RouteConnection:  1,
			"DELETE " + emulator.RouteConnection: 2,
			"POST " + emulator.RouteToken:        1,
		},
		Unauthorized: 6, // five digest challenges and the bad bearer token
		RateLimited:  1,
		Faults:       map[string]int{emulator.FaultServerError: 1},
	}
	got := h.em.Counts()
	if !jsonEqual(got, want) {
		t.Errorf("Counts() = %+v\nwant %+v", got, want)
	}
	if n := h.em.Count(http.MethodDelete, emulator.RouteConnection); n != 2 {
		t.Errorf("Count(DELETE, RouteConnection) = %d", n)
	}

	var overHTTP emulator.Counts
	resp := h.do(http.MethodGet, emulator.AdminCountsPath, nil, withClient(h.plain))
	if err := json.Unmarshal(resp.body, &overHTTP); err != nil || !jsonEqual(overHTTP, want) {
		t.Errorf("GET %s = %s (%v)", emulator.AdminCountsPath, resp.body, err)
	}

	h.em.ResetCounts()
	if got := h.em.Counts(); len(got.Requests) != 0 || got.Unauthorized != 0 || got.RateLimited != 0 || len(got.Faults) != 0 {
		t.Errorf("after ResetCounts: %+v", got)
	}
	h.do(http.MethodGet, h.connections(), nil, withBearer(h.seed.AccessToken))
	if resp := h.do(http.MethodDelete, emulator.AdminCountsPath, nil, withClient(h.plain)); resp.status != http.StatusNoContent {
		t.Errorf("DELETE %s: %d", emulator.AdminCountsPath, resp.status)
	}
	if n := h.em.Count(http.MethodGet, emulator.RouteConnections); n != 0 {
		t.Errorf("after DELETE %s: %d", emulator.AdminCountsPath, n)
	}
}
