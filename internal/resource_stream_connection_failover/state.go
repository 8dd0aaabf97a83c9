package resource_stream_connection_failover

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"

	"github.com/atlasx/terraform-provider-atlasx/internal/client"
	"github.com/atlasx/terraform-provider-atlasx/internal/connection"
)

// saveState writes what Atlas returned, converted as the connection
// resource converts it: prior (the plan, or the state on read) supplies the
// secrets Atlas never returns and tells server defaults apart.
func saveState(ctx context.Context, got *client.StreamConnection, prior *failoverModel, diags *diag.Diagnostics, state *tfsdk.State) {
	c, d := connection.Flatten(ctx, got, prior.connection())
	if diags.Append(d...); d.HasError() {
		return
	}
	m := *prior
	m.FailoverData = prior.withConnection(c)
	diags.Append(state.Set(ctx, &m)...)
}

// writeOnlyConfig is the configuration as a connection model when the plan
// sets a write-only version (connection.WriteOnlyConfig).
func writeOnlyConfig(ctx context.Context, plan *failoverModel, config tfsdk.Config, diags *diag.Diagnostics) *connection.Model {
	m, d := connection.WriteOnlyConfig(plan.connection(), func() (*connection.Model, diag.Diagnostics) {
		var m failoverModel
		d := config.Get(ctx, &m)
		return m.connection(), d
	})
	diags.Append(d...)
	return m
}
