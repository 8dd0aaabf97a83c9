package faults_test

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/atlasx/terraform-provider-atlasx/internal/acctest"
	"github.com/atlasx/terraform-provider-atlasx/internal/emulator"
)

// providerExitBound is how long a provider process may take to end once
// its CLI is killed: its clean-up of a few dozen connections and a look at
// its parent each second take seconds; the bound only keeps a provider that
// never ends from hanging the test.
const providerExitBound = 3 * time.Minute

// A CLI killed with SIGKILL mid-apply (a CI job canceled) cannot tell its
// provider to end. The provider, the released binary the CLI started,
// notices that the CLI is gone, deletes the PENDING connections its creates
// made, and ends; Atlas holds nothing the state does not, and the next
// apply converges.
func TestKilledCLIProviderCleansUpAndEnds(t *testing.T) {
	t.Parallel()
	killedApply(t)
}

// The same with the CLI keeping a log (in a file, so that its output stays
// readable): the provider then logs to the dead CLI's stderr, and must not
// die of that (SIGPIPE) in the middle of its clean-up.
func TestKilledCLIProviderCleansUpAndEndsUnderTFLog(t *testing.T) {
	t.Setenv("TF_LOG", "debug")
	t.Setenv("TF_LOG_PATH", filepath.Join(t.TempDir(), "cli.log"))
	killedApply(t)
}

// killedApply kills the CLI mid-apply and checks what its provider does.
func killedApply(t *testing.T) {
	t.Helper()
	// Connections stay PENDING, so every create is waiting when the kill
	// comes and owes Atlas a delete.
	env, ledger := acctest.NewWithLedger(t, emulator.WithLifecycle(emulator.Lifecycle{PendingFor: time.Hour}))
	f := &fleet{env: env, ledger: ledger, dir: env.BinaryWorkdir(t)}
	f.dir.SetConfig(env.Config(fleetConfig))
	const parallelism = 20

	cmd := f.startApply(parallelism)
	exited := make(chan acctest.Result, 1)
	go func() { exited <- cmd.Wait() }()
	if early, ok := awaitCreates(env.Emulator, interruptAfter, exited); !ok {
		t.Fatalf("the apply ended before Atlas saw %d creates:\n%s", interruptAfter, early.Errors())
	}
	providers := providerChildren(t, cmd.Pid())
	if len(providers) == 0 {
		t.Fatalf("the CLI (pid %d) runs no provider process while it applies", cmd.Pid())
	}
	if err := cmd.KillCLI(); err != nil && !errors.Is(err, os.ErrProcessDone) {
		t.Fatalf("killing the CLI: %v", err)
	}
	if r := <-exited; r.ExitCode == 0 {
		t.Fatalf("the killed apply exited 0: the kill came too late\n%s", r)
	}
	for _, p := range providers {
		if !p.awaitExit(providerExitBound) {
			t.Fatalf("provider process %d still runs %s after its CLI was killed", p.pid, providerExitBound)
		}
	}
	made, cleanups := ledger.Created(), ledger.Deleted()
	t.Logf("after the kill the provider ended; Atlas had made %d connections, %d of them deleted again", made, cleanups)
	if f.checkNoOrphans(t) > 0 {
		t.FailNow()
	}
	if cleanups == 0 {
		t.Errorf("the provider deleted none of the %d PENDING connections its creates made", made)
	}

	env.Emulator.SetLifecycle(emulator.Lifecycle{}) // deploys at once from now on
	if r := f.apply(parallelism); r.ExitCode != 0 {
		t.Fatalf("the apply after the kill failed:\n%s", r.Errors())
	}
	f.checkConverged(t, cleanups)
	f.checkPlanEmpty(t, parallelism)
}

// process is a process by its pid and start time, which tells it from a
// later process given the same pid.
type process struct {
	pid     int
	started string
}

// providerChildren are the atlasx provider processes that the process cli
// has started and that still run, read from /proc. Any of them still running
// when t ends is killed.
func providerChildren(t *testing.T, cli int) []process {
	t.Helper()
	stats, err := filepath.Glob("/proc/[0-9]*/stat")
	if err != nil {
		t.Fatal(err)
	}
	var found []process
	for _, stat := range stats {
		s, ok := readStat(stat)
		if !ok || s.ppid != cli {
			continue
		}
		dir := filepath.Dir(stat)
		cmdline, err := os.ReadFile(filepath.Join(dir, "cmdline"))
		if err != nil {
			continue
		}
		exe, _, _ := bytes.Cut(cmdline, []byte{0})
		if filepath.Base(string(exe)) != "terraform-provider-atlasx" {
			continue
		}
		if pid, err := strconv.Atoi(filepath.Base(dir)); err == nil {
			found = append(found, process{pid: pid, started: s.started})
		}
	}
	t.Cleanup(func() {
		for _, p := range found {
			if p.running() {
				_ = syscall.Kill(p.pid, syscall.SIGKILL)
			}
		}
	})
	return found
}

// stat is what a /proc/PID/stat file says of a process.
type stat struct {
	state   string // R, S, Z...
	ppid    int
	started string // clock ticks after boot
}

func readStat(file string) (stat, bool) {
	data, err := os.ReadFile(file)
	if err != nil {
		return stat{}, false
	}
	// The command name, in parentheses, may hold anything: the fields
	// after it (from the third, state) start past the last parenthesis.
	fields := strings.Fields(string(data[bytes.LastIndexByte(data, ')')+1:]))
	if len(fields) < 20 {
		return stat{}, false
	}
	ppid, err := strconv.Atoi(fields[1])
	return stat{state: fields[0], ppid: ppid, started: fields[19]}, err == nil
}

// running reports whether p still runs. A process that has ended but that
// no one has reaped yet (a zombie: its new parent may not reap) has ended.
func (p process) running() bool {
	s, ok := readStat(fmt.Sprintf("/proc/%d/stat", p.pid))
	return ok && s.started == p.started && s.state != "Z" && s.state != "X"
}

// awaitExit polls until p has ended, up to bound.
func (p process) awaitExit(bound time.Duration) bool {
	tick := time.NewTicker(100 * time.Millisecond)
	defer tick.Stop()
	deadline := time.After(bound)
	for p.running() {
		select {
		case <-deadline:
			return false
		case <-tick.C:
		}
	}
	return true
}
