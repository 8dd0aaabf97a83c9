package sharedreads

import (
	"context"
	"time"

	"github.com/atlasx/terraform-provider-atlasx/internal/client"
)

// Waiter polls one connection while it settles (PENDING after a create or
// an update, DELETING after a delete). While other waits of its workspace
// are open its polls are answered from shared snapshots, one list for every
// waiter that polls after it was taken; alone, it sends a GET.
type Waiter struct {
	r    *Reads
	ws   Workspace
	name string

	// Only the goroutine that polls touches these.
	seen   time.Time // when Atlas showed what the last poll returned
	closed bool
}

// Wait opens a wait for a connection that Atlas showed at seen (for the
// caller's answer in hand, usually Now); Close it when the wait ends.
func (r *Reads) Wait(ws Workspace, name string, seen time.Time) *Waiter {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.state(ws).waiters++
	return &Waiter{r: r, ws: ws, name: name, seen: seen}
}

// Now is the time on the Reads' clock, for the seen of Wait.
func (r *Reads) Now() time.Time { return r.cfg.Clock.Now() }

// Poll reads the connection as Atlas showed it after the last poll (or
// after the wait began). Errors are client.GetStreamConnection's.
func (wt *Waiter) Poll(ctx context.Context) (*client.StreamConnection, error) {
	conn, seen, err := wt.r.carryOut(ctx, wt.ws, wt.name, wt.decide())
	if err == nil {
		wt.seen = seen
	}
	return conn, err
}

func (wt *Waiter) decide() plan {
	r := wt.r
	r.mu.Lock()
	defer r.mu.Unlock()
	w := r.state(wt.ws)
	fresh := w.forConnection(wt.name, wt.seen)
	switch {
	case fresh.accepts(w.latest):
		return plan{snap: w.latest}
	case w.waiters > 1 && !fresh.writing:
		return r.newSnapshot(w, r.cfg.Clock.Now())
	}
	return plan{}
}

// Close ends the wait; closing it again does nothing.
func (wt *Waiter) Close() {
	if wt.closed {
		return
	}
	wt.closed = true
	wt.r.mu.Lock()
	defer wt.r.mu.Unlock()
	wt.r.state(wt.ws).waiters--
}
