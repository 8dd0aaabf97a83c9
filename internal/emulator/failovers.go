package emulator

import (
	"fmt"
	"net/http"
	"net/url"
)

// failoverTypes are the connection types that have failover connections.
var failoverTypes = []string{typeKafka, typeCluster}

func failoverPath(projectID, workspace, connection, id string) string {
	return connectionPath(projectID, workspace, connection) + "/failoverConnections/" + url.PathEscape(id)
}

// parentFor finds the call's workspace and the connection whose failover
// connections it reads or writes, workspace first. A connection on its way
// out (DELETING) has no failover connections left and takes none: it
// answers as a missing one. Callers hold the store's mu.
func (e *Emulator) parentFor(c *call) (*workspace, *connection, *apiError) {
	ws, conn, err := e.connectionFor(c)
	if err != nil {
		return nil, nil, err
	}
	if conn.life.current(c.now) == stateDeleting {
		return nil, nil, errConnectionNotFound(c.route.connection)
	}
	return ws, conn, nil
}

// failoverFor finds the call's workspace, parent connection and failover
// connection, in that order. Callers hold the store's mu.
func (e *Emulator) failoverFor(c *call) (*workspace, *connection, *failover, *apiError) {
	ws, parent, err := e.parentFor(c)
	if err != nil {
		return nil, nil, nil, err
	}
	f, ok := lookupLiving(parent.failovers, c.route.failover, c.now)
	if !ok {
		return nil, nil, nil, errFailoverNotFound(c.route.failover)
	}
	return ws, parent, f, nil
}

func (c *call) renderFailover(ws *workspace, f *failover, state string) map[string]any {
	return c.render(f.doc, f.id, state, failoverPath(c.route.groupID, ws.name, c.route.connection, f.id))
}

// listFailovers answers a page of a connection's failover connections, each
// as its own GET would show it; as for connections, listing is a read.
func (e *Emulator) listFailovers(c *call) *reply {
	e.store.mu.Lock()
	defer e.store.mu.Unlock()
	ws, parent, err := e.parentFor(c)
	if err != nil {
		return failure(err)
	}
	var listed []*failover
	for _, f := range sortedLiving(parent.failovers, c.now) {
		if !f.life.hiddenFromList() {
			listed = append(listed, f)
		}
	}
	return c.page(len(listed), func(i int) map[string]any {
		return c.renderFailover(ws, listed[i], listed[i].life.read(c.now))
	})
}

// createFailover answers 201 with the new failover connection. The region
// must be one of the workspace's failover regions, not yet taken by another
// failover connection of the parent, and the type the parent's.
func (e *Emulator) createFailover(c *call) *reply {
	body, err := decodeObject(c.r)
	if err != nil {
		return failure(err)
	}
	body = writable(body)
	lifecycle := e.failoverLifecycle.get()
	e.store.mu.Lock()
	defer e.store.mu.Unlock()
	ws, parent, err := e.parentFor(c)
	if err != nil {
		return failure(err)
	}
	if err := checkFailoverName(body, c.route.connection); err != nil {
		return failure(err)
	}
	if err := validateFailover(body, ws, parent); err != nil {
		return failure(err)
	}
	region, _ := body["region"].(string)
	for _, other := range sortedLiving(parent.failovers, c.now) {
		if other.doc["region"] == region {
			return failure(errFailoverRegionTaken(c.route.connection, region))
		}
	}
	applyDefaults(body, ws.region)
	typ, _ := body["type"].(string)
	f := &failover{
		id:   newObjectID(),
		doc:  body,
		seq:  e.store.next(),
		life: created(withoutDeployingDeletes(lifecycle), typ, c.now),
	}
	if parent.failovers == nil {
		parent.failovers = map[string]*failover{}
	}
	parent.failovers[f.id] = f
	return &reply{status: http.StatusCreated, body: c.renderFailover(ws, f, f.life.current(c.now))}
}

// withoutDeployingDeletes drops the one knob that failover connections do
// not take (see SetFailoverLifecycle).
func withoutDeployingDeletes(l Lifecycle) Lifecycle {
	l.DeployingDeletes = 0
	return l
}

func (e *Emulator) getFailover(c *call) *reply {
	e.store.mu.Lock()
	defer e.store.mu.Unlock()
	ws, parent, f, err := e.failoverFor(c)
	if err != nil {
		return failure(err)
	}
	switch state := f.life.read(c.now); state {
	case stateHidden:
		return failure(errFailoverNotFound(f.id))
	case stateGone:
		delete(parent.failovers, f.id)
		return failure(errFailoverNotFound(f.id))
	default:
		return success(c.renderFailover(ws, f, state))
	}
}

// updateFailover merges the body onto the stored failover connection, as a
// connection's PATCH does. Its type and region cannot change (a change is a
// new failover connection), nor its networking in place.
func (e *Emulator) updateFailover(c *call) *reply {
	patch, err := decodeObject(c.r)
	if err != nil {
		return failure(err)
	}
	lifecycle := e.failoverLifecycle.get()
	e.store.mu.Lock()
	defer e.store.mu.Unlock()
	ws, _, f, err := e.failoverFor(c)
	if err != nil {
		return failure(err)
	}
	if err := checkFailoverName(patch, c.route.connection); err != nil {
		return failure(err)
	}
	merged, err := patched(f.doc, patch, ws.region, "failover connection", "type", "region")
	if err != nil {
		return failure(err)
	}
	typ, _ := merged["type"].(string)
	f.doc = merged
	f.life.updated(lifecycle, typ, c.now)
	return success(c.renderFailover(ws, f, f.life.current(c.now)))
}

// deleteFailover answers 204 at once; the failover connection may stay
// DELETING for a while (SetFailoverLifecycle).
func (e *Emulator) deleteFailover(c *call) *reply {
	lifecycle := e.failoverLifecycle.get()
	e.store.mu.Lock()
	defer e.store.mu.Unlock()
	_, parent, f, err := e.failoverFor(c)
	if err != nil {
		return failure(err)
	}
	typ, _ := f.doc["type"].(string)
	if f.life.current(c.now) != stateDeleting && f.life.deleted(lifecycle, typ, c.now) {
		delete(parent.failovers, f.id)
	}
	return &reply{status: http.StatusNoContent}
}

// checkFailoverName applies the rule Atlas is observed to enforce, with an
// unhelpful answer: the body's name must be the parent connection's, and
// without it (or with another) the service fails with 500 UNEXPECTED_ERROR.
func checkFailoverName(body map[string]any, connection string) *apiError {
	if name, _ := body["name"].(string); name != connection {
		return errServer(http.StatusInternalServerError)
	}
	return nil
}

// validateFailover checks a create body: a failover connection is its
// parent's type, in one of the workspace's failover regions, and otherwise
// takes exactly the fields a connection of its type takes.
func validateFailover(body map[string]any, ws *workspace, parent *connection) *apiError {
	v := &validator{}
	typ := v.enum(body, "", "type", true, failoverTypes...)
	region := v.str(body, "", "region", true)
	if v.err != nil {
		return v.err
	}
	if parentType := parent.doc["type"]; typ != parentType {
		return errValidation("type", fmt.Sprintf("must be the type of connection %s, %v", parent.doc["name"], parentType))
	}
	if !hasFailoverRegion(ws.failoverRegions, region) {
		return errValidation("region", fmt.Sprintf("must be one of the workspace's failover regions (%s)", failoverRegionNames(ws.failoverRegions)))
	}
	return validateConnection(body)
}

// errFailoverNotFound answers for a failover connection id the parent does
// not have. Atlas documents no code of its own for this; the closest in
// CONTRACT.md is the one for a missing connection, which a failover
// connection is (the parent's, reached from elsewhere), so the emulator
// answers that, naming the id in the detail.
func errFailoverNotFound(id string) *apiError {
	return newAPIError(http.StatusNotFound, "STREAM_CONNECTION_NOT_FOUND_FOR_NAME",
		fmt.Sprintf("No stream failover connection with id %s exists.", id))
}

// errFailoverRegionTaken answers a second failover connection for one
// region. Atlas documents none; CONTRACT.md asks for a 409, and the closest
// documented 409 is the one for a connection name already taken.
func errFailoverRegionTaken(connection, region string) *apiError {
	return newAPIError(http.StatusConflict, "STREAM_CONNECTION_NAME_ALREADY_EXISTS",
		fmt.Sprintf("Connection %s already has a failover connection in region %s.", connection, region))
}
