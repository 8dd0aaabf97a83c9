// Package repo finds the repository's own files for the tests, the
// benchmark and the docs tooling that run inside it.
package repo

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	goversion "github.com/hashicorp/go-version"
)

// ErrNotInRepository means no go.mod was found at or above the working directory.
var ErrNotInRepository = errors.New("no go.mod at or above the working directory: run from the repository")

// Root walks up from the working directory to the folder holding go.mod.
func Root() (string, error) {
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
			return "", ErrNotInRepository
		}
		dir = parent
	}
}

// DefaultCLI is the binary in bin/ that the tests drive when
// TF_ACC_TERRAFORM_PATH names none: the current Terraform, the CLI most users
// run, which `make terraform-current` builds.
const DefaultCLI = "terraform-current"

// CLI returns the Terraform or OpenTofu binary the tests drive:
// TF_ACC_TERRAFORM_PATH if set, else bin/DefaultCLI.
func CLI() (string, error) {
	if p := os.Getenv("TF_ACC_TERRAFORM_PATH"); p != "" {
		return p, nil
	}
	root, err := Root()
	if err != nil {
		return "", err
	}
	p := filepath.Join(root, "bin", DefaultCLI)
	if _, err := os.Stat(p); err != nil {
		return "", fmt.Errorf("no CLI: set TF_ACC_TERRAFORM_PATH, or build the current Terraform into bin/ with `make terraform-current` (%w)", err)
	}
	return p, nil
}

// WriteOnlyCLI names the CLIs that accept write-only attributes and
// ephemeral variables.
const WriteOnlyCLI = "Terraform 1.11 or OpenTofu 1.11 or later"

// HasWriteOnly asks cli its version and reports whether it accepts
// write-only attributes and ephemeral variables, which Terraform and OpenTofu
// both do from 1.11; version is what the CLI said.
func HasWriteOnly(cli string) (ok bool, version string, err error) {
	return CLIAtLeast(cli, "1.11.0", "1.11.0")
}

// CLIAtLeast asks cli its version and reports whether it is at least
// terraformMin (Terraform) or tofuMin (OpenTofu); version is what it said.
func CLIAtLeast(cli, terraformMin, tofuMin string) (ok bool, said string, err error) {
	if said, err = CLIVersion(cli); err != nil {
		return false, "", err
	}
	have, err := goversion.NewVersion(said)
	if err != nil {
		return false, "", fmt.Errorf("reading %s's version %q: %w", cli, said, err)
	}
	minimum := terraformMin
	if IsOpenTofu(cli) {
		minimum = tofuMin
	}
	return !have.LessThan(goversion.Must(goversion.NewVersion(minimum))), said, nil
}

// IsOpenTofu tells OpenTofu's CLI from Terraform's by its name, as bin/ and
// TF_ACC_TERRAFORM_PATH give it.
func IsOpenTofu(cli string) bool {
	return strings.HasPrefix(filepath.Base(cli), "tofu")
}

// CLIVersion asks cli its version (OpenTofu prints its own under the same
// key as Terraform).
func CLIVersion(cli string) (string, error) {
	cmd := exec.Command(cli, "version", "-json")
	// The question needs no CLI configuration; an empty one keeps the CLI
	// from printing a warning about a missing file into the JSON.
	cmd.Env = append(os.Environ(), "TF_CLI_CONFIG_FILE="+os.DevNull, "CHECKPOINT_DISABLE=1")
	out, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("asking %s its version: %w", cli, err)
	}
	var v struct {
		Version string `json:"terraform_version"`
	}
	if err := json.Unmarshal(out, &v); err != nil {
		return "", fmt.Errorf("reading the version %s printed: %w", cli, err)
	}
	return v.Version, nil
}

// ReadmeSection returns the README's section under the level-2 heading
// "## heading", up to the next level-2 heading: tests hold what the README
// says of a feature against the code, and each needs only its own section.
func ReadmeSection(heading string) (string, error) {
	root, err := Root()
	if err != nil {
		return "", err
	}
	readme, err := os.ReadFile(filepath.Join(root, "README.md"))
	if err != nil {
		return "", err
	}
	_, section, found := strings.Cut(string(readme), "\n## "+heading+"\n")
	if !found {
		return "", fmt.Errorf("README.md has no %q section", "## "+heading)
	}
	section, _, _ = strings.Cut(section, "\n## ")
	return section, nil
}
