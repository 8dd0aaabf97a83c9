package main

import (
	"context"
	"fmt"
	"io"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"
)

// The rate-limit goals: one process's step within goalOverBucketFloor of
// the least the bucket allows for the tokens it spent, each of two processes
// sharing the bucket within goalOverJointFloor of the least it allows for
// their tokens together; each with goalSlack besides, for the whole-second
// Retry-After and a refill's phase.
const (
	goalOverBucketFloor = 1.15
	goalOverJointFloor  = 1.25
	goalSlack           = time.Second
)

// rateLimit is one of the emulator's token buckets in the rate-limit
// scenario (-rate): continuous (refill tokens a second, evenly) or stepwise
// (tokens at once every every), as Atlas documents its buckets.
type rateLimit struct {
	capacity int
	refill   float64       // continuous: tokens per second
	tokens   int           // stepwise: tokens per refill
	every    time.Duration // stepwise: the refill's period; 0: continuous
}

func (l rateLimit) stepwise() bool { return l.every > 0 }

// stepwiseRate is CAPACITY/TOKENS@INTERVAL.
var stepwiseRate = regexp.MustCompile(`^(\d+)/(\d+)@(\d+)s$`)

// parseRates reads a comma-separated list of buckets: CAPACITY/REFILL, e.g.
// "20/2", a bucket of 20 tokens that gains 2 a second; or
// CAPACITY/TOKENS@SECONDSs, e.g. "10/5@6s", one of 10 that gains 5 at once
// every 6 s.
func parseRates(s string) ([]rateLimit, error) {
	var out []rateLimit
	for _, field := range strings.Split(s, ",") {
		l, err := parseRate(strings.TrimSpace(field))
		if err != nil {
			return nil, err
		}
		out = append(out, l)
	}
	return out, nil
}

func parseRate(s string) (rateLimit, error) {
	if m := stepwiseRate.FindStringSubmatch(s); m != nil {
		capacity, _ := strconv.Atoi(m[1])
		tokens, _ := strconv.Atoi(m[2])
		seconds, _ := strconv.Atoi(m[3])
		if capacity >= 1 && tokens >= 1 && seconds >= 1 {
			return rateLimit{capacity: capacity, tokens: tokens, every: time.Duration(seconds) * time.Second}, nil
		}
	}
	c, r, ok := strings.Cut(s, "/")
	capacity, err1 := strconv.Atoi(c)
	refill, err2 := strconv.ParseFloat(r, 64)
	if !ok || err1 != nil || err2 != nil || capacity < 1 || refill <= 0 || math.IsInf(refill, 0) {
		return rateLimit{}, fmt.Errorf("-rate: %q is neither CAPACITY/REFILL (e.g. 20/2) nor CAPACITY/TOKENS@SECONDSs (e.g. 10/5@6s), each number at least 1 (REFILL above 0)", s)
	}
	return rateLimit{capacity: capacity, refill: refill}, nil
}

func (l rateLimit) String() string {
	if l.stepwise() {
		return fmt.Sprintf("%d/%d@%ds", l.capacity, l.tokens, int(l.every/time.Second))
	}
	return fmt.Sprintf("%d/%g", l.capacity, l.refill)
}

// describe says the bucket in words.
func (l rateLimit) describe() string {
	if l.stepwise() {
		return fmt.Sprintf("stepwise bucket of %d, %d tokens at once every %s", l.capacity, l.tokens, l.every)
	}
	return fmt.Sprintf("continuous bucket of %d refilled at %g/s", l.capacity, l.refill)
}

// emulatorFlags are the atlasx-emulator flags of the bucket: one shared by
// every principal, over every API route.
func (l rateLimit) emulatorFlags() []string {
	if l.stepwise() {
		return []string{"-rate-capacity", strconv.Itoa(l.capacity), "-rate-refill-tokens", strconv.Itoa(l.tokens), "-rate-refill-every", l.every.String()}
	}
	return []string{"-rate-capacity", strconv.Itoa(l.capacity), "-rate-refill", strconv.FormatFloat(l.refill, 'g', -1, 64)}
}

// refillTime is how long an empty bucket takes to fill.
func (l rateLimit) refillTime() time.Duration {
	if l.stepwise() {
		return time.Duration(math.Ceil(float64(l.capacity)/float64(l.tokens))) * l.every
	}
	return time.Duration(float64(l.capacity) / l.refill * float64(time.Second))
}

// floor is the least wall time the bucket allows for spending tokens, from
// full: the first capacity are there, the others come with the refill.
func (l rateLimit) floor(tokens int) time.Duration {
	beyond := float64(tokens - l.capacity)
	if beyond <= 0 {
		return 0
	}
	if l.stepwise() {
		return time.Duration(math.Ceil(beyond/float64(l.tokens))) * l.every
	}
	return time.Duration(beyond / l.refill * float64(time.Second))
}

// bucketKind is one way Atlas may answer from a bucket.
type bucketKind struct {
	name  string
	flags []string
}

// bucketKinds are the ways the scenario runs a bucket: a continuous one with
// RateLimit-Limit and RateLimit-Remaining and (as Atlas says it "may")
// without; a stepwise one, without those headers, with and without the
// 429's parameters (and the detail text that says the same), which Atlas
// does not promise either.
func bucketKinds(l rateLimit) []bucketKind {
	if l.stepwise() {
		return []bucketKind{
			{"429 parameters", []string{"-rate-without-headers"}},
			{"no parameters", []string{"-rate-without-headers", "-rate-without-parameters"}},
		}
	}
	return []bucketKind{
		{"RateLimit-* headers", nil},
		{"Retry-After only", []string{"-rate-without-headers"}},
	}
}

// rateReport is the rate-limit scenario's outcome.
type rateReport struct {
	n     int
	steps []rateStep
}

// rateStep is one step of one process of one subject under one bucket.
type rateStep struct {
	limit         rateLimit
	bucket        string // which of bucketKinds
	processes     int    // CLI processes applying at once, each its own n connections
	process       int    // which of them, from 1
	hogs          int    // CPU hogs running meanwhile
	subject, step string
	wall          time.Duration // this process's
	mix           requestMix    // every process's together
	errors        int           // this process's
	// orphans are connections Atlas still holds after destroy that are not
	// DELETING (-1: not a destroy).
	orphans int
}

// tokens is what the step took from the bucket, every process together:
// every API request but those it answered 429, which take none.
func (s rateStep) tokens() int { return s.mix.api() - s.mix.Throttled }

// floor is the least the bucket allows for those tokens.
func (s rateStep) floor() time.Duration { return s.limit.floor(s.tokens()) }

// goal is the most the step's wall time may be.
func (s rateStep) goal() time.Duration {
	over := goalOverBucketFloor
	if s.processes > 1 {
		over = goalOverJointFloor
	}
	return time.Duration(over*float64(s.floor())) + goalSlack
}

// runRateScenario creates, plans, updates and destroys o.rateN connections
// with each subject that calls Atlas against an emulator of its own whose
// token bucket is each of o.rates, in each of its kinds: one CLI process,
// then two at once (each its own o.rateN connections, by other names, in
// one project), each with no CPU hog and then with o.rateHogs. Each step
// starts with the bucket full (it waits the refill time first), so the
// bucket's floor for its requests is exact. A step that fails is recorded
// with its errors, not ended on: errors are a figure here.
func runRateScenario(ctx context.Context, bins binaries, work string, o options, log func(string, ...any)) (*rateReport, error) {
	out := &rateReport{n: o.rateN}
	for _, c := range rateCases(o) {
		if err := c.run(ctx, bins, work, o, out, log); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// rateCases lists the cases of the scenario in the order they run, those
// o.rateRun names (all without it): each bucket in each of its kinds, one
// process then two, each with no hog and then with o.rateHogs.
func rateCases(o options) []rateCase {
	hogCounts := []int{0}
	if o.rateHogs > 0 {
		hogCounts = append(hogCounts, o.rateHogs)
	}
	var cases []rateCase
	for _, l := range o.rates {
		for _, kind := range bucketKinds(l) {
			for _, processes := range []int{1, 2} {
				for _, hogs := range hogCounts {
					c := rateCase{limit: l, kind: kind, processes: processes, hogs: hogs}
					if o.rateRun == nil || o.rateRun.MatchString(c.String()) {
						cases = append(cases, c)
					}
				}
			}
		}
	}
	return cases
}

// rateCase is one bucket, kind, number of processes and of CPU hogs.
type rateCase struct {
	limit     rateLimit
	kind      bucketKind
	processes int
	hogs      int
}

func (c rateCase) String() string {
	return fmt.Sprintf("%s, %s, %d process(es), %d hog(s)", c.limit, c.kind.name, c.processes, c.hogs)
}

// run runs the case's steps for each subject against an emulator of its own.
func (c rateCase) run(ctx context.Context, bins binaries, work string, o options, out *rateReport, log func(string, ...any)) error {
	em, err := startEmulator(ctx, bins.emulator, o.latency, append(c.limit.emulatorFlags(), c.kind.flags...)...)
	if err != nil {
		return err
	}
	defer em.stop()
	log("rate-limit scenario: emulator %s (pid %d, -latency %s), %s, N=%d", em.url, em.pid(), o.latency, c, o.rateN)
	for _, label := range []string{subjectAtlasx, subjectBaseline} {
		pluginDir, ok := bins.pluginDirs[label]
		if !ok {
			continue
		}
		var procs []rateProcess
		for p := range c.processes {
			dir := filepath.Join(work, "rate", strconv.Itoa(len(out.steps)), label, strconv.Itoa(p+1))
			if err := os.MkdirAll(dir, 0o755); err != nil {
				return err
			}
			cl, err := newCLI(o, pluginDir, dir, em)
			if err != nil {
				return err
			}
			config := filepath.Join(dir, "n"+strconv.Itoa(o.rateN))
			if err := writeConfig(config, o.rateN, em, fmt.Sprintf("bench-p%d-", p+1)); err != nil {
				return err
			}
			procs = append(procs, rateProcess{cli: cl, dir: config})
		}
		for _, st := range steps(o) {
			rows, err := c.step(ctx, em, procs, label, st)
			if err != nil {
				return fmt.Errorf("rate-limit scenario, %s, %s, %s: %w", c, label, st.name, err)
			}
			for _, s := range rows {
				out.steps = append(out.steps, s)
				log("rate %s  %-20s procs %d/%d hogs %d  %-8s %-22s %7.2fs  floor %6.2fs  %d tokens, %d 429s, %d errors",
					c.limit, c.kind.name, s.process, s.processes, s.hogs, label, st.name, s.wall.Seconds(), s.floor().Seconds(), s.tokens(), s.mix.Throttled, s.errors)
			}
		}
	}
	return nil
}

// rateProcess is one CLI and its configuration.
type rateProcess struct {
	cli *cli
	dir string
}

// step runs one step in every process at once, with the case's CPU hogs
// running, and returns a row per process.
func (c rateCase) step(ctx context.Context, em *emulator, procs []rateProcess, label string, st step) ([]rateStep, error) {
	select {
	case <-time.After(c.limit.refillTime()):
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	if err := em.resetCounts(ctx); err != nil {
		return nil, err
	}
	stopHogs, err := startHogs(c.hogs)
	if err != nil {
		return nil, err
	}
	runs := make([]outcome, len(procs))
	errs := make([]error, len(procs))
	var wg sync.WaitGroup
	for i, p := range procs {
		wg.Go(func() { runs[i], errs[i] = p.cli.execute(ctx, p.dir, nil, st.args...) })
	}
	wg.Wait()
	stopHogs()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	got, err := em.counts(ctx)
	if err != nil {
		return nil, err
	}
	orphans := -1
	if st.name == stepDestroy {
		left, err := em.liveConnections(ctx)
		if err != nil {
			return nil, err
		}
		orphans = 0
		for _, state := range left {
			if state != "DELETING" {
				orphans++
			}
		}
	}
	rows := make([]rateStep, len(procs))
	for i, run := range runs {
		s := rateStep{limit: c.limit, bucket: c.kind.name, processes: len(procs), process: i + 1, hogs: c.hogs,
			subject: label, step: st.name, wall: run.wall, mix: got.mix(), orphans: orphans}
		s.errors = len(diagnosticError.FindAllString(run.output, -1))
		if run.exit != st.wantExit && s.errors == 0 {
			s.errors = 1 // failed without a diagnostic: still an error
		}
		rows[i] = s
	}
	return rows, nil
}

// startHogs starts n processes that spin on a CPU each, as a CI runner's
// other jobs would; the function it returns stops them.
func startHogs(n int) (func(), error) {
	var hogs []*exec.Cmd
	stop := func() {
		for _, h := range hogs {
			_ = h.Process.Kill()
			_ = h.Wait()
		}
	}
	for range n {
		h := exec.Command("sh", "-c", "while :; do :; done")
		if err := h.Start(); err != nil {
			stop()
			return nil, fmt.Errorf("CPU hog: %w", err)
		}
		hogs = append(hogs, h)
	}
	return stop, nil
}

// diagnosticError matches the first line of each error diagnostic the CLI prints.
var diagnosticError = regexp.MustCompile(`(?m)^(│ )?Error: `)

func (r *report) printRateScenario(w io.Writer) {
	if r.rate == nil {
		return
	}
	fmt.Fprintf(w, "\n### Rate limit: N = %d per process, -latency %s\n\n"+
		"Each step starts with the bucket full. tokens: requests the bucket let through to every process together (429s take none); "+
		"floor: the least time the bucket allows for them from full (continuous: (tokens - capacity) / refill; stepwise: whole refills); "+
		"goal: %.2f× the floor + %s for one process, %.2f× the joint floor + %s for each of two; 429: every process's together; "+
		"orphans: connections left in Atlas after destroy that are not DELETING.\n\n",
		r.rate.n, r.latency, goalOverBucketFloor, goalSlack, goalOverJointFloor, goalSlack)
	fmt.Fprintln(w, "| bucket | kind | processes | hogs | subject | step | process | wall time | tokens | floor | **wall / floor** | 429 | errors | orphans |")
	fmt.Fprintln(w, "|---|---|---:|---:|---|---|---:|---:|---:|---:|---:|---:|---:|---:|")
	for _, s := range r.rate.steps {
		orphans := "–"
		if s.orphans >= 0 {
			orphans = strconv.Itoa(s.orphans)
		}
		fmt.Fprintf(w, "| %s | %s | %d | %d | %s | %s | %d | %s | %d | %s | **%s** | %d | %d | %s |\n",
			s.limit.describe(), s.bucket, s.processes, s.hogs, s.subject, s.step, s.process, secs(s.wall), s.tokens(), secs(s.floor()), floorRatio(s), s.mix.Throttled, s.errors, orphans)
	}
}

// floorRatio is wall / floor, or "–" when the requests fit in the bucket
// (floor 0: the bucket sets no bound).
func floorRatio(s rateStep) string {
	f := s.floor()
	if f == 0 {
		return "–"
	}
	return times(s.wall.Seconds() / f.Seconds())
}

// rateGoals: the provider's steps within their goal of the bucket's floor
// (where it sets one), with no error and no orphan.
func (r *report) rateGoals() []goal {
	if r.rate == nil {
		return nil
	}
	var out []goal
	for _, s := range r.rate.steps {
		if s.subject != subjectAtlasx {
			continue
		}
		prefix := fmt.Sprintf("rate limit %s (%s), %d process(es) (#%d), %d hog(s), N=%d, %s: ", s.limit, s.bucket, s.processes, s.process, s.hogs, r.rate.n, s.step)
		if f := s.floor(); f > 0 {
			over := goalOverBucketFloor
			if s.processes > 1 {
				over = goalOverJointFloor
			}
			out = append(out, goal{prefix + fmt.Sprintf("wall time <= %.2f× the bucket's floor + %s", over, goalSlack),
				fmt.Sprintf("%s / %s = %s", secs(s.wall), secs(f), times(s.wall.Seconds()/f.Seconds())), s.wall <= s.goal()})
		}
		out = append(out, goal{prefix + "no error", strconv.Itoa(s.errors), s.errors == 0})
		if s.orphans >= 0 {
			out = append(out, goal{prefix + "no orphan", strconv.Itoa(s.orphans), s.orphans == 0})
		}
	}
	return out
}
