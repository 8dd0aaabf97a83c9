package resource_stream_connection

import (
	"context"
	"slices"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"

	"github.com/atlasx/terraform-provider-atlasx/internal/client"
)

// connectionType ties one HCL attribute to one API `type`: its schema, its
// conversion both ways and what the API and the official provider say of it.
// Adding a type is adding a row.
type connectionType struct {
	attribute string
	apiType   string
	schema    func() schema.SingleNestedAttribute
	// publicPrivateNetworking: the API calls the type's networking
	// `publicPrivateNetworking` rather than `networking`.
	publicPrivateNetworking bool
	// requiredInPatch lists the fields the API's schema requires in every
	// body of the type, an update's included, so they go with any change.
	requiredInPatch []string
	// officialFields are the mongodbatlas provider's attributes that hold the
	// type's settings (see move_state_official.go).
	officialFields []string
	// isSet reports whether the model holds this type.
	isSet func(m *connectionModel) bool
	// expand writes the type's fields of m into c.
	expand func(ctx context.Context, m *connectionModel, c *client.StreamConnection) diag.Diagnostics
	// flatten writes the type's fields of api into out; prior (never nil, maybe
	// empty) supplies what Atlas does not return and tells server defaults apart.
	flatten func(ctx context.Context, api *client.StreamConnection, prior, out *connectionModel) diag.Diagnostics
}

var connectionTypes = []connectionType{
	{
		attribute: "sample", apiType: client.TypeSample, schema: sampleSchema,
		isSet:  func(m *connectionModel) bool { return m.Sample != nil },
		expand: func(context.Context, *connectionModel, *client.StreamConnection) diag.Diagnostics { return nil },
		flatten: func(_ context.Context, _ *client.StreamConnection, _, out *connectionModel) diag.Diagnostics {
			out.Sample = &sampleModel{}
			return nil
		},
	},
	{
		attribute: "cluster", apiType: client.TypeCluster, schema: clusterSchema,
		officialFields: []string{"cluster_name", "cluster_project_id", "db_role_to_execute"},
		isSet:          func(m *connectionModel) bool { return m.Cluster != nil },
		expand:         expandCluster,
		flatten:        flattenCluster,
	},
	{
		attribute: "kafka", apiType: client.TypeKafka, schema: kafkaSchema,
		officialFields: []string{"bootstrap_servers", "config", "authentication", "security", "networking"},
		isSet:          func(m *connectionModel) bool { return m.Kafka != nil },
		expand:         expandKafka,
		flatten:        flattenKafka,
	},
	{
		attribute: "https", apiType: client.TypeHTTPS, schema: httpsSchema,
		officialFields: []string{"url", "headers"},
		isSet:          func(m *connectionModel) bool { return m.HTTPS != nil },
		expand:         expandHTTPS,
		flatten:        flattenHTTPS,
	},
	awsType("aws_lambda", client.TypeAWSLambda, "AWS Lambda", publicPrivateAccessTypes, true,
		func(m *connectionModel) **awsModel { return &m.AWSLambda }),
	awsType("s3", client.TypeS3, "Amazon S3", kafkaNetworkingTypes, false,
		func(m *connectionModel) **awsModel { return &m.S3 }),
	awsType("aws_kinesis_data_streams", client.TypeAWSKinesisDataStreams, "Amazon Kinesis Data Streams", kafkaNetworkingTypes, false,
		func(m *connectionModel) **awsModel { return &m.AWSKinesisDataStreams }),
	{
		attribute: "schema_registry", apiType: client.TypeSchemaRegistry, schema: schemaRegistrySchema,
		requiredInPatch: []string{"provider", "schemaRegistryUrls", "schemaRegistryAuthentication"},
		officialFields:  []string{"schema_registry_provider", "schema_registry_urls", "schema_registry_authentication"},
		isSet:           func(m *connectionModel) bool { return m.SchemaRegistry != nil },
		expand:          expandSchemaRegistry,
		flatten:         flattenSchemaRegistry,
	},
	{
		attribute: "azure_blob_storage", apiType: client.TypeAzureBlobStorage, schema: azureSchema,
		publicPrivateNetworking: true, officialFields: []string{"azure", "networking"},
		isSet:   func(m *connectionModel) bool { return m.AzureBlobStorage != nil },
		expand:  expandAzure,
		flatten: flattenAzure,
	},
	{
		attribute: "gcp_pubsub", apiType: client.TypeGCPPubSub, schema: gcpSchema,
		publicPrivateNetworking: true, officialFields: []string{"gcp", "networking"},
		isSet:   func(m *connectionModel) bool { return m.GCPPubSub != nil },
		expand:  expandGCP,
		flatten: flattenGCP,
	},
}

// awsType builds the row of one of the three AWS types, which share a shape
// and differ in name, networking field and allowed access types.
func awsType(attribute, apiType, product string, accessTypes []string, publicPrivateNetworking bool, field func(*connectionModel) **awsModel) connectionType {
	return connectionType{
		attribute: attribute, apiType: apiType, publicPrivateNetworking: publicPrivateNetworking,
		officialFields: []string{"aws", "networking"},
		schema:         func() schema.SingleNestedAttribute { return awsSchema(product, accessTypes) },
		isSet:          func(m *connectionModel) bool { return *field(m) != nil },
		expand: func(_ context.Context, m *connectionModel, c *client.StreamConnection) diag.Diagnostics {
			expandAWS(*field(m), c, publicPrivateNetworking)
			return nil
		},
		flatten: func(_ context.Context, api *client.StreamConnection, prior, out *connectionModel) diag.Diagnostics {
			*field(out) = flattenAWS(api, *field(prior), publicPrivateNetworking)
			return nil
		},
	}
}

// typeOf returns the row of the type the model holds, or nil when none is set.
func typeOf(m *connectionModel) *connectionType {
	for i := range connectionTypes {
		if connectionTypes[i].isSet(m) {
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

// typeAttributes lists the HCL names of every connection type, for validators and messages.
func typeAttributes() []string {
	names := make([]string, len(connectionTypes))
	for i, t := range connectionTypes {
		names[i] = t.attribute
	}
	return names
}
