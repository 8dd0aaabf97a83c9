package resource_stream_connection

import (
	"context"
	"fmt"
	"iter"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/atlasx/terraform-provider-atlasx/internal/client"
	"github.com/atlasx/terraform-provider-atlasx/internal/connection"
	"github.com/atlasx/terraform-provider-atlasx/internal/providerdata"
)

var _ list.ListResourceWithConfigure = (*connectionListResource)(nil)

// connectionListResource serves `list "atlasx_stream_connection"` blocks of
// `terraform query`: the connections of a project, a page of Atlas's list
// at a time, so adopting a workspace costs one request per 500 connections.
type connectionListResource struct {
	data *providerdata.Data
}

// NewListResource returns the atlasx_stream_connection list resource.
func NewListResource() list.ListResource { return &connectionListResource{} }

func (r *connectionListResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_stream_connection"
}

func (r *connectionListResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.data = configuredData(req.ProviderData, &resp.Diagnostics)
}

func (r *connectionListResource) List(ctx context.Context, req list.ListRequest, stream *list.ListResultsStream) {
	var config listConfigModel
	diags := req.Config.Get(ctx, &config)
	api := apiClient(r.data, &diags)
	if diags.HasError() {
		stream.Results = list.ListResultsStreamDiagnostics(diags)
		return
	}
	stream.Results = func(push func(list.ListResult) bool) {
		pushed := int64(0)
		for found, err := range listConnections(ctx, api, config) {
			if err != nil {
				var diags diag.Diagnostics
				diags.AddError("Could not list stream connections", err.Error())
				push(list.ListResult{Diagnostics: diags})
				return
			}
			if !matchesType(found.conn, config.Type.ValueString()) {
				continue
			}
			if !push(listResult(ctx, req, found)) {
				return
			}
			// Stopping here stops the pages: none after this one is requested.
			if pushed++; req.Limit > 0 && pushed >= req.Limit {
				return
			}
		}
	}
}

// listed is one connection found, with the workspace it is in.
type listed struct {
	ids  connection.IDs
	conn *client.StreamConnection
}

// listConnections yields the connections of the configured workspace, or of
// every workspace of the project, one page of the API at a time. A workspace
// or project that is missing or not readable is one error naming it.
func listConnections(ctx context.Context, api *client.Client, config listConfigModel) iter.Seq2[listed, error] {
	projectID := config.ProjectID.ValueString()
	return func(yield func(listed, error) bool) {
		workspaces := []string{config.WorkspaceName.ValueString()}
		if config.WorkspaceName.IsNull() {
			all, err := api.ListStreamWorkspaces(ctx, projectID)
			if err != nil {
				yield(listed{}, explainListError(err, "project "+projectID))
				return
			}
			workspaces = workspaces[:0]
			for _, ws := range all {
				workspaces = append(workspaces, ws.Name)
			}
		}
		for _, workspace := range workspaces {
			for page, err := range api.StreamConnectionPages(ctx, projectID, workspace) {
				if err != nil {
					yield(listed{}, explainListError(err, fmt.Sprintf("workspace %q of project %s", workspace, projectID)))
					return
				}
				for i := range page {
					ids := connection.IDs{ProjectID: projectID, Workspace: workspace, Name: page[i].Name}
					if !yield(listed{ids: ids, conn: &page[i]}, nil) {
						return
					}
				}
			}
		}
	}
}

// explainListError says, for a 404 or a 403, which of what it names is
// missing or not readable with these credentials.
func explainListError(err error, what string) error {
	switch {
	case client.IsNotFound(err):
		return fmt.Errorf("%s was not found: check the names (%w)", what, err)
	case client.IsForbidden(err):
		return fmt.Errorf("the provider's credentials may not read %s: grant them a project role (%w)", what, err)
	}
	return fmt.Errorf("listing %s: %w", what, err)
}

// matchesType reports whether conn is of the filter's type (an attribute
// name such as "kafka"); an empty filter matches every connection.
func matchesType(conn *client.StreamConnection, filter string) bool {
	if filter == "" {
		return true
	}
	return connection.AttributeOf(conn.Type) == filter
}

// listResult is one connection as `terraform query` shows it: its identity,
// a display name, and on request the resource as an import would read it.
func listResult(ctx context.Context, req list.ListRequest, found listed) list.ListResult {
	result := req.NewListResult(ctx)
	result.DisplayName = displayName(found)
	result.Diagnostics.Append(setIdentity(ctx, result.Identity, found.ids)...)
	if req.IncludeResource {
		result.Diagnostics.Append(importedResource(ctx, found.conn, found.ids, result.Resource)...)
	}
	return result
}

// displayName names the connection, its API type and its workspace, e.g.
// `orders (Kafka) in workspace analytics`.
func displayName(found listed) string {
	return fmt.Sprintf("%s (%s) in workspace %s", found.ids.Name, found.conn.Type, found.ids.Workspace)
}
