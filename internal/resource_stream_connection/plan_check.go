package resource_stream_connection

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/atlasx/terraform-provider-atlasx/internal/client"
	"github.com/atlasx/terraform-provider-atlasx/internal/connection"
)

// checkCreate looks, at plan time, at the workspace a planned create goes
// to, so what the apply would fail on is said before it starts: a workspace
// that does not exist, a name that is already taken. Each is a warning at
// plan, and Create refuses it before any write (connection.Refusal): an
// error at plan would also abort a destroy (say, of a connection renamed
// without a moved block), whose plan the provider cannot tell apart. It reads
// the workspace's snapshot (sharedreads.Reads.LookUp): one list per
// workspace and command, shared with the refresh. Without credentials (a
// pull request's validation) it sends nothing, and a list that fails leaves
// the check to the apply. An apply's final plan of the create checks again,
// in the apply's own provider process: one more list per workspace.
func (r *connectionResource) checkCreate(ctx context.Context, plan tftypes.Value) []connection.Refusal {
	if r.data == nil {
		return nil
	}
	if _, err := r.data.Client(); err != nil {
		return nil
	}
	reads := r.data.Reads()
	ids, known := plannedIDs(plan)
	// The create half of a replace is planned again once the old
	// connection is deleted; if it is still DELETING, the create waits.
	if !known || reads.DeletedHere(ids.WS(), ids.Name) {
		return nil
	}
	existing, found, err := reads.LookUp(ctx, ids.WS(), ids.Name)
	switch {
	case client.IsNotFound(err):
		return []connection.Refusal{{Path: path.Root("workspace_name"), Summary: "Stream workspace not found",
			Detail: fmt.Sprintf("Project %s has no stream workspace %q (or the credentials cannot see the project). Create the workspace first, or correct workspace_name.", ids.ProjectID, ids.Workspace)}}
	case err != nil:
		tflog.Warn(ctx, "Could not check the workspace at plan time; the apply will find out", map[string]any{"connection": ids.String(), "error": err.Error()})
	case !found:
	case existing.State == client.StateDeleting:
		return []connection.Refusal{{Path: path.Root("connection_name"), Summary: "Stream connection is being deleted",
			Detail: fmt.Sprintf("A connection named %q is still being deleted in workspace %q, so it cannot be created again yet. Apply again once it is gone.", ids.Name, ids.Workspace)}}
	case existing.State == client.StatePending || existing.State == client.StateFailed:
		// Most likely the tainted leftover of a create that did not become
		// READY, which Terraform plans to replace as a create: the apply
		// deletes it first. Terraform does not say which it is.
		return []connection.Refusal{{Path: path.Root("connection_name"), Summary: "Stream connection already exists",
			Detail: fmt.Sprintf("A connection named %q already exists in workspace %q, %s. If it is the tainted connection this plan replaces, the apply deletes it first; otherwise the apply fails on its name. %s", ids.Name, ids.Workspace, existing.State, importHint(ids)),
			Advice: true}}
	case r.data.AdoptExisting:
		tflog.Info(ctx, "The connection exists; the apply adopts it if it matches (adopt_existing)", map[string]any{"connection": ids.String()})
		return []connection.Refusal{{Path: path.Root("connection_name"), Summary: "Stream connection already exists",
			Detail: fmt.Sprintf("A connection named %q already exists in workspace %q. With adopt_existing = true the apply takes it over if its type and every non-secret field match the configuration, and fails otherwise.", ids.Name, ids.Workspace),
			Advice: true}}
	default:
		return []connection.Refusal{{Path: path.Root("connection_name"), Summary: "Stream connection already exists", Detail: existsMessage(ids)}}
	}
	return nil
}

// existsMessage says how to adopt a connection that a plan would create
// again, with the import block to write.
func existsMessage(ids connection.IDs) string {
	return fmt.Sprintf(`A connection named %q already exists in workspace %q of project %s. To manage it with this configuration, import it with an import block (the address is this resource's):

import {
  to = atlasx_stream_connection.<name>
  id = %q
}

If this resource was renamed in configuration, add a moved block from its old address instead (moved { from = <old address>, to = <new address> }). Otherwise choose another connection_name, or set adopt_existing = true in the provider block to take over a connection that matches the configuration. If Terraform holds the connection as tainted (terraform taint), plan its replacement with -replace=<address> instead.`, ids.Name, ids.Workspace, ids.ProjectID, ids.String())
}

// plannedIDs reads a planned connection's identity straight from the raw
// plan; known is false while any part is unknown.
func plannedIDs(plan tftypes.Value) (ids connection.IDs, known bool) {
	var attributes map[string]tftypes.Value
	if plan.As(&attributes) != nil {
		return ids, false
	}
	for name, into := range map[string]*string{"project_id": &ids.ProjectID, "workspace_name": &ids.Workspace, "connection_name": &ids.Name} {
		v := attributes[name]
		if !v.IsKnown() || v.IsNull() || v.As(into) != nil {
			return ids, false
		}
	}
	return ids, true
}

// record tells the command's other plans (its failover connections') what
// it plans for the connection: its type, and whether it is (re)created,
// which a plan without prior state says.
func (r *connectionResource) record(plan tftypes.Value, recreated bool) {
	if r.data == nil {
		return
	}
	ids, known := plannedIDs(plan)
	if !known {
		return
	}
	var attributes map[string]tftypes.Value
	if plan.As(&attributes) != nil {
		return
	}
	for _, name := range connection.TypeAttributes() {
		if v := attributes[name]; v.IsKnown() && !v.IsNull() {
			r.data.Plans.Record(ids, connection.Planned{APIType: connection.APITypeOf(name), Recreated: recreated})
			return
		}
	}
}
