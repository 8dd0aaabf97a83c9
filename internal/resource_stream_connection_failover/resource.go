// Package resource_stream_connection_failover is the
// atlasx_stream_connection_failover resource: a failover connection of a
// Kafka or Cluster stream connection. It is built on the connection
// resource's type and secret tables, conversion and PATCH diff.
package resource_stream_connection_failover

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/atlasx/terraform-provider-atlasx/internal/client"
	"github.com/atlasx/terraform-provider-atlasx/internal/connection"
	"github.com/atlasx/terraform-provider-atlasx/internal/providerdata"
	"github.com/atlasx/terraform-provider-atlasx/internal/sharedreads"
)

var (
	_ resource.ResourceWithConfigure        = (*failoverResource)(nil)
	_ resource.ResourceWithConfigValidators = (*failoverResource)(nil)
)

type failoverResource struct {
	data *providerdata.Data
}

// NewResource returns the atlasx_stream_connection_failover resource.
func NewResource() resource.Resource { return &failoverResource{} }

func (r *failoverResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_stream_connection_failover"
}

func (r *failoverResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = resourceSchema(ctx)
}

func (r *failoverResource) ConfigValidators(context.Context) []resource.ConfigValidator {
	return []resource.ConfigValidator{connection.ExactlyOneType(typeAttributes...)}
}

func (r *failoverResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.data = configuredData(req.ProviderData, &resp.Diagnostics)
}

// configuredData takes the provider's data, which is nil until the provider
// is configured.
func configuredData(providerData any, diags *diag.Diagnostics) *providerdata.Data {
	if providerData == nil {
		return nil
	}
	data, ok := providerData.(*providerdata.Data)
	if !ok {
		diags.AddError("Unexpected provider data", fmt.Sprintf("Expected *providerdata.Data, got %T. This is a bug in the provider.", providerData))
	}
	return data
}

// api returns the client and the reads shared over it, or adds why there
// are none.
func (r *failoverResource) api(diags *diag.Diagnostics) (*client.Client, *sharedreads.Reads) {
	if r.data == nil {
		diags.AddError("Provider not configured", "The atlasx provider was not configured before use. This is a bug in the provider.")
		return nil, nil
	}
	c, err := r.data.Client()
	if err != nil {
		diags.AddError("Atlas credentials are missing or incomplete", err.Error())
		return nil, nil
	}
	return c, r.data.Reads()
}
