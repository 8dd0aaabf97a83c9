package emulator

import (
	"net/http"
	"net/url"
	"strings"
)

const apiPrefix = "/api/atlas/v2"

// Route templates, as the OpenAPI document spells them. Counts are keyed by
// "METHOD template", e.g. "PATCH " + RouteConnection; Scope.Routes takes them.
const (
	RouteWorkspaces  = apiPrefix + "/groups/{groupId}/streams"
	RouteWorkspace   = apiPrefix + "/groups/{groupId}/streams/{tenantName}"
	RouteConnections = apiPrefix + "/groups/{groupId}/streams/{tenantName}/connections"
	RouteConnection  = apiPrefix + "/groups/{groupId}/streams/{tenantName}/connections/{connectionName}"
	RouteFailovers   = RouteConnection + "/failoverConnections"
	RouteFailover    = RouteFailovers + "/{failoverConnectionId}"
	RouteToken       = "/api/oauth/token"
	RouteRevoke      = "/api/oauth/revoke"
)

// AdminCountsPath answers GET with the request counts as JSON and DELETE by
// resetting them. It needs no credentials and is never counted or faulted.
const AdminCountsPath = "/_emulator/counts"

const adminPrefix = "/_emulator/"

// route is an Atlas API request resolved to its template and path values
// (unescaped).
type route struct {
	template   string
	groupID    string
	workspace  string
	connection string
	failover   string // the failover connection id
}

// matchRoute resolves an escaped request path. Each segment is unescaped on
// its own so a name holding an encoded "/" stays one segment.
func matchRoute(escapedPath string) (route, bool) {
	rest, ok := strings.CutPrefix(escapedPath, apiPrefix+"/groups/")
	if !ok {
		return route{}, false
	}
	segments := strings.Split(rest, "/")
	for i, s := range segments {
		v, err := url.PathUnescape(s)
		if err != nil || v == "" {
			return route{}, false
		}
		segments[i] = v
	}
	if len(segments) < 2 || segments[1] != "streams" {
		return route{}, false
	}
	r := route{groupID: segments[0]}
	switch {
	case len(segments) == 2:
		r.template = RouteWorkspaces
	case len(segments) == 3:
		r.template, r.workspace = RouteWorkspace, segments[2]
	case len(segments) == 4 && segments[3] == "connections":
		r.template, r.workspace = RouteConnections, segments[2]
	case len(segments) == 5 && segments[3] == "connections":
		r.template, r.workspace, r.connection = RouteConnection, segments[2], segments[4]
	case len(segments) == 6 && segments[3] == "connections" && segments[5] == "failoverConnections":
		r.template, r.workspace, r.connection = RouteFailovers, segments[2], segments[4]
	case len(segments) == 7 && segments[3] == "connections" && segments[5] == "failoverConnections":
		r.template, r.workspace, r.connection, r.failover = RouteFailover, segments[2], segments[4], segments[6]
	default:
		return route{}, false
	}
	return r, true
}

// operation answers one API call. The pipeline has already authenticated the
// caller and checked its role in the project.
type operation func(e *Emulator, c *call) *reply

var operations = map[string]map[string]operation{
	RouteWorkspaces: {
		http.MethodGet:  (*Emulator).listWorkspaces,
		http.MethodPost: (*Emulator).createWorkspace,
	},
	RouteWorkspace: {
		http.MethodGet:    (*Emulator).getWorkspace,
		http.MethodPatch:  (*Emulator).updateWorkspace,
		http.MethodDelete: (*Emulator).deleteWorkspace,
	},
	RouteConnections: {
		http.MethodGet:  (*Emulator).listConnections,
		http.MethodPost: (*Emulator).createConnection,
	},
	RouteConnection: {
		http.MethodGet:    (*Emulator).getConnection,
		http.MethodPatch:  (*Emulator).updateConnection,
		http.MethodDelete: (*Emulator).deleteConnection,
	},
	RouteFailovers: {
		http.MethodGet:  (*Emulator).listFailovers,
		http.MethodPost: (*Emulator).createFailover,
	},
	RouteFailover: {
		http.MethodGet:    (*Emulator).getFailover,
		http.MethodPatch:  (*Emulator).updateFailover,
		http.MethodDelete: (*Emulator).deleteFailover,
	},
}

func isAPIRoute(template string) bool {
	_, ok := operations[template]
	return ok
}

func isWrite(method string) bool {
	return method != http.MethodGet && method != http.MethodHead
}
