package resource_stream_connection_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/config"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/atlasx/terraform-provider-atlasx/internal/acctest"
	"github.com/atlasx/terraform-provider-atlasx/internal/emulator"
)

// envTraceDir marks the test binary that TestAccSecretsNeverLeak starts with
// trace logging on, and names the directory its logs go to.
const envTraceDir = "ATLASX_ACC_TRACE_DIR"

// secret is one secret value: the core, which must never show up anywhere,
// wrapped in characters that JSON escapes (in the variables file, request
// bodies and logs), so that every encoding a value goes through is
// exercised and searching for the core still finds it.
type secret struct{ before, core, after string }

func (s secret) value() string { return s.before + s.core + s.after }

// secretVariables are every secret a stream connection has, in one version,
// by the name of the variable that carries it. Variables keep the values
// out of the configuration, which the testing framework logs; they are not
// sensitive, so that what hides them is the provider's schema.
func secretVariables(version string) map[string]secret {
	return map[string]secret{
		"kafka_password":     {`pw"`, "LEAKKAFKAPASSWORD" + version, `<&>`},
		"oidc_client_secret": {`cs\`, "LEAKOIDCSECRET" + version, `'${x}`},
		"ssl_key":            {"-----BEGIN PRIVATE KEY-----\n", "LEAKSSLKEY" + version, "\n-----END PRIVATE KEY-----\n"},
		"ssl_key_password":   {"", "LEAKSSLKEYPASSWORD" + version, "\t!"},
		"registry_password":  {"reg<>", "LEAKREGISTRYPASSWORD" + version, ""},
		"authorization":      {"Bearer ", "LEAKHEADERTOKEN" + version, ""},
		"api_key":            {"", "LEAKHEADERAPIKEY" + version, "=="},
	}
}

// secretsConfig is one connection of each kind that holds a secret.
const secretsConfig = `
variable "kafka_password" {}
variable "oidc_client_secret" {}
variable "ssl_key" {}
variable "ssl_key_password" {}
variable "registry_password" {}
variable "authorization" {}
variable "api_key" {}

resource "atlasx_stream_connection" "sasl_mtls" {
  project_id      = "%[project]"
  workspace_name  = "%[workspace]"
  connection_name = "sasl-mtls"
  kafka = {
    bootstrap_servers = "b1.example.com:9092"
    authentication = {
      mechanism        = "SCRAM-256"
      username         = "app"
      password         = var.kafka_password
      ssl_certificate  = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n"
      ssl_key          = var.ssl_key
      ssl_key_password = var.ssl_key_password
    }
    security = { protocol = "SASL_SSL" }
  }
}

resource "atlasx_stream_connection" "oidc" {
  project_id      = "%[project]"
  workspace_name  = "%[workspace]"
  connection_name = "oidc"
  kafka = {
    bootstrap_servers = "b1.example.com:9092"
    authentication = {
      mechanism          = "OAUTHBEARER"
      method             = "OIDC"
      token_endpoint_url = "https://idp.example.com/oauth2/token"
      client_id          = "streams"
      client_secret      = var.oidc_client_secret
      scope              = "kafka"
    }
    security = { protocol = "SASL_SSL" }
  }
}

resource "atlasx_stream_connection" "registry" {
  project_id      = "%[project]"
  workspace_name  = "%[workspace]"
  connection_name = "registry"
  schema_registry = {
    provider       = "CONFLUENT"
    urls           = ["https://sr.example.com"]
    authentication = { type = "USER_INFO", username = "key", password = var.registry_password }
  }
}

resource "atlasx_stream_connection" "hook" {
  project_id      = "%[project]"
  workspace_name  = "%[workspace]"
  connection_name = "hook"
  https = {
    url     = "https://example.com/hook"
    headers = { Authorization = var.authorization, "X-Api-Key" = var.api_key }
  }
}
`

// authMethod is one way to give the provider credentials, with the secret it
// then holds, passed in variable "credential".
type authMethod struct {
	name   string
	secret secret
	// setUp adds the credentials to the emulator and returns the provider
	// block's credential attributes.
	setUp func(env *acctest.Env, s secret) string
}

func authMethods() []authMethod {
	grant := func(env *acctest.Env, principal string) {
		env.Emulator.GrantRole(principal, env.Seed.ProjectID, emulator.RoleProjectOwner)
	}
	return []authMethod{
		{"api_key", secret{"pk&", "LEAKPRIVATEKEY", `"`}, func(env *acctest.Env, s secret) string {
			env.Emulator.AddAPIKey("leakpub", s.value())
			grant(env, "leakpub")
			return `public_key = "leakpub"` + "\n  private_key = var.credential"
		}},
		{"service_account", secret{"sk<", "LEAKCLIENTSECRET", ">"}, func(env *acctest.Env, s secret) string {
			env.Emulator.AddServiceAccount("mdb_sa_id_leak", s.value())
			grant(env, "mdb_sa_id_leak")
			return `client_id = "mdb_sa_id_leak"` + "\n  client_secret = var.credential"
		}},
		{"access_token", secret{"", "LEAKACCESSTOKEN", ".sig"}, func(env *acctest.Env, s secret) string {
			env.Emulator.AddAccessToken(s.value())
			grant(env, s.value())
			return "access_token = var.credential"
		}},
	}
}

// TestAccSecretsNeverLeak runs create, a refused update, update, import, a
// refresh that reads half a document, and destroy, with every log at TRACE,
// once per authentication method, and fails if any secret shows up in a log,
// the CLI's output or an error.
//
// The provider under test runs in this process. Its logs (the client
// subsystem's included) and the testing framework's own, which quote the
// plan as the CLI renders it, go where TF_LOG, TF_LOG_PATH_MASK and
// TF_LOG_PROVIDER_ATLASX_CLIENT say, read from the process environment at
// every call; the CLI writes its trace to the same file. Setting them here
// would reach every test running in parallel, so the test runs itself again
// in a test binary of its own with them set.
func TestAccSecretsNeverLeak(t *testing.T) {
	dir := os.Getenv(envTraceDir)
	if dir == "" {
		t.Parallel()
		var passes []string
		for _, m := range authMethods() {
			passes = append(passes, t.Name()+"/"+m.name)
		}
		runTraced(t, passes, allSecrets())
		return
	}
	for _, m := range authMethods() {
		t.Run(m.name, func(t *testing.T) {
			t.Parallel()
			secretsLifecycle(t, m, filepath.Join(dir, strings.ReplaceAll(t.Name(), "/", "__")+".log"))
		})
	}
}

// runTraced runs t's test in a new test binary with trace logging to files,
// then checks that the tests named in passes passed and that nothing it
// printed holds any of secrets.
func runTraced(t *testing.T, passes, secrets []string) {
	dir := t.TempDir()
	cmd := exec.Command(os.Args[0], "-test.run=^"+t.Name()+"$", "-test.v", "-test.timeout=5m")
	cmd.Env = append(os.Environ(),
		envTraceDir+"="+dir,
		"TF_LOG=TRACE",
		"TF_LOG_PATH_MASK="+filepath.Join(dir, "%s.log"),
		"TF_LOG_PROVIDER_ATLASX_CLIENT=TRACE",
	)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("the traced run failed: %v\n%s", err, out)
	}
	for _, name := range passes {
		if !strings.Contains(string(out), "--- PASS: "+name+" ") {
			t.Errorf("the traced run did not pass %s:\n%s", name, out)
		}
	}
	for _, s := range secrets {
		if strings.Contains(string(out), s) {
			t.Errorf("the traced run printed secret %s", s)
		}
	}
}

// allSecrets are the cores of every secret the traced run uses.
func allSecrets() []string {
	var cores []string
	for _, version := range []string{"1", "2"} {
		for _, s := range secretVariables(version) {
			cores = append(cores, s.core)
		}
	}
	for _, m := range authMethods() {
		cores = append(cores, m.secret.core)
	}
	return cores
}

func secretsLifecycle(t *testing.T, m authMethod, logFile string) {
	env := acctest.New(t)
	f := newFront(t, env)
	cfg := fmt.Sprintf("variable \"credential\" {}\n\nprovider \"atlasx\" {\n  base_url = %q\n  %s\n}\n", env.URL, m.setUp(env, m.secret)) +
		strings.NewReplacer("%[project]", env.Seed.ProjectID, "%[workspace]", env.Seed.Workspace).Replace(secretsConfig)
	variables := func(version string) config.Variables {
		vars := config.Variables{"credential": config.StringVariable(m.secret.value())}
		for name, s := range secretVariables(version) {
			vars[name] = config.StringVariable(s.value())
		}
		return vars
	}

	// Every error is kept to be searched; a step that must fail says how.
	var mu sync.Mutex
	var errs []string
	var wantError *regexp.Regexp
	expect := func(failure *regexp.Regexp) {
		mu.Lock()
		defer mu.Unlock()
		wantError = failure
	}
	// The plan must show each secret as (sensitive value); the CLI's own
	// rendering of the plan is in the trace log, checked below.
	var sensitive []plancheck.PlanCheck
	for address, paths := range map[string][]string{
		"atlasx_stream_connection.sasl_mtls": {"kafka.authentication.password", "kafka.authentication.ssl_key", "kafka.authentication.ssl_key_password"},
		"atlasx_stream_connection.oidc":      {"kafka.authentication.client_secret"},
		"atlasx_stream_connection.registry":  {"schema_registry.authentication.password"},
		"atlasx_stream_connection.hook":      {"https.headers"},
	} {
		for _, p := range paths {
			sensitive = append(sensitive, plancheck.ExpectSensitiveValue(address, attributePath(p)))
		}
	}

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		CheckDestroy:             env.CheckNothingLeft,
		ErrorCheck: func(err error) error {
			mu.Lock()
			defer mu.Unlock()
			errs = append(errs, err.Error())
			if wantError == nil || !wantError.MatchString(err.Error()) {
				return err
			}
			wantError = nil
			return nil
		},
		Steps: []resource.TestStep{
			{
				Config:           cfg,
				ConfigVariables:  variables("1"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: sensitive},
				Check:            env.ExpectWrites(acctest.Writes{Create: 4}),
			},
			{
				// Atlas refuses every update with an error that quotes the request.
				PreConfig: func() {
					expect(errorLike(`Could not update stream connection[\s\S]*HTTP 400 VALIDATION_ERROR: The request content produced the validation error`))
					f.arm(tamper{match: func(r *http.Request) bool { return r.Method == http.MethodPatch }, answer: echoRequest})
				},
				Config:          cfg,
				ConfigVariables: variables("2"),
			},
			{
				PreConfig: func() {
					f.disarm()
					expect(nil)
				},
				Config:           cfg,
				ConfigVariables:  variables("2"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: sensitive},
				Check:            env.ExpectWrites(acctest.Writes{Update: 4}),
			},
			{
				Config:                  cfg,
				ConfigVariables:         variables("2"),
				ResourceName:            "atlasx_stream_connection.sasl_mtls",
				ImportState:             true,
				ImportStateVerify:       true,
				ImportStateVerifyIgnore: []string{"kafka.authentication.password", "kafka.authentication.ssl_key", "kafka.authentication.ssl_key_password"},
			},
			{
				// The Https connection's document, cut short inside its
				// headers, which only their key marks as secret: in the
				// list the refresh reads first, then in the GET it falls
				// back to.
				PreConfig: func() {
					expect(errorLike(`Could not read stream connection[\s\S]*HTTP 200 with malformed or truncated JSON`))
					f.arm(tamper{match: readOf("hook"), answer: corrupt(cutAfter(secretVariables("2")["authorization"].core))})
				},
				Config:          cfg,
				ConfigVariables: variables("2"),
			},
		},
	})

	logs, err := os.ReadFile(logFile)
	if err != nil {
		t.Fatalf("no trace log: %v", err)
	}
	// The log must hold what is worth searching: the CLI's own trace, the
	// client's request and response bodies, the plan as the CLI shows it,
	// and the truncated answer, described rather than quoted.
	for _, want := range []string{`(OpenTofu|Terraform) version: `, `Atlas API request body`, `Atlas API response body`, `\\"password\\":\\"\*\*\*\\"`, `\(sensitive value\)`, `bytes of malformed JSON, not shown`} {
		if !regexp.MustCompile(want).Match(logs) {
			t.Errorf("the trace log (%d bytes) lacks %s", len(logs), want)
		}
	}
	mu.Lock()
	defer mu.Unlock()
	if len(errs) != 2 {
		t.Errorf("got %d errors, want 2 (the refused update, the truncated read): %q", len(errs), errs)
	}
	for _, s := range append(allSecrets(), f.bearerTokens()...) {
		if strings.Contains(string(logs), s) {
			t.Errorf("the trace log holds secret %s", s)
		}
		for _, e := range errs {
			if strings.Contains(e, s) {
				t.Errorf("an error holds secret %s: %s", s, e)
			}
		}
	}
}

// echoRequest is a VALIDATION_ERROR whose detail quotes the request body,
// secrets and all, as Atlas's validation errors can.
func echoRequest(_ *http.Request, body []byte, _ func() *httptest.ResponseRecorder) answer {
	doc, _ := json.Marshal(map[string]any{
		"error":     http.StatusBadRequest,
		"errorCode": "VALIDATION_ERROR",
		"detail":    "The request content produced the validation error: Invalid value. Request: " + string(body),
		"reason":    "Bad Request",
	})
	return answer{status: http.StatusBadRequest, contentType: "application/json", body: string(doc)}
}

// cutAfter cuts an answer short right after marker.
func cutAfter(marker string) func(int, []byte) answer {
	return func(status int, body []byte) answer {
		i := strings.Index(string(body), marker)
		if i < 0 {
			return answer{status: http.StatusInternalServerError, body: "front: the answer lacks the marker"}
		}
		return answer{status: status, contentType: "application/json", body: string(body[:i+len(marker)])}
	}
}

// attributePath turns "a.b.c" into a tfjsonpath.
func attributePath(dotted string) tfjsonpath.Path {
	parts := strings.Split(dotted, ".")
	p := tfjsonpath.New(parts[0])
	for _, part := range parts[1:] {
		p = p.AtMapKey(part)
	}
	return p
}
