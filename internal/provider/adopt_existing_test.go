package provider

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/atlasx/terraform-provider-atlasx/internal/repo"
)

func TestResolveAdoptExisting(t *testing.T) {
	tests := []struct {
		name      string
		config    types.Bool
		env       string
		want      bool
		wantError string // substring of the error's detail; "" for none
	}{
		{name: "unset is off", config: types.BoolNull()},
		{name: "config on", config: types.BoolValue(true), want: true},
		{name: "config off", config: types.BoolValue(false)},
		{name: "env on", config: types.BoolNull(), env: "true", want: true},
		{name: "env 1", config: types.BoolNull(), env: "1", want: true},
		{name: "env off", config: types.BoolNull(), env: "false"},
		{name: "config beats env", config: types.BoolValue(false), env: "true"},
		{name: "env not a boolean", config: types.BoolNull(), env: "yes please", wantError: `ATLASX_ADOPT_EXISTING="yes please" is not a boolean. Set it to true or false`},
		{name: "unknown", config: types.BoolUnknown(), wantError: "adopt_existing depends on a value known only after apply"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Setenv(envAdoptExisting, tc.env)
			var diags diag.Diagnostics
			got := resolveAdoptExisting(tc.config, &diags)
			if tc.wantError != "" {
				if !diags.HasError() || !strings.Contains(diags.Errors()[0].Detail(), tc.wantError) {
					t.Fatalf("diags = %v, want an error containing %q", diags, tc.wantError)
				}
				return
			}
			if diags.HasError() {
				t.Fatalf("unexpected errors: %v", diags)
			}
			if got != tc.want {
				t.Errorf("adopt_existing = %v, want %v", got, tc.want)
			}
		})
	}
}

// The setting's documentation, in the schema and on the provider page, names
// its variable and its risk.
func TestAdoptExistingIsDocumented(t *testing.T) {
	var resp provider.SchemaResponse
	(&atlasxProvider{}).Schema(context.Background(), provider.SchemaRequest{}, &resp)
	attr, ok := resp.Schema.Attributes["adopt_existing"]
	if !ok {
		t.Fatal("the provider schema has no adopt_existing")
	}
	root, err := repo.Root()
	if err != nil {
		t.Fatal(err)
	}
	page, err := os.ReadFile(filepath.Join(root, "templates", "index.md.tmpl"))
	if err != nil {
		t.Fatal(err)
	}
	for where, text := range map[string]string{"schema description": attr.GetMarkdownDescription(), "templates/index.md.tmpl": string(page)} {
		for _, want := range []string{envAdoptExisting, "someone else", "every non-secret field"} {
			if !strings.Contains(text, want) {
				t.Errorf("%s does not mention %q", where, want)
			}
		}
	}
}
