package connection

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/resource/schema/objectplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// replaceOnTypeSwitch replaces the connection when its type attribute appears
// or disappears: Atlas cannot change a connection's type.
func replaceOnTypeSwitch() planmodifier.Object {
	return objectplanmodifier.RequiresReplaceIf(
		func(_ context.Context, req planmodifier.ObjectRequest, resp *objectplanmodifier.RequiresReplaceIfFuncResponse) {
			resp.RequiresReplace = req.StateValue.IsNull() != req.PlanValue.IsNull()
		},
		"Switching the connection type replaces the connection.",
		"Switching the connection type replaces the connection.",
	)
}

// replaceOnAccessTypeChange replaces the connection when the networking access
// type changes, counting a missing networking as the default public access:
// Atlas cannot change the access type in place.
func replaceOnAccessTypeChange() planmodifier.Object {
	return objectplanmodifier.RequiresReplaceIf(
		func(_ context.Context, req planmodifier.ObjectRequest, resp *objectplanmodifier.RequiresReplaceIfFuncResponse) {
			before, beforeKnown := accessType(req.StateValue)
			after, afterKnown := accessType(req.PlanValue)
			resp.RequiresReplace = !beforeKnown || !afterKnown || before != after
		},
		"Changing the networking access type replaces the connection.",
		"Changing the networking access type replaces the connection.",
	)
}

// accessType reads networking.access.type, or PUBLIC when networking is not set.
func accessType(networking types.Object) (string, bool) {
	if networking.IsNull() {
		return accessPublic, true
	}
	if networking.IsUnknown() {
		return "", false
	}
	access, ok := networking.Attributes()["access"].(types.Object)
	if !ok || access.IsNull() {
		return accessPublic, true
	}
	if access.IsUnknown() {
		return "", false
	}
	t, ok := access.Attributes()["type"].(types.String)
	if !ok || t.IsUnknown() {
		return "", false
	}
	return t.ValueString(), true
}
