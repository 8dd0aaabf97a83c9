package resource_stream_connection

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/atlasx/terraform-provider-atlasx/internal/client"
	"github.com/atlasx/terraform-provider-atlasx/internal/connection"
)

func (r *connectionResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state resourceModel
	resp.Diagnostics.Append(getModel(ctx, req.State.Raw, &state)...)
	reads := connectionReads(r.data, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	ids := state.IDs()
	// Set before the lookup: the framework wants an identity even when the
	// connection is gone, and state from before identities has none to keep.
	resp.Diagnostics.Append(setIdentity(ctx, resp.Identity, ids)...)
	readCtx, cancel, timeout := readContext(ctx, r.data)
	defer cancel()
	// Shared with the refresh of the workspace's other connections (see
	// sharedreads.Reads.Read): a refresh costs pages, not a GET each.
	got, err := reads.Read(readCtx, ids.WS(), ids.Name)
	if client.IsNotFound(err) {
		// Deleted outside Terraform (or its workspace is gone): plan to create it again.
		tflog.Warn(ctx, "Stream connection not found; removing it from state", map[string]any{"connection": ids.String()})
		resp.State.RemoveResource(ctx)
		return
	}
	if err != nil {
		resp.Diagnostics.AddError("Could not read stream connection "+ids.String(), readFailure(err, timeout))
		return
	}
	saveState(ctx, got, &state, &resp.Diagnostics, &resp.State.Raw)
	resp.Diagnostics.Append(connection.MarkHeldInState(ctx, resp.Private)...)
}

// saveState writes what Atlas returned, with the secrets and server-default
// choices of prior and the resource-only settings it carries.
func saveState(ctx context.Context, got *client.StreamConnection, prior *resourceModel, diags *diag.Diagnostics, state *tftypes.Value) {
	m, d := connection.Flatten(ctx, got, &prior.Model)
	diags.Append(d...)
	if d.HasError() {
		return
	}
	diags.Append(setModel(ctx, state, &resourceModel{Model: m, DeleteOnCreateTimeout: prior.DeleteOnCreateTimeout, Timeouts: prior.Timeouts})...)
}
