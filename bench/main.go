// Command bench measures the atlasx provider as users run it: the release
// build, served to a real OpenTofu (or Terraform) CLI through dev_overrides,
// against the atlasx-emulator running as a separate process with network
// latency. For each N it creates N Kafka connections (SCRAM password, config
// and security set), plans with no change, changes one field of each, and
// destroys them, and reports per step:
//
//   - wall time (median of -runs, min-max beside it);
//   - the emulator's request counts by method, a list page (GET on the
//     connections route) apart from a single GET, and every subject's
//     requests per connection beside its wall time;
//   - CPU seconds and peak RSS of the provider processes beside the CLI's own.
//
// Beside the provider it runs, in turn within every run, the floor provider
// (bench/floor: the same schema without validators, plan modifiers or
// behavior, the least the framework costs) and, with -baseline, another
// build of the provider, and prints each one's CPU, wall time and RSS as a
// ratio per step. With -profile it keeps CPU and allocation profiles of every
// provider process and prints their top entries per step.
//
// With -rate it also runs a rate-limit scenario on each bucket it lists,
// continuous (CAPACITY/REFILL) or stepwise (CAPACITY/TOKENS@SECONDSs): against
// an emulator with that bucket, a continuous one with and without
// RateLimit-* headers, a stepwise one with and without the 429's parameters,
// each subject that calls Atlas creates, plans, updates and destroys -rate-n
// connections from one CLI process, then from two at once (other names, one
// project), and again with -rate-hogs CPU hogs running; the report gives per
// step and process the wall time, the tokens spent, the bucket's floor for
// them (every process's together), their ratio, the 429s, errors and the
// connections destroy left behind.
//
// It also times `validate` (start-up) and reports the release binary's size,
// then checks each figure against its goal (goals in report.go, the request
// budgets and wall-time multiples of each step in steps.go): PASS or MISS,
// measured as is.
//
//	go run ./bench                      # N = 1, 50, 200; 3 runs each (make bench)
//	go run ./bench -n 1,5 -runs 1       # quick smoke check
//	go run ./bench -baseline /tmp/old/terraform-provider-atlasx -profile /tmp/prof
//	go run ./bench -n '' -rate 20/2     # the rate-limit scenario alone
//	go run ./bench -n '' -rate 20/2,10/5@6s -rate-hogs 2 -baseline /tmp/old/terraform-provider-atlasx
//
// Linux only: it samples /proc.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/atlasx/terraform-provider-atlasx/internal/repo"
)

type options struct {
	ns          []int
	runs        int
	latency     time.Duration
	interval    time.Duration
	cli         string
	provider    string
	emulator    string
	parallelism int
	verbose     bool
	floor       bool
	baseline    string
	profile     string
	rates       []rateLimit // none: no rate-limit scenario
	rateN       int
	rateHogs    int
	// rateRun selects the rate-limit cases to run by name (rateCase.String);
	// nil runs them all.
	rateRun *regexp.Regexp
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if _, err := run(ctx, os.Args[1:], os.Stdout, os.Stderr); err != nil {
		if !errors.Is(err, flag.ErrHelp) {
			fmt.Fprintln(os.Stderr, "bench:", err)
		}
		os.Exit(1)
	}
}

func parseOptions(args []string, stderr io.Writer) (options, error) {
	fs := flag.NewFlagSet("bench", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var o options
	ns := fs.String("n", "1,50,200", "comma-separated numbers of connections; empty, with -rate, runs only the rate-limit scenario")
	fs.IntVar(&o.runs, "runs", 3, "runs of each step per N (the table shows the median, min-max beside it)")
	fs.DurationVar(&o.latency, "latency", 20*time.Millisecond, "the emulator's delay before every answer")
	fs.DurationVar(&o.interval, "interval", 20*time.Millisecond, "how often /proc is sampled for CPU and RSS")
	fs.StringVar(&o.cli, "cli", "", "the CLI to run (default: $TF_ACC_TERRAFORM_PATH, else bin/tofu)")
	fs.StringVar(&o.provider, "provider", "", "a provider binary named terraform-provider-atlasx (default: build the release binary)")
	fs.StringVar(&o.emulator, "emulator", "", "an atlasx-emulator binary (default: build it)")
	fs.IntVar(&o.parallelism, "parallelism", 0, "the CLI's -parallelism; 0 keeps its default (10)")
	fs.BoolVar(&o.verbose, "v", false, "print every command's output")
	fs.BoolVar(&o.floor, "floor", true, "run the floor provider (the schema without validators, plan modifiers or behavior) beside the provider")
	fs.StringVar(&o.baseline, "baseline", "", "another terraform-provider-atlasx binary to run beside the provider, e.g. an older commit's (make bench BASELINE=<commit> builds one)")
	rate := fs.String("rate", "", "also run the rate-limit scenario on each of these comma-separated token buckets: CAPACITY/REFILL, continuous, e.g. 20/2 (-rate-capacity 20 -rate-refill 2), or CAPACITY/TOKENS@SECONDSs, stepwise, e.g. 10/5@6s (-rate-refill-tokens 5 -rate-refill-every 6s)")
	fs.IntVar(&o.rateN, "rate-n", 50, "connections in the rate-limit scenario, per CLI process")
	fs.IntVar(&o.rateHogs, "rate-hogs", 0, "also run every rate-limit case with this many CPU hogs (processes spinning on a CPU each) beside it")
	rateRun := fs.String("rate-run", "", "run only the rate-limit cases whose name matches this regular expression, e.g. 'no parameters, 2 process' (a name is BUCKET, KIND, P process(es), H hog(s), as the log prints it): the whole scenario takes hours, so it can be run in parts")
	fs.StringVar(&o.profile, "profile", "", "a directory to keep CPU and allocation profiles of every provider process in, per subject, N, step and run; the report shows their top entries")
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "usage: go run ./bench [flags]\n\nBenchmarks the release provider under a real CLI against atlasx-emulator.\n\nFlags:")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return o, err
	}
	if fs.NArg() > 0 {
		return o, fmt.Errorf("unexpected arguments %q", fs.Args())
	}
	if strings.TrimSpace(*ns) != "" {
		for _, field := range strings.Split(*ns, ",") {
			n, err := strconv.Atoi(strings.TrimSpace(field))
			if err != nil || n < 1 {
				return o, fmt.Errorf("-n: %q is not a positive number", field)
			}
			o.ns = append(o.ns, n)
		}
	}
	if o.runs < 1 {
		return o, errors.New("-runs must be at least 1")
	}
	if *rate != "" {
		var err error
		if o.rates, err = parseRates(*rate); err != nil {
			return o, err
		}
		if o.rateN < 1 {
			return o, errors.New("-rate-n must be at least 1")
		}
	}
	if *rateRun != "" {
		var err error
		if o.rateRun, err = regexp.Compile(*rateRun); err != nil {
			return o, fmt.Errorf("-rate-run: %w", err)
		}
	}
	if o.rateHogs < 0 {
		return o, errors.New("-rate-hogs must not be negative")
	}
	if len(o.ns) == 0 && len(o.rates) == 0 {
		return o, errors.New("-n is empty and there is no -rate: nothing to run")
	}
	return o, nil
}

// run runs the benchmark args ask for, prints its report to stdout and
// returns it.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) (*report, error) {
	if runtime.GOOS != "linux" {
		return nil, errors.New("the benchmark samples /proc, so it runs on Linux only")
	}
	o, err := parseOptions(args, stderr)
	if err != nil {
		return nil, err
	}
	started := time.Now()
	log := func(format string, args ...any) { fmt.Fprintf(stderr, format+"\n", args...) }

	root, err := repo.Root()
	if err != nil {
		return nil, err
	}
	if o.cli == "" {
		o.cli = os.Getenv("TF_ACC_TERRAFORM_PATH")
	}
	if o.cli == "" {
		o.cli = filepath.Join(root, "bin", "tofu")
	}
	if _, err := os.Stat(o.cli); err != nil {
		return nil, fmt.Errorf("no CLI: build OpenTofu with `make tofu`, or give -cli (%w)", err)
	}
	if o.cli, err = filepath.Abs(o.cli); err != nil { // commands run in their own directories
		return nil, err
	}
	work, err := os.MkdirTemp("", "atlasx-bench-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(work)

	bins, err := prepareBinaries(ctx, root, work, o, log)
	if err != nil {
		return nil, err
	}
	em, err := startEmulator(ctx, bins.emulator, o.latency)
	if err != nil {
		return nil, err
	}
	defer em.stop()
	log("emulator: %s (pid %d, -latency %s)", em.url, em.pid(), o.latency)

	var subjects []subject
	for _, label := range []string{subjectAtlasx, subjectFloor, subjectBaseline} {
		pluginDir, ok := bins.pluginDirs[label]
		if !ok {
			continue
		}
		dir := filepath.Join(work, label)
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return nil, err
		}
		c, err := newCLI(o, pluginDir, dir, em)
		if err != nil {
			return nil, err
		}
		subjects = append(subjects, subject{label: label, cli: c, callsAtlas: label != subjectFloor})
	}
	cli := subjects[0].cli
	log("cli: %s (%s)", o.cli, cli.version(ctx))
	if o.profile != "" {
		if o.profile, err = filepath.Abs(o.profile); err != nil {
			return nil, err
		}
	}

	report := &report{
		cli: cli.name(), cliVersion: cli.version(ctx), binarySize: bins.size, latency: o.latency,
		runs: o.runs, parallelism: o.parallelism, loadBefore: loadAverage(), subjects: subjects,
	}
	if report.validate, err = timeValidate(ctx, cli, work, em, o); err != nil {
		return nil, err
	}
	for _, n := range o.ns {
		result, err := benchN(ctx, subjects, em, work, n, o, log)
		if err != nil {
			return nil, err
		}
		report.results = append(report.results, result)
	}
	if len(o.rates) > 0 {
		if report.rate, err = runRateScenario(ctx, bins, work, o, log); err != nil {
			return nil, err
		}
	}
	report.elapsed = time.Since(started)
	report.loadAfter = loadAverage()
	if o.profile != "" {
		report.profileTops = profileTops(ctx, report.results, subjects)
	}
	report.print(stdout)
	return report, nil
}

// loadAverage is the 1-minute load average, which says whether something
// else competed for the CPU during the run.
func loadAverage() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "?"
	}
	first, _, _ := strings.Cut(string(b), " ")
	return first
}
