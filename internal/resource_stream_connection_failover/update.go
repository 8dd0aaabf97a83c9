package resource_stream_connection_failover

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/atlasx/terraform-provider-atlasx/internal/client"
	"github.com/atlasx/terraform-provider-atlasx/internal/connection"
)

// Update sends the connection resource's smallest PATCH (connection.UpdatePatch):
// only what changed, secrets with their objects, write-only ones when their
// version changes; nothing at all when Atlas would see no change. Region
// and type replace, so they never change here.
func (r *failoverResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state failoverModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	config := writeOnlyConfig(ctx, &plan, req.Config, &resp.Diagnostics)
	timeout, diags := plan.Timeouts.Update(ctx, connection.DefaultUpdateTimeout)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	ids := plan.ids()
	resp.Diagnostics.Append(setIdentity(ctx, resp.Identity, ids)...)
	patch, diags := connection.UpdatePatch(ctx, state.connection(), plan.connection(), config)
	if resp.Diagnostics.Append(diags...); resp.Diagnostics.HasError() {
		return
	}
	if len(patch) == 0 {
		// Nothing Atlas would see changed (e.g. only timeouts): no request.
		resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
		return
	}
	api, reads := r.api(&resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	id := state.FailoverConnectionID.ValueString()
	tflog.Debug(ctx, "Updating failover connection", map[string]any{"failover": ids.String(), "fields": connection.PatchFields(patch)})
	updateCtx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	got, err := asConnection(reads.UpdateFailover(updateCtx, ids.failover(), id, patch))
	if err != nil {
		resp.Diagnostics.AddError("Could not update "+ids.subject(), err.Error())
		return
	}
	got, err = connection.WaitReady(updateCtx, r.data.Polling, ids.subject(), got, func(ctx context.Context) (*client.StreamConnection, error) {
		return asConnection(api.GetFailoverConnection(ctx, ids.projectID, ids.workspace, ids.connection, id))
	})
	if got != nil {
		// Atlas applied the change: state must say so even if it then failed.
		saveState(ctx, got, &plan, &resp.Diagnostics, &resp.State)
	}
	switch {
	case connection.Interrupted(err):
		resp.Diagnostics.AddError("Update of "+ids.subject()+" interrupted", err.Error()+
			". Atlas accepted the change and goes on deploying it. Run plan or apply again to see where it ended up.")
	case err != nil:
		resp.Diagnostics.AddError(ids.subject()+" did not become READY after the update", err.Error())
	}
}
