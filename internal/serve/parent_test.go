package serve

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// The parent watch is tested on a real orphan: the test starts a stand-in
// CLI (this test binary again), which starts a stand-in provider (again),
// which watches its parent with watchParent as a provider does and writes
// what it sees to a file. The test kills the stand-in CLI, as a canceled CI
// job kills the CLI, and reads whether the stand-in provider saw it go.
const (
	parentTestRoleEnv = "ATLASX_SERVE_TEST_ROLE"
	parentTestFileEnv = "ATLASX_SERVE_TEST_FILE"
	// orphanLifetime bounds how long a stand-in provider polls, so that none
	// outlives a test that fails.
	orphanLifetime = 2 * time.Minute
)

func TestMain(m *testing.M) {
	switch os.Getenv(parentTestRoleEnv) {
	case "cli":
		standInCLI()
	case "provider":
		standInProvider()
	default:
		os.Exit(m.Run())
	}
}

// standInCLI starts the stand-in provider and waits to be killed.
func standInCLI() {
	provider := exec.Command(os.Args[0])
	provider.Env = append(os.Environ(), parentTestRoleEnv+"=provider")
	if err := provider.Start(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	time.Sleep(orphanLifetime)
	os.Exit(0)
}

// standInProvider writes "watching PID" once it watches its parent, then
// "gone" when its parent is gone, or "unwatched" when it cannot watch.
func standInProvider() {
	file := os.Getenv(parentTestFileEnv)
	parentGone := watchParent()
	if parentGone == nil {
		writeSeen(file, "unwatched")
		os.Exit(0)
	}
	writeSeen(file, "watching "+strconv.Itoa(os.Getpid()))
	for deadline := time.Now().Add(orphanLifetime); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		if parentGone() {
			writeSeen(file, "gone")
			os.Exit(0)
		}
	}
	os.Exit(1)
}

// writeSeen replaces file's content at once (a write then a rename), so the
// test never reads half of it.
func writeSeen(file, seen string) {
	if err := os.WriteFile(file+".new", []byte(seen), 0o600); err == nil {
		_ = os.Rename(file+".new", file)
	}
}

func TestWatchParentSeesItsParentKilled(t *testing.T) {
	file := filepath.Join(t.TempDir(), "seen")
	cli := exec.Command(os.Args[0])
	cli.Env = append(os.Environ(), parentTestRoleEnv+"=cli", parentTestFileEnv+"="+file)
	if err := cli.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = cli.Process.Kill(); _ = cli.Wait() })

	seen := awaitSeen(t, file, "watching ")
	if seen == "unwatched" {
		t.Fatal("watchParent returned nil: the provider cannot tell that its CLI is gone")
	}
	pid, _ := strconv.Atoi(strings.TrimPrefix(seen, "watching "))
	t.Cleanup(func() {
		if p, err := os.FindProcess(pid); err == nil {
			_ = p.Kill()
		}
	})
	if err := cli.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	_ = cli.Wait()
	if seen := awaitSeen(t, file, "gone"); seen != "gone" {
		t.Fatalf("after its parent was killed, the stand-in provider wrote %q, want gone", seen)
	}
}

// awaitSeen polls file until it starts with prefix or says unwatched, and
// returns what it says; it fails the test after orphanLifetime, a bound for a
// broken watch, not a measure of a working one.
func awaitSeen(t *testing.T, file, prefix string) string {
	t.Helper()
	for deadline := time.Now().Add(orphanLifetime); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		b, _ := os.ReadFile(file)
		if s := string(b); strings.HasPrefix(s, prefix) || s == "unwatched" {
			return s
		}
	}
	t.Fatalf("the stand-in provider wrote no %q in %s", prefix, orphanLifetime)
	return ""
}
