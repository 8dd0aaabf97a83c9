package faults_test

import (
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/atlasx/terraform-provider-atlasx/internal/acctest"
	"github.com/atlasx/terraform-provider-atlasx/internal/client"
	"github.com/atlasx/terraform-provider-atlasx/internal/emulator"
	"github.com/atlasx/terraform-provider-atlasx/internal/fakeclock"
	"github.com/atlasx/terraform-provider-atlasx/internal/faults"
)

// scenario is one row group of the matrix: emulator knobs, client tuning,
// the -parallelism values to run at, and how the fleet is applied.
type scenario struct {
	name         string
	parallelisms []int
	knobs        []emulator.Option
	tune         []func(*client.Config)
	// apply brings the fleet up from empty and returns the applies' result
	// and how many connection objects the provider rightly deleted on the
	// way; nil means one plain apply.
	apply func(t *testing.T, f *fleet, parallelism int) (acctest.Result, int)
	// calm, when set, lifts knobs before the plan and destroy that follow
	// the apply; other knobs stay on, so those must cope too.
	calm func(*emulator.Emulator)
	// most429s, when set, bounds the answers of 429 the apply may get at
	// any parallelism: the client's pacer holds every worker back while
	// the bucket is empty, so they do not each find that out for themselves.
	// The scenario runs on a fake clock (newFleet), so the count does not
	// depend on the machine's speed, and no request may leave while a 429's
	// pause holds.
	most429s int64
}

// seed makes every random fault repeat from run to run.
const seed = 20250219

// matrix is the list.
var matrix = []scenario{
	{
		// Atlas's token bucket: 429 RATE_LIMITED_TOKEN_BUCKET with
		// Retry-After (whole seconds) and RateLimit-* headers. A bucket of 4
		// refilled at 4 a second throttles even one request at a time, and
		// at -parallelism=50 turns some requests away more often than the
		// client retries failures (so 429s must not count as failures). It
		// is lifted after the apply: at that rate the plan and destroy
		// would take 50 s more and show nothing new.
		name:         "1-rate-limit",
		parallelisms: []int{1, 10, 50},
		knobs:        []emulator.Option{emulator.WithRateLimit(emulator.RateLimit{Capacity: 4, RefillPerSecond: 4})},
		calm:         func(em *emulator.Emulator) { em.SetRateLimit(emulator.RateLimit{}) },
		// Each worker retrying on its own got 12, 108 and 288 answers of
		// 429 at -parallelism 1, 10 and 50 (in real time); paced, on the
		// fake clock, about one per refill second (12) and a few when the
		// bucket first runs dry, at each.
		most429s: 20,
	},
	{
		// The same bucket without RateLimit-Limit and RateLimit-Remaining,
		// which Atlas "may not always" send: the client learns it from the
		// 429s and their whole-second Retry-After alone.
		name:         "1b-rate-limit-without-headers",
		parallelisms: []int{1, 10, 50},
		knobs:        []emulator.Option{emulator.WithRateLimit(emulator.RateLimit{Capacity: 4, RefillPerSecond: 4, WithoutHeaders: true})},
		calm:         func(em *emulator.Emulator) { em.SetRateLimit(emulator.RateLimit{}) },
		most429s:     20,
	},
	{
		name:         "2-server-errors",
		parallelisms: []int{10, 50},
		knobs: []emulator.Option{emulator.WithFaults(emulator.Faults{
			Seed:        seed,
			ServerError: emulator.Fault{Rate: 0.2, Scope: emulator.APIScope()},
		})},
	},
	{
		name:         "3-dropped-connections",
		parallelisms: []int{10, 50},
		knobs: []emulator.Option{emulator.WithFaults(emulator.Faults{
			Seed: seed,
			Drop: emulator.Fault{Rate: 0.1, Scope: emulator.APIScope()},
		})},
	},
	{
		// Applied, then the answer lost: every such create must be found
		// and adopted, and its secrets sent again.
		name:         "4-lost-answers",
		parallelisms: []int{1, 10, 50},
		knobs: []emulator.Option{emulator.WithFaults(emulator.Faults{
			Seed:       seed,
			LostAnswer: emulator.Fault{Rate: 0.1, Scope: emulator.ConnectionScope(http.MethodPost, http.MethodPatch, http.MethodDelete)},
		})},
	},
	{
		name:         "5-lifecycle",
		parallelisms: []int{10, 50},
		knobs: []emulator.Option{emulator.WithLifecycle(emulator.Lifecycle{
			PendingReads:     3, // PENDING for several reads
			NotFoundReads:    2, // 404 right after create
			DeletingReads:    2, // DELETING before gone
			DeployingDeletes: 2, // 409 STREAM_KAFKA_CONNECTION_IS_DEPLOYING
		})},
	},
	{
		// Answers slower than the client waits: the client gives up on the
		// attempt and the emulator, seeing it gone, does not apply it. The
		// attempt timeout is ten times a normal answer on a busy machine, so
		// only the injected answers outlast it.
		name:         "6-slow-answers",
		parallelisms: []int{10, 50},
		knobs: []emulator.Option{emulator.WithFaults(emulator.Faults{
			Seed:      seed,
			Slow:      emulator.Fault{Rate: 0.1, Scope: emulator.APIScope()},
			SlowDelay: 5 * time.Second,
		})},
		tune: []func(*client.Config){func(c *client.Config) { c.RequestTimeout = 2 * time.Second }},
	},
	{
		name:         "7-interrupt",
		parallelisms: []int{10, 50},
		knobs:        interruptKnobs,
		apply:        interruptedApply,
	},
}

// report gathers the matrix's rows for the table.
var report faults.Report

// TestFaultMatrix runs every scenario at each of its parallelisms, a few at
// a time (go test -parallel), then writes the table (faults.TableEnv).
func TestFaultMatrix(t *testing.T) {
	t.Run("scenarios", func(t *testing.T) {
		for _, sc := range matrix {
			t.Run(sc.name, func(t *testing.T) {
				t.Parallel()
				for _, p := range sc.parallelisms {
					t.Run(fmt.Sprintf("p%d", p), func(t *testing.T) {
						t.Parallel()
						runScenario(t, sc, p)
					})
				}
			})
		}
	})
	t.Log("\n" + report.Table())
	if err := report.WriteTable(); err != nil {
		t.Error(err)
	}
}

// runScenario applies the fleet from empty under the scenario's faults,
// then checks that it converged, that the next plan is empty and that one
// destroy leaves nothing; it reports a row whatever happens.
func runScenario(t *testing.T, sc scenario, parallelism int) {
	row := faults.Row{Scenario: sc.name, Parallelism: parallelism}
	// Registered first, so it runs last: after the emulator's contract
	// check, which reports at cleanup, has had its say.
	t.Cleanup(func() {
		row.Passed = !t.Failed()
		report.Add(row)
	})
	f := newFleet(t, sc.most429s > 0, sc.knobs, sc.tune)
	apply := sc.apply
	if apply == nil {
		apply = plainApply
	}
	applied, cleanups := apply(t, f, parallelism)
	counts := f.env.Emulator.Counts()
	t.Logf("apply: %s, client %+v, emulator %+v", applied.Duration.Round(time.Millisecond), applied.Stats, counts)
	row.Requests, row.Retries, row.RateLimited = applied.Stats.Attempts, applied.Stats.Retries, applied.Stats.RateLimited
	for _, n := range counts.Faults {
		row.Injected += n
	}
	row.Wall = applied.Duration
	if sc.most429s > 0 {
		if applied.Stats.RateLimited > sc.most429s {
			t.Errorf("the apply got %d answers of 429, want at most %d: parallel workers are not sharing the bucket", applied.Stats.RateLimited, sc.most429s)
		}
		checkPausesHeld(t, f.wire.Events())
	}
	if applied.ExitCode != 0 {
		t.Errorf("apply did not converge:\n%s", applied.Errors())
	}
	row.Orphans, row.Duplicates = f.checkConverged(t, cleanups)
	if t.Failed() {
		return
	}
	if sc.calm != nil {
		sc.calm(f.env.Emulator)
	}
	f.checkPlanEmpty(t, parallelism)
	f.checkDestroy(t, parallelism)
}

func plainApply(t *testing.T, f *fleet, parallelism int) (acctest.Result, int) {
	return f.apply(parallelism), 0
}

// checkPausesHeld fails t if a request left, later on the fake clock than a
// 429 came back, before that 429's Retry-After had passed (one granted at
// that very instant, before the 429 reached the pacer, may still leave).
func checkPausesHeld(t *testing.T, events []fakeclock.Event) {
	t.Helper()
	var from, until time.Time
	perSecond := map[int]int{}
	for _, e := range events {
		if e.Status == http.StatusTooManyRequests {
			perSecond[int(e.At.Sub(events[0].At).Seconds())]++
		}
	}
	t.Logf("answers of 429 by second on the fake clock: %v", perSecond)
	for i, e := range events {
		switch {
		case e.Sent && e.At.After(from) && e.At.Before(until):
			t.Errorf("event %d: a request left at %s, within the pause until %s", i, e.At.Format(time.StampMilli), until.Format(time.StampMilli))
			return
		case e.Status == http.StatusTooManyRequests && e.At.Add(e.RetryAfter).After(until):
			from, until = e.At, e.At.Add(e.RetryAfter)
		}
	}
}
