package resource_stream_connection

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/atlasx/terraform-provider-atlasx/internal/connection"
)

func resourceSchema(ctx context.Context) schema.Schema {
	attrs := map[string]schema.Attribute{
		"id": schema.StringAttribute{
			Computed:            true,
			MarkdownDescription: "`project_id/workspace_name/connection_name`.",
			PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
		},
		"project_id": schema.StringAttribute{
			Required:            true,
			MarkdownDescription: "The Atlas project (group) id: 24 lowercase hexadecimal digits. Changing it replaces the connection.",
			Validators:          []validator.String{connection.ProjectIDValidator},
			PlanModifiers:       []planmodifier.String{stringplanmodifier.RequiresReplace()},
		},
		"workspace_name": schema.StringAttribute{
			Required:            true,
			MarkdownDescription: "The stream workspace (the API's `tenantName`). Changing it replaces the connection.",
			Validators:          []validator.String{connection.NonEmpty},
			PlanModifiers:       []planmodifier.String{stringplanmodifier.RequiresReplace()},
		},
		"connection_name": schema.StringAttribute{
			Required:            true,
			MarkdownDescription: "The connection's name, unique in the workspace; for `sample`, the sample source (`sample_stream_solar`). Changing it replaces the connection.",
			Validators:          []validator.String{connection.NonEmpty},
			PlanModifiers:       []planmodifier.String{stringplanmodifier.RequiresReplace()},
		},
		"connection_id": schema.StringAttribute{
			Computed:            true,
			MarkdownDescription: "The id Atlas gave the connection.",
			PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
		},
		"state": schema.StringAttribute{
			Computed:            true,
			MarkdownDescription: "`READY` once Atlas has deployed the connection; `PENDING`, `DELETING` or `FAILED` otherwise.",
			PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
		},
		"region": schema.StringAttribute{
			Optional:            true,
			Computed:            true,
			MarkdownDescription: "Where the connection runs, e.g. `VIRGINIA_USA`. Atlas uses the workspace's region when it is not set. Changing it replaces the connection.",
			Validators:          []validator.String{connection.NonEmpty},
			PlanModifiers: []planmodifier.String{
				stringplanmodifier.UseStateForUnknown(),
				stringplanmodifier.RequiresReplaceIfConfigured(),
			},
		},
		"delete_on_create_timeout": schema.BoolAttribute{
			Optional:            true,
			Computed:            true,
			Default:             booldefault.StaticBool(true),
			MarkdownDescription: "When a create fails or times out, delete what Atlas made so nothing is left behind (default `true`). With `false` the connection is kept and saved in state as tainted.",
		},
		"timeouts": timeouts.Attributes(ctx, timeouts.Opts{Create: true, Update: true, Delete: true}),
	}
	for _, t := range connection.TypeAttributes() {
		attrs[t] = connection.TypeSchema(t)
	}
	return schema.Schema{
		MarkdownDescription: "A MongoDB Atlas Stream Processing connection. Set exactly one of the connection-type attributes; switching type replaces the connection. " +
			"Secrets (" + connection.SecretPaths() + ") are sensitive: Atlas never returns them, so they are kept from configuration. " +
			"Each also has a write-only form (`password_wo` with `password_wo_version`, and so on) that is never stored in plan or state; it is sent when created and whenever its version changes.",
		Attributes: attrs,
	}
}
