package acctest

import (
	"encoding/json"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

func TestAttrType(t *testing.T) {
	tests := []struct {
		json string
		want attr.Type // nil: an error
	}{
		{`"string"`, types.StringType},
		{`"number"`, types.NumberType},
		{`"bool"`, types.BoolType},
		{`["list","string"]`, types.ListType{ElemType: types.StringType}},
		{`["set","number"]`, types.SetType{ElemType: types.NumberType}},
		{`["map",["list","bool"]]`, types.MapType{ElemType: types.ListType{ElemType: types.BoolType}}},
		{`["object",{"a":"string","b":["map","string"]}]`, types.ObjectType{AttrTypes: map[string]attr.Type{"a": types.StringType, "b": types.MapType{ElemType: types.StringType}}}},
		{`"dynamic"`, nil},
		{`["tuple",["string"]]`, nil},
		{`42`, nil},
	}
	for _, tt := range tests {
		t.Run(tt.json, func(t *testing.T) {
			got, err := attrType(json.RawMessage(tt.json))
			switch {
			case tt.want == nil && err == nil:
				t.Errorf("got %v, want an error", got)
			case tt.want != nil && err != nil:
				t.Errorf("error %v, want %v", err, tt.want)
			case tt.want != nil && !tt.want.Equal(got):
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}

// A schema with nested attributes of every nesting mode converts, keeping
// what is required, optional, computed and sensitive.
func TestParseResourceSchema(t *testing.T) {
	raw := `{"version": 2, "block": {"attributes": {
		"id": {"type": "string", "computed": true},
		"secret": {"type": "string", "optional": true, "sensitive": true},
		"single": {"nested_type": {"nesting_mode": "single", "attributes": {"x": {"type": "string", "required": true}}}, "optional": true, "computed": true},
		"many": {"nested_type": {"nesting_mode": "list", "attributes": {"y": {"type": "number", "optional": true}}}, "optional": true}
	}}}`
	got, err := parseResourceSchema(json.RawMessage(raw))
	if err != nil {
		t.Fatal(err)
	}
	if got.Version != 2 {
		t.Errorf("version %d, want 2", got.Version)
	}
	if a, ok := got.Attributes["secret"].(schema.StringAttribute); !ok || !a.Sensitive || !a.Optional {
		t.Errorf("secret = %#v", got.Attributes["secret"])
	}
	single, ok := got.Attributes["single"].(schema.SingleNestedAttribute)
	if !ok || !single.Optional || !single.Computed || !single.Attributes["x"].IsRequired() {
		t.Errorf("single = %#v", got.Attributes["single"])
	}
	if _, ok := got.Attributes["many"].(schema.ListNestedAttribute); !ok {
		t.Errorf("many = %#v", got.Attributes["many"])
	}
	if _, err := parseResourceSchema(json.RawMessage(`{"block": {"block_types": {"b": {}}}}`)); err == nil {
		t.Error("nested blocks parsed; want an error")
	}
}
