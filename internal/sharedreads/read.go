package sharedreads

import (
	"context"

	"github.com/atlasx/terraform-provider-atlasx/internal/client"
)

// Read reads one connection as it is now, for a refresh: the first read of
// the workspace in this command with its own GET, later ones from a
// snapshot that the package's rule lets answer, with a horizon of MaxAge.
// A missing connection or workspace is a 404 (see client.IsNotFound).
func (r *Reads) Read(ctx context.Context, ws Workspace, name string) (*client.StreamConnection, error) {
	conn, _, err := r.carryOut(ctx, ws, name, r.decideRead(ws, name))
	return conn, err
}

func (r *Reads) decideRead(ws Workspace, name string) plan {
	r.mu.Lock()
	defer r.mu.Unlock()
	now := r.cfg.Clock.Now()
	w := r.state(ws)
	shared := w.readSoon(now, r.cfg.MaxAge)
	w.lastRead = now
	fresh := w.forConnection(name, now.Add(-r.cfg.MaxAge))
	switch {
	case fresh.accepts(w.latest):
		return plan{snap: w.latest}
	case shared && !fresh.writing:
		return r.newSnapshot(w, now)
	}
	return plan{}
}

// LookUp finds a connection by name in a snapshot of its workspace, for the
// checks of a plan: one list per workspace and command, shared with the
// refresh, however many connections the plan creates. found is false when
// the list does not show it; a missing workspace is a 404.
func (r *Reads) LookUp(ctx context.Context, ws Workspace, name string) (conn *client.StreamConnection, found bool, err error) {
	p := r.decideLookUp(ws, name)
	if p.fetch {
		go r.fetch(ctx, ws, p.snap)
	}
	return p.snap.lookUp(ctx, name)
}

func (r *Reads) decideLookUp(ws Workspace, name string) plan {
	r.mu.Lock()
	defer r.mu.Unlock()
	now := r.cfg.Clock.Now()
	w := r.state(ws)
	w.lastRead = now
	if w.forConnection(name, now.Add(-r.cfg.MaxAge)).accepts(w.latest) {
		return plan{snap: w.latest}
	}
	return r.newSnapshot(w, now)
}
