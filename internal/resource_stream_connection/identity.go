package resource_stream_connection

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/identityschema"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/atlasx/terraform-provider-atlasx/internal/connection"
)

var _ resource.ResourceWithIdentity = (*connectionResource)(nil)

// identityModel is the resource identity: the three names that find a
// connection in Atlas, the same as the parts of `id`.
type identityModel struct {
	ProjectID      types.String `tfsdk:"project_id"`
	WorkspaceName  types.String `tfsdk:"workspace_name"`
	ConnectionName types.String `tfsdk:"connection_name"`
}

func (r *connectionResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = identityschema.Schema{
		Attributes: map[string]identityschema.Attribute{
			"project_id":      identityschema.StringAttribute{RequiredForImport: true, Description: "The Atlas project (group) id: 24 lowercase hexadecimal digits."},
			"workspace_name":  identityschema.StringAttribute{RequiredForImport: true, Description: "The stream workspace."},
			"connection_name": identityschema.StringAttribute{RequiredForImport: true, Description: "The connection's name."},
		},
	}
}

// setIdentity records ids as the identity. identity is nil when the resource
// has no identity in the response (the framework leaves it out for a CLI that
// does not know identities), and then there is nothing to record. It sets the
// value itself: Set with a model struct would read the struct's tags by
// reflection on every read of every connection.
func setIdentity(ctx context.Context, identity *tfsdk.ResourceIdentity, ids connection.IDs) diag.Diagnostics {
	if identity == nil {
		return nil
	}
	return identity.Set(ctx, tftypes.NewValue(identityType, map[string]tftypes.Value{
		"project_id":      tftypes.NewValue(tftypes.String, ids.ProjectID),
		"workspace_name":  tftypes.NewValue(tftypes.String, ids.Workspace),
		"connection_name": tftypes.NewValue(tftypes.String, ids.Name),
	}))
}

// identityType is the Terraform type of IdentitySchema (identity_test.go
// holds them together).
var identityType = tftypes.Object{AttributeTypes: map[string]tftypes.Type{
	"project_id": tftypes.String, "workspace_name": tftypes.String, "connection_name": tftypes.String,
}}

// importedIDs names the connection an import asks for: by its import id
// (`tofu import`, or an import block with `id`), else by the identity of an
// import block with `identity`.
func importedIDs(ctx context.Context, req resource.ImportStateRequest) (connection.IDs, diag.Diagnostics) {
	var diags diag.Diagnostics
	if req.ID != "" || req.Identity == nil {
		ids, err := parseImportID(req.ID)
		if err != nil {
			diags.AddError("Invalid import id", err.Error())
		}
		return ids, diags
	}
	var identity identityModel
	if diags.Append(req.Identity.Get(ctx, &identity)...); diags.HasError() {
		return connection.IDs{}, diags
	}
	ids := connection.IDs{ProjectID: identity.ProjectID.ValueString(), Workspace: identity.WorkspaceName.ValueString(), Name: identity.ConnectionName.ValueString()}
	if err := ids.Validate(); err != nil {
		diags.AddError("Invalid import identity", err.Error())
	}
	return ids, diags
}

// validate checks names that came apart, as an identity or a moved state
// gives them, naming the attribute that is wrong.
