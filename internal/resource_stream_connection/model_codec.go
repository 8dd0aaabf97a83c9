package resource_stream_connection

import (
	"context"
	"fmt"
	"reflect"
	"sync"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// The CRUD methods read and write the whole resourceModel on every call. The
// framework's Get and Set do it by reflection that re-reads every struct's
// tags (compiling a regular expression per field) on each call; this codec
// maps each tfsdk tag to its field once and then converts directly, with the
// framework's own attribute types doing each value's conversion, so the
// result is the same value Get and Set produce.

// structCodec converts one model struct to and from a Terraform object.
type structCodec struct {
	objectType tftypes.Object
	fields     []fieldCodec
}

type fieldCodec struct {
	name     string
	index    []int // reflect.Value.FieldByIndex
	attrType attr.Type
	tfType   tftypes.Type
}

var attrValueType = reflect.TypeFor[attr.Value]()

// newStructCodec maps the fields of model, a struct type, onto the
// attributes of objectType. Like the framework it refuses an attribute
// without a field and a field without an attribute.
func newStructCodec(ctx context.Context, model reflect.Type, objectType attr.TypeWithAttributeTypes) (*structCodec, error) {
	tags := map[string][]int{}
	collectTags(model, nil, tags)
	attrTypes := objectType.AttributeTypes()
	c := &structCodec{objectType: tftypes.Object{AttributeTypes: map[string]tftypes.Type{}}}
	for name, t := range attrTypes {
		index, ok := tags[name]
		if !ok {
			return nil, fmt.Errorf("%s has no field tagged tfsdk:%q", model, name)
		}
		f := fieldCodec{name: name, index: index, attrType: t, tfType: t.TerraformType(ctx)}
		c.objectType.AttributeTypes[name] = f.tfType
		field := model.FieldByIndex(index).Type
		if !field.Implements(attrValueType) {
			return nil, fmt.Errorf("%s field for %q is a %s: want an attr.Value", model, name, field)
		}
		if got := reflect.TypeOf(t.ValueType(ctx)); !got.AssignableTo(field) {
			return nil, fmt.Errorf("%s field for %q is a %s, but the attribute's values are %s", model, name, field, got)
		}
		c.fields = append(c.fields, f)
	}
	for name := range tags {
		if _, ok := attrTypes[name]; !ok {
			return nil, fmt.Errorf("%s field tagged tfsdk:%q has no attribute in the schema", model, name)
		}
	}
	return c, nil
}

// collectTags maps each tfsdk tag of t to its field index, through embedded structs.
func collectTags(t reflect.Type, prefix []int, tags map[string][]int) {
	for i := range t.NumField() {
		field := t.Field(i)
		index := append(append([]int{}, prefix...), i)
		if field.Anonymous && field.Type.Kind() == reflect.Struct {
			collectTags(field.Type, index, tags)
			continue
		}
		if tag := field.Tag.Get("tfsdk"); tag != "" && tag != "-" {
			tags[tag] = index
		}
	}
}

// decode fills dst, a struct, from v, a known object.
func (c *structCodec) decode(ctx context.Context, v tftypes.Value, dst reflect.Value) error {
	var values map[string]tftypes.Value
	if err := v.As(&values); err != nil {
		return err
	}
	for _, f := range c.fields {
		av, err := f.attrType.ValueFromTerraform(ctx, values[f.name])
		if err != nil {
			return fmt.Errorf("%s: %w", f.name, err)
		}
		dst.FieldByIndex(f.index).Set(reflect.ValueOf(av))
	}
	return nil
}

// encode is the object src, a struct, stands for.
func (c *structCodec) encode(ctx context.Context, src reflect.Value) (tftypes.Value, error) {
	values := make(map[string]tftypes.Value, len(c.fields))
	for _, f := range c.fields {
		av, _ := src.FieldByIndex(f.index).Interface().(attr.Value)
		if av.IsNull() {
			// A zero value (e.g. an unset timeouts.Value, or a type
			// object of no type) knows no type of its own.
			values[f.name] = tftypes.NewValue(f.tfType, nil)
			continue
		}
		v, err := av.ToTerraformValue(ctx)
		if err != nil {
			return v, fmt.Errorf("%s: %w", f.name, err)
		}
		values[f.name] = v
	}
	return tftypes.NewValue(c.objectType, values), nil
}

// resourceCodec converts resourceModel to and from the resource schema's object.
var resourceCodec = sync.OnceValues(func() (*structCodec, error) {
	ctx := context.Background()
	object, ok := resourceSchema(ctx).Type().(attr.TypeWithAttributeTypes)
	if !ok {
		return nil, fmt.Errorf("the resource schema's type %T has no attribute types", resourceSchema(ctx).Type())
	}
	return newStructCodec(ctx, reflect.TypeFor[resourceModel](), object)
})

// getModel reads a plan or state (its Raw value) into m, as Get would.
func getModel(ctx context.Context, raw tftypes.Value, m *resourceModel) diag.Diagnostics {
	var diags diag.Diagnostics
	codec, err := resourceCodec()
	if err == nil {
		err = codec.decode(ctx, raw, reflect.ValueOf(m).Elem())
	}
	if err != nil {
		diags.AddError("Value Conversion Error", "Reading the resource's data failed: "+err.Error()+". This is a bug in the provider.")
	}
	return diags
}

// setModel writes m into a state (its Raw value), as Set would.
func setModel(ctx context.Context, raw *tftypes.Value, m *resourceModel) diag.Diagnostics {
	var diags diag.Diagnostics
	codec, err := resourceCodec()
	var v tftypes.Value
	if err == nil {
		v, err = codec.encode(ctx, reflect.ValueOf(m).Elem())
	}
	if err != nil {
		diags.AddError("Value Conversion Error", "Writing the resource's data failed: "+err.Error()+". This is a bug in the provider.")
		return diags
	}
	*raw = v
	return diags
}
