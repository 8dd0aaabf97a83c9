package resource_stream_connection_failover

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/atlasx/terraform-provider-atlasx/internal/client"
	"github.com/atlasx/terraform-provider-atlasx/internal/connection"
)

// Delete deletes the failover connection. A 404 means it is gone already:
// deleted outside Terraform, or with its parent connection or workspace.
func (r *failoverResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state failoverModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	timeout, diags := state.Timeouts.Delete(ctx, connection.DefaultDeleteTimeout)
	resp.Diagnostics.Append(diags...)
	_, reads := r.api(&resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	ids := state.ids()
	deleteCtx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	err := reads.DeleteFailover(deleteCtx, ids.failover(), state.FailoverConnectionID.ValueString())
	if err != nil && !client.IsNotFound(err) {
		resp.Diagnostics.AddError("Could not delete "+ids.subject(), err.Error())
	}
}
