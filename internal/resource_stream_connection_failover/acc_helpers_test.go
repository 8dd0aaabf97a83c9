package resource_stream_connection_failover_test

import (
	"context"
	"fmt"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/atlasx/terraform-provider-atlasx/internal/acctest"
	"github.com/atlasx/terraform-provider-atlasx/internal/client"
	"github.com/atlasx/terraform-provider-atlasx/internal/emulator"
)

const address = "atlasx_stream_connection_failover.test"

func regexpMust(p string) *regexp.Regexp { return regexp.MustCompile(p) }

// errorLike matches a CLI error: each space in pattern matches any run of
// white space, since the CLI wraps long lines.
func errorLike(pattern string) *regexp.Regexp {
	return regexp.MustCompile(strings.ReplaceAll(pattern, " ", `\s+`))
}

// Request keys, as the emulator counts them.
var (
	listFailovers   = "GET " + emulator.RouteFailovers
	getFailover     = "GET " + emulator.RouteFailover
	createFailover  = "POST " + emulator.RouteFailovers
	updateFailover  = "PATCH " + emulator.RouteFailover
	deleteFailover  = "DELETE " + emulator.RouteFailover
	getWorkspace    = "GET " + emulator.RouteWorkspace
	listConnections = "GET " + emulator.RouteConnections
)

// expectRequests checks the count of each request named in want since the
// last check, then starts counting anew, so each step asserts only its own.
func expectRequests(env *acctest.Env, want map[string]int) func(*terraform.State) error {
	return func(*terraform.State) error {
		got := env.Emulator.Counts().Requests
		env.Emulator.ResetCounts()
		var wrong []string
		for key, n := range want {
			if got[key] != n {
				wrong = append(wrong, fmt.Sprintf("%s = %d, want %d", short(key), got[key], n))
			}
		}
		if len(wrong) > 0 {
			sort.Strings(wrong)
			return fmt.Errorf("%s (all requests: %s)", strings.Join(wrong, "; "), all(got))
		}
		return nil
	}
}

func short(key string) string {
	return strings.Replace(key, "/api/atlas/v2/groups/{groupId}/streams", "", 1)
}

func all(requests map[string]int) string {
	var parts []string
	for k, n := range requests {
		parts = append(parts, fmt.Sprintf("%s=%d", short(k), n))
	}
	sort.Strings(parts)
	return strings.Join(parts, ", ")
}

// putParent puts a connection straight into the emulator's workspace, as if
// made outside this configuration, so a test counts only its failover
// connections' requests.
func putParent(env *acctest.Env, name, apiType string) error {
	conn := map[string]any{"name": name, "type": apiType}
	switch apiType {
	case "Kafka":
		conn["bootstrapServers"] = "primary.example.com:9092"
		conn["authentication"] = map[string]any{"mechanism": "PLAIN", "username": "app", "password": "primary-pass"}
	case "Cluster":
		conn["clusterName"] = "primary"
		conn["dbRoleToExecute"] = map[string]any{"role": "atlasAdmin", "type": "BUILT_IN"}
	case "Https":
		conn["url"] = "https://example.com"
	}
	return env.Emulator.PutConnection(env.Seed.ProjectID, env.Seed.Workspace, conn)
}

// kafkaFailover is a Kafka failover connection of connection in region;
// extra goes inside the resource.
func kafkaFailover(env *acctest.Env, connection, region, servers, extra string) string {
	return env.Config(fmt.Sprintf(`
resource "atlasx_stream_connection_failover" "test" {
  project_id      = "%%[project]"
  workspace_name  = "%%[workspace]"
  connection_name = %q
  region          = %q
  kafka = {
    bootstrap_servers = %q
    authentication    = { mechanism = "PLAIN", username = "app", password = "failover-pass" }
    security          = { protocol = "SASL_SSL" }
  }
  %s
}
`, connection, region, servers, extra))
}

// failoversOf are the failover connections the emulator holds for the
// tests' connection "orders".
func failoversOf(env *acctest.Env) []map[string]any {
	return env.Emulator.FailoverConnections(env.Seed.ProjectID, env.Seed.Workspace, "orders")
}

// checkNoFailoverLeft is a CheckDestroy: no failover connection of the
// tests' connection "orders" is left in Atlas.
func checkNoFailoverLeft(env *acctest.Env) func(*terraform.State) error {
	return func(*terraform.State) error {
		var regions []any
		for _, f := range failoversOf(env) {
			regions = append(regions, f["region"])
		}
		if len(regions) > 0 {
			return fmt.Errorf("failover connections left in Atlas, in regions %v", regions)
		}
		return nil
	}
}

// createOutside creates f, a failover connection of the tests' connection
// "orders", through the API, as someone outside this configuration would.
func createOutside(t *testing.T, env *acctest.Env, f client.FailoverConnection) {
	t.Helper()
	api, err := client.New(client.Config{BaseURL: env.URL, AccessToken: env.Seed.AccessToken})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := api.CreateFailoverConnection(context.Background(), env.Seed.ProjectID, env.Seed.Workspace, "orders", &f); err != nil {
		t.Fatal(err)
	}
}

// kafkaIn is a Kafka failover connection in region with password, as the
// tests' configurations describe one.
func kafkaIn(region, password string) client.FailoverConnection {
	return client.FailoverConnection{Type: client.TypeKafka, Region: region, Settings: map[string]any{
		"bootstrapServers": strings.ToLower(region[:strings.Index(region, "_")]) + ".example.com:9092",
		"authentication":   map[string]any{"mechanism": "PLAIN", "username": "app", "password": password},
		"security":         map[string]any{"protocol": "SASL_SSL"},
	}}
}
