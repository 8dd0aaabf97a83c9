package resource_stream_connection

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/atlasx/terraform-provider-atlasx/internal/connection"
)

// listConfigModel is the `config` block of a `list "atlasx_stream_connection"` block.
type listConfigModel struct {
	ProjectID     types.String `tfsdk:"project_id"`
	WorkspaceName types.String `tfsdk:"workspace_name"`
	Type          types.String `tfsdk:"type"`
}

func (r *connectionListResource) ListResourceConfigSchema(_ context.Context, _ list.ListResourceSchemaRequest, resp *list.ListResourceSchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Finds the stream connections of a project, one workspace or all of them, for `terraform query`. " +
			"Each result carries the connection's identity; with `include_resource` also its attributes as an import would read them (secrets null: Atlas never returns them).",
		Attributes: map[string]schema.Attribute{
			"project_id": schema.StringAttribute{
				Required:            true,
				MarkdownDescription: "The Atlas project (group) id: 24 lowercase hexadecimal digits.",
				Validators:          []validator.String{connection.ProjectIDValidator},
			},
			"workspace_name": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "The stream workspace to list. Without it, every workspace of the project is listed.",
				Validators:          []validator.String{connection.NonEmpty},
			},
			"type": schema.StringAttribute{
				Optional: true,
				// The names of the resource's connection-type attributes, so a
				// result's type reads as the attribute its configuration sets.
				MarkdownDescription: "Only connections of this type: the name of the resource's connection-type attribute, one of " + connection.QuoteList(connection.TypeAttributes()) + ".",
				Validators:          []validator.String{connection.OneOf(connection.TypeAttributes()...)},
			},
		},
	}
}
