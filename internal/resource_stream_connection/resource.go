// Package resource_stream_connection is the atlasx_stream_connection resource and the
// data sources that read stream connections.
package resource_stream_connection

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/atlasx/terraform-provider-atlasx/internal/client"
	"github.com/atlasx/terraform-provider-atlasx/internal/connection"
	"github.com/atlasx/terraform-provider-atlasx/internal/providerdata"
	"github.com/atlasx/terraform-provider-atlasx/internal/sharedreads"
)

var (
	_ resource.ResourceWithConfigure        = (*connectionResource)(nil)
	_ resource.ResourceWithImportState      = (*connectionResource)(nil)
	_ resource.ResourceWithConfigValidators = (*connectionResource)(nil)
	_ resource.ResourceWithModifyPlan       = (*connectionResource)(nil)
)

type connectionResource struct {
	data *providerdata.Data
}

// NewResource returns the atlasx_stream_connection resource.
func NewResource() resource.Resource { return &connectionResource{} }

func (r *connectionResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_stream_connection"
}

func (r *connectionResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = resourceSchema(ctx)
}

func (r *connectionResource) ConfigValidators(context.Context) []resource.ConfigValidator {
	return []resource.ConfigValidator{connection.ExactlyOneType()}
}

func (r *connectionResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.data = configuredData(req.ProviderData, &resp.Diagnostics)
}

// configuredData takes the provider's data, which is nil until the provider is configured.
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

// apiClient returns the client, or adds why there is none.
func apiClient(data *providerdata.Data, diags *diag.Diagnostics) *client.Client {
	if data == nil {
		diags.AddError("Provider not configured", "The atlasx provider was not configured before use. This is a bug in the provider.")
		return nil
	}
	c, err := data.Client()
	if err != nil {
		diags.AddError("Atlas credentials are missing or incomplete", err.Error())
		return nil
	}
	return c
}

// connectionReads returns the shared connection reads and writes, or adds
// why there are none.
func connectionReads(data *providerdata.Data, diags *diag.Diagnostics) *sharedreads.Reads {
	if apiClient(data, diags) == nil {
		return nil
	}
	return data.Reads()
}

// ModifyPlan records what this command plans for the connection (record),
// checks a create against what its workspace holds (checkCreate),
// and replaces a connection that Atlas reports FAILED: it cannot be repaired
// in place, and keeping it would leave the plan empty forever.
func (r *connectionResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() {
		return
	}
	r.record(req.Plan.Raw, req.State.Raw.IsNull())
	if req.State.Raw.IsNull() {
		var refusals []connection.Refusal
		if !connection.Replacing(ctx, req.Private) {
			refusals = r.checkCreate(ctx, req.Plan.Raw)
		}
		for _, refusal := range refusals {
			refusal.Warn(&resp.Diagnostics)
		}
		if ids, known := plannedIDs(req.Plan.Raw); known && r.data != nil {
			r.data.Plans.SetRefusals(ids.String(), refusals)
		}
		return
	}
	// Read straight from the raw state: a path lookup would copy the schema's
	// attribute map on every plan of every connection.
	var attributes map[string]tftypes.Value
	var state string
	if err := req.State.Raw.As(&attributes); err != nil || attributes["state"].As(&state) != nil {
		return // no readable state: nothing to replace
	}
	if state == client.StateFailed {
		resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("state"), types.StringUnknown())...)
		resp.RequiresReplace = append(resp.RequiresReplace, path.Root("state"))
	}
}

func (r *connectionResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	ids, diags := importedIDs(ctx, req)
	if resp.Diagnostics.Append(diags...); diags.HasError() {
		return
	}
	resp.Diagnostics.Append(writeImported(ctx, &resp.State, ids)...)
	resp.Diagnostics.Append(setIdentity(ctx, resp.Identity, ids)...)
}

// writeImported writes what an import knows before its first Read: the
// names, and delete_on_create_timeout at its default.
func writeImported(ctx context.Context, state *tfsdk.State, ids connection.IDs) diag.Diagnostics {
	var diags diag.Diagnostics
	for name, value := range map[string]string{
		"id": ids.String(), "project_id": ids.ProjectID, "workspace_name": ids.Workspace, "connection_name": ids.Name,
	} {
		diags.Append(state.SetAttribute(ctx, path.Root(name), value)...)
	}
	diags.Append(state.SetAttribute(ctx, path.Root("delete_on_create_timeout"), true)...)
	return diags
}

// importedResource writes into resource (null, of the resource schema) the
// state that importing got leaves once Read has run: ImportState's names and
// defaults, then what Read saves over them (secrets and write-only values
// null, server defaults left out). The list resource hands it to
// `terraform query` so generated configuration matches what an import reads.
func importedResource(ctx context.Context, got *client.StreamConnection, ids connection.IDs, resource *tfsdk.Resource) diag.Diagnostics {
	state := tfsdk.State{Schema: resource.Schema, Raw: resource.Raw}
	diags := writeImported(ctx, &state, ids)
	var prior resourceModel
	if diags.Append(getModel(ctx, state.Raw, &prior)...); diags.HasError() {
		return diags
	}
	saveState(ctx, got, &prior, &diags, &resource.Raw)
	return diags
}
