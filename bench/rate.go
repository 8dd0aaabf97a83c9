package main

import (
	"context"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// goalOverBucketFloor is the most a step's wall time may be as a multiple of
// the least the token bucket allows for the requests it sent.
const goalOverBucketFloor = 1.15

// rateLimit is the emulator's token bucket in the rate-limit scenario (-rate).
type rateLimit struct {
	capacity int
	refill   float64 // tokens per second
}

// parseRate reads CAPACITY/REFILL, e.g. "20/2": a bucket of 20 tokens that
// gains 2 a second.
func parseRate(s string) (rateLimit, error) {
	c, r, ok := strings.Cut(s, "/")
	capacity, err1 := strconv.Atoi(c)
	refill, err2 := strconv.ParseFloat(r, 64)
	if !ok || err1 != nil || err2 != nil || capacity < 1 || refill <= 0 || math.IsInf(refill, 0) {
		return rateLimit{}, fmt.Errorf("-rate: %q is not CAPACITY/REFILL with a capacity of at least 1 and a refill above 0, e.g. 20/2", s)
	}
	return rateLimit{capacity: capacity, refill: refill}, nil
}

func (l rateLimit) String() string { return fmt.Sprintf("%d/%g", l.capacity, l.refill) }

// emulatorFlags are the atlasx-emulator flags of the bucket: one shared by
// every principal, over every API route.
func (l rateLimit) emulatorFlags() []string {
	return []string{"-rate-capacity", strconv.Itoa(l.capacity), "-rate-refill", strconv.FormatFloat(l.refill, 'g', -1, 64)}
}

// refillTime is how long an empty bucket takes to fill.
func (l rateLimit) refillTime() time.Duration {
	return time.Duration(float64(l.capacity) / l.refill * float64(time.Second))
}

// floor is the least wall time the bucket allows for spending tokens, from
// full: the first capacity are there, every further one takes 1/refill s.
func (l rateLimit) floor(tokens int) time.Duration {
	return time.Duration(max(0, float64(tokens-l.capacity)/l.refill) * float64(time.Second))
}

// rateReport is the rate-limit scenario's outcome.
type rateReport struct {
	limit rateLimit
	n     int
	steps []rateStep
}

// bucketKinds are the two ways Atlas may answer from its bucket: with
// RateLimit-Limit and RateLimit-Remaining, or (as it says it "may") without
// them, 429 and a whole-second Retry-After alone. The scenario runs both.
var bucketKinds = []struct {
	name  string
	flags []string
}{
	{"RateLimit-* headers", nil},
	{"Retry-After only", []string{"-rate-without-headers"}},
}

// rateStep is one step of one subject under the bucket.
type rateStep struct {
	bucket        string // which of bucketKinds
	subject, step string
	wall          time.Duration
	mix           requestMix
	errors        int
	// orphans are connections Atlas still holds after destroy that are not
	// DELETING (-1: not a destroy).
	orphans int
}

// tokens is what the step took from the bucket: every API request but
// those it answered 429, which take none.
func (s rateStep) tokens() int { return s.mix.api() - s.mix.Throttled }

// runRateScenario creates, plans, updates and destroys o.rateN connections with each
// subject that calls Atlas against an emulator of its own whose token bucket
// is o.rate. Each step starts with the bucket full (it waits the refill time
// first), so the bucket's floor for its requests is exact. A step that
// fails is recorded with its errors, not ended on: errors are a figure here.
func runRateScenario(ctx context.Context, bins binaries, work string, o options, log func(string, ...any)) (*rateReport, error) {
	out := &rateReport{limit: o.rate, n: o.rateN}
	for _, kind := range bucketKinds {
		if err := runBucketKind(ctx, bins, work, o, kind.name, kind.flags, out, log); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// runBucketKind runs the scenario's steps for each subject against one
// emulator whose bucket answers as kind says.
func runBucketKind(ctx context.Context, bins binaries, work string, o options, kind string, flags []string, out *rateReport, log func(string, ...any)) error {
	em, err := startEmulator(ctx, bins.emulator, o.latency, append(o.rate.emulatorFlags(), flags...)...)
	if err != nil {
		return err
	}
	defer em.stop()
	log("rate-limit scenario: emulator %s (pid %d, -latency %s, bucket %s, %s), N=%d", em.url, em.pid(), o.latency, o.rate, kind, o.rateN)
	for _, label := range []string{subjectAtlasx, subjectBaseline} {
		pluginDir, ok := bins.pluginDirs[label]
		if !ok {
			continue
		}
		dir := filepath.Join(work, "rate", strconv.Itoa(len(out.steps)), label)
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return err
		}
		c, err := newCLI(o, pluginDir, dir, em)
		if err != nil {
			return err
		}
		config := filepath.Join(dir, "n"+strconv.Itoa(o.rateN))
		if err := writeConfig(config, o.rateN, em); err != nil {
			return err
		}
		for _, st := range steps(o) {
			s, err := rateStepRun(ctx, em, c, config, label, st, o)
			if err != nil {
				return fmt.Errorf("rate-limit scenario, %s, %s, %s: %w", kind, label, st.name, err)
			}
			s.bucket = kind
			out.steps = append(out.steps, s)
			log("rate %s/N=%d  %-20s %-8s %-22s %7.2fs  %d tokens, %d 429s, %d errors", o.rate, o.rateN, kind, label, st.name, s.wall.Seconds(), s.tokens(), s.mix.Throttled, s.errors)
		}
	}
	return nil
}

func rateStepRun(ctx context.Context, em *emulator, c *cli, dir, label string, st step, o options) (rateStep, error) {
	s := rateStep{subject: label, step: st.name, orphans: -1}
	select {
	case <-time.After(o.rate.refillTime()):
	case <-ctx.Done():
		return s, ctx.Err()
	}
	if err := em.resetCounts(ctx); err != nil {
		return s, err
	}
	run, err := c.execute(ctx, dir, nil, st.args...)
	if err != nil {
		return s, err
	}
	got, err := em.counts(ctx)
	if err != nil {
		return s, err
	}
	s.wall, s.mix = run.wall, got.mix()
	s.errors = len(diagnosticError.FindAllString(run.output, -1))
	if run.exit != st.wantExit && s.errors == 0 {
		s.errors = 1 // failed without a diagnostic: still an error
	}
	if st.name == stepDestroy {
		left, err := em.liveConnections(ctx)
		if err != nil {
			return s, err
		}
		s.orphans = 0
		for _, state := range left {
			if state != "DELETING" {
				s.orphans++
			}
		}
	}
	return s, nil
}

// diagnosticError matches the first line of each error diagnostic the CLI prints.
var diagnosticError = regexp.MustCompile(`(?m)^(│ )?Error: `)

func (r *report) printRateScenario(w io.Writer) {
	if r.rate == nil {
		return
	}
	l := r.rate.limit
	fmt.Fprintf(w, "\n### Rate limit: N = %d, token bucket of %d refilled at %g/s, -latency %s\n\n"+
		"Each step starts with the bucket full. tokens: requests the bucket let through (429s take none); "+
		"floor: the least time the bucket allows for them, (tokens - %d) / %g s, at least 0; orphans: connections left in Atlas after destroy that are not DELETING.\n\n",
		r.rate.n, l.capacity, l.refill, r.latency, l.capacity, l.refill)
	fmt.Fprintln(w, "| bucket | subject | step | wall time | tokens | floor | **wall / floor** | 429 | errors | orphans |")
	fmt.Fprintln(w, "|---|---|---|---:|---:|---:|---:|---:|---:|---:|")
	for _, s := range r.rate.steps {
		orphans := "–"
		if s.orphans >= 0 {
			orphans = strconv.Itoa(s.orphans)
		}
		fmt.Fprintf(w, "| %s | %s | %s | %s | %d | %s | **%s** | %d | %d | %s |\n",
			s.bucket, s.subject, s.step, secs(s.wall), s.tokens(), secs(l.floor(s.tokens())), floorRatio(l, s), s.mix.Throttled, s.errors, orphans)
	}
}

// floorRatio is wall / floor, or "–" when the requests fit in the bucket
// (floor 0: the bucket sets no bound).
func floorRatio(l rateLimit, s rateStep) string {
	f := l.floor(s.tokens())
	if f == 0 {
		return "–"
	}
	return times(s.wall.Seconds() / f.Seconds())
}

// rateGoals: the provider's steps within goalOverBucketFloor of the bucket's
// floor (where it sets one), with no error and no orphan.
func (r *report) rateGoals() []goal {
	if r.rate == nil {
		return nil
	}
	var out []goal
	l := r.rate.limit
	for _, s := range r.rate.steps {
		if s.subject != subjectAtlasx {
			continue
		}
		prefix := fmt.Sprintf("rate limit %s (%s), N=%d, %s: ", l, s.bucket, r.rate.n, s.step)
		if f := l.floor(s.tokens()); f > 0 {
			ratio := s.wall.Seconds() / f.Seconds()
			out = append(out, goal{prefix + fmt.Sprintf("wall time <= %.2f× the bucket's floor", goalOverBucketFloor),
				fmt.Sprintf("%s / %s = %s", secs(s.wall), secs(f), times(ratio)), ratio <= goalOverBucketFloor})
		}
		out = append(out, goal{prefix + "no error", strconv.Itoa(s.errors), s.errors == 0})
		if s.orphans >= 0 {
			out = append(out, goal{prefix + "no orphan", strconv.Itoa(s.orphans), s.orphans == 0})
		}
	}
	return out
}
