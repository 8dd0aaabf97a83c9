package resource_stream_connection_failover

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"

	"github.com/atlasx/terraform-provider-atlasx/internal/client"
	rsc "github.com/atlasx/terraform-provider-atlasx/internal/resource_stream_connection"
)

// saveState writes what Atlas returned, converted as the connection
// resource converts it: prior (the plan, or the state on read) supplies the
// secrets Atlas never returns and tells server defaults apart.
func saveState(ctx context.Context, got *client.StreamConnection, prior *failoverModel, diags *diag.Diagnostics, state *tfsdk.State) {
	c, d := rsc.Flatten(ctx, got, prior.connection())
	if diags.Append(d...); d.HasError() {
		return
	}
	m := *prior
	m.FailoverData = prior.withConnection(c)
	diags.Append(state.Set(ctx, &m)...)
}

// writeOnlyConfig is the configuration as a connection model, which alone
// holds write-only values. A write-only value needs its version, so when the
// plan sets none there is none to read and the plan stands in.
func writeOnlyConfig(ctx context.Context, plan *failoverModel, config tfsdk.Config, diags *diag.Diagnostics) *rsc.Model {
	if !rsc.SetsWriteOnlyVersion(plan.connection()) {
		return plan.connection()
	}
	var m failoverModel
	diags.Append(config.Get(ctx, &m)...)
	return m.connection()
}

// heldInState is a private key that every failover connection in state
// carries (set by Create and Read). Terraform plans the new object of a
// replace again as a create, without the prior state but with its private
// data: ModifyPlan then knows the region was already claimed by the plan of
// the object being replaced.
const heldInState = "held_in_state"

// privateData is the framework's private state.
type privateData interface {
	GetKey(ctx context.Context, key string) ([]byte, diag.Diagnostics)
	SetKey(ctx context.Context, key string, value []byte) diag.Diagnostics
}

func markHeldInState(ctx context.Context, private privateData) diag.Diagnostics {
	return private.SetKey(ctx, heldInState, []byte("true"))
}

// replacing says whether a plan without a prior state is the create half of
// a replace (see heldInState).
func replacing(ctx context.Context, private privateData) bool {
	value, diags := private.GetKey(ctx, heldInState)
	return !diags.HasError() && len(value) > 0
}
