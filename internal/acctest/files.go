package acctest

import (
	"os"
	"path/filepath"
)

// WriteFile writes a file of the working directory, e.g. an extra .tf file
// or a .tfvars file beside the configuration.
func (w *Workdir) WriteFile(name, content string) {
	w.t.Helper()
	w.writeFile(name, content)
}

// ReadFile reads a file of the working directory, e.g. configuration the
// CLI generated.
func (w *Workdir) ReadFile(name string) string {
	w.t.Helper()
	b, err := os.ReadFile(filepath.Join(w.dir, name))
	if err != nil {
		w.t.Fatal(err)
	}
	return string(b)
}
