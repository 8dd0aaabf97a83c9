package resource_stream_connection

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/atlasx/terraform-provider-atlasx/internal/client"
	"github.com/atlasx/terraform-provider-atlasx/internal/connection"
	"github.com/atlasx/terraform-provider-atlasx/internal/connection/connectiontest"
)

// officialFixtureDir holds state written by the mongodb/mongodbatlas
// provider: one connection of every type it supports (see its README.md).
var officialFixtureDir = filepath.Join("testdata", "official-provider")

const officialProject = "64b6f1f5c1a1b2c3d4e5f603"

// officialFixtureStates returns each resource's attributes (as JSON) from
// the fixture state, by resource name.
func officialFixtureStates(t *testing.T) map[string][]byte {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join(officialFixtureDir, "stream-connections-tfstate.json"))
	if err != nil {
		t.Fatal(err)
	}
	var state struct {
		Resources []struct {
			Type, Name string
			Instances  []struct {
				Attributes json.RawMessage `json:"attributes"`
			} `json:"instances"`
		} `json:"resources"`
	}
	if err := json.Unmarshal(raw, &state); err != nil {
		t.Fatal(err)
	}
	out := map[string][]byte{}
	for _, r := range state.Resources {
		if r.Type != connection.OfficialConnection.TypeName || len(r.Instances) != 1 {
			t.Fatalf("unexpected resource %s.%s in the fixture", r.Type, r.Name)
		}
		out[r.Name] = r.Instances[0].Attributes
	}
	return out
}

func move(t *testing.T, raw []byte) (resourceModel, error) {
	t.Helper()
	ctx := context.Background()
	m, diags := movedModel(ctx, raw, resourceSchema(ctx).TypeAtPath)
	if diags.HasError() {
		return m, errors.New(diags[0].Summary() + ": " + diags[0].Detail())
	}
	return m, nil
}

// object is a JSON object as the API spells it.
type object = map[string]any

// Every fixture connection maps onto the model that expands to the same
// connection, its secrets included; names and id come across in this
// resource's form.
func TestMoveEveryOfficialType(t *testing.T) {
	const role = "arn:aws:iam::123456789012:role/streams-"
	want := map[string]struct {
		workspace string
		api       client.StreamConnection
	}{
		"sample":           {"legacy", client.StreamConnection{Name: "sample_stream_solar", Type: client.TypeSample}},
		"by_instance_name": {"older", client.StreamConnection{Name: "sample_stream_solar", Type: client.TypeSample}},
		"cluster": {"legacy", client.StreamConnection{Name: "cluster", Type: client.TypeCluster, Settings: object{
			"clusterName": "Cluster0", "dbRoleToExecute": object{"role": "atlasAdmin", "type": "BUILT_IN"}}}},
		// The PUBLIC networking the official provider recorded is Atlas's default: left unset.
		"kafka": {"legacy", client.StreamConnection{Name: "kafka", Type: client.TypeKafka, Settings: object{
			"bootstrapServers": "k1.example.net:9092,k2.example.net:9092", "config": object{"auto.offset.reset": "earliest"},
			"authentication": object{"mechanism": "SCRAM-256", "username": "svc", "password": "fixture-kafka-password"},
			"security":       object{"protocol": "SASL_SSL"}}}},
		"kafka_oauth": {"legacy", client.StreamConnection{Name: "kafka_oauth", Type: client.TypeKafka, Settings: object{
			"bootstrapServers": "k1.example.net:9096",
			"authentication": object{"mechanism": "OAUTHBEARER", "method": "OIDC", "tokenEndpointUrl": "https://login.example.net/oauth2/token",
				"clientId": "streams", "clientSecret": "fixture-oidc-secret", "scope": "kafka"},
			"security":   object{"protocol": "SASL_SSL"},
			"networking": object{"access": object{"type": "PRIVATE_LINK", "connectionId": "65f1c2a4b9e8d7c6b5a49382"}}}}},
		"https": {"legacy", client.StreamConnection{Name: "https", Type: client.TypeHTTPS, Settings: object{
			"url": "https://sink.example.net/hook", "headers": object{"Authorization": "Bearer fixture-token"}}}},
		"lambda":  {"legacy", client.StreamConnection{Name: "lambda", Type: client.TypeAWSLambda, Settings: object{"aws": object{"roleArn": role + "lambda"}}}},
		"s3":      {"legacy", client.StreamConnection{Name: "s3", Type: client.TypeS3, Settings: object{"aws": object{"roleArn": role + "s3"}}}},
		"kinesis": {"legacy", client.StreamConnection{Name: "kinesis", Type: client.TypeAWSKinesisDataStreams, Settings: object{"aws": object{"roleArn": role + "kinesis"}}}},
		"registry": {"legacy", client.StreamConnection{Name: "registry", Type: client.TypeSchemaRegistry, Settings: object{
			"provider": "CONFLUENT", "schemaRegistryUrls": []any{"https://sr.example.net"},
			"schemaRegistryAuthentication": object{"type": "USER_INFO", "username": "key", "password": "fixture-registry-secret"}}}},
		"azure": {"legacy", client.StreamConnection{Name: "azure", Type: client.TypeAzureBlobStorage, Settings: object{
			"azure": object{"servicePrincipalId": "0f8fad5b-d9cb-469f-a165-70867728950e", "storageAccountName": "acct"}}}},
		"gcp": {"legacy", client.StreamConnection{Name: "gcp", Type: client.TypeGCPPubSub, Settings: object{"gcp": object{"serviceAccountId": "sa@proj.iam.gserviceaccount.com"}}}},
	}
	states := officialFixtureStates(t)
	if len(states) != len(want) {
		t.Fatalf("the fixture has %d connections, the test expects %d", len(states), len(want))
	}
	movedTypes := map[string]bool{}
	for name, raw := range states {
		t.Run(name, func(t *testing.T) {
			w, ok := want[name]
			if !ok {
				t.Fatalf("no expectation for fixture %s", name)
			}
			moved, err := move(t, raw)
			if err != nil {
				t.Fatal(err)
			}
			wantIDs := connection.Model{
				ID: types.StringValue(officialProject + "/" + w.workspace + "/" + w.api.Name), ProjectID: types.StringValue(officialProject),
				WorkspaceName: types.StringValue(w.workspace), ConnectionName: types.StringValue(w.api.Name),
			}
			gotIDs := connection.Model{ID: moved.ID, ProjectID: moved.ProjectID, WorkspaceName: moved.WorkspaceName, ConnectionName: moved.ConnectionName}
			if diff := cmp.Diff(wantIDs, gotIDs, connectiontest.CmpModels()); diff != "" {
				t.Errorf("names (-want +got):\n%s", diff)
			}
			for field, v := range map[string]interface{ IsNull() bool }{"connection_id": moved.ConnectionID, "state": moved.State, "region": moved.Region, "timeouts": moved.Timeouts} {
				if !v.IsNull() {
					t.Errorf("%s = %v, want null: the official state does not record it", field, v)
				}
			}
			if !moved.DeleteOnCreateTimeout.ValueBool() {
				t.Error("delete_on_create_timeout is not true")
			}
			got, diags := connection.Expand(context.Background(), &moved.Model)
			if diags.HasError() {
				t.Fatal(diags)
			}
			if diff := cmp.Diff(&w.api, got); diff != "" {
				t.Errorf("moved connection (-want +got):\n%s", diff)
			}
			movedTypes[got.Type] = true
		})
	}
	for _, f := range fixtures() {
		if !movedTypes[f.api.Type] {
			t.Errorf("no fixture connection of type %s was moved", f.api.Type)
		}
	}
}

// editedOfficial returns the fixture's Kafka state with attributes set
// (nil for null) or, for "authentication.<name>", one of its fields.
func editedOfficial(t *testing.T, edits map[string]any) []byte {
	t.Helper()
	var attrs map[string]any
	if err := json.Unmarshal(officialFixtureStates(t)["kafka"], &attrs); err != nil {
		t.Fatal(err)
	}
	for k, v := range edits {
		if nested, ok := strings.CutPrefix(k, "authentication."); ok {
			attrs["authentication"].(map[string]any)[nested] = v
		} else {
			attrs[k] = v
		}
	}
	raw, err := json.Marshal(attrs)
	if err != nil {
		t.Fatal(err)
	}
	return raw
}

func TestMoveRefusesWhatCannotBeMapped(t *testing.T) {
	privateLink := map[string]any{"access": map[string]any{"type": "PRIVATE_LINK", "connection_id": "65f1c2a4b9e8d7c6b5a49382"}}
	tests := []struct {
		name    string
		edits   map[string]any
		wantErr string
	}{
		{"unknown type", map[string]any{"type": "Telepathy"}, `its type "Telepathy" is not one atlasx_stream_connection knows`},
		{"another type's setting", map[string]any{"url": "https://example.net"}, `its attribute "url" is set, but a Kafka connection has no such setting`},
		{"an attribute this resource lacks", map[string]any{"brand_new": "x"}, `its attribute "brand_new" is set`},
		{"a nested attribute this resource lacks", map[string]any{"authentication.brand_new": "x"}, `no place for (authentication.brand_new)`},
		{"no workspace", map[string]any{"workspace_name": nil}, "neither workspace_name nor instance_name is set"},
		{"two workspaces", map[string]any{"instance_name": "other"}, `its workspace_name "legacy" and instance_name "other" differ`},
		{"bad project", map[string]any{"project_id": "x"}, `project_id "x" is not an Atlas project id`},
		{"networking on a type without it", map[string]any{"type": "Cluster", "cluster_name": "c", "bootstrap_servers": nil, "authentication": nil, "config": nil, "security": nil, "networking": privateLink}, `its attribute "networking" is set, but a Cluster connection`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := move(t, editedOfficial(t, tt.edits))
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("error = %v, want one containing %q", err, tt.wantErr)
			}
			if strings.Contains(err.Error(), "fixture-") {
				t.Errorf("the error shows a secret: %v", err)
			}
			if !strings.Contains(err.Error(), `"legacy-64b6f1f5c1a1b2c3d4e5f603-kafka"`) {
				t.Errorf("the error does not name the official id: %v", err)
			}
		})
	}
}

// Attributes the official schema may add later move as long as they are
// null, and the default public networking is dropped for any type.
func TestMoveAcceptsNullsAndDefaults(t *testing.T) {
	public := map[string]any{"access": map[string]any{"type": "PUBLIC", "connection_id": nil}}
	for name, edits := range map[string]map[string]any{
		"null unknown attribute":       {"brand_new": nil, "authentication.brand_new": nil},
		"public networking on cluster": {"type": "Cluster", "cluster_name": "c", "bootstrap_servers": nil, "authentication": nil, "config": nil, "security": nil, "networking": public},
		"timeouts":                     {"timeouts": map[string]any{"create": "1h", "update": nil, "delete": "5m"}},
		"all-null objects":             {"security": map[string]any{"protocol": nil, "broker_public_certificate": nil}, "timeouts": map[string]any{"create": nil}},
	} {
		t.Run(name, func(t *testing.T) {
			moved, err := move(t, editedOfficial(t, edits))
			if err != nil {
				t.Fatal(err)
			}
			if clusterName := moved.Cluster.Attributes()["cluster_name"]; !moved.Cluster.IsNull() && !clusterName.Equal(types.StringValue("c")) {
				t.Errorf("cluster_name = %v", clusterName)
			}
			if security := moved.Kafka.Attributes()["security"]; name == "all-null objects" && (!security.IsNull() || !moved.Timeouts.IsNull()) {
				t.Errorf("security = %v, timeouts = %v; want both unset", security, moved.Timeouts)
			}
			if name == "timeouts" {
				create, _ := moved.Timeouts.Create(context.Background(), 0)
				update, _ := moved.Timeouts.Update(context.Background(), 7)
				if create.Hours() != 1 || update != 7 {
					t.Errorf("timeouts create = %v, update = %v; want 1h and the default", create, update)
				}
			}
		})
	}
}

// Only the official resource moves, from either registry or the bare
// addresses some OpenTofu releases send; anything else is declined,
// leaving the CLI's own error.
func TestMoveStateSources(t *testing.T) {
	ctx := context.Background()
	raw := officialFixtureStates(t)["kafka"]
	tests := []struct {
		address, typeName string
		moves             bool
	}{
		{"registry.opentofu.org/mongodb/mongodbatlas", connection.OfficialConnection.TypeName, true},
		{"registry.terraform.io/mongodb/mongodbatlas", connection.OfficialConnection.TypeName, true},
		{"mongodb/mongodbatlas", connection.OfficialConnection.TypeName, true},
		{"mongodbatlas", connection.OfficialConnection.TypeName, true},
		{"registry.terraform.io/example/mongodbatlas", connection.OfficialConnection.TypeName, false},
		{"registry.terraform.io/mongodb/mongodbatlas", "mongodbatlas_stream_instance", false},
		{"registry.terraform.io/hashicorp/null", "null_resource", false},
	}
	r := &connectionResource{}
	var schemaResp resource.IdentitySchemaResponse
	r.IdentitySchema(ctx, resource.IdentitySchemaRequest{}, &schemaResp)
	for _, tt := range tests {
		t.Run(tt.address+" "+tt.typeName, func(t *testing.T) {
			targetSchema := resourceSchema(ctx)
			resp := &resource.MoveStateResponse{
				TargetState:    tfsdk.State{Schema: targetSchema, Raw: tftypes.NewValue(targetSchema.Type().TerraformType(ctx), nil)},
				TargetIdentity: &tfsdk.ResourceIdentity{Schema: schemaResp.IdentitySchema, Raw: tftypes.NewValue(schemaResp.IdentitySchema.Type().TerraformType(ctx), nil)},
			}
			movers := r.MoveState(ctx)
			if len(movers) != 1 {
				t.Fatalf("%d state movers, want 1", len(movers))
			}
			movers[0].StateMover(ctx, resource.MoveStateRequest{
				SourceProviderAddress: tt.address, SourceTypeName: tt.typeName, SourceRawState: &tfprotov6.RawState{JSON: raw},
			}, resp)
			if resp.Diagnostics.HasError() {
				t.Fatal(resp.Diagnostics)
			}
			if moved := !resp.TargetState.Raw.IsNull(); moved != tt.moves {
				t.Fatalf("moved = %v, want %v", moved, tt.moves)
			}
			if !tt.moves {
				return
			}
			var identity identityModel
			resp.Diagnostics.Append(resp.TargetIdentity.Get(ctx, &identity)...)
			if identity.ProjectID.ValueString() != officialProject || identity.WorkspaceName.ValueString() != "legacy" || identity.ConnectionName.ValueString() != "kafka" {
				t.Errorf("identity = %+v", identity)
			}
		})
	}
}
