package acctest

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"

	"github.com/atlasx/terraform-provider-atlasx/internal/client"
	"github.com/atlasx/terraform-provider-atlasx/internal/provider"
)

// Workdir is a CLI working directory driven one command at a time, for tests
// that need what terraform-plugin-testing cannot do: pass flags such as
// -parallelism, interrupt a command, see its exit status and output, and
// read what the provider's API clients did during it. Every command gets
// the provider served in this process at test speed (FastPolling, short
// back-off), attached through TF_REATTACH_PROVIDERS; or, from
// BinaryWorkdir, the built provider as its own process.
type Workdir struct {
	t        *testing.T
	dir      string
	cli      string
	tune     []func(*client.Config)
	standIns []StandIn
	// cliConfig, when set, is a CLI configuration whose dev_overrides run
	// the built provider (BinaryWorkdir) instead of the one served here.
	cliConfig string
}

// Workdir makes an empty working directory for t whose commands use this
// emulator. tune adjusts the API client after the test-speed defaults, e.g.
// to shorten its RequestTimeout.
func (e *Env) Workdir(t *testing.T, tune ...func(*client.Config)) *Workdir {
	t.Helper()
	cli := os.Getenv("TF_ACC_TERRAFORM_PATH")
	if cli == "" {
		t.Skip("no CLI: acceptance tests need TF_ACC_TERRAFORM_PATH (set by acctest.Main)")
	}
	w := &Workdir{t: t, dir: t.TempDir(), cli: cli, tune: tune}
	w.writeFile("providers.tf", providerRequirement(nil))
	return w
}

// AddStandIn serves s beside the provider to every later command, and
// requires it in the configuration.
func (w *Workdir) AddStandIn(s StandIn) {
	w.standIns = append(w.standIns, s)
	w.writeFile("providers.tf", providerRequirement(w.standIns))
}

// SetConfig writes hcl as the configuration, beside the provider requirement.
func (w *Workdir) SetConfig(hcl string) { w.writeFile("main.tf", hcl) }

// WriteFile writes a file of the configuration, e.g. a .tfvars file.
func (w *Workdir) WriteFile(name, content string) { w.writeFile(name, content) }

// ReadFile returns a file of the working directory as it is on disk, e.g.
// terraform.tfstate, or "" when there is none.
func (w *Workdir) ReadFile(name string) string {
	w.t.Helper()
	data, err := os.ReadFile(filepath.Join(w.dir, name))
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		w.t.Fatal(err)
	}
	return string(data)
}

func (w *Workdir) writeFile(name, content string) {
	w.t.Helper()
	if err := os.WriteFile(filepath.Join(w.dir, name), []byte(content), 0o600); err != nil {
		w.t.Fatal(err)
	}
}

// Result is how one CLI command went.
type Result struct {
	Args     []string
	ExitCode int    // -1 when the CLI could not be started or was killed
	Output   string // stdout and stderr, interleaved as written
	Duration time.Duration
	// Stats sums the counters of every API client the provider built
	// during the command (the CLI configures the provider once per walk).
	Stats client.Stats
}

// String names the command and its outcome, then shows its output.
func (r Result) String() string { return r.header() + "\n" + r.Output }

// Errors is the output from the CLI's first error on, where its diagnostics
// are, without the plan before them; all of the output when there is none.
func (r Result) Errors() string {
	if i := strings.Index(r.Output, "\nError: "); i >= 0 {
		return r.header() + r.Output[i:]
	}
	return r.String()
}

func (r Result) header() string {
	return fmt.Sprintf("`%s` exited %d after %s:", strings.Join(r.Args, " "), r.ExitCode, r.Duration.Round(time.Millisecond))
}

// Then reports r and the command after it as one: next's command, exit and
// output, with their times and counts summed.
func (r Result) Then(next Result) Result {
	next.Duration += r.Duration
	next.Stats = addStats(r.Stats, next.Stats)
	return next
}

// Run runs the CLI with args to completion.
func (w *Workdir) Run(args ...string) Result {
	w.t.Helper()
	return w.Start(args...).Wait()
}

// MustRun runs the CLI with args and fails the test unless it exits 0.
func (w *Workdir) MustRun(args ...string) Result {
	w.t.Helper()
	r := w.Run(args...)
	if r.ExitCode != 0 {
		w.t.Fatal(r)
	}
	return r
}

// Command is a CLI command started by Start.
type Command struct {
	cmd      *exec.Cmd
	args     []string
	output   *bytes.Buffer
	started  time.Time
	stop     func()
	clients  *clientLog
	startErr error
	result   Result
	waitOnce sync.Once
}

// Start starts the CLI with args and returns while it runs.
func (w *Workdir) Start(args ...string) *Command {
	w.t.Helper()
	clients := &clientLog{}
	cmd := exec.CommandContext(w.t.Context(), w.cli, args...)
	cmd.Dir = w.dir
	cmd.Env = append(os.Environ(), "TF_IN_AUTOMATION=1", "CHECKPOINT_DISABLE=1")
	stop := func() {}
	if w.cliConfig != "" {
		cmd.Env = append(cmd.Env, "TF_CLI_CONFIG_FILE="+w.cliConfig)
		ownProcessGroup(cmd)
	} else {
		var reattach string
		reattach, stop = w.serveProviders(w.factory(clients))
		cmd.Env = append(cmd.Env, "TF_REATTACH_PROVIDERS="+reattach)
	}
	output := &bytes.Buffer{}
	cmd.Stdout, cmd.Stderr = output, output
	// A CLI that ignores the end of the test is killed shortly after.
	cmd.WaitDelay = 10 * time.Second
	c := &Command{cmd: cmd, args: append([]string{filepath.Base(w.cli)}, args...), output: output, stop: stop, clients: clients, started: time.Now()}
	c.startErr = cmd.Start()
	return c
}

// factory builds the provider served in this process, at test speed,
// handing its clients to clients.
func (w *Workdir) factory(clients *clientLog) func() (tfprotov6.ProviderServer, error) {
	return providerserver.NewProtocol6WithError(provider.New("test",
		provider.WithPolling(FastPolling),
		provider.WithClientConfig(func(c *client.Config) {
			fastRetries(c)
			for _, tune := range w.tune {
				tune(c)
			}
		}),
		provider.WithClientObserver(clients.add),
	)())
}

// serveProviders serves the provider and the stand-ins for one command and
// returns their TF_REATTACH_PROVIDERS value and a function that stops them all.
func (w *Workdir) serveProviders(factory func() (tfprotov6.ProviderServer, error)) (reattach string, stop func()) {
	w.t.Helper()
	entries := map[string]reattachConfig{}
	var stops []func()
	stop = func() {
		for _, s := range stops {
			s()
		}
	}
	serve := func(address string, factory func() (tfprotov6.ProviderServer, error)) {
		entry, s := serveProvider(w.t, address, factory)
		entries[address], stops = entry, append(stops, s)
	}
	serve(providerAddress(), factory)
	for _, s := range w.standIns {
		serve(s.address(), s.factory)
	}
	encoded, err := json.Marshal(entries)
	if err != nil {
		stop()
		w.t.Fatalf("encoding the reattach configuration: %v", err)
	}
	return string(encoded), stop
}

// Interrupt sends the CLI SIGINT, as Ctrl-C in a terminal does.
func (c *Command) Interrupt() error {
	if c.startErr != nil {
		return c.startErr
	}
	return c.cmd.Process.Signal(os.Interrupt)
}

// Wait waits for the CLI to exit, stops the provider it used and reports.
func (c *Command) Wait() Result {
	c.waitOnce.Do(func() {
		err := c.startErr
		if err == nil {
			err = c.cmd.Wait()
		}
		c.stop()
		c.result = Result{Args: c.args, ExitCode: exitCode(err), Duration: time.Since(c.started), Stats: c.clients.stats()}
		c.result.Output = c.output.String()
		if err != nil && c.result.ExitCode < 0 {
			c.result.Output += "\n" + err.Error()
		}
	})
	return c.result
}

func exitCode(err error) int {
	var exitErr *exec.ExitError
	switch {
	case err == nil:
		return 0
	case errors.As(err, &exitErr):
		return exitErr.ExitCode()
	default:
		return -1
	}
}

// fastRetries is the retry timing of every test provider: the emulator's
// faults pass in milliseconds, not seconds.
func fastRetries(c *client.Config) {
	c.MinBackoff, c.MaxBackoff = 5*time.Millisecond, 50*time.Millisecond
}

// clientLog collects the API clients the provider builds during one command.
type clientLog struct {
	mu      sync.Mutex
	clients []*client.Client
}

func (l *clientLog) add(c *client.Client) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.clients = append(l.clients, c)
}

func (l *clientLog) stats() client.Stats {
	l.mu.Lock()
	defer l.mu.Unlock()
	var sum client.Stats
	for _, c := range l.clients {
		sum = addStats(sum, c.Stats())
	}
	return sum
}

func addStats(a, b client.Stats) client.Stats {
	return client.Stats{
		Calls:        a.Calls + b.Calls,
		Attempts:     a.Attempts + b.Attempts,
		Retries:      a.Retries + b.Retries,
		RateLimited:  a.RateLimited + b.RateLimited,
		ServerErrors: a.ServerErrors + b.ServerErrors,
		TokenFetches: a.TokenFetches + b.TokenFetches,
	}
}
