// Package acclive is the live acceptance suite: the provider against the
// real Atlas Administration API (or anything that answers as Atlas does,
// reached only through the variables a real run uses), driven by a real CLI.
//
// The tests carry the build tag "live", so `go test ./...` never builds
// them; `make testacc-live` does. They run only when ATLASX_ACC_LIVE=1, and
// only then are credentials read (see FromEnv). What they assert is what
// Atlas shows, read back through internal/client, and what the state holds.
//
// Everything a run creates carries its prefix, "atlasx-acc-<random>-", so
// Sweep (`make sweep`) can delete what runs left behind, and nothing else.
package acclive
