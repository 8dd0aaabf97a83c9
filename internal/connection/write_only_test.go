package connection

import (
	"context"
	"reflect"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/atlasx/terraform-provider-atlasx/internal/client"
	"github.com/atlasx/terraform-provider-atlasx/internal/connection/connectiontest"
)

// fixture returns the model of the named fixture.
func fixture(t testing.TB, name string) Model {
	t.Helper()
	for _, f := range fixtures() {
		if f.name == name {
			return f.model
		}
	}
	t.Fatalf("no fixture %q", name)
	return Model{}
}

// nullForm is the null value of a secret's kind.
func nullForm(s secret) attr.Value {
	if s.field.kind == kindStringMap {
		return types.MapNull(types.StringType)
	}
	return types.StringNull()
}

// writeOnly moves each secret of the fixture named to its write-only form,
// as a configuration gives it: plain null, value and version set.
func writeOnly(t testing.TB, name string, version int64) Model {
	t.Helper()
	return changeSecrets(fixture(t, name), func(s secret, f secretForms) (secretForms, bool) {
		return secretForms{plain: nullForm(s), writeOnly: f.plain, version: types.Int64Value(version)}, !f.plain.IsNull()
	})
}

// planOf is config as the framework plans it: write-only values null.
func planOf(config Model) Model {
	return changeSecrets(config, func(s secret, f secretForms) (secretForms, bool) {
		f.writeOnly = nullForm(s)
		return f, true
	})
}

// setAttr is m with value at path, which starts at the type attribute.
func setAttr(m Model, value attr.Value, path ...string) Model {
	t := typeOf(&m)
	object := t.in(&m)
	*object = withAttributesAt(*object, path[1:len(path)-1], map[string]attr.Value{path[len(path)-1]: value})
	return m
}

// Create sends a write-only secret exactly as it would send the plain one.
func TestExpandSendsWriteOnlySecrets(t *testing.T) {
	for _, name := range []string{"kafka", "https", "schema_registry"} {
		t.Run(name, func(t *testing.T) {
			config := writeOnly(t, name, 1)
			plan := planOf(config)
			sendable := WithWriteOnly(&plan, &config)
			got, diags := Expand(context.Background(), &sendable)
			if diags.HasError() {
				t.Fatal(diags)
			}
			want, _ := Expand(context.Background(), ptr(fixture(t, name)))
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("expand (-plain +write-only):\n%s", diff)
			}
			if withoutValues, _ := Expand(context.Background(), &plan); reflect.DeepEqual(withoutValues, got) {
				t.Error("the plan alone expands to the same body: the write-only values did not come from the configuration")
			}
			if !reflect.DeepEqual(plan, planOf(config)) {
				t.Error("WithWriteOnly changed the plan it was given")
			}
		})
	}
}

func ptr[T any](v T) *T { return &v }

// Each row is one update from before to after (configurations); want is the
// PATCH body, without the type that every non-empty body names.
func TestUpdatePatchWithWriteOnlySecrets(t *testing.T) {
	auth := func(name string) []string { return []string{"kafka", "authentication", name} }
	kafkaWO := writeOnly(t, "kafka", 1)
	const kafkaAuth = `"mechanism":"SCRAM-256","username":"app","sslCertificate":"CERT"`
	tests := []struct {
		name          string
		before, after Model
		want          string
	}{
		{"nothing changed", kafkaWO, writeOnly(t, "kafka", 1), `{}`},
		{"a value changed without its version sends nothing", kafkaWO, setAttr(kafkaWO, str("rotated"), auth("password_wo")...), `{}`},
		{"a version change sends the object with the new value and the other secrets", kafkaWO,
			setAttr(setAttr(kafkaWO, str("rotated"), auth("password_wo")...), types.Int64Value(2), auth("password_wo_version")...),
			`{"authentication":{` + kafkaAuth + `,"password":"rotated","sslKey":"KEY","sslKeyPassword":"key-pass"}}`},
		{"a version change with the same value still sends it", kafkaWO, setAttr(kafkaWO, types.Int64Value(7), auth("ssl_key_wo_version")...),
			`{"authentication":{` + kafkaAuth + `,"password":"kafka-secret","sslKey":"KEY","sslKeyPassword":"key-pass"}}`},
		{"another field of the object sends the write-only values as configured", kafkaWO,
			setAttr(setAttr(kafkaWO, str("other"), auth("username")...), str("changed without a version"), auth("password_wo")...),
			`{"authentication":{"mechanism":"SCRAM-256","username":"other","password":"changed without a version","sslCertificate":"CERT","sslKey":"KEY","sslKeyPassword":"key-pass"}}`},
		{"another object sends no secret", kafkaWO, setAttr(kafkaWO, str("b3:9092"), "kafka", "bootstrap_servers"), `{"bootstrapServers":"b3:9092"}`},
		{"plain to write-only with the same value sends it", fixture(t, "kafka"),
			setAttr(setAttr(setAttr(fixture(t, "kafka"), str("kafka-secret"), auth("password_wo")...), types.Int64Value(1), auth("password_wo_version")...), types.StringNull(), auth("password")...),
			`{"authentication":{` + kafkaAuth + `,"password":"kafka-secret","sslKey":"KEY","sslKeyPassword":"key-pass"}}`},
		{"write-only to plain sends the plain value", writeOnly(t, "kafka", 3),
			setAttr(setAttr(setAttr(writeOnly(t, "kafka", 3), str("plain"), auth("password")...), types.StringNull(), auth("password_wo")...), types.Int64Null(), auth("password_wo_version")...),
			`{"authentication":{` + kafkaAuth + `,"password":"plain","sslKey":"KEY","sslKeyPassword":"key-pass"}}`},
		{"a removed write-only secret is cleared", kafkaWO,
			setAttr(setAttr(kafkaWO, types.StringNull(), auth("ssl_key_password_wo")...), types.Int64Null(), auth("ssl_key_password_wo_version")...),
			`{"authentication":{` + kafkaAuth + `,"password":"kafka-secret","sslKey":"KEY"}}`},
		{"headers version change", writeOnly(t, "https", 1),
			setAttr(setAttr(writeOnly(t, "https", 1), strMap("Authorization", "Bearer rotated"), "https", "headers_wo"), types.Int64Value(2), "https", "headers_wo_version"),
			`{"headers":{"Authorization":"Bearer rotated"}}`},
		{"headers changed without a version", writeOnly(t, "https", 1),
			setAttr(writeOnly(t, "https", 1), strMap("Authorization", "Bearer rotated"), "https", "headers_wo"), `{}`},
		{"write-only headers removed are cleared", writeOnly(t, "https", 1),
			setAttr(setAttr(writeOnly(t, "https", 1), types.MapNull(types.StringType), "https", "headers_wo"), types.Int64Null(), "https", "headers_wo_version"),
			`{"headers":{}}`},
		{"schema registry password version change sends what the schema requires", writeOnly(t, "schema_registry", 1),
			setAttr(setAttr(writeOnly(t, "schema_registry", 1), str("rotated"), "schema_registry", "authentication", "password_wo"), types.Int64Value(2), "schema_registry", "authentication", "password_wo_version"),
			`{"provider":"CONFLUENT","schemaRegistryUrls":["https://sr1.example.com","https://sr2.example.com"],"schemaRegistryAuthentication":{"type":"USER_INFO","username":"key","password":"rotated"}}`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			state, plan := planOf(tc.before), planOf(tc.after)
			p, diags := UpdatePatch(context.Background(), &state, &plan, &tc.after)
			if diags.HasError() {
				t.Fatal(diags)
			}
			want := decodeObject(t, tc.want)
			if len(want) > 0 {
				want["type"] = p["type"]
			}
			if got := decodeObject(t, patchJSON(t, p)); !reflect.DeepEqual(got, want) {
				t.Errorf("patch = %s\nwant    %s (plus type)", patchJSON(t, p), tc.want)
			}
			if !reflect.DeepEqual(state, planOf(tc.before)) || !reflect.DeepEqual(plan, planOf(tc.after)) {
				t.Error("UpdatePatch changed the state or plan it was given")
			}
		})
	}
}

// Flatten keeps both forms of every secret, and the versions, from prior:
// Atlas returns none of them.
func TestFlattenKeepsWriteOnlyFormsFromPrior(t *testing.T) {
	for _, name := range []string{"kafka", "https", "schema_registry"} {
		t.Run(name, func(t *testing.T) {
			prior := writeOnly(t, name, 4)
			answer := withoutSecrets(fixtureAPI(t, name))
			got, diags := Flatten(context.Background(), &answer, &prior)
			if diags.HasError() {
				t.Fatal(diags)
			}
			if diff := cmp.Diff(prior, got, connectiontest.CmpModels()); diff != "" {
				t.Errorf("flatten (-want +got):\n%s", diff)
			}
		})
	}
}

func fixtureAPI(t testing.TB, name string) (out client.StreamConnection) {
	t.Helper()
	for _, f := range fixtures() {
		if f.name == name {
			return f.api
		}
	}
	t.Fatalf("no fixture %q", name)
	return out
}

// A create whose answer was lost adopts what Atlas holds when it matches the
// plan; write-only secrets, which Atlas never shows, must not make it differ,
// and the secrets patch sent after adopting must carry them.
func TestAdoptingComparesWithoutWriteOnlySecrets(t *testing.T) {
	for _, name := range []string{"kafka", "https", "schema_registry"} {
		t.Run(name, func(t *testing.T) {
			config := writeOnly(t, name, 1)
			plan := planOf(config)
			sendable := WithWriteOnly(&plan, &config)
			want, diags := Expand(context.Background(), &sendable)
			if diags.HasError() {
				t.Fatal(diags)
			}
			existing := withoutSecrets(fixtureAPI(t, name))
			if fields, err := DifferingFields(context.Background(), &existing, want, &sendable); err != nil || len(fields) > 0 {
				t.Errorf("DifferingFields = %v, %v; want none", fields, err)
			}
			secrets, err := secretsPatch(want)
			if err != nil {
				t.Fatal(err)
			}
			wantSecrets, _ := secretsPatch(ptr(fixtureAPI(t, name)))
			if patchJSON(t, secrets) != patchJSON(t, wantSecrets) {
				t.Errorf("secrets patch = %s, want %s", patchJSON(t, secrets), patchJSON(t, wantSecrets))
			}
		})
	}
}

// The configuration is decoded only when the plan sets a write-only version:
// without one there is no write-only value to read.
func TestWriteOnlyConfigIsReadOnlyForWriteOnlyVersions(t *testing.T) {
	plain := fixture(t, "kafka")
	got, diags := WriteOnlyConfig(&plain, func() (*Model, diag.Diagnostics) {
		t.Error("the configuration was decoded for a plan without write-only versions")
		return nil, nil
	})
	if diags.HasError() || got != &plain {
		t.Errorf("without versions: got %p, %v; want the plan itself (%p)", got, diags, &plain)
	}

	config := writeOnly(t, "kafka", 1)
	plan := planOf(config)
	got, diags = WriteOnlyConfig(&plan, func() (*Model, diag.Diagnostics) { return &config, nil })
	if diags.HasError() {
		t.Fatal(diags)
	}
	if pw := attrAt(got.Kafka, "authentication", "password_wo"); !pw.Equal(str("kafka-secret")) {
		t.Errorf("password_wo read from the configuration = %v, want the configured value", pw)
	}
}
