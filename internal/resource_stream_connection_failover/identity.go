package resource_stream_connection_failover

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/identityschema"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

var _ resource.ResourceWithIdentity = (*failoverResource)(nil)

// identityModel is the resource identity: the parent's three names and the
// region, which a connection has at most one failover connection in.
// Atlas's id is not part of it: a replace changes it, the region does not.
type identityModel struct {
	ProjectID      types.String `tfsdk:"project_id"`
	WorkspaceName  types.String `tfsdk:"workspace_name"`
	ConnectionName types.String `tfsdk:"connection_name"`
	Region         types.String `tfsdk:"region"`
}

func (r *failoverResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = identityschema.Schema{
		Attributes: map[string]identityschema.Attribute{
			"project_id":      identityschema.StringAttribute{RequiredForImport: true, Description: "The Atlas project (group) id: 24 lowercase hexadecimal digits."},
			"workspace_name":  identityschema.StringAttribute{RequiredForImport: true, Description: "The stream workspace."},
			"connection_name": identityschema.StringAttribute{RequiredForImport: true, Description: "The parent connection's name."},
			"region":          identityschema.StringAttribute{RequiredForImport: true, Description: "The failover connection's region."},
		},
	}
}

// setIdentity records ids as the identity; identity is nil for a CLI that
// does not know identities.
func setIdentity(ctx context.Context, identity *tfsdk.ResourceIdentity, ids failoverIDs) diag.Diagnostics {
	if identity == nil {
		return nil
	}
	return identity.Set(ctx, identityModel{
		ProjectID: types.StringValue(ids.projectID), WorkspaceName: types.StringValue(ids.workspace),
		ConnectionName: types.StringValue(ids.connection), Region: types.StringValue(ids.region),
	})
}
