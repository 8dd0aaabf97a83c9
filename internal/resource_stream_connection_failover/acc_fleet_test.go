package resource_stream_connection_failover_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/atlasx/terraform-provider-atlasx/internal/emulator"
)

// fleetSize is the workspace of the request budget: fifty Kafka connections,
// each with one failover connection.
const fleetSize = 50

// A workspace of fifty connections with one failover connection each, made
// in one apply and planned again. The apply sends a POST per object and the
// checks of its plans (105 requests for 100 objects); the plan's refresh
// reads the connections from one GET and one page, and each connection's
// failover connections from one list of them, since Atlas lists failover
// connections per connection only (52 requests).
func TestAccFailoverFleetRequestCounts(t *testing.T) {
	t.Parallel()
	env := newWithParent(t)
	dir := env.Workdir(t)
	var config strings.Builder
	config.WriteString(env.ProviderBlock())
	for i := range fleetSize {
		fmt.Fprintf(&config, `
resource "atlasx_stream_connection" "c%[1]d" {
  project_id      = %[2]q
  workspace_name  = %[3]q
  connection_name = "kafka-%[1]d"
  kafka = {
    bootstrap_servers = "primary-%[1]d.example.com:9092"
    authentication    = { mechanism = "PLAIN", username = "app", password = "primary-pass" }
    security          = { protocol = "SASL_SSL" }
  }
}

resource "atlasx_stream_connection_failover" "c%[1]d_dublin" {
  project_id      = atlasx_stream_connection.c%[1]d.project_id
  workspace_name  = atlasx_stream_connection.c%[1]d.workspace_name
  connection_name = atlasx_stream_connection.c%[1]d.connection_name
  region          = "DUBLIN_IRL"
  kafka = {
    bootstrap_servers = "dublin-%[1]d.example.com:9092"
    authentication    = { mechanism = "PLAIN", username = "app", password = "failover-pass" }
    security          = { protocol = "SASL_SSL" }
  }
}
`, i, env.Seed.ProjectID, env.Seed.Workspace)
	}
	dir.SetConfig(config.String())

	env.Emulator.ResetCounts()
	dir.MustRun("apply", "-auto-approve", "-input=false", "-no-color")
	apply := env.Emulator.Counts().Requests
	t.Logf("apply: %s", all(apply))

	env.Emulator.ResetCounts()
	dir.MustRun("plan", "-input=false", "-no-color", "-detailed-exitcode")
	plan := env.Emulator.Counts().Requests
	t.Logf("plan: %s", all(plan))

	createConnection := "POST " + emulator.RouteConnections
	getConnection := "GET " + emulator.RouteConnection
	want := []struct {
		command  string
		got      map[string]int
		expected map[string]int
	}{
		// The plan and the final plans of the walk each check the names
		// with one page and the failover regions with one workspace GET.
		{"apply", apply, map[string]int{createConnection: fleetSize, createFailover: fleetSize, listConnections: 2, getWorkspace: 2, getConnection: 0, getFailover: 0, listFailovers: 0}},
		{"plan", plan, map[string]int{getConnection: 1, listConnections: 1, listFailovers: fleetSize, getFailover: 0, getWorkspace: 0}},
	}
	for _, w := range want {
		for key, n := range w.expected {
			if w.got[key] != n {
				t.Errorf("%s: %s = %d, want %d", w.command, short(key), w.got[key], n)
			}
		}
	}
}
