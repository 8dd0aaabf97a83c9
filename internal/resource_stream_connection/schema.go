package resource_stream_connection

import (
	"context"
	"regexp"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/listvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

var (
	hex24Pattern   = regexp.MustCompile(`^[a-f0-9]{24}$`)
	roleARNPattern = regexp.MustCompile(`^arn:aws[a-z-]*:iam::\d{12}:role/[\w+=,.@/-]+$`)
)

// Enumerations the API accepts, checked at plan time.
var (
	kafkaMechanisms          = []string{"PLAIN", "SCRAM-256", "SCRAM-512", "OAUTHBEARER", mechanismAWSMSKIAM}
	kafkaMethods             = []string{"OIDC"}
	kafkaProtocols           = []string{"PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL"}
	dbRoleTypes              = []string{"BUILT_IN", "CUSTOM"}
	schemaRegistryProviders  = []string{"CONFLUENT"}
	schemaRegistryAuthTypes  = []string{"USER_INFO", "SASL_INHERIT"}
	kafkaNetworkingTypes     = []string{"PUBLIC", "VPC", "PRIVATE_LINK", "TRANSIT_GATEWAY"}
	publicPrivateAccessTypes = []string{"PUBLIC", "PRIVATE_LINK"}
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
			Validators:          []validator.String{hex24("the Atlas project id")},
			PlanModifiers:       []planmodifier.String{stringplanmodifier.RequiresReplace()},
		},
		"workspace_name": schema.StringAttribute{
			Required:            true,
			MarkdownDescription: "The stream workspace (the API's `tenantName`). Changing it replaces the connection.",
			Validators:          []validator.String{nonEmpty},
			PlanModifiers:       []planmodifier.String{stringplanmodifier.RequiresReplace()},
		},
		"connection_name": schema.StringAttribute{
			Required:            true,
			MarkdownDescription: "The connection's name, unique in the workspace; for `sample`, the sample source (`sample_stream_solar`). Changing it replaces the connection.",
			Validators:          []validator.String{nonEmpty},
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
			Validators:          []validator.String{nonEmpty},
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
	for _, t := range connectionTypes {
		attrs[t.attribute] = t.schema()
	}
	return schema.Schema{
		MarkdownDescription: "A MongoDB Atlas Stream Processing connection. Set exactly one of the connection-type attributes; switching type replaces the connection. " +
			"Secrets (" + secretPaths() + ") are sensitive: Atlas never returns them, so they are kept from configuration. " +
			"Each also has a write-only form (`password_wo` with `password_wo_version`, and so on) that is never stored in plan or state; it is sent when created and whenever its version changes.",
		Attributes: attrs,
	}
}

func hex24(what string) validator.String {
	return stringvalidator.RegexMatches(hex24Pattern, "must be "+what+": 24 lowercase hexadecimal digits")
}

func requiredString(description string, validators ...validator.String) schema.StringAttribute {
	return schema.StringAttribute{Required: true, MarkdownDescription: description, Validators: append([]validator.String{nonEmpty}, validators...)}
}

func optionalString(description string, validators ...validator.String) schema.StringAttribute {
	return schema.StringAttribute{Optional: true, MarkdownDescription: description, Validators: append([]validator.String{nonEmpty}, validators...)}
}

func enumString(description string, required bool, values []string) schema.StringAttribute {
	return schema.StringAttribute{
		Required: required, Optional: !required,
		MarkdownDescription: description + " One of " + quoteList(values) + ".",
		Validators:          []validator.String{oneOf(values...)},
	}
}

// networkingAttribute is spelled the same in every type; allowed lists the
// access types that connection type supports. Changing the access type replaces
// the connection, because Atlas cannot change it in place.
func networkingAttribute(allowed []string) schema.SingleNestedAttribute {
	return schema.SingleNestedAttribute{
		Optional:            true,
		MarkdownDescription: "How Atlas reaches the endpoint. Without it Atlas uses public networking. Changing the access type replaces the connection.",
		PlanModifiers:       []planmodifier.Object{replaceOnAccessTypeChange()},
		Attributes: map[string]schema.Attribute{
			"access": schema.SingleNestedAttribute{
				Required:   true,
				Validators: []validator.Object{networkingAccessRules()},
				Attributes: map[string]schema.Attribute{
					"type":          enumString("The access type.", true, allowed),
					"connection_id": optionalString("The private endpoint (PRIVATE_LINK) connection id, 24 hexadecimal digits.", hex24("a private link connection id")),
					"tgw_route_id":  optionalString("The transit gateway route id (TRANSIT_GATEWAY), 24 hexadecimal digits.", hex24("a transit gateway route id")),
				},
			},
		},
	}
}

func stringMap(description string, sensitive bool) schema.MapAttribute {
	return schema.MapAttribute{Optional: true, Sensitive: sensitive, ElementType: types.StringType, MarkdownDescription: description}
}

func urlList(description string) schema.ListAttribute {
	return schema.ListAttribute{
		Required:            true,
		ElementType:         types.StringType,
		MarkdownDescription: description,
		Validators: []validator.List{
			listvalidator.SizeBetween(1, 10),
			uniqueStrings(),
			listvalidator.ValueStringsAre(httpURL()),
		},
	}
}
