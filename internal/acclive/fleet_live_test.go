//go:build live

package acclive_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
)

// TestAccLiveFleetConverges is the fault-free part of the reliability
// suite: a fleet of connections applied in one apply, at the CLI's default
// parallelism, through Atlas's real rate limits and whatever else the
// service does; state and Atlas must then hold exactly the fleet, the next
// plan must be empty, and one destroy must leave nothing.
func TestAccLiveFleetConverges(t *testing.T) {
	r := liveTest(t)
	size := r.settings.FleetSize
	fleetPrefix := r.prefix + "fleet-"
	hcl := r.config(fmt.Sprintf(`
resource "atlasx_stream_connection" "fleet" {
  count           = %d
  project_id      = "%%[project]"
  workspace_name  = "%%[workspace]"
  connection_name = format("%s%%02d", count.index)
  https = {
    url     = "https://example.com/atlasx-acc/fleet/${count.index}"
    headers = { Authorization = "Bearer fleet-${count.index}" }
  }
}
`, size, fleetPrefix))
	var names []string
	for i := range size {
		names = append(names, fmt.Sprintf("%s%02d", fleetPrefix, i))
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: r.factories(),
		CheckDestroy:             r.atlasGone(names...),
		Steps: []resource.TestStep{
			{Config: hcl, Check: r.fleetConverged(fleetPrefix, names)},
			{Config: hcl, ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}}},
		},
	})
}

// fleetConverged checks that the state and Atlas both hold exactly the
// fleet: nothing missing, nothing twice, nothing orphaned, every connection
// READY in Atlas with the id the state holds.
func (r *liveRun) fleetConverged(fleetPrefix string, names []string) func(*terraform.State) error {
	return func(s *terraform.State) error {
		ctx, cancel := context.WithTimeout(context.Background(), apiTimeout)
		defer cancel()
		listed, err := r.api.ListStreamConnections(ctx, r.settings.ProjectID, r.workspace)
		if err != nil {
			return fmt.Errorf("listing the workspace's connections: %w", err)
		}
		atlas := map[string]string{} // name -> id
		var inAtlas []string
		for _, c := range listed {
			if strings.HasPrefix(c.Name, fleetPrefix) {
				if c.State != "READY" {
					return fmt.Errorf("Atlas shows %s in state %q, want READY", c.Name, c.State)
				}
				atlas[c.Name] = c.ID
				inAtlas = append(inAtlas, c.Name)
			}
		}
		var inState []string
		for i := range names {
			attrs, err := attributes(s, fmt.Sprintf("atlasx_stream_connection.fleet.%d", i))
			if err != nil {
				return err
			}
			name := attrs["connection_name"]
			inState = append(inState, name)
			if attrs["connection_id"] != atlas[name] {
				return fmt.Errorf("state holds %s with id %q, Atlas with %q", name, attrs["connection_id"], atlas[name])
			}
		}
		slices.Sort(inAtlas)
		slices.Sort(inState)
		if !slices.Equal(inAtlas, names) || !slices.Equal(inState, names) {
			return fmt.Errorf("want exactly %d connections %v\nAtlas holds %v\nstate holds %v", len(names), names, inAtlas, inState)
		}
		return nil
	}
}
