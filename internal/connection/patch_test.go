package connection

import (
	"encoding/json"
	"reflect"
	"slices"
	"testing"

	"github.com/atlasx/terraform-provider-atlasx/internal/client"
)

// patchJSON renders a patch as the body the client sends.
func patchJSON(t testing.TB, p client.ConnectionPatch) string {
	t.Helper()
	b, err := json.Marshal(p)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestBuildPatchNoChangeIsEmptyForEveryType(t *testing.T) {
	for _, f := range fixtures() {
		t.Run(f.name, func(t *testing.T) {
			a, b := f.api, f.api
			p, err := buildPatch(&a, &b)
			if err != nil || len(p) != 0 {
				t.Fatalf("patch = %v, %v; want empty", p, err)
			}
		})
	}
}

// Each row changes one thing in a fixture and names the exact body expected.
func TestBuildPatch(t *testing.T) {
	byName := map[string]client.StreamConnection{}
	for _, f := range fixtures() {
		byName[f.name] = f.api
	}
	tests := []struct {
		name, fixture string
		change        func(c *client.StreamConnection)
		want          string
	}{
		{"cluster name", "cluster", set("c1", "clusterName"), `{"clusterName":"c1"}`},
		{"cluster role whole", "cluster", set(map[string]any{"role": "r", "type": "CUSTOM"}, "dbRoleToExecute"), `{"dbRoleToExecute":{"role":"r","type":"CUSTOM"}}`},
		{"cluster role cleared", "cluster", drop("dbRoleToExecute"), `{"dbRoleToExecute":null}`},
		{"cluster project cleared", "cluster", drop("clusterGroupId"), `{"clusterGroupId":null}`},
		{"kafka servers", "kafka", set("b3:9092", "bootstrapServers"), `{"bootstrapServers":"b3:9092"}`},
		{"kafka config entry", "kafka", set(map[string]any{"auto.offset.reset": "latest"}, "config"), `{"config":{"auto.offset.reset":"latest"}}`},
		{"kafka config cleared with {}", "kafka", drop("config"), `{"config":{}}`},
		{"kafka username sends the object with its secrets", "kafka", set("other", "authentication", "username"), `{"authentication":{"mechanism":"SCRAM-256","username":"other","password":"kafka-secret","sslCertificate":"CERT","sslKey":"KEY","sslKeyPassword":"key-pass"}}`},
		{"kafka password alone", "kafka", set("rotated", "authentication", "password"), `{"authentication":{"mechanism":"SCRAM-256","username":"app","password":"rotated","sslCertificate":"CERT","sslKey":"KEY","sslKeyPassword":"key-pass"}}`},
		{"kafka security cleared", "kafka", drop("security"), `{"security":null}`},
		{"kafka authentication cleared", "kafka", drop("authentication"), `{"authentication":null}`},
		{"https url", "https", set("https://example.org", "url"), `{"url":"https://example.org"}`},
		{"https headers cleared with {}", "https", drop("headers"), `{"headers":{}}`},
		{"https header value", "https", set(map[string]any{"Authorization": "Bearer new"}, "headers"), `{"headers":{"Authorization":"Bearer new"}}`},
		{"lambda role", "aws_lambda", set(map[string]any{"roleArn": testRoleARN}, "aws"), `{"aws":{"roleArn":"` + testRoleARN + `"}}`},
		{"lambda networking id", "aws_lambda", set("cccccccccccccccccccccccc", "publicPrivateNetworking", "access", "connectionId"), `{"publicPrivateNetworking":{"access":{"type":"PRIVATE_LINK","connectionId":"cccccccccccccccccccccccc"}}}`},
		{"s3 test bucket", "s3", set("b2", "aws", "testBucket"), `{"aws":{"roleArn":"` + testRoleARN + `","testBucket":"b2"}}`},
		{"kinesis networking cleared", "aws_kinesis_data_streams", drop("networking"), `{"networking":null}`},
		// The schema requires provider, urls and authentication in every schema registry body.
		{"schema registry urls", "schema_registry", set([]any{"https://sr3.example.com"}, "schemaRegistryUrls"),
			`{"provider":"CONFLUENT","schemaRegistryUrls":["https://sr3.example.com"],"schemaRegistryAuthentication":{"type":"USER_INFO","username":"key","password":"sr-secret"}}`},
		{"schema registry password", "schema_registry", set("rotated", "schemaRegistryAuthentication", "password"), `{"provider":"CONFLUENT","schemaRegistryUrls":["https://sr1.example.com","https://sr2.example.com"],"schemaRegistryAuthentication":{"type":"USER_INFO","username":"key","password":"rotated"}}`},
		{"azure account", "azure_blob_storage", set("other", "azure", "storageAccountName"), `{"azure":{"servicePrincipalId":"sp","storageAccountName":"other","region":"eastus"}}`},
		{"gcp account", "gcp_pubsub", set("other", "gcp", "serviceAccountId"), `{"gcp":{"serviceAccountId":"other"}}`},
		{"state and id are not sent", "gcp_pubsub", func(c *client.StreamConnection) { c.State, c.ID = "PENDING", "" }, `{}`},
		{"region", "sample_stream_solar", func(c *client.StreamConnection) { c.Region = "DUBLIN_IRL" }, `{"region":"DUBLIN_IRL"}`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			prior := byName[tc.fixture]
			planned := prior
			if prior.Settings != nil {
				planned.Settings = deepCopy(prior.Settings).(map[string]any)
			}
			tc.change(&planned)
			p, err := buildPatch(&prior, &planned)
			if err != nil {
				t.Fatal(err)
			}
			// Every non-empty patch also names the type, which the API discriminates on.
			want := decodeObject(t, tc.want)
			if len(want) > 0 {
				want["type"] = prior.Type
			}
			if got := decodeObject(t, patchJSON(t, p)); !reflect.DeepEqual(got, want) {
				t.Errorf("patch = %s\nwant    %s (plus type)", patchJSON(t, p), tc.want)
			}
		})
	}
}

// The secrets patch is a PATCH body like any other: it names the type and
// carries what the API's schema requires of it, or the API refuses it.
func TestSecretsPatch(t *testing.T) {
	for _, f := range fixtures() {
		p, err := secretsPatch(&f.api)
		if err != nil {
			t.Fatalf("%s: %v", f.name, err)
		}
		var want []string
		switch f.name {
		case "kafka", "kafka_oidc":
			want = []string{"authentication", "type"}
		case "schema_registry":
			want = []string{"provider", "schemaRegistryAuthentication", "schemaRegistryUrls", "type"}
		case "https":
			want = []string{"headers", "type"}
		}
		if got := PatchFields(p); !slices.Equal(got, want) {
			t.Errorf("%s: secrets patch fields = %v, want %v", f.name, got, want)
		}
	}
}

// set changes the setting at path to value.
func set(value any, path ...string) func(*client.StreamConnection) {
	return func(c *client.StreamConnection) { c.SetSetting(value, path...) }
}

// drop removes a top-level setting.
func drop(key string) func(*client.StreamConnection) {
	return func(c *client.StreamConnection) { delete(c.Settings, key) }
}

// applyPatch is what Atlas does with a PATCH: each field given replaces the
// old one; null clears it; {} clears a map.
func applyPatch(t testing.TB, prior map[string]json.RawMessage, p client.ConnectionPatch) map[string]json.RawMessage {
	t.Helper()
	out := map[string]json.RawMessage{}
	for k, v := range prior {
		out[k] = v
	}
	for k, v := range p {
		b, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		if string(b) == "null" || string(b) == "{}" {
			delete(out, k)
			continue
		}
		out[k] = b
	}
	return out
}

// FuzzBuildPatch checks the defining property of the diff: Atlas, applying
// the patch to the prior connection, ends with the planned one; and a patch
// never touches identity fields.
func FuzzBuildPatch(f *testing.F) {
	fx := fixtures()
	for i := range fx {
		a, _ := json.Marshal(fx[i].api)
		b, _ := json.Marshal(fx[(i+1)%len(fx)].api)
		f.Add(a, b)
		f.Add(a, []byte(`{}`))
	}
	f.Fuzz(func(t *testing.T, priorJSON, plannedJSON []byte) {
		var prior, planned client.StreamConnection
		if json.Unmarshal(priorJSON, &prior) != nil || json.Unmarshal(plannedJSON, &planned) != nil {
			t.Skip()
		}
		p, err := buildPatch(&prior, &planned)
		if err != nil {
			t.Fatal(err)
		}
		for field := range identityFields {
			if _, ok := p[field]; ok && field != "type" {
				t.Fatalf("patch touches identity field %q: %v", field, p)
			}
		}
		if len(p) > 0 && p["type"] != planned.Type {
			t.Fatalf("patch names type %v, want %q", p["type"], planned.Type)
		}
		before, err := topLevelFields(&prior)
		if err != nil {
			t.Fatal(err)
		}
		after, err := topLevelFields(&planned)
		if err != nil {
			t.Fatal(err)
		}
		delete(p, "type")
		got := applyPatch(t, before, p)
		for field := range identityFields {
			delete(got, field)
			delete(after, field)
		}
		if !reflect.DeepEqual(normalize(t, got), normalize(t, after)) {
			t.Fatalf("applying %s to %s gives %v, want %v", patchJSON(t, p), priorJSON, got, after)
		}
	})
}

// normalize re-encodes each field so equal JSON values compare equal.
func normalize(t testing.TB, fields map[string]json.RawMessage) map[string]string {
	out := map[string]string{}
	for k, v := range fields {
		var x any
		if err := json.Unmarshal(v, &x); err != nil {
			t.Fatal(err)
		}
		b, _ := json.Marshal(x)
		if string(b) == "{}" { // an empty map is how Atlas shows a cleared one
			continue
		}
		out[k] = string(b)
	}
	return out
}

// decodeObject parses a JSON object, so bodies compare by meaning.
func decodeObject(t testing.TB, body string) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal([]byte(body), &m); err != nil {
		t.Fatalf("bad JSON %s: %v", body, err)
	}
	return m
}
