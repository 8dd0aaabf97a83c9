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

// Failover names a failover connection: its parent and its region.
type Failover struct {
	Parent
	Region string
}

// Failover connections are read with one list per parent connection: a
// connection has at most one failover connection per failover region of its
// workspace (two at most), so the list is always one page and a GET by id
// would save nothing. The package's rule decides which list answers: what a
// list shows is the parent's failover connections, so a write to one of them
// or to the parent itself outdates it. A read about one region (a refresh, a
// plan check, a create looking for its own) is outdated only by writes in
// that region, so that the failover connections of one parent, created side
// by side, do not outdate each other's lists.

// parentState is what this process knows of one parent's failover
// connections: the newest list, and the writes under way and ended, by
// region ("" for a write whose region is not known).
type parentState struct {
	latest  *failoverList
	writing map[string]int
	written map[string]time.Time
}

// freshness is what a list must be to answer a read about region ("" for
// every region) of a parent whose connection's own freshness is fresh.
func (s *parentState) freshness(region string, fresh freshness) freshness {
	for r, n := range s.writing {
		if n > 0 && (region == "" || r == "" || r == region) {
			fresh.writing = true
		}
	}
	for r, t := range s.written {
		if (region == "" || r == "" || r == region) && t.After(fresh.notBefore) {
			fresh.notBefore = t
		}
	}
	return fresh
}

// failoverList is the failover connections of a parent, as one list showed them.
type failoverList struct {
	takenAt time.Time
	ready   chan struct{} // closed once items or err is set
	items   []client.FailoverConnection
	err     error
}

// FailoversOf lists the failover connections of parent p, for a read about
// region ("" for all of them), from a list shared by every read of them in
// this command (see above). A missing parent or workspace is a 404
// (client.IsNotFound).
func (r *Reads) FailoversOf(ctx context.Context, p Parent, region string) ([]client.FailoverConnection, error) {
	list, fetch := r.decideFailoverList(p, region)
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
func (r *Reads) decideFailoverList(p Parent, region string) (*failoverList, bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	s := r.parent(p)
	now := r.cfg.Clock.Now()
	// The parent's own writes count: a connection replaced or deleted takes
	// its failover connections with it.
	fresh := s.freshness(region, r.state(p.Workspace).forConnection(p.Connection, now.Add(-r.cfg.MaxAge)))
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

// CreateFailover creates the failover connection f
// (client.CreateFailoverConnection), so that no list taken before it ends
// answers for its region.
func (r *Reads) CreateFailover(ctx context.Context, f Failover, want *client.FailoverConnection) (*client.FailoverConnection, error) {
	r.startFailoverWrite(f)
	defer r.endFailoverWrite(f)
	return r.api.CreateFailoverConnection(ctx, f.ProjectID, f.Name, f.Connection, want)
}

// UpdateFailover patches the failover connection f, whose id is id
// (client.UpdateFailoverConnection).
func (r *Reads) UpdateFailover(ctx context.Context, f Failover, id string, patch client.ConnectionPatch) (*client.FailoverConnection, error) {
	r.startFailoverWrite(f)
	defer r.endFailoverWrite(f)
	return r.api.UpdateFailoverConnection(ctx, f.ProjectID, f.Name, f.Connection, id, patch)
}

// DeleteFailover deletes the failover connection f, whose id is id
// (client.DeleteFailoverConnection); f.Region may be "" when not known.
func (r *Reads) DeleteFailover(ctx context.Context, f Failover, id string) error {
	r.startFailoverWrite(f)
	defer r.endFailoverWrite(f)
	return r.api.DeleteFailoverConnection(ctx, f.ProjectID, f.Name, f.Connection, id)
}

func (r *Reads) startFailoverWrite(f Failover) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.parent(f.Parent).writing[f.Region]++
}

func (r *Reads) endFailoverWrite(f Failover) {
	r.mu.Lock()
	defer r.mu.Unlock()
	s := r.parent(f.Parent)
	if s.writing[f.Region]--; s.writing[f.Region] == 0 {
		delete(s.writing, f.Region)
	}
	s.written[f.Region] = r.cfg.Clock.Now()
}

// parent returns p's state, made on first use; r.mu must be held.
func (r *Reads) parent(p Parent) *parentState {
	s := r.parents[p]
	if s == nil {
		s = &parentState{writing: map[string]int{}, written: map[string]time.Time{}}
		r.parents[p] = s
	}
	return s
}
