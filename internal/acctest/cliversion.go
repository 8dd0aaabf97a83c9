package acctest

import (
	"os"
	"testing"

	"github.com/hashicorp/go-version"

	"github.com/atlasx/terraform-provider-atlasx/internal/repo"
)

// SkipUnlessCLI skips t unless the CLI is at least terraformMin (Terraform)
// or tofuMin (OpenTofu), saying that feature needs them.
func SkipUnlessCLI(t *testing.T, feature, terraformMin, tofuMin string) {
	t.Helper()
	if ok, shown := CLIAtLeast(t, terraformMin, tofuMin); !ok {
		t.Skipf("%s needs Terraform >= %s or OpenTofu >= %s; this CLI is %s", feature, terraformMin, tofuMin, shown)
	}
}

// CLIAtLeast reports whether the CLI under test (TF_ACC_TERRAFORM_PATH) is at
// least terraformMin (Terraform) or tofuMin (OpenTofu), and names it, e.g.
// "OpenTofu 1.12.6".
func CLIAtLeast(t *testing.T, terraformMin, tofuMin string) (ok bool, shown string) {
	t.Helper()
	cli := os.Getenv("TF_ACC_TERRAFORM_PATH")
	if cli == "" {
		t.Skip("no CLI: acceptance tests need TF_ACC_TERRAFORM_PATH (set by acctest.Main)")
	}
	said, err := repo.CLIVersion(cli)
	if err != nil {
		t.Fatal(err)
	}
	have, err := version.NewVersion(said)
	if err != nil {
		t.Fatalf("reading the CLI version %q: %v", said, err)
	}
	name, minimum := "Terraform", terraformMin
	if isOpenTofu(cli) {
		name, minimum = "OpenTofu", tofuMin
	}
	return !have.LessThan(version.Must(version.NewVersion(minimum))), name + " " + have.String()
}
