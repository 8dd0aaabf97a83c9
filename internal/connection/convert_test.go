package connection

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/atlasx/terraform-provider-atlasx/internal/client"
	"github.com/atlasx/terraform-provider-atlasx/internal/connection/connectiontest"
)

func TestFixturesCoverEveryType(t *testing.T) {
	seen := map[string]bool{}
	for _, f := range fixtures() {
		seen[f.api.Type] = true
	}
	for _, ct := range connectionTypes {
		if !seen[ct.apiType] {
			t.Errorf("no fixture for type %s", ct.apiType)
		}
	}
}

// The examples between them set every field of the type table, so that
// expand, flatten, the PATCH diff and the contract tests that send them
// cover each: a field added to the table without an example value fails
// here, naming it. A field is named by its attribute path and its API path
// within its type, so one that several types share through one builder
// (networking, an AWS type's role) needs one example.
func TestExamplesSetEveryField(t *testing.T) {
	// unsettable are the fields that no configuration can set.
	unsettable := map[string]string{
		"networking.access.tgw_route_id (API publicPrivateNetworking.access.tgwRouteId)": "no type with publicPrivateNetworking has TRANSIT_GATEWAY access",
	}
	set := map[string]bool{}
	for _, c := range connectiontest.Examples() {
		walkFields(typeByAPIName(c.Type).fields, func(f field, parents []field) {
			name, apiPath := fieldName(parents, f)
			if _, ok := c.Setting(apiPath...); ok {
				set[name] = true
			}
		})
	}
	for _, ct := range connectionTypes {
		walkFields(ct.fields, func(f field, parents []field) {
			if name, _ := fieldName(parents, f); !set[name] && unsettable[name] == "" {
				t.Errorf("no example in connectiontest.Examples sets %s of %s: add a value for it", name, ct.apiType)
			}
		})
	}
}

// fieldName names f by its attribute path and its API path in its type's
// object, and returns the API path.
func fieldName(parents []field, f field) (string, []string) {
	var names, apiPath []string
	for _, p := range append(slices.Clip(parents), f) {
		names = append(names, p.name)
		apiPath = append(apiPath, p.apiPath()...)
	}
	return strings.Join(names, ".") + " (API " + strings.Join(apiPath, ".") + ")", apiPath
}

func TestExpandEveryType(t *testing.T) {
	for _, f := range fixtures() {
		t.Run(f.name, func(t *testing.T) {
			got, diags := Expand(context.Background(), &f.model)
			if diags.HasError() {
				t.Fatal(diags)
			}
			want := f.api
			want.ID, want.State = "", "" // read-only: never sent
			if diff := cmp.Diff(&want, got); diff != "" {
				t.Errorf("expand (-want +got):\n%s", diff)
			}
		})
	}
}

// Atlas never returns secrets: flattening its answer with the prior model
// must give back the prior model, secrets included.
func TestFlattenKeepsSecretsFromPrior(t *testing.T) {
	for _, f := range fixtures() {
		t.Run(f.name, func(t *testing.T) {
			answer := withoutSecrets(f.api)
			got, diags := Flatten(context.Background(), &answer, &f.model)
			if diags.HasError() {
				t.Fatal(diags)
			}
			if diff := cmp.Diff(f.model, got, connectiontest.CmpModels()); diff != "" {
				t.Errorf("flatten (-want +got):\n%s", diff)
			}
		})
	}
}

// On import there is no prior: every non-secret field comes from Atlas and
// every secret is null.
func TestFlattenOnImportHasNoSecrets(t *testing.T) {
	for _, f := range fixtures() {
		t.Run(f.name, func(t *testing.T) {
			answer := withoutSecrets(f.api)
			identity := Model{ProjectID: f.model.ProjectID, WorkspaceName: f.model.WorkspaceName}
			got, diags := Flatten(context.Background(), &answer, &identity)
			if diags.HasError() {
				t.Fatal(diags)
			}
			back, diags := Expand(context.Background(), &got)
			if diags.HasError() {
				t.Fatal(diags)
			}
			want := answer
			want.ID, want.State = "", ""
			if diff := cmp.Diff(&want, back); diff != "" {
				t.Errorf("imported connection (-want +got):\n%s", diff)
			}
		})
	}
}

func TestFlattenHidesServerDefaults(t *testing.T) {
	ctx := context.Background()
	public := map[string]any{"access": map[string]any{"type": "PUBLIC"}}
	kafkaAnswer := client.StreamConnection{Name: "k", Type: client.TypeKafka, Settings: map[string]any{"bootstrapServers": "b:9092", "networking": public}}

	tests := map[string]struct {
		answer client.StreamConnection
		prior  Model
		check  func(t *testing.T, m Model)
	}{
		"kafka networking not configured stays null": {
			answer: kafkaAnswer,
			prior:  Model{Kafka: typeObject("kafka", values{})},
			check: func(t *testing.T, m Model) {
				if n := attrAt(m.Kafka, "networking"); !n.IsNull() {
					t.Errorf("networking = %v, want null", n)
				}
			},
		},
		"kafka networking configured as PUBLIC stays": {
			answer: kafkaAnswer,
			prior:  Model{Kafka: typeObject("kafka", values{"networking": values{"access": values{"type": "PUBLIC"}}})},
			check: func(t *testing.T, m Model) {
				if v := attrAt(m.Kafka, "networking", "access", "type"); !v.Equal(str("PUBLIC")) {
					t.Errorf("networking.access.type = %v, want PUBLIC", v)
				}
			},
		},
		"https headers are kept from prior, not read back": {
			answer: client.StreamConnection{Name: "h", Type: client.TypeHTTPS, Settings: map[string]any{"url": "https://x", "headers": map[string]any{"X": "changed outside"}}},
			prior:  Model{HTTPS: typeObject("https", values{"headers": strMap("X", "configured")})},
			check: func(t *testing.T, m Model) {
				if h := attrAt(m.HTTPS, "headers"); !h.Equal(strMap("X", "configured")) {
					t.Errorf("headers = %v, want the configured ones", h)
				}
			},
		},
		"https headers Atlas shows without a prior stay null": {
			answer: client.StreamConnection{Name: "h", Type: client.TypeHTTPS, Settings: map[string]any{"url": "https://x", "headers": map[string]any{}}},
			prior:  Model{},
			check: func(t *testing.T, m Model) {
				if h := attrAt(m.HTTPS, "headers"); !h.IsNull() {
					t.Errorf("headers = %v, want null", h)
				}
			},
		},
		"kafka config {} as configured stays {}": {
			answer: kafkaAnswer,
			prior:  Model{Kafka: typeObject("kafka", values{"config": strMap()})},
			check: func(t *testing.T, m Model) {
				if c := attrAt(m.Kafka, "config").(types.Map); c.IsNull() || len(c.Elements()) != 0 {
					t.Errorf("config = %v, want {}", c)
				}
			},
		},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			got, diags := Flatten(ctx, &tc.answer, &tc.prior)
			if diags.HasError() {
				t.Fatal(diags)
			}
			tc.check(t, got)
		})
	}
}

// attrAt is the attribute at path in o.
func attrAt(o types.Object, path ...string) attr.Value {
	var v attr.Value = o
	for _, name := range path {
		v = v.(types.Object).Attributes()[name]
	}
	return v
}

// The client decodes a type's settings as they come; a value of another
// JSON type than its field's is a clear error naming the field, not a null.
func TestFlattenNamesAFieldOfTheWrongType(t *testing.T) {
	tests := map[string]struct {
		settings map[string]any
		want     string
	}{
		"number in a string map": {map[string]any{"bootstrapServers": "b:9092", "config": map[string]any{"retries": 3.0}},
			`field "config.retries" holds a JSON number where a map of strings was expected`},
		"array where an object belongs": {map[string]any{"bootstrapServers": "b:9092", "authentication": []any{}},
			`field "authentication" holds a JSON array where an object was expected`},
		"number where a string belongs, nested": {map[string]any{"bootstrapServers": "b:9092", "security": map[string]any{"protocol": 7.0}},
			`field "security.protocol" holds a JSON number where a string was expected`},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			_, diags := Flatten(context.Background(), &client.StreamConnection{Name: "orders", Type: client.TypeKafka, Settings: tc.settings}, nil)
			if !diags.HasError() || !strings.Contains(diags[0].Detail(), tc.want) || !strings.Contains(diags[0].Detail(), `"orders"`) {
				t.Fatalf("diags = %v, want an error naming the connection and saying %s", diags, tc.want)
			}
		})
	}
}

func TestFlattenUnknownTypeIsAClearError(t *testing.T) {
	_, diags := Flatten(context.Background(), &client.StreamConnection{Name: "x", Type: "Carrier Pigeon"}, nil)
	if !diags.HasError() || !strings.Contains(diags[0].Detail(), `"Carrier Pigeon"`) {
		t.Fatalf("diags = %v, want an error naming the type", diags)
	}
}

func TestExpandWithoutTypeIsAnError(t *testing.T) {
	_, diags := Expand(context.Background(), &Model{ConnectionName: str("x")})
	if !diags.HasError() {
		t.Fatal("want an error when no type is set")
	}
}

// cmpModels compares framework values by meaning; their fields are unexported.
