package resource_stream_connection

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"

	"github.com/atlasx/terraform-provider-atlasx/internal/client"
	"github.com/atlasx/terraform-provider-atlasx/internal/connection"
	"github.com/atlasx/terraform-provider-atlasx/internal/providerdata"
)

// lookupKeys are what the data sources are given rather than what they read.
var lookupKeys = map[string]bool{"project_id": true, "workspace_name": true, "connection_name": true}

var _ datasource.DataSourceWithConfigure = (*connectionDataSource)(nil)

// connectionDataSource reads one connection by project, workspace and name.
type connectionDataSource struct {
	data *providerdata.Data
}

// NewDataSource returns the atlasx_stream_connection data source.
func NewDataSource() datasource.DataSource { return &connectionDataSource{} }

func (d *connectionDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_stream_connection"
}

func (d *connectionDataSource) Schema(ctx context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Reads one stream connection. Secrets are never returned by Atlas, so they are always null here.",
		Attributes:          connection.DataAttributes(resourceSchema(ctx), lookupKeys),
	}
}

func (d *connectionDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.data = configuredData(req.ProviderData, &resp.Diagnostics)
}

func (d *connectionDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var config connection.Model
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)
	api := apiClient(d.data, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	ids := config.IDs()
	readCtx, cancel, timeout := readContext(ctx, d.data)
	defer cancel()
	got, err := api.GetStreamConnection(readCtx, ids.ProjectID, ids.Workspace, ids.Name)
	if client.IsNotFound(err) {
		resp.Diagnostics.AddError("Stream connection not found",
			fmt.Sprintf("There is no connection %q in workspace %q of project %s (%s). Check the names, or create the connection first.", ids.Name, ids.Workspace, ids.ProjectID, err))
		return
	}
	if err != nil {
		resp.Diagnostics.AddError("Could not read stream connection "+ids.String(), readFailure(err, timeout))
		return
	}
	identity := connection.Model{ProjectID: config.ProjectID, WorkspaceName: config.WorkspaceName}
	m, diags := connection.Flatten(ctx, got, &identity)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}
