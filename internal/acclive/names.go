package acclive

import (
	"crypto/rand"
	"encoding/hex"
	"strings"
)

// Prefix starts the name of everything a live run creates, and nothing
// else: Sweep deletes by it.
const Prefix = "atlasx-acc-"

// NewRunPrefix is one run's prefix: Prefix, 8 random hex digits and a
// dash, so runs sharing a project never touch each other's connections.
func NewRunPrefix() string {
	b := make([]byte, 4)
	_, _ = rand.Read(b) // crypto/rand.Read never fails on supported platforms
	return Prefix + hex.EncodeToString(b) + "-"
}

// IsRunName says whether a name was made by a live run.
func IsRunName(name string) bool { return strings.HasPrefix(name, Prefix) }
