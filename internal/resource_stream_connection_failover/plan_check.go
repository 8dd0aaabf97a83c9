package resource_stream_connection_failover

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/atlasx/terraform-provider-atlasx/internal/client"
	"github.com/atlasx/terraform-provider-atlasx/internal/connection"
	"github.com/atlasx/terraform-provider-atlasx/internal/sharedreads"
)

var _ resource.ResourceWithModifyPlan = (*failoverResource)(nil)

// ModifyPlan says at plan time what the apply would fail on: a second
// failover connection for one region in the configuration (no request), and,
// for a create, a region that is not one of the workspace's failover regions
// or a type other than the parent connection's when Atlas already holds the
// parent (one GET of the workspace with its connections per workspace and
// command, shared by every failover connection's checks). Without credentials
// (a pull request's validation) it sends nothing, and a read that fails
// leaves the check to the apply.
func (r *failoverResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() {
		return
	}
	replaceFailed(ctx, req, resp)
	if r.data == nil {
		return
	}
	if _, err := r.data.Client(); err != nil {
		return
	}
	planned, known := plannedFailover(req.Plan.Raw)
	if !known {
		return
	}
	reads := r.data.Reads()
	creating := req.State.Raw.IsNull()
	// The create half of a replace is planned again, as a create; its
	// region was claimed by the plan of the object it replaces.
	if !creating || !connection.Replacing(ctx, req.Private) {
		checkClaim(r.data.Plans, planned, &resp.Diagnostics)
	}
	if creating {
		checkWorkspace(ctx, reads, r.data.Plans, planned, &resp.Diagnostics)
	}
}

// replaceFailed replaces a failover connection that Atlas reports FAILED:
// it cannot be repaired in place, and keeping it would leave the plan empty
// forever.
func replaceFailed(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	var state types.String
	if req.State.Raw.IsNull() || req.State.GetAttribute(ctx, path.Root("state"), &state).HasError() || state.ValueString() != client.StateFailed {
		return
	}
	resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("state"), types.StringUnknown())...)
	resp.RequiresReplace = append(resp.RequiresReplace, path.Root("state"))
}

// plannedFailover is a planned failover connection's names and type
// attribute, read straight from the raw plan; known is false while any of
// them is unknown.
type planned struct {
	failoverIDs
	typeAttribute string
}

func plannedFailover(plan tftypes.Value) (p planned, known bool) {
	var attributes map[string]tftypes.Value
	if plan.As(&attributes) != nil {
		return p, false
	}
	for name, into := range map[string]*string{
		"project_id": &p.projectID, "workspace_name": &p.workspace, "connection_name": &p.connection, "region": &p.region,
	} {
		v := attributes[name]
		if !v.IsKnown() || v.IsNull() || v.As(into) != nil {
			return p, false
		}
	}
	for _, name := range typeAttributes {
		v := attributes[name]
		if !v.IsKnown() {
			return p, false
		}
		if !v.IsNull() {
			p.typeAttribute = name
		}
	}
	return p, p.typeAttribute != ""
}

// checkClaim refuses a second failover connection of one connection in one
// region among the resources this command plans.
func checkClaim(plans *connection.Plans, p planned, diags *diag.Diagnostics) {
	if plans.ClaimFailoverRegion(p.parentIDs(), p.region) {
		return
	}
	diags.AddAttributeError(path.Root("region"), "Two failover connections for one region",
		fmt.Sprintf("Another atlasx_stream_connection_failover in this configuration is also the failover connection of connection %q (workspace %q) in region %s. "+
			"A connection has at most one failover connection per region: remove one of the two resources, or set region to another of the workspace's failover regions.",
			p.connection, p.workspace, p.region))
}

// checkWorkspace requires one of the workspace's failover regions and the
// parent's type: the type this command plans for the parent when its plan
// was recorded (a parent created or replaced by this apply is not in Atlas
// yet, or not as planned), else the type Atlas holds, if it holds the
// parent. Both come from one read of the workspace with its connections,
// shared by every check of the workspace in the command.
func checkWorkspace(ctx context.Context, reads *sharedreads.Reads, plans *connection.Plans, p planned, diags *diag.Diagnostics) {
	parent, recorded := plans.Of(p.parentIDs())
	reading := p.connection
	if recorded {
		reading = "" // only the regions are read from Atlas
	}
	ws, err := reads.StreamWorkspace(ctx, p.parent().Workspace, reading)
	switch {
	case client.IsNotFound(err):
		diags.AddAttributeError(path.Root("workspace_name"), "Stream workspace not found",
			fmt.Sprintf("Project %s has no stream workspace %q (or the credentials cannot see the project). Create the workspace first, or correct workspace_name.", p.projectID, p.workspace))
		return
	case err != nil:
		tflog.Warn(ctx, "Could not read the workspace at plan time; the apply will find out", map[string]any{"failover": p.String(), "error": err.Error()})
		return
	}
	checkRegion(ws, p, diags)
	if recorded {
		checkParentType(parent.APIType, p, diags)
		return
	}
	for _, c := range ws.Connections {
		if c.Name == p.connection {
			checkParentType(c.Type, p, diags)
		}
	}
}

// checkRegion requires one of the workspace's failover regions.
func checkRegion(ws *client.StreamWorkspace, p planned, diags *diag.Diagnostics) {
	var regions []string
	for _, r := range ws.FailoverRegions {
		if r.Region == p.region {
			return
		}
		regions = append(regions, r.Region)
	}
	detail := fmt.Sprintf("Region %q is not a failover region of stream workspace %q. ", p.region, p.workspace)
	if len(regions) == 0 {
		detail += "The workspace has no failover regions: add the region to the workspace's failover regions first."
	} else {
		detail += "Its failover regions are " + strings.Join(regions, ", ") + ": set region to one of them, or add the region to the workspace's failover regions."
	}
	diags.AddAttributeError(path.Root("region"), "Not a failover region of the workspace", detail)
}

// checkParentType requires the parent's type.
func checkParentType(parentType string, p planned, diags *diag.Diagnostics) {
	want := connection.AttributeOf(parentType)
	switch {
	case !connection.HasFailovers(parentType):
		diags.AddAttributeError(path.Root("connection_name"), "Connection has no failover connections",
			fmt.Sprintf("Connection %q is a %s connection: only %s connections have failover connections.", p.connection, parentType, connection.FailoverAPITypes()))
	case want != p.typeAttribute:
		diags.AddAttributeError(path.Root(p.typeAttribute), "Failover connection type differs from its connection's",
			fmt.Sprintf("Connection %q is a %s connection, so its failover connection is one too: set `%s` instead of `%s`.", p.connection, parentType, want, p.typeAttribute))
	}
}
