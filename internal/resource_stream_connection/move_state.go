package resource_stream_connection

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/atlasx/terraform-provider-atlasx/internal/connection"
)

var _ resource.ResourceWithMoveState = (*connectionResource)(nil)

// MoveState takes over mongodbatlas_stream_connection resources. Any other
// source is declined (TargetState left unset), so the CLI says it cannot be
// moved here.
func (r *connectionResource) MoveState(context.Context) []resource.StateMover {
	return []resource.StateMover{{StateMover: moveFromOfficial}}
}

func moveFromOfficial(ctx context.Context, req resource.MoveStateRequest, resp *resource.MoveStateResponse) {
	if req.SourceTypeName != connection.OfficialConnection.TypeName || !connection.IsOfficialProvider(req.SourceProviderAddress) || req.SourceRawState == nil {
		return
	}
	moved, diags := movedModel(ctx, req.SourceRawState.JSON, resp.TargetState.Schema.TypeAtPath)
	if resp.Diagnostics.Append(diags...); diags.HasError() {
		return
	}
	resp.Diagnostics.Append(resp.TargetState.Set(ctx, moved)...)
	resp.Diagnostics.Append(setIdentity(ctx, resp.TargetIdentity, moved.IDs())...)
}

// movedModel maps the official provider's state (its JSON) onto this
// resource (MovedOfficial).
func movedModel(ctx context.Context, raw []byte, typeAt func(context.Context, path.Path) (attr.Type, diag.Diagnostics)) (resourceModel, diag.Diagnostics) {
	m, timeoutsValue, diags := connection.MovedOfficial(ctx, raw, connection.OfficialConnection, typeAt)
	if diags.HasError() {
		return resourceModel{}, diags
	}
	return resourceModel{Model: m, DeleteOnCreateTimeout: types.BoolValue(true), Timeouts: timeoutsValue}, diags
}
