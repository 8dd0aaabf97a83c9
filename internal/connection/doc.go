// Package connection is what a stream connection is, below the resources
// that manage one (atlasx_stream_connection, atlasx_stream_connection_failover)
// and whatever else comes to refer to one.
//
// Its center is the type table (types.go): one row per connection type, with
// the type's API name, whether it has failover connections, and its fields
// (fields.go): for each setting, its attribute, where the API keeps it and
// where the official provider does, and whether it is a secret. Everything
// else walks the fields, so adding a setting to a type is adding a field to
// its row, with a value for it in the tests' examples
// (connectiontest.Examples, which a test holds to every field) and the model
// that value reads as (fixtures_test.go):
//
//   - the schema: each type's attribute (schema_types.go), secrets in their
//     plain and write-only forms (schema_secrets.go), built from the
//     attribute builders and validators of attributes.go and validators.go;
//   - the conversion between a Model, whose type attributes hold their
//     fields as objects, and the API's client.StreamConnection, whose
//     Settings hold them as the API spells them (expand.go, flatten.go);
//   - the smallest PATCH between two models (patch.go);
//   - the secrets, found in the table (secrets.go), and their write-only
//     handling (write_only.go);
//   - the reader of the official provider's state (move_state_official.go).
//
// It also holds the create-or-adopt loop and the waits that every create,
// update and delete shares (create_or_adopt.go, wait.go), and the record of
// what one CLI command plans (plans.go).
//
// The resource packages hold only their framework glue: schema assembly,
// CRUD methods, import, identity, list resources and data sources. They
// import this package, never each other.
package connection
