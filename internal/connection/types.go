package connection

import (
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/atlasx/terraform-provider-atlasx/internal/client"
)

// connectionType ties one HCL attribute to one API `type`: its settings
// (fields.go) and what the API and the official provider say of it. Adding
// a type is adding a row; adding a setting to a type is adding a field to
// its row.
type connectionType struct {
	attribute   string
	apiType     string
	description string
	fields      []field
	// failover: the type has failover connections (connections in the
	// workspace's failover regions, /failoverConnections); only Kafka and
	// Cluster do.
	failover bool
}

var connectionTypes = []connectionType{
	{attribute: "sample", apiType: client.TypeSample,
		description: "A sample data source (`sample = {}`); `connection_name` names the sample, e.g. `sample_stream_solar`."},
	{attribute: "cluster", apiType: client.TypeCluster, failover: true, description: "An Atlas cluster.", fields: []field{
		text("cluster_name", "clusterName", requiredString("The cluster's name.")),
		text("cluster_project_id", "clusterGroupId", optionalString("The project of the cluster when it is not the workspace's own project.", hex24("an Atlas project id"))).
			officialAt("cluster_project_id"),
		nested("db_role_to_execute", "dbRoleToExecute", objectSpec{description: "The database role the connection runs as.", fields: []field{
			text("role", "role", requiredString("The role's name, e.g. `atlasAdmin` or a custom role.")),
			text("type", "type", enumString("Whether the role is built in or custom.", true, dbRoleTypes)),
		}}),
	}},
	{attribute: "kafka", apiType: client.TypeKafka, failover: true, description: "An Apache Kafka cluster.", fields: []field{
		text("bootstrap_servers", "bootstrapServers", requiredString("Comma-separated `host:port` list of brokers.", hostPortList())),
		textMap("config", "config", stringMap("Kafka client settings, e.g. `auto.offset.reset`.", false)),
		nested("authentication", "authentication", objectSpec{
			description: "How the connection authenticates: a SASL mechanism with `username` and `password`, OAUTHBEARER over OIDC, AWS_MSK_IAM with an IAM role in `aws`, and/or mutual TLS with `ssl_certificate` and `ssl_key`.",
			validators:  []validator.Object{kafkaAuthenticationRules()},
			fields: []field{
				text("mechanism", "mechanism", enumString("The SASL mechanism.", false, kafkaMechanisms)),
				text("method", "method", enumString("The OAUTHBEARER method; required with `mechanism = \"OAUTHBEARER\"`.", false, kafkaMethods)),
				text("username", "username", optionalString("The SASL username.")),
				secretText("password", "password", "The SASL password."),
				text("token_endpoint_url", "tokenEndpointUrl", optionalString("The OIDC token endpoint (OAUTHBEARER).", httpURL())),
				text("client_id", "clientId", optionalString("The OIDC client id (OAUTHBEARER).")),
				secretText("client_secret", "clientSecret", "The OIDC client secret (OAUTHBEARER)."),
				text("scope", "scope", optionalString("The OIDC scope (OAUTHBEARER).")),
				text("sasl_oauthbearer_extensions", "saslOauthbearerExtensions", optionalString("SASL OAUTHBEARER extensions (OAUTHBEARER).")),
				text("ssl_certificate", "sslCertificate", optionalString("The client certificate (PEM) for mutual TLS.")),
				secretText("ssl_key", "sslKey", "The client private key (PEM) for mutual TLS."),
				secretText("ssl_key_password", "sslKeyPassword", "The password of `ssl_key`."),
				nested("aws", "aws", objectSpec{
					description: "The IAM role Atlas assumes to sign in to Amazon MSK with IAM access control; required with `mechanism = \"AWS_MSK_IAM\"`, and used with nothing else.",
					fields:      roleFields("", "The ARN of the IAM role, `arn:aws:iam::<account>:role/<name>`."),
				}),
			},
		}),
		nested("security", "security", objectSpec{description: "Transport security.", fields: []field{
			text("protocol", "protocol", enumString("The security protocol.", false, kafkaProtocols)),
			text("broker_public_certificate", "brokerPublicCertificate", optionalString("The brokers' CA certificate (PEM) for SSL and SASL_SSL.")),
		}}),
		networking("networking", kafkaNetworkingTypes),
	}},
	{attribute: "https", apiType: client.TypeHTTPS, description: "An HTTPS endpoint.", fields: []field{
		text("url", "url", requiredString("The endpoint, an http(s) URL.", httpURL())),
		secretMap("headers", "headers", "Headers sent with every request.",
			"Sensitive, since they often carry credentials such as `Authorization`; kept from configuration, in state, like every secret, so a change made outside Terraform is not detected."),
	}},
	awsType("aws_lambda", client.TypeAWSLambda, "AWS Lambda", networking("publicPrivateNetworking", publicPrivateAccessTypes)),
	awsType("s3", client.TypeS3, "Amazon S3", networking("networking", kafkaNetworkingTypes)),
	awsType("aws_kinesis_data_streams", client.TypeAWSKinesisDataStreams, "Amazon Kinesis Data Streams", networking("networking", kafkaNetworkingTypes)),
	{attribute: "schema_registry", apiType: client.TypeSchemaRegistry, description: "A schema registry.", fields: []field{
		text("provider", "provider", enumString("The registry's provider.", true, schemaRegistryProviders)).
			officialAt("schema_registry_provider").alwaysInPatch(),
		textList("urls", "schemaRegistryUrls", urlList("The registry's endpoints: 1 to 10 unique http(s) URLs.")).alwaysInPatch(),
		nested("authentication", "schemaRegistryAuthentication", objectSpec{
			required:    true,
			description: "`USER_INFO` with `username` and `password`, or `SASL_INHERIT` to reuse the Kafka connection's credentials.",
			validators:  []validator.Object{schemaRegistryAuthenticationRules()},
			fields: []field{
				text("type", "type", enumString("The authentication type.", true, schemaRegistryAuthTypes)),
				text("username", "username", optionalString("The username or API key (USER_INFO).")),
				secretText("password", "password", "The password or API secret (USER_INFO)."),
			},
		}).alwaysInPatch(),
	}},
	{attribute: "azure_blob_storage", apiType: client.TypeAzureBlobStorage, description: "Azure Blob Storage, through a service principal.", fields: []field{
		text("service_principal_id", "azure.servicePrincipalId", requiredString("The service principal that has access to the storage account.")),
		text("storage_account_name", "azure.storageAccountName", requiredString("The storage account.")),
		text("region", "azure.region", optionalString("The storage account's Azure region.")),
		networking("publicPrivateNetworking", publicPrivateAccessTypes),
	}},
	{attribute: "gcp_pubsub", apiType: client.TypeGCPPubSub, description: "Google Cloud Pub/Sub, through a service account.", fields: []field{
		text("service_account_id", "gcp.serviceAccountId", requiredString("The service account that has access to the Pub/Sub resources.")),
		networking("publicPrivateNetworking", publicPrivateAccessTypes),
	}},
}

// awsType builds the row of one of the three AWS types, which share a shape
// (an IAM role, kept in the API's `aws` object) and differ in name and
// networking.
func awsType(attribute, apiType, product string, networking field) connectionType {
	return connectionType{
		attribute: attribute, apiType: apiType, description: product + ", through an IAM role.",
		fields: append(roleFields("aws.", "The ARN of the IAM role Atlas assumes, `arn:aws:iam::<account>:role/<name>`."), networking),
	}
}

// roleFields are an IAM role and its test bucket, kept under prefix in the
// API ("aws." or "").
func roleFields(prefix, arnDescription string) []field {
	return []field{
		text("role_arn", prefix+"roleArn", requiredString(arnDescription, roleARN())),
		text("test_bucket", prefix+"testBucket", optionalString("An S3 bucket Atlas uses to test the role's access.")),
	}
}

// networking is spelled the same in every type that has it, kept in the
// API's field apiField (`networking` or `publicPrivateNetworking`, which the
// official provider calls networking too); allowed lists the access types
// the type supports. Any change of it replaces the connection, because
// Atlas cannot change it in place, and Atlas's default (public access)
// reads back as no networking unless it was written.
func networking(apiField string, allowed []string) field {
	return nested("networking", apiField, objectSpec{
		description:   "How Atlas reaches the endpoint. Without it Atlas uses public networking. Any change of it replaces the connection, as Atlas cannot change networking in place.",
		planModifiers: []planmodifier.Object{replaceOnNetworkingChange()},
		readsNull:     networkingReadsNull,
		fields: []field{
			nested("access", "access", objectSpec{required: true, validators: []validator.Object{networkingAccessRules()}, fields: []field{
				text("type", "type", enumString("The access type.", true, allowed)),
				text("connection_id", "connectionId", optionalString("The private endpoint (PRIVATE_LINK) connection id, 24 hexadecimal digits.", hex24("a private link connection id"))),
				text("tgw_route_id", "tgwRouteId", optionalString("The transit gateway route id (TRANSIT_GATEWAY), 24 hexadecimal digits.", hex24("a transit gateway route id"))),
			}}),
		},
	}).officialAt("networking")
}

// networkingReadsNull says when an API networking object reads back as no
// networking: when it names no access, and when it holds Atlas's default
// (public access) and none was written before.
func networkingReadsNull(api map[string]any, priorNull bool) bool {
	access, ok := api["access"].(map[string]any)
	if !ok {
		return true
	}
	return priorNull && access["type"] == accessPublic && isEmptyValue(access["connectionId"]) && isEmptyValue(access["tgwRouteId"])
}

// in is the type's attribute in m.
func (t *connectionType) in(m *Model) *types.Object {
	object, _ := reflect.ValueOf(m).Elem().FieldByIndex(modelFields[t.attribute]).Addr().Interface().(*types.Object)
	return object
}

// modelFields maps each type's attribute to its field of Model, found by
// its tfsdk tag once.
var modelFields = func() map[string][]int {
	out := map[string][]int{}
	model := reflect.TypeFor[Model]()
	for _, t := range connectionTypes {
		for i := range model.NumField() {
			if model.Field(i).Tag.Get("tfsdk") == t.attribute {
				out[t.attribute] = []int{i}
			}
		}
		if _, ok := out[t.attribute]; !ok {
			panic("connection.Model has no field tagged tfsdk:" + strconv.Quote(t.attribute))
		}
	}
	return out
}()

// objectType is the type of the type's attribute, built from its schema once.
func (t *connectionType) objectType() types.ObjectType {
	return objectTypes()[t.attribute]
}

var objectTypes = sync.OnceValue(func() map[string]types.ObjectType {
	out := make(map[string]types.ObjectType, len(connectionTypes))
	for _, t := range connectionTypes {
		objectType, _ := t.schemaAttribute().GetType().(types.ObjectType)
		out[t.attribute] = objectType
	}
	return out
})

// requiredInPatch lists the top-level API fields the API's schema requires
// in every body of the type (fields marked alwaysInPatch), so that they go
// with any change.
func (t *connectionType) requiredInPatch() []string {
	var keys []string
	for _, f := range t.fields {
		if f.inEveryPatch {
			keys = append(keys, f.apiPath()[0])
		}
	}
	return keys
}

// officialFields are the mongodbatlas provider's attributes that hold the
// type's settings (see move_state_official.go).
func (t *connectionType) officialFields() []string {
	var names []string
	for _, f := range t.fields {
		if name := f.officialPath()[0]; !slices.Contains(names, name) {
			names = append(names, name)
		}
	}
	return names
}

// typeOf returns the row of the type the model holds, or nil when none is set.
func typeOf(m *Model) *connectionType {
	for i := range connectionTypes {
		if !connectionTypes[i].in(m).IsNull() {
			return &connectionTypes[i]
		}
	}
	return nil
}

// typeByAPIName returns the row for an API `type`, or nil for one this provider does not know.
func typeByAPIName(apiType string) *connectionType {
	for i := range connectionTypes {
		if connectionTypes[i].apiType == apiType {
			return &connectionTypes[i]
		}
	}
	return nil
}

// apiTypeNames lists the API names of every connection type, sorted, for messages.
func apiTypeNames() []string {
	names := make([]string, len(connectionTypes))
	for i, t := range connectionTypes {
		names[i] = t.apiType
	}
	slices.Sort(names)
	return names
}

// TypeAttributes lists the HCL names of every connection type, for validators and messages.
func TypeAttributes() []string {
	names := make([]string, len(connectionTypes))
	for i, t := range connectionTypes {
		names[i] = t.attribute
	}
	return names
}

// TypeSchema is the attribute of the connection type named attribute
// (`kafka`), with its validators, secrets and plan modifiers.
func TypeSchema(attribute string) schema.SingleNestedAttribute {
	for _, t := range connectionTypes {
		if t.attribute == attribute {
			return t.schemaAttribute()
		}
	}
	panic("no connection type " + attribute)
}

// AttributeOf is the HCL attribute of an API `type` ("kafka" for "Kafka"),
// or "" for a type this provider does not know.
func AttributeOf(apiType string) string {
	if t := typeByAPIName(apiType); t != nil {
		return t.attribute
	}
	return ""
}

// APITypeOf is the API `type` of an HCL type attribute ("Kafka" for
// "kafka"), or "" for an attribute that is not a connection type.
func APITypeOf(attribute string) string {
	for _, t := range connectionTypes {
		if t.attribute == attribute {
			return t.apiType
		}
	}
	return ""
}

// FailoverTypes lists the HCL names of the types that have failover
// connections, in the table's order.
func FailoverTypes() []string {
	var names []string
	for _, t := range connectionTypes {
		if t.failover {
			names = append(names, t.attribute)
		}
	}
	return names
}

// FailoverAPITypes names the API types that have failover connections, for
// messages: "Cluster and Kafka".
func FailoverAPITypes() string {
	var names []string
	for _, t := range connectionTypes {
		if t.failover {
			names = append(names, t.apiType)
		}
	}
	return strings.Join(names, " and ")
}

// HasFailovers says whether connections of an API `type` have failover
// connections.
func HasFailovers(apiType string) bool {
	t := typeByAPIName(apiType)
	return t != nil && t.failover
}
