package resource_stream_connection

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/atlasx/terraform-provider-atlasx/internal/client"
	"github.com/atlasx/terraform-provider-atlasx/internal/connection"
	"github.com/atlasx/terraform-provider-atlasx/internal/sharedreads"
)

// nameTakenError is a create that Atlas refused because a connection of that
// name was there before it: not one this create made.
type nameTakenError struct{ ids connection.IDs }

func (e *nameTakenError) Error() string {
	return fmt.Sprintf("a connection named %q already exists in workspace %q. %s Or set adopt_existing = true in the provider block to take over a connection that matches the configuration.", e.ids.Name, e.ids.Workspace, importHint(e.ids))
}

// adoptedWarning tells the user, in the apply's output, which connections
// were taken over rather than created, so a takeover is never silent.
const adoptedWarning = "A connection of this name was already in Atlas and matched the configuration in its type and every non-secret field, " +
	"so it was taken over (adopt_existing = true) and sent the configured secrets instead of being created."

// adoptExisting takes over, under adopt_existing, a connection that was in
// Atlas before this create: when its type and every non-secret field match
// the plan, it is sent the configured secrets, as after a create whose answer
// was lost. It was not made by this create, so a failure never deletes it.
func adoptExisting(ctx context.Context, api *client.Client, reads *sharedreads.Reads, ids connection.IDs, want *client.StreamConnection, plan *connection.Model) (*client.StreamConnection, error) {
	existing, err := api.GetStreamConnection(ctx, ids.ProjectID, ids.Workspace, ids.Name)
	if err != nil {
		return nil, fmt.Errorf("a connection named %q already exists in workspace %q, but reading it to adopt it failed: %w", ids.Name, ids.Workspace, err)
	}
	if existing.State == client.StateDeleting {
		return nil, fmt.Errorf("a connection named %q already exists in workspace %q and is being deleted, so it cannot be adopted. Apply again once it is gone", ids.Name, ids.Workspace)
	}
	got, err := adopt(ctx, reads, ids, existing, want, plan)
	if err != nil {
		return nil, connection.NotAdopted("connection", err)
	}
	tflog.Info(ctx, "Adopted an existing stream connection (adopt_existing)", map[string]any{"connection": ids.String()})
	return got, nil
}
