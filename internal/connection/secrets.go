package connection

import (
	"encoding/json"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/atlasx/terraform-provider-atlasx/internal/client"
)

// secret is the Terraform side of one of client.ConnectionSecrets: the
// attribute that holds it (`password`, beside `password_wo` and
// `password_wo_version`) and where those sit in a model. The schema, the
// write-only handling and the description all read this table.
type secret struct {
	api    client.ConnectionSecret
	object string // the attribute of the type that holds it ("authentication"), or "" when the type holds it
	name   string // its plain attribute
	what   string // what it is, for the schema
	mapWhy string // for a map, why its plain form is sensitive
	// str or headers finds its three forms in the type's object (see
	// conversion), or reports false when object holds none.
	str     func(object any) (secretSlot[types.String], bool)
	headers func(object any) (secretSlot[types.Map], bool)
}

var connectionSecrets = []secret{
	kafkaSecret("password", "The SASL password.", func(a *kafkaAuthenticationModel) secretSlot[types.String] {
		return secretSlot[types.String]{&a.Password, &a.PasswordWO, &a.PasswordWOVersion}
	}),
	kafkaSecret("client_secret", "The OIDC client secret (OAUTHBEARER).", func(a *kafkaAuthenticationModel) secretSlot[types.String] {
		return secretSlot[types.String]{&a.ClientSecret, &a.ClientSecretWO, &a.ClientSecretWOVersion}
	}),
	kafkaSecret("ssl_key", "The client private key (PEM) for mutual TLS.", func(a *kafkaAuthenticationModel) secretSlot[types.String] {
		return secretSlot[types.String]{&a.SSLKey, &a.SSLKeyWO, &a.SSLKeyWOVersion}
	}),
	kafkaSecret("ssl_key_password", "The password of `ssl_key`.", func(a *kafkaAuthenticationModel) secretSlot[types.String] {
		return secretSlot[types.String]{&a.SSLKeyPassword, &a.SSLKeyPasswordWO, &a.SSLKeyPasswordWOVersion}
	}),
	newSecret(client.TypeSchemaRegistry, "authentication", "password", "The password or API secret (USER_INFO).").withString(func(object any) (secretSlot[types.String], bool) {
		sr, _ := object.(*schemaRegistryModel)
		if sr == nil || sr.Authentication == nil {
			return secretSlot[types.String]{}, false
		}
		a := sr.Authentication
		return secretSlot[types.String]{&a.Password, &a.PasswordWO, &a.PasswordWOVersion}, true
	}),
	newSecret(client.TypeHTTPS, "", "headers", "Headers sent with every request.").withMap(
		"Sensitive, since they often carry credentials such as `Authorization`; kept from configuration, in state, like every secret, so a change made outside Terraform is not detected.",
		func(object any) (secretSlot[types.Map], bool) {
			h, _ := object.(*httpsModel)
			if h == nil {
				return secretSlot[types.Map]{}, false
			}
			return secretSlot[types.Map]{&h.Headers, &h.HeadersWO, &h.HeadersWOVersion}, true
		}),
}

// newSecret is the row of the secret attribute name of the object (""
// for the type's own attributes) of apiType, tied to the client's row of the
// same name in camelCase; a name the client does not list is a programming
// error, caught by the tests.
func newSecret(apiType, object, name, what string) secret {
	parts := strings.Split(name, "_")
	for i := 1; i < len(parts); i++ {
		parts[i] = strings.ToUpper(parts[i][:1]) + parts[i][1:]
	}
	key := strings.Join(parts, "")
	for _, s := range client.ConnectionSecrets {
		if s.Type == apiType && s.Key == key {
			return secret{api: s, object: object, name: name, what: what}
		}
	}
	panic("no client secret " + apiType + "." + key)
}

// withString and withMap say where a string or a map secret sits in the
// type's object; a map's plain form says why it is sensitive (mapWhy).
func (s secret) withString(slot func(object any) (secretSlot[types.String], bool)) secret {
	s.str = slot
	return s
}

func (s secret) withMap(why string, slot func(object any) (secretSlot[types.Map], bool)) secret {
	s.mapWhy, s.headers = why, slot
	return s
}

// SecretPaths lists the secrets' attributes for the schema's description,
// each by its path in the resource: `kafka.authentication.password`, ...
func SecretPaths() string {
	paths := make([]string, len(connectionSecrets))
	for i, s := range connectionSecrets {
		paths[i] = "`" + strings.Join(slices.DeleteFunc([]string{typeByAPIName(s.api.Type).attribute, s.object, s.name}, func(p string) bool { return p == "" }), ".") + "`"
	}
	return strings.Join(paths, ", ")
}

// kafkaSecret is the row of a secret of the Kafka authentication object.
func kafkaSecret(name, what string, slot func(*kafkaAuthenticationModel) secretSlot[types.String]) secret {
	return newSecret(client.TypeKafka, "authentication", name, what).withString(func(object any) (secretSlot[types.String], bool) {
		k, _ := object.(*KafkaModel)
		if k == nil || k.Authentication == nil {
			return secretSlot[types.String]{}, false
		}
		return slot(k.Authentication), true
	})
}

// secretsOf lists the secrets that the object (by attribute name, "" for the
// type's own attributes) of apiType holds, as withSecrets takes them.
func secretsOf(apiType, object string) []secret {
	var out []secret
	for _, s := range connectionSecrets {
		if s.api.Type == apiType && s.object == object {
			out = append(out, s)
		}
	}
	return out
}

// path is the secret's attribute path from the connection, as write-only
// handling keys it: `kafka.authentication.password`.
func (s secret) path() string {
	p := typeByAPIName(s.api.Type).attribute
	if s.object != "" {
		p += "." + s.object
	}
	return p + "." + s.name
}

// holdSecrets puts into m, flattened from api, the secrets api carries, in
// their plain forms, as if configuration had given them: flatten never reads
// a secret from Atlas's answer. It serves a move from the official provider,
// whose state keeps them.
func holdSecrets(m *Model, api *client.StreamConnection) error {
	fields, err := topLevelFields(api)
	if err != nil {
		return err
	}
	strSlots, mapSlots := modelSecrets(m)
	for _, s := range connectionSecrets {
		if s.api.Type != api.Type {
			continue
		}
		raw, held := secretValue(fields, s.api)
		if !held {
			continue
		}
		if slot, ok := strSlots[s.path()]; ok {
			var v string
			if err := json.Unmarshal(raw, &v); err != nil {
				return err
			}
			*slot.plain = types.StringValue(v)
			continue
		}
		slot, ok := mapSlots[s.path()]
		if !ok {
			continue
		}
		var v map[string]string
		if err := json.Unmarshal(raw, &v); err != nil {
			return err
		}
		elements := make(map[string]attr.Value, len(v))
		for name, value := range v {
			elements[name] = types.StringValue(value)
		}
		*slot.plain = types.MapValueMust(types.StringType, elements)
	}
	return nil
}
