package resource_stream_connection

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"

	"github.com/atlasx/terraform-provider-atlasx/internal/client"
)

// What atlasx_stream_connection_failover shares with this resource: a
// failover connection is a Kafka or Cluster connection as reached from
// another region, so it has the same attributes, validators, conversion,
// PATCH diff and secret handling. These names export them unchanged; the
// tables (types.go, secrets.go) stay the one place a type or a secret is
// described.

// Model is a connection's names and type objects, as conversion, the PATCH
// diff and the write-only handling take it.
type Model = connectionModel

// KafkaModel and ClusterModel are the objects of the `kafka` and `cluster`
// attributes.
type (
	KafkaModel   = kafkaModel
	ClusterModel = clusterModel
)

// TypeSchema is the attribute of the connection type named attribute
// (`kafka`), with its validators, secrets and plan modifiers.
func TypeSchema(attribute string) schema.SingleNestedAttribute {
	for _, t := range connectionTypes {
		if t.attribute == attribute {
			return t.schema()
		}
	}
	panic("no connection type " + attribute)
}

// ProjectIDValidator requires an Atlas project id, and NonEmpty a value.
var (
	ProjectIDValidator = hex24("the Atlas project id")
	NonEmpty           = nonEmpty
)

// IsProjectID reports whether s is an Atlas project id.
func IsProjectID(s string) bool { return hex24Pattern.MatchString(s) }

// Expand is the API object of m (see expand).
func Expand(ctx context.Context, m *Model) (*client.StreamConnection, diag.Diagnostics) {
	return expand(ctx, m)
}

// Flatten reads what Atlas returned into a model, prior supplying secrets
// and server-default choices (see flatten).
func Flatten(ctx context.Context, api *client.StreamConnection, prior *Model) (Model, diag.Diagnostics) {
	return flatten(ctx, api, prior)
}

// UpdatePatch is the smallest PATCH that takes Atlas from state to plan,
// write-only secrets (which only config holds) counted by their versions;
// empty when Atlas would see no change.
func UpdatePatch(ctx context.Context, state, plan, config *Model) (client.ConnectionPatch, diag.Diagnostics) {
	return updatePatch(ctx, state, plan, config)
}

// WithWriteOnly is plan holding config's write-only values: all that a
// create sends.
func WithWriteOnly(plan, config *Model) Model { return withWriteOnly(plan, config) }

// SetsWriteOnlyVersion says whether m sets any write-only version, without
// which there is no write-only value to read from the configuration.
func SetsWriteOnlyVersion(m *Model) bool { return setsWriteOnlyVersion(m) }

// PatchFields lists a patch's keys in order, for logs and messages.
func PatchFields(p client.ConnectionPatch) []string { return patchFields(p) }
