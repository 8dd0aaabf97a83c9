package acclive

import (
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/atlasx/terraform-provider-atlasx/internal/provider"
)

// Built and run without ATLASX_ACC_LIVE=1, but with credentials and a
// project that lead to a server here, the live suite runs nothing: every
// test skips, saying how to opt in, and the server hears nothing.
func TestLiveSuiteIsOptIn(t *testing.T) {
	t.Parallel()
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Fatalf("building the live suite needs the go command: %v", err)
	}
	var requests atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		requests.Add(1)
		w.WriteHeader(http.StatusTeapot)
	}))
	t.Cleanup(srv.Close)

	// Only the live tests: this one is in the package too.
	cmd := exec.CommandContext(t.Context(), goTool, "test", "-tags", "live", "-count=1", "-v", "-run", "^TestAccLive", ".")
	cmd.Env = append(withoutLive(os.Environ()),
		provider.EnvBaseURL+"="+srv.URL,
		provider.EnvClientID+"=mdb_sa_id_optin", provider.EnvClientSecret+"=optin-secret",
		EnvProjectID+"=32b6e34b3d91647abb20e7b8",
		EnvClusterName+"=Cluster0",
	)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("go test -tags live: %v\n%s", err, out)
	}
	want := liveTestNames(t)
	skipped := regexp.MustCompile(`(?m)^--- SKIP: (\w+) `).FindAllStringSubmatch(string(out), -1)
	var got []string
	for _, m := range skipped {
		got = append(got, m[1])
	}
	slices.Sort(got)
	if !slices.Equal(got, want) {
		t.Errorf("skipped %v, want every live test %v\n%s", got, want, out)
	}
	if strings.Contains(string(out), "--- PASS") || !strings.Contains(string(out), ErrNotLive.Error()) {
		t.Errorf("want every test skipped with %q:\n%s", ErrNotLive, out)
	}
	if n := requests.Load(); n > 0 {
		t.Errorf("the suite sent %d requests without %s=1", n, EnvLive)
	}
}

// withoutLive is env without ATLASX_ACC_* and MONGODB_ATLAS_* variables.
func withoutLive(env []string) []string {
	return slices.DeleteFunc(slices.Clone(env), func(kv string) bool {
		return strings.HasPrefix(kv, "ATLASX_ACC_") || strings.HasPrefix(kv, "MONGODB_ATLAS_")
	})
}

// liveTestNames are the top-level tests of the live suite's files.
func liveTestNames(t *testing.T) []string {
	t.Helper()
	files, err := filepath.Glob("*_live_test.go")
	if err != nil || len(files) == 0 {
		t.Fatalf("no live test files: %v", err)
	}
	var names []string
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range regexp.MustCompile(`(?m)^func (Test\w+)\(t \*testing\.T\)`).FindAllStringSubmatch(string(src), -1) {
			if !strings.HasPrefix(m[1], "TestAccLive") {
				t.Errorf("%s: live test %s must be named TestAccLive...: TestLiveSuiteIsOptIn runs only those", f, m[1])
			}
			names = append(names, m[1])
		}
	}
	slices.Sort(names)
	return names
}
