package emulator

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
)

// writeError answers with an Atlas error body.
func writeError(w http.ResponseWriter, r *http.Request, err *apiError) {
	writeJSON(w, err.status, errorContentType, err.body(), r.URL.Query().Get("pretty") == "true")
}

func writeJSON(w http.ResponseWriter, status int, contentType string, body any, pretty bool) {
	var data []byte
	var err error
	if pretty {
		data, err = json.MarshalIndent(body, "", "  ")
	} else {
		data, err = json.Marshal(body)
	}
	if err != nil {
		// Bodies are built from decoded JSON and plain values, so this means
		// a bug here; say so in Atlas's shape rather than half an answer.
		status, contentType = http.StatusInternalServerError, errorContentType
		data, _ = json.Marshal(errServer(http.StatusInternalServerError).body())
	}
	w.Header().Set("Content-Type", contentType)
	w.WriteHeader(status)
	_, _ = w.Write(append(data, '\n'))
}

func workspacePath(projectID, workspace string) string {
	return apiPrefix + "/groups/" + url.PathEscape(projectID) + "/streams/" + url.PathEscape(workspace)
}

func connectionPath(projectID, workspace, name string) string {
	return workspacePath(projectID, workspace) + "/connections/" + url.PathEscape(name)
}

// renderConnection is a connection as reads and writes answer it: no
// write-only fields, the server's id and state, a self link.
func (c *call) renderConnection(ws *workspace, conn *connection, state string) map[string]any {
	name, _ := conn.doc["name"].(string)
	return c.render(conn.doc, conn.id, state, connectionPath(c.route.groupID, ws.name, name))
}

// render is a stored object as reads and writes answer it: no write-only
// fields, the server's id and state, a self link to path.
func (c *call) render(doc map[string]any, id, state, path string) map[string]any {
	out := copyObject(doc)
	stripWriteOnly(out)
	out["id"] = id
	out["state"] = state
	out["links"] = []any{link("self", c.href(path))}
	return out
}

func (c *call) renderWorkspace(ws *workspace, withConnections bool) map[string]any {
	out := map[string]any{
		"_id":     ws.id,
		"groupId": c.route.groupID,
		"name":    ws.name,
		"dataProcessRegion": map[string]any{
			"cloudProvider": ws.cloudProvider,
			"region":        ws.region,
		},
		"hostnames": []any{"atlas-stream-" + ws.id + "." + strings.ToLower(strings.ReplaceAll(ws.region, "_", "-")) + ".a.query.mongodb.net"},
		"links":     []any{link("self", c.href(workspacePath(c.route.groupID, ws.name)))},
	}
	if ws.streamConfig != nil {
		out["streamConfig"] = copyObject(ws.streamConfig)
	}
	if len(ws.failoverRegions) > 0 {
		out["failoverRegions"] = renderRegions(ws.failoverRegions)
	}
	if withConnections {
		connections := []any{}
		for _, conn := range ws.sorted(c.now) {
			connections = append(connections, c.renderConnection(ws, conn, conn.life.current(c.now)))
		}
		out["connections"] = connections
	}
	return out
}
