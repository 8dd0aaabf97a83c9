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
// Without the document the check is skipped with a log line; the test runs.
func Check(t testing.TB, h http.Handler, opts ...Option) http.Handler {
	t.Helper()
	var o checkOptions
	for _, opt := range opts {
		opt(&o)
	}
	path, err := SpecPath()
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
