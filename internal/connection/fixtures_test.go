package connection

import (
	"maps"

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
// examples, each with its model, written out here by hand.
func fixtures() []typeFixture {
	privateLink := values{"access": values{"type": "PRIVATE_LINK", "connection_id": "aaaaaaaaaaaaaaaaaaaaaaaa"}}
	role := values{"role_arn": testRoleARN, "test_bucket": "bucket"}
	models := map[string]func(*Model){
		"sample_stream_solar": func(m *Model) { m.Sample = typeObject("sample", values{}) },
		"cluster": func(m *Model) {
			m.Cluster = typeObject("cluster", values{"cluster_name": "c0", "cluster_project_id": "bbbbbbbbbbbbbbbbbbbbbbbb",
				"db_role_to_execute": values{"role": "atlasAdmin", "type": "BUILT_IN"}})
		},
		"kafka": func(m *Model) {
			m.Kafka = typeObject("kafka", values{
				"bootstrap_servers": "b1:9092,b2:9092", "config": strMap("auto.offset.reset", "earliest"),
				"authentication": values{"mechanism": "SCRAM-256", "username": "app", "password": "kafka-secret",
					"ssl_certificate": "CERT", "ssl_key": "KEY", "ssl_key_password": "key-pass"},
				"security":   values{"protocol": "SASL_SSL", "broker_public_certificate": "CA"},
				"networking": privateLink,
			})
		},
		"kafka_oidc": func(m *Model) {
			m.Kafka = typeObject("kafka", values{
				"bootstrap_servers": "b1:9093",
				"authentication": values{"mechanism": "OAUTHBEARER", "method": "OIDC", "token_endpoint_url": "https://idp.example.com/token",
					"client_id": "app", "client_secret": "oidc-secret", "scope": "kafka", "sasl_oauthbearer_extensions": "logicalCluster=lkc-1"},
				"security": values{"protocol": "SASL_SSL"},
			})
		},
		"kafka_msk_iam": func(m *Model) {
			m.Kafka = typeObject("kafka", values{
				"bootstrap_servers": "b-1.msk.example.com:9098",
				"authentication":    values{"mechanism": "AWS_MSK_IAM", "aws": values{"role_arn": testRoleARN, "test_bucket": "probe"}},
				"security":          values{"protocol": "SASL_SSL"},
			})
		},
		"https": func(m *Model) {
			m.HTTPS = typeObject("https", values{"url": "https://example.com/hook", "headers": strMap("Authorization", "Bearer header-secret")})
		},
		"aws_lambda": func(m *Model) { m.AWSLambda = typeObject("aws_lambda", with(role, "networking", privateLink)) },
		"s3":         func(m *Model) { m.S3 = typeObject("s3", with(role, "networking", privateLink)) },
		"aws_kinesis_data_streams": func(m *Model) {
			m.AWSKinesisDataStreams = typeObject("aws_kinesis_data_streams",
				with(role, "networking", values{"access": values{"type": "TRANSIT_GATEWAY", "tgw_route_id": "dddddddddddddddddddddddd"}}))
		},
		"schema_registry": func(m *Model) {
			m.SchemaRegistry = typeObject("schema_registry", values{"provider": "CONFLUENT", "urls": strList("https://sr1.example.com", "https://sr2.example.com"),
				"authentication": values{"type": "USER_INFO", "username": "key", "password": "sr-secret"}})
		},
		"azure_blob_storage": func(m *Model) {
			m.AzureBlobStorage = typeObject("azure_blob_storage", values{"service_principal_id": "sp", "storage_account_name": "acct", "region": "eastus", "networking": privateLink})
		},
		"gcp_pubsub": func(m *Model) {
			m.GCPPubSub = typeObject("gcp_pubsub", values{"service_account_id": "sa@project.iam.gserviceaccount.com", "networking": privateLink})
		},
	}
	var out []typeFixture
	for _, api := range connectiontest.Examples() {
		f := typeFixture{name: api.Name, model: baseModel(api.Name), api: api}
		models[api.Name](&f.model)
		f.model = nullTypes(f.model)
		out = append(out, f)
	}
	return out
}

// values are an object's attributes by name, for typeObject: a string, a
// types.Map or types.List, or values for a nested object. Attributes left
// out are null.
type values map[string]any

// with is v with one more attribute.
func with(v values, name string, value any) values {
	out := maps.Clone(v)
	out[name] = value
	return out
}

// typeObject is the object of the type attribute holding v.
func typeObject(attribute string, v values) types.Object {
	for i := range connectionTypes {
		if t := &connectionTypes[i]; t.attribute == attribute {
			return objectValue(t.objectType(), v)
		}
	}
	panic("no type " + attribute)
}

func objectValue(t types.ObjectType, v values) types.Object {
	attrs := map[string]attr.Value{}
	for name, attrType := range t.AttrTypes {
		attrs[name] = nullOf(attrType)
	}
	for name, value := range v {
		attrType, ok := t.AttrTypes[name]
		if !ok {
			panic("no attribute " + name)
		}
		switch value := value.(type) {
		case string:
			attrs[name] = str(value)
		case values:
			attrs[name] = objectValue(attrType.(types.ObjectType), value)
		case attr.Value:
			attrs[name] = value
		}
	}
	return types.ObjectValueMust(t.AttrTypes, attrs)
}

// withoutSecrets is what the provider can know of c without configuration:
// every write-only field dropped, and the Https headers it never reads back.
func withoutSecrets(c client.StreamConnection) client.StreamConnection {
	if c.Settings == nil {
		return c
	}
	c.Settings = deepCopy(c.Settings).(map[string]any)
	for _, s := range client.ConnectionSecrets {
		if s.Type != c.Type {
			continue
		}
		holder := c.Settings
		if s.Object != "" {
			holder, _ = c.Settings[s.Object].(map[string]any)
		}
		delete(holder, s.Key)
	}
	return c
}

// deepCopy copies decoded JSON.
func deepCopy(v any) any {
	switch v := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(v))
		for k, e := range v {
			out[k] = deepCopy(e)
		}
		return out
	case []any:
		out := make([]any, len(v))
		for i, e := range v {
			out[i] = deepCopy(e)
		}
		return out
	}
	return v
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
