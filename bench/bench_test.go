package main

import (
	"bytes"
	"context"
	"io"
	"os"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// quickN is the N the quick mode runs: two connections of one workspace,
// the least that shares a list page between them.
const quickN = 2

// quickBudget is the most each step may send at N = 2 by the design: one
// request of the step's own per connection (POST, PATCH, DELETE; none for a
// plan) and, for the whole workspace, one single GET (the first read) and
// one list page (every other read; for a create, two: its plan and the
// apply's final plan check the names). Nothing else: no confirming GET
// after a DELETE, no GET after a POST, no read per connection.
var quickBudget = map[string]struct {
	own                  func(requestMix) int // the step's own method
	perConnection        int
	maxGet, maxList, max int // max: every API request
}{
	stepCreate:  {own: func(m requestMix) int { return m.Post }, perConnection: 1, maxGet: 0, maxList: 2, max: quickN + 2},
	stepPlan:    {own: func(requestMix) int { return 0 }, perConnection: 0, maxGet: 1, maxList: 1, max: 2},
	stepUpdate:  {own: func(m requestMix) int { return m.Patch }, perConnection: 1, maxGet: 1, maxList: 1, max: quickN + 2},
	stepDestroy: {own: func(m requestMix) int { return m.Delete }, perConnection: 1, maxGet: 1, maxList: 1, max: quickN + 2},
}

// TestQuickMode runs the benchmark end to end in its smallest form (N = 2,
// one run, and the rate-limit scenario with two connections and a bucket
// that refills fast): a few seconds once the release build is cached. It
// holds every step to the design's request budget at N = 2 (quickBudget)
// and the rate-limit scenario to no error and no orphan; the CPU, RSS and
// wall-time goals are reported by `make bench`, not asserted here.
func TestQuickMode(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("the benchmark samples /proc: Linux only")
	}
	if testing.Short() {
		t.Skip("-short: skipping the benchmark's quick mode")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	var out, log bytes.Buffer
	stderr := io.Writer(&log)
	if testing.Verbose() {
		stderr = io.MultiWriter(&log, os.Stderr)
	}
	r, err := run(ctx, []string{"-n", strconv.Itoa(quickN), "-runs", "1", "-rate", "5/50", "-rate-n", strconv.Itoa(quickN)}, &out, stderr)
	if err != nil {
		t.Fatalf("bench: %v\n%s", err, log.String())
	}
	report := out.String()
	t.Log(report)

	if len(r.results) != 1 || r.results[0].n != quickN {
		t.Fatalf("results for %d Ns, want N = %d alone", len(r.results), quickN)
	}
	for _, s := range r.results[0].steps[subjectAtlasx] {
		budget, ok := quickBudget[s.step.name]
		if !ok {
			t.Errorf("no budget at N = %d for step %q", quickN, s.step.name)
			continue
		}
		for _, m := range s.mixes {
			if got, want := budget.own(m), budget.perConnection*quickN; got != want {
				t.Errorf("%s: %d of its own requests, want %d (%+v)", s.step.name, got, want, m)
			}
			if m.Get > budget.maxGet || m.List > budget.maxList || m.api() > budget.max {
				t.Errorf("%s: %d GET, %d list, %d requests in all; the budget at N = %d is at most %d GET, %d list, %d in all (%+v)",
					s.step.name, m.Get, m.List, m.api(), quickN, budget.maxGet, budget.maxList, budget.max, m)
			}
		}
	}
	if !slices.ContainsFunc(strings.Split(report, "\n"), func(line string) bool {
		return strings.HasPrefix(line, "| 2 | "+stepPlan+" | ") && strings.Contains(line, " req/conn (")
	}) {
		t.Error("the requests table has no plan row with requests per connection")
	}
	if line := lineWith(report, "| release binary < 30 MiB |"); !strings.HasSuffix(line, "| PASS |") {
		t.Errorf("goal missed or absent: %q", line)
	}
	// The floor provider ran every step beside the provider.
	if !strings.Contains(report, "\n### Beside the floor") {
		t.Error("the report has no comparison with the floor provider")
	}
	for _, st := range steps(options{}) {
		if want := "| provider CPU <= 1.05× the floor's at N=2, " + st.name + " |"; lineWith(report, want) == "" {
			t.Errorf("the report has no %q row", want)
		}
	}

	// One process, then two: a row per process and step, in each kind of bucket.
	if r.rate == nil || len(r.rate.steps) != len(bucketKinds(rateLimit{}))*(1+2)*len(steps(options{})) {
		t.Fatalf("the rate-limit scenario ran %v, want every one of its steps for each process of the provider, in each kind of bucket", r.rate)
	}
	for _, s := range r.rate.steps {
		if s.errors != 0 || s.orphans > 0 {
			t.Errorf("rate-limit scenario, %s: %d errors, %d orphans", s.step, s.errors, s.orphans)
		}
		if s.step == stepDestroy && s.orphans < 0 {
			t.Error("rate-limit scenario: destroy did not count what it left in Atlas")
		}
	}
	if !strings.Contains(report, "\n### Rate limit: N = 2 per process") {
		t.Error("the report has no rate-limit table")
	}
	for _, kind := range bucketKinds(rateLimit{}) {
		for _, processes := range []string{"1", "2"} {
			row := "| continuous bucket of 5 refilled at 50/s | " + kind.name + " | " + processes + " | 0 | " + subjectAtlasx + " | " + stepCreate + " |"
			if lineWith(report, row) == "" {
				t.Errorf("the rate-limit table has no create row %q", row)
			}
		}
	}
}

func TestPairedRatioIsTheMedianOfSameRunRatios(t *testing.T) {
	cpu := func(u usage) time.Duration { return u.providerCPU }
	runs := func(seconds ...float64) []usage {
		out := make([]usage, len(seconds))
		for i, s := range seconds {
			out[i].providerCPU = time.Duration(s * float64(time.Second))
		}
		return out
	}
	// Ratios 0.5, 2 and 0.8: the median is 0.8, whatever the medians of each side.
	if got := pairedRatio(runs(1, 4, 4), runs(2, 2, 5), cpu); got < 0.799 || got > 0.801 {
		t.Errorf("pairedRatio = %v, want 0.8", got)
	}
	if got := pairedRatio(runs(1), runs(0), cpu); got != 0 {
		t.Errorf("pairedRatio with no usable run = %v, want 0", got)
	}
}

func lineWith(s, prefix string) string {
	for _, line := range strings.Split(s, "\n") {
		if strings.HasPrefix(line, prefix) {
			return line
		}
	}
	return ""
}

func TestDescribePerConnection(t *testing.T) {
	for _, tc := range []struct {
		mixes []requestMix
		n     int
		want  string
	}{
		{[]requestMix{{Post: 200, Token: 1}}, 200, "1.000 req/conn (0 list, 0 GET)"},
		{[]requestMix{{List: 1, Token: 3}}, 200, "0.005 req/conn (1 list, 0 GET)"},
		{[]requestMix{{Get: 1, List: 1, Delete: 200}}, 200, "1.010 req/conn (1 list, 1 GET)"},
		// The run that sent the most is the one described.
		{[]requestMix{{Get: 2}, {Get: 3, Patch: 2}}, 2, "2.500 req/conn (0 list, 3 GET)"},
		{nil, 5, "-"},
	} {
		if got := describePerConnection(tc.mixes, tc.n); got != tc.want {
			t.Errorf("describePerConnection(%+v, %d) = %q, want %q", tc.mixes, tc.n, got, tc.want)
		}
	}
}

func TestRequestGoalsAtNOneAllowOnlyListsBeyondTheBaseline(t *testing.T) {
	create := step{name: stepCreate, budget: 1.01, listsOverBaseline: 1}
	result := func(own, baseline requestMix) *report {
		return &report{results: []nResult{{n: 1, steps: map[string][]*stepResult{
			subjectAtlasx:   {{step: create, mixes: []requestMix{own}}},
			subjectBaseline: {{step: create, mixes: []requestMix{baseline}}},
		}}}}
	}
	atNOne := func(r *report) goal {
		for _, g := range r.requestGoals() {
			if strings.HasPrefix(g.name, "requests at N=1") {
				return g
			}
		}
		t.Fatal("no goal at N = 1")
		return goal{}
	}
	if g := atNOne(result(requestMix{Post: 1, List: 1}, requestMix{Post: 1})); !g.pass {
		t.Errorf("one list beyond the baseline is allowed for a create: %+v", g)
	}
	if g := atNOne(result(requestMix{Post: 1, Get: 1}, requestMix{Post: 1})); g.pass {
		t.Errorf("a GET beyond the baseline is not: %+v", g)
	}
	if g := atNOne(result(requestMix{Post: 1, List: 2}, requestMix{Post: 1})); g.pass {
		t.Errorf("two lists beyond the baseline are not: %+v", g)
	}
}

func TestRequestBudgetAtTheLargestN(t *testing.T) {
	plan := step{name: stepPlan, budget: 0.01}
	r := &report{results: []nResult{
		{n: 1, steps: map[string][]*stepResult{subjectAtlasx: {{step: plan, mixes: []requestMix{{Get: 1}}}}}},
		{n: 200, steps: map[string][]*stepResult{subjectAtlasx: {{step: plan, mixes: []requestMix{{List: 1}, {List: 1, Get: 2}}}}}},
	}}
	goals := r.requestGoals()
	if len(goals) != 1 || !strings.Contains(goals[0].name, "N=200") {
		t.Fatalf("goals = %+v, want one, at N=200", goals)
	}
	// 3 requests for 200 connections is 0.015: over 0.01 in the worse run.
	if goals[0].pass {
		t.Errorf("the worse run is over the budget: %+v", goals[0])
	}
}

func TestParseRateAndTheBucketsFloor(t *testing.T) {
	tests := []struct {
		spec       string
		flags      string
		floors     map[int]time.Duration
		refillTime time.Duration
	}{
		{"20/2", "-rate-capacity 20 -rate-refill 2", map[int]time.Duration{10: 0, 20: 0, 51: 15500 * time.Millisecond}, 10 * time.Second},
		// Stepwise: whole refills, the last one bringing the last token.
		{"10/5@6s", "-rate-capacity 10 -rate-refill-tokens 5 -rate-refill-every 6s", map[int]time.Duration{10: 0, 11: 6 * time.Second, 15: 6 * time.Second, 16: 12 * time.Second}, 12 * time.Second},
	}
	for _, tt := range tests {
		ls, err := parseRates(tt.spec)
		if err != nil || len(ls) != 1 {
			t.Fatalf("parseRates(%q) = %v, %v", tt.spec, ls, err)
		}
		l := ls[0]
		if l.String() != tt.spec {
			t.Errorf("%s: String() = %q", tt.spec, l)
		}
		if got := l.emulatorFlags(); strings.Join(got, " ") != tt.flags {
			t.Errorf("%s: emulatorFlags = %q", tt.spec, got)
		}
		for tokens, want := range tt.floors {
			if got := l.floor(tokens); got != want {
				t.Errorf("%s: floor(%d) = %s, want %s", tt.spec, tokens, got, want)
			}
		}
		if got := l.refillTime(); got != tt.refillTime {
			t.Errorf("%s: refillTime = %s, want %s", tt.spec, got, tt.refillTime)
		}
	}
	if ls, err := parseRates("20/2, 10/5@6s"); err != nil || len(ls) != 2 || !ls[1].stepwise() {
		t.Errorf("parseRates of two buckets = %v, %v", ls, err)
	}
	for _, bad := range []string{"20", "0/2", "20/0", "x/2", "20/-1", "10/0@6s", "10/5@0s", "10/5@1.5s", "20/2,"} {
		if _, err := parseRates(bad); err == nil {
			t.Errorf("parseRates(%q) accepted", bad)
		}
	}
}

// The scenario takes hours in full; -rate-run picks the cases a run needs.
func TestRateRunSelectsCasesByName(t *testing.T) {
	o, err := parseOptions([]string{"-n", "", "-rate", "20/2,10/5@6s", "-rate-hogs", "2", "-rate-run", "no parameters, 2 process"}, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, c := range rateCases(o) {
		got = append(got, c.String())
	}
	want := []string{"10/5@6s, no parameters, 2 process(es), 0 hog(s)", "10/5@6s, no parameters, 2 process(es), 2 hog(s)"}
	if !slices.Equal(got, want) {
		t.Errorf("-rate-run selected %q, want %q", got, want)
	}
	o.rateRun = nil
	if n := len(rateCases(o)); n != 2*2*2*2 {
		t.Errorf("without -rate-run the scenario has %d cases, want 16 (2 buckets × 2 kinds × 1 or 2 processes × 0 or 2 hogs)", n)
	}
	if _, err := parseOptions([]string{"-rate", "20/2", "-rate-run", "("}, io.Discard); err == nil {
		t.Error("-rate-run ( parsed, want an error")
	}
}

func TestReadStat(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("Linux only")
	}
	st, err := readStat(os.Getpid())
	if err != nil {
		t.Fatal(err)
	}
	if st.ppid != os.Getppid() {
		t.Errorf("ppid = %d, want %d", st.ppid, os.Getppid())
	}
	if hwm, err := readHWM(os.Getpid()); err != nil || hwm <= 0 {
		t.Errorf("readHWM = %d, %v", hwm, err)
	}
}
