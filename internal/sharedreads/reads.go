package sharedreads

import (
	"context"
	"sync"
	"time"

	"github.com/atlasx/terraform-provider-atlasx/internal/client"
)

// API is the part of the Atlas client these reads and writes use: the
// connections', their failover connections' and the workspace's calls. A
// client without one of them does not compile as an API.
type API interface {
	ListStreamConnections(ctx context.Context, projectID, workspace string) ([]client.StreamConnection, error)
	GetStreamConnection(ctx context.Context, projectID, workspace, name string) (*client.StreamConnection, error)
	CreateStreamConnection(ctx context.Context, projectID, workspace string, conn *client.StreamConnection) (*client.StreamConnection, error)
	UpdateStreamConnection(ctx context.Context, projectID, workspace, name string, patch client.ConnectionPatch) (*client.StreamConnection, error)
	DeleteStreamConnection(ctx context.Context, projectID, workspace, name string) error

	GetStreamWorkspaceWithConnections(ctx context.Context, projectID, workspace string) (*client.StreamWorkspace, error)
	ListFailoverConnections(ctx context.Context, projectID, workspace, connection string) ([]client.FailoverConnection, error)
	CreateFailoverConnection(ctx context.Context, projectID, workspace, connection string, want *client.FailoverConnection) (*client.FailoverConnection, error)
	UpdateFailoverConnection(ctx context.Context, projectID, workspace, connection, id string, patch client.ConnectionPatch) (*client.FailoverConnection, error)
	DeleteFailoverConnection(ctx context.Context, projectID, workspace, connection, id string) error
}

var _ API = (*client.Client)(nil)

// Clock is the time source, swapped for a fake one in tests.
type Clock interface{ Now() time.Time }

type systemClock struct{}

func (systemClock) Now() time.Time { return time.Now() }

const (
	// DefaultMaxAge bounds how old a snapshot a read may be answered from.
	// Within one CLI command every read of a workspace lands within seconds
	// of the one before, and Forget drops them all when the next begins.
	DefaultMaxAge = 10 * time.Second
	// DefaultListTimeout bounds one shared list, which no reader's context
	// bounds: long enough to wait out a busy token bucket.
	DefaultListTimeout = 5 * time.Minute
)

// Config tunes Reads; zero fields take the defaults.
type Config struct {
	MaxAge      time.Duration
	ListTimeout time.Duration
	Clock       Clock
}

// Workspace names one stream workspace of a project.
type Workspace struct{ ProjectID, Name string }

// Reads serves the reads and writes of stream connections for one client.
// It is safe for concurrent use.
type Reads struct {
	api API
	cfg Config

	mu         sync.Mutex
	workspaces map[Workspace]*workspaceState
	// Failover connections (failovers.go) and workspace reads (workspace_read.go).
	parents        map[Parent]*parentState
	workspaceReads map[Workspace]*workspaceRead
}

// New returns Reads over api.
func New(api API, cfg Config) *Reads {
	if cfg.MaxAge <= 0 {
		cfg.MaxAge = DefaultMaxAge
	}
	if cfg.ListTimeout <= 0 {
		cfg.ListTimeout = DefaultListTimeout
	}
	if cfg.Clock == nil {
		cfg.Clock = systemClock{}
	}
	return &Reads{
		api: api, cfg: cfg, workspaces: map[Workspace]*workspaceState{},
		parents: map[Parent]*parentState{}, workspaceReads: map[Workspace]*workspaceRead{},
	}
}

// Forget drops every snapshot, and what earlier reads were: the provider
// calls it when a CLI command configures it, so no command is answered from
// another's pages and its first read of a workspace is a GET again. The
// failover connections' lists and the workspace reads go too.
func (r *Reads) Forget() {
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, w := range r.workspaces {
		w.latest, w.lastRead = nil, time.Time{}
	}
	for _, p := range r.parents {
		p.latest = nil
	}
	r.workspaceReads = map[Workspace]*workspaceRead{}
}

// state returns ws's state, made on first use; r.mu must be held.
func (r *Reads) state(ws Workspace) *workspaceState {
	w := r.workspaces[ws]
	if w == nil {
		w = newWorkspaceState()
		r.workspaces[ws] = w
	}
	return w
}
