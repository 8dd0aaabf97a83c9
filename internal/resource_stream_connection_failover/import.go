package resource_stream_connection_failover

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/atlasx/terraform-provider-atlasx/internal/connection"
)

var _ resource.ResourceWithImportState = (*failoverResource)(nil)

// importedFailover is what an import names: the parent, and the region or,
// in the official provider's form, Atlas's id.
type importedFailover struct {
	failoverIDs
	id string
}

const importIDForms = "Use `project_id/workspace_name/connection_name/region` (e.g. `32b6e34b3d91647abb20e7b8/analytics/orders/DUBLIN_IRL`) " +
	"or the mongodbatlas provider's `project_id/workspace_name/connection_name/failover_connection_id`."

// parseImportID accepts `project_id/workspace_name/connection_name/region`
// and the official provider's form, whose last part is Atlas's id (24
// hexadecimal digits, which no region name is).
func parseImportID(id string) (importedFailover, error) {
	parts := strings.Split(id, "/")
	if len(parts) != 4 {
		return importedFailover{}, fmt.Errorf("import id %q is not valid. %s", id, importIDForms)
	}
	for _, p := range parts {
		if p == "" {
			return importedFailover{}, fmt.Errorf("import id %q has an empty part. %s", id, importIDForms)
		}
	}
	if !connection.IsProjectID(parts[0]) {
		return importedFailover{}, fmt.Errorf("import id %q: %q is not a project id (24 lowercase hexadecimal digits). %s", id, parts[0], importIDForms)
	}
	imported := importedFailover{failoverIDs: failoverIDs{projectID: parts[0], workspace: parts[1], connection: parts[2]}}
	if connection.IsProjectID(parts[3]) { // Atlas's ids have the project id's shape
		imported.id = parts[3]
	} else {
		imported.region = parts[3]
	}
	return imported, nil
}

func (r *failoverResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	imported, diags := importedIDs(ctx, req)
	if resp.Diagnostics.Append(diags...); diags.HasError() {
		return
	}
	for name, value := range map[string]string{
		"project_id": imported.projectID, "workspace_name": imported.workspace, "connection_name": imported.connection,
	} {
		resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root(name), value)...)
	}
	if imported.id != "" {
		// Read finds it by id, and records its region and identity.
		resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("failover_connection_id"), imported.id)...)
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("region"), imported.region)...)
	resp.Diagnostics.Append(setIdentity(ctx, resp.Identity, imported.failoverIDs)...)
}

// importedIDs names the failover connection an import asks for: by its
// import id, else by the identity of an import block with `identity`.
func importedIDs(ctx context.Context, req resource.ImportStateRequest) (importedFailover, diag.Diagnostics) {
	var diags diag.Diagnostics
	if req.ID != "" || req.Identity == nil {
		imported, err := parseImportID(req.ID)
		if err != nil {
			diags.AddError("Invalid import id", err.Error())
		}
		return imported, diags
	}
	var identity identityModel
	if diags.Append(req.Identity.Get(ctx, &identity)...); diags.HasError() {
		return importedFailover{}, diags
	}
	imported := importedFailover{failoverIDs: failoverIDs{
		projectID: identity.ProjectID.ValueString(), workspace: identity.WorkspaceName.ValueString(),
		connection: identity.ConnectionName.ValueString(), region: identity.Region.ValueString(),
	}}
	if _, err := parseImportID(imported.String()); err != nil || imported.region == "" || connection.IsProjectID(imported.region) {
		diags.AddError("Invalid import identity", fmt.Sprintf("The identity must name an Atlas project id, a workspace, a connection and a region; got %q.", imported.String()))
	}
	return imported, diags
}
