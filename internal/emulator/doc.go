// Package emulator is an in-memory stand-in for the MongoDB Atlas
// Administration API v2 stream workspace, stream connection and failover
// connection endpoints, as described by shared/atlas-api/CONTRACT.md. Unit tests, acceptance tests, the
// fault-matrix suite, benchmarks and the demo run the provider against it.
//
// It knows nothing of the provider or its client: connections are stored as
// the decoded JSON objects clients sent (unknown fields round-trip; write-only
// fields are kept but never returned). It keeps its own reading of the API
// (types, secrets, defaults) on purpose, rather than the provider's tables,
// so that where the provider misreads CONTRACT.md the two disagree and a test
// fails.
//
// A request to an Atlas API route passes these steps, in order:
//
//	latency -> route (404) -> authentication (401) -> counted -> rate limit (429)
//	-> faults: drop, 5xx, slow -> method (405) -> version (406)
//	-> query flags, project and role (400/404/403) -> the operation
//	-> "applied but answer lost" fault -> answer
//
// Requests are counted only once authenticated, so the unauthenticated first
// leg of every digest exchange does not inflate the counts; 401s are counted
// apart. OAuth routes are counted too, and see faults and the rate limit only
// when a Scope names them. Admin routes under /_emulator/ skip all of it.
//
// GET /rateLimits and /rateLimits/{endpointSetId} describe the stream routes'
// bucket (RateLimit) as one endpoint set; they are authenticated, counted and
// versioned (2025-03-12) like the rest, but draw from that bucket, and see
// faults, only when a Scope names them.
//
// Dropping a connection (the Drop and LostAnswer faults) needs a real server
// (Start, Listen or httptest.Server): the handler panics with
// http.ErrAbortHandler, which net/http turns into a closed connection.
package emulator
