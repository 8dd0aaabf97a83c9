package floor

import (
	"context"
	"reflect"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
)

func TestStripKeepsTheSchemaAndDropsEveryValidatorAndPlanModifier(t *testing.T) {
	ctx := context.Background()
	var resp resource.SchemaResponse
	realResource(t, "atlasx_stream_connection").Schema(ctx, resource.SchemaRequest{}, &resp)
	original := resp.Schema
	before := countRules(original.Attributes)
	if before == 0 {
		t.Fatal("the original schema has no validator or plan modifier: this test checks nothing")
	}

	stripped, err := Strip(original)
	if err != nil {
		t.Fatal(err)
	}
	if !stripped.Type().Equal(original.Type()) {
		t.Errorf("stripped type %s, want %s", stripped.Type(), original.Type())
	}
	if after := countRules(stripped.Attributes); after != 0 {
		t.Errorf("%d validators and plan modifiers left after Strip", after)
	}
	if countRules(original.Attributes) != before {
		t.Error("Strip changed the schema it was given")
	}
	if d, ok := stripped.Attributes["delete_on_create_timeout"].(schema.BoolAttribute); !ok || d.Default == nil {
		t.Error("Strip dropped delete_on_create_timeout's default, which the framework must still apply")
	}
}

// countRules counts validators and plan modifiers at any depth, reading the
// fields every attribute type and nested object names alike.
func countRules(attributes map[string]schema.Attribute) int {
	n := 0
	for _, a := range attributes {
		v := reflect.ValueOf(a)
		n += v.FieldByName("Validators").Len() + v.FieldByName("PlanModifiers").Len()
		if nested, ok := a.(schema.SingleNestedAttribute); ok {
			n += countRules(nested.Attributes)
		}
	}
	return n
}

type unknownAttribute struct{ schema.StringAttribute }

func TestStripRefusesAnAttributeTypeItDoesNotKnow(t *testing.T) {
	s := schema.Schema{Attributes: map[string]schema.Attribute{
		"outer": schema.SingleNestedAttribute{Attributes: map[string]schema.Attribute{"odd": unknownAttribute{}}},
	}}
	_, err := Strip(s)
	if err == nil || !strings.Contains(err.Error(), "outer: odd: floor.Strip does not know attribute type floor.unknownAttribute") {
		t.Errorf("Strip = %v, want an error naming outer: odd and its type", err)
	}
}
