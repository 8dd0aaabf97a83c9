package resource_stream_connection_failover

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// A failover connection Atlas reports FAILED is replaced; a READY one is not.
func TestReplaceFailed(t *testing.T) {
	ctx := context.Background()
	s := resourceSchema(ctx)
	for _, tc := range []struct {
		state   string
		replace bool
	}{{"FAILED", true}, {"READY", false}, {"PENDING", false}} {
		state := tfsdk.State{Schema: s, Raw: tftypes.NewValue(s.Type().TerraformType(ctx), nil)}
		if diags := state.SetAttribute(ctx, path.Root("state"), tc.state); diags.HasError() {
			t.Fatal(diags)
		}
		plan := tfsdk.Plan{Schema: s, Raw: state.Raw.Copy()}
		req := resource.ModifyPlanRequest{State: state, Plan: plan}
		resp := resource.ModifyPlanResponse{Plan: plan}
		replaceFailed(ctx, req, &resp)
		if resp.Diagnostics.HasError() {
			t.Fatal(resp.Diagnostics)
		}
		if got := len(resp.RequiresReplace) == 1 && resp.RequiresReplace[0].Equal(path.Root("state")); got != tc.replace {
			t.Errorf("state %s: replace = %v, want %v", tc.state, got, tc.replace)
		}
	}
}
