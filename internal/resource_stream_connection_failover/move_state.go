package resource_stream_connection_failover

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/atlasx/terraform-provider-atlasx/internal/connection"
)

var _ resource.ResourceWithMoveState = (*failoverResource)(nil)

// official is the official provider's failover connection resource, which
// a `moved` block may bring over: flat like its connection resource, with
// its type's settings at the top level, so the connection resource's move
// reads it, with these attributes beside the settings.
var official = connection.OfficialSource{
	TypeName: "mongodbatlas_stream_connection_failover",
	Target:   "atlasx_stream_connection_failover",
	CommonFields: []string{
		"project_id", "workspace_name", "connection_name", "region", "type",
		"failover_connection_id", "state", "delete_on_create_timeout", "timeouts",
	},
}

// MoveState takes over mongodbatlas_stream_connection_failover resources,
// with no request: what Atlas holds does not change. Any other source is
// declined (TargetState left unset), so the CLI says it cannot be moved here.
func (r *failoverResource) MoveState(context.Context) []resource.StateMover {
	return []resource.StateMover{{StateMover: moveFromOfficial}}
}

func moveFromOfficial(ctx context.Context, req resource.MoveStateRequest, resp *resource.MoveStateResponse) {
	if req.SourceTypeName != official.TypeName || !connection.IsOfficialProvider(req.SourceProviderAddress) || req.SourceRawState == nil {
		return
	}
	c, timeoutsValue, diags := connection.MovedOfficial(ctx, req.SourceRawState.JSON, official, resp.TargetState.Schema.TypeAtPath)
	if resp.Diagnostics.Append(diags...); diags.HasError() {
		return
	}
	cannotMove := "Cannot move " + official.TypeName + " to " + official.Target
	switch {
	case c.Kafka.IsNull() && c.Cluster.IsNull():
		resp.Diagnostics.AddError(cannotMove, "Its type has no failover connections: only "+connection.FailoverAPITypes()+" connections do.")
		return
	case c.Region.IsNull():
		resp.Diagnostics.AddError(cannotMove, "Its state names no region.")
		return
	}
	names := FailoverData{ProjectID: c.ProjectID, WorkspaceName: c.WorkspaceName, ConnectionName: c.ConnectionName}
	m := failoverModel{FailoverData: names.withConnection(c), Timeouts: timeoutsValue}
	resp.Diagnostics.Append(resp.TargetState.Set(ctx, &m)...)
	resp.Diagnostics.Append(setIdentity(ctx, resp.TargetIdentity, m.ids())...)
}
