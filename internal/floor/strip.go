package floor

import (
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
)

// Strip returns s without a single validator or plan modifier, at any depth:
// the same attributes, types, flags and defaults, so the framework does
// exactly the work it must do for the schema and nothing a provider asked
// for. It fails on an attribute or block type it does not know, so that a
// new kind of attribute cannot slip through with its validators.
func Strip(s schema.Schema) (schema.Schema, error) {
	attributes, err := stripAttributes(s.Attributes)
	if err != nil {
		return s, err
	}
	blocks, err := stripBlocks(s.Blocks)
	if err != nil {
		return s, err
	}
	s.Attributes, s.Blocks = attributes, blocks
	return s, nil
}

func stripAttributes(in map[string]schema.Attribute) (map[string]schema.Attribute, error) {
	if in == nil {
		return nil, nil
	}
	out := make(map[string]schema.Attribute, len(in))
	for name, a := range in {
		stripped, err := stripAttribute(a)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		out[name] = stripped
	}
	return out, nil
}

func stripAttribute(a schema.Attribute) (schema.Attribute, error) {
	switch a := a.(type) {
	case schema.StringAttribute:
		a.Validators, a.PlanModifiers = nil, nil
		return a, nil
	case schema.BoolAttribute:
		a.Validators, a.PlanModifiers = nil, nil
		return a, nil
	case schema.Int32Attribute:
		a.Validators, a.PlanModifiers = nil, nil
		return a, nil
	case schema.Int64Attribute:
		a.Validators, a.PlanModifiers = nil, nil
		return a, nil
	case schema.Float32Attribute:
		a.Validators, a.PlanModifiers = nil, nil
		return a, nil
	case schema.Float64Attribute:
		a.Validators, a.PlanModifiers = nil, nil
		return a, nil
	case schema.NumberAttribute:
		a.Validators, a.PlanModifiers = nil, nil
		return a, nil
	case schema.DynamicAttribute:
		a.Validators, a.PlanModifiers = nil, nil
		return a, nil
	case schema.ListAttribute:
		a.Validators, a.PlanModifiers = nil, nil
		return a, nil
	case schema.SetAttribute:
		a.Validators, a.PlanModifiers = nil, nil
		return a, nil
	case schema.MapAttribute:
		a.Validators, a.PlanModifiers = nil, nil
		return a, nil
	case schema.ObjectAttribute:
		a.Validators, a.PlanModifiers = nil, nil
		return a, nil
	case schema.SingleNestedAttribute:
		a.Validators, a.PlanModifiers = nil, nil
		var err error
		a.Attributes, err = stripAttributes(a.Attributes)
		return a, err
	case schema.ListNestedAttribute:
		a.Validators, a.PlanModifiers = nil, nil
		var err error
		a.NestedObject, err = stripNestedObject(a.NestedObject)
		return a, err
	case schema.SetNestedAttribute:
		a.Validators, a.PlanModifiers = nil, nil
		var err error
		a.NestedObject, err = stripNestedObject(a.NestedObject)
		return a, err
	case schema.MapNestedAttribute:
		a.Validators, a.PlanModifiers = nil, nil
		var err error
		a.NestedObject, err = stripNestedObject(a.NestedObject)
		return a, err
	}
	return nil, fmt.Errorf("floor.Strip does not know attribute type %T; add it", a)
}

func stripNestedObject(o schema.NestedAttributeObject) (schema.NestedAttributeObject, error) {
	o.Validators, o.PlanModifiers = nil, nil
	var err error
	o.Attributes, err = stripAttributes(o.Attributes)
	return o, err
}

func stripBlocks(in map[string]schema.Block) (map[string]schema.Block, error) {
	if in == nil {
		return nil, nil
	}
	out := make(map[string]schema.Block, len(in))
	for name, b := range in {
		stripped, err := stripBlock(b)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		out[name] = stripped
	}
	return out, nil
}

func stripBlock(b schema.Block) (schema.Block, error) {
	var err error
	switch b := b.(type) {
	case schema.SingleNestedBlock:
		b.Validators, b.PlanModifiers = nil, nil
		if b.Attributes, err = stripAttributes(b.Attributes); err != nil {
			return nil, err
		}
		b.Blocks, err = stripBlocks(b.Blocks)
		return b, err
	case schema.ListNestedBlock:
		b.Validators, b.PlanModifiers = nil, nil
		b.NestedObject, err = stripBlockObject(b.NestedObject)
		return b, err
	case schema.SetNestedBlock:
		b.Validators, b.PlanModifiers = nil, nil
		b.NestedObject, err = stripBlockObject(b.NestedObject)
		return b, err
	}
	return nil, fmt.Errorf("floor.Strip does not know block type %T; add it", b)
}

func stripBlockObject(o schema.NestedBlockObject) (schema.NestedBlockObject, error) {
	o.Validators, o.PlanModifiers = nil, nil
	var err error
	if o.Attributes, err = stripAttributes(o.Attributes); err != nil {
		return o, err
	}
	o.Blocks, err = stripBlocks(o.Blocks)
	return o, err
}
