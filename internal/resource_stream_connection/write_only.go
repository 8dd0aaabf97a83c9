package resource_stream_connection

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"

	"github.com/atlasx/terraform-provider-atlasx/internal/connection"
)

// writeOnlyConfig is the configuration's model when the plan sets a
// write-only version (connection.WriteOnlyConfig).
func writeOnlyConfig(ctx context.Context, plan *connection.Model, config tfsdk.Config) (*connection.Model, diag.Diagnostics) {
	return connection.WriteOnlyConfig(plan, func() (*connection.Model, diag.Diagnostics) {
		var m resourceModel
		diags := getModel(ctx, config.Raw, &m)
		return &m.Model, diags
	})
}
