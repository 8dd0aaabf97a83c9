// Package connectiontest holds what the tests of the connection core and of
// the resources built on it share: a full connection of every type, as Atlas
// holds it, and how to compare models.
package connectiontest

import (
	"github.com/google/go-cmp/cmp"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/atlasx/terraform-provider-atlasx/internal/client"
)

// ProjectID and RoleARN are the examples' project and IAM role.
const (
	ProjectID = "32b6e34b3d91647abb20e7b8"
	RoleARN   = "arn:aws:iam::123456789012:role/atlas-streams"
)

// object is a JSON object as the API spells it.
type object = map[string]any

func example(name, apiType string, settings object) client.StreamConnection {
	return client.StreamConnection{Name: name, Type: apiType, ID: "6650e34b3d91647abb20e7b8", State: "READY", Region: "VIRGINIA_USA", Settings: settings}
}

func privateLink() object {
	return object{"access": object{"type": "PRIVATE_LINK", "connectionId": "aaaaaaaaaaaaaaaaaaaaaaaa"}}
}

// Examples holds one fully populated connection of every type (Kafka twice:
// SCRAM with mutual TLS, and AWS MSK IAM), secrets included, in workspace
// "ws" of ProjectID; each is named for its type's attribute. Between them
// they set every field of the type table (a test of the core checks it).
func Examples() []client.StreamConnection {
	return []client.StreamConnection{
		example("sample_stream_solar", client.TypeSample, nil),
		example("cluster", client.TypeCluster, object{
			"clusterName": "c0", "clusterGroupId": "bbbbbbbbbbbbbbbbbbbbbbbb",
			"dbRoleToExecute": object{"role": "atlasAdmin", "type": "BUILT_IN"},
		}),
		example("kafka", client.TypeKafka, object{
			"bootstrapServers": "b1:9092,b2:9092",
			"config":           object{"auto.offset.reset": "earliest"},
			"authentication": object{
				"mechanism": "SCRAM-256", "username": "app", "password": "kafka-secret",
				"sslCertificate": "CERT", "sslKey": "KEY", "sslKeyPassword": "key-pass",
			},
			"security":   object{"protocol": "SASL_SSL", "brokerPublicCertificate": "CA"},
			"networking": privateLink(),
		}),
		example("kafka_oidc", client.TypeKafka, object{
			"bootstrapServers": "b1:9093",
			"authentication": object{
				"mechanism": "OAUTHBEARER", "method": "OIDC", "tokenEndpointUrl": "https://idp.example.com/token",
				"clientId": "app", "clientSecret": "oidc-secret", "scope": "kafka", "saslOauthbearerExtensions": "logicalCluster=lkc-1",
			},
			"security": object{"protocol": "SASL_SSL"},
		}),
		example("kafka_msk_iam", client.TypeKafka, object{
			"bootstrapServers": "b-1.msk.example.com:9098",
			"authentication":   object{"mechanism": "AWS_MSK_IAM", "aws": object{"roleArn": RoleARN, "testBucket": "probe"}},
			"security":         object{"protocol": "SASL_SSL"},
		}),
		example("https", client.TypeHTTPS, object{
			"url": "https://example.com/hook", "headers": object{"Authorization": "Bearer header-secret"},
		}),
		example("aws_lambda", client.TypeAWSLambda, object{
			"aws": object{"roleArn": RoleARN, "testBucket": "bucket"}, "publicPrivateNetworking": privateLink(),
		}),
		example("s3", client.TypeS3, object{
			"aws": object{"roleArn": RoleARN, "testBucket": "bucket"}, "networking": privateLink(),
		}),
		example("aws_kinesis_data_streams", client.TypeAWSKinesisDataStreams, object{
			"aws":        object{"roleArn": RoleARN, "testBucket": "bucket"},
			"networking": object{"access": object{"type": "TRANSIT_GATEWAY", "tgwRouteId": "dddddddddddddddddddddddd"}},
		}),
		example("schema_registry", client.TypeSchemaRegistry, object{
			"provider":                     "CONFLUENT",
			"schemaRegistryUrls":           []any{"https://sr1.example.com", "https://sr2.example.com"},
			"schemaRegistryAuthentication": object{"type": "USER_INFO", "username": "key", "password": "sr-secret"},
		}),
		example("azure_blob_storage", client.TypeAzureBlobStorage, object{
			"azure":                   object{"servicePrincipalId": "sp", "storageAccountName": "acct", "region": "eastus"},
			"publicPrivateNetworking": privateLink(),
		}),
		example("gcp_pubsub", client.TypeGCPPubSub, object{
			"gcp": object{"serviceAccountId": "sa@project.iam.gserviceaccount.com"}, "publicPrivateNetworking": privateLink(),
		}),
	}
}

// CmpModels compares the framework's values by Equal, so models compare
// by what they hold.
func CmpModels() cmp.Option {
	return cmp.Options{
		cmp.Comparer(func(a, b types.String) bool { return a.Equal(b) }),
		cmp.Comparer(func(a, b types.Map) bool { return a.Equal(b) }),
		cmp.Comparer(func(a, b types.List) bool { return a.Equal(b) }),
		cmp.Comparer(func(a, b types.Int64) bool { return a.Equal(b) }),
		cmp.Comparer(func(a, b types.Object) bool { return a.Equal(b) }),
	}
}
