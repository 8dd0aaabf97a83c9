package resource_stream_connection

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/atlasx/terraform-provider-atlasx/internal/connection"
)

func (r *connectionResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state resourceModel
	resp.Diagnostics.Append(getModel(ctx, req.Plan.Raw, &plan)...)
	resp.Diagnostics.Append(getModel(ctx, req.State.Raw, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	config, diags := writeOnlyConfig(ctx, &plan.Model, req.Config)
	resp.Diagnostics.Append(diags...)
	timeout, diags := plan.Timeouts.Update(ctx, connection.DefaultUpdateTimeout)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	// The names never change in place (they replace), so the identity holds
	// whatever the update does.
	resp.Diagnostics.Append(setIdentity(ctx, resp.Identity, plan.IDs())...)
	patch, diags := connection.UpdatePatch(ctx, &state.Model, &plan.Model, config)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	if len(patch) == 0 {
		// Nothing Atlas would see changed (e.g. only timeouts): no request.
		resp.Diagnostics.Append(setModel(ctx, &resp.State.Raw, &plan)...)
		return
	}
	reads := connectionReads(r.data, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	ids := plan.IDs()
	tflog.Debug(ctx, "Updating stream connection", map[string]any{"connection": ids.String(), "fields": connection.PatchFields(patch)})
	updateCtx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	got, err := reads.Update(updateCtx, ids.WS(), ids.Name, patch)
	if err != nil {
		resp.Diagnostics.AddError("Could not update stream connection "+ids.String(), err.Error())
		return
	}
	got, err = waitReady(updateCtx, reads, r.data.Polling, ids, got)
	if got != nil {
		// Atlas applied the change: state must say so even if it then failed.
		saveState(ctx, got, &plan, &resp.Diagnostics, &resp.State.Raw)
	}
	switch {
	case connection.Interrupted(err):
		resp.Diagnostics.AddError("Update of stream connection "+ids.String()+" interrupted", err.Error()+
			". Atlas accepted the change and goes on deploying it: the connection may still become READY or FAILED. Run plan or apply again to see where it ended up.")
	case err != nil:
		resp.Diagnostics.AddError("Stream connection "+ids.String()+" did not become READY after the update", err.Error())
	}
}
