package resource_stream_connection

import (
	"fmt"
	"strings"

	"github.com/atlasx/terraform-provider-atlasx/internal/sharedreads"
)

// connectionIDs names one connection in Atlas.
type connectionIDs struct {
	projectID, workspace, name string
}

// ws names the connection's workspace for sharedreads.
func (ids connectionIDs) ws() sharedreads.Workspace {
	return sharedreads.Workspace{ProjectID: ids.projectID, Name: ids.workspace}
}

func importID(projectID, workspace, name string) string {
	return projectID + "/" + workspace + "/" + name
}

func (ids connectionIDs) String() string { return importID(ids.projectID, ids.workspace, ids.name) }

const importIDForms = "Use `project_id/workspace_name/connection_name` (e.g. `32b6e34b3d91647abb20e7b8/analytics/orders`) " +
	"or the mongodbatlas provider's `workspace_name-project_id-connection_name` (e.g. `analytics-32b6e34b3d91647abb20e7b8-orders`)."

// parseImportID accepts `project_id/workspace_name/connection_name` and the
// mongodbatlas provider's `workspace_name-project_id-connection_name`.
func parseImportID(id string) (connectionIDs, error) {
	if parts := strings.Split(id, "/"); len(parts) == 3 {
		ids := connectionIDs{projectID: parts[0], workspace: parts[1], name: parts[2]}
		switch {
		case !hex24Pattern.MatchString(ids.projectID):
			return connectionIDs{}, fmt.Errorf("import id %q: %q is not a project id (24 lowercase hexadecimal digits). %s", id, ids.projectID, importIDForms)
		case ids.workspace == "" || ids.name == "":
			return connectionIDs{}, fmt.Errorf("import id %q: the workspace and connection names must not be empty. %s", id, importIDForms)
		}
		return ids, nil
	}
	if !strings.Contains(id, "/") {
		seps := projectSeparators(id)
		if len(seps) == 1 {
			start, end := seps[0], seps[0]+len(separatorShape)
			if start > 0 && end < len(id) {
				return connectionIDs{projectID: id[start+1 : end-1], workspace: id[:start], name: id[end:]}, nil
			}
		}
		if len(seps) > 1 {
			return connectionIDs{}, fmt.Errorf("import id %q holds more than one project id, so it cannot be split. Use `project_id/workspace_name/connection_name`", id)
		}
	}
	return connectionIDs{}, fmt.Errorf("import id %q is not valid. %s", id, importIDForms)
}

// separatorShape is what separates the names in the official provider's
// `workspace-projectid-connection` ids.
const separatorShape = "-0123456789abcdef01234567-"

// projectSeparators returns where each `-<project id>-` starts, overlapping
// ones included, so names with hyphens split right and ambiguous ids are caught.
func projectSeparators(id string) []int {
	var starts []int
	for i := 0; i+len(separatorShape) <= len(id); i++ {
		candidate := id[i : i+len(separatorShape)]
		if candidate[0] == '-' && candidate[len(candidate)-1] == '-' && hex24Pattern.MatchString(candidate[1:len(candidate)-1]) {
			starts = append(starts, i)
		}
	}
	return starts
}
