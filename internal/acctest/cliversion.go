package acctest

import (
	"encoding/json"
	"os"
	"os/exec"
	"testing"

	"github.com/hashicorp/go-version"
)

// SkipUnlessCLI skips t unless the CLI is at least terraformMin (Terraform)
// or tofuMin (OpenTofu), saying that feature needs them.
func SkipUnlessCLI(t *testing.T, feature, terraformMin, tofuMin string) {
	t.Helper()
	cli := os.Getenv("TF_ACC_TERRAFORM_PATH")
	if cli == "" {
		t.Skip("no CLI: acceptance tests need TF_ACC_TERRAFORM_PATH (set by acctest.Main)")
	}
	out, err := exec.CommandContext(t.Context(), cli, "version", "-json").Output()
	if err != nil {
		t.Fatalf("%s version -json: %v", cli, err)
	}
	var shown struct {
		Version string `json:"terraform_version"` // OpenTofu prints its own version under this name too
	}
	if err := json.Unmarshal(out, &shown); err != nil {
		t.Fatalf("reading the CLI version: %v\n%s", err, out)
	}
	have, err := version.NewVersion(shown.Version)
	if err != nil {
		t.Fatalf("reading the CLI version %q: %v", shown.Version, err)
	}
	name, minimum := "Terraform", terraformMin
	if isOpenTofu(cli) {
		name, minimum = "OpenTofu", tofuMin
	}
	if have.LessThan(version.Must(version.NewVersion(minimum))) {
		t.Skipf("%s needs Terraform >= %s or OpenTofu >= %s; this CLI is %s %s", feature, terraformMin, tofuMin, name, have)
	}
}
