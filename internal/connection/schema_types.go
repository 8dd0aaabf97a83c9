package connection

import (
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/atlasx/terraform-provider-atlasx/internal/client"
)

// typeAttribute wraps one connection type's fields. Switching type replaces
// the connection, since Atlas cannot change a connection's type. It is never
// Computed, so that secrets inside it can later gain write-only variants.
func typeAttribute(description string, attrs map[string]schema.Attribute) schema.SingleNestedAttribute {
	return schema.SingleNestedAttribute{
		Optional:            true,
		MarkdownDescription: description,
		Attributes:          attrs,
		PlanModifiers:       []planmodifier.Object{replaceOnTypeSwitch()},
	}
}

func sampleSchema() schema.SingleNestedAttribute {
	return typeAttribute("A sample data source (`sample = {}`); `connection_name` names the sample, e.g. `sample_stream_solar`.", map[string]schema.Attribute{})
}

func clusterSchema() schema.SingleNestedAttribute {
	return typeAttribute("An Atlas cluster.", map[string]schema.Attribute{
		"cluster_name":       requiredString("The cluster's name."),
		"cluster_project_id": optionalString("The project of the cluster when it is not the workspace's own project.", hex24("an Atlas project id")),
		"db_role_to_execute": schema.SingleNestedAttribute{
			Optional:            true,
			MarkdownDescription: "The database role the connection runs as.",
			Attributes: map[string]schema.Attribute{
				"role": requiredString("The role's name, e.g. `atlasAdmin` or a custom role."),
				"type": enumString("Whether the role is built in or custom.", true, dbRoleTypes),
			},
		},
	})
}

func kafkaSchema() schema.SingleNestedAttribute {
	return typeAttribute("An Apache Kafka cluster.", map[string]schema.Attribute{
		"bootstrap_servers": requiredString("Comma-separated `host:port` list of brokers.", hostPortList()),
		"config":            stringMap("Kafka client settings, e.g. `auto.offset.reset`.", false),
		"authentication": schema.SingleNestedAttribute{
			Optional:            true,
			MarkdownDescription: "How the connection authenticates: a SASL mechanism with `username` and `password`, OAUTHBEARER over OIDC, AWS_MSK_IAM with an IAM role in `aws`, and/or mutual TLS with `ssl_certificate` and `ssl_key`.",
			Validators:          []validator.Object{kafkaAuthenticationRules(), writeOnlyRules()},
			Attributes: withSecrets(map[string]schema.Attribute{
				"mechanism":                   enumString("The SASL mechanism.", false, kafkaMechanisms),
				"method":                      enumString("The OAUTHBEARER method; required with `mechanism = \"OAUTHBEARER\"`.", false, kafkaMethods),
				"username":                    optionalString("The SASL username."),
				"token_endpoint_url":          optionalString("The OIDC token endpoint (OAUTHBEARER).", httpURL()),
				"client_id":                   optionalString("The OIDC client id (OAUTHBEARER)."),
				"scope":                       optionalString("The OIDC scope (OAUTHBEARER)."),
				"sasl_oauthbearer_extensions": optionalString("SASL OAUTHBEARER extensions (OAUTHBEARER)."),
				"ssl_certificate":             optionalString("The client certificate (PEM) for mutual TLS."),
				"aws": schema.SingleNestedAttribute{
					Optional:            true,
					MarkdownDescription: "The IAM role Atlas assumes to sign in to Amazon MSK with IAM access control; required with `mechanism = \"AWS_MSK_IAM\"`, and used with nothing else.",
					Attributes: map[string]schema.Attribute{
						"role_arn":    requiredString("The ARN of the IAM role, `arn:aws:iam::<account>:role/<name>`.", roleARN()),
						"test_bucket": optionalString("An S3 bucket Atlas uses to test the role's access."),
					},
				},
			}, secretsOf(client.TypeKafka, "authentication")),
		},
		"security": schema.SingleNestedAttribute{
			Optional:            true,
			MarkdownDescription: "Transport security.",
			Attributes: map[string]schema.Attribute{
				"protocol":                  enumString("The security protocol.", false, kafkaProtocols),
				"broker_public_certificate": optionalString("The brokers' CA certificate (PEM) for SSL and SASL_SSL."),
			},
		},
		"networking": networkingAttribute(kafkaNetworkingTypes),
	})
}

func httpsSchema() schema.SingleNestedAttribute {
	https := typeAttribute("An HTTPS endpoint.", withSecrets(map[string]schema.Attribute{
		"url": requiredString("The endpoint, an http(s) URL.", httpURL()),
	}, secretsOf(client.TypeHTTPS, "")))
	https.Validators = []validator.Object{writeOnlyRules()}
	return https
}

func awsSchema(product string, accessTypes []string) schema.SingleNestedAttribute {
	return typeAttribute(product+", through an IAM role.", map[string]schema.Attribute{
		"role_arn":    requiredString("The ARN of the IAM role Atlas assumes, `arn:aws:iam::<account>:role/<name>`.", roleARN()),
		"test_bucket": optionalString("An S3 bucket Atlas uses to test the role's access."),
		"networking":  networkingAttribute(accessTypes),
	})
}

func schemaRegistrySchema() schema.SingleNestedAttribute {
	return typeAttribute("A schema registry.", map[string]schema.Attribute{
		"provider": enumString("The registry's provider.", true, schemaRegistryProviders),
		"urls":     urlList("The registry's endpoints: 1 to 10 unique http(s) URLs."),
		"authentication": schema.SingleNestedAttribute{
			Required:            true,
			MarkdownDescription: "`USER_INFO` with `username` and `password`, or `SASL_INHERIT` to reuse the Kafka connection's credentials.",
			Validators:          []validator.Object{schemaRegistryAuthenticationRules(), writeOnlyRules()},
			Attributes: withSecrets(map[string]schema.Attribute{
				"type":     enumString("The authentication type.", true, schemaRegistryAuthTypes),
				"username": optionalString("The username or API key (USER_INFO)."),
			}, secretsOf(client.TypeSchemaRegistry, "authentication")),
		},
	})
}

func azureSchema() schema.SingleNestedAttribute {
	return typeAttribute("Azure Blob Storage, through a service principal.", map[string]schema.Attribute{
		"service_principal_id": requiredString("The service principal that has access to the storage account."),
		"storage_account_name": requiredString("The storage account."),
		"region":               optionalString("The storage account's Azure region."),
		"networking":           networkingAttribute(publicPrivateAccessTypes),
	})
}

func gcpSchema() schema.SingleNestedAttribute {
	return typeAttribute("Google Cloud Pub/Sub, through a service account.", map[string]schema.Attribute{
		"service_account_id": requiredString("The service account that has access to the Pub/Sub resources."),
		"networking":         networkingAttribute(publicPrivateAccessTypes),
	})
}
