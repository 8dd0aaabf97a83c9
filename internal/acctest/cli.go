// Package acctest runs acceptance tests: a real Terraform or OpenTofu CLI
// drives the provider, served in-process, against an emulator started per test.
package acctest

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Main prepares the environment terraform-plugin-testing reads, then runs
// the package's tests. It finds the CLI in TF_ACC_TERRAFORM_PATH or else in
// the repository's bin/ (where `make tofu` builds it), so acceptance tests
// run by default and never download anything.
func Main(m *testing.M) {
	os.Exit(run(m))
}

func run(m *testing.M) int {
	cli, err := findCLI()
	if err != nil {
		fmt.Fprintln(os.Stderr, "acctest:", err)
		return 1
	}
	configDir, err := os.MkdirTemp("", "atlasx-acctest-")
	if err != nil {
		fmt.Fprintln(os.Stderr, "acctest:", err)
		return 1
	}
	defer os.RemoveAll(configDir)
	// A missing CLI config file makes the CLI print a warning that breaks
	// its version parsing: point it at an empty one.
	cliConfig := filepath.Join(configDir, "cli.tfrc")
	if err := os.WriteFile(cliConfig, nil, 0o600); err != nil {
		fmt.Fprintln(os.Stderr, "acctest:", err)
		return 1
	}
	env := map[string]string{
		"TF_ACC":                "1",
		"TF_ACC_TERRAFORM_PATH": cli,
		"TF_CLI_CONFIG_FILE":    cliConfig,
		"CHECKPOINT_DISABLE":    "1",
	}
	if isOpenTofu(cli) {
		env["TF_ACC_PROVIDER_HOST"] = "registry.opentofu.org"
	}
	if existing := os.Getenv("TF_CLI_CONFIG_FILE"); existing != "" {
		if _, err := os.Stat(existing); err == nil {
			env["TF_CLI_CONFIG_FILE"] = existing
		}
	}
	for k, v := range env {
		if os.Getenv(k) == "" || k == "TF_CLI_CONFIG_FILE" {
			os.Setenv(k, v)
		}
	}
	// Tests configure credentials explicitly; a developer's own Atlas
	// credentials in the environment must neither leak into them nor change
	// what they test.
	for _, kv := range os.Environ() {
		if name, _, _ := strings.Cut(kv, "="); strings.HasPrefix(name, "MONGODB_ATLAS_") {
			os.Unsetenv(name)
		}
	}
	return m.Run()
}

// findCLI returns TF_ACC_TERRAFORM_PATH, else bin/tofu of the repository.
func findCLI() (string, error) {
	if p := os.Getenv("TF_ACC_TERRAFORM_PATH"); p != "" {
		return p, nil
	}
	root, err := repoRoot()
	if err != nil {
		return "", err
	}
	p := filepath.Join(root, "bin", "tofu")
	if _, err := os.Stat(p); err != nil {
		return "", fmt.Errorf("no CLI for acceptance tests: set TF_ACC_TERRAFORM_PATH, or build OpenTofu into bin/ with `make tofu` (%w)", err)
	}
	return p, nil
}

func isOpenTofu(cli string) bool {
	return strings.HasPrefix(filepath.Base(cli), "tofu")
}

// repoRoot walks up from the working directory to the folder holding go.mod.
func repoRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", fmt.Errorf("no go.mod above the working directory")
		}
		dir = parent
	}
}
