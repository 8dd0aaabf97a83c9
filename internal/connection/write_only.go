package connection

import (
	"context"
	"maps"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// The framework nulls write-only values (`password_wo`, ...) in the plan and
// in state: only the configuration holds them. Create sends them all. An
// update compares what Atlas is taken to hold with what it is to hold:
//
//   - planned is the plan with the configuration's write-only values
//     (WithWriteOnly), so an object that goes into the PATCH carries every
//     secret of its own, in whichever form it is given;
//   - prior is the state as Atlas is taken to hold it (assumedHeld): a
//     write-only value whose version did not change was sent when that
//     version was set, so Atlas holds the configuration's value, and only a
//     change of version makes a difference that sends its object. Changing
//     the value alone sends nothing, as documented.

// unseenSecret stands, in prior, for a secret whose write-only version
// changes: what Atlas holds then (sent under the old version, or before an
// import or a move from the plain form) cannot be known. No configuration
// value equals it, so the object holding it is always sent; prior is only
// compared, never sent, so it never leaves the provider.
const unseenSecret = "\x00a write-only value sent under another version"

var unseenHeaders = types.MapValueMust(types.StringType, map[string]attr.Value{unseenSecret: types.StringValue(unseenSecret)})

// secretForms are one secret's three attributes in an object: its plain
// value, its write-only value and that value's version. Only flatten reads
// the plain value: it is in plan and state alike.
type secretForms struct {
	plain, writeOnly attr.Value
	version          types.Int64
}

// formsOf reads the forms of s in object (its type's object), or reports
// false when object, or an object on the way to s, is null or unknown.
func formsOf(object types.Object, s secret) (secretForms, bool) {
	holder, ok := objectAt(object, s.at)
	if !ok {
		return secretForms{}, false
	}
	values := holder.Attributes()
	version, _ := values[s.field.name+versionSuffix].(types.Int64)
	return secretForms{values[s.field.name], values[s.field.name+writeOnlySuffix], version}, true
}

// withSecretForms is object with the forms of s set to forms (object must
// hold them: formsOf reported true).
func withSecretForms(object types.Object, s secret, forms secretForms) types.Object {
	return withAttributesAt(object, s.at, map[string]attr.Value{
		s.field.name: forms.plain, s.field.name + writeOnlySuffix: forms.writeOnly, s.field.name + versionSuffix: forms.version,
	})
}

// objectAt is the object at the attribute path at in o, or false when o or
// an object on the way is null or unknown.
func objectAt(o types.Object, at []string) (types.Object, bool) {
	for _, name := range at {
		if !known(o) {
			return o, false
		}
		next, ok := o.Attributes()[name].(types.Object)
		if !ok {
			return o, false
		}
		o = next
	}
	return o, known(o)
}

// withAttributesAt is o with values in place of the attributes of the
// object at the path at (every object on the way known).
func withAttributesAt(o types.Object, at []string, values map[string]attr.Value) types.Object {
	attrs := maps.Clone(o.Attributes())
	if len(at) == 0 {
		maps.Copy(attrs, values)
	} else {
		inner, _ := attrs[at[0]].(types.Object)
		attrs[at[0]] = withAttributesAt(inner, at[1:], values)
	}
	return types.ObjectValueMust(o.AttributeTypes(context.Background()), attrs)
}

// WriteOnlyConfig is the configuration's model, which alone holds
// write-only values, as decode reads it. A write-only value needs its
// version, so when the plan sets no version there is none to read and the
// plan stands in: decoding the whole configuration again costs about as much
// as decoding the plan.
func WriteOnlyConfig(plan *Model, decode func() (*Model, diag.Diagnostics)) (*Model, diag.Diagnostics) {
	if !SetsWriteOnlyVersion(plan) {
		return plan, nil
	}
	return decode()
}

// SetsWriteOnlyVersion says whether m sets any write-only version.
func SetsWriteOnlyVersion(m *Model) bool {
	t := typeOf(m)
	if t == nil {
		return false
	}
	for _, s := range secretsOf(t) {
		if forms, ok := formsOf(*t.in(m), s); ok && !forms.version.IsNull() {
			return true
		}
	}
	return false
}

// WithWriteOnly is plan holding the write-only values of config: everything
// Atlas is to hold.
func WithWriteOnly(plan, config *Model) Model {
	return changeSecrets(*plan, func(s secret, forms secretForms) (secretForms, bool) {
		given, ok := formsOf(*s.t.in(config), s)
		forms.writeOnly = given.writeOnly
		return forms, ok
	})
}

// changeSecrets is m with the forms of each secret its type's object holds
// as change has them, where it reports a change.
func changeSecrets(m Model, change func(s secret, forms secretForms) (secretForms, bool)) Model {
	t := typeOf(&m)
	if t == nil {
		return m
	}
	object := t.in(&m)
	for _, s := range secretsOf(t) {
		if forms, ok := formsOf(*object, s); ok {
			if changed, ok := change(s, forms); ok {
				*object = withSecretForms(*object, s, changed)
			}
		}
	}
	return m
}

// sendable is a type's object with each secret's write-only value, where
// it holds one, in place of its plain value: what Expand sends.
func sendable(t *connectionType, object types.Object) types.Object {
	for _, s := range secretsOf(t) {
		if forms, ok := formsOf(object, s); ok && known(forms.writeOnly) {
			forms.plain = forms.writeOnly
			object = withSecretForms(object, s, forms)
		}
	}
	return object
}

// assumedHeld is state holding the write-only values Atlas is taken to
// hold: config's value for each whose version the plan keeps, and
// unseenSecret for each whose version the plan changes (a plain value
// beside it is ignored, as expand prefers the write-only form).
func assumedHeld(state, plan, config *Model) Model {
	return changeSecrets(*state, func(s secret, forms secretForms) (secretForms, bool) {
		planned := types.Int64Null()
		if p, ok := formsOf(*s.t.in(plan), s); ok {
			planned = p.version
		}
		switch {
		case !forms.version.Equal(planned):
			forms.writeOnly = unseen(s)
			return forms, true
		case !forms.version.IsNull():
			given, ok := formsOf(*s.t.in(config), s)
			forms.writeOnly = given.writeOnly
			return forms, ok
		}
		return forms, false
	})
}

// unseen is unseenSecret in the secret's kind of value.
func unseen(s secret) attr.Value {
	if s.field.kind == kindStringMap {
		return unseenHeaders
	}
	return types.StringValue(unseenSecret)
}

// keepSecrets is out, a type's object flattened from Atlas's answer, with
// every secret of prior (the type's object before, or null) in its three
// forms: Atlas never returns them. Where prior holds no object for one, its
// forms in out stay null.
func keepSecrets(t *connectionType, prior, out types.Object) types.Object {
	for _, s := range secretsOf(t) {
		if _, ok := formsOf(out, s); !ok {
			continue
		}
		forms, ok := formsOf(prior, s)
		if !ok {
			continue
		}
		if s.field.kind == kindStringMap {
			plain, _ := forms.plain.(types.Map)
			writeOnly, _ := forms.writeOnly.(types.Map)
			forms.plain, forms.writeOnly = knownMapOrNull(plain), knownMapOrNull(writeOnly)
		}
		out = withSecretForms(out, s, forms)
	}
	return out
}
