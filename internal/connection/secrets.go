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
	// str or headers finds its three forms in the type's object (see
	// conversion), or reports false when object holds none.
	str     func(object any) (secretSlot[types.String], bool)
	headers func(object any) (secretSlot[types.Map], bool)
}

var connectionSecrets = []secret{
	kafkaSecret("password", "password", "The SASL password.", func(a *kafkaAuthenticationModel) secretSlot[types.String] {
		return secretSlot[types.String]{&a.Password, &a.PasswordWO, &a.PasswordWOVersion}
	}),
	kafkaSecret("clientSecret", "client_secret", "The OIDC client secret (OAUTHBEARER).", func(a *kafkaAuthenticationModel) secretSlot[types.String] {
		return secretSlot[types.String]{&a.ClientSecret, &a.ClientSecretWO, &a.ClientSecretWOVersion}
	}),
	kafkaSecret("sslKey", "ssl_key", "The client private key (PEM) for mutual TLS.", func(a *kafkaAuthenticationModel) secretSlot[types.String] {
		return secretSlot[types.String]{&a.SSLKey, &a.SSLKeyWO, &a.SSLKeyWOVersion}
	}),
	kafkaSecret("sslKeyPassword", "ssl_key_password", "The password of `ssl_key`.", func(a *kafkaAuthenticationModel) secretSlot[types.String] {
		return secretSlot[types.String]{&a.SSLKeyPassword, &a.SSLKeyPasswordWO, &a.SSLKeyPasswordWOVersion}
	}),
	{
		api:    apiSecret(client.TypeSchemaRegistry, "password"),
		object: "authentication", name: "password", what: "The password or API secret (USER_INFO).",
		str: func(object any) (secretSlot[types.String], bool) {
			sr, _ := object.(*schemaRegistryModel)
			if sr == nil || sr.Authentication == nil {
				return secretSlot[types.String]{}, false
			}
			a := sr.Authentication
			return secretSlot[types.String]{&a.Password, &a.PasswordWO, &a.PasswordWOVersion}, true
		},
	},
	{
		api:  apiSecret(client.TypeHTTPS, "headers"),
		name: "headers", what: "Headers sent with every request.",
		headers: func(object any) (secretSlot[types.Map], bool) {
			h, _ := object.(*httpsModel)
			if h == nil {
				return secretSlot[types.Map]{}, false
			}
			return secretSlot[types.Map]{&h.Headers, &h.HeadersWO, &h.HeadersWOVersion}, true
		},
	},
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
func kafkaSecret(key, name, what string, slot func(*kafkaAuthenticationModel) secretSlot[types.String]) secret {
	return secret{
		api: apiSecret(client.TypeKafka, key), object: "authentication", name: name, what: what,
		str: func(object any) (secretSlot[types.String], bool) {
			k, _ := object.(*KafkaModel)
			if k == nil || k.Authentication == nil {
				return secretSlot[types.String]{}, false
			}
			return slot(k.Authentication), true
		},
	}
}

// apiSecret is the client's row for the secret key of apiType; a key the
// client does not list is a programming error, caught by the tests.
func apiSecret(apiType, key string) client.ConnectionSecret {
	for _, s := range client.ConnectionSecrets {
		if s.Type == apiType && s.Key == key {
			return s
		}
	}
	panic("no client secret " + apiType + "." + key)
}

// secretsOf lists the descriptions of the secrets that the object (by
// attribute name, "" for the type's own attributes) of apiType holds, by
// plain attribute name, as withSecrets takes them.
func secretsOf(apiType, object string) map[string]string {
	out := map[string]string{}
	for _, s := range connectionSecrets {
		if s.api.Type == apiType && s.object == object {
			out[s.name] = s.what
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
