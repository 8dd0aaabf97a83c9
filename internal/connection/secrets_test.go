package connection

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"

	"github.com/atlasx/terraform-provider-atlasx/internal/client"
	"github.com/atlasx/terraform-provider-atlasx/internal/contract"
)

// Every attribute the schema marks Sensitive is a row of the secret table,
// in one of its three forms, and every row is in the schema.
func TestSecretTableCoversEverySensitiveAttribute(t *testing.T) {
	resourceSchema := testSchema()
	var sensitive []string
	var walk func(prefix string, attrs map[string]schema.Attribute)
	walk = func(prefix string, attrs map[string]schema.Attribute) {
		for name, a := range attrs {
			if a.IsSensitive() {
				sensitive = append(sensitive, prefix+name)
			}
			if nested, ok := a.(schema.SingleNestedAttribute); ok {
				walk(prefix+name+".", nested.Attributes)
			}
		}
	}
	walk("", resourceSchema.Attributes)
	var listed []string
	for _, s := range connectionSecrets {
		listed = append(listed, s.path(), s.path()+writeOnlySuffix)
	}
	slices.Sort(sensitive)
	slices.Sort(listed)
	if !slices.Equal(sensitive, listed) {
		t.Errorf("Sensitive attributes %v, secret table %v", sensitive, listed)
	}
}

// Every field the OpenAPI excerpt marks writeOnly in a connection's schemas
// is a key of the client's secret table.
func TestSecretTableCoversEveryWriteOnlyField(t *testing.T) {
	path, err := contract.SpecPath()
	if errors.Is(err, contract.ErrNoSpec) {
		t.Skipf("no OpenAPI excerpt to check against: %v", err)
	}
	if err != nil {
		t.Fatal(err)
	}
	doc, err := openapi3.NewLoader().LoadFromFile(path)
	if err != nil {
		t.Fatal(err)
	}
	keys := map[string]bool{}
	for _, s := range client.ConnectionSecrets {
		keys[s.Key] = true
	}
	found := 0
	for schemaName, ref := range doc.Components.Schemas {
		if !strings.Contains(schemaName, "Kafka") && !strings.Contains(schemaName, "Confluent") && !strings.Contains(schemaName, "SchemaRegistry") {
			continue
		}
		for _, s := range append([]*openapi3.SchemaRef{ref}, ref.Value.AllOf...) {
			for field, prop := range s.Value.Properties {
				if prop.Value != nil && prop.Value.WriteOnly {
					found++
					if !keys[field] {
						t.Errorf("%s.%s is writeOnly in the API but not in client.ConnectionSecrets", schemaName, field)
					}
				}
			}
		}
	}
	if found == 0 {
		t.Error("the excerpt marks no field writeOnly: the check reads the wrong schemas")
	}
}

// Each secret field names a client secret of its type, and each client
// secret of a connection type is a secret field.
func TestSecretTableKeyedOnClientRows(t *testing.T) {
	if len(connectionSecrets) != len(client.ConnectionSecrets) {
		t.Errorf("%d secret fields for %d client secrets", len(connectionSecrets), len(client.ConnectionSecrets))
	}
	for _, s := range connectionSecrets {
		if s.api.Type != s.t.apiType || s.api.Map != (s.field.kind == kindStringMap) {
			t.Errorf("%s: the client's row %+v is of another type or kind", s.path(), s.api)
		}
	}
}
