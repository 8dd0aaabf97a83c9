package resource_stream_connection_test

import (
	"context"
	"fmt"
	"net/http"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/querycheck"
	"github.com/hashicorp/terraform-plugin-testing/querycheck/queryfilter"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/atlasx/terraform-provider-atlasx/internal/acctest"
	"github.com/atlasx/terraform-provider-atlasx/internal/emulator"
)

// queryCLI is the oldest CLI with list resources and `terraform query`.
const queryCLI = "1.14.0"

// seedSamples puts n Sample connections, c0000 on, in workspace, straight
// into the emulator: a workspace of a thousand connections in milliseconds.
func seedSamples(t *testing.T, env *acctest.Env, workspace string, n int) {
	t.Helper()
	env.Emulator.AddWorkspace(env.Seed.ProjectID, workspace, env.Seed.Region)
	for i := range n {
		if err := env.Emulator.PutConnection(env.Seed.ProjectID, workspace, map[string]any{"name": fmt.Sprintf("c%04d", i), "type": "Sample"}); err != nil {
			t.Fatal(err)
		}
	}
}

// queryTest runs query steps against env. The first step only writes the
// configuration beside the query file (its provider requirement), as
// terraform-plugin-testing needs before a query step.
func queryTest(t *testing.T, env *acctest.Env, steps ...resource.TestStep) {
	t.Helper()
	acctest.SkipUnlessTerraform(t, "terraform query", queryCLI)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		Steps: append([]resource.TestStep{{
			Config: `output "ready" { value = true }`,
		}}, steps...),
	})
}

// queryStep lists with the config block body, counting afresh from the step's start.
func queryStep(env *acctest.Env, listBlock string, checks ...querycheck.QueryResultCheck) resource.TestStep {
	return resource.TestStep{
		PreConfig:         env.Emulator.ResetCounts,
		Query:             true,
		Config:            env.Config(listBlock),
		QueryResultChecks: checks,
	}
}

// expectRequests checks the requests the query sent: lists of connections
// by page, never one GET per connection.
type expectRequests struct {
	env                       *acctest.Env
	workspaceLists, listPages int
}

func (e expectRequests) CheckQuery(_ context.Context, _ querycheck.CheckQueryRequest, resp *querycheck.CheckQueryResponse) {
	em := e.env.Emulator
	got := [3]int{em.Count(http.MethodGet, emulator.RouteWorkspaces), em.Count(http.MethodGet, emulator.RouteConnections), em.Count(http.MethodGet, emulator.RouteConnection)}
	if want := [3]int{e.workspaceLists, e.listPages, 0}; got != want {
		resp.Error = fmt.Errorf("requests (workspace lists, connection list pages, connection GETs) = %v, want %v", got, want)
	}
}

// everyDisplayName checks that every result's display name matches.
type everyDisplayName struct{ pattern *regexp.Regexp }

func (e everyDisplayName) CheckQuery(_ context.Context, req querycheck.CheckQueryRequest, resp *querycheck.CheckQueryResponse) {
	for _, found := range req.Query {
		if !e.pattern.MatchString(found.DisplayName) {
			resp.Error = fmt.Errorf("display name %q does not match %s", found.DisplayName, e.pattern)
			return
		}
	}
}

func connectionIdentity(env *acctest.Env, workspace, name string) map[string]knownvalue.Check {
	return map[string]knownvalue.Check{
		"project_id":      knownvalue.StringExact(env.Seed.ProjectID),
		"workspace_name":  knownvalue.StringExact(workspace),
		"connection_name": knownvalue.StringExact(name),
	}
}

// Over a thousand connections come back in three pages of 500, each with
// its identity and display name; `limit` stops the pages early.
func TestAccListPaginatesAndLimits(t *testing.T) {
	t.Parallel()
	env := acctest.New(t)
	seedSamples(t, env, env.Seed.Workspace, 1203)
	queryTest(t, env,
		queryStep(env, `
list "atlasx_stream_connection" "all" {
  provider = atlasx
  limit    = 2000
  config {
    project_id     = "%[project]"
    workspace_name = "%[workspace]"
  }
}`,
			querycheck.ExpectLength("atlasx_stream_connection.all", 1203),
			querycheck.ExpectIdentity("atlasx_stream_connection.all", connectionIdentity(env, env.Seed.Workspace, "c1202")),
			querycheck.ExpectResourceDisplayName("atlasx_stream_connection.all",
				queryfilter.ByResourceIdentity(connectionIdentity(env, env.Seed.Workspace, "c0500")),
				knownvalue.StringExact("c0500 (Sample) in workspace "+env.Seed.Workspace)),
			expectRequests{env: env, listPages: 3},
		),
		queryStep(env, `
list "atlasx_stream_connection" "few" {
  provider = atlasx
  limit    = 7
  config {
    project_id     = "%[project]"
    workspace_name = "%[workspace]"
  }
}`,
			querycheck.ExpectLength("atlasx_stream_connection.few", 7),
			querycheck.ExpectIdentity("atlasx_stream_connection.few", connectionIdentity(env, env.Seed.Workspace, "c0006")),
			expectRequests{env: env, listPages: 1},
		),
	)
}

// The type filter keeps one type; include_resource returns the resource as
// an import reads it: secrets null, the Kafka networking default left out.
func TestAccListTypeFilterAndIncludeResource(t *testing.T) {
	t.Parallel()
	env := acctest.New(t)
	for _, conn := range handMade {
		if err := env.Emulator.PutConnection(env.Seed.ProjectID, env.Seed.Workspace, conn); err != nil {
			t.Fatal(err)
		}
	}
	kafka := queryfilter.ByResourceIdentity(connectionIdentity(env, env.Seed.Workspace, "kafka"))
	queryTest(t, env,
		queryStep(env, `
list "atlasx_stream_connection" "kafka" {
  provider         = atlasx
  include_resource = true
  config {
    project_id     = "%[project]"
    workspace_name = "%[workspace]"
    type           = "kafka"
  }
}`,
			querycheck.ExpectLength("atlasx_stream_connection.kafka", 3),
			everyDisplayName{regexp.MustCompile(`^\S+ \(Kafka\) in workspace ` + env.Seed.Workspace + `$`)},
			querycheck.ExpectResourceKnownValues("atlasx_stream_connection.kafka", kafka, []querycheck.KnownValueCheck{
				{Path: tfjsonpath.New("kafka").AtMapKey("bootstrap_servers"), KnownValue: knownvalue.StringExact("b1.example.com:9092,b2.example.com:9092")},
				{Path: tfjsonpath.New("kafka").AtMapKey("authentication").AtMapKey("username"), KnownValue: knownvalue.StringExact("app")},
				{Path: tfjsonpath.New("kafka").AtMapKey("authentication").AtMapKey("password"), KnownValue: knownvalue.Null()},
				{Path: tfjsonpath.New("kafka").AtMapKey("networking"), KnownValue: knownvalue.Null()},
				{Path: tfjsonpath.New("state"), KnownValue: knownvalue.StringExact("READY")},
				{Path: tfjsonpath.New("id"), KnownValue: knownvalue.StringExact(env.Seed.ProjectID + "/" + env.Seed.Workspace + "/kafka")},
				{Path: tfjsonpath.New("delete_on_create_timeout"), KnownValue: knownvalue.Bool(true)},
			}),
			expectRequests{env: env, listPages: 1},
		),
	)
}

// Without workspace_name every workspace of the project is listed: one
// workspace list, then each workspace's pages.
func TestAccListEveryWorkspace(t *testing.T) {
	t.Parallel()
	env := acctest.New(t)
	seedSamples(t, env, env.Seed.Workspace, 2)
	seedSamples(t, env, "second", 501)
	queryTest(t, env,
		queryStep(env, `
list "atlasx_stream_connection" "project" {
  provider = atlasx
  limit    = 1000
  config {
    project_id = "%[project]"
  }
}`,
			querycheck.ExpectLength("atlasx_stream_connection.project", 503),
			querycheck.ExpectIdentity("atlasx_stream_connection.project", connectionIdentity(env, env.Seed.Workspace, "c0001")),
			querycheck.ExpectIdentity("atlasx_stream_connection.project", connectionIdentity(env, "second", "c0500")),
			expectRequests{env: env, workspaceLists: 1, listPages: 3},
		),
	)
}

// A workspace that does not exist is one error naming it and its project.
func TestAccListMissingWorkspace(t *testing.T) {
	t.Parallel()
	env := acctest.New(t)
	step := queryStep(env, `
list "atlasx_stream_connection" "missing" {
  provider = atlasx
  config {
    project_id     = "%[project]"
    workspace_name = "nowhere"
  }
}`)
	step.ExpectError = errorLike(`workspace "nowhere" of project ` + env.Seed.ProjectID + ` was not found`)
	queryTest(t, env, step)
}
