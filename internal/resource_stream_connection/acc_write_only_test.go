package resource_stream_connection_test

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/atlasx/terraform-provider-atlasx/internal/acctest"
	"github.com/atlasx/terraform-provider-atlasx/internal/repo"
)

// cliHasWriteOnly reports whether the CLI under test accepts write-only
// attributes and ephemeral variables, and its version.
func cliHasWriteOnly(t *testing.T) (bool, string) {
	t.Helper()
	ok, version, err := repo.HasWriteOnly(os.Getenv("TF_ACC_TERRAFORM_PATH"))
	if err != nil {
		t.Fatal(err)
	}
	return ok, version
}

// The plain form works with every CLI; the write-only form with the CLIs
// that support it, and with an older one (Terraform 1.5.7) it is refused at
// plan time with the framework's message, before any request.
func TestAccWriteOnlyAcrossCLIs(t *testing.T) {
	t.Parallel()
	env := acctest.New(t)
	hasWriteOnly, version := cliHasWriteOnly(t)
	config := func(password string) string {
		return env.Config(`
resource "atlasx_stream_connection" "test" {
  project_id      = "%[project]"
  workspace_name  = "%[workspace]"
  connection_name = "orders"
  kafka = {
    bootstrap_servers = "b1.example.com:9092"
    authentication    = { mechanism = "SCRAM-256", username = "app", ` + password + ` }
  }
}
`)
	}
	storedPassword := func(want string) resource.TestCheckFunc {
		return func(*terraform.State) error {
			conn, _ := env.Emulator.Connection(env.Seed.ProjectID, env.Seed.Workspace, "orders")
			if got := conn["authentication"].(map[string]any)["password"]; got != want {
				return fmt.Errorf("Atlas holds password %v, want %q", got, want)
			}
			return nil
		}
	}
	steps := []resource.TestStep{{
		Config: config(`password = "plain-1"`),
		Check:  resource.ComposeTestCheckFunc(env.ExpectWrites(acctest.Writes{Create: 1}), storedPassword("plain-1")),
	}}
	writeOnly := config(`password_wo = "write-only-1", password_wo_version = 1`)
	if hasWriteOnly {
		steps = append(steps, resource.TestStep{
			Config: writeOnly,
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction(address, plancheck.ResourceActionUpdate),
				plancheck.ExpectKnownValue(address, attributePath("kafka.authentication.password_wo"), knownvalue.Null()),
			}},
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(address, attributePath("kafka.authentication.password"), knownvalue.Null()),
				statecheck.ExpectKnownValue(address, attributePath("kafka.authentication.password_wo"), knownvalue.Null()),
				statecheck.ExpectKnownValue(address, attributePath("kafka.authentication.password_wo_version"), knownvalue.Int64Exact(1)),
			},
			Check: resource.ComposeTestCheckFunc(env.ExpectWrites(acctest.Writes{Update: 1}), storedPassword("write-only-1")),
		})
	} else {
		t.Logf("%s has no write-only attributes (they need %s): the write-only form must be refused", version, repo.WriteOnlyCLI)
		steps = append(steps,
			resource.TestStep{
				Config:      writeOnly,
				ExpectError: errorLike(`kafka\.authentication\.password_wo[\s\S]*Write-only attributes are only supported in Terraform 1.11 and later`),
			},
			resource.TestStep{
				// Nothing was sent: Atlas holds the plain password.
				Config:           config(`password = "plain-1"`),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
				Check:            resource.ComposeTestCheckFunc(env.ExpectWrites(acctest.Writes{}), storedPassword("plain-1")),
			})
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		CheckDestroy:             env.CheckNothingLeft,
		Steps:                    steps,
	})
}

// writeOnlySecrets are the values the write-only lifecycle passes in
// ephemeral variables, by variable, in one of two versions; movingPassword
// is the plain password a connection starts with before moving to the
// write-only form.
func writeOnlySecrets(version string) map[string]secret {
	return map[string]secret{
		"kafka_password":     {`wo"`, "WOKAFKAPASSWORD" + version, `<&>`},
		"ssl_key":            {"-----BEGIN PRIVATE KEY-----\n", "WOSSLKEY" + version, "\n-----END PRIVATE KEY-----\n"},
		"ssl_key_password":   {"", "WOSSLKEYPASSWORD" + version, "\t!"},
		"oidc_client_secret": {`cs\`, "WOOIDCSECRET" + version, `'${x}`},
		"registry_password":  {"reg<>", "WOREGISTRYPASSWORD" + version, ""},
		"authorization":      {"Bearer ", "WOHEADERTOKEN" + version, ""},
	}
}

var movingPassword = secret{"", "WOMOVINGPLAINPASSWORD", "#"}

// writeOnlyConfig has one connection of each kind that holds a secret, every
// secret write-only from an ephemeral variable, with the versions given
// (kafka password, the rest); "moving" holds its password in the form given.
func writeOnlyConfig(env *acctest.Env, kafkaPasswordVersion, version int, movingPassword string) string {
	var variables strings.Builder
	for name := range writeOnlySecrets("") {
		fmt.Fprintf(&variables, "variable %q {\n  type      = string\n  ephemeral = true\n}\n", name)
	}
	return variables.String() + `
variable "moving_password" {
  type = string
}
` + env.Config(fmt.Sprintf(`
resource "atlasx_stream_connection" "sasl_mtls" {
  project_id      = "%%[project]"
  workspace_name  = "%%[workspace]"
  connection_name = "sasl-mtls"
  kafka = {
    bootstrap_servers = "b1.example.com:9092"
    authentication = {
      mechanism                   = "SCRAM-256"
      username                    = "app"
      password_wo                 = var.kafka_password
      password_wo_version         = %[1]d
      ssl_certificate             = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n"
      ssl_key_wo                  = var.ssl_key
      ssl_key_wo_version          = %[2]d
      ssl_key_password_wo         = var.ssl_key_password
      ssl_key_password_wo_version = %[2]d
    }
  }
}

resource "atlasx_stream_connection" "oidc" {
  project_id      = "%%[project]"
  workspace_name  = "%%[workspace]"
  connection_name = "oidc"
  kafka = {
    bootstrap_servers = "b1.example.com:9092"
    authentication = {
      mechanism                = "OAUTHBEARER"
      method                   = "OIDC"
      token_endpoint_url       = "https://idp.example.com/oauth2/token"
      client_id                = "streams"
      client_secret_wo         = var.oidc_client_secret
      client_secret_wo_version = %[2]d
    }
  }
}

resource "atlasx_stream_connection" "registry" {
  project_id      = "%%[project]"
  workspace_name  = "%%[workspace]"
  connection_name = "registry"
  schema_registry = {
    provider = "CONFLUENT"
    urls     = ["https://sr.example.com"]
    authentication = {
      type                = "USER_INFO"
      username            = "key"
      password_wo         = var.registry_password
      password_wo_version = %[2]d
    }
  }
}

resource "atlasx_stream_connection" "hook" {
  project_id      = "%%[project]"
  workspace_name  = "%%[workspace]"
  connection_name = "hook"
  https = {
    url                = "https://example.com/hook"
    headers_wo         = { Authorization = var.authorization }
    headers_wo_version = %[2]d
  }
}

resource "atlasx_stream_connection" "moving" {
  project_id      = "%%[project]"
  workspace_name  = "%%[workspace]"
  connection_name = "moving"
  kafka = {
    bootstrap_servers = "b1.example.com:9092"
    authentication    = { mechanism = "SCRAM-512", username = "app", %[3]s }
  }
}
`, kafkaPasswordVersion, version, movingPassword))
}

// writeOnlyVariables is a .tfvars file giving every variable of writeOnlyConfig.
func writeOnlyVariables(version string) string {
	values := map[string]string{"moving_password": movingPassword.value()}
	for name, s := range writeOnlySecrets(version) {
		values[name] = s.value()
	}
	var out strings.Builder
	for name, v := range values {
		// A JSON string is an HCL string once its template sequences are escaped.
		quoted, _ := json.Marshal(v)
		fmt.Fprintf(&out, "%s = %s\n", name, strings.NewReplacer("${", "$${", "%{", "%%{").Replace(string(quoted)))
	}
	return out.String()
}

// TestAccWriteOnlySecretsNeverStored applies connections whose secrets are
// all write-only, fed by ephemeral variables, with every log at TRACE; then
// changes every value without a version (nothing is sent), bumps one version
// (one PATCH, carrying the new value), moves a plain password to the
// write-only form, and destroys. No secret may show in the state file, the
// saved plan (show -json), the CLI's output or any log.
func TestAccWriteOnlySecretsNeverStored(t *testing.T) {
	if ok, version := cliHasWriteOnly(t); !ok {
		t.Skipf("needs write-only attributes and ephemeral variables: %s (this CLI is %s)", repo.WriteOnlyCLI, version)
	}
	dir := os.Getenv(envTraceDir)
	if dir == "" {
		t.Parallel()
		runTraced(t, []string{t.Name()}, writeOnlyCores(true))
		return
	}
	// This binary runs this test alone: the CLI's own trace may go to a
	// file named in the environment.
	cliLog := filepath.Join(dir, "cli.log")
	t.Setenv("TF_LOG_PATH", cliLog)

	env := acctest.New(t)
	w := env.Workdir(t)
	everything := writeOnlyCores(true)
	writeOnly := writeOnlyCores(false)
	var outputs []string
	run := func(args ...string) {
		t.Helper()
		outputs = append(outputs, w.MustRun(args...).Output)
	}
	stateHolds := func(cores []string) {
		t.Helper()
		state := w.ReadFile("terraform.tfstate")
		if !strings.Contains(state, `"password_wo_version": 1`) {
			t.Errorf("the state file lacks the versions:\n%s", state)
		}
		for _, c := range cores {
			if strings.Contains(state, c) {
				t.Errorf("the state file holds secret %s", c)
			}
		}
	}
	stored := func(connection, object, field string, want secret) {
		t.Helper()
		conn, _ := env.Emulator.Connection(env.Seed.ProjectID, env.Seed.Workspace, connection)
		holder, _ := conn[object].(map[string]any)
		if holder[field] != want.value() {
			t.Errorf("Atlas holds %s %s.%s = %q, want %q", connection, object, field, holder[field], want.value())
		}
	}
	v1, v2 := writeOnlySecrets("1"), writeOnlySecrets("2")
	storedAll := func(kafkaPassword secret, s map[string]secret) {
		t.Helper()
		stored("sasl-mtls", "authentication", "password", kafkaPassword)
		stored("sasl-mtls", "authentication", "sslKey", s["ssl_key"])
		stored("sasl-mtls", "authentication", "sslKeyPassword", s["ssl_key_password"])
		stored("oidc", "authentication", "clientSecret", s["oidc_client_secret"])
		stored("registry", "schemaRegistryAuthentication", "password", s["registry_password"])
		stored("hook", "headers", "Authorization", s["authorization"])
	}
	writes := func(want acctest.Writes) {
		t.Helper()
		if err := env.ExpectWrites(want)(nil); err != nil {
			t.Error(err)
		}
	}

	// Create from a saved plan: the plan file holds no write-only value.
	w.SetConfig(writeOnlyConfig(env, 1, 1, "password = var.moving_password"))
	w.WriteFile("secrets.auto.tfvars", writeOnlyVariables("1"))
	run("init", "-no-color")
	run("plan", "-no-color", "-out=tfplan")
	// show -json prints sensitive values, the plain password included, by
	// design: it must not print the write-only ones, which it never has.
	shown := w.MustRun("show", "-no-color", "-json", "tfplan")
	if !strings.Contains(shown.Output, `"password_wo_version":1`) {
		t.Errorf("show -json of the plan lacks the versions:\n%s", shown.Output)
	}
	for _, c := range writeOnly {
		if strings.Contains(shown.Output, c) {
			t.Errorf("the saved plan holds secret %s", c)
		}
	}
	run("apply", "-no-color", "tfplan")
	writes(acctest.Writes{Create: 5})
	storedAll(v1["kafka_password"], v1)
	stateHolds(writeOnly)

	// New values, same versions: no change to plan, nothing sent.
	w.WriteFile("secrets.auto.tfvars", writeOnlyVariables("2"))
	if r := w.Run("plan", "-no-color", "-detailed-exitcode"); r.ExitCode != 0 {
		t.Errorf("changing write-only values without their versions must plan no change:\n%s", r)
	} else {
		outputs = append(outputs, r.Output)
	}
	run("apply", "-no-color", "-auto-approve")
	writes(acctest.Writes{})
	storedAll(v1["kafka_password"], v1)

	// One version bumped: one PATCH, carrying the new value and the other
	// secrets of its object as configured now.
	w.SetConfig(writeOnlyConfig(env, 2, 1, "password = var.moving_password"))
	run("apply", "-no-color", "-auto-approve")
	writes(acctest.Writes{Update: 1})
	stored("sasl-mtls", "authentication", "password", v2["kafka_password"])
	stored("sasl-mtls", "authentication", "sslKey", v2["ssl_key"])
	stored("oidc", "authentication", "clientSecret", v1["oidc_client_secret"])
	stored("hook", "headers", "Authorization", v1["authorization"])
	stateHolds(writeOnly)

	// Plain to write-only: one PATCH, and the plain password leaves state.
	w.SetConfig(writeOnlyConfig(env, 2, 1, "password_wo = var.kafka_password, password_wo_version = 1"))
	run("apply", "-no-color", "-auto-approve")
	writes(acctest.Writes{Update: 1})
	stored("moving", "authentication", "password", v2["kafka_password"])
	stateHolds(everything)

	run("destroy", "-no-color", "-auto-approve")
	if err := env.CheckNothingLeft(nil); err != nil {
		t.Error(err)
	}

	for _, out := range outputs {
		for _, c := range everything {
			if strings.Contains(out, c) {
				t.Errorf("the CLI printed secret %s", c)
			}
		}
	}
	logs := readLogs(t, dir)
	// The logs must hold what is worth searching: the CLI's trace, the
	// client's request bodies, and the write-only attributes in the plan.
	for _, want := range []string{`OpenTofu version: |Terraform version: `, `Atlas API request body`, `password_wo`} {
		if !regexp.MustCompile(want).MatchString(logs) {
			t.Errorf("the trace logs (%d bytes) lack %s", len(logs), want)
		}
	}
	for _, c := range everything {
		if strings.Contains(logs, c) {
			t.Errorf("a trace log holds secret %s", c)
		}
	}
}

// writeOnlyCores are the cores of every write-only secret, in both versions,
// and with plain, of the plain password that moves to the write-only form.
func writeOnlyCores(plain bool) []string {
	var cores []string
	for _, version := range []string{"1", "2"} {
		for _, s := range writeOnlySecrets(version) {
			cores = append(cores, s.core)
		}
	}
	if plain {
		cores = append(cores, movingPassword.core)
	}
	return cores
}

// readLogs is every log file in dir, joined.
func readLogs(t *testing.T, dir string) string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(dir, "*.log"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no logs in %s: %v", dir, err)
	}
	var all strings.Builder
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		all.Write(data)
	}
	return all.String()
}
