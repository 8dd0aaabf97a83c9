package main

import (
	"fmt"
	"io"
	"slices"
	"time"
)

// printComparison prints, per N and step, each subject's provider CPU, wall
// time and peak RSS, and the provider's CPU as a multiple of the floor's and
// its CPU and wall time as multiples of the baseline's. A multiple is the
// median over runs of the ratio within each run, so load that comes and goes
// between runs cancels out.
func (r *report) printComparison(w io.Writer) {
	if len(r.results) == 0 {
		return
	}
	floor, baseline := r.has(subjectFloor), r.has(subjectBaseline)
	if !floor && !baseline {
		return
	}
	fmt.Fprintf(w, "\n### Beside the floor and the baseline (same run, in turn)\n\n")
	header := "| N | step | atlasx CPU |"
	rule := "|---:|---|---:|"
	if floor {
		header += " floor CPU | **× floor** |"
		rule += "---:|---:|"
	}
	if baseline {
		header += " baseline CPU | **CPU × baseline** | atlasx wall | baseline wall | **wall × baseline** |"
		rule += "---:|---:|---:|---:|---:|"
	}
	header += " atlasx peak RSS |"
	rule += "---:|"
	if floor {
		header += " floor peak RSS |"
		rule += "---:|"
	}
	if baseline {
		header += " baseline peak RSS |"
		rule += "---:|"
	}
	fmt.Fprintln(w, header)
	fmt.Fprintln(w, rule)
	cpu := func(u usage) time.Duration { return u.providerCPU }
	wall := func(u usage) time.Duration { return u.wall }
	rss := func(u usage) int64 { return u.providerPeakRSS }
	for _, res := range r.results {
		for i, own := range res.steps[subjectAtlasx] {
			row := fmt.Sprintf("| %d | %s | %s |", res.n, own.step.name, secs(median(own.runs, cpu)))
			if floor {
				f := res.steps[subjectFloor][i]
				row += fmt.Sprintf(" %s | **%s** |", secs(median(f.runs, cpu)), times(pairedRatio(own.runs, f.runs, cpu)))
			}
			if baseline {
				b := res.steps[subjectBaseline][i]
				row += fmt.Sprintf(" %s | **%s** | %s | %s | **%s** |", secs(median(b.runs, cpu)), times(pairedRatio(own.runs, b.runs, cpu)),
					secs(median(own.runs, wall)), secs(median(b.runs, wall)), times(pairedRatio(own.runs, b.runs, wall)))
			}
			row += fmt.Sprintf(" %s |", mib(peak(own.runs, rss)))
			if floor {
				row += fmt.Sprintf(" %s |", mib(peak(res.steps[subjectFloor][i].runs, rss)))
			}
			if baseline {
				row += fmt.Sprintf(" %s |", mib(peak(res.steps[subjectBaseline][i].runs, rss)))
			}
			fmt.Fprintln(w, row)
		}
	}
}

func (r *report) has(label string) bool {
	return slices.ContainsFunc(r.subjects, func(s subject) bool { return s.label == label })
}

// cpuRatioGoals checks res's provider CPU against the floor's and the baseline's.
func (r *report) cpuRatioGoals(res nResult) []goal {
	var out []goal
	cpu := func(u usage) time.Duration { return u.providerCPU }
	for _, other := range []struct {
		label string
		limit float64
	}{{subjectFloor, goalOverFloor}, {subjectBaseline, goalCPUVsBaseline}} {
		theirs, ok := res.steps[other.label]
		if !ok {
			continue
		}
		for i, own := range res.steps[subjectAtlasx] {
			ratio := pairedRatio(own.runs, theirs[i].runs, cpu)
			out = append(out, goal{fmt.Sprintf("provider CPU <= %.2f× the %s's at N=%d, %s", other.limit, other.label, res.n, own.step.name), times(ratio), ratio <= other.limit})
		}
	}
	return out
}

// wallGoals checks each step's wall time at the largest N against the
// baseline's, at the latency the run chose.
func (r *report) wallGoals() []goal {
	res, ok := r.largest()
	baseline, has := res.steps[subjectBaseline]
	if !ok || !has {
		return nil
	}
	wall := func(u usage) time.Duration { return u.wall }
	var out []goal
	for i, own := range res.steps[subjectAtlasx] {
		limit := own.step.wallVsBaseline
		name := fmt.Sprintf("wall time <= %.2f× the baseline's at N=%d, -latency %s, %s", limit, res.n, r.latency, own.step.name)
		if limit == wallNoWorse {
			name += " (no worse: 5% allows for noise)"
		}
		ratio := pairedRatio(own.runs, baseline[i].runs, wall)
		out = append(out, goal{name, times(ratio), ratio <= limit})
	}
	return out
}

// smallestNRSSGoal: runtime settings that trade memory for CPU must not make
// the smallest configuration use more memory than the baseline does.
func (r *report) smallestNRSSGoal() []goal {
	if len(r.results) == 0 {
		return nil
	}
	smallest := slices.MinFunc(r.results, func(a, b nResult) int { return a.n - b.n })
	baseline, ok := smallest.steps[subjectBaseline]
	if !ok {
		return nil
	}
	var own, base int64
	rss := func(u usage) int64 { return u.providerPeakRSS }
	for i, s := range smallest.steps[subjectAtlasx] {
		own = max(own, peak(s.runs, rss))
		base = max(base, peak(baseline[i].runs, rss))
	}
	return []goal{{fmt.Sprintf("provider peak RSS at N=%d no more than the baseline's", smallest.n), fmt.Sprintf("%s vs %s", mib(own), mib(base)), own <= base}}
}

// pairedRatio is the median over runs of a's figure divided by b's in the same run.
func pairedRatio(a, b []usage, get func(usage) time.Duration) float64 {
	var ratios []float64
	for i := range min(len(a), len(b)) {
		if get(b[i]) > 0 {
			ratios = append(ratios, float64(get(a[i]))/float64(get(b[i])))
		}
	}
	if len(ratios) == 0 {
		return 0
	}
	slices.Sort(ratios)
	if len(ratios)%2 == 1 {
		return ratios[len(ratios)/2]
	}
	return (ratios[len(ratios)/2-1] + ratios[len(ratios)/2]) / 2
}

func times(ratio float64) string { return fmt.Sprintf("%.2f×", ratio) }
