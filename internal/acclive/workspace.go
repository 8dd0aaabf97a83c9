package acclive

import (
	"context"
	"fmt"
	"time"

	"github.com/atlasx/terraform-provider-atlasx/internal/client"
)

// SmallestTier is the tier a run creates its workspace in: the cheapest
// the API offers.
const SmallestTier = "SP2"

// CreateWorkspace creates a run's own stream workspace, in the smallest
// tier and without sample connections, so the suite controls everything in it.
func CreateWorkspace(ctx context.Context, api *client.Client, projectID, name, region string) error {
	_, err := api.CreateStreamWorkspace(ctx, projectID, &client.StreamWorkspace{
		Name:              name,
		DataProcessRegion: &client.DataProcessRegion{CloudProvider: "AWS", Region: region},
		StreamConfig:      &client.StreamConfig{Tier: SmallestTier},
	})
	if err != nil {
		return fmt.Errorf("creating stream workspace %s in project %s: %w", name, projectID, err)
	}
	return nil
}

// DeleteWorkspace deletes a run's workspace and waits until Atlas no longer
// shows it, polling every poll.
func DeleteWorkspace(ctx context.Context, api *client.Client, projectID, name string, poll time.Duration) error {
	if err := api.DeleteStreamWorkspace(ctx, projectID, name); err != nil && !client.IsNotFound(err) {
		return fmt.Errorf("deleting stream workspace %s: %w", name, err)
	}
	for {
		_, err := api.GetStreamWorkspace(ctx, projectID, name)
		switch {
		case client.IsNotFound(err):
			return nil
		case err != nil:
			return fmt.Errorf("waiting for stream workspace %s to go: %w", name, err)
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("stream workspace %s is still there: %w", name, ctx.Err())
		case <-time.After(poll):
		}
	}
}
