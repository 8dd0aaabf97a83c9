package acctest

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"syscall"
	"testing"

	"github.com/atlasx/terraform-provider-atlasx/internal/repo"
)

// providerBinary is the provider built once per test binary, as released.
var providerBinary struct {
	once sync.Once
	dir  string // holds terraform-provider-atlasx, for dev_overrides
	err  error
}

// buildProvider builds the provider into a temporary directory the first
// time it is called, with the release flags the examples check and the
// benchmark use, so the three share the build cache.
func buildProvider() (string, error) {
	providerBinary.once.Do(func() {
		root, err := repo.Root()
		if err != nil {
			providerBinary.err = err
			return
		}
		dir, err := os.MkdirTemp("", "atlasx-provider-")
		if err != nil {
			providerBinary.err = err
			return
		}
		build := exec.Command("go", "build", "-trimpath", "-ldflags", "-s -w", "-o", filepath.Join(dir, "terraform-provider-atlasx"), ".")
		build.Dir = root
		build.Env = append(os.Environ(), "CGO_ENABLED=0")
		if out, err := build.CombinedOutput(); err != nil {
			providerBinary.err = fmt.Errorf("building the provider: %v\n%s", err, out)
			return
		}
		providerBinary.dir = dir
	})
	return providerBinary.dir, providerBinary.err
}

// removeProvider deletes the built provider, if any; Main calls it after the
// last test.
func removeProvider() {
	if providerBinary.dir != "" {
		os.RemoveAll(providerBinary.dir)
	}
}

// BinaryWorkdir is Workdir, but every command runs the provider binary the
// way a user's pipeline does: the CLI starts it as its own child process
// (through dev_overrides, so no init), with the provider's default timing.
// Commands run in their own process group, so Kill ends the CLI and its
// providers together, as when a CI job dies. Result.Stats stays zero: the
// provider's clients live in another process.
func (e *Env) BinaryWorkdir(t *testing.T) *Workdir {
	t.Helper()
	w := e.Workdir(t)
	dir, err := buildProvider()
	if err != nil {
		t.Fatal(err)
	}
	w.writeFile("cli.tfrc", fmt.Sprintf(`provider_installation {
  dev_overrides {
    %q = %q
  }
  direct {}
}
`, providerAddress(), dir))
	w.cliConfig = filepath.Join(w.dir, "cli.tfrc")
	return w
}

// Kill sends SIGKILL to the command's whole process group: the CLI and every
// provider process it started, which get no chance to clean up or save state.
func (c *Command) Kill() error {
	if c.startErr != nil {
		return c.startErr
	}
	return syscall.Kill(-c.cmd.Process.Pid, syscall.SIGKILL)
}

// KillCLI sends SIGKILL to the CLI alone, as a CI runner that kills the
// job's command does: the provider processes it started are left to notice
// that it is gone.
func (c *Command) KillCLI() error {
	if c.startErr != nil {
		return c.startErr
	}
	return c.cmd.Process.Kill()
}

// Pid is the CLI's process id, or 0 when it could not be started.
func (c *Command) Pid() int {
	if c.startErr != nil {
		return 0
	}
	return c.cmd.Process.Pid
}

// ownProcessGroup makes cmd the leader of a new process group and has the
// end of the test kill the group, not only the CLI.
func ownProcessGroup(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) }
}
