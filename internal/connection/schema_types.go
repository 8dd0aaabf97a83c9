package connection

import (
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

// The schema of the connection types, built from their rows' fields.

// schemaAttribute is the type's attribute, wrapping its fields. Switching type
// replaces the connection, since Atlas cannot change a connection's type. It
// is never Computed, so that secrets inside it can gain write-only variants.
func (t connectionType) schemaAttribute() schema.SingleNestedAttribute {
	return schema.SingleNestedAttribute{
		Optional:            true,
		MarkdownDescription: t.description,
		Attributes:          fieldAttributes(t.fields),
		Validators:          secretRules(t.fields, nil),
		PlanModifiers:       []planmodifier.Object{replaceOnTypeSwitch()},
	}
}

// fieldAttributes are the attributes of fields: each secret in its three
// forms (withSecret), each nested object with its own.
func fieldAttributes(fields []field) map[string]schema.Attribute {
	attrs := make(map[string]schema.Attribute, len(fields))
	for _, f := range fields {
		switch {
		case f.secret != nil:
			withSecret(attrs, f)
		case f.object != nil:
			attrs[f.name] = f.object.attribute()
		default:
			attrs[f.name] = f.leaf
		}
	}
	return attrs
}

func (o *objectSpec) attribute() schema.SingleNestedAttribute {
	return schema.SingleNestedAttribute{
		Required:            o.required,
		Optional:            !o.required,
		MarkdownDescription: o.description,
		Attributes:          fieldAttributes(o.fields),
		Validators:          secretRules(o.fields, o.validators),
		PlanModifiers:       o.planModifiers,
	}
}

// secretRules is validators, with writeOnlyRules after them when fields
// hold a secret, whose write-only form and version go together.
func secretRules(fields []field, validators []validator.Object) []validator.Object {
	for _, f := range fields {
		if f.secret != nil {
			return append(append([]validator.Object(nil), validators...), writeOnlyRules())
		}
	}
	return validators
}
