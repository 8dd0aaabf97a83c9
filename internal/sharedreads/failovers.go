package sharedreads

import (
	"context"
	"time"

	"github.com/atlasx/terraform-provider-atlasx/internal/client"
)

// Parent names a connection, whose failover connections are read together.
type Parent struct {
	Workspace
	Connection string
}

// Failover connections are read with one list per parent connection: a
// connection has at most one failover connection per failover region of its
// workspace (two at most), so the list is always one page and a GET by id
// would save nothing. The package's rule decides which list answers: what a
// list shows is the parent's failover connections, so a write to one of them
// or to the parent itself outdates it.

// parentState is what this process knows of one parent's failover connections.
type parentState struct {
	latest    *failoverList
	writing   int
	lastWrite time.Time
}

// failoverList is the failover connections of a parent, as one list showed them.
type failoverList struct {
	takenAt time.Time
	ready   chan struct{} // closed once items or err is set
	items   []client.FailoverConnection
	err     error
}

// FailoversOf lists the failover connections of parent p, from a list shared
// by every read of them in this command (see above). A missing parent or
// workspace is a 404 (client.IsNotFound).
func (r *Reads) FailoversOf(ctx context.Context, p Parent) ([]client.FailoverConnection, error) {
	list, fetch := r.decideFailoverList(p)
	if fetch {
		go r.fetchFailovers(ctx, p, list)
	}
	select {
	case <-list.ready:
		return list.items, list.err
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// decideFailoverList returns the list a read of p's failover connections is
// answered from, and whether the caller must fetch it.
func (r *Reads) decideFailoverList(p Parent) (*failoverList, bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	s := r.parent(p)
	now := r.cfg.Clock.Now()
	// The parent's own writes count: a connection replaced or deleted takes
	// its failover connections with it.
	fresh := r.state(p.Workspace).forConnection(p.Connection, now.Add(-r.cfg.MaxAge))
	if s.lastWrite.After(fresh.notBefore) {
		fresh.notBefore = s.lastWrite
	}
	fresh.writing = fresh.writing || s.writing > 0
	if !fresh.writing && s.latest != nil && s.latest.takenAt.After(fresh.notBefore) {
		return s.latest, false
	}
	list := &failoverList{takenAt: now, ready: make(chan struct{})}
	if !fresh.writing {
		// A list taken during a write answers only its own reader.
		s.latest = list
	}
	return list, true
}

// fetchFailovers lists p's failover connections into list on a context of its
// own, as fetch does for a workspace.
func (r *Reads) fetchFailovers(readerCtx context.Context, p Parent, list *failoverList) {
	defer close(list.ready)
	ctx, cancel := context.WithTimeout(context.WithoutCancel(readerCtx), r.cfg.ListTimeout)
	defer cancel()
	list.items, list.err = r.api.ListFailoverConnections(ctx, p.ProjectID, p.Name, p.Connection)
	if list.err != nil {
		// A failure answers only the reads that waited for it.
		r.mu.Lock()
		defer r.mu.Unlock()
		if s := r.parent(p); s.latest == list {
			s.latest = nil
		}
	}
}

// CreateFailover creates a failover connection of p
// (client.CreateFailoverConnection), so that no list taken before it ends
// answers for p.
func (r *Reads) CreateFailover(ctx context.Context, p Parent, want *client.FailoverConnection) (*client.FailoverConnection, error) {
	r.startFailoverWrite(p)
	defer r.endFailoverWrite(p)
	return r.api.CreateFailoverConnection(ctx, p.ProjectID, p.Name, p.Connection, want)
}

// UpdateFailover patches a failover connection of p (client.UpdateFailoverConnection).
func (r *Reads) UpdateFailover(ctx context.Context, p Parent, id string, patch client.ConnectionPatch) (*client.FailoverConnection, error) {
	r.startFailoverWrite(p)
	defer r.endFailoverWrite(p)
	return r.api.UpdateFailoverConnection(ctx, p.ProjectID, p.Name, p.Connection, id, patch)
}

// DeleteFailover deletes a failover connection of p (client.DeleteFailoverConnection).
func (r *Reads) DeleteFailover(ctx context.Context, p Parent, id string) error {
	r.startFailoverWrite(p)
	defer r.endFailoverWrite(p)
	return r.api.DeleteFailoverConnection(ctx, p.ProjectID, p.Name, p.Connection, id)
}

func (r *Reads) startFailoverWrite(p Parent) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.parent(p).writing++
}

func (r *Reads) endFailoverWrite(p Parent) {
	r.mu.Lock()
	defer r.mu.Unlock()
	s := r.parent(p)
	s.writing--
	s.lastWrite = r.cfg.Clock.Now()
}

// parent returns p's state, made on first use; r.mu must be held.
func (r *Reads) parent(p Parent) *parentState {
	s := r.parents[p]
	if s == nil {
		s = &parentState{}
		r.parents[p] = s
	}
	return s
}
