package resource_stream_connection_failover_test

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/atlasx/terraform-provider-atlasx/internal/acctest"
	"github.com/atlasx/terraform-provider-atlasx/internal/client"
)

const officialType = "mongodbatlas_stream_connection_failover"

// officialFailover is one failover connection as Atlas holds it (secrets
// included) and as the official provider's state records it.
type officialFailover struct {
	resource, parent, parentType string
	atlas                        client.FailoverConnection
	attributes                   map[string]any // beside the names, id and state
	hcl                          string
}

func officialFailovers() []officialFailover {
	return []officialFailover{
		{
			resource: "kafka_dublin", parent: "orders", parentType: "Kafka",
			atlas: client.FailoverConnection{
				Type: client.TypeKafka, Region: "DUBLIN_IRL", Settings: map[string]any{
					"bootstrapServers": "dublin.example.com:9092",
					"authentication":   map[string]any{"mechanism": "SCRAM-256", "username": "svc", "password": "fixture-failover-password"},
					"security":         map[string]any{"protocol": "SASL_SSL"},
				},
			},
			attributes: map[string]any{
				"type": "Kafka", "region": "DUBLIN_IRL", "bootstrap_servers": "dublin.example.com:9092",
				"authentication": map[string]any{"mechanism": "SCRAM-256", "username": "svc", "password": "fixture-failover-password"},
				"security":       map[string]any{"protocol": "SASL_SSL"},
				// Public networking, as the official provider records Atlas's default.
				"networking": map[string]any{"access": map[string]any{"type": "PUBLIC"}},
			},
			hcl: `kafka = {
    bootstrap_servers = "dublin.example.com:9092"
    authentication    = { mechanism = "SCRAM-256", username = "svc", password = "fixture-failover-password" }
    security          = { protocol = "SASL_SSL" }
  }`,
		},
		{
			resource: "cluster_oregon", parent: "warehouse", parentType: "Cluster",
			atlas: client.FailoverConnection{
				Type: client.TypeCluster, Region: "OREGON_USA", Settings: map[string]any{
					"clusterName": "standby", "dbRoleToExecute": map[string]any{"role": "atlasAdmin", "type": "BUILT_IN"},
				},
			},
			attributes: map[string]any{
				"type": "Cluster", "region": "OREGON_USA", "cluster_name": "standby",
				"db_role_to_execute": map[string]any{"role": "atlasAdmin", "type": "BUILT_IN"},
				"timeouts":           map[string]any{"create": "45m"},
			},
			hcl: `cluster = { cluster_name = "standby", db_role_to_execute = { role = "atlasAdmin", type = "BUILT_IN" } }
  timeouts = { create = "45m" }`,
		},
	}
}

// Failover connections of the official provider move in a plan that
// changes nothing, the apply sends nothing to Atlas, the secrets come across
// into state, and the next plan is empty.
func TestAccFailoverMoveFromOfficialProvider(t *testing.T) {
	t.Parallel()
	acctest.SkipUnlessCLI(t, "moving a resource from another provider", "1.8.0", "1.10.0")
	env := acctest.New(t)
	api, err := client.New(client.Config{BaseURL: env.URL, AccessToken: env.Seed.AccessToken})
	if err != nil {
		t.Fatal(err)
	}
	var resources []any
	var config strings.Builder
	config.WriteString(env.ProviderBlock())
	for _, f := range officialFailovers() {
		if err := putParent(env, f.parent, f.parentType); err != nil {
			t.Fatal(err)
		}
		made, err := api.CreateFailoverConnection(context.Background(), env.Seed.ProjectID, env.Seed.Workspace, f.parent, &f.atlas)
		if err != nil {
			t.Fatal(err)
		}
		attributes := map[string]any{
			"project_id": env.Seed.ProjectID, "workspace_name": env.Seed.Workspace, "connection_name": f.parent,
			"failover_connection_id": made.ID, "state": "READY", "delete_on_create_timeout": true,
		}
		for k, v := range f.attributes {
			attributes[k] = v
		}
		resources = append(resources, map[string]any{
			"mode": "managed", "type": officialType, "name": f.resource,
			"provider":  fmt.Sprintf("provider[%q]", acctest.RegistryHost()+"/mongodb/mongodbatlas"),
			"instances": []any{map[string]any{"schema_version": 0, "attributes": attributes}},
		})
		fmt.Fprintf(&config, `
resource "atlasx_stream_connection_failover" %[1]q {
  project_id      = %[2]q
  workspace_name  = %[3]q
  connection_name = %[4]q
  region          = %[5]q
  %[6]s
}

moved {
  from = %[7]s.%[1]s
  to   = atlasx_stream_connection_failover.%[1]s
}
`, f.resource, env.Seed.ProjectID, env.Seed.Workspace, f.parent, f.atlas.Region, f.hcl, officialType)
	}
	state, err := json.Marshal(map[string]any{"version": 4, "terraform_version": "1.12.6", "serial": 1, "lineage": "5b0c1c3e-1f0e-4c57-9a43-3f1f4cbbd0a1", "outputs": map[string]any{}, "resources": resources})
	if err != nil {
		t.Fatal(err)
	}
	w := env.Workdir(t)
	w.AddStandIn(officialStandIn(t))
	w.WriteFile("terraform.tfstate", string(state))
	w.SetConfig(config.String())
	w.MustRun("init", "-input=false", "-no-color")

	planned := w.MustRun("plan", "-no-color", "-input=false", "-out=tfplan")
	if strings.Contains(planned.Output, "fixture-") {
		t.Errorf("the plan shows a secret:\n%s", planned.Output)
	}
	for _, f := range officialFailovers() {
		if !strings.Contains(planned.Output, fmt.Sprintf("%s.%s has moved to atlasx_stream_connection_failover.%s", officialType, f.resource, f.resource)) {
			t.Errorf("the plan does not move %s:\n%s", f.resource, planned.Output)
		}
	}
	if !strings.Contains(planned.Output, "0 to add, 0 to change, 0 to destroy") {
		t.Errorf("the plan changes something:\n%s", planned.Output)
	}
	env.Emulator.ResetCounts()
	w.MustRun("apply", "-no-color", "-input=false", "tfplan")
	if err := expectRequests(env, map[string]int{createFailover: 0, updateFailover: 0, deleteFailover: 0})(nil); err != nil {
		t.Error(err)
	}
	if got := w.ReadFile("terraform.tfstate"); !strings.Contains(got, `"password": "fixture-failover-password"`) {
		t.Error("the moved state does not hold the Kafka password")
	}
	if r := w.Run("plan", "-no-color", "-input=false", "-detailed-exitcode"); r.ExitCode != 0 {
		t.Errorf("the plan after the move is not empty:\n%s", r)
	}
}

// officialStandIn serves the official failover resource's schema under
// mongodb/mongodbatlas.
func officialStandIn(t *testing.T) acctest.StandIn {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join("testdata", "official-failover-schema.json"))
	if err != nil {
		t.Fatal(err)
	}
	return acctest.StandIn{Source: "mongodb/mongodbatlas", Resources: map[string]json.RawMessage{officialType: raw}}
}
