package sharedreads

import (
	"context"
	"time"

	"github.com/atlasx/terraform-provider-atlasx/internal/client"
)

// workspaceRead is one GET of a workspace with its connections.
type workspaceRead struct {
	takenAt time.Time
	ready   chan struct{} // closed once ws or err is set
	ws      *client.StreamWorkspace
	err     error
}

// StreamWorkspace reads a workspace and its connections for the checks of a
// plan: its failover regions, which this process never writes, and its
// connections' types. Its horizon is the command: one GET per workspace and
// command however many checks ask, unless the caller reads the item of a
// connection (connection, "" for none) that this process wrote after the GET
// was asked for, or is writing. A failed GET answers only the checks that
// were waiting for it.
func (r *Reads) StreamWorkspace(ctx context.Context, ws Workspace, connection string) (*client.StreamWorkspace, error) {
	read, fetch := r.decideWorkspaceRead(ws, connection)
	if fetch {
		go r.fetchWorkspace(ctx, ws, read)
	}
	select {
	case <-read.ready:
		return read.ws, read.err
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

func (r *Reads) decideWorkspaceRead(ws Workspace, connection string) (*workspaceRead, bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	latest := r.workspaceReads[ws]
	fresh := freshness{}
	if connection != "" {
		fresh = r.state(ws).forConnection(connection, time.Time{})
	}
	if latest != nil && !fresh.writing && latest.takenAt.After(fresh.notBefore) {
		return latest, false
	}
	read := &workspaceRead{takenAt: r.cfg.Clock.Now(), ready: make(chan struct{})}
	if !fresh.writing {
		r.workspaceReads[ws] = read
	}
	return read, true
}

// fetchWorkspace reads ws into read on a context of its own, as fetch does
// for a list, and drops a failed read so no later check is answered by it.
func (r *Reads) fetchWorkspace(readerCtx context.Context, ws Workspace, read *workspaceRead) {
	defer close(read.ready)
	ctx, cancel := context.WithTimeout(context.WithoutCancel(readerCtx), r.cfg.ListTimeout)
	defer cancel()
	read.ws, read.err = r.api.GetStreamWorkspaceWithConnections(ctx, ws.ProjectID, ws.Name)
	if read.err != nil {
		r.mu.Lock()
		defer r.mu.Unlock()
		if r.workspaceReads[ws] == read {
			delete(r.workspaceReads, ws)
		}
	}
}
