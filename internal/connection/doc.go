// Package connection is what a stream connection is, below the resources
// that manage one (atlasx_stream_connection, atlasx_stream_connection_failover)
// and whatever else comes to refer to one.
//
// It holds the type table (types.go: each type's attribute, API name,
// networking field, whether it has failover connections, the official
// provider's fields), the attributes built from it and their validators, the
// conversion between a Model and the API's client.StreamConnection (expand.go,
// flatten.go), the smallest PATCH between two models (patch.go), the secrets
// table with their write-only pairs (secrets.go, write_only.go), the
// create-or-adopt loop and the waits that every create, update and delete
// shares (create_or_adopt.go, wait.go), and the reader of the official
// provider's state (move_state_official.go).
//
// The resource packages hold only their framework glue: schema assembly,
// CRUD methods, import, identity, list resources and data sources. They
// import this package, never each other.
package connection
