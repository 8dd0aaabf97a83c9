package client

import (
	"bytes"
	"encoding/json"
	"sort"
	"strings"
)

const mask = "***"

// ConnectionSecret is one write-only secret of a stream connection type, as
// the API spells it. Atlas never returns these (Https headers excepted, which
// are treated alike so that none leaks), so they are masked in logs and only
// ever sent, never read back.
type ConnectionSecret struct {
	Type   string // the connection type that has it
	Object string // the top-level field that holds it, or "" when Key is top-level
	Key    string // its JSON key
	Map    bool   // Key holds an object whose every value is a secret
}

// ConnectionSecrets lists every secret of every connection type: the one
// table that masking here and the resource's secret handling are built from.
var ConnectionSecrets = []ConnectionSecret{
	{Type: TypeKafka, Object: "authentication", Key: "password"},
	{Type: TypeKafka, Object: "authentication", Key: "clientSecret"},
	{Type: TypeKafka, Object: "authentication", Key: "sslKey"},
	{Type: TypeKafka, Object: "authentication", Key: "sslKeyPassword"},
	{Type: TypeSchemaRegistry, Object: "schemaRegistryAuthentication", Key: "password"},
	// Https headers commonly carry Authorization or API keys.
	{Type: TypeHTTPS, Key: "headers", Map: true},
}

// tokenSecretKeys are the secret JSON keys of OAuth token exchanges.
var tokenSecretKeys = []string{"access_token", "refresh_token", "client_secret"}

// secretKeys are the JSON keys whose values are secrets, and secretMapKeys
// those of objects whose every value is a secret. Keys are matched exactly,
// as Atlas spells them, wherever they stand in a body.
var secretKeys, secretMapKeys = maskedKeys()

func maskedKeys() (values, maps map[string]bool) {
	values, maps = map[string]bool{}, map[string]bool{}
	for _, key := range tokenSecretKeys {
		values[key] = true
	}
	for _, s := range ConnectionSecrets {
		if s.Map {
			maps[s.Key] = true
		} else {
			values[s.Key] = true
		}
	}
	return values, maps
}

// maskJSON returns body with every secret value replaced by a mask, decided by
// JSON key rather than by searching for strings, so a secret is hidden even
// when the client has never seen it. As a second guard, the known secrets are
// redacted from every other string, where an error detail may quote the
// request. ok is false when body is not JSON.
func maskJSON(body []byte, known []string) (masked string, ok bool) {
	doc, ok := decodeGeneric(body)
	if !ok {
		return "", false
	}
	out, err := json.Marshal(redactStrings(walkSecrets(doc, nil), known))
	if err != nil {
		return "", false
	}
	return string(out), true
}

// redactStrings redacts the known secrets from every string in doc, object
// keys included (an echo may use a value as a key).
func redactStrings(doc any, known []string) any {
	switch v := doc.(type) {
	case string:
		return redact(v, known)
	case map[string]any:
		out := make(map[string]any, len(v))
		for key, value := range v {
			out[redact(key, known)] = redactStrings(value, known)
		}
		return out
	case []any:
		for i, value := range v {
			v[i] = redactStrings(value, known)
		}
	}
	return doc
}

// secretValues lists the secret values a JSON body carries, so that an error
// detail echoing the request can be redacted.
func secretValues(body []byte) []string {
	doc, ok := decodeGeneric(body)
	if !ok {
		return nil
	}
	var found []string
	walkSecrets(doc, func(v string) { found = append(found, v) })
	return found
}

func decodeGeneric(body []byte) (any, bool) {
	if len(bytes.TrimSpace(body)) == 0 {
		return nil, false
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber() // keep numbers exactly as sent
	var doc any
	if err := dec.Decode(&doc); err != nil || dec.More() {
		return nil, false
	}
	return doc, true
}

// walkSecrets returns a copy of doc with secret values masked, calling found
// (when not nil) with each secret string value.
func walkSecrets(doc any, found func(string)) any {
	switch v := doc.(type) {
	case map[string]any:
		out := make(map[string]any, len(v))
		for key, value := range v {
			switch {
			case secretKeys[key]:
				out[key] = maskValue(value, found)
			case secretMapKeys[key]:
				out[key] = maskMapValues(value, found)
			default:
				out[key] = walkSecrets(value, found)
			}
		}
		return out
	case []any:
		out := make([]any, len(v))
		for i, value := range v {
			out[i] = walkSecrets(value, found)
		}
		return out
	default:
		return v
	}
}

func maskValue(value any, found func(string)) any {
	if value == nil {
		return nil // an explicit clear carries no secret, and saying so helps debugging
	}
	if s, ok := value.(string); ok && found != nil && s != "" {
		found(s)
	}
	return mask
}

func maskMapValues(value any, found func(string)) any {
	m, ok := value.(map[string]any)
	if !ok {
		return maskValue(value, found)
	}
	out := make(map[string]any, len(m))
	for key, v := range m {
		out[key] = maskValue(v, found)
	}
	return out
}

// redact replaces every occurrence of the given secrets in s, both as written
// and as they look inside a JSON string (an echoed body escapes quotes and
// backslashes, and Go servers also escape <, > and &).
func redact(s string, secrets []string) string {
	var forms []string
	for _, secret := range secrets {
		if secret == "" {
			continue
		}
		forms = append(forms, secret, jsonEscaped(secret, true), jsonEscaped(secret, false))
	}
	// Longest first, so a secret containing another is replaced whole.
	sort.Slice(forms, func(i, j int) bool { return len(forms[i]) > len(forms[j]) })
	for _, form := range forms {
		s = strings.ReplaceAll(s, form, mask)
	}
	return s
}

// jsonEscaped is secret as it appears between the quotes of a JSON string.
func jsonEscaped(secret string, escapeHTML bool) string {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(escapeHTML)
	if err := enc.Encode(secret); err != nil {
		return secret
	}
	encoded := strings.TrimSuffix(buf.String(), "\n")
	return encoded[1 : len(encoded)-1]
}
