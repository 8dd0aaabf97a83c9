package resource_stream_connection_failover

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/atlasx/terraform-provider-atlasx/internal/client"
	"github.com/atlasx/terraform-provider-atlasx/internal/connection"
)

var _ list.ListResourceWithConfigure = (*failoverListResource)(nil)

// failoverListResource serves `list "atlasx_stream_connection_failover"`
// blocks of `terraform query`: a connection's failover connections, from one
// list, or, without connection_name, those of every Kafka and Cluster
// connection of the workspace (one page of connections, then one list per
// such connection: Atlas lists failover connections per connection only),
// each with its identity and on request the resource as an import reads it.
type failoverListResource struct{ reader }

// NewListResource returns the atlasx_stream_connection_failover list resource.
func NewListResource() list.ListResource { return &failoverListResource{} }

func (r *failoverListResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_stream_connection_failover"
}

func (r *failoverListResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.data = configuredData(req.ProviderData, &resp.Diagnostics)
}

// listConfigModel is the `config` block of a `list "atlasx_stream_connection_failover"` block.
type listConfigModel struct {
	ProjectID      types.String `tfsdk:"project_id"`
	WorkspaceName  types.String `tfsdk:"workspace_name"`
	ConnectionName types.String `tfsdk:"connection_name"`
}

func (r *failoverListResource) ListResourceConfigSchema(_ context.Context, _ list.ListResourceSchemaRequest, resp *list.ListResourceSchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Finds the failover connections of a stream connection, or of every connection of a workspace, for `terraform query`. " +
			"Each result carries the failover connection's identity; with `include_resource` also its attributes as an import would read them (secrets null: Atlas never returns them).",
		Attributes: map[string]schema.Attribute{
			"project_id":      schema.StringAttribute{Required: true, MarkdownDescription: "The Atlas project (group) id: 24 lowercase hexadecimal digits.", Validators: []validator.String{connection.ProjectIDValidator}},
			"workspace_name":  schema.StringAttribute{Required: true, MarkdownDescription: "The stream workspace.", Validators: []validator.String{connection.NonEmpty}},
			"connection_name": schema.StringAttribute{Optional: true, MarkdownDescription: "The connection whose failover connections to list; without it, those of every Kafka and Cluster connection of the workspace.", Validators: []validator.String{connection.NonEmpty}},
		},
	}
}

func (r *failoverListResource) List(ctx context.Context, req list.ListRequest, stream *list.ListResultsStream) {
	var config listConfigModel
	diags := req.Config.Get(ctx, &config)
	var found []parentFailover
	if !diags.HasError() {
		found = r.findAll(ctx, config, &diags)
	}
	if diags.HasError() {
		stream.Results = list.ListResultsStreamDiagnostics(diags)
		return
	}
	stream.Results = func(push func(list.ListResult) bool) {
		for i := range found {
			if req.Limit > 0 && int64(i) >= req.Limit || !push(listResult(ctx, req, &found[i].failover, &found[i].names)) {
				return
			}
		}
	}
}

// parentFailover is a failover connection found, with its parent's names.
type parentFailover struct {
	names    FailoverData
	failover client.FailoverConnection
}

// findAll lists the failover connections of the configured connection, or
// of every connection of the workspace that can have them.
func (r *failoverListResource) findAll(ctx context.Context, config listConfigModel, diags *diag.Diagnostics) []parentFailover {
	parents := []types.String{config.ConnectionName}
	if config.ConnectionName.IsNull() {
		parents = r.parents(ctx, config, diags)
	}
	var found []parentFailover
	for _, parent := range parents {
		names := FailoverData{ProjectID: config.ProjectID, WorkspaceName: config.WorkspaceName, ConnectionName: parent}
		for _, f := range r.list(ctx, names.ids(), diags) {
			found = append(found, parentFailover{names: names, failover: f})
		}
		if diags.HasError() {
			return nil
		}
	}
	return found
}

// parents are the names of the workspace's Kafka and Cluster connections,
// the only types with failover connections.
func (r *failoverListResource) parents(ctx context.Context, config listConfigModel, diags *diag.Diagnostics) []types.String {
	c, _ := (&failoverResource{data: r.data}).api(diags)
	if diags.HasError() {
		return nil
	}
	readCtx, cancel := context.WithTimeout(ctx, r.data.ReadTimeoutOrDefault())
	defer cancel()
	conns, err := c.ListStreamConnections(readCtx, config.ProjectID.ValueString(), config.WorkspaceName.ValueString())
	if err != nil {
		diags.AddError("Could not list the connections of workspace "+config.WorkspaceName.ValueString(), err.Error())
		return nil
	}
	var names []types.String
	for _, conn := range conns {
		if connection.HasFailovers(conn.Type) {
			names = append(names, types.StringValue(conn.Name))
		}
	}
	return names
}

// listResult is one failover connection as `terraform query` shows it.
func listResult(ctx context.Context, req list.ListRequest, found *client.FailoverConnection, names *FailoverData) list.ListResult {
	result := req.NewListResult(ctx)
	m, diags := flattenData(ctx, found, names)
	result.Diagnostics.Append(diags...)
	ids := m.ids()
	result.DisplayName = fmt.Sprintf("%s failover in %s (%s)", ids.connection, ids.region, found.Type)
	result.Diagnostics.Append(setIdentity(ctx, result.Identity, ids)...)
	if req.IncludeResource && !diags.HasError() {
		imported := failoverModel{FailoverData: m, Timeouts: timeouts.Value{Object: types.ObjectNull(timeoutTypes)}}
		result.Diagnostics.Append(result.Resource.Set(ctx, &imported)...)
	}
	return result
}

// timeoutTypes are the attributes of the resource's timeouts, null after an import.
var timeoutTypes = map[string]attr.Type{"create": types.StringType, "update": types.StringType, "delete": types.StringType}
