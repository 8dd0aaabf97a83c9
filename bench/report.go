package main

import (
	"fmt"
	"io"
	"runtime"
	"slices"
	"strings"
	"time"
)

// Goals the provider is held to. The benchmark reports against them; it
// never tunes anything to meet them. The request budgets are the steps'
// (steps.go).
const (
	goalPeakRSS    = 96 << 20 // provider peak RSS, bytes
	goalBinarySize = 30 << 20 // release binary, bytes
	goalCPUAtN     = 200      // the CPU goals are checked at this N
	goalOverFloor  = 1.05     // provider CPU as a multiple of the floor provider's, every step
	// goalCPUVsBaseline: the provider's CPU, every step, as a multiple of the
	// baseline's (-baseline) in the same run: no worse, within the noise.
	goalCPUVsBaseline = 1.05
)

type report struct {
	cli, cliVersion string
	binarySize      int64
	latency         time.Duration
	runs            int
	parallelism     int
	validate        []usage
	subjects        []subject
	results         []nResult
	profileTops     []profileTop
	rate            *rateReport // nil without -rate
	elapsed         time.Duration
	// 1-minute load average before and after, beside the number of CPUs.
	loadBefore, loadAfter string
}

func (r *report) print(w io.Writer) {
	parallelism := "default (10)"
	if r.parallelism > 0 {
		parallelism = fmt.Sprint(r.parallelism)
	}
	fmt.Fprintf(w, "\n## atlasx benchmark\n\n")
	fmt.Fprintf(w, "%s (%s) drives the release provider (%s) against atlasx-emulator (-latency %s); parallelism %s; "+
		"%d run(s) per step: time is the median [min-max], CPU the median, RSS the peak over runs. "+
		"Requests are counted by the emulator per step; token = service-account token fetches.\n\n",
		r.cliVersion, r.cli, mib(r.binarySize), r.latency, parallelism, r.runs)
	fmt.Fprintf(w, "GET is a read of one connection, list a page of a workspace's connections (GET on the connections route), other any other API route; 429 the answers the rate limit gave.\n\n")

	fmt.Fprintln(w, "| N | step | wall time | GET | list | POST | PATCH | DELETE | other | token | 429 | provider CPU | CLI CPU | provider peak RSS | CLI peak RSS |")
	fmt.Fprintln(w, "|---:|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
	for _, res := range r.results {
		for _, s := range res.steps[subjectAtlasx] {
			fmt.Fprintf(w, "| %d | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n",
				res.n, s.step.name, wallSummary(s.runs),
				countSummary(s.mixes, func(m requestMix) int { return m.Get }),
				countSummary(s.mixes, func(m requestMix) int { return m.List }),
				countSummary(s.mixes, func(m requestMix) int { return m.Post }),
				countSummary(s.mixes, func(m requestMix) int { return m.Patch }),
				countSummary(s.mixes, func(m requestMix) int { return m.Delete }),
				countSummary(s.mixes, func(m requestMix) int { return m.Other }),
				countSummary(s.mixes, func(m requestMix) int { return m.Token }),
				countSummary(s.mixes, func(m requestMix) int { return m.Throttled }),
				secs(median(s.runs, func(u usage) time.Duration { return u.providerCPU })),
				secs(median(s.runs, func(u usage) time.Duration { return u.cliCPU })),
				mib(peak(s.runs, func(u usage) int64 { return u.providerPeakRSS })),
				mib(peak(s.runs, func(u usage) int64 { return u.cliPeakRSS })))
		}
	}
	if len(r.validate) > 0 {
		fmt.Fprintf(w, "| – | validate (start-up) | %s | | | | | | | | | %s | %s | %s | %s |\n",
			wallSummary(r.validate),
			secs(median(r.validate, func(u usage) time.Duration { return u.providerCPU })),
			secs(median(r.validate, func(u usage) time.Duration { return u.cliCPU })),
			mib(peak(r.validate, func(u usage) int64 { return u.providerPeakRSS })),
			mib(peak(r.validate, func(u usage) int64 { return u.cliPeakRSS })))
	}

	r.printRequests(w)
	r.printComparison(w)
	r.printProfileTops(w)

	r.printRateScenario(w)

	fmt.Fprintf(w, "\n| goal | measured | |\n|---|---|---|\n")
	for _, g := range r.goals() {
		fmt.Fprintf(w, "| %s | %s | %s |\n", g.name, g.measured, verdict(g.pass))
	}
	fmt.Fprintf(w, "\nThe whole benchmark took %s. Load average %s before, %s after, on %d CPUs: "+
		"a load above the CPU count means other work competed, which inflates wall times more than CPU seconds.\n",
		r.elapsed.Round(time.Second), r.loadBefore, r.loadAfter, runtime.NumCPU())
}

type goal struct {
	name, measured string
	pass           bool
}

func (r *report) goals() []goal {
	var out []goal

	out = append(out, r.requestGoals()...)
	if res, ok := r.cpuResult(); ok {
		for _, s := range res.steps[subjectAtlasx] {
			p := median(s.runs, func(u usage) time.Duration { return u.providerCPU })
			c := median(s.runs, func(u usage) time.Duration { return u.cliCPU })
			out = append(out, goal{
				fmt.Sprintf("provider CPU < CLI's own CPU at N=%d, %s", res.n, s.step.name),
				fmt.Sprintf("%s vs %s (%.0f%%)", secs(p), secs(c), 100*p.Seconds()/max(c.Seconds(), 1e-9)),
				p < c,
			})
		}
		out = append(out, r.cpuRatioGoals(res)...)
	}
	out = append(out, r.wallGoals()...)

	var rss int64
	for _, res := range r.results {
		for _, s := range res.steps[subjectAtlasx] {
			rss = max(rss, peak(s.runs, func(u usage) int64 { return u.providerPeakRSS }))
		}
	}
	rss = max(rss, peak(r.validate, func(u usage) int64 { return u.providerPeakRSS }))
	out = append(out, goal{"provider peak RSS <= 96 MiB (any step, any N)", mib(rss), rss <= goalPeakRSS})
	out = append(out, r.smallestNRSSGoal()...)
	out = append(out, goal{"release binary < 30 MiB", mib(r.binarySize), r.binarySize < goalBinarySize})
	out = append(out, r.rateGoals()...)
	return out
}

// cpuResult is the N the CPU goal is checked at: 200, else the largest run.
func (r *report) cpuResult() (nResult, bool) {
	for _, res := range r.results {
		if res.n == goalCPUAtN {
			return res, true
		}
	}
	return r.largest()
}

// largest is the result of the largest N, where the request and wall-time
// goals are checked.
func (r *report) largest() (nResult, bool) {
	if len(r.results) == 0 {
		return nResult{}, false
	}
	return slices.MaxFunc(r.results, func(a, b nResult) int { return a.n - b.n }), true
}

// atN is the result of exactly n connections, if that N ran.
func (r *report) atN(n int) (nResult, bool) {
	i := slices.IndexFunc(r.results, func(res nResult) bool { return res.n == n })
	if i < 0 {
		return nResult{}, false
	}
	return r.results[i], true
}

func countSummary(mixes []requestMix, get func(requestMix) int) string {
	if len(mixes) == 0 {
		return "-"
	}
	lo, hi := get(mixes[0]), get(mixes[0])
	for _, m := range mixes[1:] {
		lo, hi = min(lo, get(m)), max(hi, get(m))
	}
	if lo == hi {
		return fmt.Sprint(lo)
	}
	return fmt.Sprintf("%d-%d", lo, hi)
}

func wallSummary(runs []usage) string {
	walls := make([]time.Duration, len(runs))
	for i, u := range runs {
		walls[i] = u.wall
	}
	slices.Sort(walls)
	m := median(runs, func(u usage) time.Duration { return u.wall })
	if len(walls) == 1 {
		return secs(m)
	}
	return fmt.Sprintf("%s [%s-%s]", secs(m), strings.TrimSuffix(secs(walls[0]), "s"), secs(walls[len(walls)-1]))
}

func median(runs []usage, get func(usage) time.Duration) time.Duration {
	if len(runs) == 0 {
		return 0
	}
	v := make([]time.Duration, len(runs))
	for i, u := range runs {
		v[i] = get(u)
	}
	slices.Sort(v)
	if len(v)%2 == 1 {
		return v[len(v)/2]
	}
	return (v[len(v)/2-1] + v[len(v)/2]) / 2
}

func peak(runs []usage, get func(usage) int64) int64 {
	var p int64
	for _, u := range runs {
		p = max(p, get(u))
	}
	return p
}

func secs(d time.Duration) string { return fmt.Sprintf("%.2fs", d.Seconds()) }

func mib(b int64) string { return fmt.Sprintf("%.1f MiB", float64(b)/(1<<20)) }

func verdict(pass bool) string {
	if pass {
		return "PASS"
	}
	return "MISS"
}
