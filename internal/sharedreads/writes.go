package sharedreads

import (
	"context"

	"github.com/atlasx/terraform-provider-atlasx/internal/client"
)

// Create creates a connection (client.CreateStreamConnection), so that no
// snapshot taken before it ends answers for it.
func (r *Reads) Create(ctx context.Context, ws Workspace, conn *client.StreamConnection) (*client.StreamConnection, error) {
	r.startWrite(ws, conn.Name)
	created, err := r.api.CreateStreamConnection(ctx, ws.ProjectID, ws.Name, conn)
	r.endWrite(ws, conn.Name, func(w *workspaceState) {
		if err == nil {
			delete(w.deleted, conn.Name)
		}
	})
	return created, err
}

// Update patches a connection (client.UpdateStreamConnection).
func (r *Reads) Update(ctx context.Context, ws Workspace, name string, patch client.ConnectionPatch) (*client.StreamConnection, error) {
	r.startWrite(ws, name)
	updated, err := r.api.UpdateStreamConnection(ctx, ws.ProjectID, ws.Name, name, patch)
	r.endWrite(ws, name, nil)
	return updated, err
}

// Delete deletes a connection (client.DeleteStreamConnection). A 404 on a
// retried delete means an earlier attempt succeeded.
func (r *Reads) Delete(ctx context.Context, ws Workspace, name string) error {
	r.startWrite(ws, name)
	err := r.api.DeleteStreamConnection(ctx, ws.ProjectID, ws.Name, name)
	r.endWrite(ws, name, func(w *workspaceState) {
		if err == nil || client.IsNotFound(err) {
			w.deleted[name] = true
		}
	})
	return err
}

// DeletedHere says whether this process deleted the connection and has not
// created it since: a create of its name that finds it still DELETING is a
// replace, which waits for the old one to go.
func (r *Reads) DeletedHere(ws Workspace, name string) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.state(ws).deleted[name]
}

func (r *Reads) startWrite(ws Workspace, name string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.state(ws).writing[name]++
}

// endWrite records that a write of name ended now, and applies record (if
// any) to the workspace's state under the same lock.
func (r *Reads) endWrite(ws Workspace, name string, record func(*workspaceState)) {
	r.mu.Lock()
	defer r.mu.Unlock()
	w := r.state(ws)
	if w.writing[name]--; w.writing[name] == 0 {
		delete(w.writing, name)
	}
	w.written[name] = r.cfg.Clock.Now()
	if record != nil {
		record(w)
	}
}
