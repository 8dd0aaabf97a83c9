package resource_stream_connection_failover_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	fwresource "github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/atlasx/terraform-provider-atlasx/internal/acctest"
	"github.com/atlasx/terraform-provider-atlasx/internal/client"
	"github.com/atlasx/terraform-provider-atlasx/internal/emulator"
)

// Request keys of the parent connection, as the emulator counts them.
var (
	createConnection = "POST " + emulator.RouteConnections
	deleteConnection = "DELETE " + emulator.RouteConnection
)

// pair is a connection "orders" of type typ (kafka or cluster), with
// networking (HCL, or "") for Kafka, and its failover connections in both
// failover regions, which name it by reference.
func pair(env *acctest.Env, typ, networking string) string {
	parent, failover := `cluster = { cluster_name = "primary", db_role_to_execute = { role = "atlasAdmin", type = "BUILT_IN" } }`, `cluster = { cluster_name = "%s" }`
	if typ == "kafka" {
		parent = `kafka = {
    bootstrap_servers = "primary.example.com:9092"
    authentication    = { mechanism = "PLAIN", username = "app", password = "primary-pass" }
    ` + networking + `
  }`
		failover = `kafka = {
    bootstrap_servers = "%s.example.com:9092"
    authentication    = { mechanism = "PLAIN", username = "app", password = "failover-pass" }
  }`
	}
	config := `
resource "atlasx_stream_connection" "orders" {
  project_id      = "%[project]"
  workspace_name  = "%[workspace]"
  connection_name = "orders"
  ` + parent + `
}
`
	for _, region := range []string{"DUBLIN_IRL", "OREGON_USA"} {
		config += fmt.Sprintf(`
resource "atlasx_stream_connection_failover" %q {
  project_id      = atlasx_stream_connection.orders.project_id
  workspace_name  = atlasx_stream_connection.orders.workspace_name
  connection_name = atlasx_stream_connection.orders.connection_name
  region          = %q
  `+failover+`
}
`, strings.ToLower(region), region, strings.ToLower(region))
	}
	return env.Config(config)
}

var pairAddresses = []string{"atlasx_stream_connection.orders", "atlasx_stream_connection_failover.dublin_irl", "atlasx_stream_connection_failover.oregon_usa"}

// replacedTogether expects the connection and both failover connections
// replaced.
func replacedTogether() []plancheck.PlanCheck {
	var checks []plancheck.PlanCheck
	for _, a := range pairAddresses {
		checks = append(checks, plancheck.ExpectResourceAction(a, plancheck.ResourceActionDestroyBeforeCreate))
	}
	return checks
}

// inAtlas checks that Atlas holds the connection, of apiType, and both its
// failover connections.
func inAtlas(env *acctest.Env, apiType string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		conn, ok := env.Emulator.Connection(env.Seed.ProjectID, env.Seed.Workspace, "orders")
		if !ok || conn["type"] != apiType {
			return fmt.Errorf("Atlas holds connection orders = %v, want a %s connection", conn, apiType)
		}
		if got := failoversOf(env); len(got) != 2 {
			return fmt.Errorf("Atlas holds %d failover connections of orders, want 2", len(got))
		}
		return nil
	}
}

// A connection replaced (its access type changes; then tainted) takes its
// failover connections with it in Atlas: the plan replaces them too, one
// apply converges, and the next plan is empty (the framework plans again
// after each step and fails on a non-empty plan).
func TestAccFailoverReplacedWithItsParent(t *testing.T) {
	t.Parallel()
	env := acctest.New(t)
	privateLink := `networking = { access = { type = "PRIVATE_LINK", connection_id = "aaaaaaaaaaaaaaaaaaaaaaaa" } }`
	replaced := map[string]int{createConnection: 1, deleteConnection: 1, createFailover: 2, deleteFailover: 2, updateFailover: 0}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		CheckDestroy:             env.CheckNothingLeft,
		Steps: []resource.TestStep{
			{
				Config: pair(env, "kafka", ""),
				Check:  resource.ComposeTestCheckFunc(inAtlas(env, client.TypeKafka), expectRequests(env, map[string]int{createConnection: 1, createFailover: 2})),
			},
			{
				Config:           pair(env, "kafka", privateLink),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: replacedTogether()},
				Check:            resource.ComposeTestCheckFunc(inAtlas(env, client.TypeKafka), expectRequests(env, replaced)),
			},
			{
				Taint:            []string{"atlasx_stream_connection.orders"},
				Config:           pair(env, "kafka", privateLink),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: replacedTogether()},
				Check:            resource.ComposeTestCheckFunc(inAtlas(env, client.TypeKafka), expectRequests(env, replaced)),
			},
		},
	})
}

// A connection and its failover connections switched from Kafka to Cluster
// in one edit: the plan checks the failover connections against the type it
// plans for the connection, not the one Atlas holds, so it passes, and one
// apply converges.
func TestAccFailoverFollowsItsParentFromKafkaToCluster(t *testing.T) {
	t.Parallel()
	env := acctest.New(t)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		CheckDestroy:             env.CheckNothingLeft,
		Steps: []resource.TestStep{
			{Config: pair(env, "kafka", ""), Check: inAtlas(env, client.TypeKafka)},
			{
				PreConfig:        env.Emulator.ResetCounts,
				Config:           pair(env, "cluster", ""),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: replacedTogether()},
				Check: resource.ComposeTestCheckFunc(inAtlas(env, client.TypeCluster),
					expectRequests(env, map[string]int{createConnection: 1, deleteConnection: 1, createFailover: 2, deleteFailover: 2, updateFailover: 0})),
			},
		},
	})
}

// A region that another resource adds to the workspace earlier in the same
// apply: the plan warns (the region is not there yet), the apply reads the
// workspace afresh before refusing, finds it, and creates the failover
// connection.
func TestAccFailoverRegionAddedInTheSameApply(t *testing.T) {
	t.Parallel()
	env := newWithParent(t)
	factories := env.Factories()
	factories["atlasxtest"] = providerserver.NewProtocol6WithError(&regionsProvider{env: env})
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: factories,
		CheckDestroy:             checkNoFailoverLeft(env),
		Steps: []resource.TestStep{{
			PreConfig: env.Emulator.ResetCounts,
			Config: env.Config(`
resource "atlasxtest_failover_region" "sydney" {
  project_id     = "%[project]"
  workspace_name = "%[workspace]"
  region         = "SYDNEY_AUS"
}

resource "atlasx_stream_connection_failover" "test" {
  project_id      = "%[project]"
  workspace_name  = "%[workspace]"
  connection_name = "orders"
  region          = atlasxtest_failover_region.sydney.region
  kafka           = { bootstrap_servers = "sydney.example.com:9092" }
}
`),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction(address, plancheck.ResourceActionCreate),
			}},
			Check: func(s *terraform.State) error {
				if got := failoversOf(env); len(got) != 1 || got[0]["region"] != "SYDNEY_AUS" {
					return fmt.Errorf("Atlas holds %v, want the failover connection in SYDNEY_AUS", got)
				}
				// The plan and the apply's final plan read the workspace once
				// each: the final plan, after the region's resource, finds it.
				return expectRequests(env, map[string]int{createFailover: 1, getWorkspace: 2})(s)
			},
		}},
	})
}

// A failover connection whose connection is neither in Atlas nor planned
// (named by literal strings, so nothing orders it after a resource that
// creates it) is said at plan and refused at apply before any write.
func TestAccFailoverMissingParentIsRefusedBeforeAnyWrite(t *testing.T) {
	t.Parallel()
	env := acctest.New(t)
	applyRefused(t, env, kafkaFailover(env, "ghost", "DUBLIN_IRL", "dublin.example.com:9092", ""),
		`Connection not found[\s\S]*Workspace "analytics" has no connection "ghost", and this plan does not create one`, map[string]int{getWorkspace: 3, listFailovers: 0})
}

// A destroy never fails on a plan check: with the failover connections
// switched to Cluster while their connection stays Kafka (a check that
// refuses a create), the plan before the destroy warns, and destroy succeeds
// and leaves nothing.
func TestAccFailoverDestroyIgnoresPlanChecks(t *testing.T) {
	t.Parallel()
	env := acctest.New(t)
	dir := env.Workdir(t)
	dir.SetConfig(pair(env, "kafka", ""))
	dir.MustRun("apply", "-auto-approve", "-input=false", "-no-color")
	kafka, cluster := pair(env, "kafka", ""), pair(env, "cluster", "")
	const failovers = `resource "atlasx_stream_connection_failover"`
	dir.SetConfig(kafka[:strings.Index(kafka, failovers)] + cluster[strings.Index(cluster, failovers):])
	if r := dir.Run("plan", "-input=false", "-no-color"); r.ExitCode != 0 || !errorLike("Warning: Failover connection type differs from its connection's").MatchString(r.Output) {
		t.Errorf("the plan does not warn of the type:\n%s", r.Output)
	}
	dir.MustRun("destroy", "-auto-approve", "-input=false", "-no-color")
	if err := env.CheckNothingLeft(nil); err != nil {
		t.Error(err)
	}
}

// A failover connection deleted and created again outside Terraform (a new
// id in its region) holds secrets the configuration never sent: the next
// plan replaces it and says why, and its apply sends the configured secrets.
func TestAccFailoverCreatedAgainOutsideIsReplaced(t *testing.T) {
	t.Parallel()
	env := newWithParent(t)
	config := kafkaFailover(env, "orders", "DUBLIN_IRL", "dublin.example.com:9092", "")
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		CheckDestroy:             checkNoFailoverLeft(env),
		Steps: []resource.TestStep{
			{Config: config},
			{
				PreConfig: func() {
					env.Emulator.RemoveFailoverConnection(env.Seed.ProjectID, env.Seed.Workspace, "orders", "DUBLIN_IRL")
					createOutside(t, env, kafkaIn("DUBLIN_IRL", "not-the-configured-one"))
					env.Emulator.ResetCounts()
				},
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(address, plancheck.ResourceActionDestroyBeforeCreate),
				}},
				Check: func(s *terraform.State) error {
					got := failoversOf(env)
					if len(got) != 1 {
						return fmt.Errorf("Atlas holds %d failover connections, want 1", len(got))
					}
					if auth, _ := got[0]["authentication"].(map[string]any); auth["password"] != "failover-pass" {
						return fmt.Errorf("the failover connection does not hold the configured password")
					}
					return expectRequests(env, map[string]int{createFailover: 1, deleteFailover: 1})(s)
				},
			},
		},
	})
}

// regionsProvider stands in for the provider that manages a workspace's
// failover regions (mongodbatlas_stream_workspace.failover_regions): its one
// resource adds a region to the emulator's workspace when created.
type regionsProvider struct{ env *acctest.Env }

func (p *regionsProvider) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = "atlasxtest"
}
func (p *regionsProvider) Schema(context.Context, provider.SchemaRequest, *provider.SchemaResponse) {}
func (p *regionsProvider) Configure(context.Context, provider.ConfigureRequest, *provider.ConfigureResponse) {
}
func (p *regionsProvider) DataSources(context.Context) []func() datasource.DataSource { return nil }
func (p *regionsProvider) Resources(context.Context) []func() fwresource.Resource {
	return []func() fwresource.Resource{func() fwresource.Resource { return &regionResource{env: p.env} }}
}

type regionResource struct{ env *acctest.Env }

type regionModel struct {
	ProjectID     types.String `tfsdk:"project_id"`
	WorkspaceName types.String `tfsdk:"workspace_name"`
	Region        types.String `tfsdk:"region"`
}

func (r *regionResource) Metadata(_ context.Context, req fwresource.MetadataRequest, resp *fwresource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_failover_region"
}

func (r *regionResource) Schema(_ context.Context, _ fwresource.SchemaRequest, resp *fwresource.SchemaResponse) {
	resp.Schema = schema.Schema{Attributes: map[string]schema.Attribute{
		"project_id":     schema.StringAttribute{Required: true},
		"workspace_name": schema.StringAttribute{Required: true},
		"region":         schema.StringAttribute{Required: true},
	}}
}

// seedRegions are the seeded workspace's failover regions; a workspace has
// two at most, so the resource's region takes the place of the second.
var seedRegions = []string{"OREGON_USA", "DUBLIN_IRL"}

func (r *regionResource) set(m regionModel, regions []string, diags interface{ AddError(string, string) }) {
	if err := r.env.Emulator.SetFailoverRegions(m.ProjectID.ValueString(), m.WorkspaceName.ValueString(), regions...); err != nil {
		diags.AddError("Could not set the failover regions", err.Error())
	}
}

func (r *regionResource) Create(ctx context.Context, req fwresource.CreateRequest, resp *fwresource.CreateResponse) {
	var m regionModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &m)...)
	r.set(m, []string{seedRegions[0], m.Region.ValueString()}, &resp.Diagnostics)
	resp.Diagnostics.Append(resp.State.Set(ctx, m)...)
}

func (r *regionResource) Read(context.Context, fwresource.ReadRequest, *fwresource.ReadResponse) {}

func (r *regionResource) Update(_ context.Context, req fwresource.UpdateRequest, resp *fwresource.UpdateResponse) {
	resp.State.Raw = req.Plan.Raw
}

func (r *regionResource) Delete(ctx context.Context, req fwresource.DeleteRequest, resp *fwresource.DeleteResponse) {
	var m regionModel
	resp.Diagnostics.Append(req.State.Get(ctx, &m)...)
	r.set(m, seedRegions, &resp.Diagnostics)
}

// An apply killed while failover connections were PENDING leaves them in
// Atlas and not in state. Applied again with adopt_existing, each is taken
// over (its create refused, then its secrets sent) rather than refused: one
// apply converges, with no duplicate.
func TestAccFailoverAdoptExistingTakesOverALeftover(t *testing.T) {
	t.Parallel()
	env := newWithParent(t, emulator.WithFailoverLifecycle(emulator.Lifecycle{PendingReads: 2}))
	createOutside(t, env, kafkaIn("DUBLIN_IRL", "failover-pass"))
	env.Emulator.ResetCounts()
	config := strings.Replace(kafkaFailover(env, "orders", "DUBLIN_IRL", "dublin.example.com:9092", ""), `provider "atlasx" {`, "provider \"atlasx\" {\n  adopt_existing = true", 1)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: env.Factories(),
		CheckDestroy:             checkNoFailoverLeft(env),
		Steps: []resource.TestStep{{
			Config:            config,
			ConfigStateChecks: []statecheck.StateCheck{stateReady},
			Check: func(s *terraform.State) error {
				if got := failoversOf(env); len(got) != 1 {
					return fmt.Errorf("Atlas holds %d failover connections, want the leftover alone", len(got))
				}
				return expectRequests(env, map[string]int{createFailover: 1, updateFailover: 1, deleteFailover: 0})(s)
			},
		}},
	})
}

// The other ways a connection is replaced, `-replace` and a FAILED state,
// replace its failover connections in the same apply too; the next plan is
// empty.
func TestAccFailoverReplacedWithItsParentByReplaceAndFailed(t *testing.T) {
	t.Parallel()
	env := acctest.New(t)
	dir := env.Workdir(t)
	dir.SetConfig(pair(env, "kafka", ""))
	dir.MustRun("apply", "-auto-approve", "-input=false", "-no-color")
	replaced := map[string]int{createConnection: 1, deleteConnection: 1, createFailover: 2, deleteFailover: 2, updateFailover: 0}
	for _, how := range []struct {
		name   string
		before func() error
		args   []string
	}{
		{"-replace", func() error { return nil }, []string{"-replace=atlasx_stream_connection.orders"}},
		{"FAILED", func() error {
			conn, _ := env.Emulator.Connection(env.Seed.ProjectID, env.Seed.Workspace, "orders")
			conn["state"] = "FAILED"
			return env.Emulator.PutConnection(env.Seed.ProjectID, env.Seed.Workspace, conn)
		}, nil},
	} {
		if err := how.before(); err != nil {
			t.Fatal(err)
		}
		env.Emulator.ResetCounts()
		applied := dir.MustRun(append([]string{"apply", "-auto-approve", "-input=false", "-no-color"}, how.args...)...)
		for _, a := range pairAddresses[1:] {
			if !strings.Contains(applied.Output, a+" must be replaced") {
				t.Errorf("%s: the plan does not replace %s:\n%s", how.name, a, applied.Output)
			}
		}
		if err := expectRequests(env, replaced)(nil); err != nil {
			t.Errorf("%s: %v", how.name, err)
		}
		if err := inAtlas(env, client.TypeKafka)(nil); err != nil {
			t.Errorf("%s: %v", how.name, err)
		}
		if r := dir.Run("plan", "-detailed-exitcode", "-input=false", "-no-color"); r.ExitCode != 0 {
			t.Errorf("%s: the next plan is not empty:\n%s", how.name, r.Output)
		}
	}
	dir.MustRun("destroy", "-auto-approve", "-input=false", "-no-color")
	if err := env.CheckNothingLeft(nil); err != nil {
		t.Error(err)
	}
}
