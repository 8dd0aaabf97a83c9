package emulator

import "fmt"

// SetFailoverRegions replaces the failover regions of a workspace (e.g.
// "OREGON_USA"; each region's cloud provider follows from it), as someone
// using the Atlas UI would, without the checks a PATCH makes.
func (e *Emulator) SetFailoverRegions(projectID, workspace string, regions ...string) error {
	e.store.mu.Lock()
	defer e.store.mu.Unlock()
	ws := e.store.workspace(projectID, workspace)
	if ws == nil {
		return fmt.Errorf("emulator: no workspace %s in project %s", workspace, projectID)
	}
	ws.failoverRegions = failoverRegionsNamed(regions, ws.region)
	return nil
}

// failoverRegionsNamed turns region names into failover regions, leaving out
// the workspace's own region and any named twice.
func failoverRegionsNamed(names []string, primary string) []streamRegion {
	var out []streamRegion
	for _, name := range names {
		if name != primary && !hasFailoverRegion(out, name) {
			out = append(out, streamRegion{cloudProvider: providerOf(name), region: name})
		}
	}
	return out
}

// FailoverConnections returns copies of a connection's failover connections
// in creation order, with everything a client never sees back: write-only
// fields, plus "id" and the current "state".
func (e *Emulator) FailoverConnections(projectID, workspace, connection string) []map[string]any {
	e.store.mu.Lock()
	defer e.store.mu.Unlock()
	ws := e.store.workspace(projectID, workspace)
	if ws == nil {
		return nil
	}
	parent := ws.lookup(connection, e.now())
	if parent == nil {
		return nil
	}
	var out []map[string]any
	for _, f := range sortedLiving(parent.failovers, e.now()) {
		out = append(out, storedCopy(f.doc, f.id, f.life.phase))
	}
	return out
}

// RemoveFailoverConnection deletes a connection's failover connection in
// region at once, as if deleted outside Terraform; it reports whether there
// was one.
func (e *Emulator) RemoveFailoverConnection(projectID, workspace, connection, region string) bool {
	e.store.mu.Lock()
	defer e.store.mu.Unlock()
	ws := e.store.workspace(projectID, workspace)
	if ws == nil {
		return false
	}
	parent := ws.lookup(connection, e.now())
	if parent == nil {
		return false
	}
	for _, f := range sortedLiving(parent.failovers, e.now()) {
		if f.doc["region"] == region {
			delete(parent.failovers, f.id)
			return true
		}
	}
	return false
}
