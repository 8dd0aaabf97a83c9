package connection

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework-validators/resourcevalidator"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// exactlyOneType must say exactly what resourcevalidator.ExactlyOneOf says.
func TestExactlyOneTypeMatchesExactlyOneOf(t *testing.T) {
	ctx := context.Background()
	s := testSchema()
	objectType, _ := s.Type().TerraformType(ctx).(tftypes.Object)
	roots := make([]path.Expression, 0, len(connectionTypes))
	for _, name := range TypeAttributes() {
		roots = append(roots, path.MatchRoot(name))
	}
	stock := resourcevalidator.ExactlyOneOf(roots...)

	// config sets the named type attributes to an empty known object, or to unknown.
	config := func(known []string, unknown ...string) tftypes.Value {
		values := map[string]tftypes.Value{}
		for name, typ := range objectType.AttributeTypes {
			values[name] = tftypes.NewValue(typ, nil)
		}
		for _, name := range known {
			attrs := map[string]tftypes.Value{}
			for child, typ := range objectType.AttributeTypes[name].(tftypes.Object).AttributeTypes {
				attrs[child] = tftypes.NewValue(typ, nil)
			}
			values[name] = tftypes.NewValue(objectType.AttributeTypes[name], attrs)
		}
		for _, name := range unknown {
			values[name] = tftypes.NewValue(objectType.AttributeTypes[name], tftypes.UnknownValue)
		}
		return tftypes.NewValue(objectType, values)
	}
	for name, raw := range map[string]tftypes.Value{
		"none":             config(nil),
		"one":              config([]string{"kafka"}),
		"two":              config([]string{"https", "sample"}),
		"three":            config([]string{"s3", "cluster", "gcp_pubsub"}),
		"one unknown":      config(nil, "kafka"),
		"unknown and one":  config([]string{"kafka"}, "https"),
		"unknown and two":  config([]string{"kafka", "sample"}, "https"),
		"unknown resource": tftypes.NewValue(objectType, tftypes.UnknownValue),
		"null resource":    tftypes.NewValue(objectType, nil),
	} {
		t.Run(name, func(t *testing.T) {
			req := resource.ValidateConfigRequest{Config: tfsdk.Config{Schema: s, Raw: raw}}
			var want, got resource.ValidateConfigResponse
			stock.ValidateResource(ctx, req, &want)
			exactlyOneType{}.ValidateResource(ctx, req, &got)
			if !got.Diagnostics.Equal(want.Diagnostics) {
				t.Errorf("got %v, want %v", got.Diagnostics, want.Diagnostics)
			}
		})
	}
}
