package provider

import (
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/atlasx/terraform-provider-atlasx/internal/providerdata"
)

func TestResolveReadTimeout(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name      string
		config    types.String
		want      time.Duration
		wantError string // substring of the error's detail; "" for none
	}{
		{name: "unset is the default", config: types.StringNull(), want: providerdata.DefaultReadTimeout},
		{name: "minutes", config: types.StringValue("15m"), want: 15 * time.Minute},
		{name: "mixed units", config: types.StringValue("1h30s"), want: time.Hour + 30*time.Second},
		{name: "no unit", config: types.StringValue("300"), wantError: `"300" is not a positive duration`},
		{name: "zero", config: types.StringValue("0s"), wantError: `"0s" is not a positive duration`},
		{name: "negative", config: types.StringValue("-1m"), wantError: `"-1m" is not a positive duration`},
		{name: "unknown", config: types.StringUnknown(), wantError: "read_timeout depends on a value known only after apply"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			var diags diag.Diagnostics
			got := resolveReadTimeout(tc.config, &diags)
			if tc.wantError != "" {
				if !diags.HasError() || !strings.Contains(diags.Errors()[0].Detail(), tc.wantError) {
					t.Fatalf("diags = %v, want an error saying %q", diags, tc.wantError)
				}
				return
			}
			if diags.HasError() || got != tc.want {
				t.Errorf("got %s, %v; want %s", got, diags, tc.want)
			}
		})
	}
}
