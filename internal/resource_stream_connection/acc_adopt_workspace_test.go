package resource_stream_connection_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/atlasx/terraform-provider-atlasx/internal/acctest"
	"github.com/atlasx/terraform-provider-atlasx/internal/emulator"
	"github.com/atlasx/terraform-provider-atlasx/internal/repo"
)

// handMade is a workspace as people and other tools leave it: one connection
// of every type (Kafka three times: SCRAM, mutual TLS, OIDC), secrets
// included, as Atlas holds them. Two names are not valid resource names.
var handMade = []map[string]any{
	{"name": "sample_stream_solar", "type": "Sample"},
	{"name": "cluster", "type": "Cluster", "clusterName": "c0", "dbRoleToExecute": map[string]any{"role": "atlasAdmin", "type": "BUILT_IN"}},
	{"name": "kafka", "type": "Kafka", "bootstrapServers": "b1.example.com:9092,b2.example.com:9092",
		"config":         map[string]any{"auto.offset.reset": "earliest"},
		"authentication": map[string]any{"mechanism": "SCRAM-256", "username": "app", "password": "made-by-hand"},
		"security":       map[string]any{"protocol": "SASL_SSL"}},
	{"name": "kafka.mtls", "type": "Kafka", "bootstrapServers": "b1.example.com:9093",
		"authentication": map[string]any{"sslCertificate": "CERT", "sslKey": "made-by-hand", "sslKeyPassword": "made-by-hand"},
		"security":       map[string]any{"protocol": "SSL", "brokerPublicCertificate": "CA"}},
	{"name": "7-oidc", "type": "Kafka", "bootstrapServers": "b1.example.com:9096",
		"authentication": map[string]any{"mechanism": "OAUTHBEARER", "method": "OIDC", "tokenEndpointUrl": "https://login.example.com/token",
			"clientId": "atlas", "clientSecret": "made-by-hand", "scope": "kafka"},
		"security":   map[string]any{"protocol": "SASL_SSL"},
		"networking": map[string]any{"access": map[string]any{"type": "PRIVATE_LINK", "connectionId": "65f1c2a4b9e8d7c6b5a49382"}}},
	{"name": "https", "type": "Https", "url": "https://example.com/hook", "headers": map[string]any{"Authorization": "made-by-hand"}},
	{"name": "lambda", "type": "AWSLambda", "aws": map[string]any{"roleArn": "arn:aws:iam::123456789012:role/streams"}},
	{"name": "s3", "type": "S3", "aws": map[string]any{"roleArn": "arn:aws:iam::123456789012:role/streams", "testBucket": "probe"}},
	{"name": "kinesis", "type": "AWSKinesisDataStreams", "aws": map[string]any{"roleArn": "arn:aws:iam::123456789012:role/streams"}},
	{"name": "registry", "type": "SchemaRegistry", "provider": "CONFLUENT", "schemaRegistryUrls": []any{"https://sr.example.com"},
		"schemaRegistryAuthentication": map[string]any{"type": "USER_INFO", "username": "key", "password": "made-by-hand"}},
	{"name": "azure", "type": "AzureBlobStorage", "azure": map[string]any{"servicePrincipalId": "sp", "storageAccountName": "acct", "region": "eastus"},
		"publicPrivateNetworking": map[string]any{"access": map[string]any{"type": "PRIVATE_LINK", "connectionId": "65f1c2a4b9e8d7c6b5a49382"}}},
	{"name": "gcp", "type": "GCPPubSub", "gcp": map[string]any{"serviceAccountId": "sa@project.iam.gserviceaccount.com"}},
}

// filledSecret is one secret the user fills into the generated configuration.
type filledSecret struct {
	resource, attribute string
	value               string // HCL
	required            string // the error the plan gives until it is filled in; "" when optional
	inAtlas             func(conn map[string]any) any
}

func field(path ...string) func(map[string]any) any {
	return func(conn map[string]any) any {
		var v any = conn
		for _, p := range path {
			m, _ := v.(map[string]any)
			v = m[p]
		}
		return v
	}
}

var adoptedSecrets = []filledSecret{
	{"kafka", "password", `var.secrets["kafka_password"]`, "kafka.authentication.password is missing", field("authentication", "password")},
	{"kafka_mtls", "ssl_key", `var.secrets["mtls_key"]`, "kafka.authentication.ssl_key is missing", field("authentication", "sslKey")},
	{"kafka_mtls", "ssl_key_password", `var.secrets["mtls_key_password"]`, "", field("authentication", "sslKeyPassword")},
	{"_7-oidc", "client_secret", `var.secrets["oidc_client_secret"]`, "kafka.authentication.client_secret is missing", field("authentication", "clientSecret")},
	{"https", "headers", `{ Authorization = var.secrets["hook_authorization"] }`, "", field("headers", "Authorization")},
	{"registry", "password", `var.secrets["registry_password"]`, "schema_registry.authentication.password is missing", field("schemaRegistryAuthentication", "password")},
}

// secretValues are the secrets' values, as a .tfvars file gives them.
var secretValues = map[string]string{
	"kafka_password": "kafka-from-vars", "mtls_key": "key-from-vars", "mtls_key_password": "key-password-from-vars",
	"oidc_client_secret": "oidc-from-vars", "hook_authorization": "Bearer hook-from-vars", "registry_password": "registry-from-vars",
}

// The guide's workflow adopts a whole workspace: the discovery example
// writes one import block per connection, -generate-config-out writes valid
// configuration for every type, the plan then names each secret to fill in,
// and once they are filled the plan is imports only plus one update per
// connection whose secrets must be sent; the apply sends exactly those.
func TestAccAdoptAWorkspace(t *testing.T) {
	t.Parallel()
	env := acctest.New(t)
	for _, conn := range handMade {
		if err := env.Emulator.PutConnection(env.Seed.ProjectID, env.Seed.Workspace, conn); err != nil {
			t.Fatal(err)
		}
	}
	discover := env.Workdir(t)
	discover.SetConfig(env.ProviderBlock() + readExample(t, "guides/adopting-a-workspace/discover.tf"))
	discover.MustRun("init", "-input=false", "-no-color")
	vars := []string{"-var", "project_id=" + env.Seed.ProjectID, "-var", "workspace_name=" + env.Seed.Workspace}
	discover.MustRun(append([]string{"apply", "-auto-approve", "-input=false", "-no-color"}, vars...)...)
	imports := discover.MustRun("output", "-raw", "import_blocks").Output

	dir := env.Workdir(t)
	dir.SetConfig(env.ProviderBlock())
	dir.WriteFile("imports.tf", imports)
	dir.MustRun("init", "-input=false", "-no-color")
	env.Emulator.ResetCounts()
	generated := dir.Run("plan", "-generate-config-out=connections.tf", "-input=false", "-no-color")
	checkOnlySecretsMissing(t, generated)

	config := dir.ReadFile("connections.tf")
	if got := strings.Count(config, `resource "atlasx_stream_connection"`); got != len(handMade) {
		t.Fatalf("connections.tf has %d resources, want %d:\n%s", got, len(handMade), config)
	}
	for _, s := range adoptedSecrets {
		config = fillSecret(t, config, s)
	}
	dir.WriteFile("connections.tf", config)
	dir.WriteFile("secrets.tf", "variable \"secrets\" {\n  type      = map(string)\n  sensitive = true\n}\n")
	dir.WriteFile("terraform.tfvars", "secrets = "+hclMap(secretValues)+"\n")
	dir.MustRun("validate", "-no-color")

	plan := dir.MustRun("plan", "-out=tfplan", "-input=false", "-no-color")
	checkAdoptionPlan(t, dir, len(handMade), updatedResources())
	applied := dir.MustRun("apply", "-input=false", "-no-color", "tfplan")
	for _, r := range []acctest.Result{generated, plan, applied} {
		for _, v := range secretValues {
			if strings.Contains(r.Output, v) {
				t.Errorf("a secret shows in the output of %v", r.Args)
			}
		}
	}
	if n := env.Emulator.Count(http.MethodPost, emulator.RouteConnections) + env.Emulator.Count(http.MethodDelete, emulator.RouteConnection); n != 0 {
		t.Errorf("adopting sent %d creates or deletes, want none", n)
	}
	if got, want := env.Emulator.Count(http.MethodPatch, emulator.RouteConnection), len(updatedResources()); got != want {
		t.Errorf("adopting sent %d updates, want %d (one per connection with secrets)", got, want)
	}
	for _, s := range adoptedSecrets {
		conn, _ := env.Emulator.Connection(env.Seed.ProjectID, env.Seed.Workspace, connectionNamed(s.resource))
		if want := secretValues[secretKey(s.value)]; s.inAtlas(conn) != want {
			t.Errorf("%s: Atlas does not hold the configured %s", s.resource, s.attribute)
		}
	}
	if r := dir.Run("plan", "-detailed-exitcode", "-input=false", "-no-color"); r.ExitCode != 0 {
		t.Errorf("the plan after adopting is not empty:\n%s", r)
	}
	dir.MustRun("destroy", "-auto-approve", "-input=false", "-no-color")
	if err := env.CheckNothingLeft(nil); err != nil {
		t.Error(err)
	}
}

func readExample(t *testing.T, name string) string {
	t.Helper()
	root, err := repo.Root()
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join(root, "examples", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

var diagnosticAddress = regexp.MustCompile(`with (atlasx_stream_connection\.\S+),`)

// checkOnlySecretsMissing checks that the plan that generated configuration
// failed only for the required secrets, each error naming its resource and
// attribute: the generated configuration is otherwise valid.
func checkOnlySecretsMissing(t *testing.T, r acctest.Result) {
	t.Helper()
	if r.ExitCode == 0 {
		t.Fatalf("the plan succeeded without the secrets:\n%s", r)
	}
	want := map[string]string{}
	for _, s := range adoptedSecrets {
		if s.required != "" {
			want["atlasx_stream_connection."+s.resource] = s.required
		}
	}
	errs := strings.Split(r.Output, "\nError: ")[1:]
	for _, e := range errs {
		address := diagnosticAddress.FindStringSubmatch(e)
		if address == nil || !strings.Contains(strings.Join(strings.Fields(e), " "), want[address[1]]) || want[address[1]] == "" {
			t.Errorf("unexpected error after generating configuration:\nError: %s", e)
			continue
		}
		delete(want, address[1])
	}
	for address, detail := range want {
		t.Errorf("no error for %s: want %q", address, detail)
	}
	if t.Failed() {
		t.Fatalf("generated configuration:\n%s", r)
	}
}

// fillSecret replaces, inside one generated resource block, the null the
// CLI wrote for a secret with s's value, as a user does.
func fillSecret(t *testing.T, config string, s filledSecret) string {
	t.Helper()
	start := strings.Index(config, fmt.Sprintf("resource \"atlasx_stream_connection\" %q {", s.resource))
	if start < 0 {
		t.Fatalf("no resource %s in the generated configuration", s.resource)
	}
	end := start + strings.Index(config[start:], "\n}\n")
	null := regexp.MustCompile(`(\n\s*` + s.attribute + `\s*=\s*)null # sensitive\n`)
	block := config[start:end]
	if !null.MatchString(block) {
		t.Fatalf("resource %s has no null %s to fill in:\n%s", s.resource, s.attribute, block)
	}
	return config[:start] + null.ReplaceAllString(block, "${1}"+s.value+"\n") + config[end:]
}

// updatedResources are the resources whose secrets the apply must send.
func updatedResources() []string {
	var out []string
	for _, s := range adoptedSecrets {
		if address := "atlasx_stream_connection." + s.resource; !slices.Contains(out, address) {
			out = append(out, address)
		}
	}
	slices.Sort(out)
	return out
}

// checkAdoptionPlan reads the saved plan: all wantImported connections are
// imported, the ones in wantUpdated (sorted) are updated in place, only in
// their sensitive values (the secrets filled in), and nothing else changes.
func checkAdoptionPlan(t *testing.T, dir *acctest.Workdir, wantImported int, wantUpdated []string) {
	t.Helper()
	var plan struct {
		ResourceChanges []struct {
			Address string `json:"address"`
			Change  struct {
				Actions        []string        `json:"actions"`
				Importing      json.RawMessage `json:"importing"`
				Before         any             `json:"before"`
				After          any             `json:"after"`
				AfterSensitive any             `json:"after_sensitive"`
			} `json:"change"`
		} `json:"resource_changes"`
	}
	shown := dir.MustRun("show", "-json", "tfplan")
	if err := json.Unmarshal([]byte(shown.Output), &plan); err != nil {
		t.Fatalf("reading the plan: %v", err)
	}
	var imported, updated []string
	for _, rc := range plan.ResourceChanges {
		if len(rc.Change.Importing) > 0 {
			imported = append(imported, rc.Address)
		}
		switch action := strings.Join(rc.Change.Actions, ","); action {
		case "no-op":
		case "update":
			updated = append(updated, rc.Address)
			if before, after := withoutSensitive(rc.Change.Before, rc.Change.AfterSensitive), withoutSensitive(rc.Change.After, rc.Change.AfterSensitive); canonicalJSON(before) != canonicalJSON(after) {
				t.Errorf("%s: the update changes more than its secrets:\nbefore %s\nafter  %s", rc.Address, canonicalJSON(before), canonicalJSON(after))
			}
		default:
			t.Errorf("%s: planned %s, want only imports and updates", rc.Address, action)
		}
	}
	slices.Sort(updated)
	if len(imported) != wantImported || len(plan.ResourceChanges) != wantImported {
		t.Errorf("the plan imports %d of %d changes, want all %d connections imported", len(imported), len(plan.ResourceChanges), wantImported)
	}
	if !slices.Equal(updated, wantUpdated) {
		t.Errorf("the plan updates %v, want %v", updated, wantUpdated)
	}
}

// withoutSensitive is value with every part that sensitive (a plan's
// after_sensitive) marks true left out.
func withoutSensitive(value, sensitive any) any {
	if sensitive == true {
		return nil
	}
	switch v := value.(type) {
	case map[string]any:
		marks, _ := sensitive.(map[string]any)
		out := map[string]any{}
		for k, child := range v {
			if kept := withoutSensitive(child, marks[k]); kept != nil {
				out[k] = kept
			}
		}
		return out
	case []any:
		marks, _ := sensitive.([]any)
		out := make([]any, len(v))
		for i, child := range v {
			var mark any
			if i < len(marks) {
				mark = marks[i]
			}
			out[i] = withoutSensitive(child, mark)
		}
		return out
	}
	return value
}

// connectionNamed inverts the discovery example's resource names for the
// names handMade uses.
func connectionNamed(resource string) string {
	return strings.NewReplacer("kafka_mtls", "kafka.mtls", "_7-oidc", "7-oidc").Replace(resource)
}

// secretKey is the key a secret's value expression reads from var.secrets.
func secretKey(value string) string {
	return regexp.MustCompile(`var\.secrets\["([^"]+)"\]`).FindStringSubmatch(value)[1]
}

func hclMap(m map[string]string) string {
	var b strings.Builder
	b.WriteString("{\n")
	for k, v := range m {
		fmt.Fprintf(&b, "  %s = %q\n", k, v)
	}
	b.WriteString("}")
	return b.String()
}
