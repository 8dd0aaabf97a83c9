package client

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync"
	"testing"
	"time"
)

const testGroup = "32b6e34b3d91647abb20e7b8"

// newTestClient starts srv's handler and returns a client for it with fast
// back-off and a bearer token, adjusted by adjust.
func newTestClient(t *testing.T, handler http.Handler, adjust ...func(*Config)) *Client {
	t.Helper()
	srv := httptest.NewServer(handler)
	t.Cleanup(srv.Close)
	cfg := Config{
		BaseURL:        srv.URL,
		AccessToken:    "test-access-token",
		MinBackoff:     time.Millisecond,
		MaxBackoff:     5 * time.Millisecond,
		RequestTimeout: 5 * time.Second,
	}
	for _, f := range adjust {
		f(&cfg)
	}
	c, err := New(cfg)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	return c
}

// reply is one scripted answer.
type reply struct {
	status int
	body   string
	header map[string]string
	hangUp bool          // read the request, then drop the connection without answering
	delay  time.Duration // wait before answering
}

// recorded is a request as the server saw it.
type recorded struct {
	method, requestURI string
	header             http.Header
	body               string
}

// script answers requests with its replies in order, repeating the last one,
// and records every request.
type script struct {
	mu       sync.Mutex
	replies  []reply
	requests []recorded
}

func newScript(replies ...reply) *script { return &script{replies: replies} }

func (s *script) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	s.mu.Lock()
	n := len(s.requests)
	s.requests = append(s.requests, recorded{method: r.Method, requestURI: r.RequestURI, header: r.Header.Clone(), body: string(body)})
	rep := s.replies[min(n, len(s.replies)-1)]
	s.mu.Unlock()

	if rep.delay > 0 {
		select {
		case <-time.After(rep.delay):
		case <-r.Context().Done():
			return
		}
	}
	if rep.hangUp {
		panic(http.ErrAbortHandler) // net/http closes the connection without an answer
	}
	for k, v := range rep.header {
		w.Header().Set(k, v)
	}
	if rep.body != "" && w.Header().Get("Content-Type") == "" {
		w.Header().Set("Content-Type", "application/json")
	}
	w.WriteHeader(rep.status)
	_, _ = io.WriteString(w, rep.body)
}

func (s *script) count() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.requests)
}

func (s *script) request(i int) recorded {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.requests[i]
}

const sampleConnectionJSON = `{"name":"sample_stream_solar","type":"Sample","id":"6650e7b5c0ffee0123456789","state":"READY","region":"VIRGINIA_USA"}`

func ok(body string) reply { return reply{status: http.StatusOK, body: body} }

func atlasError(status int, code, detail string) reply {
	return reply{status: status, body: `{"error":` + strconv.Itoa(status) + `,"errorCode":"` + code + `","detail":"` + detail + `","reason":"` + http.StatusText(status) + `"}`}
}
