//go:build live

package acclive_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/atlasx/terraform-provider-atlasx/internal/acclive"
	"github.com/atlasx/terraform-provider-atlasx/internal/acctest"
	"github.com/atlasx/terraform-provider-atlasx/internal/client"
)

// current is the run in progress; nil unless ATLASX_ACC_LIVE=1, and then
// every test skips.
var current *liveRun

// TestMain runs the sweepers under -sweep (make sweep), the tests otherwise.
func TestMain(m *testing.M) { resource.TestMain(suite{m}) }

// suite wraps the tests in a run: settings, the run's workspace, clean-up.
type suite struct{ m *testing.M }

func (s suite) Run() int {
	settings, err := acclive.FromEnv(os.Getenv)
	if errors.Is(err, acclive.ErrNotLive) {
		fmt.Fprintln(os.Stderr, "acclive:", err)
		return s.m.Run()
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "acclive:", err)
		return 1
	}
	cleanupCLI, err := acctest.PrepareCLI()
	if err != nil {
		fmt.Fprintln(os.Stderr, "acclive:", err)
		return 1
	}
	defer cleanupCLI()
	run, err := startRun(settings)
	if err != nil {
		fmt.Fprintln(os.Stderr, "acclive:", err)
		return 1
	}
	current = run
	code := s.m.Run()
	if err := run.finish(); err != nil {
		fmt.Fprintln(os.Stderr, "acclive:", err)
		code = max(code, 1)
	}
	return code
}

// liveRun is one run of the suite against one project.
type liveRun struct {
	settings acclive.Settings
	api      *client.Client
	prefix   string // every name the run makes starts with it
	// workspace is the one the tests use: ATLASX_ACC_WORKSPACE, or ownWorkspace.
	workspace    string
	ownWorkspace bool // the run created workspace and deletes it at the end
}

// setupTimeout bounds creating and deleting the run's workspace.
const setupTimeout = 10 * time.Minute

func startRun(settings acclive.Settings) (*liveRun, error) {
	api, err := client.New(settings.Client)
	if err != nil {
		return nil, err
	}
	r := &liveRun{settings: settings, api: api, prefix: acclive.NewRunPrefix(), workspace: settings.Workspace}
	fmt.Fprintf(os.Stderr, "acclive: run prefix %s, project %s, %s credentials\n", r.prefix, settings.ProjectID, api.AuthMethod())
	if r.workspace != "" {
		return r, nil
	}
	ctx, cancel := context.WithTimeout(context.Background(), setupTimeout)
	defer cancel()
	r.workspace, r.ownWorkspace = r.prefix+"ws", true
	if err := acclive.CreateWorkspace(ctx, api, settings.ProjectID, r.workspace, settings.WorkspaceRegion); err != nil {
		return nil, err
	}
	fmt.Fprintf(os.Stderr, "acclive: created stream workspace %s (%s, %s)\n", r.workspace, acclive.SmallestTier, settings.WorkspaceRegion)
	return r, nil
}

// finish deletes the run's own workspace, with anything a failed test left in it.
func (r *liveRun) finish() error {
	if !r.ownWorkspace {
		return nil
	}
	ctx, cancel := context.WithTimeout(context.Background(), setupTimeout)
	defer cancel()
	if err := acclive.DeleteWorkspace(ctx, r.api, r.settings.ProjectID, r.workspace, 5*time.Second); err != nil {
		return fmt.Errorf("%w (make sweep deletes it later)", err)
	}
	fmt.Fprintf(os.Stderr, "acclive: deleted stream workspace %s\n", r.workspace)
	return nil
}

// liveTest returns the run, or skips t when the suite is not live. Live
// tests run in parallel, as many at once as go test's -parallel allows
// (make testacc-live bounds it, since Atlas rate-limits).
func liveTest(t *testing.T) *liveRun {
	t.Helper()
	if current == nil {
		t.Skip(acclive.ErrNotLive.Error())
	}
	t.Parallel()
	return current
}

// needs skips t unless every named prerequisite is given, naming the missing ones.
func (r *liveRun) needs(t *testing.T, names ...string) {
	t.Helper()
	var missing []string
	for _, n := range names {
		if r.settings.Prerequisite(n) == "" {
			missing = append(missing, n)
		}
	}
	if len(missing) > 0 {
		t.Skipf("needs %v: set it to run this test (README, \"Testing against Atlas\")", missing)
	}
}
