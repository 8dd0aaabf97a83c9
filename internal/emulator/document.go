package emulator

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"slices"
)

// maxBodyBytes bounds request bodies; connections are a few kilobytes.
const maxBodyBytes = 1 << 20

// readOnlyFields are what the server sets; a write that carries them has
// them ignored, as Atlas does.
var readOnlyFields = []string{"id", "state", "links"}

// writeOnlyFields are stored but never returned by any read.
var writeOnlyFields = [][2]string{
	{"authentication", "password"},
	{"authentication", "clientSecret"},
	{"authentication", "sslKey"},
	{"authentication", "sslKeyPassword"},
	{"schemaRegistryAuthentication", "password"},
}

// decodeObject reads a JSON object body. Numbers stay json.Number so
// unknown fields go back out exactly as they came in.
func decodeObject(r *http.Request) (map[string]any, *apiError) {
	data, err := io.ReadAll(io.LimitReader(r.Body, maxBodyBytes))
	if err != nil {
		return nil, errInvalidJSON()
	}
	return parseObject(data)
}

func parseObject(data []byte) (map[string]any, *apiError) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var obj map[string]any
	if err := dec.Decode(&obj); err != nil || obj == nil || dec.More() {
		return nil, errInvalidJSON()
	}
	return obj, nil
}

// canonical turns any Go value into its decoded-JSON form (maps, slices,
// strings, json.Number, bools), so values set from Go behave like ones sent
// over HTTP.
func canonical(v any) (any, error) {
	data, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var out any
	return out, dec.Decode(&out)
}

// deepCopy copies the maps and slices of a decoded JSON value.
func deepCopy(v any) any {
	switch t := v.(type) {
	case map[string]any:
		return copyObject(t)
	case []any:
		out := make([]any, len(t))
		for i, val := range t {
			out[i] = deepCopy(val)
		}
		return out
	default:
		return v
	}
}

func copyObject(m map[string]any) map[string]any {
	out := make(map[string]any, len(m))
	for k, v := range m {
		out[k] = deepCopy(v)
	}
	return out
}

// withoutNulls drops null members of objects at every depth: a null means
// "not set", and Atlas never answers with nulls.
func withoutNulls(v any) any {
	switch t := v.(type) {
	case map[string]any:
		for k, val := range t {
			if val == nil {
				delete(t, k)
			} else {
				t[k] = withoutNulls(val)
			}
		}
	case []any:
		for i, val := range t {
			t[i] = withoutNulls(val)
		}
	}
	return v
}

// writable is a create body as it will be stored: read-only fields dropped,
// nulls dropped.
func writable(body map[string]any) map[string]any {
	for _, f := range readOnlyFields {
		delete(body, f)
	}
	withoutNulls(body)
	return body
}

// mergePatch applies an update to a stored connection: top-level fields left
// out keep their values, a field sent as null is cleared, anything else
// replaces the field whole (so "headers": {} clears the headers).
func mergePatch(stored, patch map[string]any) map[string]any {
	merged := copyObject(stored)
	for k, v := range patch {
		switch {
		case isReadOnly(k):
		case v == nil:
			delete(merged, k)
		default:
			merged[k] = withoutNulls(deepCopy(v))
		}
	}
	return merged
}

func isReadOnly(field string) bool { return slices.Contains(readOnlyFields, field) }

func stripWriteOnly(c map[string]any) {
	for _, path := range writeOnlyFields {
		if parent, ok := c[path[0]].(map[string]any); ok {
			delete(parent, path[1])
		}
	}
}

// applyDefaults fills in what Atlas fills in when a client leaves it out:
// the workspace's region, PUBLIC networking for Kafka, empty Https headers.
func applyDefaults(c map[string]any, region string) {
	if _, ok := value(c, "region"); !ok {
		c["region"] = region
	}
	switch c["type"] {
	case typeKafka:
		networking, _ := c[fieldNetworking].(map[string]any)
		if networking == nil {
			networking = map[string]any{}
			c[fieldNetworking] = networking
		}
		access, _ := networking["access"].(map[string]any)
		if access == nil {
			access = map[string]any{}
			networking["access"] = access
		}
		if _, ok := value(access, "type"); !ok {
			access["type"] = "PUBLIC"
		}
	case typeHTTPS:
		if _, ok := value(c, "headers"); !ok {
			c["headers"] = map[string]any{}
		}
	}
}

// networkingInEffect is the networking object a connection or failover
// connection has in effect, in whichever of the two fields its type takes.
// Left out, it is PUBLIC access, Atlas's default (which it writes out for
// Kafka), so writing that default out, or clearing it, is not a change of
// networking.
func networkingInEffect(c map[string]any) map[string]any {
	for _, field := range []string{fieldNetworking, fieldPublicPrivateNetworking} {
		if networking, ok := c[field].(map[string]any); ok {
			return networking
		}
	}
	return map[string]any{"access": map[string]any{"type": "PUBLIC"}}
}
