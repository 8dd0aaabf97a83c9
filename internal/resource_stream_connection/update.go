package resource_stream_connection

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/atlasx/terraform-provider-atlasx/internal/client"
)

func (r *connectionResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state resourceModel
	resp.Diagnostics.Append(getModel(ctx, req.Plan.Raw, &plan)...)
	resp.Diagnostics.Append(getModel(ctx, req.State.Raw, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	config, diags := writeOnlyConfig(ctx, &plan.connectionModel, req.Config)
	resp.Diagnostics.Append(diags...)
	timeout, diags := plan.Timeouts.Update(ctx, DefaultUpdateTimeout)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	// The names never change in place (they replace), so the identity holds
	// whatever the update does.
	resp.Diagnostics.Append(setIdentity(ctx, resp.Identity, plan.ids())...)
	patch, diags := updatePatch(ctx, &state.connectionModel, &plan.connectionModel, config)
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
	ids := plan.ids()
	tflog.Debug(ctx, "Updating stream connection", map[string]any{"connection": ids.String(), "fields": patchFields(patch)})
	updateCtx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	got, err := reads.Update(updateCtx, ids.ws(), ids.name, patch)
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
	case Interrupted(err):
		resp.Diagnostics.AddError("Update of stream connection "+ids.String()+" interrupted", err.Error()+
			". Atlas accepted the change and goes on deploying it: the connection may still become READY or FAILED. Run plan or apply again to see where it ended up.")
	case err != nil:
		resp.Diagnostics.AddError("Stream connection "+ids.String()+" did not become READY after the update", err.Error())
	}
}

// updatePatch is the PATCH that takes the connection from state to the plan.
// A write-only secret, which only config holds, makes a difference only when
// its version changes (write_only.go); when its object is sent, it goes
// along. The patch is empty when Atlas would see no change.
func updatePatch(ctx context.Context, state, plan, config *connectionModel) (client.ConnectionPatch, diag.Diagnostics) {
	var diags diag.Diagnostics
	held := assumedHeld(state, plan, config)
	prior, d := expand(ctx, &held)
	diags.Append(d...)
	sendable := withWriteOnly(plan, config)
	planned, d := expand(ctx, &sendable)
	diags.Append(d...)
	if diags.HasError() {
		return nil, diags
	}
	patch, err := buildPatch(prior, planned)
	if err != nil {
		diags.AddError("Could not build the update", err.Error())
	}
	return patch, diags
}
