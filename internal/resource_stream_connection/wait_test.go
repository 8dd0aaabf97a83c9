package resource_stream_connection

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/atlasx/terraform-provider-atlasx/internal/client"
	"github.com/atlasx/terraform-provider-atlasx/internal/emulator"
	"github.com/atlasx/terraform-provider-atlasx/internal/providerdata"
)

// A deadline that runs out while a poll is in flight, not between two polls,
// still reports the state the connection was left in: the user is told what
// timed out, not which GET did.
func TestWaitsReportTheStateWhenTheDeadlinePassesMidPoll(t *testing.T) {
	t.Parallel()
	em := emulator.New(emulator.WithLatency(time.Second))
	seed := em.Seed(emulator.Seed{})
	em.Start()
	t.Cleanup(func() { _ = em.Close() })
	api, err := client.New(client.Config{BaseURL: em.URL(), AccessToken: seed.AccessToken})
	if err != nil {
		t.Fatal(err)
	}
	polling := providerdata.Polling{Initial: time.Millisecond, Max: time.Millisecond}
	ids := connectionIDs{seed.ProjectID, seed.Workspace, "slow"}

	waits := map[string]struct {
		wait func(context.Context) error
		want string
	}{
		"ready": {
			wait: func(ctx context.Context) error {
				_, err := waitReady(ctx, api, polling, ids, &client.StreamConnection{State: client.StatePending})
				return err
			},
			want: "is still PENDING",
		},
		"gone": {
			wait: func(ctx context.Context) error { return waitGone(ctx, api, polling, ids) },
			want: "is still DELETING after delete",
		},
	}
	for name, tc := range waits {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
			defer cancel()
			err := tc.wait(ctx)
			if !errors.Is(err, context.DeadlineExceeded) || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error = %v, want one saying %q and wrapping the deadline", err, tc.want)
			}
		})
	}
}
