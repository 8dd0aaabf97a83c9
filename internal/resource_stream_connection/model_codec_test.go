package resource_stream_connection

import (
	"context"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/atlasx/terraform-provider-atlasx/internal/connection"
	"github.com/atlasx/terraform-provider-atlasx/internal/connection/connectiontest"
)

// The codec must give exactly what the framework's Set and Get give, for
// every connection type, with and without timeouts, and with unknown
// computed values as in a plan.
func TestModelCodecMatchesTheFrameworksGetAndSet(t *testing.T) {
	ctx := context.Background()
	s := resourceSchema(ctx)
	timeoutsType := s.Attributes["timeouts"].GetType()
	someTimeouts, diags := timeoutsType.ValueFromTerraform(ctx, tftypes.NewValue(timeoutsType.TerraformType(ctx), map[string]tftypes.Value{
		"create": tftypes.NewValue(tftypes.String, "1m"),
		"update": tftypes.NewValue(tftypes.String, nil),
		"delete": tftypes.NewValue(tftypes.String, tftypes.UnknownValue),
	}))
	if diags != nil {
		t.Fatal(diags)
	}
	// Plan and state always hand the resource typed timeouts, null when not set.
	noTimeouts, diags := timeoutsType.ValueFromTerraform(ctx, tftypes.NewValue(timeoutsType.TerraformType(ctx), nil))
	if diags != nil {
		t.Fatal(diags)
	}
	for _, f := range fixtures() {
		for name, m := range map[string]resourceModel{
			"no timeouts": {Model: f.model, DeleteOnCreateTimeout: types.BoolValue(true), Timeouts: noTimeouts.(timeouts.Value)},
			"timeouts":    {Model: f.model, DeleteOnCreateTimeout: types.BoolNull(), Timeouts: someTimeouts.(timeouts.Value)},
			"planned":     {Model: planned(f.model), DeleteOnCreateTimeout: types.BoolUnknown(), Timeouts: noTimeouts.(timeouts.Value)},
		} {
			t.Run(f.name+"/"+name, func(t *testing.T) {
				want := tfsdk.State{Schema: s}
				if d := want.Set(ctx, &m); d.HasError() {
					t.Fatal(d)
				}
				var got tftypes.Value
				if d := setModel(ctx, &got, &m); d.HasError() {
					t.Fatal(d)
				}
				if !got.Equal(want.Raw) {
					t.Fatalf("setModel:\n%s\nSet:\n%s", got, want.Raw)
				}

				var fromFramework, fromCodec resourceModel
				if d := want.Get(ctx, &fromFramework); d.HasError() {
					t.Fatal(d)
				}
				if d := getModel(ctx, got, &fromCodec); d.HasError() {
					t.Fatal(d)
				}
				if diff := cmp.Diff(fromFramework, fromCodec, connectiontest.CmpModels(), cmp.AllowUnexported(resourceModel{}),
					cmp.Comparer(func(a, b types.Bool) bool { return a.Equal(b) }),
					cmp.Comparer(func(a, b timeouts.Value) bool { return a.Equal(b) })); diff != "" {
					t.Errorf("getModel differs from Get (-Get +getModel):\n%s", diff)
				}
			})
		}
	}
}

// planned is m as a create's plan holds it: the computed values unknown.
func planned(m connection.Model) connection.Model {
	m.ID, m.ConnectionID, m.State, m.Region = types.StringUnknown(), types.StringUnknown(), types.StringUnknown(), types.StringUnknown()
	return m
}

// A type object whose value is not yet known (kafka = local.settings, from
// another resource's output) decodes as unknown, as Get decodes it.
func TestModelCodecReadsAnUnknownTypeObject(t *testing.T) {
	ctx := context.Background()
	var raw tftypes.Value
	f := fixtures()[0]
	if d := setModel(ctx, &raw, &resourceModel{Model: f.model}); d.HasError() {
		t.Fatal(d)
	}
	var values map[string]tftypes.Value
	if err := raw.As(&values); err != nil {
		t.Fatal(err)
	}
	values["kafka"] = tftypes.NewValue(values["kafka"].Type(), tftypes.UnknownValue)
	var m resourceModel
	if d := getModel(ctx, tftypes.NewValue(raw.Type(), values), &m); d.HasError() || !m.Kafka.IsUnknown() {
		t.Errorf("getModel of an unknown kafka = %v, %v; want an unknown object", m.Kafka, d)
	}
}
