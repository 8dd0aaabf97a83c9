// Package repo finds the repository's own files for the tests, the
// benchmark and the docs tooling that run inside it.
package repo

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
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

// CLI returns the Terraform or OpenTofu binary the tests drive:
// TF_ACC_TERRAFORM_PATH if set, else bin/tofu, which `make tofu` builds.
func CLI() (string, error) {
	if p := os.Getenv("TF_ACC_TERRAFORM_PATH"); p != "" {
		return p, nil
	}
	root, err := Root()
	if err != nil {
		return "", err
	}
	p := filepath.Join(root, "bin", "tofu")
	if _, err := os.Stat(p); err != nil {
		return "", fmt.Errorf("no CLI: set TF_ACC_TERRAFORM_PATH, or build OpenTofu into bin/ with `make tofu` (%w)", err)
	}
	return p, nil
}
