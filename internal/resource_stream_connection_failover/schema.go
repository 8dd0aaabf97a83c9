package resource_stream_connection_failover

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/atlasx/terraform-provider-atlasx/internal/connection"
)

func resourceSchema(ctx context.Context) schema.Schema {
	attrs := map[string]schema.Attribute{
		"project_id":      name("The Atlas project (group) id of the parent connection: 24 lowercase hexadecimal digits.", connection.ProjectIDValidator),
		"workspace_name":  name("The stream workspace of the parent connection (the API's `tenantName`).", connection.NonEmpty),
		"connection_name": name("The parent connection: a Kafka or Cluster connection of the workspace. Its failover connection has the same type.", connection.NonEmpty),
		"region": name("The region the failover connection serves, one of the workspace's failover regions (e.g. `DUBLIN_IRL`). "+
			"A connection has at most one failover connection per region.", connection.NonEmpty),
		"failover_connection_id": computed("The id Atlas gave the failover connection."),
		"state":                  computed("`READY` once Atlas has deployed the failover connection; `PENDING` or `FAILED` otherwise."),
		"timeouts":               timeouts.Attributes(ctx, timeouts.Opts{Create: true, Update: true, Delete: true}),
	}
	// The parent's own attributes, validators and secrets (with their
	// write-only forms): a failover connection is the same connection as
	// reached from another region.
	for _, t := range typeAttributes {
		attrs[t] = connection.TypeSchema(t)
	}
	return schema.Schema{
		MarkdownDescription: "A failover connection of a MongoDB Atlas Stream Processing Kafka or Cluster connection: the same connection as reached from one of the workspace's failover regions. " +
			"Set exactly one of `kafka` and `cluster`, spelled as on `atlasx_stream_connection`; changing the type or the region replaces it. " +
			"Secrets are sensitive and kept from configuration, as Atlas never returns them; each has a write-only form (`password_wo` with `password_wo_version`, and so on).",
		Attributes: attrs,
	}
}

// name is a required name of the failover connection; changing it replaces
// the failover connection, as Atlas cannot move one.
func name(description string, v validator.String) schema.StringAttribute {
	return schema.StringAttribute{
		Required:            true,
		MarkdownDescription: description + " Changing it replaces the failover connection.",
		Validators:          []validator.String{v},
		PlanModifiers:       []planmodifier.String{stringplanmodifier.RequiresReplace()},
	}
}

func computed(description string) schema.StringAttribute {
	return schema.StringAttribute{
		Computed:            true,
		MarkdownDescription: description,
		PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
	}
}
