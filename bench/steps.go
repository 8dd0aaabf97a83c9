package main

import "strconv"

// step is one measured command of a run.
type step struct {
	name     string
	args     []string
	wantExit int
	// budget is the goal at the largest N: every request to the Atlas API
	// (OAuth aside) divided by the number of connections.
	budget float64
	// listsOverBaseline is how many list pages per workspace the step may
	// send at N = 1 beyond what the baseline sends: a create's plan reads a
	// page of each workspace to find names that already exist, and the
	// apply's final plan of each create, in a provider process of its own,
	// reads another.
	listsOverBaseline int
	// wallVsBaseline is the most its wall time may be as a multiple of the
	// baseline's at the largest N.
	wallVsBaseline float64
}

// Wall-time goals against the baseline: steps whose requests the provider
// shares across connections (refreshes from list pages, no confirming GET)
// must be much faster; the others must be no slower, within the noise of a
// shared machine (5%).
const (
	wallShared  = 0.6
	wallNoWorse = 1.05
)

// Step names; the rate-limit scenario runs create, plan and destroy.
const (
	stepCreate  = "create (apply)"
	stepPlan    = "no-change plan"
	stepUpdate  = "update 1 field (apply)"
	stepDestroy = "destroy"
)

func steps(o options) []step {
	common := []string{"-input=false", "-no-color"}
	if o.parallelism > 0 {
		common = append(common, "-parallelism="+strconv.Itoa(o.parallelism))
	}
	with := func(args ...string) []string { return append(append([]string{}, args...), common...) }
	return []step{
		{name: stepCreate, args: with("apply", "-auto-approve"), budget: 1.01, listsOverBaseline: 2, wallVsBaseline: wallNoWorse},
		{name: stepPlan, args: with("plan", "-detailed-exitcode"), budget: 0.01, wallVsBaseline: wallShared},
		{name: stepUpdate, args: with("apply", "-auto-approve", "-var", "offset_reset=latest"), budget: 1.05, wallVsBaseline: wallNoWorse},
		{name: stepDestroy, args: with("destroy", "-auto-approve", "-var", "offset_reset=latest"), budget: 1.1, wallVsBaseline: wallShared},
	}
}
