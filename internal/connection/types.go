package connection

import (
	"context"
	"slices"
	"strings"

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
	// failover: the type has failover connections (connections in the
	// workspace's failover regions, /failoverConnections); only Kafka and
	// Cluster do.
	failover bool
	// publicPrivateNetworking: the API calls the type's networking
	// `publicPrivateNetworking` rather than `networking`.
	publicPrivateNetworking bool
	// requiredInPatch lists the fields the API's schema requires in every
	// body of the type, an update's included, so they go with any change.
	requiredInPatch []string
	// officialFields are the mongodbatlas provider's attributes that hold the
	// type's settings (see move_state_official.go).
	officialFields []string
	conversion
}

// conversion converts the type's nested object (*KafkaModel, ...) both
// ways. It takes the object, not the model that holds it, so that any
// resource with the type's attribute can use it.
type conversion struct {
	// object is the type's object in m, or nil when m holds another type;
	// setObject puts one there.
	object    func(m *Model) any
	setObject func(m *Model, object any)
	// expand writes the object's fields into c.
	expand func(ctx context.Context, object any, c *client.StreamConnection) diag.Diagnostics
	// flatten reads the type's fields of api into a new object; prior (nil
	// or the type's object) supplies what Atlas does not return and tells
	// server defaults apart.
	flatten func(ctx context.Context, api *client.StreamConnection, prior any) (any, diag.Diagnostics)
}

// convert builds the conversion of a type whose object is an M, found in a
// connection model by field.
func convert[M any](field func(*Model) **M,
	expand func(context.Context, *M, *client.StreamConnection) diag.Diagnostics,
	flatten func(context.Context, *client.StreamConnection, *M) (*M, diag.Diagnostics),
) conversion {
	return conversion{
		object: func(m *Model) any {
			if o := *field(m); o != nil {
				return o
			}
			return nil
		},
		setObject: func(m *Model, object any) {
			o, _ := object.(*M)
			*field(m) = o
		},
		// The caller found object with the same row's object: it is an *M.
		expand: func(ctx context.Context, object any, c *client.StreamConnection) diag.Diagnostics {
			o, _ := object.(*M)
			return expand(ctx, o, c)
		},
		flatten: func(ctx context.Context, api *client.StreamConnection, prior any) (any, diag.Diagnostics) {
			p, _ := prior.(*M)
			return flatten(ctx, api, p)
		},
	}
}

var connectionTypes = []connectionType{
	{
		attribute: "sample", apiType: client.TypeSample, schema: sampleSchema,
		conversion: convert(func(m *Model) **sampleModel { return &m.Sample },
			func(context.Context, *sampleModel, *client.StreamConnection) diag.Diagnostics { return nil },
			func(context.Context, *client.StreamConnection, *sampleModel) (*sampleModel, diag.Diagnostics) {
				return &sampleModel{}, nil
			}),
	},
	{
		attribute: "cluster", apiType: client.TypeCluster, schema: clusterSchema, failover: true,
		officialFields: []string{"cluster_name", "cluster_project_id", "db_role_to_execute"},
		conversion:     convert(func(m *Model) **ClusterModel { return &m.Cluster }, expandCluster, flattenCluster),
	},
	{
		attribute: "kafka", apiType: client.TypeKafka, schema: kafkaSchema, failover: true,
		officialFields: []string{"bootstrap_servers", "config", "authentication", "security", "networking"},
		conversion:     convert(func(m *Model) **KafkaModel { return &m.Kafka }, expandKafka, flattenKafka),
	},
	{
		attribute: "https", apiType: client.TypeHTTPS, schema: httpsSchema,
		officialFields: []string{"url", "headers"},
		conversion:     convert(func(m *Model) **httpsModel { return &m.HTTPS }, expandHTTPS, flattenHTTPS),
	},
	awsType("aws_lambda", client.TypeAWSLambda, "AWS Lambda", publicPrivateAccessTypes, true,
		func(m *Model) **awsModel { return &m.AWSLambda }),
	awsType("s3", client.TypeS3, "Amazon S3", kafkaNetworkingTypes, false,
		func(m *Model) **awsModel { return &m.S3 }),
	awsType("aws_kinesis_data_streams", client.TypeAWSKinesisDataStreams, "Amazon Kinesis Data Streams", kafkaNetworkingTypes, false,
		func(m *Model) **awsModel { return &m.AWSKinesisDataStreams }),
	{
		attribute: "schema_registry", apiType: client.TypeSchemaRegistry, schema: schemaRegistrySchema,
		requiredInPatch: []string{"provider", "schemaRegistryUrls", "schemaRegistryAuthentication"},
		officialFields:  []string{"schema_registry_provider", "schema_registry_urls", "schema_registry_authentication"},
		conversion:      convert(func(m *Model) **schemaRegistryModel { return &m.SchemaRegistry }, expandSchemaRegistry, flattenSchemaRegistry),
	},
	{
		attribute: "azure_blob_storage", apiType: client.TypeAzureBlobStorage, schema: azureSchema,
		publicPrivateNetworking: true, officialFields: []string{"azure", "networking"},
		conversion: convert(func(m *Model) **azureModel { return &m.AzureBlobStorage }, expandAzure, flattenAzure),
	},
	{
		attribute: "gcp_pubsub", apiType: client.TypeGCPPubSub, schema: gcpSchema,
		publicPrivateNetworking: true, officialFields: []string{"gcp", "networking"},
		conversion: convert(func(m *Model) **gcpModel { return &m.GCPPubSub }, expandGCP, flattenGCP),
	},
}

// awsType builds the row of one of the three AWS types, which share a shape
// and differ in name, networking field and allowed access types.
func awsType(attribute, apiType, product string, accessTypes []string, publicPrivateNetworking bool, field func(*Model) **awsModel) connectionType {
	return connectionType{
		attribute: attribute, apiType: apiType, publicPrivateNetworking: publicPrivateNetworking,
		officialFields: []string{"aws", "networking"},
		schema:         func() schema.SingleNestedAttribute { return awsSchema(product, accessTypes) },
		conversion: convert(field,
			func(_ context.Context, a *awsModel, c *client.StreamConnection) diag.Diagnostics {
				expandAWS(a, c, publicPrivateNetworking)
				return nil
			},
			func(_ context.Context, api *client.StreamConnection, prior *awsModel) (*awsModel, diag.Diagnostics) {
				return flattenAWS(api, prior, publicPrivateNetworking), nil
			}),
	}
}

// typeOf returns the row of the type the model holds, or nil when none is set.
func typeOf(m *Model) *connectionType {
	for i := range connectionTypes {
		if connectionTypes[i].object(m) != nil {
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
			return t.schema()
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
