package acctest

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"

	"github.com/atlasx/terraform-provider-atlasx/internal/contract"
	"github.com/atlasx/terraform-provider-atlasx/internal/emulator"
)

// Ledger records every connection object the emulator made, looked at right
// after each create request whether or not its answer reached the client.
// Names are unique, so a duplicate never shows as two connections at once:
// it shows as more objects made than resources.
type Ledger struct {
	em *emulator.Emulator

	mu      sync.Mutex
	created map[string]connectionRef // by connection id
}

// NewWithLedger is New, with a Ledger of the emulator's connection objects.
func NewWithLedger(t *testing.T, opts ...emulator.Option) (*Env, *Ledger) {
	t.Helper()
	em := emulator.New(opts...)
	seed := em.Seed(emulator.Seed{})
	ledger := &Ledger{em: em, created: map[string]connectionRef{}}
	server := httptest.NewServer(contract.Check(t, ledger.observe(em)))
	t.Cleanup(server.Close)
	return &Env{Emulator: em, Seed: seed, URL: server.URL}, ledger
}

// Created is how many connection objects the emulator has made.
func (l *Ledger) Created() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.created)
}

// Deleted is how many of the objects made are gone or DELETING now. It is
// asked of the emulator, not seen on DELETE requests: a create and a clean-up
// delete of the same name can cross inside the emulator.
func (l *Ledger) Deleted() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	n := 0
	for id, ref := range l.created {
		if current, state := l.lookup(ref); current != id || state == "DELETING" {
			n++
		}
	}
	return n
}

// observe wraps the emulator. The look after a create runs deferred, so it
// also sees creates whose answer the emulator drops (by panicking).
func (l *Ledger) observe(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		target, ok := createTarget(r)
		if !ok {
			next.ServeHTTP(w, r)
			return
		}
		before, _ := l.lookup(target)
		defer func() {
			if after, _ := l.lookup(target); after != "" && after != before {
				l.mu.Lock()
				defer l.mu.Unlock()
				l.created[after] = target
			}
		}()
		next.ServeHTTP(w, r)
	})
}

// connectionRef names one connection.
type connectionRef struct{ project, workspace, name string }

// lookup returns the id and state of the connection, or "" when there is none.
func (l *Ledger) lookup(ref connectionRef) (id, state string) {
	conn, ok := l.em.Connection(ref.project, ref.workspace, ref.name)
	if !ok {
		return "", ""
	}
	id, _ = conn["id"].(string)
	state, _ = conn["state"].(string)
	return id, state
}

// createTarget names the connection a create request is for, from its
// body; ok is false for every other request.
func createTarget(r *http.Request) (ref connectionRef, ok bool) {
	if r.Method != http.MethodPost {
		return ref, false
	}
	rest, found := strings.CutPrefix(r.URL.EscapedPath(), "/api/atlas/v2/groups/")
	segments := strings.Split(rest, "/")
	if !found || len(segments) != 4 || segments[1] != "streams" || segments[3] != "connections" {
		return ref, false
	}
	project, err1 := url.PathUnescape(segments[0])
	workspace, err2 := url.PathUnescape(segments[2])
	body, err3 := io.ReadAll(r.Body)
	if err := errors.Join(err1, err2, err3); err != nil {
		return ref, false
	}
	r.Body = io.NopCloser(bytes.NewReader(body))
	var conn struct{ Name string }
	if json.Unmarshal(body, &conn) != nil || conn.Name == "" {
		return ref, false
	}
	return connectionRef{project, workspace, conn.Name}, true
}
