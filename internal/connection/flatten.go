package connection

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"

	"github.com/atlasx/terraform-provider-atlasx/internal/client"
)

// Flatten turns what Atlas returned into the model. prior is the plan (after
// create or update), the state (on read), or nil (on import). It supplies the
// identity Atlas does not echo and every secret, since Atlas never returns
// secrets; it also tells a server default (hidden unless configured) from a
// value the user chose.
func Flatten(_ context.Context, api *client.StreamConnection, prior *Model) (Model, diag.Diagnostics) {
	var diags diag.Diagnostics
	if prior == nil {
		prior = &Model{}
	}
	t := typeByAPIName(api.Type)
	if t == nil {
		diags.AddError("Unknown connection type",
			fmt.Sprintf("Atlas returned connection %q with type %q, which this version of the provider does not know. Upgrade the provider.", api.Name, api.Type))
		return Model{}, diags
	}
	out := nullTypes(Model{
		ProjectID:      prior.ProjectID,
		WorkspaceName:  prior.WorkspaceName,
		ConnectionName: types.StringValue(api.Name),
		ConnectionID:   nullIfEmpty(api.ID),
		State:          nullIfEmpty(api.State),
		Region:         nullIfEmpty(api.Region),
	})
	out.ID = types.StringValue(IDs{out.ProjectID.ValueString(), out.WorkspaceName.ValueString(), api.Name}.String())
	if problem := misshapen(api.Settings, t.fields, nil); problem != "" {
		diags.AddError("Unexpected answer from Atlas",
			fmt.Sprintf("Atlas returned connection %q of type %s, whose %s. Try again; if Atlas keeps answering so, report it.", api.Name, api.Type, problem))
		return Model{}, diags
	}
	priorObject := *t.in(prior)
	object := flattenFields(api.Settings, priorObject, t.fields, t.objectType())
	*t.in(&out) = keepSecrets(t, priorObject, object)
	return out, diags
}

// nullTypes is m with a typed null for each type attribute it does not set.
func nullTypes(m Model) Model {
	for i := range connectionTypes {
		t := &connectionTypes[i]
		if object := t.in(&m); object.IsNull() {
			*object = types.ObjectNull(t.objectType().AttrTypes)
		}
	}
	return m
}

// flattenFields reads fields from api (an API object, nil when absent) into
// an object of objectType. prior (null when there is none) tells a server
// default from a value the user wrote. Secrets are left null here, for
// keepSecrets: Atlas never returns them.
func flattenFields(api map[string]any, prior types.Object, fields []field, objectType types.ObjectType) types.Object {
	values := make(map[string]attr.Value, len(objectType.AttrTypes))
	for name, t := range objectType.AttrTypes {
		values[name] = nullOf(t)
	}
	priorValues := prior.Attributes()
	for _, f := range fields {
		if f.secret != nil {
			continue
		}
		raw, _ := client.ValueAt(api, f.apiPath()...)
		switch f.kind {
		case kindString:
			s, _ := raw.(string)
			values[f.name] = nullIfEmpty(s)
		case kindStringMap:
			before, _ := priorValues[f.name].(types.Map)
			values[f.name] = flattenStringMap(raw, before)
		case kindStringList:
			values[f.name] = flattenStringList(raw)
		case kindObject:
			nestedType, _ := objectType.AttrTypes[f.name].(types.ObjectType)
			before, ok := priorValues[f.name].(types.Object)
			if !ok {
				before = types.ObjectNull(nestedType.AttrTypes)
			}
			object, isObject := raw.(map[string]any)
			if !isObject || f.object.readsNull != nil && f.object.readsNull(object, before.IsNull()) {
				continue
			}
			values[f.name] = flattenFields(object, before, f.object.fields, nestedType)
		}
	}
	return types.ObjectValueMust(objectType.AttrTypes, values)
}

// misshapen describes the first field of api (an API object, the fields'
// holder under at) whose value is not of its field's kind, or is "": the
// client decodes settings as they come, so a number where a string belongs
// is caught here, named, rather than read as null.
func misshapen(api map[string]any, fields []field, at []string) string {
	for _, f := range fields {
		raw, ok := client.ValueAt(api, f.apiPath()...)
		if !ok || raw == nil {
			continue
		}
		path := slices.Concat(at, f.apiPath())
		if f.kind == kindObject {
			object, isObject := raw.(map[string]any)
			if !isObject {
				return wrongKind(path, raw, kindObject)
			}
			if problem := misshapen(object, f.object.fields, path); problem != "" {
				return problem
			}
			continue
		}
		if !ofKind(raw, f.kind) {
			return wrongKind(path, raw, f.kind)
		}
	}
	return ""
}

// wrongKind says that the field at path holds raw where a value of kind
// was expected; it names JSON types, never values, which may be secrets.
func wrongKind(path []string, raw any, kind fieldKind) string {
	held := "JSON " + jsonKind(raw)
	switch v := raw.(type) {
	case map[string]any:
		for key, e := range v {
			if _, isString := e.(string); !isString && kind == kindStringMap {
				path, held = append(path, key), "JSON "+jsonKind(e)
				break
			}
		}
	case []any:
		for _, e := range v {
			if _, isString := e.(string); !isString && kind == kindStringList {
				held = "JSON " + jsonKind(e) + " in its list"
				break
			}
		}
	}
	return fmt.Sprintf("field %q holds a %s where %s was expected", strings.Join(path, "."), held, kindNames[kind])
}

// jsonKind names the JSON type of a decoded value.
func jsonKind(v any) string {
	switch v.(type) {
	case string:
		return "string"
	case float64:
		return "number"
	case bool:
		return "boolean"
	case []any:
		return "array"
	case map[string]any:
		return "object"
	}
	return "null"
}

// flattenStringMap keeps an empty map as the user wrote it, so `config = {}`
// and no config both read back as written.
func flattenStringMap(raw any, prior types.Map) types.Map {
	api, _ := raw.(map[string]any)
	if len(api) == 0 {
		if known(prior) && len(prior.Elements()) == 0 {
			return prior
		}
		return types.MapNull(types.StringType)
	}
	elements := make(map[string]attr.Value, len(api))
	for key, v := range api {
		s, _ := v.(string)
		elements[key] = types.StringValue(s)
	}
	return types.MapValueMust(types.StringType, elements)
}

// flattenStringList reads a list of strings; an empty one reads as none.
func flattenStringList(raw any) types.List {
	api, _ := raw.([]any)
	if len(api) == 0 {
		return types.ListNull(types.StringType)
	}
	elements := make([]attr.Value, len(api))
	for i, v := range api {
		s, _ := v.(string)
		elements[i] = types.StringValue(s)
	}
	return types.ListValueMust(types.StringType, elements)
}

// nullOf is the null value of an attribute type.
func nullOf(t attr.Type) attr.Value {
	switch t := t.(type) {
	case types.ObjectType:
		return types.ObjectNull(t.AttrTypes)
	case types.MapType:
		return types.MapNull(t.ElemType)
	case types.ListType:
		return types.ListNull(t.ElemType)
	case basetypes.Int64Type:
		return types.Int64Null()
	}
	return types.StringNull()
}

// knownMapOrNull is m, or a null string map when m is unknown or was never set.
func knownMapOrNull(m types.Map) types.Map {
	if m.IsNull() || m.IsUnknown() {
		return types.MapNull(types.StringType)
	}
	return m
}

func nullIfEmpty(s string) types.String {
	if s == "" {
		return types.StringNull()
	}
	return types.StringValue(s)
}
