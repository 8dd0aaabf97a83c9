package resource_stream_connection

import (
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/atlasx/terraform-provider-atlasx/internal/client"
)

const (
	testProjectID = "32b6e34b3d91647abb20e7b8"
	testRoleARN   = "arn:aws:iam::123456789012:role/atlas-streams"
)

// typeFixture is one fully populated connection of a type, as a model and as
// the API object it expands to (secrets included).
type typeFixture struct {
	name  string
	model connectionModel
	api   client.StreamConnection
}

func str(s string) types.String { return types.StringValue(s) }

func strMap(kv ...string) types.Map {
	elems := map[string]attr.Value{}
	for i := 0; i < len(kv); i += 2 {
		elems[kv[i]] = types.StringValue(kv[i+1])
	}
	return types.MapValueMust(types.StringType, elems)
}

func strList(values ...string) types.List {
	elems := make([]attr.Value, len(values))
	for i, v := range values {
		elems[i] = types.StringValue(v)
	}
	return types.ListValueMust(types.StringType, elems)
}

func baseModel(name string) connectionModel {
	return connectionModel{
		ID: str(testProjectID + "/ws/" + name), ProjectID: str(testProjectID), WorkspaceName: str("ws"),
		ConnectionName: str(name), ConnectionID: str("6650e34b3d91647abb20e7b8"), State: str("READY"), Region: str("VIRGINIA_USA"),
	}
}

func baseAPI(name, apiType string) client.StreamConnection {
	return client.StreamConnection{Name: name, Type: apiType, ID: "6650e34b3d91647abb20e7b8", State: "READY", Region: "VIRGINIA_USA"}
}

func privateLink() (*networkingModel, *client.Networking) {
	return &networkingModel{Access: &networkingAccessModel{Type: str("PRIVATE_LINK"), ConnectionID: str("aaaaaaaaaaaaaaaaaaaaaaaa"), TGWRouteID: types.StringNull()}},
		&client.Networking{Access: &client.NetworkingAccess{Type: "PRIVATE_LINK", ConnectionID: "aaaaaaaaaaaaaaaaaaaaaaaa"}}
}

// fixtures holds one full connection of every type.
func fixtures() []typeFixture {
	var out []typeFixture
	add := func(name, apiType string, setModel func(*connectionModel), setAPI func(*client.StreamConnection)) {
		f := typeFixture{name: name, model: baseModel(name), api: baseAPI(name, apiType)}
		setModel(&f.model)
		setAPI(&f.api)
		out = append(out, f)
	}
	add("sample_stream_solar", client.TypeSample, func(m *connectionModel) { m.Sample = &sampleModel{} }, func(*client.StreamConnection) {})
	add("cluster", client.TypeCluster, func(m *connectionModel) {
		m.Cluster = &clusterModel{ClusterName: str("c0"), ClusterProjectID: str("bbbbbbbbbbbbbbbbbbbbbbbb"), DBRoleToExecute: &dbRoleModel{Role: str("atlasAdmin"), Type: str("BUILT_IN")}}
	}, func(c *client.StreamConnection) {
		c.ClusterName, c.ClusterGroupID = "c0", "bbbbbbbbbbbbbbbbbbbbbbbb"
		c.DBRoleToExecute = &client.DBRoleToExecute{Role: "atlasAdmin", Type: "BUILT_IN"}
	})
	netModel, netAPI := privateLink()
	add("kafka", client.TypeKafka, func(m *connectionModel) {
		m.Kafka = &kafkaModel{
			BootstrapServers: str("b1:9092,b2:9092"), Config: strMap("auto.offset.reset", "earliest"),
			Authentication: &kafkaAuthenticationModel{
				Mechanism: str("SCRAM-256"), Method: types.StringNull(), Username: str("app"), Password: str("kafka-secret"),
				TokenEndpointURL: types.StringNull(), ClientID: types.StringNull(), ClientSecret: types.StringNull(), Scope: types.StringNull(),
				SASLOAuthBearerExtensions: types.StringNull(), SSLCertificate: str("CERT"), SSLKey: str("KEY"), SSLKeyPassword: str("key-pass"),
			},
			Security:   &kafkaSecurityModel{Protocol: str("SASL_SSL"), BrokerPublicCertificate: str("CA")},
			Networking: netModel,
		}
	}, func(c *client.StreamConnection) {
		c.BootstrapServers, c.Config = "b1:9092,b2:9092", map[string]string{"auto.offset.reset": "earliest"}
		c.Authentication = &client.KafkaAuthentication{Mechanism: "SCRAM-256", Username: "app", Password: "kafka-secret", SSLCertificate: "CERT", SSLKey: "KEY", SSLKeyPassword: "key-pass"}
		c.Security = &client.KafkaSecurity{Protocol: "SASL_SSL", BrokerPublicCertificate: "CA"}
		c.Networking = netAPI
	})
	add("kafka_msk_iam", client.TypeKafka, func(m *connectionModel) {
		m.Kafka = &kafkaModel{
			BootstrapServers: str("b-1.msk.example.com:9098"), Config: types.MapNull(types.StringType),
			Authentication: &kafkaAuthenticationModel{
				Mechanism: str("AWS_MSK_IAM"), Method: types.StringNull(), Username: types.StringNull(), Password: types.StringNull(),
				TokenEndpointURL: types.StringNull(), ClientID: types.StringNull(), ClientSecret: types.StringNull(), Scope: types.StringNull(),
				SASLOAuthBearerExtensions: types.StringNull(), SSLCertificate: types.StringNull(), SSLKey: types.StringNull(), SSLKeyPassword: types.StringNull(),
				AWS: &iamRoleModel{RoleARN: str(testRoleARN), TestBucket: str("probe")},
			},
			Security: &kafkaSecurityModel{Protocol: str("SASL_SSL"), BrokerPublicCertificate: types.StringNull()},
		}
	}, func(c *client.StreamConnection) {
		c.BootstrapServers = "b-1.msk.example.com:9098"
		c.Authentication = &client.KafkaAuthentication{Mechanism: "AWS_MSK_IAM", AWS: &client.AWSConfig{RoleARN: testRoleARN, TestBucket: "probe"}}
		c.Security = &client.KafkaSecurity{Protocol: "SASL_SSL"}
	})
	add("https", client.TypeHTTPS, func(m *connectionModel) {
		m.HTTPS = &httpsModel{URL: str("https://example.com/hook"), Headers: strMap("Authorization", "Bearer header-secret"), HeadersWO: types.MapNull(types.StringType)}
	}, func(c *client.StreamConnection) {
		c.URL, c.Headers = "https://example.com/hook", map[string]string{"Authorization": "Bearer header-secret"}
	})
	for _, aws := range []struct {
		name, apiType string
		field         func(*connectionModel) **awsModel
	}{
		{"aws_lambda", client.TypeAWSLambda, func(m *connectionModel) **awsModel { return &m.AWSLambda }},
		{"s3", client.TypeS3, func(m *connectionModel) **awsModel { return &m.S3 }},
		{"aws_kinesis_data_streams", client.TypeAWSKinesisDataStreams, func(m *connectionModel) **awsModel { return &m.AWSKinesisDataStreams }},
	} {
		netModel, netAPI := privateLink()
		add(aws.name, aws.apiType, func(m *connectionModel) {
			*aws.field(m) = &awsModel{RoleARN: str(testRoleARN), TestBucket: str("bucket"), Networking: netModel}
		}, func(c *client.StreamConnection) {
			c.AWS = &client.AWSConfig{RoleARN: testRoleARN, TestBucket: "bucket"}
			setNetworking(c, netAPI, typeByAPIName(c.Type).publicPrivateNetworking)
		})
	}
	add("schema_registry", client.TypeSchemaRegistry, func(m *connectionModel) {
		m.SchemaRegistry = &schemaRegistryModel{Provider: str("CONFLUENT"), URLs: strList("https://sr1.example.com", "https://sr2.example.com"),
			Authentication: &schemaRegistryAuthenticationModel{Type: str("USER_INFO"), Username: str("key"), Password: str("sr-secret")}}
	}, func(c *client.StreamConnection) {
		c.Provider, c.SchemaRegistryURLs = "CONFLUENT", []string{"https://sr1.example.com", "https://sr2.example.com"}
		c.SchemaRegistryAuthentication = &client.SchemaRegistryAuthentication{Type: "USER_INFO", Username: "key", Password: "sr-secret"}
	})
	netModel, netAPI = privateLink()
	add("azure_blob_storage", client.TypeAzureBlobStorage, func(m *connectionModel) {
		m.AzureBlobStorage = &azureModel{ServicePrincipalID: str("sp"), StorageAccountName: str("acct"), Region: str("eastus"), Networking: netModel}
	}, func(c *client.StreamConnection) {
		c.Azure = &client.AzureConfig{ServicePrincipalID: "sp", StorageAccountName: "acct", Region: "eastus"}
		c.PublicPrivateNetworking = netAPI
	})
	netModel, netAPI = privateLink()
	add("gcp_pubsub", client.TypeGCPPubSub, func(m *connectionModel) {
		m.GCPPubSub = &gcpModel{ServiceAccountID: str("sa@project.iam.gserviceaccount.com"), Networking: netModel}
	}, func(c *client.StreamConnection) {
		c.GCP = &client.GCPConfig{ServiceAccountID: "sa@project.iam.gserviceaccount.com"}
		c.PublicPrivateNetworking = netAPI
	})
	return out
}

// withoutSecrets is what the provider can know of c without configuration:
// every write-only field dropped, and the Https headers it never reads back.
func withoutSecrets(c client.StreamConnection) client.StreamConnection {
	c.Headers = nil
	if c.Authentication != nil {
		a := *c.Authentication
		a.Password, a.ClientSecret, a.SSLKey, a.SSLKeyPassword = "", "", "", ""
		c.Authentication = &a
	}
	if c.SchemaRegistryAuthentication != nil {
		a := *c.SchemaRegistryAuthentication
		a.Password = ""
		c.SchemaRegistryAuthentication = &a
	}
	return c
}
