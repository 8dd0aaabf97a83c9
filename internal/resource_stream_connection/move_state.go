package resource_stream_connection

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

var _ resource.ResourceWithMoveState = (*connectionResource)(nil)

// officialTypeName is the resource of the mongodb/mongodbatlas provider that
// a `moved` block may bring over.
const officialTypeName = "mongodbatlas_stream_connection"

// MoveState takes over mongodbatlas_stream_connection resources. Any other
// source is declined (TargetState left unset), so the CLI says it cannot be
// moved here.
func (r *connectionResource) MoveState(context.Context) []resource.StateMover {
	return []resource.StateMover{{StateMover: moveFromOfficial}}
}

func moveFromOfficial(ctx context.Context, req resource.MoveStateRequest, resp *resource.MoveStateResponse) {
	if req.SourceTypeName != officialTypeName || !isOfficialProvider(req.SourceProviderAddress) || req.SourceRawState == nil {
		return
	}
	moved, diags := movedModel(ctx, req.SourceRawState.JSON, resp.TargetState.Schema.TypeAtPath)
	if resp.Diagnostics.Append(diags...); diags.HasError() {
		return
	}
	resp.Diagnostics.Append(resp.TargetState.Set(ctx, moved)...)
	resp.Diagnostics.Append(setIdentity(ctx, resp.TargetIdentity, moved.ids())...)
}

// isOfficialProvider accepts mongodb/mongodbatlas from either public
// registry, and the bare forms some OpenTofu releases send.
func isOfficialProvider(address string) bool {
	switch strings.ToLower(address) {
	case "registry.terraform.io/mongodb/mongodbatlas", "registry.opentofu.org/mongodb/mongodbatlas",
		"mongodb/mongodbatlas", "mongodbatlas":
		return true
	}
	return false
}

// movedModel maps the official provider's state (its JSON) onto this
// resource (MovedOfficial).
func movedModel(ctx context.Context, raw []byte, typeAt func(context.Context, path.Path) (attr.Type, diag.Diagnostics)) (resourceModel, diag.Diagnostics) {
	m, timeoutsValue, diags := MovedOfficial(ctx, raw, officialConnection, typeAt)
	if diags.HasError() {
		return resourceModel{}, diags
	}
	return resourceModel{connectionModel: m, DeleteOnCreateTimeout: types.BoolValue(true), Timeouts: timeoutsValue}, diags
}

// MovedOfficial maps the state (its JSON) of source, a resource of the
// official provider, onto a connection model and its timeouts. The
// connection's settings go through flatten, as an answer from Atlas would,
// so server defaults the official provider recorded are treated as
// everywhere else; the secrets it kept come across as what configuration
// gave. typeAt gives the target schema's type at a path.
func MovedOfficial(ctx context.Context, raw []byte, source OfficialSource, typeAt func(context.Context, path.Path) (attr.Type, diag.Diagnostics)) (Model, timeouts.Value, diag.Diagnostics) {
	var diags diag.Diagnostics
	cannotMove := func(err error) (Model, timeouts.Value, diag.Diagnostics) {
		diags.AddError("Cannot move "+source.TypeName+" to "+source.Target,
			fmt.Sprintf("The %s with id %q cannot be moved: %s.", source.TypeName, officialID(raw), err))
		return Model{}, timeouts.Value{}, diags
	}
	official, err := source.decodeOfficialState(raw)
	if err != nil {
		return cannotMove(err)
	}
	api, prior, err := official.toAPI()
	if err != nil {
		return cannotMove(err)
	}
	m, d := flatten(ctx, api, prior)
	if diags.Append(d...); diags.HasError() {
		return Model{}, timeouts.Value{}, diags
	}
	timeoutsValue, d := official.Timeouts.value(ctx, typeAt)
	diags.Append(d...)
	return m, timeoutsValue, diags
}

// IsOfficialProvider says whether a moved state's provider is
// mongodb/mongodbatlas.
func IsOfficialProvider(address string) bool { return isOfficialProvider(address) }

// officialID is the official state's id, to name it in errors; it holds
// no secret.
func officialID(raw []byte) string {
	var state struct {
		ID string `json:"id"`
	}
	_ = json.Unmarshal(raw, &state)
	return state.ID
}

// officialTimeouts are the official resource's timeouts, the same three
// operations as this resource's.
type officialTimeouts struct {
	Create *string `json:"create"`
	Update *string `json:"update"`
	Delete *string `json:"delete"`
}

func (t *officialTimeouts) value(ctx context.Context, typeAt func(context.Context, path.Path) (attr.Type, diag.Diagnostics)) (timeouts.Value, diag.Diagnostics) {
	typ, diags := typeAt(ctx, path.Root("timeouts"))
	if diags.HasError() {
		return timeouts.Value{}, diags
	}
	object, ok := typ.(attr.TypeWithAttributeTypes)
	if !ok {
		diags.AddError("Unexpected timeouts type", "The timeouts attribute is not an object. This is a bug in the provider.")
		return timeouts.Value{}, diags
	}
	attrTypes := object.AttributeTypes()
	if t == nil {
		return timeouts.Value{Object: types.ObjectNull(attrTypes)}, diags
	}
	value, d := types.ObjectValue(attrTypes, map[string]attr.Value{
		"create": types.StringPointerValue(t.Create),
		"update": types.StringPointerValue(t.Update),
		"delete": types.StringPointerValue(t.Delete),
	})
	diags.Append(d...)
	return timeouts.Value{Object: value}, diags
}
