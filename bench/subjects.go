package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/atlasx/terraform-provider-atlasx/internal/serve"
)

// Subjects: the provider under test, the floor provider (its schema with no
// validators, plan modifiers or behavior) and, with -baseline, another build
// of the provider. Each runs the same steps in turn within every run, so
// their figures are compared within one run, under the same load.
const (
	subjectAtlasx   = "atlasx"
	subjectFloor    = "floor"
	subjectBaseline = "baseline"
)

type subject struct {
	label string
	cli   *cli
	// callsAtlas: its requests are counted and held to the budgets.
	callsAtlas bool
}

// stepResult holds every run of one step at one N.
type stepResult struct {
	step  step
	runs  []usage
	mixes []requestMix
	// profiles holds, per run, the directory its provider processes wrote
	// their profiles to (with -profile).
	profiles []string
}

type nResult struct {
	n int
	// steps holds each subject's steps, by label, in the order of steps().
	steps map[string][]*stepResult
}

// benchN runs create, plan, update and destroy o.runs times with n
// connections, each run going through every subject in turn.
func benchN(ctx context.Context, subjects []subject, em *emulator, work string, n int, o options, log func(string, ...any)) (nResult, error) {
	result := nResult{n: n, steps: map[string][]*stepResult{}}
	all := steps(o)
	for _, s := range subjects {
		if err := writeConfig(configDir(work, s, n), n, em, benchPrefix); err != nil {
			return result, err
		}
		for _, st := range all {
			result.steps[s.label] = append(result.steps[s.label], &stepResult{step: st})
		}
	}
	for run := 1; run <= o.runs; run++ {
		for _, s := range subjects {
			for i, st := range all {
				var env []string
				profiles := ""
				if o.profile != "" {
					profiles = filepath.Join(o.profile, s.label, "n"+strconv.Itoa(n), stepSlug(st.name), "run"+strconv.Itoa(run))
					if err := os.MkdirAll(profiles, 0o755); err != nil {
						return result, err
					}
					env = append(env, serve.ProfileDirEnv+"="+profiles)
				}
				if err := em.resetCounts(ctx); err != nil {
					return result, err
				}
				u, err := s.cli.measure(ctx, configDir(work, s, n), st.wantExit, env, st.args...)
				if err != nil {
					return result, fmt.Errorf("%s with %d connections, run %d, %s: %w", s.label, n, run, st.name, err)
				}
				got, err := em.counts(ctx)
				if err != nil {
					return result, err
				}
				r := result.steps[s.label][i]
				r.runs = append(r.runs, u)
				r.mixes = append(r.mixes, got.mix())
				r.profiles = append(r.profiles, profiles)
				log("N=%-4d run %d/%d  %-8s %-22s %7.2fs", n, run, o.runs, s.label, st.name, u.wall.Seconds())
			}
		}
	}
	return result, nil
}

// benchPrefix begins the names of the connections the benchmark creates.
const benchPrefix = "bench-"

func configDir(work string, s subject, n int) string {
	return filepath.Join(work, s.label, "n"+strconv.Itoa(n))
}

func stepSlug(name string) string {
	name, _, _ = strings.Cut(name, " (")
	return strings.ReplaceAll(name, " ", "-")
}

// timeValidate times `validate` of a one-connection configuration: the CLI
// and provider start-up, with no API call.
func timeValidate(ctx context.Context, c *cli, work string, em *emulator, o options) ([]usage, error) {
	dir := filepath.Join(work, "validate")
	if err := writeConfig(dir, 1, em, benchPrefix); err != nil {
		return nil, err
	}
	var runs []usage
	for range o.runs {
		u, err := c.measure(ctx, dir, 0, nil, "validate", "-no-color")
		if err != nil {
			return nil, fmt.Errorf("validate: %w", err)
		}
		runs = append(runs, u)
	}
	return runs, nil
}
