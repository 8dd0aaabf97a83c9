package connection

import (
	"context"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

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
	public := &client.Networking{Access: &client.NetworkingAccess{Type: "PUBLIC"}}
	kafkaAnswer := client.StreamConnection{Name: "k", Type: client.TypeKafka, BootstrapServers: "b:9092", Networking: public}

	tests := map[string]struct {
		answer client.StreamConnection
		prior  Model
		check  func(t *testing.T, m Model)
	}{
		"kafka networking not configured stays null": {
			answer: kafkaAnswer,
			prior:  Model{Kafka: &KafkaModel{}},
			check: func(t *testing.T, m Model) {
				if m.Kafka.Networking != nil {
					t.Errorf("networking = %+v, want nil", m.Kafka.Networking)
				}
			},
		},
		"kafka networking configured as PUBLIC stays": {
			answer: kafkaAnswer,
			prior:  Model{Kafka: &KafkaModel{Networking: &networkingModel{Access: &networkingAccessModel{Type: str("PUBLIC")}}}},
			check: func(t *testing.T, m Model) {
				if m.Kafka.Networking == nil || m.Kafka.Networking.Access.Type.ValueString() != "PUBLIC" {
					t.Errorf("networking = %+v, want PUBLIC", m.Kafka.Networking)
				}
			},
		},
		"https headers are kept from prior, not read back": {
			answer: client.StreamConnection{Name: "h", Type: client.TypeHTTPS, URL: "https://x", Headers: map[string]string{"X": "changed outside"}},
			prior:  Model{HTTPS: &httpsModel{Headers: strMap("X", "configured")}},
			check: func(t *testing.T, m Model) {
				if !m.HTTPS.Headers.Equal(strMap("X", "configured")) {
					t.Errorf("headers = %v, want the configured ones", m.HTTPS.Headers)
				}
			},
		},
		"https headers Atlas shows without a prior stay null": {
			answer: client.StreamConnection{Name: "h", Type: client.TypeHTTPS, URL: "https://x", Headers: map[string]string{}},
			prior:  Model{},
			check: func(t *testing.T, m Model) {
				if !m.HTTPS.Headers.IsNull() {
					t.Errorf("headers = %v, want null", m.HTTPS.Headers)
				}
			},
		},
		"kafka config {} as configured stays {}": {
			answer: kafkaAnswer,
			prior:  Model{Kafka: &KafkaModel{Config: strMap()}},
			check: func(t *testing.T, m Model) {
				if m.Kafka.Config.IsNull() || len(m.Kafka.Config.Elements()) != 0 {
					t.Errorf("config = %v, want {}", m.Kafka.Config)
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
