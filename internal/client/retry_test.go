package client

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"net"
	"net/http"
	"slices"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"
)

func TestJudge(t *testing.T) {
	reset := fmt.Errorf("read: %w", syscall.ECONNRESET)
	refused := &net.OpError{Op: "dial", Net: "tcp", Err: syscall.ECONNREFUSED}
	tests := []struct {
		name   string
		method string
		answer answer
		want   verdict
	}{
		{"GET 200", http.MethodGet, answer{status: 200}, finish},
		{"GET 429", http.MethodGet, answer{status: 429}, retry},
		{"POST 429", http.MethodPost, answer{status: 429}, retry},
		{"GET 500", http.MethodGet, answer{status: 500}, retry},
		{"PATCH 500", http.MethodPatch, answer{status: 500}, retry},
		{"DELETE 500", http.MethodDelete, answer{status: 500}, retry},
		{"POST 500", http.MethodPost, answer{status: 500}, outcomeUnknown},
		{"GET 502", http.MethodGet, answer{status: 502}, retry},
		{"POST 502", http.MethodPost, answer{status: 502}, outcomeUnknown},
		{"GET 503", http.MethodGet, answer{status: 503}, retry},
		{"POST 503", http.MethodPost, answer{status: 503}, outcomeUnknown},
		{"GET 504", http.MethodGet, answer{status: 504}, retry},
		{"POST 504", http.MethodPost, answer{status: 504}, outcomeUnknown},
		{"GET 501", http.MethodGet, answer{status: 501}, finish},
		{"GET 400", http.MethodGet, answer{status: 400}, finish},
		{"GET 401", http.MethodGet, answer{status: 401}, finish},
		{"DELETE 403", http.MethodDelete, answer{status: 403}, finish},
		{"GET 404", http.MethodGet, answer{status: 404}, finish},
		{"DELETE 409", http.MethodDelete, answer{status: 409}, finish},
		{"POST 409", http.MethodPost, answer{status: 409}, finish},
		{"GET 422", http.MethodGet, answer{status: 422}, finish},
		{"GET reset", http.MethodGet, answer{err: reset, sent: true}, retry},
		{"PATCH reset", http.MethodPatch, answer{err: reset, sent: true}, retry},
		{"POST reset after sending", http.MethodPost, answer{err: reset, sent: true}, outcomeUnknown},
		{"POST reset before sending", http.MethodPost, answer{err: reset, sent: false}, retry},
		{"POST refused", http.MethodPost, answer{err: refused, sent: false}, retry},
		{"GET EOF", http.MethodGet, answer{err: fmt.Errorf("reading: %w", io.ErrUnexpectedEOF), sent: true}, retry},
		{"POST EOF after sending", http.MethodPost, answer{err: io.EOF, sent: true}, outcomeUnknown},
		{"GET attempt timeout", http.MethodGet, answer{err: fmt.Errorf("%w: ctx", errAttemptTimeout), sent: true}, retry},
		{"POST attempt timeout", http.MethodPost, answer{err: fmt.Errorf("%w: ctx", errAttemptTimeout), sent: true}, outcomeUnknown},
		{"POST digest nonce refused", http.MethodPost, answer{err: errDigestNonceRefused, sent: false}, retry},
		{"POST token endpoint down", http.MethodPost, answer{err: &tokenError{status: 503}, sent: false}, retry},
		{"GET token refused", http.MethodGet, answer{err: &tokenError{status: 401}, sent: false}, finish},
		{"GET permanent error", http.MethodGet, answer{err: errors.New("unsupported protocol scheme"), sent: true}, finish},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := judge(tt.method, tt.answer); got != tt.want {
				t.Errorf("judge = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestBackoffStaysWithinBounds(t *testing.T) {
	minWait, maxWait := 100*time.Millisecond, 3*time.Second
	j := newJitterSource(1)
	for n := 1; n <= 80; n++ {
		for range 50 {
			if d := j.backoff(minWait, maxWait, n); d < minWait || d > maxWait {
				t.Fatalf("backoff(%d) = %s, outside [%s, %s]", n, d, minWait, maxWait)
			}
		}
	}
	// Grows: the tenth retry waits longer than the first ever can.
	if first, tenth := j.backoff(minWait, maxWait, 1), j.backoff(minWait, maxWait, 10); tenth <= first {
		t.Errorf("backoff does not grow: first %s, tenth %s", first, tenth)
	}
}

// The jitter comes from the injected source alone: the same seed gives the
// same waits, so a simulation gives the same figures every run.
func TestBackoffJitterIsTheInjectedSources(t *testing.T) {
	waits := func(seed uint64) []time.Duration {
		j := newJitterSource(seed)
		var out []time.Duration
		for n := 1; n <= 8; n++ {
			out = append(out, j.backoff(100*time.Millisecond, time.Minute, n))
		}
		return out
	}
	if a, b := waits(7), waits(7); !slices.Equal(a, b) {
		t.Errorf("seed 7 gave %v, then %v", a, b)
	}
	if a, b := waits(7), waits(8); slices.Equal(a, b) {
		t.Errorf("seeds 7 and 8 gave the same waits %v", a)
	}
}

func TestRetryAfter(t *testing.T) {
	now := time.Date(2025, 6, 1, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		value  string
		want   time.Duration
		wantOK bool
	}{
		{"", 0, false},
		{"3", 3 * time.Second, true},
		{" 0 ", 0, true},
		{"-1", 0, false},
		{"soon", 0, false},
		{"Sun, 01 Jun 2025 12:00:07 GMT", 7 * time.Second, true},
		{"Sun, 01 Jun 2025 11:59:00 GMT", 0, true},
		{"99999999999999", time.Duration(math.MaxInt64/int64(time.Second)) * time.Second, true},
	}
	for _, tt := range tests {
		t.Run(tt.value, func(t *testing.T) {
			header := http.Header{}
			if tt.value != "" {
				header.Set("Retry-After", tt.value)
			}
			got, ok := retryAfter(header, now)
			if got != tt.want || ok != tt.wantOK {
				t.Errorf("retryAfter(%q) = %s, %v; want %s, %v", tt.value, got, ok, tt.want, tt.wantOK)
			}
		})
	}
}

func TestRetryPolicyAgainstServer(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name         string
		method       string
		replies      []reply
		wantRequests int
		wantErr      func(error) bool
	}{
		{"GET 503 then 200", http.MethodGet, []reply{{status: 503}, {status: 503}, ok(sampleConnectionJSON)}, 3, isNil},
		{"GET 500 UNEXPECTED_ERROR then 200", http.MethodGet, []reply{atlasError(500, "UNEXPECTED_ERROR", "oops"), ok(sampleConnectionJSON)}, 2, isNil},
		{"GET 502 HTML then 200", http.MethodGet, []reply{{status: 502, body: "<html>bad gateway</html>", header: map[string]string{"Content-Type": "text/html"}}, ok(sampleConnectionJSON)}, 2, isNil},
		{"GET dropped connection then 200", http.MethodGet, []reply{{hangUp: true}, ok(sampleConnectionJSON)}, 2, isNil},
		{"GET 400 not retried", http.MethodGet, []reply{atlasError(400, "VALIDATION_ERROR", "bad")}, 1, statusIs(400)},
		{"GET 401 not retried", http.MethodGet, []reply{atlasError(401, "UNAUTHORIZED", "no")}, 1, statusIs(401)},
		{"GET 403 not retried", http.MethodGet, []reply{atlasError(403, "USER_CANNOT_ACCESS_ORG", "no")}, 1, statusIs(403)},
		{"GET 404 not retried", http.MethodGet, []reply{atlasError(404, "STREAM_CONNECTION_NOT_FOUND_FOR_NAME", "gone")}, 1, IsNotFound},
		{"POST 429 then 200", http.MethodPost, []reply{{status: 429, header: map[string]string{"Retry-After": "0"}}, ok(sampleConnectionJSON)}, 2, isNil},
		{"POST 409 not retried", http.MethodPost, []reply{atlasError(409, "STREAM_CONNECTION_NAME_ALREADY_EXISTS", "taken")}, 1, codeIs("STREAM_CONNECTION_NAME_ALREADY_EXISTS")},
		{"POST 500 outcome unknown", http.MethodPost, []reply{atlasError(500, "UNEXPECTED_ERROR", "oops"), ok(sampleConnectionJSON)}, 1, unknownWithStatus(500)},
		{"POST 503 outcome unknown", http.MethodPost, []reply{{status: 503}, ok(sampleConnectionJSON)}, 1, unknownWithStatus(503)},
		{"POST dropped connection outcome unknown", http.MethodPost, []reply{{hangUp: true}, ok(sampleConnectionJSON)}, 1, IsOutcomeUnknown},
		{"PATCH 503 then 200", http.MethodPatch, []reply{{status: 503}, ok(sampleConnectionJSON)}, 2, isNil},
		{"PATCH dropped connection then 200", http.MethodPatch, []reply{{hangUp: true}, ok(sampleConnectionJSON)}, 2, isNil},
		{"DELETE 504 then 202", http.MethodDelete, []reply{{status: 504}, {status: 202}}, 2, isNil},
		{"DELETE 409 deploying not retried", http.MethodDelete, []reply{atlasError(409, "STREAM_KAFKA_CONNECTION_IS_DEPLOYING", "wait")}, 1, codeIs("STREAM_KAFKA_CONNECTION_IS_DEPLOYING")},
		{"GET 503 until retries run out", http.MethodGet, []reply{{status: 503}}, 4, statusIs(503)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			srv := newScript(tt.replies...)
			c := newTestClient(t, srv, func(cfg *Config) { cfg.MaxRetries = 3 })
			err := callWith(context.Background(), c, tt.method)
			if !tt.wantErr(err) {
				t.Errorf("unexpected error: %v", err)
			}
			if got := srv.count(); got != tt.wantRequests {
				t.Errorf("server saw %d requests, want %d", got, tt.wantRequests)
			}
			if st := c.Stats(); st.Attempts != int64(tt.wantRequests) || st.Retries != int64(tt.wantRequests-1) {
				t.Errorf("stats = %+v, want %d attempts", st, tt.wantRequests)
			}
		})
	}
}

// callWith makes the connection call that uses method.
func callWith(ctx context.Context, c *Client, method string) error {
	var err error
	switch method {
	case http.MethodGet:
		_, err = c.GetStreamConnection(ctx, testGroup, "ws", "sample_stream_solar")
	case http.MethodPost:
		_, err = c.CreateStreamConnection(ctx, testGroup, "ws", &StreamConnection{Name: "sample_stream_solar", Type: TypeSample})
	case http.MethodPatch:
		_, err = c.UpdateStreamConnection(ctx, testGroup, "ws", "sample_stream_solar", ConnectionPatch{"region": "VIRGINIA_USA"})
	case http.MethodDelete:
		err = c.DeleteStreamConnection(ctx, testGroup, "ws", "sample_stream_solar")
	}
	return err
}

func isNil(err error) bool { return err == nil }

func statusIs(status int) func(error) bool {
	return func(err error) bool {
		var apiErr *APIError
		return errors.As(err, &apiErr) && apiErr.StatusCode == status && !IsOutcomeUnknown(err)
	}
}

func codeIs(code string) func(error) bool {
	return func(err error) bool { return HasErrorCode(err, code) }
}

func unknownWithStatus(status int) func(error) bool {
	return func(err error) bool {
		var apiErr *APIError
		return IsOutcomeUnknown(err) && errors.As(err, &apiErr) && apiErr.StatusCode == status
	}
}

func TestRetryAfterIsHonoured(t *testing.T) {
	t.Parallel()
	srv := newScript(
		reply{status: 429, header: map[string]string{"Retry-After": "1"}, body: `{"error":429,"errorCode":"RATE_LIMITED_TOKEN_BUCKET","detail":"slow down"}`},
		ok(sampleConnectionJSON),
	)
	c := newTestClient(t, srv)
	clock := onFakeClock(c)
	start := clock.Now()
	errs := make(chan error, 1)
	go func() {
		_, err := c.CreateStreamConnection(context.Background(), testGroup, "ws", &StreamConnection{Name: "s", Type: TypeSample})
		errs <- err
	}()
	if due := clock.pendingTimer(t); due.Sub(start) != time.Second || srv.count() != 1 {
		t.Fatalf("after the 429: %d requests, the next due %s later; want 1, and Retry-After's 1s", srv.count(), due.Sub(start))
	}
	clock.Advance(time.Second)
	if err := <-errs; err != nil {
		t.Fatal(err)
	}
	if st := c.Stats(); st.RateLimited != 1 || st.Retries != 1 || st.Attempts != 2 {
		t.Errorf("stats = %+v, want 1 rate-limited answer, 1 retry, 2 attempts", st)
	}
}

func TestPostRetriedWhenItNeverLeft(t *testing.T) {
	t.Parallel()
	srv := newScript(ok(sampleConnectionJSON))
	var dials atomic.Int32
	refuseFirst := roundTripFunc(func(req *http.Request) (*http.Response, error) {
		if dials.Add(1) == 1 {
			return nil, &net.OpError{Op: "dial", Net: "tcp", Err: syscall.ECONNREFUSED}
		}
		return http.DefaultTransport.RoundTrip(req)
	})
	c := newTestClient(t, srv, func(cfg *Config) { cfg.Transport = refuseFirst })
	if _, err := c.CreateStreamConnection(context.Background(), testGroup, "ws", &StreamConnection{Name: "s", Type: TypeSample}); err != nil {
		t.Fatal(err)
	}
	if srv.count() != 1 || c.Stats().Attempts != 2 {
		t.Errorf("server saw %d requests over %d attempts, want 1 over 2", srv.count(), c.Stats().Attempts)
	}
}

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(req *http.Request) (*http.Response, error) { return f(req) }

func TestConnectionRefusedIsRetriedThenReported(t *testing.T) {
	t.Parallel()
	listener, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := listener.Addr().String()
	listener.Close() // nothing listens there now
	c, err := New(Config{BaseURL: "http://" + addr, AccessToken: "t", MaxRetries: 2, MinBackoff: time.Millisecond, MaxBackoff: 2 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.CreateStreamConnection(context.Background(), testGroup, "ws", &StreamConnection{Name: "s", Type: TypeSample})
	if err == nil || IsOutcomeUnknown(err) || !errors.Is(err, syscall.ECONNREFUSED) {
		t.Fatalf("err = %v, want a plain connection-refused error", err)
	}
	if !strings.Contains(err.Error(), "POST /api/atlas/v2/groups/"+testGroup+"/streams/ws/connections") || !strings.Contains(err.Error(), "3 attempts") {
		t.Errorf("error does not name the call and attempts: %v", err)
	}
	if st := c.Stats(); st.Attempts != 3 {
		t.Errorf("attempts = %d, want 3", st.Attempts)
	}
}

func TestAttemptTimeout(t *testing.T) {
	t.Parallel()
	slowThenFast := func() *script {
		return newScript(reply{status: 200, body: sampleConnectionJSON, delay: time.Second}, ok(sampleConnectionJSON))
	}
	fastTimeout := func(cfg *Config) { cfg.RequestTimeout = 50 * time.Millisecond }

	t.Run("GET is retried", func(t *testing.T) {
		t.Parallel()
		srv := slowThenFast()
		c := newTestClient(t, srv, fastTimeout)
		if _, err := c.GetStreamConnection(context.Background(), testGroup, "ws", "s"); err != nil {
			t.Fatal(err)
		}
		if srv.count() != 2 {
			t.Errorf("server saw %d requests, want 2", srv.count())
		}
	})
	t.Run("POST is outcome unknown", func(t *testing.T) {
		t.Parallel()
		srv := slowThenFast()
		c := newTestClient(t, srv, fastTimeout)
		_, err := c.CreateStreamConnection(context.Background(), testGroup, "ws", &StreamConnection{Name: "s", Type: TypeSample})
		if !IsOutcomeUnknown(err) || !errors.Is(err, errAttemptTimeout) || errors.Is(err, context.DeadlineExceeded) {
			t.Fatalf("err = %v, want an outcome-unknown attempt timeout, not the caller's deadline", err)
		}
		if srv.count() != 1 {
			t.Errorf("server saw %d requests, want 1", srv.count())
		}
	})
}

// A call ends with its context, whatever it waits for. The client's clock
// never moves here, so a call that waited out its back-off or Retry-After
// instead would never return.
func TestContextEndsRetries(t *testing.T) {
	t.Parallel()
	t.Run("cancel while waiting", func(t *testing.T) {
		t.Parallel()
		c := newTestClient(t, newScript(reply{status: 503}))
		clock := onFakeClock(c)
		ctx, cancel := context.WithCancel(context.Background())
		errs := make(chan error, 1)
		go func() {
			_, err := c.GetStreamConnection(ctx, testGroup, "ws", "s")
			errs <- err
		}()
		clock.pendingTimer(t) // the back-off after the 503
		cancel()
		if err := <-errs; !errors.Is(err, context.Canceled) || !strings.Contains(err.Error(), "GET /api/atlas/v2/") {
			t.Fatalf("err = %v, want context.Canceled naming the call", err)
		}
	})
	t.Run("cancel mid-request", func(t *testing.T) {
		t.Parallel()
		c := newTestClient(t, newScript(reply{status: 200, body: sampleConnectionJSON, delay: 10 * time.Second}))
		ctx, cancel := context.WithCancel(context.Background())
		time.AfterFunc(50*time.Millisecond, cancel)
		_, err := c.GetStreamConnection(ctx, testGroup, "ws", "s")
		if !errors.Is(err, context.Canceled) || IsOutcomeUnknown(err) {
			t.Fatalf("err = %v, want context.Canceled", err)
		}
	})
	t.Run("POST canceled mid-request is outcome unknown", func(t *testing.T) {
		t.Parallel()
		c := newTestClient(t, newScript(reply{status: 200, body: sampleConnectionJSON, delay: 10 * time.Second}))
		ctx, cancel := context.WithCancel(context.Background())
		time.AfterFunc(50*time.Millisecond, cancel)
		_, err := c.CreateStreamConnection(ctx, testGroup, "ws", &StreamConnection{Name: "s", Type: TypeSample})
		if !errors.Is(err, context.Canceled) || !IsOutcomeUnknown(err) {
			t.Fatalf("err = %v, want an outcome-unknown context.Canceled", err)
		}
	})
	t.Run("deadline before Retry-After", func(t *testing.T) {
		t.Parallel()
		srv := newScript(reply{status: 429, header: map[string]string{"Retry-After": "30"}})
		c := newTestClient(t, srv)
		onFakeClock(c)
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		_, err := c.GetStreamConnection(ctx, testGroup, "ws", "s")
		var early waitOutlastsDeadline
		if !errors.As(err, &early) || !errors.Is(err, context.DeadlineExceeded) || !statusIs(429)(err) {
			t.Fatalf("err = %v, want the wait given up at once as beyond the deadline, with the 429", err)
		}
		if srv.count() != 1 {
			t.Errorf("server saw %d requests, want 1", srv.count())
		}
	})
}
