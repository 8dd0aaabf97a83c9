package acclive

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/atlasx/terraform-provider-atlasx/internal/client"
)

// Sweep deletes what live runs left in a project: every workspace whose
// name carries Prefix (with whatever it holds), and in the other workspaces
// every connection whose name carries it. It writes one line per deletion
// to out and touches nothing else. It goes on past a failed deletion and
// returns every failure.
func Sweep(ctx context.Context, api *client.Client, projectID string, out io.Writer) (deleted int, err error) {
	workspaces, err := api.ListStreamWorkspaces(ctx, projectID)
	if err != nil {
		return 0, fmt.Errorf("listing the stream workspaces of project %s: %w", projectID, err)
	}
	var failures []error
	gone := func(what string, err error) {
		switch {
		case err == nil:
			deleted++
			fmt.Fprintf(out, "deleted %s\n", what)
		case client.IsNotFound(err):
			// Deleted meanwhile: nothing left to do.
		default:
			failures = append(failures, fmt.Errorf("deleting %s: %w", what, err))
		}
	}
	for _, ws := range workspaces {
		if IsRunName(ws.Name) {
			gone(fmt.Sprintf("stream workspace %s/%s", projectID, ws.Name), api.DeleteStreamWorkspace(ctx, projectID, ws.Name))
			continue
		}
		connections, err := api.ListStreamConnections(ctx, projectID, ws.Name)
		if err != nil {
			failures = append(failures, fmt.Errorf("listing the connections of workspace %s: %w", ws.Name, err))
			continue
		}
		for _, c := range connections {
			if IsRunName(c.Name) {
				gone(fmt.Sprintf("stream connection %s/%s/%s", projectID, ws.Name, c.Name), api.DeleteStreamConnection(ctx, projectID, ws.Name, c.Name))
			}
		}
	}
	return deleted, errors.Join(failures...)
}
