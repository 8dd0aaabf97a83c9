package examples

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/atlasx/terraform-provider-atlasx/internal/repo"
)

// The CLI and the provider the tests use, set up once by TestMain.
var (
	cli string // TF_ACC_TERRAFORM_PATH, else repo.DefaultCLI in <repo>/bin
	// cliVersion is what cli says its version is; cliLacks the features of
	// cliFeatures it predates, by marker.
	cliVersion string
	cliLacks   = map[string]cliFeature{}
	cliEnv     []string
	repoDir    string
	exampleFS  string // <repo>/examples
)

func TestMain(m *testing.M) {
	code, err := setup(m)
	if err != nil {
		fmt.Fprintln(os.Stderr, "examples:", err)
		code = 1
	}
	os.Exit(code)
}

// setup finds the CLI as internal/acctest does, builds the provider into a
// temporary directory and writes a CLI configuration whose dev_overrides point
// at it, so `validate` needs neither a registry nor `init`.
func setup(m *testing.M) (int, error) {
	var err error
	if repoDir, err = repo.Root(); err != nil {
		return 1, err
	}
	exampleFS = filepath.Join(repoDir, "examples")
	if cli, err = repo.CLI(); err != nil {
		return 1, err
	}
	for _, f := range cliFeatures {
		var has bool
		if has, cliVersion, err = repo.CLIAtLeast(cli, f.terraform, f.tofu); err != nil {
			return 1, err
		}
		if !has {
			cliLacks[f.marker()] = f
		}
	}
	tmp, err := os.MkdirTemp("", "atlasx-examples-")
	if err != nil {
		return 1, err
	}
	defer os.RemoveAll(tmp)

	pluginDir := filepath.Join(tmp, "plugins")
	// Built as released (and as the benchmark builds it, so the two share the build cache).
	build := exec.Command("go", "build", "-trimpath", "-ldflags", "-s -w", "-o", filepath.Join(pluginDir, "terraform-provider-atlasx"), ".")
	build.Dir = repoDir
	build.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := build.CombinedOutput(); err != nil {
		return 1, fmt.Errorf("building the provider: %v\n%s", err, out)
	}

	cliConfig := filepath.Join(tmp, "cli.tfrc")
	config := fmt.Sprintf(`provider_installation {
  dev_overrides {
    "registry.opentofu.org/atlasx/atlasx" = %[1]q
    "registry.terraform.io/atlasx/atlasx" = %[1]q
  }
  direct {}
}
`, pluginDir)
	if err := os.WriteFile(cliConfig, []byte(config), 0o600); err != nil {
		return 1, err
	}
	for _, kv := range os.Environ() {
		name, _, _ := strings.Cut(kv, "=")
		// Neither the caller's CLI settings nor Atlas credentials may change what is checked.
		if strings.HasPrefix(name, "TF_") || strings.HasPrefix(name, "MONGODB_ATLAS_") {
			continue
		}
		cliEnv = append(cliEnv, kv)
	}
	cliEnv = append(cliEnv, "TF_CLI_CONFIG_FILE="+cliConfig, "TF_IN_AUTOMATION=1", "CHECKPOINT_DISABLE=1")
	return m.Run(), nil
}

// TestExamplesFormatted runs `fmt -check -recursive` over examples/.
func TestExamplesFormatted(t *testing.T) {
	t.Parallel()
	out, err := runCLI(exampleFS, "fmt", "-check", "-recursive", "-diff", "-no-color", ".")
	if err != nil {
		t.Fatalf("examples/ is not formatted; run `%s fmt -recursive examples`:\n%s", cli, out)
	}
}

// TestExamplesValidate validates every example with the provider built from
// this repository. A directory with a main.tf is one module and is validated
// whole (examples/demo). In the other directories, the tfplugindocs examples,
// each .tf file is shown on its own in the docs, so each must stand alone: it
// is validated by itself, with a required_providers block added when it has
// none.
func TestExamplesValidate(t *testing.T) {
	t.Parallel()
	units, err := exampleUnits()
	if err != nil {
		t.Fatal(err)
	}
	if len(units) == 0 {
		t.Fatal("no examples found under examples/")
	}
	for _, u := range units {
		t.Run(u.name, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			for _, f := range u.files {
				copyFile(t, f, filepath.Join(dir, filepath.Base(f)))
			}
			for marker, f := range cliLacks {
				if holds(t, u.files, marker) {
					t.Skipf("needs %s: %s (this CLI is %s)", f.what, f.clis, cliVersion)
				}
			}
			if !u.module && !declaresRequiredProviders(t, u.files) {
				writeFile(t, filepath.Join(dir, "terraform.tf"), requiredProviders)
			}
			validate(t, dir)
		})
	}
}

// terraformSnippet is a ```terraform block of a docs template.
var terraformSnippet = regexp.MustCompile("(?s)```terraform\n(.*?)```")

// TestTemplateSnippetsFormatted runs `fmt -check` over the HCL written
// inline in templates/ rather than taken from examples/: snippets that
// need another provider (the guides' mongodbatlas_stream_workspace) or
// show generated output, which validate cannot check here.
func TestTemplateSnippetsFormatted(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	templates, err := filepath.Glob(filepath.Join(repoDir, "templates", "*", "*.tmpl"))
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, tmpl := range templates {
		b, err := os.ReadFile(tmpl)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range terraformSnippet.FindAllSubmatch(b, -1) {
			n++
			writeFile(t, filepath.Join(dir, fmt.Sprintf("%s.%d.tf", filepath.Base(tmpl), n)), string(m[1]))
		}
	}
	if n == 0 {
		t.Fatal("no ```terraform snippets found under templates/")
	}
	if out, err := runCLI(dir, "fmt", "-check", "-diff", "-no-color", "."); err != nil {
		t.Fatalf("a ```terraform snippet in templates/ is not formatted (the file name is the template's, then the snippet's number):\n%s", out)
	}
}

// queryCLI is the oldest CLI with list resources and `terraform query`.
const queryCLI = "1.14.0"

// TestQueryExamplesValidate validates each query file (.tfquery.hcl, the
// list resource's examples) on its own with `validate -query`, which checks
// its list blocks against the provider's list resource schema. Only
// Terraform 1.14 and later read query files.
func TestQueryExamplesValidate(t *testing.T) {
	t.Parallel()
	if ok, said, err := repo.CLIAtLeast(cli, queryCLI, queryCLI); err != nil {
		t.Fatal(err)
	} else if repo.IsOpenTofu(cli) {
		t.Skipf("query files need Terraform >= %s; OpenTofu has no query command (this CLI is OpenTofu %s)", queryCLI, said)
	} else if !ok {
		t.Skipf("query files need Terraform >= %s; this CLI is Terraform %s", queryCLI, said)
	}
	var files []string
	err := filepath.WalkDir(exampleFS, func(path string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(path, ".tfquery.hcl") {
			files = append(files, path)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatal("no .tfquery.hcl examples found under examples/")
	}
	for _, f := range files {
		rel, _ := filepath.Rel(exampleFS, f)
		t.Run(filepath.ToSlash(rel), func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			copyFile(t, f, filepath.Join(dir, filepath.Base(f)))
			writeFile(t, filepath.Join(dir, "terraform.tf"), requiredProviders)
			validate(t, dir, "-query")
		})
	}
}

const requiredProviders = `terraform {
  required_providers {
    atlasx = {
      source = "atlasx/atlasx"
    }
  }
}
`

type unit struct {
	name   string   // path under examples/
	files  []string // absolute paths
	module bool     // validated as a whole directory
}

func exampleUnits() ([]unit, error) {
	var units []unit
	err := filepath.WalkDir(exampleFS, func(path string, d fs.DirEntry, err error) error {
		if err != nil || !d.IsDir() {
			return err
		}
		if strings.HasPrefix(d.Name(), ".") && path != exampleFS {
			return filepath.SkipDir
		}
		files, err := filepath.Glob(filepath.Join(path, "*.tf"))
		if err != nil || len(files) == 0 {
			return err
		}
		slices.Sort(files)
		rel, _ := filepath.Rel(exampleFS, path)
		if slices.Contains(files, filepath.Join(path, "main.tf")) {
			units = append(units, unit{name: filepath.ToSlash(rel), files: files, module: true})
			return nil
		}
		for _, f := range files {
			units = append(units, unit{name: filepath.ToSlash(filepath.Join(rel, filepath.Base(f))), files: []string{f}})
		}
		return nil
	})
	return units, err
}

// validateOutput is the part of `validate -json` the test reads.
type validateOutput struct {
	Valid       bool `json:"valid"`
	Diagnostics []struct {
		Severity string `json:"severity"`
		Summary  string `json:"summary"`
		Detail   string `json:"detail"`
		Range    *struct {
			Filename string `json:"filename"`
			Start    struct {
				Line int `json:"line"`
			} `json:"start"`
		} `json:"range"`
	} `json:"diagnostics"`
}

// validate (with flags) fails on any error, and on any warning except the one that
// dev_overrides always causes.
func validate(t *testing.T, dir string, flags ...string) {
	t.Helper()
	out, err := runCLI(dir, append([]string{"validate", "-json", "-no-color"}, flags...)...)
	var result validateOutput
	if jerr := json.Unmarshal(out, &result); jerr != nil {
		t.Fatalf("validate: %v; output:\n%s", errors.Join(err, jerr), out)
	}
	var problems []string
	for _, d := range result.Diagnostics {
		if d.Severity == "warning" && strings.Contains(d.Summary, "development overrides") {
			continue
		}
		where := ""
		if d.Range != nil {
			where = fmt.Sprintf(" (%s:%d)", d.Range.Filename, d.Range.Start.Line)
		}
		problems = append(problems, fmt.Sprintf("%s: %s%s: %s", d.Severity, d.Summary, where, d.Detail))
	}
	if !result.Valid || len(problems) > 0 {
		t.Fatalf("validate with %s:\n%s", filepath.Base(cli), strings.Join(problems, "\n"))
	}
}

func runCLI(dir string, args ...string) ([]byte, error) {
	cmd := exec.Command(cli, args...)
	cmd.Dir = dir
	cmd.Env = cliEnv
	var out bytes.Buffer
	cmd.Stdout = &out
	cmd.Stderr = &out
	err := cmd.Run()
	return out.Bytes(), err
}

// cliFeature is a feature of the language that some examples use and older
// CLIs refuse; such an example opens with its marker comment.
type cliFeature struct {
	what, clis      string
	terraform, tofu string // the first versions that have it
}

func (f cliFeature) marker() string { return "# Needs " + f.clis }

var cliFeatures = []cliFeature{
	{what: "write-only attributes and ephemeral variables", clis: repo.WriteOnlyCLI, terraform: "1.11.0", tofu: "1.11.0"},
	{what: "import blocks by identity", clis: "Terraform 1.12 or OpenTofu 1.12 or later", terraform: "1.12.0", tofu: "1.12.0"},
}

// requiredProvidersBlock is a required_providers block opening on a line of
// its own; a comment that names the block an example needs does not match.
var requiredProvidersBlock = regexp.MustCompile(`(?m)^\s*required_providers\s*\{`)

func declaresRequiredProviders(t *testing.T, files []string) bool {
	t.Helper()
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if requiredProvidersBlock.Match(b) {
			return true
		}
	}
	return false
}

// holds reports whether any of files contains text.
func holds(t *testing.T, files []string, text string) bool {
	t.Helper()
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if bytes.Contains(b, []byte(text)) {
			return true
		}
	}
	return false
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	b, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, to, string(b))
}

func writeFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
}

// A comment that says which required_providers block an example needs is
// not a block: the test still adds one.
func TestRequiredProvidersBlockIsNotAComment(t *testing.T) {
	t.Parallel()
	for text, want := range map[string]bool{
		"# required_providers: atlasx = { source = \"atlasx/atlasx\" }\n": false,
		"terraform {\n  required_providers {\n    atlasx = {}\n  }\n}\n":  true,
	} {
		if got := requiredProvidersBlock.MatchString(text); got != want {
			t.Errorf("%q: block = %t, want %t", text, got, want)
		}
	}
}
