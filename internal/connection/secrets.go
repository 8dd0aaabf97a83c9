package connection

import (
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/atlasx/terraform-provider-atlasx/internal/client"
)

// secret is one secret field of the type table (a field with secretSpec),
// where it sits, and the client's row of it, which masks it in logs: the
// client cannot read this package's table, so it keeps its own list
// (client.ConnectionSecrets), and a test holds the two together.
type secret struct {
	api client.ConnectionSecret
	t   *connectionType
	// at is the attribute path, in the type's object, of the object that
	// holds the secret (empty: the type's object itself).
	at    []string
	field field
	// apiPath is where the API keeps it, from the connection's top level.
	apiPath []string
}

// connectionSecrets are the secret fields of every type.
var connectionSecrets = tableSecrets()

func tableSecrets() []secret {
	var out []secret
	for i := range connectionTypes {
		t := &connectionTypes[i]
		walkFields(t.fields, func(f field, parents []field) {
			if f.secret == nil {
				return
			}
			s := secret{t: t, field: f}
			for _, p := range parents {
				s.at = append(s.at, p.name)
				s.apiPath = append(s.apiPath, p.apiPath()...)
			}
			s.apiPath = append(s.apiPath, f.apiPath()...)
			s.api = clientSecret(t.apiType, s.apiPath)
			out = append(out, s)
		})
	}
	// In the client's order, which the resource's description lists them in.
	slices.SortStableFunc(out, func(a, b secret) int {
		return slices.Index(client.ConnectionSecrets, a.api) - slices.Index(client.ConnectionSecrets, b.api)
	})
	return out
}

// clientSecret is the client's row of the secret of apiType at apiPath; a
// secret the client does not list is a programming error, caught by the
// tests.
func clientSecret(apiType string, apiPath []string) client.ConnectionSecret {
	object, key := "", apiPath[len(apiPath)-1]
	if len(apiPath) > 1 {
		object = apiPath[0]
	}
	for _, s := range client.ConnectionSecrets {
		if s.Type == apiType && s.Object == object && s.Key == key {
			return s
		}
	}
	panic("no client secret " + apiType + "." + strings.Join(apiPath, "."))
}

// SecretPaths lists the secrets' attributes for the schema's description,
// each by its path in the resource: `kafka.authentication.password`, ...
func SecretPaths() string {
	paths := make([]string, len(connectionSecrets))
	for i, s := range connectionSecrets {
		paths[i] = "`" + s.path() + "`"
	}
	return strings.Join(paths, ", ")
}

// path is the secret's attribute path from the connection, as write-only
// handling keys it: `kafka.authentication.password`.
func (s secret) path() string {
	return strings.Join(slices.Concat([]string{s.t.attribute}, s.at, []string{s.field.name}), ".")
}

// secretsOf lists the secrets of a type.
func secretsOf(t *connectionType) []secret {
	var out []secret
	for _, s := range connectionSecrets {
		if s.t == t {
			out = append(out, s)
		}
	}
	return out
}

// holdSecrets puts into m the secrets api carries, in their plain forms, as
// if configuration had given them: flatten never reads a secret from Atlas's
// answer. It serves a move from the official provider, whose state keeps
// them.
func holdSecrets(m *Model, api *client.StreamConnection) {
	t := typeByAPIName(api.Type)
	if t == nil {
		return
	}
	object := t.in(m)
	for _, s := range secretsOf(t) {
		raw, held := api.Setting(s.apiPath...)
		if !held {
			continue
		}
		var plain attr.Value
		if s.field.kind == kindStringMap {
			plain = flattenStringMap(raw, types.MapNull(types.StringType))
		} else {
			value, _ := raw.(string)
			plain = nullIfEmpty(value)
		}
		if forms, ok := formsOf(*object, s); ok {
			forms.plain = plain
			*object = withSecretForms(*object, s, forms)
		}
	}
}
