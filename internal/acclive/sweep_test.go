package acclive

import (
	"context"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/atlasx/terraform-provider-atlasx/internal/client"
	"github.com/atlasx/terraform-provider-atlasx/internal/contract"
	"github.com/atlasx/terraform-provider-atlasx/internal/emulator"
)

// newEmulator serves a seeded emulator, held to the API document, and
// returns a client for it.
func newEmulator(t *testing.T) (*emulator.Emulator, emulator.Seed, *client.Client) {
	t.Helper()
	em := emulator.New()
	seed := em.Seed(emulator.Seed{})
	srv := httptest.NewServer(contract.Check(t, em))
	t.Cleanup(srv.Close)
	api, err := client.New(client.Config{BaseURL: srv.URL, AccessToken: seed.AccessToken})
	if err != nil {
		t.Fatal(err)
	}
	return em, seed, api
}

func connectionNames(em *emulator.Emulator, project, workspace string) []string {
	var names []string
	for _, c := range em.Connections(project, workspace) {
		names = append(names, c["name"].(string))
	}
	slices.Sort(names)
	return names
}

// The sweeper deletes what carries the prefix, and says so, and leaves
// everything else alone: other connections, other workspaces, and the
// sample connection of a workspace that is not a run's.
func TestSweepDeletesOnlyWhatCarriesThePrefix(t *testing.T) {
	t.Parallel()
	em, seed, api := newEmulator(t)
	ctx := context.Background()
	p := seed.ProjectID
	for _, name := range []string{"orders", "atlasx-acc-0badc0de-kafka", "atlasx-acc-feedf00d-https", "atlasx-accounts"} {
		if err := em.PutConnection(p, seed.Workspace, map[string]any{"name": name, "type": "Https", "url": "https://example.com"}); err != nil {
			t.Fatal(err)
		}
	}
	for _, ws := range []string{"atlasx-acc-0badc0de-ws", "production"} {
		if err := CreateWorkspace(ctx, api, p, ws, DefaultWorkspaceRegion); err != nil {
			t.Fatal(err)
		}
		if err := em.PutConnection(p, ws, map[string]any{"name": "sample_stream_solar", "type": "Sample"}); err != nil {
			t.Fatal(err)
		}
	}

	var out strings.Builder
	deleted, err := Sweep(ctx, api, p, &out)
	if err != nil {
		t.Fatal(err)
	}
	if deleted != 3 {
		t.Errorf("deleted %d, want 3", deleted)
	}
	for _, line := range []string{
		"deleted stream workspace " + p + "/atlasx-acc-0badc0de-ws\n",
		"deleted stream connection " + p + "/" + seed.Workspace + "/atlasx-acc-0badc0de-kafka\n",
		"deleted stream connection " + p + "/" + seed.Workspace + "/atlasx-acc-feedf00d-https\n",
	} {
		if !strings.Contains(out.String(), line) {
			t.Errorf("output %q does not say %q", out.String(), line)
		}
	}
	if got := connectionNames(em, p, seed.Workspace); !slices.Equal(got, []string{"atlasx-accounts", "orders"}) {
		t.Errorf("left in %s: %v", seed.Workspace, got)
	}
	if got := connectionNames(em, p, "production"); !slices.Equal(got, []string{"sample_stream_solar"}) {
		t.Errorf("left in production: %v", got)
	}
	if _, err := api.GetStreamWorkspace(ctx, p, "atlasx-acc-0badc0de-ws"); !client.IsNotFound(err) {
		t.Errorf("the run's workspace: %v, want it gone", err)
	}

	out.Reset()
	if deleted, err := Sweep(ctx, api, p, &out); deleted != 0 || err != nil || out.Len() != 0 {
		t.Errorf("second sweep: deleted %d, %v, output %q; want nothing", deleted, err, out.String())
	}
}

func TestWorkspaceOfARun(t *testing.T) {
	t.Parallel()
	_, seed, api := newEmulator(t)
	ctx := context.Background()
	const name = "atlasx-acc-12345678-ws"
	if err := CreateWorkspace(ctx, api, seed.ProjectID, name, "OREGON_USA"); err != nil {
		t.Fatal(err)
	}
	ws, err := api.GetStreamWorkspace(ctx, seed.ProjectID, name)
	if err != nil {
		t.Fatal(err)
	}
	if ws.StreamConfig == nil || ws.StreamConfig.Tier != SmallestTier || ws.DataProcessRegion.Region != "OREGON_USA" {
		t.Errorf("workspace %+v, want tier %s in OREGON_USA", ws, SmallestTier)
	}
	// No sample connection: the suite creates the sample itself.
	if conns, err := api.ListStreamConnections(ctx, seed.ProjectID, name); err != nil || len(conns) != 0 {
		t.Errorf("connections %v, %v; want none", conns, err)
	}
	if err := DeleteWorkspace(ctx, api, seed.ProjectID, name, 10*time.Millisecond); err != nil {
		t.Fatal(err)
	}
	if _, err := api.GetStreamWorkspace(ctx, seed.ProjectID, name); !client.IsNotFound(err) {
		t.Errorf("after DeleteWorkspace: %v, want 404", err)
	}
	// Deleting what is already gone is done, not an error.
	if err := DeleteWorkspace(ctx, api, seed.ProjectID, name, 10*time.Millisecond); err != nil {
		t.Errorf("second DeleteWorkspace: %v", err)
	}
}
