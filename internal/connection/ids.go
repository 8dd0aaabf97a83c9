package connection

import (
	"fmt"

	"github.com/atlasx/terraform-provider-atlasx/internal/sharedreads"
)

// IDs names one connection in Atlas: what its resource's id, import id and
// identity are made of, and what this command's plans are recorded by.
type IDs struct {
	ProjectID, Workspace, Name string
}

// WS names the connection's workspace for sharedreads.
func (ids IDs) WS() sharedreads.Workspace {
	return sharedreads.Workspace{ProjectID: ids.ProjectID, Name: ids.Workspace}
}

// String is `project_id/workspace_name/connection_name`, the resource's id.
func (ids IDs) String() string { return ids.ProjectID + "/" + ids.Workspace + "/" + ids.Name }

// Validate says which name is not one Atlas could hold.
func (ids IDs) Validate() error {
	switch {
	case !IsProjectID(ids.ProjectID):
		return fmt.Errorf("project_id %q is not an Atlas project id: it must be 24 lowercase hexadecimal digits", ids.ProjectID)
	case ids.Workspace == "":
		return fmt.Errorf("workspace_name must not be empty")
	case ids.Name == "":
		return fmt.Errorf("connection_name must not be empty")
	}
	return nil
}

// IDs names the connection m describes.
func (m *Model) IDs() IDs {
	return IDs{ProjectID: m.ProjectID.ValueString(), Workspace: m.WorkspaceName.ValueString(), Name: m.ConnectionName.ValueString()}
}
