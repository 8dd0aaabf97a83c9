package connection

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/atlasx/terraform-provider-atlasx/internal/client"
	"github.com/atlasx/terraform-provider-atlasx/internal/contract"
	"github.com/atlasx/terraform-provider-atlasx/internal/emulator"
)

// Every example, so every field of the type table (TestExamplesSetEveryField),
// goes to the emulator as the resources send it, behind the check of the
// API's published document: its create and a PATCH of all its fields are
// bodies the document accepts, its answers are ones the document describes,
// and what comes back flattens to the model it was expanded from.
func TestExamplesRoundTripThroughTheEmulatorUnderTheContract(t *testing.T) {
	em := emulator.New()
	seed := em.Seed(emulator.Seed{})
	srv := httptest.NewServer(contract.Check(t, em))
	t.Cleanup(srv.Close)
	transport := http.DefaultTransport.(*http.Transport).Clone()
	t.Cleanup(transport.CloseIdleConnections)
	api, err := client.New(client.Config{BaseURL: srv.URL, AccessToken: seed.AccessToken, Transport: transport, RequestTimeout: 5 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	for _, f := range fixtures() {
		t.Run(f.name, func(t *testing.T) {
			sent, diags := Expand(ctx, &f.model)
			if diags.HasError() {
				t.Fatal(diags)
			}
			if _, err := api.CreateStreamConnection(ctx, seed.ProjectID, seed.Workspace, sent); err != nil {
				t.Fatalf("create: %v", err)
			}
			all, err := secretsPatch(sent)
			if err != nil {
				t.Fatal(err)
			}
			for key, value := range sent.Settings {
				all[key] = value
			}
			all["type"] = sent.Type
			if _, err := api.UpdateStreamConnection(ctx, seed.ProjectID, seed.Workspace, sent.Name, all); err != nil {
				t.Fatalf("update with every field: %v", err)
			}
			answer, err := api.GetStreamConnection(ctx, seed.ProjectID, seed.Workspace, sent.Name)
			if err != nil {
				t.Fatalf("get: %v", err)
			}
			got, diags := Flatten(ctx, answer, &f.model)
			if diags.HasError() {
				t.Fatal(diags)
			}
			back, _ := Expand(ctx, &got)
			if diff := cmp.Diff(sent.Settings, back.Settings); diff != "" {
				t.Errorf("the settings read back (-sent +read):\n%s", diff)
			}
		})
	}
}
