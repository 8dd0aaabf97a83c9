package repo

import (
	"os"
	"path/filepath"
	"testing"
)

func TestRootFindsGoModAbove(t *testing.T) {
	root, err := Root()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(root, "go.mod")); err != nil {
		t.Fatalf("Root() = %s, which holds no go.mod", root)
	}
}

func TestCLIPrefersTheEnvironment(t *testing.T) {
	t.Setenv("TF_ACC_TERRAFORM_PATH", "/opt/cli/tofu")
	if got, err := CLI(); err != nil || got != "/opt/cli/tofu" {
		t.Fatalf("CLI() = %q, %v", got, err)
	}
}

func TestCLIFallsBackToBin(t *testing.T) {
	t.Setenv("TF_ACC_TERRAFORM_PATH", "")
	root, _ := Root()
	want := filepath.Join(root, "bin", DefaultCLI)
	got, err := CLI()
	if _, statErr := os.Stat(want); statErr != nil {
		if err == nil {
			t.Fatalf("CLI() = %q without bin/%s, want an error", got, DefaultCLI)
		}
		return
	}
	if err != nil || got != want {
		t.Fatalf("CLI() = %q, %v; want %s", got, err, want)
	}
}

func TestHasWriteOnly(t *testing.T) {
	for version, want := range map[string]bool{"1.5.7": false, "1.10.5": false, "1.11.0": true, "1.12.6": true, "2.0.0": true} {
		cli := filepath.Join(t.TempDir(), "cli")
		script := "#!/bin/sh\necho '{\"terraform_version\":\"" + version + "\",\"platform\":\"linux_amd64\"}'\n"
		if err := os.WriteFile(cli, []byte(script), 0o700); err != nil {
			t.Fatal(err)
		}
		got, said, err := HasWriteOnly(cli)
		if err != nil || got != want || said != version {
			t.Errorf("HasWriteOnly with version %s = %v, %q, %v; want %v", version, got, said, err, want)
		}
	}
}

// OpenTofu and Terraform reached a feature at different versions: the CLI's
// name picks the minimum that applies.
func TestCLIAtLeastTakesTheMinimumOfTheCLIsKind(t *testing.T) {
	dir := t.TempDir()
	script := []byte("#!/bin/sh\necho '{\"terraform_version\":\"1.9.0\"}'\n")
	for name, want := range map[string]bool{"terraform": true, "tofu": false} {
		cli := filepath.Join(dir, name)
		if err := os.WriteFile(cli, script, 0o700); err != nil {
			t.Fatal(err)
		}
		if got, said, err := CLIAtLeast(cli, "1.8.0", "1.10.0"); err != nil || got != want || said != "1.9.0" {
			t.Errorf("CLIAtLeast(%s 1.9.0, Terraform 1.8.0, OpenTofu 1.10.0) = %v, %q, %v; want %v", name, got, said, err, want)
		}
	}
}
