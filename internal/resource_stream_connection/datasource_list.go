package resource_stream_connection

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/atlasx/terraform-provider-atlasx/internal/connection"
	"github.com/atlasx/terraform-provider-atlasx/internal/providerdata"
)

var _ datasource.DataSourceWithConfigure = (*connectionsDataSource)(nil)

// connectionsDataSource lists every connection of a workspace.
type connectionsDataSource struct {
	data *providerdata.Data
}

type connectionsModel struct {
	ID            types.String       `tfsdk:"id"`
	ProjectID     types.String       `tfsdk:"project_id"`
	WorkspaceName types.String       `tfsdk:"workspace_name"`
	Connections   []connection.Model `tfsdk:"connections"`
}

// NewListDataSource returns the atlasx_stream_connections data source.
func NewListDataSource() datasource.DataSource { return &connectionsDataSource{} }

func (d *connectionsDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_stream_connections"
}

func (d *connectionsDataSource) Schema(ctx context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resource := resourceSchema(ctx)
	keys := connection.DataAttributes(resource, lookupKeys)
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists every stream connection of a workspace, across all pages. Secrets are never returned by Atlas, so they are always null here.",
		Attributes: map[string]schema.Attribute{
			"id":             schema.StringAttribute{Computed: true, MarkdownDescription: "`project_id/workspace_name`."},
			"project_id":     keys["project_id"],
			"workspace_name": keys["workspace_name"],
			"connections": schema.ListNestedAttribute{
				Computed:            true,
				MarkdownDescription: "The workspace's connections, in the order Atlas lists them.",
				NestedObject:        schema.NestedAttributeObject{Attributes: connection.DataAttributes(resource, nil)},
			},
		},
	}
}

func (d *connectionsDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.data = configuredData(req.ProviderData, &resp.Diagnostics)
}

func (d *connectionsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var config connectionsModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)
	api := apiClient(d.data, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	projectID, workspace := config.ProjectID.ValueString(), config.WorkspaceName.ValueString()
	readCtx, cancel, timeout := readContext(ctx, d.data)
	defer cancel()
	all, err := api.ListStreamConnections(readCtx, projectID, workspace)
	if err != nil {
		resp.Diagnostics.AddError("Could not list the stream connections of workspace "+workspace, readFailure(err, timeout))
		return
	}
	identity := connection.Model{ProjectID: config.ProjectID, WorkspaceName: config.WorkspaceName}
	config.ID = types.StringValue(projectID + "/" + workspace)
	config.Connections = make([]connection.Model, 0, len(all))
	for i := range all {
		m, diags := connection.Flatten(ctx, &all[i], &identity)
		resp.Diagnostics.Append(diags...)
		config.Connections = append(config.Connections, m)
	}
	if resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &config)...)
}
