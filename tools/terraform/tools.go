//go:build tools

// Package tools pins Terraform 1.5.7 (the last MPL-licensed release), the oldest CLI
// the acceptance tests are run under.
package tools

import _ "github.com/hashicorp/terraform"
