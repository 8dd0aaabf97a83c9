package resource_stream_connection

import (
	"context"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/atlasx/terraform-provider-atlasx/internal/client"
	"github.com/atlasx/terraform-provider-atlasx/internal/connection"
	"github.com/atlasx/terraform-provider-atlasx/internal/connection/connectiontest"
	"github.com/atlasx/terraform-provider-atlasx/internal/emulator"
	"github.com/atlasx/terraform-provider-atlasx/internal/sharedreads"
)

// A refresh may read a connection from a page of its workspace's list or
// with its own GET: for every type, both give the same state, after a
// create (with the prior model) and after an import (without one).
func TestStateFromAPageEqualsStateFromAGet(t *testing.T) {
	t.Parallel()
	em := emulator.New()
	seed := em.Seed(emulator.Seed{})
	em.Start()
	t.Cleanup(func() { _ = em.Close() })
	api, err := client.New(client.Config{BaseURL: em.URL(), AccessToken: seed.AccessToken, MinBackoff: time.Millisecond, MaxBackoff: 10 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	reads := sharedreads.New(api, sharedreads.Config{})
	ctx := context.Background()
	for _, f := range fixtures() {
		if _, err := api.CreateStreamConnection(ctx, seed.ProjectID, seed.Workspace, &f.api); err != nil {
			t.Fatalf("creating %s: %v", f.name, err)
		}
	}
	for _, f := range fixtures() {
		t.Run(f.name, func(t *testing.T) {
			got, err := api.GetStreamConnection(ctx, seed.ProjectID, seed.Workspace, f.name)
			if err != nil {
				t.Fatal(err)
			}
			listed, found, err := reads.LookUp(ctx, sharedreads.Workspace{ProjectID: seed.ProjectID, Name: seed.Workspace}, f.name)
			if err != nil || !found {
				t.Fatalf("the list does not show %s: found %v, %v", f.name, found, err)
			}
			for prior, model := range map[string]*connection.Model{"create": &f.model, "import": {}} {
				fromGet, diags := connection.Flatten(ctx, got, model)
				if diags.HasError() {
					t.Fatal(diags)
				}
				fromPage, diags := connection.Flatten(ctx, listed, model)
				if diags.HasError() {
					t.Fatal(diags)
				}
				if diff := cmp.Diff(fromGet, fromPage, connectiontest.CmpModels()); diff != "" {
					t.Errorf("after %s, state from the page differs from state from the GET (-get +page):\n%s", prior, diff)
				}
			}
		})
	}
}
