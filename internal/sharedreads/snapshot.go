package sharedreads

import (
	"context"
	"time"

	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/atlasx/terraform-provider-atlasx/internal/client"
)

// snapshot is every connection of a workspace, as one list showed them.
type snapshot struct {
	takenAt time.Time     // when the list was asked for
	ready   chan struct{} // closed once byName or err is set
	byName  map[string]client.StreamConnection
	err     error
}

// plan is what one read decided under the lock: answer from snap, or, with
// snap nil, send a GET. fetch says that this read made snap and must start
// its list.
type plan struct {
	snap  *snapshot
	fetch bool
}

// newSnapshot makes a snapshot taken now and makes it ws's newest; r.mu
// must be held. The caller starts its list (fetch) after unlocking.
func (r *Reads) newSnapshot(w *workspaceState, now time.Time) plan {
	w.latest = &snapshot{takenAt: now, ready: make(chan struct{})}
	return plan{snap: w.latest, fetch: true}
}

// carryOut does what p says for the connection name and returns it with
// when Atlas showed it.
func (r *Reads) carryOut(ctx context.Context, ws Workspace, name string, p plan) (*client.StreamConnection, time.Time, error) {
	if p.snap == nil {
		return r.get(ctx, ws, name)
	}
	if p.fetch {
		go r.fetch(ctx, ws, p.snap)
	}
	conn, found, err := p.snap.lookUp(ctx, name)
	switch {
	case ctx.Err() != nil:
		return nil, time.Time{}, ctx.Err()
	case err == nil && found:
		return conn, p.snap.takenAt, nil
	case err != nil:
		tflog.Debug(ctx, "Reading the connection with a GET: the list of its workspace failed: "+err.Error(), map[string]any{"workspace": ws.Name, "connection": name})
	default:
		tflog.Debug(ctx, "Reading the connection with a GET: the list of its workspace does not show it", map[string]any{"workspace": ws.Name, "connection": name})
	}
	return r.get(ctx, ws, name)
}

// get reads the connection with its own GET.
func (r *Reads) get(ctx context.Context, ws Workspace, name string) (*client.StreamConnection, time.Time, error) {
	asked := r.cfg.Clock.Now()
	conn, err := r.api.GetStreamConnection(ctx, ws.ProjectID, ws.Name, name)
	return conn, asked, err
}

// fetch lists the workspace into snap on a context of its own: the reader
// that started it may give up, while others wait on the same list.
func (r *Reads) fetch(readerCtx context.Context, ws Workspace, snap *snapshot) {
	defer close(snap.ready)
	ctx, cancel := context.WithTimeout(context.WithoutCancel(readerCtx), r.cfg.ListTimeout)
	defer cancel()
	conns, err := r.api.ListStreamConnections(ctx, ws.ProjectID, ws.Name)
	if err != nil {
		// A failure answers only the reads that waited for it.
		snap.err = err
		r.mu.Lock()
		defer r.mu.Unlock()
		if w := r.state(ws); w.latest == snap {
			w.latest = nil
		}
		return
	}
	snap.byName = make(map[string]client.StreamConnection, len(conns))
	for _, c := range conns {
		snap.byName[c.Name] = c
	}
}

// lookUp waits until snap is ready, or ctx ends, and finds name in it. err
// is the list's failure.
func (snap *snapshot) lookUp(ctx context.Context, name string) (*client.StreamConnection, bool, error) {
	select {
	case <-snap.ready:
	case <-ctx.Done():
		return nil, false, ctx.Err()
	}
	if snap.err != nil {
		return nil, false, snap.err
	}
	conn, found := snap.byName[name]
	if !found {
		return nil, false, nil
	}
	return &conn, true, nil
}
