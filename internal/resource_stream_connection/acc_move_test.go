package resource_stream_connection_test

import (
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/atlasx/terraform-provider-atlasx/internal/acctest"
	"github.com/atlasx/terraform-provider-atlasx/internal/emulator"
)

// The official provider's fixtures: its state and its resource's schema,
// written by mongodb/mongodbatlas (see testdata/official-provider/README.md).
var officialDir = filepath.Join("testdata", "official-provider")

const (
	officialProject = "64b6f1f5c1a1b2c3d4e5f603"
	officialType    = "mongodbatlas_stream_connection"
)

// officialConnection is one connection of the fixture state: its resource
// name there, its workspace, what Atlas holds (secrets included) and the
// atlasx configuration that describes it.
type officialConnection struct {
	resource, workspace string
	atlas               map[string]any
	hcl                 string
}

func officialConnections() []officialConnection {
	aws := func(role string) map[string]any {
		return map[string]any{"roleArn": "arn:aws:iam::123456789012:role/" + role}
	}
	return []officialConnection{
		{"sample", "legacy", map[string]any{"name": "sample_stream_solar", "type": "Sample"}, `sample = {}`},
		{"by_instance_name", "older", map[string]any{"name": "sample_stream_solar", "type": "Sample"}, `sample = {}`},
		{"cluster", "legacy", map[string]any{"name": "cluster", "type": "Cluster", "clusterName": "Cluster0", "dbRoleToExecute": map[string]any{"role": "atlasAdmin", "type": "BUILT_IN"}},
			`cluster = { cluster_name = "Cluster0", db_role_to_execute = { role = "atlasAdmin", type = "BUILT_IN" } }`},
		{"kafka", "legacy", map[string]any{"name": "kafka", "type": "Kafka", "bootstrapServers": "k1.example.net:9092,k2.example.net:9092",
			"config":         map[string]any{"auto.offset.reset": "earliest"},
			"authentication": map[string]any{"mechanism": "SCRAM-256", "username": "svc", "password": "fixture-kafka-password"},
			"security":       map[string]any{"protocol": "SASL_SSL"}}, `kafka = {
    bootstrap_servers = "k1.example.net:9092,k2.example.net:9092"
    config            = { "auto.offset.reset" = "earliest" }
    authentication    = { mechanism = "SCRAM-256", username = "svc", password = "fixture-kafka-password" }
    security          = { protocol = "SASL_SSL" }
  }`},
		{"kafka_oauth", "legacy", map[string]any{"name": "kafka_oauth", "type": "Kafka", "bootstrapServers": "k1.example.net:9096",
			"authentication": map[string]any{"mechanism": "OAUTHBEARER", "method": "OIDC", "tokenEndpointUrl": "https://login.example.net/oauth2/token",
				"clientId": "streams", "clientSecret": "fixture-oidc-secret", "scope": "kafka"},
			"security":   map[string]any{"protocol": "SASL_SSL"},
			"networking": map[string]any{"access": map[string]any{"type": "PRIVATE_LINK", "connectionId": "65f1c2a4b9e8d7c6b5a49382"}}}, `kafka = {
    bootstrap_servers = "k1.example.net:9096"
    authentication = {
      mechanism          = "OAUTHBEARER"
      method             = "OIDC"
      token_endpoint_url = "https://login.example.net/oauth2/token"
      client_id          = "streams"
      client_secret      = "fixture-oidc-secret"
      scope              = "kafka"
    }
    security   = { protocol = "SASL_SSL" }
    networking = { access = { type = "PRIVATE_LINK", connection_id = "65f1c2a4b9e8d7c6b5a49382" } }
  }`},
		{"https", "legacy", map[string]any{"name": "https", "type": "Https", "url": "https://sink.example.net/hook", "headers": map[string]any{"Authorization": "Bearer fixture-token"}},
			`https = { url = "https://sink.example.net/hook", headers = { Authorization = "Bearer fixture-token" } }`},
		{"lambda", "legacy", map[string]any{"name": "lambda", "type": "AWSLambda", "aws": aws("streams-lambda")},
			`aws_lambda = { role_arn = "arn:aws:iam::123456789012:role/streams-lambda" }`},
		{"s3", "legacy", map[string]any{"name": "s3", "type": "S3", "aws": aws("streams-s3")},
			`s3 = { role_arn = "arn:aws:iam::123456789012:role/streams-s3" }`},
		{"kinesis", "legacy", map[string]any{"name": "kinesis", "type": "AWSKinesisDataStreams", "aws": aws("streams-kinesis")},
			`aws_kinesis_data_streams = { role_arn = "arn:aws:iam::123456789012:role/streams-kinesis" }`},
		{"registry", "legacy", map[string]any{"name": "registry", "type": "SchemaRegistry", "provider": "CONFLUENT", "schemaRegistryUrls": []any{"https://sr.example.net"},
			"schemaRegistryAuthentication": map[string]any{"type": "USER_INFO", "username": "key", "password": "fixture-registry-secret"}}, `schema_registry = {
    provider       = "CONFLUENT"
    urls           = ["https://sr.example.net"]
    authentication = { type = "USER_INFO", username = "key", password = "fixture-registry-secret" }
  }`},
		{"azure", "legacy", map[string]any{"name": "azure", "type": "AzureBlobStorage", "azure": map[string]any{"servicePrincipalId": "0f8fad5b-d9cb-469f-a165-70867728950e", "storageAccountName": "acct"}},
			`azure_blob_storage = { service_principal_id = "0f8fad5b-d9cb-469f-a165-70867728950e", storage_account_name = "acct" }`},
		{"gcp", "legacy", map[string]any{"name": "gcp", "type": "GCPPubSub", "gcp": map[string]any{"serviceAccountId": "sa@proj.iam.gserviceaccount.com"}},
			`gcp_pubsub = { service_account_id = "sa@proj.iam.gserviceaccount.com" }`},
	}
}

// officialStandIn serves the official resource's schema under mongodb/mongodbatlas.
func officialStandIn(t *testing.T, source, typeName string) acctest.StandIn {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join(officialDir, "stream-connection-schema.json"))
	if err != nil {
		t.Fatal(err)
	}
	var schemas map[string]json.RawMessage
	if err := json.Unmarshal(raw, &schemas); err != nil {
		t.Fatal(err)
	}
	return acctest.StandIn{Source: source, Resources: map[string]json.RawMessage{typeName: schemas[officialType]}}
}

// officialWorkdir is an emulator holding the fixture's connections and a
// working directory holding the fixture's state, with the stand-in for the
// official provider; edit adjusts the state's text first. The fixture was
// written by OpenTofu, so its provider address names registry.opentofu.org:
// it is rewritten to the registry host of the CLI under test, which would
// otherwise try to install the provider from a registry it does not use.
func officialWorkdir(t *testing.T, standIn acctest.StandIn, edit func(state string) string) (*acctest.Env, *acctest.Workdir) {
	t.Helper()
	acctest.SkipUnlessCLI(t, "moving a resource from another provider", "1.8.0", "1.10.0")
	env := acctest.New(t)
	env.Emulator.GrantRole(env.Seed.ClientID, officialProject, emulator.RoleProjectOwner)
	for _, c := range officialConnections() {
		env.Emulator.AddWorkspace(officialProject, c.workspace, env.Seed.Region)
		if err := env.Emulator.PutConnection(officialProject, c.workspace, c.atlas); err != nil {
			t.Fatal(err)
		}
	}
	state, err := os.ReadFile(filepath.Join(officialDir, "stream-connections-tfstate.json"))
	if err != nil {
		t.Fatal(err)
	}
	w := env.Workdir(t)
	w.AddStandIn(standIn)
	w.WriteFile("terraform.tfstate", edit(onCLIHost(string(state))))
	return env, w
}

// onCLIHost names the official provider in state on the registry host of the
// CLI under test.
func onCLIHost(state string) string {
	return strings.ReplaceAll(state, fixtureSource, officialOnCLIHost())
}

// officialOnCLIHost is the official provider's address on the registry host
// of the CLI under test.
func officialOnCLIHost() string { return acctest.RegistryHost() + "/mongodb/mongodbatlas" }

// fixtureSource is the official provider's address in the fixture state.
const fixtureSource = "registry.opentofu.org/mongodb/mongodbatlas"

func unchanged(state string) string { return state }

// movedConfig is the atlasx configuration of every fixture connection, each
// moved from the official resource of the same name; edit adjusts one
// connection's settings by resource name.
func movedConfig(env *acctest.Env, edit map[string]func(hcl string) string) string {
	var b strings.Builder
	b.WriteString(env.ProviderBlock())
	for _, c := range officialConnections() {
		hcl := c.hcl
		if e := edit[c.resource]; e != nil {
			hcl = e(hcl)
		}
		fmt.Fprintf(&b, `
resource "atlasx_stream_connection" %[1]q {
  project_id      = %[2]q
  workspace_name  = %[3]q
  connection_name = %[4]q
  %[5]s
}

moved {
  from = %[6]s.%[1]s
  to   = atlasx_stream_connection.%[1]s
}
`, c.resource, officialProject, c.workspace, c.atlas["name"], hcl, officialType)
	}
	return b.String()
}

// plannedChange is one resource change of a saved plan, as `show -json` prints it.
type plannedChange struct {
	Address         string `json:"address"`
	PreviousAddress string `json:"previous_address"`
	Change          struct {
		Actions []string `json:"actions"`
	} `json:"change"`
}

// planMoves plans into a file and returns each resource's change by address;
// the plan's own output must show no secret.
func planMoves(t *testing.T, w *acctest.Workdir) map[string]plannedChange {
	t.Helper()
	r := w.MustRun("plan", "-no-color", "-input=false", "-out=tfplan")
	if strings.Contains(r.Output, "fixture-") {
		t.Errorf("the plan shows a secret:\n%s", r.Output)
	}
	shown := w.MustRun("show", "-json", "tfplan")
	var plan struct {
		ResourceChanges []plannedChange `json:"resource_changes"`
	}
	if err := json.Unmarshal([]byte(shown.Output), &plan); err != nil {
		t.Fatalf("reading the plan: %v", err)
	}
	changes := map[string]plannedChange{}
	for _, c := range plan.ResourceChanges {
		changes[c.Address] = c
	}
	return changes
}

// expectMoves checks that every fixture connection moves, with the action
// updated wants for the named ones and none for the rest.
func expectMoves(t *testing.T, changes map[string]plannedChange, updated ...string) {
	t.Helper()
	connections := officialConnections()
	if len(changes) != len(connections) {
		t.Errorf("the plan changes %d resources, want %d", len(changes), len(connections))
	}
	for _, c := range connections {
		got, ok := changes["atlasx_stream_connection."+c.resource]
		want := []string{"no-op"}
		if slices.Contains(updated, c.resource) {
			want = []string{"update"}
		}
		switch {
		case !ok:
			t.Errorf("the plan does not mention %s", c.resource)
		case got.PreviousAddress != officialType+"."+c.resource:
			t.Errorf("%s: previous address %q, want %s.%s", got.Address, got.PreviousAddress, officialType, c.resource)
		case !slices.Equal(got.Change.Actions, want):
			t.Errorf("%s: actions %v, want %v", got.Address, got.Change.Actions, want)
		}
	}
}

// Every fixture connection moves in one plan that changes nothing, the
// apply sends nothing to Atlas, the secrets are in state, and the next plan
// is empty.
func TestAccMoveFromOfficialProvider(t *testing.T) {
	t.Parallel()
	env, w := officialWorkdir(t, officialStandIn(t, "mongodb/mongodbatlas", officialType), unchanged)
	w.SetConfig(movedConfig(env, nil))
	w.MustRun("init", "-input=false", "-no-color")

	expectMoves(t, planMoves(t, w))
	env.Emulator.ResetCounts()
	w.MustRun("apply", "-no-color", "-input=false", "tfplan")
	if err := env.ExpectWrites(acctest.Writes{})(nil); err != nil {
		t.Error(err)
	}

	secrets := map[string]struct{ path, want string }{
		"kafka":       {"kafka.authentication.password", "fixture-kafka-password"},
		"kafka_oauth": {"kafka.authentication.client_secret", "fixture-oidc-secret"},
		"registry":    {"schema_registry.authentication.password", "fixture-registry-secret"},
		"https":       {"https.headers.Authorization", "Bearer fixture-token"},
	}
	resources := w.State()
	if len(resources) != len(officialConnections()) {
		t.Errorf("state holds %d resources, want %d", len(resources), len(officialConnections()))
	}
	for _, r := range resources {
		name := strings.TrimPrefix(r.Address, "atlasx_stream_connection.")
		if r.Type != "atlasx_stream_connection" {
			t.Errorf("state still holds %s", r.Address)
			continue
		}
		if got, want := r.Values["id"], fmt.Sprintf("%s/%s/%s", officialProject, r.Values["workspace_name"], r.Values["connection_name"]); got != want {
			t.Errorf("%s: id %v, want %s", r.Address, got, want)
		}
		if r.Values["state"] != "READY" || isEmpty(r.Values["connection_id"]) || r.Values["delete_on_create_timeout"] != true {
			t.Errorf("%s: state %v, connection_id %v, delete_on_create_timeout %v; want READY, Atlas's id and true",
				r.Address, r.Values["state"], r.Values["connection_id"], r.Values["delete_on_create_timeout"])
		}
		if s, ok := secrets[name]; ok {
			if got := valueAt(r.Values, s.path); got != s.want {
				t.Errorf("%s: %s is %q in state, want the official state's", r.Address, s.path, got)
			}
		}
	}

	expectMovedIdentities(t, w)
	if r := w.Run("plan", "-no-color", "-input=false", "-detailed-exitcode"); r.ExitCode != 0 {
		t.Errorf("the plan after the move is not empty:\n%s", r)
	}

	// Then the moved blocks and the official provider can go.
	w.WriteFile("providers.tf", `terraform {
  required_providers {
    atlasx = { source = "atlasx/atlasx" }
  }
}
`)
	config := withoutMovedBlocks(movedConfig(env, nil))
	if strings.Contains(config, "moved") {
		t.Fatalf("moved blocks left in:\n%s", config)
	}
	w.SetConfig(config)
	if r := w.Run("plan", "-no-color", "-input=false", "-detailed-exitcode"); r.ExitCode != 0 {
		t.Errorf("the plan without the official provider is not empty:\n%s", r)
	}
}

// withoutMovedBlocks drops the moved blocks of a configuration movedConfig wrote.
func withoutMovedBlocks(config string) string {
	return regexp.MustCompile(`(?m)^moved \{\n(?:  .*\n)*\}\n`).ReplaceAllString(config, "")
}

// expectMovedIdentities checks that the state file records each moved
// connection's identity (`show -json` does not print identities).
func expectMovedIdentities(t *testing.T, w *acctest.Workdir) {
	t.Helper()
	var state struct {
		Resources []struct {
			Name      string `json:"name"`
			Instances []struct {
				Identity map[string]string `json:"identity"`
			} `json:"instances"`
		} `json:"resources"`
	}
	if err := json.Unmarshal([]byte(w.ReadFile("terraform.tfstate")), &state); err != nil {
		t.Fatalf("reading the state file: %v", err)
	}
	want := map[string]map[string]string{}
	for _, c := range officialConnections() {
		want[c.resource] = map[string]string{"project_id": officialProject, "workspace_name": c.workspace, "connection_name": c.atlas["name"].(string)}
	}
	for _, r := range state.Resources {
		if len(r.Instances) != 1 || !maps.Equal(r.Instances[0].Identity, want[r.Name]) {
			t.Errorf("%s: identity %v, want %v", r.Name, r.Instances, want[r.Name])
		}
	}
}

// valueAt reads a dotted path of nested objects.
func valueAt(values map[string]any, dotted string) any {
	var v any = values
	for _, key := range strings.Split(dotted, ".") {
		m, _ := v.(map[string]any)
		v = m[key]
	}
	return v
}

// A connection whose configuration differs from what the official
// provider kept moves and is updated in place: one PATCH, secrets kept.
func TestAccMoveWithADifferenceUpdatesInPlace(t *testing.T) {
	t.Parallel()
	env, w := officialWorkdir(t, officialStandIn(t, "mongodb/mongodbatlas", officialType), unchanged)
	w.SetConfig(movedConfig(env, map[string]func(string) string{
		"kafka": func(hcl string) string { return strings.Replace(hcl, `"earliest"`, `"latest"`, 1) },
	}))
	w.MustRun("init", "-input=false", "-no-color")

	expectMoves(t, planMoves(t, w), "kafka")
	env.Emulator.ResetCounts()
	w.MustRun("apply", "-no-color", "-input=false", "tfplan")
	if err := env.ExpectWrites(acctest.Writes{Update: 1})(nil); err != nil {
		t.Error(err)
	}
	conn, _ := env.Emulator.Connection(officialProject, "legacy", "kafka")
	if config, _ := conn["config"].(map[string]any); config["auto.offset.reset"] != "latest" {
		t.Errorf("Atlas holds config %v, want auto.offset.reset = latest", conn["config"])
	}
	if auth, _ := conn["authentication"].(map[string]any); auth["password"] != "fixture-kafka-password" {
		t.Error("Atlas no longer holds the moved password")
	}
	if r := w.Run("plan", "-no-color", "-input=false", "-detailed-exitcode"); r.ExitCode != 0 {
		t.Errorf("the plan after the update is not empty:\n%s", r)
	}
}

// A resource of another provider is declined: the CLI reports that it
// cannot be moved, and nothing is written to Atlas.
func TestAccMoveFromAnotherProviderIsDeclined(t *testing.T) {
	t.Parallel()
	const otherType = "legacyx_stream_connection"
	env, w := officialWorkdir(t, officialStandIn(t, "example/legacyx", otherType), func(state string) string {
		return strings.NewReplacer(officialType, otherType, "/mongodb/mongodbatlas", "/example/legacyx").Replace(state)
	})
	w.SetConfig(strings.ReplaceAll(movedConfig(env, nil), "from = "+officialType, "from = "+otherType))
	w.MustRun("init", "-input=false", "-no-color")

	r := w.Run("plan", "-no-color", "-input=false")
	if r.ExitCode == 0 || !errorLike(`Unable to Move Resource State[\s\S]*does not include support for the given source resource`).MatchString(r.Output) {
		t.Errorf("want the CLI's error that the resource cannot be moved, got:\n%s", r.Errors())
	}
	if err := env.ExpectWrites(acctest.Writes{})(nil); err != nil {
		t.Error(err)
	}
}

// A state the mapping cannot take (here a type atlasx does not know) fails
// the plan with an error naming what is wrong, and nothing is written to Atlas.
func TestAccMoveOfUnknownTypeFails(t *testing.T) {
	t.Parallel()
	env, w := officialWorkdir(t, officialStandIn(t, "mongodb/mongodbatlas", officialType), func(state string) string {
		return strings.Replace(state, `"type": "GCPPubSub"`, `"type": "Telepathy"`, 1)
	})
	w.SetConfig(movedConfig(env, nil))
	w.MustRun("init", "-input=false", "-no-color")

	r := w.Run("plan", "-no-color", "-input=false")
	if r.ExitCode == 0 || !errorLike(`Cannot move mongodbatlas_stream_connection[\s\S]*"legacy-64b6f1f5c1a1b2c3d4e5f603-gcp"[\s\S]*its type "Telepathy" is not one`).MatchString(r.Output) {
		t.Errorf("want an error naming the unknown type, got:\n%s", r.Errors())
	}
	if strings.Contains(r.Output, "fixture-") {
		t.Errorf("the error output shows a secret:\n%s", r.Output)
	}
	if err := env.ExpectWrites(acctest.Writes{})(nil); err != nil {
		t.Error(err)
	}
}

// State written by Terraform names the provider on registry.terraform.io;
// it moves the same way when configuration requires the provider from there.
func TestAccMoveFromTerraformWrittenState(t *testing.T) {
	t.Parallel()
	const source = "registry.terraform.io/mongodb/mongodbatlas"
	env, w := officialWorkdir(t, officialStandIn(t, source, officialType), func(state string) string {
		return strings.ReplaceAll(state, officialOnCLIHost(), source)
	})
	w.SetConfig(movedConfig(env, nil))
	w.MustRun("init", "-input=false", "-no-color")
	expectMoves(t, planMoves(t, w))
}

// A move logs no secret: the move and its apply run with the provider's
// logs at TRACE (in a test binary of its own, since the log settings are
// read from the process environment), and no log holds a fixture secret.
// The CLI's own log is off: it is the CLI's, and it shows the source state.
func TestAccMoveLogsNoSecret(t *testing.T) {
	dir := os.Getenv(envTraceDir)
	if dir == "" {
		t.Parallel()
		acctest.SkipUnlessCLI(t, "moving a resource from another provider", "1.8.0", "1.10.0")
		dir = t.TempDir()
		cmd := exec.CommandContext(t.Context(), os.Args[0], "-test.run=^"+t.Name()+"$", "-test.v", "-test.timeout=5m")
		cmd.Env = append(os.Environ(), envTraceDir+"="+dir, "TF_LOG=TRACE", "TF_LOG_CORE=off",
			"TF_LOG_PATH_MASK="+filepath.Join(dir, "%s.log"), "TF_LOG_PROVIDER_ATLASX_CLIENT=TRACE")
		out, err := cmd.CombinedOutput()
		if err != nil || !strings.Contains(string(out), "--- PASS: "+t.Name()) {
			t.Fatalf("the traced run failed: %v\n%s", err, out)
		}
		if strings.Contains(string(out), "fixture-") {
			t.Error("the traced run printed a secret")
		}
		logs, err := os.ReadFile(filepath.Join(dir, t.Name()+".log"))
		switch {
		case err != nil:
			t.Fatalf("the provider wrote no log: %v", err)
		case !strings.Contains(string(logs), "MoveResourceState"):
			t.Error("the provider's log does not show the move")
		case strings.Contains(string(logs), "fixture-"):
			t.Error("the provider's log holds a secret")
		}
		return
	}
	env, w := officialWorkdir(t, officialStandIn(t, "mongodb/mongodbatlas", officialType), unchanged)
	w.SetConfig(movedConfig(env, nil))
	w.MustRun("init", "-input=false", "-no-color")
	w.MustRun("apply", "-auto-approve", "-input=false", "-no-color")
}
