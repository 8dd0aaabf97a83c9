package floor

import (
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// applied is the plan as the state after an apply: a value the plan left
// unknown (a computed attribute) becomes null, since state may hold no
// unknown value.
func applied(plan tftypes.Value, diags *diag.Diagnostics) tftypes.Value {
	state, err := tftypes.Transform(plan, func(_ *tftypes.AttributePath, v tftypes.Value) (tftypes.Value, error) {
		if v.IsKnown() {
			return v, nil
		}
		return tftypes.NewValue(v.Type(), nil), nil
	})
	if err != nil {
		diags.AddError("Floor provider cannot save the plan", err.Error())
	}
	return state
}
