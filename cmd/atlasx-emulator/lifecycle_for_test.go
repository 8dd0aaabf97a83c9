package main

import (
	"context"
	"io"
	"testing"
	"time"

	"github.com/atlasx/terraform-provider-atlasx/internal/client"
	"github.com/atlasx/terraform-provider-atlasx/internal/emulator"
)

// -lifecycle-for says whether the lifecycle flags shape connections,
// failover connections or both: with -pending-reads 1, the first read of
// each shaped object is PENDING, of the others READY.
func TestLifecycleForChoosesWhatThePendingFlagsShape(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		lifecycleFor                   string
		connectionState, failoverState string
	}{
		{"connections", client.StatePending, client.StateReady},
		{"failovers", client.StateReady, client.StatePending},
		{"both", client.StatePending, client.StatePending},
	} {
		t.Run(tt.lifecycleFor, func(t *testing.T) {
			t.Parallel()
			cfg, err := parseFlags([]string{"-pending-reads", "1", "-lifecycle-for", tt.lifecycleFor}, io.Discard)
			if err != nil {
				t.Fatal(err)
			}
			em := emulator.New(cfg.options...)
			seed := em.Seed(emulator.Seed{})
			em.Start()
			t.Cleanup(func() { _ = em.Close() })
			c, err := client.New(client.Config{BaseURL: em.URL(), AccessToken: seed.AccessToken, RequestTimeout: 5 * time.Second})
			if err != nil {
				t.Fatal(err)
			}
			ctx := context.Background()
			kafka := client.StreamConnection{Name: "orders", Type: client.TypeKafka, Settings: map[string]any{"bootstrapServers": "b1.example.com:9092"}}
			if _, err := c.CreateStreamConnection(ctx, seed.ProjectID, seed.Workspace, &kafka); err != nil {
				t.Fatal(err)
			}
			failover := client.FailoverConnection(kafka)
			failover.Region = "DUBLIN_IRL"
			made, err := c.CreateFailoverConnection(ctx, seed.ProjectID, seed.Workspace, "orders", &failover)
			if err != nil {
				t.Fatal(err)
			}
			conn, err := c.GetStreamConnection(ctx, seed.ProjectID, seed.Workspace, "orders")
			if err != nil {
				t.Fatal(err)
			}
			got, err := c.GetFailoverConnection(ctx, seed.ProjectID, seed.Workspace, "orders", made.ID)
			if err != nil {
				t.Fatal(err)
			}
			if conn.State != tt.connectionState || got.State != tt.failoverState {
				t.Errorf("connection %s, failover connection %s; want %s and %s", conn.State, got.State, tt.connectionState, tt.failoverState)
			}
		})
	}
}
