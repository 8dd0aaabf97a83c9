package sharedreads

import (
	"context"

	"github.com/atlasx/terraform-provider-atlasx/internal/client"
)

// workspaceRead is one GET of a workspace, shared by every check of it in a
// command.
type workspaceRead struct {
	ready chan struct{} // closed once ws or err is set
	ws    *client.StreamWorkspace
	err   error
}

// StreamWorkspace reads a workspace and its connections for the checks of a
// plan (its failover regions, its connections' types): one GET per
// workspace and command, however many checks ask.
func (r *Reads) StreamWorkspace(ctx context.Context, ws Workspace) (*client.StreamWorkspace, error) {
	if r.failoverAPI == nil {
		return nil, errNoFailoverAPI
	}
	r.mu.Lock()
	read, asked := r.workspaceReads[ws]
	if !asked {
		read = &workspaceRead{ready: make(chan struct{})}
		r.workspaceReads[ws] = read
	}
	r.mu.Unlock()
	if !asked {
		go func() {
			defer close(read.ready)
			getCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), r.cfg.ListTimeout)
			defer cancel()
			read.ws, read.err = r.failoverAPI.GetStreamWorkspaceWithConnections(getCtx, ws.ProjectID, ws.Name)
		}()
	}
	select {
	case <-read.ready:
		return read.ws, read.err
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// ClaimFailoverRegion records that a plan of this command puts a failover
// connection of p in region, and reports whether none did before: a
// connection has at most one per region, so a second resource for it would
// fail at apply, or fight the first over one failover connection.
func (r *Reads) ClaimFailoverRegion(p Parent, region string) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	key := regionClaim{p, region}
	if r.claims[key] {
		return false
	}
	r.claims[key] = true
	return true
}

type regionClaim struct {
	parent Parent
	region string
}
