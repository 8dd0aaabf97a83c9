package contract

import (
	"errors"
	"net/http"
	"sync"
	"testing"
)

// Option adjusts Check.
type Option func(*checkOptions)

type checkOptions struct {
	allowInvalidRequests bool
}

// AllowInvalidRequests checks only responses: for tests that send requests
// the document forbids on purpose, to see the emulator refuse them.
func AllowInvalidRequests() Option {
	return func(o *checkOptions) { o.allowInvalidRequests = true }
}

// Check wraps h so that every exchange is held to the document, and fails t
// at cleanup for each violation. Call it before starting a server on the
// returned handler, so the server's cleanup (registered later) runs first.
// The stream routes are held to streams-openapi.yaml and GET /rateLimits to
// ratelimits-openapi.yaml; without a document its check is skipped with a
// log line, and the test runs.
func Check(t testing.TB, h http.Handler, opts ...Option) http.Handler {
	t.Helper()
	var o checkOptions
	for _, opt := range opts {
		opt(&o)
	}
	for _, find := range []func() (string, error){SpecPath, RateLimitsSpecPath} {
		h = checkAgainst(t, h, find, o)
	}
	return h
}

// checkAgainst wraps h with the check against the document find finds.
// Each document checks only the routes it has, so the wrappers stack.
func checkAgainst(t testing.TB, h http.Handler, find func() (string, error), o checkOptions) http.Handler {
	t.Helper()
	path, err := find()
	if errors.Is(err, ErrNoSpec) {
		t.Logf("contract check skipped: %v", err)
		return h
	}
	if err != nil {
		t.Fatalf("contract: %v", err)
	}
	doc, err := loadOnce(path)
	if err != nil {
		t.Fatalf("contract: %v", err)
	}
	var mu sync.Mutex
	var violations []Violation
	t.Cleanup(func() {
		mu.Lock()
		defer mu.Unlock()
		for _, v := range violations {
			t.Errorf("contract: %s", v)
		}
	})
	return doc.Middleware(h, func(v Violation) {
		if v.Status == 0 && o.allowInvalidRequests {
			return
		}
		mu.Lock()
		defer mu.Unlock()
		violations = append(violations, v)
	})
}
