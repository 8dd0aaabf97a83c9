//go:build tools

// Package tools pins the OpenTofu CLI that the acceptance tests drive.
package tools

import _ "github.com/opentofu/opentofu/cmd/tofu"
