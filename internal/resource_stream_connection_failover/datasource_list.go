package resource_stream_connection_failover

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/atlasx/terraform-provider-atlasx/internal/connection"
)

var _ datasource.DataSourceWithConfigure = (*failoversDataSource)(nil)

// failoversDataSource lists every failover connection of a connection.
type failoversDataSource struct{ reader }

type failoversModel struct {
	ProjectID      types.String   `tfsdk:"project_id"`
	WorkspaceName  types.String   `tfsdk:"workspace_name"`
	ConnectionName types.String   `tfsdk:"connection_name"`
	Failovers      []FailoverData `tfsdk:"failover_connections"`
}

// NewListDataSource returns the atlasx_stream_connection_failovers data source.
func NewListDataSource() datasource.DataSource { return &failoversDataSource{} }

func (d *failoversDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_stream_connection_failovers"
}

func (d *failoversDataSource) Schema(ctx context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resource := resourceSchema(ctx)
	keys := connection.DataAttributes(resource, parentKeys)
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists every failover connection of a stream connection (one per failover region at most). Secrets are never returned by Atlas, so they are always null here.",
		Attributes: map[string]schema.Attribute{
			"project_id":      keys["project_id"],
			"workspace_name":  keys["workspace_name"],
			"connection_name": keys["connection_name"],
			"failover_connections": schema.ListNestedAttribute{
				Computed:            true,
				MarkdownDescription: "The connection's failover connections, in the order Atlas lists them.",
				NestedObject:        schema.NestedAttributeObject{Attributes: connection.DataAttributes(resource, nil)},
			},
		},
	}
}

func (d *failoversDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var config failoversModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)
	names := FailoverData{ProjectID: config.ProjectID, WorkspaceName: config.WorkspaceName, ConnectionName: config.ConnectionName}
	all := d.list(ctx, names.ids(), &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	config.Failovers = make([]FailoverData, 0, len(all))
	for i := range all {
		m, diags := flattenData(ctx, &all[i], &names)
		resp.Diagnostics.Append(diags...)
		config.Failovers = append(config.Failovers, m)
	}
	if resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &config)...)
}
