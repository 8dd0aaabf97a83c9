// Package contract checks HTTP exchanges with the Atlas stream API against
// the OpenAPI document in shared/atlas-api/streams-openapi.yaml, and GET
// /rateLimits against shared/atlas-api/ratelimits-openapi.yaml, using
// kin-openapi. Tests wrap the emulator with Check, so every request a test
// (or the provider under test) sends and every answer the emulator gives is
// held to the documents; a document that is absent skips only its check.
//
// The documents are taken as published, with three repairs and two allowances,
// each explained where it is made (see Load, normalizeRequestBody and
// acceptPlainJSON):
//   - servers are dropped so any host (the emulator's 127.0.0.1) matches;
//   - BaseStreamsRegion declares "type: object" over string enums, which no
//     real region value can satisfy, so the type is dropped;
//   - ApiError types the items of "parameters" as objects, which Atlas's own
//     sample 429 contradicts (a string and numbers), so any item passes;
//   - a PATCH may send a top-level null to clear a field, which the
//     non-nullable schemas would otherwise refuse;
//   - creating and updating a stream connection may send its body as
//     application/json, as Atlas's reference pages do, although the document
//     lists only the versioned media type (the named exception, see
//     plainJSONBodies); every other body is held to the versioned type.
//
// Statuses the document does not list for an operation (406, 502, 503, ...)
// must still carry an ApiError body as application/json. Only /api/atlas/v2
// routes are checked; OAuth and admin routes pass untouched.
package contract
