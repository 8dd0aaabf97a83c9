//go:build tools

// Package tools pins GoReleaser, built only on demand (make goreleaser-check) to check .goreleaser.yml.
package tools

import _ "github.com/goreleaser/goreleaser/v2"
