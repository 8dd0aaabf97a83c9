package connection

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"sort"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/atlasx/terraform-provider-atlasx/internal/client"
)

// identityFields never go into a PATCH: Atlas fixes name and type at create
// and sets id and state itself.
var identityFields = map[string]bool{"name": true, "type": true, "id": true, "state": true}

// mapFields are cleared with `{}`, which Atlas reads as "no entries"; every
// other field is cleared with an explicit null.
var mapFields = map[string]bool{"config": true, "headers": true}

// buildPatch returns the smallest PATCH body that turns prior into planned:
// each top-level field that differs, nested objects whole (so a changed
// secret travels with the object that holds it, and only then), and an
// explicit clear for each field the plan dropped. An empty patch means there
// is nothing Atlas would see, and no request should be made. A non-empty one
// also names the (unchanged) type, which the API's schema tells bodies apart
// by, and the fields that schema requires of the type (the type's requiredInPatch).
func buildPatch(prior, planned *client.StreamConnection) (client.ConnectionPatch, error) {
	patch, after, err := differences(prior, planned)
	if err == nil && len(patch) > 0 {
		nameType(patch, planned.Type, after)
	}
	return patch, err
}

// differences holds only the top-level fields in which planned differs from
// prior, as buildPatch sends them, and planned's fields.
func differences(prior, planned *client.StreamConnection) (diff client.ConnectionPatch, after map[string]json.RawMessage, err error) {
	before, err := topLevelFields(prior)
	if err != nil {
		return nil, nil, err
	}
	after, err = topLevelFields(planned)
	if err != nil {
		return nil, nil, err
	}
	diff = client.ConnectionPatch{}
	for key, value := range after {
		if identityFields[key] || bytes.Equal(before[key], value) {
			continue
		}
		diff[key] = value
	}
	for key := range before {
		if _, kept := after[key]; kept || identityFields[key] {
			continue
		}
		if mapFields[key] {
			diff[key] = map[string]string{}
		} else {
			diff[key] = nil
		}
	}
	return diff, after, nil
}

// nameType adds to a patch the type, which the API's schema tells bodies
// apart by, and the fields that schema requires of the type (the type's requiredInPatch),
// taken from fields.
func nameType(patch client.ConnectionPatch, connectionType string, fields map[string]json.RawMessage) {
	patch["type"] = connectionType
	t := typeByAPIName(connectionType)
	if t == nil {
		return
	}
	for _, key := range t.requiredInPatch() {
		if value, ok := fields[key]; ok {
			patch[key] = value
		}
	}
}

// topLevelFields splits a connection into its top-level JSON fields. Go
// marshals maps with sorted keys, so equal values have equal bytes.
func topLevelFields(c *client.StreamConnection) (map[string]json.RawMessage, error) {
	raw, err := json.Marshal(c)
	if err != nil {
		return nil, fmt.Errorf("encoding connection %q: %w", c.Name, err)
	}
	fields := map[string]json.RawMessage{}
	if err := json.Unmarshal(raw, &fields); err != nil {
		return nil, fmt.Errorf("decoding connection %q: %w", c.Name, err)
	}
	return fields, nil
}

// PatchFields lists a patch's keys in order, for logs and messages.
func PatchFields(p client.ConnectionPatch) []string {
	keys := make([]string, 0, len(p))
	for k := range p {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// secretsPatch carries, whole, each object of c that holds a secret, named
// by type like any PATCH. After adopting a connection it makes Atlas hold the
// configured secrets, which it never shows and so could not be compared. It
// is empty when c holds no secret.
func secretsPatch(c *client.StreamConnection) (client.ConnectionPatch, error) {
	fields, err := topLevelFields(c)
	if err != nil {
		return nil, err
	}
	p := client.ConnectionPatch{}
	for _, s := range client.ConnectionSecrets {
		if s.Type != c.Type {
			continue
		}
		field := cmp.Or(s.Object, s.Key)
		if _, held := secretValue(fields, s); held {
			p[field] = fields[field]
		}
	}
	if len(p) > 0 {
		nameType(p, c.Type, fields)
	}
	return p, nil
}

// secretValue is the JSON value of the secret s among a connection's
// top-level fields, and whether it holds one (empty values are left out of
// the JSON, so presence means a value).
func secretValue(fields map[string]json.RawMessage, s client.ConnectionSecret) (json.RawMessage, bool) {
	if s.Object == "" {
		value := fields[s.Key]
		return value, len(value) > 0
	}
	var object map[string]json.RawMessage
	if err := json.Unmarshal(fields[s.Object], &object); err != nil {
		return nil, false
	}
	value, ok := object[s.Key]
	return value, ok
}

// UpdatePatch is the PATCH that takes the connection from state to the plan.
// A write-only secret, which only config holds, makes a difference only when
// its version changes (write_only.go); when its object is sent, it goes
// along. The patch is empty when Atlas would see no change.
func UpdatePatch(ctx context.Context, state, plan, config *Model) (client.ConnectionPatch, diag.Diagnostics) {
	var diags diag.Diagnostics
	held := assumedHeld(state, plan, config)
	prior, d := Expand(ctx, &held)
	diags.Append(d...)
	sendable := WithWriteOnly(plan, config)
	planned, d := Expand(ctx, &sendable)
	diags.Append(d...)
	if diags.HasError() {
		return nil, diags
	}
	patch, err := buildPatch(prior, planned)
	if err != nil {
		diags.AddError("Could not build the update", err.Error())
	}
	return patch, diags
}
