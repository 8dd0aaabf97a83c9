package connection

import (
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/atlasx/terraform-provider-atlasx/internal/client"
	"github.com/atlasx/terraform-provider-atlasx/internal/connection/connectiontest"
)

const (
	testProjectID = connectiontest.ProjectID
	testRoleARN   = connectiontest.RoleARN
)

// typeFixture is one fully populated connection of a type, as a model and as
// the API object it expands to (secrets included).
type typeFixture struct {
	name  string
	model Model
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

func baseModel(name string) Model {
	return Model{
		ID: str(testProjectID + "/ws/" + name), ProjectID: str(testProjectID), WorkspaceName: str("ws"),
		ConnectionName: str(name), ConnectionID: str("6650e34b3d91647abb20e7b8"), State: str("READY"), Region: str("VIRGINIA_USA"),
	}
}

// fixtures holds one full connection of every type: connectiontest's
// examples, each with its model.
func fixtures() []typeFixture {
	models := map[string]func(*Model){
		"sample_stream_solar": func(m *Model) { m.Sample = &sampleModel{} },
		"cluster": func(m *Model) {
			m.Cluster = &ClusterModel{ClusterName: str("c0"), ClusterProjectID: str("bbbbbbbbbbbbbbbbbbbbbbbb"), DBRoleToExecute: &dbRoleModel{Role: str("atlasAdmin"), Type: str("BUILT_IN")}}
		},
		"kafka": func(m *Model) {
			m.Kafka = &KafkaModel{
				BootstrapServers: str("b1:9092,b2:9092"), Config: strMap("auto.offset.reset", "earliest"),
				Authentication: &kafkaAuthenticationModel{
					Mechanism: str("SCRAM-256"), Method: types.StringNull(), Username: str("app"), Password: str("kafka-secret"),
					TokenEndpointURL: types.StringNull(), ClientID: types.StringNull(), ClientSecret: types.StringNull(), Scope: types.StringNull(),
					SASLOAuthBearerExtensions: types.StringNull(), SSLCertificate: str("CERT"), SSLKey: str("KEY"), SSLKeyPassword: str("key-pass"),
				},
				Security:   &kafkaSecurityModel{Protocol: str("SASL_SSL"), BrokerPublicCertificate: str("CA")},
				Networking: privateLink(),
			}
		},
		"kafka_msk_iam": func(m *Model) {
			m.Kafka = &KafkaModel{
				BootstrapServers: str("b-1.msk.example.com:9098"), Config: types.MapNull(types.StringType),
				Authentication: &kafkaAuthenticationModel{
					Mechanism: str("AWS_MSK_IAM"), Method: types.StringNull(), Username: types.StringNull(), Password: types.StringNull(),
					TokenEndpointURL: types.StringNull(), ClientID: types.StringNull(), ClientSecret: types.StringNull(), Scope: types.StringNull(),
					SASLOAuthBearerExtensions: types.StringNull(), SSLCertificate: types.StringNull(), SSLKey: types.StringNull(), SSLKeyPassword: types.StringNull(),
					AWS: &iamRoleModel{RoleARN: str(testRoleARN), TestBucket: str("probe")},
				},
				Security: &kafkaSecurityModel{Protocol: str("SASL_SSL"), BrokerPublicCertificate: types.StringNull()},
			}
		},
		"https": func(m *Model) {
			m.HTTPS = &httpsModel{URL: str("https://example.com/hook"), Headers: strMap("Authorization", "Bearer header-secret"), HeadersWO: types.MapNull(types.StringType)}
		},
		"aws_lambda":               func(m *Model) { m.AWSLambda = awsFixture() },
		"s3":                       func(m *Model) { m.S3 = awsFixture() },
		"aws_kinesis_data_streams": func(m *Model) { m.AWSKinesisDataStreams = awsFixture() },
		"schema_registry": func(m *Model) {
			m.SchemaRegistry = &schemaRegistryModel{Provider: str("CONFLUENT"), URLs: strList("https://sr1.example.com", "https://sr2.example.com"),
				Authentication: &schemaRegistryAuthenticationModel{Type: str("USER_INFO"), Username: str("key"), Password: str("sr-secret")}}
		},
		"azure_blob_storage": func(m *Model) {
			m.AzureBlobStorage = &azureModel{ServicePrincipalID: str("sp"), StorageAccountName: str("acct"), Region: str("eastus"), Networking: privateLink()}
		},
		"gcp_pubsub": func(m *Model) {
			m.GCPPubSub = &gcpModel{ServiceAccountID: str("sa@project.iam.gserviceaccount.com"), Networking: privateLink()}
		},
	}
	var out []typeFixture
	for _, api := range connectiontest.Examples() {
		f := typeFixture{name: api.Name, model: baseModel(api.Name), api: api}
		models[api.Name](&f.model)
		out = append(out, f)
	}
	return out
}

func awsFixture() *awsModel {
	return &awsModel{RoleARN: str(testRoleARN), TestBucket: str("bucket"), Networking: privateLink()}
}

func privateLink() *networkingModel {
	return &networkingModel{Access: &networkingAccessModel{Type: str("PRIVATE_LINK"), ConnectionID: str("aaaaaaaaaaaaaaaaaaaaaaaa"), TGWRouteID: types.StringNull()}}
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

// testSchema is a resource with the names and every connection type, as the
// resources assemble theirs.
func testSchema() schema.Schema {
	attrs := map[string]schema.Attribute{}
	for _, name := range []string{"id", "project_id", "workspace_name", "connection_name", "connection_id", "state", "region"} {
		attrs[name] = schema.StringAttribute{Optional: true}
	}
	for _, t := range TypeAttributes() {
		attrs[t] = TypeSchema(t)
	}
	return schema.Schema{Attributes: attrs}
}
