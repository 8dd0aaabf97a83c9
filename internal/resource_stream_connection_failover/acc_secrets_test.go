package resource_stream_connection_failover_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/config"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

// envTraceDir marks the test binary that TestAccFailoverSecretsNeverLogged
// starts with trace logging on, and names the directory its logs go to.
const envTraceDir = "ATLASX_ACC_TRACE_DIR"

// The secrets of the traced lifecycle: neither may show up in any log.
const firstSecret, secondSecret = "failover-secret-first-9k2", "failover-secret-second-7q4"

// A create, an update of the password and a destroy, with every log at
// TRACE, put no secret in any log nor in the output. Logging is set up
// through the process environment, which would reach every test running in
// parallel, so the test runs itself again in a test binary of its own.
func TestAccFailoverSecretsNeverLogged(t *testing.T) {
	dir := os.Getenv(envTraceDir)
	if dir != "" {
		tracedLifecycle(t)
		return
	}
	t.Parallel()
	dir = t.TempDir()
	cmd := exec.Command(os.Args[0], "-test.run=^"+t.Name()+"$", "-test.v", "-test.timeout=5m")
	cmd.Env = append(os.Environ(), envTraceDir+"="+dir, "TF_LOG=TRACE",
		"TF_LOG_PATH_MASK="+filepath.Join(dir, "%s.log"), "TF_LOG_PROVIDER_ATLASX_CLIENT=TRACE")
	out, err := cmd.CombinedOutput()
	if err != nil || !strings.Contains(string(out), "--- PASS: "+t.Name()) {
		t.Fatalf("the traced run failed: %v\n%s", err, out)
	}
	logs, err := os.ReadFile(filepath.Join(dir, t.Name()+".log"))
	if err != nil {
		t.Fatalf("no trace log: %v", err)
	}
	// The log must hold what is worth searching: the client's bodies.
	for _, want := range []string{`Atlas API request body`, `failoverConnections`} {
		if !regexp.MustCompile(want).Match(logs) {
			t.Errorf("the trace log (%d bytes) lacks %s", len(logs), want)
		}
	}
	for _, secret := range []string{firstSecret, secondSecret} {
		if strings.Contains(string(logs), secret) || strings.Contains(string(out), secret) {
			t.Errorf("secret %s was logged", secret)
		}
	}
}

func tracedLifecycle(t *testing.T) {
	env := newWithParent(t)
	// The password comes in a variable, as a real one would: the testing
	// framework logs the configuration's text.
	hcl := `variable "password" {
  type      = string
  sensitive = true
}
` + strings.Replace(kafkaFailover(env, "orders", "DUBLIN_IRL", "dublin.example.com:9092", ""), `"failover-pass"`, "var.password", 1)
	password := func(p string) config.Variables { return config.Variables{"password": config.StringVariable(p)} }
	sensitive := resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
		plancheck.ExpectSensitiveValue(address, tfjsonpath.New("kafka").AtMapKey("authentication").AtMapKey("password")),
	}}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		CheckDestroy:             checkNoFailoverLeft(env),
		Steps: []resource.TestStep{
			{Config: hcl, ConfigVariables: password(firstSecret), ConfigPlanChecks: sensitive},
			{Config: hcl, ConfigVariables: password(secondSecret), ConfigPlanChecks: sensitive, Check: expectRequests(env, map[string]int{updateFailover: 1})},
		},
	})
}
