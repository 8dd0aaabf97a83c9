package resource_stream_connection

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-log/tflog"
)

func (r *connectionResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state resourceModel
	resp.Diagnostics.Append(getModel(ctx, req.Plan.Raw, &plan)...)
	resp.Diagnostics.Append(getModel(ctx, req.State.Raw, &state)...)
	timeout, diags := plan.Timeouts.Update(ctx, defaultUpdateTimeout)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	prior, diags := expand(ctx, &state.connectionModel)
	resp.Diagnostics.Append(diags...)
	planned, diags := expand(ctx, &plan.connectionModel)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	patch, err := buildPatch(prior, planned)
	if err != nil {
		resp.Diagnostics.AddError("Could not build the update", err.Error())
		return
	}
	if len(patch) == 0 {
		// Nothing Atlas would see changed (e.g. only timeouts): no request.
		resp.Diagnostics.Append(setModel(ctx, &resp.State.Raw, &plan)...)
		return
	}
	api := apiClient(r.data, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	ids := plan.ids()
	tflog.Debug(ctx, "Updating stream connection", map[string]any{"connection": ids.String(), "fields": patchFields(patch)})
	updateCtx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	got, err := api.UpdateStreamConnection(updateCtx, ids.projectID, ids.workspace, ids.name, patch)
	if err != nil {
		resp.Diagnostics.AddError("Could not update stream connection "+ids.String(), err.Error())
		return
	}
	got, err = waitReady(updateCtx, api, r.data.Polling, ids, got)
	if got != nil {
		// Atlas applied the change: state must say so even if it then failed.
		r.saveState(ctx, got, &plan, &resp.Diagnostics, &resp.State.Raw)
	}
	if err != nil {
		resp.Diagnostics.AddError("Stream connection "+ids.String()+" did not become READY after the update", err.Error())
	}
}
