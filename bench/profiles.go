package main

import (
	"context"
	"fmt"
	"io"
	"os/exec"
	"path/filepath"
	"strings"
)

// profileTop is the top of the profiles of one subject's step at one N,
// merged over its runs and provider processes.
type profileTop struct {
	subject, step string
	n             int
	cpu, allocs   string // go tool pprof -top output, or why there is none
}

// profileTopEntries is how many functions each top lists.
const profileTopEntries = 12

// profileHide are the runtime's own frames (allocation, write barriers,
// hashing): hidden, their time is charged to the function that called them,
// so the top names the code that makes the work. Background collection, which
// has no other caller, drops out of the top.
const profileHide = `^(runtime\.|internal/runtime|internal/bytealg|aeshashbody|memeqbody|gcWriteBarrier)`

// profileTops summarizes the profiles of the largest N, per subject and step.
func profileTops(ctx context.Context, results []nResult, subjects []subject) []profileTop {
	if len(results) == 0 {
		return nil
	}
	largest := results[0]
	for _, res := range results[1:] {
		if res.n > largest.n {
			largest = res
		}
	}
	var out []profileTop
	for _, s := range subjects {
		for _, st := range largest.steps[s.label] {
			out = append(out, profileTop{
				subject: s.label, step: st.step.name, n: largest.n,
				cpu:    pprofTop(ctx, st.profiles, "cpu-*.pprof", "-sample_index=cpu"),
				allocs: pprofTop(ctx, st.profiles, "allocs-*.pprof", "-sample_index=alloc_space"),
			})
		}
	}
	return out
}

// pprofTop merges the profiles matching pattern in dirs and returns the
// flat top entries, without pprof's header lines.
func pprofTop(ctx context.Context, dirs []string, pattern, index string) string {
	var files []string
	for _, dir := range dirs {
		matches, _ := filepath.Glob(filepath.Join(dir, pattern))
		files = append(files, matches...)
	}
	if len(files) == 0 {
		return "(no profile: the provider processes did not end normally)"
	}
	args := append([]string{"tool", "pprof", "-top", index, "-hide=" + profileHide, fmt.Sprintf("-nodecount=%d", profileTopEntries)}, files...)
	out, err := exec.CommandContext(ctx, "go", args...).CombinedOutput()
	if err != nil {
		return fmt.Sprintf("(go tool pprof: %v)", err)
	}
	var keep []string
	for _, line := range strings.Split(strings.TrimRight(string(out), "\n"), "\n") {
		if strings.HasPrefix(line, "Showing") || strings.HasPrefix(line, "      flat") || strings.HasPrefix(line, "Type:") || strings.HasPrefix(line, "File:") || strings.HasPrefix(line, "Build ID:") ||
			strings.HasPrefix(line, "Time:") || strings.HasPrefix(line, "Duration:") || strings.HasPrefix(line, "Dropped") ||
			strings.HasPrefix(line, "Active filters:") || strings.HasPrefix(line, "   hide=") {
			if strings.HasPrefix(line, "      flat") || strings.HasPrefix(line, "Duration:") {
				keep = append(keep, line)
			}
			continue
		}
		keep = append(keep, line)
	}
	return strings.Join(keep, "\n")
}

func (r *report) printProfileTops(w io.Writer) {
	if len(r.profileTops) == 0 {
		return
	}
	fmt.Fprintf(w, "\n### Profiles (N = %d, every run and provider process of the step merged)\n\n"+
		"Flat top entries, with the runtime's frames hidden so that allocation and hashing count against their callers; background garbage collection is not shown.\n", r.profileTops[0].n)
	for _, t := range r.profileTops {
		fmt.Fprintf(w, "\n%s, %s: CPU\n\n```\n%s\n```\n", t.subject, t.step, t.cpu)
		fmt.Fprintf(w, "\n%s, %s: allocated bytes\n\n```\n%s\n```\n", t.subject, t.step, t.allocs)
	}
}
