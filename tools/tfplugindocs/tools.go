//go:build tools

// Package tools pins tfplugindocs, which generates docs/ from the provider schema, examples/ and templates/.
package tools

import _ "github.com/hashicorp/terraform-plugin-docs/cmd/tfplugindocs"
