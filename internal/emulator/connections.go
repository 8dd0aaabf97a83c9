package emulator

import (
	"net/http"
	"reflect"
)

// workspaceFor finds the call's workspace. Callers hold the store's mu.
func (e *Emulator) workspaceFor(c *call) (*workspace, *apiError) {
	ws := e.store.workspace(c.route.groupID, c.route.workspace)
	if ws == nil {
		return nil, errWorkspaceNotFound(c.route.workspace)
	}
	return ws, nil
}

// listConnections answers a page of a workspace's connections, each
// exactly as its own GET would show it at that moment, and listing is a
// read as a GET is: a connection still answering 404 after its create is
// left out of every page and uses up one of those 404s, and each connection
// on the page uses up one of its PENDING or DELETING reads, so a poller that
// lists sees the same states in the same order as one that GETs.
func (e *Emulator) listConnections(c *call) *reply {
	e.store.mu.Lock()
	defer e.store.mu.Unlock()
	ws, err := e.workspaceFor(c)
	if err != nil {
		return failure(err)
	}
	var listed []*connection
	for _, conn := range ws.sorted(c.now) {
		if !conn.life.hiddenFromList() {
			listed = append(listed, conn)
		}
	}
	return c.page(len(listed), func(i int) map[string]any {
		return c.renderConnection(ws, listed[i], listed[i].life.read(c.now))
	})
}

func (e *Emulator) createConnection(c *call) *reply {
	body, err := decodeObject(c.r)
	if err != nil {
		return failure(err)
	}
	body = writable(body)
	e.store.mu.Lock()
	defer e.store.mu.Unlock()
	ws, err := e.workspaceFor(c)
	if err != nil {
		return failure(err)
	}
	if err := validateConnection(body); err != nil {
		return failure(err)
	}
	name, _ := body["name"].(string)
	typ, _ := body["type"].(string)
	if ws.lookup(name, c.now) != nil {
		return failure(errConnectionExists(name))
	}
	applyDefaults(body, ws.region)
	conn := &connection{
		id:   newObjectID(),
		doc:  body,
		seq:  e.store.next(),
		life: created(c.lifecycle, typ, c.now),
	}
	ws.connections[name] = conn
	return success(c.renderConnection(ws, conn, conn.life.current(c.now)))
}

// connectionFor finds the call's workspace and connection, workspace first.
// Callers hold the store's mu.
func (e *Emulator) connectionFor(c *call) (*workspace, *connection, *apiError) {
	ws, err := e.workspaceFor(c)
	if err != nil {
		return nil, nil, err
	}
	conn := ws.lookup(c.route.connection, c.now)
	if conn == nil {
		return nil, nil, errConnectionNotFound(c.route.connection)
	}
	return ws, conn, nil
}

func (e *Emulator) getConnection(c *call) *reply {
	e.store.mu.Lock()
	defer e.store.mu.Unlock()
	ws, conn, err := e.connectionFor(c)
	if err != nil {
		return failure(err)
	}
	state := conn.life.read(c.now)
	switch state {
	case stateHidden:
		return failure(errConnectionNotFound(c.route.connection))
	case stateGone:
		delete(ws.connections, c.route.connection)
		return failure(errConnectionNotFound(c.route.connection))
	}
	return success(c.renderConnection(ws, conn, state))
}

// updateConnection merges the body onto the stored connection. name and type
// are the connection's identity and its networking cannot change in place:
// Atlas refuses all three.
func (e *Emulator) updateConnection(c *call) *reply {
	patch, err := decodeObject(c.r)
	if err != nil {
		return failure(err)
	}
	e.store.mu.Lock()
	defer e.store.mu.Unlock()
	ws, conn, err := e.connectionFor(c)
	if err != nil {
		return failure(err)
	}
	merged, err := patched(conn.doc, patch, ws.region, "connection", "name", "type")
	if err != nil {
		return failure(err)
	}
	typ, _ := merged["type"].(string)
	conn.doc = merged
	conn.life.updated(c.lifecycle, typ, c.now)
	return success(c.renderConnection(ws, conn, conn.life.current(c.now)))
}

// deleteConnection answers 202 at once; the connection may stay DELETING
// for a while (Lifecycle), during which its name stays taken. Its failover
// connections are gone at once.
func (e *Emulator) deleteConnection(c *call) *reply {
	e.store.mu.Lock()
	defer e.store.mu.Unlock()
	ws, conn, err := e.connectionFor(c)
	if err != nil {
		return failure(err)
	}
	typ, _ := conn.doc["type"].(string)
	switch {
	case conn.life.current(c.now) == stateDeleting:
		// Deleting it again is accepted and changes nothing.
	case conn.usedByProcessors:
		return failure(errHasProcessors(c.route.connection))
	case typ == typeKafka && conn.life.deploying():
		return failure(errKafkaDeploying(c.route.connection))
	case conn.life.deleted(c.lifecycle, typ, c.now):
		delete(ws.connections, c.route.connection)
	}
	// Its failover connections go with it, at once.
	conn.failovers = nil
	return &reply{status: http.StatusAccepted}
}

// patched is doc after patch, as Atlas applies a PATCH to a connection or a
// failover connection (what names it in errors): the identity fields may be
// sent but not changed, the result must be valid, server defaults fill in,
// and the networking cannot change in place (the same networking may be
// sent again).
func patched(doc, patch map[string]any, region, what string, identity ...string) (map[string]any, *apiError) {
	for _, field := range identity {
		if v, sent := patch[field]; sent {
			if s, ok := v.(string); !ok || s != doc[field] {
				return nil, errValidation(field, "identifies the "+what+" and cannot change; replace the "+what)
			}
		}
	}
	merged := mergePatch(doc, patch)
	if err := validateConnection(merged); err != nil {
		return nil, err
	}
	applyDefaults(merged, region)
	if !reflect.DeepEqual(networkingInEffect(merged), networkingInEffect(doc)) {
		return nil, errNetworkingCannotBeModified(what)
	}
	return merged, nil
}
