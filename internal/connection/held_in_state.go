package connection

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
)

// heldInState is a private key that every connection and failover
// connection in state carries (set by each resource's Create and Read). When
// Terraform plans a replace, it plans the new object again as a create,
// without the prior state but with its private data: the name (or region) is
// then taken by the object being replaced, not by a stranger. (A tainted
// object's private data is not passed on.)
const heldInState = "held_in_state"

// MarkHeldInState sets heldInState.
func MarkHeldInState(ctx context.Context, private PrivateData) diag.Diagnostics {
	return private.SetKey(ctx, heldInState, []byte("true"))
}

// Replacing says whether a plan without a prior state is the create half of
// a replace (see heldInState).
func Replacing(ctx context.Context, private PrivateData) bool {
	value, diags := private.GetKey(ctx, heldInState)
	return !diags.HasError() && len(value) > 0
}

// PrivateData is the framework's private state of a plan.
type PrivateData interface {
	GetKey(ctx context.Context, key string) ([]byte, diag.Diagnostics)
	SetKey(ctx context.Context, key string, value []byte) diag.Diagnostics
}
