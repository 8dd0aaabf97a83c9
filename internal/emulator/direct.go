package emulator

import (
	"fmt"
)

// This file is the emulator's back door: tests change and read the store
// as if someone had used the Atlas UI, bypassing auth, faults and counts.

// AddProject makes a project known; adding one twice is harmless.
func (e *Emulator) AddProject(projectID string) {
	e.store.mu.Lock()
	defer e.store.mu.Unlock()
	e.store.addProject(projectID)
}

// AddWorkspace makes a stream workspace in region (e.g. "VIRGINIA_USA"; the
// cloud provider follows from it), adding the project if it is new. A
// workspace that already exists is left as it is.
func (e *Emulator) AddWorkspace(projectID, name, region string) {
	e.store.mu.Lock()
	defer e.store.mu.Unlock()
	if e.store.workspace(projectID, name) == nil {
		e.store.newWorkspace(projectID, name, providerOf(region), region)
	}
}

// Connection returns a copy of the stored connection with everything a
// client never sees back: write-only fields, plus "id" and the current
// "state". ok is false when there is none (a DELETING one is still there).
func (e *Emulator) Connection(projectID, workspace, name string) (conn map[string]any, ok bool) {
	e.store.mu.Lock()
	defer e.store.mu.Unlock()
	ws := e.store.workspace(projectID, workspace)
	if ws == nil {
		return nil, false
	}
	c := ws.lookup(name, e.now())
	if c == nil {
		return nil, false
	}
	return c.stored(), true
}

// Connections returns copies of a workspace's connections in creation
// order, as Connection does.
func (e *Emulator) Connections(projectID, workspace string) []map[string]any {
	e.store.mu.Lock()
	defer e.store.mu.Unlock()
	ws := e.store.workspace(projectID, workspace)
	if ws == nil {
		return nil
	}
	var out []map[string]any
	for _, c := range ws.sorted(e.now()) {
		out = append(out, c.stored())
	}
	return out
}

func (c *connection) stored() map[string]any { return storedCopy(c.doc, c.id, c.life.phase) }

// storedCopy is a stored object as the back door shows it: a copy of doc,
// write-only fields kept, with the server's id and state.
func storedCopy(doc map[string]any, id, state string) map[string]any {
	out := copyObject(doc)
	out["id"] = id
	out["state"] = state
	return out
}

// PutConnection creates or replaces a connection without validating it,
// filling in Atlas's defaults. conn needs a "name"; "id" and "state" are
// taken from it when present (a replaced connection otherwise keeps its id
// and its failover connections; the state otherwise is READY) and the state then stays until an update.
func (e *Emulator) PutConnection(projectID, workspace string, conn map[string]any) error {
	v, err := canonical(conn)
	if err != nil {
		return fmt.Errorf("emulator: connection is not JSON: %w", err)
	}
	doc, _ := v.(map[string]any)
	name, _ := doc["name"].(string)
	if name == "" {
		return fmt.Errorf("emulator: connection has no name")
	}
	id, _ := doc["id"].(string)
	state, _ := doc["state"].(string)
	doc = writable(doc)
	e.store.mu.Lock()
	defer e.store.mu.Unlock()
	ws := e.store.workspace(projectID, workspace)
	if ws == nil {
		return fmt.Errorf("emulator: no workspace %s in project %s", workspace, projectID)
	}
	applyDefaults(doc, ws.region)
	if state == "" {
		state = stateReady
	}
	c := &connection{id: id, doc: doc, life: fixed(state)}
	if old := ws.lookup(name, e.now()); old != nil {
		c.seq, c.usedByProcessors, c.failovers = old.seq, old.usedByProcessors, old.failovers
		if c.id == "" {
			c.id = old.id
		}
	} else {
		c.seq = e.store.next()
	}
	if c.id == "" {
		c.id = newObjectID()
	}
	ws.connections[name] = c
	return nil
}

// SetField sets one top-level field of a stored connection, or removes it
// when value is nil, as a change made outside Terraform.
func (e *Emulator) SetField(projectID, workspace, name, field string, value any) error {
	v, err := canonical(value)
	if err != nil {
		return fmt.Errorf("emulator: value is not JSON: %w", err)
	}
	return e.withConnection(projectID, workspace, name, func(c *connection) {
		if v == nil {
			delete(c.doc, field)
		} else {
			c.doc[field] = v
		}
	})
}

// SetProcessors marks a connection as used (or no longer used) by stream
// processors; Atlas refuses to delete a used one.
func (e *Emulator) SetProcessors(projectID, workspace, name string, used bool) error {
	return e.withConnection(projectID, workspace, name, func(c *connection) { c.usedByProcessors = used })
}

func (e *Emulator) withConnection(projectID, workspace, name string, change func(*connection)) error {
	e.store.mu.Lock()
	defer e.store.mu.Unlock()
	ws := e.store.workspace(projectID, workspace)
	if ws == nil {
		return fmt.Errorf("emulator: no workspace %s in project %s", workspace, projectID)
	}
	c := ws.lookup(name, e.now())
	if c == nil {
		return fmt.Errorf("emulator: no connection %s in workspace %s", name, workspace)
	}
	change(c)
	return nil
}

// RemoveConnection deletes a connection at once, as if deleted outside
// Terraform; it reports whether there was one.
func (e *Emulator) RemoveConnection(projectID, workspace, name string) bool {
	e.store.mu.Lock()
	defer e.store.mu.Unlock()
	ws := e.store.workspace(projectID, workspace)
	if ws == nil || ws.lookup(name, e.now()) == nil {
		return false
	}
	delete(ws.connections, name)
	return true
}
