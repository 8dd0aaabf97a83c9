package resource_stream_connection_failover

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/atlasx/terraform-provider-atlasx/internal/client"
	"github.com/atlasx/terraform-provider-atlasx/internal/connection"
)

var _ resource.ResourceWithModifyPlan = (*failoverResource)(nil)

// ModifyPlan plans the failover connection's replacement when this command
// (re)creates its parent (Atlas deletes a connection's failover connections
// with it), and checks a create against what the apply would fail on: a
// second failover connection for one region in the configuration, a region
// that is not one of the workspace's failover regions, a parent that is
// neither in Atlas nor planned, a type other than the parent's planned (or
// Atlas's) type, and a failover connection Atlas already holds in the region.
// Each is said at plan as a warning and refused by Create before any write
// (connection.Refusal): an error at plan would also abort a destroy, whose
// plan the provider cannot tell apart. The reads are shared (one GET of the
// workspace per command, a parent's failover list only when Atlas holds the
// parent and this command does not recreate it); without credentials (a pull
// request's validation) nothing is read, and a read that fails leaves the
// check to the apply.
func (r *failoverResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() {
		return
	}
	replaceFailed(ctx, req, resp)
	if r.data == nil {
		return
	}
	planned, known := plannedFailover(req.Plan.Raw)
	if !known {
		return
	}
	creating := req.State.Raw.IsNull()
	if !creating {
		r.replaceWithParent(ctx, planned, resp)
		replaceRecreatedOutside(ctx, planned, req, resp)
	}
	// The create half of a replace is planned again, as a create; its
	// region was claimed by the plan of the object it replaces. A second
	// claim is said here and refused by the second Create (Plans.Created):
	// both resources have the one identity, so a refusal recorded by it
	// would stop both.
	if (!creating || !connection.Replacing(ctx, req.Private)) && !r.data.Plans.ClaimFailoverRegion(planned.parentIDs(), planned.region) {
		twoForOneRegion(planned).Warn(&resp.Diagnostics)
	}
	var refusals []connection.Refusal
	// A replacement (of names, region or type) is checked as the create it
	// plans, here as well as in the create half that Terraform plans next:
	// the CLIs show the warnings of this plan, not of that one.
	if _, err := r.data.Client(); err == nil && (creating || replaces(req.State.Raw, planned)) {
		refusals = append(refusals, r.checkCreate(ctx, planned)...)
	}
	for _, refusal := range refusals {
		refusal.Warn(&resp.Diagnostics)
	}
	r.data.Plans.SetRefusals(planned.String(), refusals)
}

// replaces says whether a plan with prior state changes the failover
// connection's names, region or type, each of which replaces it.
func replaces(state tftypes.Value, p planned) bool {
	prior, known := plannedFailover(state)
	return known && prior != p
}

// replaceRecreatedOutside plans the replacement of a failover connection
// that Read found deleted and created again outside Terraform (a new id in
// its region): the new one holds secrets the configuration never sent, and
// Atlas never shows them, so only a create sends the configured ones.
func replaceRecreatedOutside(ctx context.Context, p planned, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	value, diags := req.Private.GetKey(ctx, recreatedOutside)
	var previous string
	if diags.HasError() || json.Unmarshal(value, &previous) != nil {
		return
	}
	replaceID(ctx, resp)
	resp.Diagnostics.AddWarning("Failover connection "+p.String()+" was created again outside Terraform",
		fmt.Sprintf("Atlas holds another failover connection in region %s than the one this configuration created (%s): it was deleted and created again outside Terraform, "+
			"with secrets the configuration never sent. It is replaced, so that it holds the configured ones.", p.region, previous))
}

// replaceID plans a replacement through failover_connection_id, which a
// create changes: Terraform counts a RequiresReplace path only when its
// value changes.
func replaceID(ctx context.Context, resp *resource.ModifyPlanResponse) {
	resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("failover_connection_id"), types.StringUnknown())...)
	resp.RequiresReplace = append(resp.RequiresReplace, path.Root("failover_connection_id"))
}

// replaceWithParent plans the replacement of a failover connection whose
// parent this command (re)creates: Atlas deletes a connection's failover
// connections with it, so keeping this one would leave state holding what
// Atlas no longer has, and the next plan creating it again.
func (r *failoverResource) replaceWithParent(ctx context.Context, p planned, resp *resource.ModifyPlanResponse) {
	parent, recorded := r.data.Plans.Of(p.parentIDs())
	if !recorded || !parent.Recreated {
		return
	}
	replaceID(ctx, resp)
	resp.Diagnostics.AddWarning("Failover connection "+p.String()+" replaced with its connection",
		fmt.Sprintf("This plan creates or replaces connection %q, and Atlas deletes a connection's failover connections with it, so this failover connection is created again after it.", p.connection))
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

// twoForOneRegion says that another resource of the configuration is the
// failover connection of the same connection in the same region: a
// connection has at most one per region.
func twoForOneRegion(p planned) connection.Refusal {
	return connection.Refusal{Path: path.Root("region"), Summary: "Two failover connections for one region",
		Detail: fmt.Sprintf("Another atlasx_stream_connection_failover in this configuration is also the failover connection of connection %q (workspace %q) in region %s. "+
			"A connection has at most one failover connection per region: remove one of the two resources, or set region to another of the workspace's failover regions.",
			p.connection, p.workspace, p.region)}
}

// checkCreate checks a planned create against the workspace and the parent:
// the parent's type is the one this command plans for it when its plan was
// recorded (a parent created or replaced by this apply is not in Atlas yet,
// or not as planned), else the type Atlas holds. A parent that this command
// does not recreate and Atlas holds may already have a failover connection
// in the region: one read of its failover list tells.
func (r *failoverResource) checkCreate(ctx context.Context, p planned) []connection.Refusal {
	reads := r.data.Reads()
	parent, recorded := r.data.Plans.Of(p.parentIDs())
	reading := p.connection
	if recorded {
		reading = "" // only the regions are read from Atlas
	}
	ws, err := reads.StreamWorkspace(ctx, p.parent().Workspace, reading)
	switch {
	case client.IsNotFound(err):
		return []connection.Refusal{{Path: path.Root("workspace_name"), Summary: "Stream workspace not found",
			Detail: fmt.Sprintf("Project %s has no stream workspace %q (or the credentials cannot see the project). Create the workspace first, or correct workspace_name.", p.projectID, p.workspace)}}
	case err != nil:
		tflog.Warn(ctx, "Could not read the workspace at plan time; the apply will find out", map[string]any{"failover": p.String(), "error": err.Error()})
		return nil
	}
	refusals := r.checkRegion(ws, p)
	if recorded {
		return append(refusals, checkParentType(parent.APIType, p)...)
	}
	var inAtlas *client.StreamConnection
	for i := range ws.Connections {
		if ws.Connections[i].Name == p.connection {
			inAtlas = &ws.Connections[i]
		}
	}
	if inAtlas == nil {
		return append(refusals, connection.Refusal{Path: path.Root("connection_name"), Summary: "Connection not found",
			Detail: fmt.Sprintf("Workspace %q has no connection %q, and this plan does not create one. Create the connection first, or correct connection_name. "+
				"If an atlasx_stream_connection of this configuration creates it, name it by reference (connection_name = atlasx_stream_connection.<name>.connection_name) so that this failover connection is planned after it.",
				p.workspace, p.connection)})
	}
	refusals = append(refusals, checkParentType(inAtlas.Type, p)...)
	return append(refusals, r.checkTaken(ctx, p)...)
}

// checkTaken says when the parent already has a failover connection in the
// region: the apply would fail on it, unless adopt_existing takes it over.
func (r *failoverResource) checkTaken(ctx context.Context, p planned) []connection.Refusal {
	existing, err := inRegion(ctx, r.data.Reads(), p.failoverIDs)
	switch {
	case err != nil:
		tflog.Warn(ctx, "Could not list the failover connections at plan time; the apply will find out", map[string]any{"failover": p.String(), "error": err.Error()})
		return nil
	case existing == nil || existing.State == client.StateDeleting:
		return nil
	case r.data.AdoptExisting:
		tflog.Info(ctx, "The failover connection exists; the apply adopts it if it matches (adopt_existing)", map[string]any{"failover": p.String()})
		return nil
	}
	return []connection.Refusal{{Path: path.Root("region"), Summary: "Failover connection already exists", Detail: existsMessage(p.failoverIDs)}}
}

// existsMessage says how to adopt a failover connection that a plan would
// create again, with the import block to write.
func existsMessage(ids failoverIDs) string {
	return fmt.Sprintf(`Connection %q of workspace %q already has a failover connection in region %s. To manage it with this configuration, import it (the address is this resource's):

import {
  to = atlasx_stream_connection_failover.<name>
  identity = {
    project_id      = %q
    workspace_name  = %q
    connection_name = %q
    region          = %q
  }
}

(or id = %q with a CLI older than Terraform 1.12). Otherwise set region to another of the workspace's failover regions, or set adopt_existing = true in the provider block to take over a failover connection that matches the configuration.`,
		ids.connection, ids.workspace, ids.region, ids.projectID, ids.workspace, ids.connection, ids.region, ids.String())
}

// checkRegion requires one of the workspace's failover regions. The apply
// reads the workspace afresh before refusing: a region that another resource
// adds earlier in the same apply is there by then.
func (r *failoverResource) checkRegion(ws *client.StreamWorkspace, p planned) []connection.Refusal {
	if hasRegion(ws, p.region) {
		return nil
	}
	var regions []string
	for _, fr := range ws.FailoverRegions {
		regions = append(regions, fr.Region)
	}
	detail := fmt.Sprintf("Region %q is not a failover region of stream workspace %q. ", p.region, p.workspace)
	if len(regions) == 0 {
		detail += "The workspace has no failover regions: add the region to the workspace's failover regions first."
	} else {
		detail += "Its failover regions are " + strings.Join(regions, ", ") + ": set region to one of them, or add the region to the workspace's failover regions."
	}
	detail += " If another resource of this configuration adds it, the apply finds it there before it creates this failover connection."
	return []connection.Refusal{{Path: path.Root("region"), Summary: "Not a failover region of the workspace", Detail: detail,
		Settled: func(ctx context.Context) bool {
			api, err := r.data.Client()
			if err != nil {
				return false
			}
			ws, err := api.GetStreamWorkspaceWithConnections(ctx, p.projectID, p.workspace)
			return err == nil && hasRegion(ws, p.region)
		}}}
}

func hasRegion(ws *client.StreamWorkspace, region string) bool {
	for _, fr := range ws.FailoverRegions {
		if fr.Region == region {
			return true
		}
	}
	return false
}

// checkParentType requires the parent's type.
func checkParentType(parentType string, p planned) []connection.Refusal {
	want := connection.AttributeOf(parentType)
	switch {
	case !connection.HasFailovers(parentType):
		return []connection.Refusal{{Path: path.Root("connection_name"), Summary: "Connection has no failover connections",
			Detail: fmt.Sprintf("Connection %q is a %s connection: only %s connections have failover connections.", p.connection, parentType, connection.FailoverAPITypes())}}
	case want != p.typeAttribute:
		return []connection.Refusal{{Path: path.Root(p.typeAttribute), Summary: "Failover connection type differs from its connection's",
			Detail: fmt.Sprintf("Connection %q is a %s connection, so its failover connection is one too: set `%s` instead of `%s`.", p.connection, parentType, want, p.typeAttribute)}}
	}
	return nil
}
