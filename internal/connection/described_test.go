package connection

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// A described validator says and reports exactly what the one it wraps does.
func TestDescribedValidatorsAreTheirPackagesOwn(t *testing.T) {
	ctx := context.Background()
	for _, tt := range []struct {
		name        string
		ours, stock validator.String
		good, bad   string
	}{
		{"NonEmpty", NonEmpty, stringvalidator.LengthAtLeast(1), "x", ""},
		{"oneOf", OneOf(kafkaProtocols...), stringvalidator.OneOf(kafkaProtocols...), "SSL", "TLS"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got, want := tt.ours.Description(ctx), tt.stock.Description(ctx); got != want {
				t.Errorf("Description = %q, want %q", got, want)
			}
			if got, want := tt.ours.MarkdownDescription(ctx), tt.stock.MarkdownDescription(ctx); got != want {
				t.Errorf("MarkdownDescription = %q, want %q", got, want)
			}
			for _, value := range []string{tt.good, tt.bad} {
				req := validator.StringRequest{Path: path.Root("a"), ConfigValue: types.StringValue(value)}
				var got, want validator.StringResponse
				tt.ours.ValidateString(ctx, req, &got)
				tt.stock.ValidateString(ctx, req, &want)
				if !got.Diagnostics.Equal(want.Diagnostics) {
					t.Errorf("%q: diagnostics %v, want %v", value, got.Diagnostics, want.Diagnostics)
				}
				if value == tt.bad && !got.Diagnostics.HasError() {
					t.Errorf("%q passed: this case checks nothing", value)
				}
			}
		})
	}
}
