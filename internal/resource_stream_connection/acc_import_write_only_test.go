package resource_stream_connection_test

import (
	"strings"
	"testing"

	"github.com/atlasx/terraform-provider-atlasx/internal/acctest"
	"github.com/atlasx/terraform-provider-atlasx/internal/repo"
)

// A connection imported with its secret given write-only, from an ephemeral
// variable, as the adopting guide shows: the plan imports it and updates it
// once, the apply sends the secret in one PATCH, and neither the state nor
// the output ever holds it. Atlas never returns a secret, so only the
// version tells the provider to send it.
func TestAccImportWithWriteOnlySecret(t *testing.T) {
	if ok, version := cliHasWriteOnly(t); !ok {
		t.Skipf("needs write-only attributes and ephemeral variables: %s (this CLI is %s)", repo.WriteOnlyCLI, version)
	}
	t.Parallel()
	const password = "fixture-imported-kafka-password"
	env := acctest.New(t)
	err := env.Emulator.PutConnection(env.Seed.ProjectID, env.Seed.Workspace, map[string]any{
		"name": "made-by-hand", "type": "Kafka", "bootstrapServers": "b1.example.com:9092",
		"authentication": map[string]any{"mechanism": "SCRAM-256", "username": "app", "password": "what-atlas-had"},
		"security":       map[string]any{"protocol": "SASL_SSL"},
	})
	if err != nil {
		t.Fatal(err)
	}
	w := env.Workdir(t)
	w.SetConfig(env.Config(`
variable "kafka_password" {
  type      = string
  sensitive = true
  ephemeral = true
}

import {
  to = atlasx_stream_connection.adopted
  id = "%[project]/%[workspace]/made-by-hand"
}

resource "atlasx_stream_connection" "adopted" {
  project_id      = "%[project]"
  workspace_name  = "%[workspace]"
  connection_name = "made-by-hand"
  kafka = {
    bootstrap_servers = "b1.example.com:9092"
    authentication = {
      mechanism           = "SCRAM-256"
      username            = "app"
      password_wo         = var.kafka_password
      password_wo_version = 1
    }
    security = { protocol = "SASL_SSL" }
  }
}
`))
	w.WriteFile("secrets.auto.tfvars", `kafka_password = "`+password+`"`+"\n")
	var outputs []string
	run := func(args ...string) acctest.Result {
		t.Helper()
		r := w.MustRun(args...)
		outputs = append(outputs, r.Output)
		return r
	}
	run("init", "-no-color")
	planned := run("plan", "-no-color", "-out=tfplan")
	if !strings.Contains(planned.Output, "1 to import, 0 to add, 1 to change, 0 to destroy") {
		t.Errorf("the plan must import the connection and update it once:\n%s", planned.Output)
	}
	run("apply", "-no-color", "tfplan")
	if err := env.ExpectWrites(acctest.Writes{Update: 1})(nil); err != nil {
		t.Error(err)
	}
	conn, _ := env.Emulator.Connection(env.Seed.ProjectID, env.Seed.Workspace, "made-by-hand")
	if auth, _ := conn["authentication"].(map[string]any); auth["password"] != password {
		t.Errorf("Atlas holds password %q after the apply, want the configured one", auth["password"])
	}
	if r := w.Run("plan", "-no-color", "-detailed-exitcode"); r.ExitCode != 0 {
		t.Errorf("the plan after the apply must be empty:\n%s", r)
	}
	if state := w.ReadFile("terraform.tfstate"); strings.Contains(state, password) || !strings.Contains(state, `"password_wo_version": 1`) {
		t.Errorf("the state must hold the version and not the secret:\n%s", state)
	}
	for _, out := range outputs {
		if strings.Contains(out, password) {
			t.Error("the secret shows in the CLI's output")
		}
	}
}
