package resource_stream_connection_failover

import (
	"context"
	"encoding/json"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/atlasx/terraform-provider-atlasx/internal/client"
	"github.com/atlasx/terraform-provider-atlasx/internal/connection"
)

// Read finds the failover connection in a list of its parent's, shared with
// the refresh of the parent's other failover connections
// (sharedreads.Reads.FailoversOf): one list per parent and command. It is
// found by region, or, after an import by the official provider's id form
// (which names no region), by that id.
func (r *failoverResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state failoverModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	_, reads := r.api(&resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	ids := state.ids()
	// Set before the lookup: the framework wants an identity even when the
	// failover connection is gone. After an import by id the region is
	// known only once it is found, and the identity is set again then.
	resp.Diagnostics.Append(setIdentity(ctx, resp.Identity, ids)...)
	readCtx, cancel := context.WithTimeout(ctx, r.data.ReadTimeoutOrDefault())
	defer cancel()
	all, err := reads.FailoversOf(readCtx, ids.parent(), ids.region)
	if err != nil && !client.IsNotFound(err) {
		resp.Diagnostics.AddError("Could not read "+ids.subject(), err.Error())
		return
	}
	var got *client.StreamConnection
	for _, f := range all {
		if state.Region.IsNull() && f.ID == state.FailoverConnectionID.ValueString() || !state.Region.IsNull() && f.Region == ids.region {
			got = (*client.StreamConnection)(&f)
			break
		}
	}
	if got == nil {
		// Deleted outside Terraform, or its parent or workspace is gone:
		// plan to create it again.
		tflog.Warn(ctx, "Failover connection not found; removing it from state", map[string]any{"failover": ids.String()})
		resp.State.RemoveResource(ctx)
		return
	}
	resp.Diagnostics.Append(markRecreatedOutside(ctx, resp.Private, state.FailoverConnectionID, got.ID)...)
	saveState(ctx, got, &state, &resp.Diagnostics, &resp.State)
	ids.region = got.Region
	resp.Diagnostics.Append(setIdentity(ctx, resp.Identity, ids)...)
	resp.Diagnostics.Append(connection.MarkHeldInState(ctx, resp.Private)...)
}

// recreatedOutside is a private key that Read sets when it finds, in the
// failover connection's region, another failover connection than the one in
// state (deleted and created again outside Terraform): Atlas holds secrets
// that the configuration never sent, so ModifyPlan plans its replacement.
const recreatedOutside = "recreated_outside"

// markRecreatedOutside sets recreatedOutside when Atlas's id differs from
// state's, and clears it when they match.
func markRecreatedOutside(ctx context.Context, private connection.PrivateData, inState types.String, inAtlas string) diag.Diagnostics {
	if inState.IsNull() || inState.IsUnknown() || inState.ValueString() == "" {
		return nil
	}
	var value []byte
	if inState.ValueString() != inAtlas {
		value, _ = json.Marshal(inState.ValueString()) // private values are JSON
	}
	return private.SetKey(ctx, recreatedOutside, value)
}
