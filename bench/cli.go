package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
)

// cli runs the Terraform or OpenTofu CLI with the release provider under
// dev_overrides (no registry, no init) and the emulator's credentials.
type cli struct {
	path    string
	env     []string
	opts    options
	verbose bool
}

func newCLI(o options, pluginDir, work string, em *emulator) *cli {
	config := filepath.Join(work, "cli.tfrc")
	_ = os.WriteFile(config, []byte(fmt.Sprintf(`provider_installation {
  dev_overrides {
    "registry.opentofu.org/atlasx/atlasx" = %[1]q
    "registry.terraform.io/atlasx/atlasx" = %[1]q
  }
  direct {}
}
`, pluginDir)), 0o600)
	var env []string
	for _, kv := range os.Environ() {
		name, _, _ := strings.Cut(kv, "=")
		// The caller's CLI settings (TF_LOG would slow everything) and Atlas
		// credentials must not change what is measured.
		if strings.HasPrefix(name, "TF_") || strings.HasPrefix(name, "MONGODB_ATLAS_") {
			continue
		}
		env = append(env, kv)
	}
	env = append(env,
		"TF_CLI_CONFIG_FILE="+config, "TF_IN_AUTOMATION=1", "CHECKPOINT_DISABLE=1",
		"MONGODB_ATLAS_BASE_URL="+em.url,
		"MONGODB_ATLAS_CLIENT_ID="+em.banner["MONGODB_ATLAS_CLIENT_ID"],
		"MONGODB_ATLAS_CLIENT_SECRET="+em.banner["MONGODB_ATLAS_CLIENT_SECRET"],
		"TF_VAR_kafka_password=bench-secret-password",
	)
	return &cli{path: o.cli, env: env, opts: o, verbose: o.verbose}
}

func (c *cli) name() string { return filepath.Base(c.path) }

func (c *cli) version(ctx context.Context) string {
	cmd := exec.CommandContext(ctx, c.path, "version")
	cmd.Env = c.env
	out, _ := cmd.Output()
	first, _, _ := strings.Cut(string(out), "\n")
	return strings.TrimSpace(first)
}

// measure runs one CLI command in dir and returns its cost. wantExit is the
// exit status that means success (plan -detailed-exitcode: 0 is "no changes").
func (c *cli) measure(ctx context.Context, dir string, wantExit int, args ...string) (usage, error) {
	cmd := exec.Command(c.path, args...)
	cmd.Dir = dir
	cmd.Env = c.env
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	u, err := runMeasured(ctx, cmd, c.opts.interval)
	if c.verbose {
		fmt.Fprintf(os.Stderr, "--- %s %s\n%s--- wall %s; CLI CPU %s; provider CPU %s (sampled %s, %d processes); peak RSS CLI %s, provider %s\n",
			c.name(), strings.Join(args, " "), out.String(), secs(u.wall), secs(u.cliCPU), secs(u.providerCPU), secs(u.providerSampled),
			u.providerProcs, mib(u.cliPeakRSS), mib(u.providerPeakRSS))
	}
	exit := 0
	if ee, ok := err.(*exec.ExitError); ok {
		exit, err = ee.ExitCode(), nil
	}
	if err != nil {
		return u, err
	}
	if exit != wantExit {
		return u, fmt.Errorf("%s %s in %s: exit status %d, want %d:\n%s", c.name(), strings.Join(args, " "), dir, exit, wantExit, tail(out.String(), 4000))
	}
	return u, nil
}

func tail(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return "...\n" + s[len(s)-n:]
}

// writeConfig writes the configuration of n Kafka connections: SCRAM
// authentication with a password (from TF_VAR_kafka_password), config and
// security set. var.offset_reset is the field the update step changes.
func writeConfig(dir string, n int, em *emulator) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	hcl := fmt.Sprintf(`terraform {
  required_providers {
    atlasx = {
      source = "atlasx/atlasx"
    }
  }
}

# base_url and the service account come from MONGODB_ATLAS_* in the environment.
provider "atlasx" {}

variable "kafka_password" {
  type      = string
  sensitive = true
}

variable "offset_reset" {
  type    = string
  default = "earliest"
}

resource "atlasx_stream_connection" "kafka" {
  count = %d

  project_id      = %q
  workspace_name  = %q
  connection_name = "bench-${count.index}"

  kafka = {
    bootstrap_servers = "b1.example.com:9092,b2.example.com:9092"
    config = {
      "auto.offset.reset" = var.offset_reset
      "group.id"          = "bench"
    }
    authentication = {
      mechanism = "SCRAM-256"
      username  = "bench"
      password  = var.kafka_password
    }
    security = {
      protocol = "SASL_SSL"
    }
  }
}
`, n, em.banner["ATLASX_PROJECT_ID"], em.banner["ATLASX_WORKSPACE_NAME"])
	return os.WriteFile(filepath.Join(dir, "main.tf"), []byte(hcl), 0o600)
}

// step is one measured command of a run.
type step struct {
	name     string
	args     []string
	wantExit int
	// floor is the goal: requests per connection, by method.
	floor requestMix
}

func steps(o options) []step {
	common := []string{"-input=false", "-no-color"}
	if o.parallelism > 0 {
		common = append(common, "-parallelism="+strconv.Itoa(o.parallelism))
	}
	with := func(args ...string) []string { return append(append([]string{}, args...), common...) }
	return []step{
		{name: "create (apply)", args: with("apply", "-auto-approve"), floor: requestMix{Post: 1}},
		{name: "no-change plan", args: with("plan", "-detailed-exitcode"), floor: requestMix{Get: 1}},
		{name: "update 1 field (apply)", args: with("apply", "-auto-approve", "-var", "offset_reset=latest"), floor: requestMix{Get: 1, Patch: 1}},
		{name: "destroy", args: with("destroy", "-auto-approve", "-var", "offset_reset=latest"), floor: requestMix{Get: 2, Delete: 1}},
	}
}

// stepResult holds every run of one step at one N.
type stepResult struct {
	step  step
	runs  []usage
	mixes []requestMix
}

type nResult struct {
	n     int
	steps []*stepResult
}

// benchN runs create, plan, update and destroy o.runs times with n connections.
func benchN(ctx context.Context, c *cli, em *emulator, work string, n int, o options, log func(string, ...any)) (nResult, error) {
	result := nResult{n: n}
	dir := filepath.Join(work, "n"+strconv.Itoa(n))
	if err := writeConfig(dir, n, em); err != nil {
		return result, err
	}
	all := steps(o)
	for _, s := range all {
		result.steps = append(result.steps, &stepResult{step: s})
	}
	for run := 1; run <= o.runs; run++ {
		for i, s := range all {
			if err := em.resetCounts(ctx); err != nil {
				return result, err
			}
			u, err := c.measure(ctx, dir, s.wantExit, s.args...)
			if err != nil {
				return result, fmt.Errorf("with %d connections, run %d, %s: %w", n, run, s.name, err)
			}
			got, err := em.counts(ctx)
			if err != nil {
				return result, err
			}
			result.steps[i].runs = append(result.steps[i].runs, u)
			result.steps[i].mixes = append(result.steps[i].mixes, got.mix())
			log("N=%-4d run %d/%d  %-22s %7.2fs", n, run, o.runs, s.name, u.wall.Seconds())
		}
	}
	return result, nil
}

// timeValidate times `validate` of a one-connection configuration: the CLI
// and provider start-up, with no API call.
func timeValidate(ctx context.Context, c *cli, work string, em *emulator, o options) ([]usage, error) {
	dir := filepath.Join(work, "validate")
	if err := writeConfig(dir, 1, em); err != nil {
		return nil, err
	}
	var runs []usage
	for range o.runs {
		u, err := c.measure(ctx, dir, 0, "validate", "-no-color")
		if err != nil {
			return nil, fmt.Errorf("validate: %w", err)
		}
		runs = append(runs, u)
	}
	return runs, nil
}
