package client

import (
	"context"
	"net/http"
	"testing"
)

// Workers sharing one token bucket can each be turned away many times before
// their turn: throttling must not use up the retries meant for failures, or
// a large apply fails where waiting longer would have converged.
func TestThrottlingDoesNotUseUpRetries(t *testing.T) {
	t.Parallel()
	throttled := reply{status: http.StatusTooManyRequests, header: map[string]string{"Retry-After": "0"},
		body: `{"error":429,"errorCode":"RATE_LIMITED_TOKEN_BUCKET","detail":"slow down"}`}
	replies := []reply{{status: http.StatusServiceUnavailable}}
	for range 8 {
		replies = append(replies, throttled)
	}
	replies = append(replies, reply{status: http.StatusServiceUnavailable}, ok(sampleConnectionJSON))
	srv := newScript(replies...)
	c := newTestClient(t, srv, func(cfg *Config) { cfg.MaxRetries = 3 })
	if err := callWith(context.Background(), c, http.MethodGet); err != nil {
		t.Fatalf("a call throttled 8 times, with 2 failures, gave up with MaxRetries 3: %v", err)
	}
	if st := c.Stats(); st.Attempts != 11 || st.RateLimited != 8 {
		t.Errorf("stats = %+v, want 11 attempts of which 8 throttled", st)
	}
}

// Retries turned off mean no retry at all, not even of a 429.
func TestThrottlingIsFinalWithoutRetries(t *testing.T) {
	t.Parallel()
	srv := newScript(reply{status: http.StatusTooManyRequests, header: map[string]string{"Retry-After": "0"}})
	c := newTestClient(t, srv, func(cfg *Config) { cfg.MaxRetries = -1 })
	if err := callWith(context.Background(), c, http.MethodGet); !statusIs(http.StatusTooManyRequests)(err) {
		t.Fatalf("err = %v, want the 429", err)
	}
	if n := srv.count(); n != 1 {
		t.Errorf("server saw %d requests, want 1", n)
	}
}
