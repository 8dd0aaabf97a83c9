package main

import (
	"fmt"
	"io"
	"slices"
	"time"
)

// workspaces is how many workspaces the benchmark's configurations use: the
// allowance of list pages a step may send beyond the baseline's is per
// workspace.
const workspaces = 1

// mostRequests is the run of a step that sent the most API requests: the
// one its budget is held to.
func mostRequests(mixes []requestMix) (requestMix, bool) {
	if len(mixes) == 0 {
		return requestMix{}, false
	}
	return slices.MaxFunc(mixes, func(a, b requestMix) int { return a.api() - b.api() }), true
}

// perConnection is the API requests of the run with the most, divided by n.
func perConnection(mixes []requestMix, n int) float64 {
	m, _ := mostRequests(mixes)
	return float64(m.api()) / float64(n)
}

// describePerConnection reads e.g. "0.005 req/conn (1 list, 0 GET)": every
// API request per connection, and the reads among them, lists apart.
func describePerConnection(mixes []requestMix, n int) string {
	m, ok := mostRequests(mixes)
	if !ok {
		return "-"
	}
	return fmt.Sprintf("%.3f req/conn (%d list, %d GET)", perConnection(mixes, n), m.List, m.Get)
}

// printRequests prints, per N and step, every subject that calls Atlas:
// requests per connection beside wall time, and the provider's wall time as
// a multiple of the baseline's in the same run. The floor provider's wall
// time, beside them, is what the step takes with no request at all: the part
// of a wall time that fewer requests cannot take off.
func (r *report) printRequests(w io.Writer) {
	if len(r.results) == 0 {
		return
	}
	floor, baseline := r.has(subjectFloor), r.has(subjectBaseline)
	fmt.Fprintf(w, "\n### Requests per connection beside wall time\n\n"+
		"Every API request of the step (token fetches aside) divided by N, from the run that sent the most; the budget is checked at the largest N.\n\n")
	header, rule := "| N | step | atlasx requests | atlasx wall |", "|---:|---|---|---:|"
	if baseline {
		header += " baseline requests | baseline wall | **wall × baseline** |"
		rule += "---|---:|---:|"
	}
	if floor {
		header += " floor wall (no request) |"
		rule += "---:|"
	}
	fmt.Fprintln(w, header+" budget |")
	fmt.Fprintln(w, rule+"---:|")
	wall := func(u usage) time.Duration { return u.wall }
	for _, res := range r.results {
		for i, own := range res.steps[subjectAtlasx] {
			row := fmt.Sprintf("| %d | %s | %s | %s |", res.n, own.step.name, describePerConnection(own.mixes, res.n), secs(median(own.runs, wall)))
			if baseline {
				b := res.steps[subjectBaseline][i]
				row += fmt.Sprintf(" %s | %s | **%s** |", describePerConnection(b.mixes, res.n), secs(median(b.runs, wall)), times(pairedRatio(own.runs, b.runs, wall)))
			}
			if floor {
				row += fmt.Sprintf(" %s |", secs(median(res.steps[subjectFloor][i].runs, wall)))
			}
			fmt.Fprintf(w, "%s %.2f |\n", row, own.step.budget)
		}
	}
}

// requestGoals: at the largest N every step within its budget per
// connection; at N = 1, with a baseline, no step sending more than the
// baseline does, but for the list pages a step is allowed beyond it.
func (r *report) requestGoals() []goal {
	var out []goal
	if res, ok := r.largest(); ok {
		for _, s := range res.steps[subjectAtlasx] {
			out = append(out, goal{
				fmt.Sprintf("requests per connection <= %.2f at N=%d, %s", s.step.budget, res.n, s.step.name),
				describePerConnection(s.mixes, res.n), len(s.mixes) > 0 && perConnection(s.mixes, res.n) <= s.step.budget,
			})
		}
	}
	one, ok := r.atN(1)
	baseline, has := one.steps[subjectBaseline]
	if !ok || !has {
		return out
	}
	for i, s := range one.steps[subjectAtlasx] {
		own, _ := mostRequests(s.mixes)
		theirs, _ := mostRequests(baseline[i].mixes)
		allowed := s.step.listsOverBaseline * workspaces
		name := fmt.Sprintf("requests at N=1 no more than the baseline's, %s", s.step.name)
		if allowed > 0 {
			name += fmt.Sprintf(" (%d list pages per workspace beyond it allowed: %d)", s.step.listsOverBaseline, allowed)
		}
		// Only list pages may make up the allowance.
		pass := own.api() <= theirs.api()+min(allowed, own.List)
		out = append(out, goal{name, fmt.Sprintf("%d (%d list) vs %d (%d list)", own.api(), own.List, theirs.api(), theirs.List), pass})
	}
	return out
}
