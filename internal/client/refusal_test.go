package client

import (
	"context"
	"net/http"
	"strings"
	"sync"
	"testing"
)

// Terraform runs many resources at once; with a wrong secret each of them
// waits for the same token. The endpoint is rate limited, so it must be asked
// once, and every call, then and later, must fail with that one refusal.
func TestServiceAccountRefusalIsAskedOnceForEveryCall(t *testing.T) {
	t.Parallel()
	srv := newTokenServer()
	srv.tokenAnswer = func(int32) (int, string) {
		return http.StatusUnauthorized, `{"error":"invalid_client","error_description":"unknown client or wrong secret"}`
	}
	c := newTestClient(t, srv, serviceAccount(srv))

	var wg sync.WaitGroup
	errs := make(chan error, 21) // 20 at once, then one more later
	for range 20 {
		wg.Go(func() {
			_, err := c.GetStreamConnection(context.Background(), testGroup, "ws", "s")
			errs <- err
		})
	}
	wg.Wait()
	_, later := c.CreateStreamConnection(context.Background(), testGroup, "ws", &StreamConnection{Name: "s", Type: TypeSample})
	errs <- later
	close(errs)
	for err := range errs {
		if err == nil || !strings.Contains(err.Error(), "refused an access token") || !strings.Contains(err.Error(), srv.clientID) {
			t.Errorf("err = %v, want the refusal naming the service account", err)
		}
	}
	if srv.fetches.Load() != 1 || srv.apiCalls.Load() != 0 || c.Stats().Retries != 0 {
		t.Errorf("%d token fetches, %d API calls, %d retries; want 1, 0, 0", srv.fetches.Load(), srv.apiCalls.Load(), c.Stats().Retries)
	}
}

// Throttling and outages are not refusals: a later call asks again.
func TestServiceAccountThrottlingIsNotRemembered(t *testing.T) {
	t.Parallel()
	srv := newTokenServer()
	srv.tokenAnswer = func(n int32) (int, string) {
		if n == 1 {
			return http.StatusTooManyRequests, `{"error":"slow_down"}`
		}
		srv.mu.Lock()
		srv.valid["second-token"] = true
		srv.mu.Unlock()
		return http.StatusOK, `{"access_token":"second-token","token_type":"Bearer","expires_in":3600}`
	}
	c := newTestClient(t, srv, serviceAccount(srv), func(cfg *Config) { cfg.MaxRetries = -1 })
	if _, err := c.GetStreamConnection(context.Background(), testGroup, "ws", "s"); err == nil {
		t.Fatal("the throttled fetch succeeded")
	}
	if _, err := c.GetStreamConnection(context.Background(), testGroup, "ws", "s"); err != nil {
		t.Fatalf("after throttling: %v", err)
	}
	if srv.fetches.Load() != 2 {
		t.Errorf("%d token fetches, want 2", srv.fetches.Load())
	}
}
