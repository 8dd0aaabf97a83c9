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

func base(name, apiType string) client.StreamConnection {
	return client.StreamConnection{Name: name, Type: apiType, ID: "6650e34b3d91647abb20e7b8", State: "READY", Region: "VIRGINIA_USA"}
}

func privateLink() *client.Networking {
	return &client.Networking{Access: &client.NetworkingAccess{Type: "PRIVATE_LINK", ConnectionID: "aaaaaaaaaaaaaaaaaaaaaaaa"}}
}

// Examples holds one fully populated connection of every type (Kafka twice:
// SCRAM with mutual TLS, and AWS MSK IAM), secrets included, in workspace
// "ws" of ProjectID; each is named for its type's attribute.
func Examples() []client.StreamConnection {
	sample := base("sample_stream_solar", client.TypeSample)
	cluster := base("cluster", client.TypeCluster)
	cluster.ClusterName, cluster.ClusterGroupID = "c0", "bbbbbbbbbbbbbbbbbbbbbbbb"
	cluster.DBRoleToExecute = &client.DBRoleToExecute{Role: "atlasAdmin", Type: "BUILT_IN"}
	kafka := base("kafka", client.TypeKafka)
	kafka.BootstrapServers, kafka.Config = "b1:9092,b2:9092", map[string]string{"auto.offset.reset": "earliest"}
	kafka.Authentication = &client.KafkaAuthentication{Mechanism: "SCRAM-256", Username: "app", Password: "kafka-secret", SSLCertificate: "CERT", SSLKey: "KEY", SSLKeyPassword: "key-pass"}
	kafka.Security = &client.KafkaSecurity{Protocol: "SASL_SSL", BrokerPublicCertificate: "CA"}
	kafka.Networking = privateLink()
	msk := base("kafka_msk_iam", client.TypeKafka)
	msk.BootstrapServers = "b-1.msk.example.com:9098"
	msk.Authentication = &client.KafkaAuthentication{Mechanism: "AWS_MSK_IAM", AWS: &client.AWSConfig{RoleARN: RoleARN, TestBucket: "probe"}}
	msk.Security = &client.KafkaSecurity{Protocol: "SASL_SSL"}
	https := base("https", client.TypeHTTPS)
	https.URL, https.Headers = "https://example.com/hook", map[string]string{"Authorization": "Bearer header-secret"}
	out := []client.StreamConnection{sample, cluster, kafka, msk, https}
	for _, aws := range []struct {
		name, apiType           string
		publicPrivateNetworking bool
	}{
		{"aws_lambda", client.TypeAWSLambda, true},
		{"s3", client.TypeS3, false},
		{"aws_kinesis_data_streams", client.TypeAWSKinesisDataStreams, false},
	} {
		c := base(aws.name, aws.apiType)
		c.AWS = &client.AWSConfig{RoleARN: RoleARN, TestBucket: "bucket"}
		if aws.publicPrivateNetworking {
			c.PublicPrivateNetworking = privateLink()
		} else {
			c.Networking = privateLink()
		}
		out = append(out, c)
	}
	sr := base("schema_registry", client.TypeSchemaRegistry)
	sr.Provider, sr.SchemaRegistryURLs = "CONFLUENT", []string{"https://sr1.example.com", "https://sr2.example.com"}
	sr.SchemaRegistryAuthentication = &client.SchemaRegistryAuthentication{Type: "USER_INFO", Username: "key", Password: "sr-secret"}
	azure := base("azure_blob_storage", client.TypeAzureBlobStorage)
	azure.Azure = &client.AzureConfig{ServicePrincipalID: "sp", StorageAccountName: "acct", Region: "eastus"}
	azure.PublicPrivateNetworking = privateLink()
	gcp := base("gcp_pubsub", client.TypeGCPPubSub)
	gcp.GCP = &client.GCPConfig{ServiceAccountID: "sa@project.iam.gserviceaccount.com"}
	gcp.PublicPrivateNetworking = privateLink()
	return append(out, sr, azure, gcp)
}

// CmpModels compares the framework's values by Equal, so models compare
// by what they hold.
func CmpModels() cmp.Option {
	return cmp.Options{
		cmp.Comparer(func(a, b types.String) bool { return a.Equal(b) }),
		cmp.Comparer(func(a, b types.Map) bool { return a.Equal(b) }),
		cmp.Comparer(func(a, b types.List) bool { return a.Equal(b) }),
		cmp.Comparer(func(a, b types.Int64) bool { return a.Equal(b) }),
	}
}
