package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// cli runs the Terraform or OpenTofu CLI with one provider binary under
// dev_overrides (no registry, no init) and the emulator's credentials.
type cli struct {
	path    string
	env     []string
	opts    options
	verbose bool
}

// newCLI writes a CLI configuration in dir that finds the provider in pluginDir.
func newCLI(o options, pluginDir, dir string, em *emulator) (*cli, error) {
	config := filepath.Join(dir, "cli.tfrc")
	err := os.WriteFile(config, []byte(fmt.Sprintf(`provider_installation {
  dev_overrides {
    "registry.opentofu.org/atlasx/atlasx" = %[1]q
    "registry.terraform.io/atlasx/atlasx" = %[1]q
  }
  direct {}
}
`, pluginDir)), 0o600)
	if err != nil {
		return nil, err
	}
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
	return &cli{path: o.cli, env: env, opts: o, verbose: o.verbose}, nil
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
// extraEnv is added to the CLI's environment, which its providers inherit.
func (c *cli) measure(ctx context.Context, dir string, wantExit int, extraEnv []string, args ...string) (usage, error) {
	o, err := c.execute(ctx, dir, extraEnv, args...)
	if err != nil {
		return o.usage, err
	}
	if o.exit != wantExit {
		return o.usage, fmt.Errorf("%s %s in %s: exit status %d, want %d:\n%s", c.name(), strings.Join(args, " "), dir, o.exit, wantExit, tail(o.output, 4000))
	}
	return o.usage, nil
}

// outcome is what one CLI command cost, how it ended and what it printed.
type outcome struct {
	usage
	exit   int
	output string
}

// execute runs one CLI command in dir to its end, whatever its exit status;
// err is set only when it could not be run or measured.
func (c *cli) execute(ctx context.Context, dir string, extraEnv []string, args ...string) (outcome, error) {
	cmd := exec.Command(c.path, args...)
	cmd.Dir = dir
	cmd.Env = append(append([]string{}, c.env...), extraEnv...)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	u, err := runMeasured(ctx, cmd, c.opts.interval)
	if c.verbose {
		fmt.Fprintf(os.Stderr, "--- %s %s\n%s--- wall %s; CLI CPU %s; provider CPU %s (sampled %s, %d processes); peak RSS CLI %s, provider %s\n",
			c.name(), strings.Join(args, " "), out.String(), secs(u.wall), secs(u.cliCPU), secs(u.providerCPU), secs(u.providerSampled),
			u.providerProcs, mib(u.cliPeakRSS), mib(u.providerPeakRSS))
	}
	o := outcome{usage: u, output: out.String()}
	if ee, ok := err.(*exec.ExitError); ok {
		o.exit, err = ee.ExitCode(), nil
	}
	return o, err
}

func tail(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return "...\n" + s[len(s)-n:]
}

// writeConfig writes the configuration of n Kafka connections named
// prefix0, prefix1, ...: SCRAM authentication with a password (from
// TF_VAR_kafka_password), config and security set. var.offset_reset is the
// field the update step changes.
func writeConfig(dir string, n int, em *emulator, prefix string) error {
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
  connection_name = "%s${count.index}"

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
`, n, em.banner["ATLASX_PROJECT_ID"], em.banner["ATLASX_WORKSPACE_NAME"], prefix)
	return os.WriteFile(filepath.Join(dir, "main.tf"), []byte(hcl), 0o600)
}
