package sharedreads

import (
	"context"
	"errors"
	"time"

	"github.com/atlasx/terraform-provider-atlasx/internal/client"
)

// FailoverAPI is the part of the Atlas client the failover connection reads,
// writes and plan checks use. Reads serves them when its API has these calls
// too.
type FailoverAPI interface {
	GetStreamWorkspaceWithConnections(ctx context.Context, projectID, workspace string) (*client.StreamWorkspace, error)
	ListFailoverConnections(ctx context.Context, projectID, workspace, connection string) ([]client.FailoverConnection, error)
	CreateFailoverConnection(ctx context.Context, projectID, workspace, connection string, want *client.FailoverConnection) (*client.FailoverConnection, error)
	UpdateFailoverConnection(ctx context.Context, projectID, workspace, connection, id string, patch client.ConnectionPatch) (*client.FailoverConnection, error)
	DeleteFailoverConnection(ctx context.Context, projectID, workspace, connection, id string) error
}

// Parent names a connection, whose failover connections are read together.
type Parent struct {
	Workspace
	Connection string
}

// Failover connections follow the rules of the package with one list per
// parent connection: a connection has at most one failover connection per
// failover region of its workspace (two at most), so the list is always one
// page and a GET by id would save nothing. Every read of a parent's failover
// connections in a command shares one list, unless this process wrote one of
// them after it was taken or is writing one now.

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

var errNoFailoverAPI = errors.New("the client has no failover connection calls")

// FailoversOf lists the failover connections of parent p, from a list shared
// by every read of them in this command (see above). A missing parent or
// workspace is a 404 (client.IsNotFound).
func (r *Reads) FailoversOf(ctx context.Context, p Parent) ([]client.FailoverConnection, error) {
	if r.failoverAPI == nil {
		return nil, errNoFailoverAPI
	}
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
	notBefore := now.Add(-r.cfg.MaxAge)
	if s.lastWrite.After(notBefore) {
		notBefore = s.lastWrite
	}
	if s.latest != nil && s.writing == 0 && s.latest.takenAt.After(notBefore) {
		return s.latest, false
	}
	list := &failoverList{takenAt: now, ready: make(chan struct{})}
	if s.writing == 0 {
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
	list.items, list.err = r.failoverAPI.ListFailoverConnections(ctx, p.ProjectID, p.Name, p.Connection)
}

// CreateFailover creates a failover connection of p
// (client.CreateFailoverConnection), so that no list taken before it ends
// answers for p.
func (r *Reads) CreateFailover(ctx context.Context, p Parent, want *client.FailoverConnection) (*client.FailoverConnection, error) {
	if r.failoverAPI == nil {
		return nil, errNoFailoverAPI
	}
	r.startFailoverWrite(p)
	defer r.endFailoverWrite(p)
	return r.failoverAPI.CreateFailoverConnection(ctx, p.ProjectID, p.Name, p.Connection, want)
}

// UpdateFailover patches a failover connection of p (client.UpdateFailoverConnection).
func (r *Reads) UpdateFailover(ctx context.Context, p Parent, id string, patch client.ConnectionPatch) (*client.FailoverConnection, error) {
	if r.failoverAPI == nil {
		return nil, errNoFailoverAPI
	}
	r.startFailoverWrite(p)
	defer r.endFailoverWrite(p)
	return r.failoverAPI.UpdateFailoverConnection(ctx, p.ProjectID, p.Name, p.Connection, id, patch)
}

// DeleteFailover deletes a failover connection of p (client.DeleteFailoverConnection).
func (r *Reads) DeleteFailover(ctx context.Context, p Parent, id string) error {
	if r.failoverAPI == nil {
		return errNoFailoverAPI
	}
	r.startFailoverWrite(p)
	defer r.endFailoverWrite(p)
	return r.failoverAPI.DeleteFailoverConnection(ctx, p.ProjectID, p.Name, p.Connection, id)
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
