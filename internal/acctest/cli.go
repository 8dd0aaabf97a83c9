// Package acctest runs acceptance tests: a real Terraform or OpenTofu CLI
// drives the provider, served in-process, against an emulator started per test.
package acctest

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/atlasx/terraform-provider-atlasx/internal/repo"
)

// Main prepares the environment terraform-plugin-testing reads, then runs
// the package's tests. It finds the CLI in TF_ACC_TERRAFORM_PATH or else in
// the repository's bin/ (where `make tofu` builds it), so acceptance tests
// run by default and never download anything.
func Main(m *testing.M) {
	os.Exit(run(m))
}

func run(m *testing.M) int {
	cleanup, err := PrepareCLI()
	if err != nil {
		fmt.Fprintln(os.Stderr, "acctest:", err)
		return 1
	}
	defer cleanup()
	defer removeProvider()
	// Tests configure credentials and adopt_existing explicitly; a
	// developer's own Atlas credentials or ATLASX_ADOPT_EXISTING in the
	// environment must neither leak into them nor change what they test.
	for _, kv := range os.Environ() {
		if name, _, _ := strings.Cut(kv, "="); strings.HasPrefix(name, "MONGODB_ATLAS_") || name == "ATLASX_ADOPT_EXISTING" {
			os.Unsetenv(name)
		}
	}
	return m.Run()
}

// PrepareCLI sets the environment terraform-plugin-testing reads: TF_ACC,
// the CLI (TF_ACC_TERRAFORM_PATH, else the repository's bin/) and its
// provider host, and an empty CLI configuration unless an existing one is
// named. Call cleanup when the tests are done.
func PrepareCLI() (cleanup func(), err error) {
	cli, err := repo.CLI()
	if err != nil {
		return nil, err
	}
	configDir, err := os.MkdirTemp("", "atlasx-acctest-")
	if err != nil {
		return nil, err
	}
	cleanup = func() { os.RemoveAll(configDir) }
	// A missing CLI config file makes the CLI print a warning that breaks
	// its version parsing: point it at an empty one.
	cliConfig := filepath.Join(configDir, "cli.tfrc")
	if err := os.WriteFile(cliConfig, nil, 0o600); err != nil {
		cleanup()
		return nil, err
	}
	env := map[string]string{
		"TF_ACC":                "1",
		"TF_ACC_TERRAFORM_PATH": cli,
		"TF_CLI_CONFIG_FILE":    cliConfig,
		"CHECKPOINT_DISABLE":    "1",
	}
	if repo.IsOpenTofu(cli) {
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
	return cleanup, nil
}
