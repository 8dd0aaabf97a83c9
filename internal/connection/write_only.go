package connection

import (
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

// secretSlot is one secret of a model: where its plain value, its
// write-only value and that value's version sit. Only flatten reads the
// plain value: it is in plan and state alike.
type secretSlot[V attr.Value] struct {
	plain     *V
	writeOnly *V
	version   *types.Int64
}

// modelSecrets finds the secrets of m, by attribute path, in the objects m
// has. m must own those objects (see ownSecrets) before they are changed.
func modelSecrets(m *Model) (strSlots map[string]secretSlot[types.String], mapSlots map[string]secretSlot[types.Map]) {
	strSlots, mapSlots = map[string]secretSlot[types.String]{}, map[string]secretSlot[types.Map]{}
	for _, s := range connectionSecrets {
		object := typeByAPIName(s.api.Type).object(m)
		if s.str != nil {
			if slot, ok := s.str(object); ok {
				strSlots[s.path()] = slot
			}
		} else if slot, ok := s.headers(object); ok {
			mapSlots[s.path()] = slot
		}
	}
	return strSlots, mapSlots
}

// ownSecrets copies the objects of m that hold secrets, so that changing them
// leaves the model m was copied from alone.
func ownSecrets(m Model) Model {
	if m.Kafka != nil && m.Kafka.Authentication != nil {
		k, a := *m.Kafka, *m.Kafka.Authentication
		k.Authentication = &a
		m.Kafka = &k
	}
	if m.SchemaRegistry != nil && m.SchemaRegistry.Authentication != nil {
		sr, a := *m.SchemaRegistry, *m.SchemaRegistry.Authentication
		sr.Authentication = &a
		m.SchemaRegistry = &sr
	}
	if m.HTTPS != nil {
		h := *m.HTTPS
		m.HTTPS = &h
	}
	return m
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
	strSlots, mapSlots := modelSecrets(m)
	for _, s := range strSlots {
		if !s.version.IsNull() {
			return true
		}
	}
	for _, s := range mapSlots {
		if !s.version.IsNull() {
			return true
		}
	}
	return false
}

// WithWriteOnly is plan holding the write-only values of config: everything
// Atlas is to hold.
func WithWriteOnly(plan, config *Model) Model {
	out := ownSecrets(*plan)
	strSlots, mapSlots := modelSecrets(&out)
	configStrSlots, configMapSlots := modelSecrets(config)
	copyWriteOnly(strSlots, configStrSlots)
	copyWriteOnly(mapSlots, configMapSlots)
	return out
}

// sendable is m with each secret's write-only value, where it holds one, in
// place of its plain value: what Expand sends.
func sendable(m Model) Model {
	out := ownSecrets(m)
	strSlots, mapSlots := modelSecrets(&out)
	preferWriteOnly(strSlots)
	preferWriteOnly(mapSlots)
	return out
}

func preferWriteOnly[V attr.Value](slots map[string]secretSlot[V]) {
	for _, s := range slots {
		if known(*s.writeOnly) {
			*s.plain = *s.writeOnly
		}
	}
}

func copyWriteOnly[V attr.Value](to, from map[string]secretSlot[V]) {
	for path, slot := range to {
		if given, ok := from[path]; ok {
			*slot.writeOnly = *given.writeOnly
		}
	}
}

// assumedHeld is state holding the write-only values Atlas is taken to
// hold: config's value for each whose version the plan keeps, and
// unseenSecret for each whose version the plan changes (a plain value
// beside it is ignored, as expand prefers the write-only form).
func assumedHeld(state, plan, config *Model) Model {
	out := ownSecrets(*state)
	strSlots, mapSlots := modelSecrets(&out)
	planStrSlots, planMapSlots := modelSecrets(plan)
	configStrSlots, configMapSlots := modelSecrets(config)
	assumeHeld(strSlots, planStrSlots, configStrSlots, types.StringValue(unseenSecret))
	assumeHeld(mapSlots, planMapSlots, configMapSlots, unseenHeaders)
	return out
}

func assumeHeld[V attr.Value](state, plan, config map[string]secretSlot[V], unseen V) {
	for path, slot := range state {
		planned := types.Int64Null()
		if p, ok := plan[path]; ok {
			planned = *p.version
		}
		switch {
		case !slot.version.Equal(planned):
			*slot.writeOnly = unseen
		case !slot.version.IsNull():
			if given, ok := config[path]; ok {
				*slot.writeOnly = *given.writeOnly
			}
		}
	}
}
