package resource_stream_connection

import (
	"fmt"
	"strings"

	"github.com/atlasx/terraform-provider-atlasx/internal/connection"
)

const importIDForms = "Use `project_id/workspace_name/connection_name` (e.g. `32b6e34b3d91647abb20e7b8/analytics/orders`) " +
	"or the mongodbatlas provider's `workspace_name-project_id-connection_name` (e.g. `analytics-32b6e34b3d91647abb20e7b8-orders`)."

// parseImportID accepts `project_id/workspace_name/connection_name` and the
// mongodbatlas provider's `workspace_name-project_id-connection_name`.
func parseImportID(id string) (connection.IDs, error) {
	if parts := strings.Split(id, "/"); len(parts) == 3 {
		ids := connection.IDs{ProjectID: parts[0], Workspace: parts[1], Name: parts[2]}
		switch {
		case !connection.IsProjectID(ids.ProjectID):
			return connection.IDs{}, fmt.Errorf("import id %q: %q is not a project id (24 lowercase hexadecimal digits). %s", id, ids.ProjectID, importIDForms)
		case ids.Workspace == "" || ids.Name == "":
			return connection.IDs{}, fmt.Errorf("import id %q: the workspace and connection names must not be empty. %s", id, importIDForms)
		}
		return ids, nil
	}
	if !strings.Contains(id, "/") {
		seps := projectSeparators(id)
		if len(seps) == 1 {
			start, end := seps[0], seps[0]+len(separatorShape)
			if start > 0 && end < len(id) {
				return connection.IDs{ProjectID: id[start+1 : end-1], Workspace: id[:start], Name: id[end:]}, nil
			}
		}
		if len(seps) > 1 {
			return connection.IDs{}, fmt.Errorf("import id %q holds more than one project id, so it cannot be split. Use `project_id/workspace_name/connection_name`", id)
		}
	}
	return connection.IDs{}, fmt.Errorf("import id %q is not valid. %s", id, importIDForms)
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
		if candidate[0] == '-' && candidate[len(candidate)-1] == '-' && connection.IsProjectID(candidate[1:len(candidate)-1]) {
			starts = append(starts, i)
		}
	}
	return starts
}
