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

// replaceOnNetworkingChange replaces the connection when anything of its
// networking changes (the access type, a PrivateLink connection_id, a
// tgw_route_id), counting a missing networking as the default public access:
// Atlas refuses a PATCH that changes networking
// (STREAM_NETWORKING_CANNOT_BE_MODIFIED).
func replaceOnNetworkingChange() planmodifier.Object {
	return objectplanmodifier.RequiresReplaceIf(
		func(_ context.Context, req planmodifier.ObjectRequest, resp *objectplanmodifier.RequiresReplaceIfFuncResponse) {
			before, beforeKnown := accessOf(req.StateValue)
			after, afterKnown := accessOf(req.PlanValue)
			resp.RequiresReplace = !beforeKnown || !afterKnown || before != after
		},
		"Changing the networking replaces the connection.",
		"Changing the networking replaces the connection.",
	)
}

// access is what networking.access says, every field as a string ("" for
// null).
type access struct{ accessType, connectionID, tgwRouteID string }

// accessOf reads networking.access, or PUBLIC access when networking is not
// set; known is false while any of it is unknown.
func accessOf(networking types.Object) (a access, known bool) {
	if networking.IsNull() {
		return access{accessType: accessPublic}, true
	}
	if networking.IsUnknown() {
		return a, false
	}
	object, ok := networking.Attributes()["access"].(types.Object)
	if !ok || object.IsNull() {
		return access{accessType: accessPublic}, true
	}
	if object.IsUnknown() {
		return a, false
	}
	for name, into := range map[string]*string{"type": &a.accessType, "connection_id": &a.connectionID, "tgw_route_id": &a.tgwRouteID} {
		v, ok := object.Attributes()[name].(types.String)
		if !ok || v.IsUnknown() {
			return a, false
		}
		*into = v.ValueString()
	}
	return a, true
}
