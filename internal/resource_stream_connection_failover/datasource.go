package resource_stream_connection_failover

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/atlasx/terraform-provider-atlasx/internal/client"
	"github.com/atlasx/terraform-provider-atlasx/internal/connection"
	"github.com/atlasx/terraform-provider-atlasx/internal/providerdata"
)

var _ datasource.DataSourceWithConfigure = (*failoverDataSource)(nil)

// failoverDataSource reads one failover connection by its parent and region.
type failoverDataSource struct{ reader }

// NewDataSource returns the atlasx_stream_connection_failover data source.
func NewDataSource() datasource.DataSource { return &failoverDataSource{} }

// parentKeys name a connection, and failoverKeys one of its failover connections.
var (
	parentKeys   = map[string]bool{"project_id": true, "workspace_name": true, "connection_name": true}
	failoverKeys = map[string]bool{"project_id": true, "workspace_name": true, "connection_name": true, "region": true}
)

func (d *failoverDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_stream_connection_failover"
}

func (d *failoverDataSource) Schema(ctx context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Reads the failover connection of a stream connection in one region. Secrets are never returned by Atlas, so they are always null here.",
		Attributes:          connection.DataAttributes(resourceSchema(ctx), failoverKeys),
	}
}

func (d *failoverDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var config FailoverData
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)
	ids := config.ids()
	all := d.list(ctx, ids, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	for i := range all {
		if all[i].Region == ids.region {
			m, diags := flattenData(ctx, &all[i], &config)
			resp.Diagnostics.Append(diags...)
			resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
			return
		}
	}
	resp.Diagnostics.AddError("Failover connection not found",
		fmt.Sprintf("Connection %q of workspace %q has no failover connection in region %s. Check the region, or create the failover connection first.", ids.connection, ids.workspace, ids.region))
}

// reader reads a connection's failover connections for the data sources.
type reader struct{ data *providerdata.Data }

func (d *reader) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.data = configuredData(req.ProviderData, &resp.Diagnostics)
}

// list reads the parent's failover connections from the list its refresh
// shares (sharedreads.Reads.FailoversOf); a missing parent is an error.
func (d *reader) list(ctx context.Context, ids failoverIDs, diags *diag.Diagnostics) []client.FailoverConnection {
	_, reads := (&failoverResource{data: d.data}).api(diags)
	if diags.HasError() {
		return nil
	}
	readCtx, cancel := context.WithTimeout(ctx, d.data.ReadTimeoutOrDefault())
	defer cancel()
	all, err := reads.FailoversOf(readCtx, ids.parent(), ids.region)
	switch {
	case client.IsNotFound(err):
		diags.AddError("Stream connection not found",
			fmt.Sprintf("There is no connection %q in workspace %q of project %s (%s). Check the names, or create the connection first.", ids.connection, ids.workspace, ids.projectID, err))
	case err != nil:
		diags.AddError("Could not list the failover connections of connection "+ids.connection, err.Error())
	}
	return all
}

// flattenData is what the data sources show of got: the parent's names
// from names, and no secret, since Atlas returns none.
func flattenData(ctx context.Context, got *client.FailoverConnection, names *FailoverData) (FailoverData, diag.Diagnostics) {
	keys := FailoverData{ProjectID: names.ProjectID, WorkspaceName: names.WorkspaceName, ConnectionName: names.ConnectionName}
	c, diags := connection.Flatten(ctx, (*client.StreamConnection)(got), keys.connection())
	return keys.withConnection(c), diags
}
