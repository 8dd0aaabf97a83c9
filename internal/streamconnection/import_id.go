package streamconnection

import (
	"fmt"
	"regexp"
	"strings"
)

// connectionIDs names one connection in Atlas.
type connectionIDs struct {
	projectID, workspace, name string
}

func importID(projectID, workspace, name string) string {
	return projectID + "/" + workspace + "/" + name
}

func (ids connectionIDs) String() string { return importID(ids.projectID, ids.workspace, ids.name) }

// legacyProjectSeparator finds the `-<project id>-` inside the official
// provider's `workspace-projectid-connection` ids, so names with hyphens work.
var legacyProjectSeparator = regexp.MustCompile(`-[a-f0-9]{24}-`)

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
		seps := legacyProjectSeparator.FindAllStringIndex(id, -1)
		if len(seps) == 1 {
			start, end := seps[0][0], seps[0][1]
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
