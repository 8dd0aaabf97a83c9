package connection

import (
	"regexp"

	"github.com/hashicorp/terraform-plugin-framework-validators/listvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// The builders of the connection types' attributes (schema_types.go), and
// the shapes and enumerations they check at plan time.

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

func hex24(what string) validator.String {
	return stringvalidator.RegexMatches(hex24Pattern, "must be "+what+": 24 lowercase hexadecimal digits")
}

func requiredString(description string, validators ...validator.String) schema.StringAttribute {
	return schema.StringAttribute{Required: true, MarkdownDescription: description, Validators: append([]validator.String{NonEmpty}, validators...)}
}

func optionalString(description string, validators ...validator.String) schema.StringAttribute {
	return schema.StringAttribute{Optional: true, MarkdownDescription: description, Validators: append([]validator.String{NonEmpty}, validators...)}
}

func enumString(description string, required bool, values []string) schema.StringAttribute {
	return schema.StringAttribute{
		Required: required, Optional: !required,
		MarkdownDescription: description + " One of " + QuoteList(values) + ".",
		Validators:          []validator.String{OneOf(values...)},
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

// ProjectIDValidator requires an Atlas project id.
var ProjectIDValidator = hex24("the Atlas project id")

// IsProjectID reports whether s is an Atlas project id.
func IsProjectID(s string) bool { return hex24Pattern.MatchString(s) }
