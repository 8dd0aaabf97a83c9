// Package examples holds the test that keeps examples/ honest: every file is
// formatted, and every example validates against the provider built from this
// repository, served to a real CLI through dev_overrides.
package examples
