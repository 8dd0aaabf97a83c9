package faults_test

import (
	"errors"
	"net/http"
	"os"
	"testing"
	"time"

	"github.com/atlasx/terraform-provider-atlasx/internal/acctest"
	"github.com/atlasx/terraform-provider-atlasx/internal/emulator"
)

// interruptKnobs slow each create down (latency, then PENDING for a few
// reads) so that an apply is still creating when the interrupt comes.
var interruptKnobs = []emulator.Option{
	emulator.WithLatency(20 * time.Millisecond),
	emulator.WithLifecycle(emulator.Lifecycle{PendingReads: 3}),
}

// interruptAfter is how many creates Atlas sees before the CLI gets SIGINT.
const interruptAfter = 15

// interruptedApply starts an apply, interrupts it (SIGINT, as Ctrl-C) once
// Atlas has seen interruptAfter creates, checks that the interrupted apply
// left no orphan, then applies again. It returns both applies as one result
// and how many connections the interrupted apply deleted again.
func interruptedApply(t *testing.T, f *fleet, parallelism int) (acctest.Result, int) {
	t.Helper()
	cmd := f.startApply(parallelism)
	exited := make(chan acctest.Result, 1)
	go func() { exited <- cmd.Wait() }()
	if early, ok := awaitCreates(f.env.Emulator, interruptAfter, exited); !ok {
		t.Fatalf("the apply ended before Atlas saw %d creates:\n%s", interruptAfter, early.Errors())
	}
	if err := cmd.Interrupt(); err != nil && !errors.Is(err, os.ErrProcessDone) {
		t.Fatalf("interrupting the apply: %v", err)
	}
	first := <-exited
	if first.ExitCode == 0 {
		t.Errorf("the interrupted apply exited 0 after %s: the interrupt came too late", first.Duration)
	}
	f.checkNoOrphans(t)
	cleanups := f.ledger.Deleted()
	t.Logf("the interrupted apply took %s: Atlas made %d connections, %d of them deleted again", first.Duration.Round(time.Millisecond), f.ledger.Created(), cleanups)

	second := f.apply(parallelism)
	return first.Then(second), cleanups
}

// awaitCreates polls until the emulator has seen n creates. If the command
// exits first, it returns the command's result and false.
func awaitCreates(em *emulator.Emulator, n int, exited <-chan acctest.Result) (acctest.Result, bool) {
	tick := time.NewTicker(5 * time.Millisecond)
	defer tick.Stop()
	for em.Count(http.MethodPost, emulator.RouteConnections) < n {
		select {
		case r := <-exited:
			return r, false
		case <-tick.C:
		}
	}
	return acctest.Result{}, true
}
