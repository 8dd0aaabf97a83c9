package connection

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/atlasx/terraform-provider-atlasx/internal/client"
)

// Expand turns a plan or state model into the API object. Unknown and null
// values are left out, so a plan's not-yet-known region is not sent. Each
// secret of the secrets table is sent in the form the model holds: its
// write-only value when set, else its plain one (sendable).
func Expand(_ context.Context, m *Model) (*client.StreamConnection, diag.Diagnostics) {
	t := typeOf(m)
	if t == nil {
		var diags diag.Diagnostics
		diags.AddError("No connection type", "Set exactly one of "+QuoteList(TypeAttributes())+".")
		return nil, diags
	}
	object := sendable(t, *t.in(m))
	c := &client.StreamConnection{Name: m.ConnectionName.ValueString(), Type: t.apiType, Region: stringOf(m.Region)}
	expandFields(object, t.fields, c, nil)
	return c, nil
}

// expandFields writes the known values of object's fields into c's
// settings, each at its API path under at. Empty strings, maps and lists
// are left out, as Atlas reads them as absent; an object goes even empty.
func expandFields(object types.Object, fields []field, c *client.StreamConnection, at []string) {
	values := object.Attributes()
	for _, f := range fields {
		v := values[f.name]
		if !known(v) {
			continue
		}
		path := append(append([]string(nil), at...), f.apiPath()...)
		switch f.kind {
		case kindString:
			if s, _ := v.(types.String); s.ValueString() != "" {
				c.SetSetting(s.ValueString(), path...)
			}
		case kindStringMap:
			m, _ := v.(types.Map)
			if entries := stringMapOf(m); len(entries) > 0 {
				c.SetSetting(entries, path...)
			}
		case kindStringList:
			l, _ := v.(types.List)
			if elements := stringListOf(l); len(elements) > 0 {
				c.SetSetting(elements, path...)
			}
		case kindObject:
			object, _ := v.(types.Object)
			c.SetSetting(map[string]any{}, path...)
			expandFields(object, f.object.fields, c, path)
		}
	}
}

// stringMapOf is a string map's known entries, as JSON decodes them.
func stringMapOf(m types.Map) map[string]any {
	out := make(map[string]any, len(m.Elements()))
	for key, e := range m.Elements() {
		if s, ok := e.(types.String); ok && known(s) {
			out[key] = s.ValueString()
		}
	}
	return out
}

// stringListOf is a string list's known elements, as JSON decodes them.
func stringListOf(l types.List) []any {
	out := make([]any, 0, len(l.Elements()))
	for _, e := range l.Elements() {
		if s, ok := e.(types.String); ok && known(s) {
			out = append(out, s.ValueString())
		}
	}
	return out
}

func known(v attr.Value) bool { return v != nil && !v.IsNull() && !v.IsUnknown() }

// stringOf is the value of a known string, or "" (left out of the JSON) otherwise.
func stringOf(v types.String) string {
	if v.IsNull() || v.IsUnknown() {
		return ""
	}
	return v.ValueString()
}
