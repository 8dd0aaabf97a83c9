package connection

import (
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

// field is one setting of a connection type, at any depth: how the schema
// declares it and where the API and the official provider keep it. Each row
// of the type table (types.go) lists its type's fields, and everything that
// handles a setting walks them: the schema, expand and flatten, the PATCH's
// required fields, the secrets and their write-only forms, the reader of the
// official provider's state and the tests. So adding a setting to a type is
// adding a field to its row (and a value for it to the tests' examples,
// which a test asks for).
type field struct {
	// name is the HCL attribute.
	name string
	// api is where the API keeps the value, as a dotted path from the
	// object that holds the field ("aws.roleArn" for an AWS type's role_arn,
	// which the API nests and the HCL does not).
	api string
	// official is where the mongodbatlas provider keeps it, a dotted path
	// from the object that holds the field; "" for the API path in
	// snake_case, which is where it keeps nearly everything.
	official string

	kind fieldKind
	// leaf is the attribute of a string, string map or string list.
	leaf schema.Attribute
	// object describes a nested object (kindObject).
	object *objectSpec
	// secret marks a string or string map that Atlas never returns: it
	// gains a write-only form and its version (schema_secrets.go), and a
	// read keeps what configuration gave.
	secret *secretSpec
	// inEveryPatch: the API's schema requires the field in every body of
	// the type, an update's included, so it goes with any change.
	inEveryPatch bool
}

// fieldKind is what a field's value is.
type fieldKind int

const (
	kindString fieldKind = iota
	kindStringMap
	kindStringList
	kindObject
)

// objectSpec is a nested object's declaration: its fields and what the
// schema says of the object itself.
type objectSpec struct {
	description   string
	required      bool
	validators    []validator.Object
	planModifiers []planmodifier.Object
	fields        []field
	// readsNull, when set, says whether the API's object reads back as null
	// (priorNull: the prior object was null): networking that holds only
	// Atlas's default reads as none unless written, so that leaving it out
	// never shows a diff.
	readsNull func(api map[string]any, priorNull bool) bool
}

// secretSpec says what a secret is, for its three attributes' descriptions.
type secretSpec struct {
	what string
	// mapWhy, for a string map, says why its plain form is sensitive.
	mapWhy string
}

// text is a string field kept at api; the schema's attribute is a.
func text(name, api string, a schema.StringAttribute) field {
	return field{name: name, api: api, kind: kindString, leaf: a}
}

// textMap is a string map field kept at api.
func textMap(name, api string, a schema.MapAttribute) field {
	return field{name: name, api: api, kind: kindStringMap, leaf: a}
}

// textList is a string list field kept at api.
func textList(name, api string, a schema.ListAttribute) field {
	return field{name: name, api: api, kind: kindStringList, leaf: a}
}

// nested is an object field kept at api.
func nested(name, api string, o objectSpec) field {
	return field{name: name, api: api, kind: kindObject, object: &o}
}

// secretText is a secret string kept at api; what says what it is.
func secretText(name, api, what string) field {
	return field{name: name, api: api, kind: kindString, secret: &secretSpec{what: what}}
}

// secretMap is a secret string map kept at api; why says why its plain
// form is sensitive.
func secretMap(name, api, what, why string) field {
	return field{name: name, api: api, kind: kindStringMap, secret: &secretSpec{what: what, mapWhy: why}}
}

// officialAt says where the official provider keeps the field, when it is
// not the API path in snake_case.
func (f field) officialAt(path string) field {
	f.official = path
	return f
}

// alwaysInPatch marks a field the API's schema requires in every body.
func (f field) alwaysInPatch() field {
	f.inEveryPatch = true
	return f
}

// apiPath is the field's API path, split.
func (f field) apiPath() []string { return strings.Split(f.api, ".") }

// officialPath is the field's path in the official provider's state, split.
func (f field) officialPath() []string {
	if f.official != "" {
		return strings.Split(f.official, ".")
	}
	parts := f.apiPath()
	out := make([]string, len(parts))
	for i, p := range parts {
		out[i] = snakeCase(p)
	}
	return out
}

// snakeCase spells an API key as the official provider does: "roleArn" is
// "role_arn".
func snakeCase(key string) string {
	var b strings.Builder
	for i, r := range key {
		if 'A' <= r && r <= 'Z' {
			if i > 0 {
				b.WriteByte('_')
			}
			r += 'a' - 'A'
		}
		b.WriteRune(r)
	}
	return b.String()
}

// walkFields calls visit for every field of fields and of their nested
// objects, depth first, with the fields of the objects that hold it,
// outermost first.
func walkFields(fields []field, visit func(f field, parents []field)) {
	walkFieldsIn(fields, nil, visit)
}

func walkFieldsIn(fields []field, parents []field, visit func(f field, parents []field)) {
	for _, f := range fields {
		visit(f, parents)
		if f.object != nil {
			walkFieldsIn(f.object.fields, append(slices.Clip(parents), f), visit)
		}
	}
}
