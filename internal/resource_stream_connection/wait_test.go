package resource_stream_connection

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/atlasx/terraform-provider-atlasx/internal/client"
	"github.com/atlasx/terraform-provider-atlasx/internal/connection"
	"github.com/atlasx/terraform-provider-atlasx/internal/emulator"
	"github.com/atlasx/terraform-provider-atlasx/internal/sharedreads"
)

// A deadline that runs out while a poll is in flight, not between two polls,
// still reports the state the connection was left in: the user is told what
// timed out, not which GET did. An interrupt (Ctrl-C, a canceled CI run) is
// told as an interrupt, not as a connection that did not become READY.
func TestWaitsSayHowTheyEndedWhenStoppedMidPoll(t *testing.T) {
	t.Parallel()
	em := emulator.New(emulator.WithLatency(time.Second))
	seed := em.Seed(emulator.Seed{})
	em.Start()
	t.Cleanup(func() { _ = em.Close() })
	api, err := client.New(client.Config{BaseURL: em.URL(), AccessToken: seed.AccessToken})
	if err != nil {
		t.Fatal(err)
	}
	reads := sharedreads.New(api, sharedreads.Config{})
	polling := connection.Polling{Initial: time.Millisecond, Max: time.Millisecond}
	ids := connection.IDs{ProjectID: seed.ProjectID, Workspace: seed.Workspace, Name: "slow"}

	waits := map[string]struct {
		wait                    func(context.Context) error
		onDeadline, onInterrupt string
	}{
		"ready": {
			wait: func(ctx context.Context) error {
				_, err := waitReady(ctx, reads, polling, ids, &client.StreamConnection{State: client.StatePending})
				return err
			},
			onDeadline:  "is still PENDING",
			onInterrupt: "interrupted while waiting for connection " + ids.String() + " to become READY (it was PENDING)",
		},
		"gone": {
			wait:        func(ctx context.Context) error { return waitGone(ctx, reads, polling, ids) },
			onDeadline:  "is still DELETING after delete",
			onInterrupt: "interrupted while waiting for connection " + ids.String() + " to be gone after delete (it was DELETING)",
		},
	}
	ends := map[string]struct {
		stop  func() (context.Context, context.CancelFunc)
		cause error
		want  func(onDeadline, onInterrupt string) string
	}{
		"deadline": {
			stop: func() (context.Context, context.CancelFunc) {
				return context.WithTimeout(context.Background(), 100*time.Millisecond)
			},
			cause: context.DeadlineExceeded,
			want:  func(onDeadline, _ string) string { return onDeadline },
		},
		"interrupt": {
			stop: func() (context.Context, context.CancelFunc) {
				ctx, cancel := context.WithCancel(context.Background())
				time.AfterFunc(100*time.Millisecond, cancel)
				return ctx, cancel
			},
			cause: context.Canceled,
			want:  func(_, onInterrupt string) string { return onInterrupt },
		},
	}
	for name, tc := range waits {
		for endName, end := range ends {
			t.Run(name+" "+endName, func(t *testing.T) {
				t.Parallel()
				ctx, cancel := end.stop()
				defer cancel()
				err := tc.wait(ctx)
				want := end.want(tc.onDeadline, tc.onInterrupt)
				if !errors.Is(err, end.cause) || !strings.Contains(err.Error(), want) {
					t.Fatalf("error = %v, want one saying %q and wrapping %v", err, want, end.cause)
				}
			})
		}
	}
}
