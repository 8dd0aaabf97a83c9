package connection

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/atlasx/terraform-provider-atlasx/internal/client"
)

// officialState is the state the mongodb/mongodbatlas provider keeps for a
// stream connection: flat, with its type's settings at the top level
// (settings, where the type table's fields say: field.official) and its
// secrets in plain text. A null attribute decodes as "".
type officialState struct {
	ID             string `json:"id"` // workspace-project-name, which the names below also give (connections only)
	ProjectID      string `json:"project_id"`
	WorkspaceName  string `json:"workspace_name"`
	InstanceName   string `json:"instance_name"` // the deprecated name of workspace_name
	ConnectionName string `json:"connection_name"`
	Type           string `json:"type"`
	// Atlas's id, state and region: taken when the state records them.
	// A failover connection's id is failover_connection_id.
	ConnectionID         string `json:"connection_id"`
	FailoverConnectionID string `json:"failover_connection_id"`
	State                string `json:"state"`
	Region               string `json:"region"`

	Timeouts *officialTimeouts `json:"timeouts"`

	// settings are the type's settings, as the API holds them.
	settings map[string]any
}

// OfficialSource is a resource of the official provider that a `moved`
// block brings over: its type name, the atlasx resource it moves to, and
// the attributes it has beside its connection type's settings (the type
// table's officialFields).
type OfficialSource struct {
	TypeName, Target string
	CommonFields     []string
}

// OfficialConnection is mongodbatlas_stream_connection, which a `moved`
// block brings over to atlasx_stream_connection.
var OfficialConnection = OfficialSource{
	TypeName: "mongodbatlas_stream_connection", Target: "atlasx_stream_connection",
	CommonFields: []string{
		"id", "project_id", "workspace_name", "instance_name", "connection_name", "type",
		"connection_id", "state", "region", "timeouts",
	},
}

// decodeOfficialState reads the official state's JSON, refusing a type
// the target does not know and any value it would have to drop. Errors
// name attributes, never values: the state holds secrets.
func (source OfficialSource) decodeOfficialState(raw []byte) (*officialState, error) {
	var attributes map[string]any
	if err := json.Unmarshal(raw, &attributes); err != nil {
		return nil, fmt.Errorf("its state is not a JSON object: %w", err)
	}
	withoutNullValues(attributes)
	apiType, _ := attributes["type"].(string)
	t := typeByAPIName(apiType)
	if t == nil {
		return nil, fmt.Errorf("its type %q is not one %s knows (%s)", apiType, source.Target, strings.Join(apiTypeNames(), ", "))
	}
	// The official provider records public networking when none was
	// configured: Atlas's default, which this resource leaves unset.
	if isDefaultOfficialNetworking(attributes["networking"]) {
		delete(attributes, "networking")
	}
	for _, name := range slices.Sorted(maps.Keys(attributes)) {
		if !slices.Contains(source.CommonFields, name) && !slices.Contains(t.officialFields(), name) && !isEmptyValue(attributes[name]) {
			return nil, fmt.Errorf("its attribute %q is set, but a %s connection has no such setting in %s; remove it from the mongodbatlas configuration and apply before moving", name, apiType, source.Target)
		}
	}
	common := map[string]any{}
	for _, name := range source.CommonFields {
		if v, ok := attributes[name]; ok {
			common[name] = v
			delete(attributes, name)
		}
	}
	var state officialState
	if err := remarshal(common, &state); err != nil {
		// encoding/json names the field it could not place, not its value.
		return nil, fmt.Errorf("its state holds a value %s has no place for (%w)", source.Target, err)
	}
	settings := &client.StreamConnection{}
	if err := officialSettings(attributes, t.fields, settings, nil); err != nil {
		return nil, err
	}
	if left := firstValue(withoutNullValues(attributes), ""); left != "" {
		return nil, fmt.Errorf("its state holds a value %s has no place for (%s)", source.Target, left)
	}
	state.settings = settings.Settings
	return &state, nil
}

// remarshal decodes the JSON of v into out.
func remarshal(v any, out any) error {
	raw, err := json.Marshal(v)
	if err != nil {
		return err
	}
	return json.Unmarshal(raw, out)
}

// officialSettings moves each field's value out of the official state's
// attributes (each object's fields at their official paths) into c's
// settings, at its API path under apiAt, checking that it is of the field's
// kind. What no field takes stays in attributes (an object stays, emptied of
// what its fields took).
func officialSettings(attributes map[string]any, fields []field, c *client.StreamConnection, apiAt []string) error {
	for _, f := range fields {
		at := f.officialPath()
		raw, ok := client.ValueAt(attributes, at...)
		if !ok {
			continue
		}
		path := slices.Concat(apiAt, f.apiPath())
		if f.kind != kindObject {
			if !ofKind(raw, f.kind) {
				return fmt.Errorf("its attribute %q is not %s", strings.Join(at, "."), kindNames[f.kind])
			}
			c.SetSetting(raw, path...)
			holder, _ := client.ValueAt(attributes, at[:len(at)-1]...)
			object, _ := holder.(map[string]any)
			delete(object, at[len(at)-1])
			continue
		}
		object, isObject := raw.(map[string]any)
		if !isObject {
			return fmt.Errorf("its attribute %q is not %s", strings.Join(at, "."), kindNames[kindObject])
		}
		c.SetSetting(map[string]any{}, path...)
		if err := officialSettings(object, f.object.fields, c, path); err != nil {
			return err
		}
	}
	return nil
}

var kindNames = map[fieldKind]string{kindString: "a string", kindStringMap: "a map of strings", kindStringList: "a list of strings", kindObject: "an object"}

// ofKind says whether a decoded JSON value is of the kind.
func ofKind(v any, kind fieldKind) bool {
	switch kind {
	case kindString:
		_, ok := v.(string)
		return ok
	case kindStringMap:
		m, ok := v.(map[string]any)
		for _, e := range m {
			if _, isString := e.(string); !isString {
				return false
			}
		}
		return ok
	case kindStringList:
		l, ok := v.([]any)
		for _, e := range l {
			if _, isString := e.(string); !isString {
				return false
			}
		}
		return ok
	}
	return false
}

// firstValue is the path (under at) of the first value, in sorted order,
// that v still holds, or "" when it holds none.
func firstValue(v any, at string) string {
	object, ok := v.(map[string]any)
	if !ok {
		if isEmptyValue(v) {
			return ""
		}
		return at
	}
	for _, key := range slices.Sorted(maps.Keys(object)) {
		if left := firstValue(object[key], strings.TrimPrefix(at+"."+key, ".")); left != "" {
			return left
		}
	}
	return ""
}

// toAPI is the connection as Atlas would return it, secrets included (as
// Atlas never does), and the prior model flatten takes the names from.
func (o *officialState) toAPI() (*client.StreamConnection, *Model, error) {
	ids, err := o.ids()
	if err != nil {
		return nil, nil, err
	}
	api := &client.StreamConnection{
		Name: ids.Name, Type: o.Type, ID: cmp.Or(o.ConnectionID, o.FailoverConnectionID), State: o.State, Region: o.Region,
		Settings: o.settings,
	}
	prior := &Model{ProjectID: types.StringValue(ids.ProjectID), WorkspaceName: types.StringValue(ids.Workspace)}
	return api, prior, nil
}

// ids names the connection: workspace_name, or instance_name in states
// written before it was renamed.
func (o *officialState) ids() (IDs, error) {
	workspace := o.WorkspaceName
	switch {
	case workspace == "":
		workspace = o.InstanceName
	case o.InstanceName != "" && o.InstanceName != workspace:
		return IDs{}, fmt.Errorf("its workspace_name %q and instance_name %q differ; they must name the same workspace", workspace, o.InstanceName)
	}
	ids := IDs{ProjectID: o.ProjectID, Workspace: workspace, Name: o.ConnectionName}
	if workspace == "" {
		return ids, fmt.Errorf("its state names no workspace: neither workspace_name nor instance_name is set")
	}
	return ids, ids.Validate()
}

func isDefaultOfficialNetworking(v any) bool {
	networking, _ := v.(map[string]any)
	access, _ := networking["access"].(map[string]any)
	return len(networking) == 1 && len(access) == 1 && access["type"] == accessPublic
}

// withoutNullValues drops null attributes at every level, and objects left
// empty by that: the official schema's unset attributes, which carry nothing
// to move.
func withoutNullValues(v any) any {
	switch v := v.(type) {
	case map[string]any:
		for k, e := range v {
			e = withoutNullValues(e)
			if object, ok := e.(map[string]any); e == nil || ok && len(object) == 0 {
				delete(v, k)
			} else {
				v[k] = e
			}
		}
	case []any:
		for i, e := range v {
			v[i] = withoutNullValues(e)
		}
	}
	return v
}

func isEmptyValue(v any) bool {
	switch v := v.(type) {
	case string:
		return v == ""
	case map[string]any:
		return len(v) == 0
	case []any:
		return len(v) == 0
	}
	return v == nil
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
	m, d := Flatten(ctx, api, prior)
	if diags.Append(d...); diags.HasError() {
		return Model{}, timeouts.Value{}, diags
	}
	holdSecrets(&m, api)
	timeoutsValue, d := official.Timeouts.value(ctx, typeAt)
	diags.Append(d...)
	return m, timeoutsValue, diags
}

// IsOfficialProvider accepts mongodb/mongodbatlas from either public
// registry, and the bare forms some OpenTofu releases send.
func IsOfficialProvider(address string) bool {
	switch strings.ToLower(address) {
	case "registry.terraform.io/mongodb/mongodbatlas", "registry.opentofu.org/mongodb/mongodbatlas",
		"mongodb/mongodbatlas", "mongodbatlas":
		return true
	}
	return false
}

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
