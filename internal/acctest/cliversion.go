package acctest

import (
	"os"
	"testing"

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
	ok, said, err := repo.CLIAtLeast(cli, terraformMin, tofuMin)
	if err != nil {
		t.Fatal(err)
	}
	name := "Terraform"
	if repo.IsOpenTofu(cli) {
		name = "OpenTofu"
	}
	return ok, name + " " + said
}

// SkipUnlessTerraform skips t unless the CLI is Terraform at least minimum,
// for what OpenTofu does not have (list resources and `terraform query`).
func SkipUnlessTerraform(t *testing.T, feature, minimum string) {
	t.Helper()
	ok, shown := CLIAtLeast(t, minimum, minimum)
	switch {
	case repo.IsOpenTofu(os.Getenv("TF_ACC_TERRAFORM_PATH")):
		t.Skipf("%s needs Terraform >= %s; OpenTofu has no such feature (this CLI is %s)", feature, minimum, shown)
	case !ok:
		t.Skipf("%s needs Terraform >= %s; this CLI is %s", feature, minimum, shown)
	}
}
