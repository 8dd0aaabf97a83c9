package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/atlasx/terraform-provider-atlasx/internal/emulator"
)

// errUsage marks a flag error already explained on stderr.
var errUsage = errors.New("usage")

// routeName is a name -fault-routes and -rate-routes take for a route
// template.
type routeName struct{ name, template string }

// routeNames are the names -fault-routes and -rate-routes take, in the
// order the help lists them. As for connections, the plural names a
// collection (list, create) and the singular one of its members (get,
// update, delete): "failovers" and "failover" are the failover connection
// routes.
var routeNames = []routeName{
	{"workspaces", emulator.RouteWorkspaces},
	{"workspace", emulator.RouteWorkspace},
	{"connections", emulator.RouteConnections},
	{"connection", emulator.RouteConnection},
	{"failovers", emulator.RouteFailovers},
	{"failover", emulator.RouteFailover},
	{"token", emulator.RouteToken},
	{"revoke", emulator.RouteRevoke},
}

type config struct {
	addr    string
	seed    emulator.Seed
	options []emulator.Option
	// liveCredentials, when set, prints the live acceptance suite's
	// variables with this kind of credential instead of the banner.
	liveCredentials string
}

// faultFlags are the two flags of one emulator.Fault.
type faultFlags struct {
	rate  float64
	count int
}

func (f *faultFlags) register(fs *flag.FlagSet, name, what string) {
	fs.Float64Var(&f.rate, name+"-rate", 0, "share (0..1) of requests in the fault scope that "+what)
	fs.IntVar(&f.count, name+"-count", 0, "the next N requests in the fault scope "+what)
}

func parseFlags(args []string, stderr io.Writer) (config, error) {
	fs := flag.NewFlagSet("atlasx-emulator", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var cfg config
	d := emulator.DefaultSeed()
	fs.StringVar(&cfg.addr, "addr", "127.0.0.1:0", "address to listen on; port 0 picks a free one")
	fs.StringVar(&cfg.seed.ProjectID, "project-id", d.ProjectID, "project id (24 hex digits)")
	fs.StringVar(&cfg.seed.Workspace, "workspace", d.Workspace, "stream workspace name")
	fs.StringVar(&cfg.seed.Region, "region", d.Region, "workspace region")
	failoverRegions := fs.String("failover-regions", strings.Join(d.FailoverRegions, ","),
		fmt.Sprintf("comma-separated failover regions of the workspace (at most %d), where its connections may have failover connections; empty: none", emulator.MaxFailoverRegions))
	fs.StringVar(&cfg.seed.PublicKey, "public-key", d.PublicKey, "API key public key (digest username)")
	fs.StringVar(&cfg.seed.PrivateKey, "private-key", d.PrivateKey, "API key private key")
	fs.StringVar(&cfg.seed.ClientID, "client-id", d.ClientID, "service account client id")
	fs.StringVar(&cfg.seed.ClientSecret, "client-secret", d.ClientSecret, "service account secret")
	fs.StringVar(&cfg.seed.AccessToken, "access-token", d.AccessToken, "bearer access token")

	liveEnv := fs.Bool("live-env", false, "print the live acceptance suite's variables (make testacc-live) as shell exports instead of the banner")
	fs.StringVar(&cfg.liveCredentials, "live-credentials", credentialKinds[0], "with -live-env, the credential to export: "+strings.Join(credentialKinds, ", "))

	latency := fs.Duration("latency", 0, "delay before answering every request")
	tokenTTL := fs.Duration("token-ttl", emulator.DefaultTokenTTL, "lifetime of service-account tokens")

	var rate emulator.RateLimit
	fs.IntVar(&rate.Capacity, "rate-capacity", 0, "token bucket size; 0 turns rate limiting off")
	fs.Float64Var(&rate.RefillPerSecond, "rate-refill", 1, "tokens added to the bucket per second")
	fs.BoolVar(&rate.PerPrincipal, "rate-per-principal", false, "one bucket per credential instead of one shared bucket")
	fs.BoolVar(&rate.WithoutHeaders, "rate-without-headers", false, "leave out RateLimit-Limit and RateLimit-Remaining, as Atlas may: clients see only 429 and Retry-After")
	fs.IntVar(&rate.RefillTokens, "rate-refill-tokens", 0, "with -rate-refill-every: tokens added at once at every refill (a stepwise bucket, as Atlas documents it); -rate-refill is then unused")
	fs.DurationVar(&rate.RefillInterval, "rate-refill-every", 0, "refill the bucket stepwise, -rate-refill-tokens at once every this long (whole seconds); 0: a continuous refill of -rate-refill per second")
	fs.BoolVar(&rate.WithoutParameters, "rate-without-parameters", false, "answer 429 without the bucket's figures in its detail and parameters, as Atlas does not promise them")
	fs.BoolVar(&rate.RefuseRateLimits, "rate-refuse-ratelimits", false, "answer GET /api/atlas/v2/rateLimits with 403")
	rateRoutes := fs.String("rate-routes", "", "comma-separated routes the rate limit covers ("+routeList()+"); empty: every API route")
	rateMethods := fs.String("rate-methods", "", "comma-separated HTTP methods the rate limit covers; empty: all")

	var faults emulator.Faults
	var serverError, drop, lostAnswer, slow faultFlags
	fs.Int64Var(&faults.Seed, "fault-seed", 1, "seed of the random source behind the fault rates")
	serverError.register(fs, "server-error", "answer with a 5xx")
	statuses := fs.String("server-error-statuses", "500,502,503", "comma-separated statuses the server-error fault picks from")
	drop.register(fs, "drop", "are dropped without an answer")
	lostAnswer.register(fs, "lost-answer", "(writes only) are applied, then dropped without an answer")
	slow.register(fs, "slow", "are delayed by -slow-delay")
	fs.DurationVar(&faults.SlowDelay, "slow-delay", 30*time.Second, "delay of the slow fault")
	faultRoutes := fs.String("fault-routes", "", "comma-separated routes the faults cover ("+routeList()+"); empty: every API route")
	faultMethods := fs.String("fault-methods", "", "comma-separated HTTP methods the faults cover; empty: all")

	var life emulator.Lifecycle
	fs.IntVar(&life.PendingReads, "pending-reads", 0, "new and updated connections read PENDING for N GETs")
	fs.DurationVar(&life.PendingFor, "pending-for", 0, "new and updated connections read PENDING for this long")
	fs.BoolVar(&life.FailCreates, "fail-creates", false, "new connections end FAILED instead of READY")
	fs.IntVar(&life.NotFoundReads, "not-found-reads", 0, "the first N GETs of a new connection answer 404")
	fs.IntVar(&life.DeletingReads, "deleting-reads", 0, "deleted connections read DELETING for N GETs")
	fs.DurationVar(&life.DeletingFor, "deleting-for", 0, "deleted connections read DELETING for this long")
	fs.IntVar(&life.DeployingDeletes, "deploying-deletes", 0, "the first N DELETEs of a Kafka connection answer 409 STREAM_KAFKA_CONNECTION_IS_DEPLOYING")
	lifeTypes := fs.String("lifecycle-types", "", "comma-separated connection types the lifecycle flags apply to; empty: all")
	lifeFor := fs.String("lifecycle-for", lifecycleForConnections, "what the lifecycle flags shape: "+strings.Join(lifecycleFor, ", ")+" (failover connections; -deploying-deletes does not apply to them)")

	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return config{}, err
		}
		return config{}, fmt.Errorf("%w: %v", errUsage, err)
	}
	if fs.NArg() > 0 {
		return config{}, usageError(fs, "unexpected arguments %q", fs.Args())
	}

	// An empty list, not nil: Seed takes nil for its default regions.
	cfg.seed.FailoverRegions = append([]string{}, split(*failoverRegions)...)
	if len(cfg.seed.FailoverRegions) > emulator.MaxFailoverRegions {
		return config{}, usageError(fs, "-failover-regions names at most %d regions, as Atlas allows", emulator.MaxFailoverRegions)
	}

	if !slices.Contains(credentialKinds, cfg.liveCredentials) {
		return config{}, usageError(fs, "-live-credentials must be one of %s", strings.Join(credentialKinds, ", "))
	}
	if !*liveEnv {
		cfg.liveCredentials = ""
	}

	var err error
	if rate.Scope, err = scope(*rateRoutes, *rateMethods); err != nil {
		return config{}, usageError(fs, "-rate-routes: %v", err)
	}
	if rate.RefillInterval != 0 && (rate.RefillInterval < time.Second || rate.RefillInterval%time.Second != 0 || rate.RefillTokens < 1) {
		return config{}, usageError(fs, "-rate-refill-every must be whole seconds, with -rate-refill-tokens of at least 1")
	}
	faultScope, err := scope(*faultRoutes, *faultMethods)
	if err != nil {
		return config{}, usageError(fs, "-fault-routes: %v", err)
	}
	for name, f := range map[string]struct {
		flags *faultFlags
		fault *emulator.Fault
	}{
		"server-error": {&serverError, &faults.ServerError},
		"drop":         {&drop, &faults.Drop},
		"lost-answer":  {&lostAnswer, &faults.LostAnswer},
		"slow":         {&slow, &faults.Slow},
	} {
		if f.flags.rate < 0 || f.flags.rate > 1 || f.flags.count < 0 {
			return config{}, usageError(fs, "-%s-rate must be within 0..1 and -%s-count not negative", name, name)
		}
		*f.fault = emulator.Fault{Rate: f.flags.rate, Count: f.flags.count, Scope: faultScope}
	}
	if faults.ServerErrorStatuses, err = serverErrorStatuses(*statuses); err != nil {
		return config{}, usageError(fs, "-server-error-statuses: %v", err)
	}
	life.Types = split(*lifeTypes)
	if !slices.Contains(lifecycleFor, *lifeFor) {
		return config{}, usageError(fs, "-lifecycle-for must be one of %s", strings.Join(lifecycleFor, ", "))
	}

	cfg.options = []emulator.Option{
		emulator.WithLatency(*latency),
		emulator.WithTokenTTL(*tokenTTL),
		emulator.WithRateLimit(rate),
		emulator.WithFaults(faults),
	}
	if *lifeFor != lifecycleForFailovers {
		cfg.options = append(cfg.options, emulator.WithLifecycle(life))
	}
	if *lifeFor != lifecycleForConnections {
		cfg.options = append(cfg.options, emulator.WithFailoverLifecycle(life))
	}
	return cfg, nil
}

// The values of -lifecycle-for: which objects the lifecycle flags shape.
const (
	lifecycleForConnections = "connections"
	lifecycleForFailovers   = "failovers"
	lifecycleForBoth        = "both"
)

var lifecycleFor = []string{lifecycleForConnections, lifecycleForFailovers, lifecycleForBoth}

func usageError(fs *flag.FlagSet, format string, args ...any) error {
	msg := fmt.Sprintf(format, args...)
	fmt.Fprintln(fs.Output(), msg)
	fs.Usage()
	return fmt.Errorf("%w: %s", errUsage, msg)
}

func scope(routes, methods string) (emulator.Scope, error) {
	s := emulator.Scope{Methods: split(strings.ToUpper(methods))}
	for _, name := range split(routes) {
		i := slices.IndexFunc(routeNames, func(r routeName) bool { return r.name == name })
		if i < 0 {
			return emulator.Scope{}, fmt.Errorf("unknown route %q; known: %s", name, routeList())
		}
		s.Routes = append(s.Routes, routeNames[i].template)
	}
	return s, nil
}

func serverErrorStatuses(s string) ([]int, error) {
	var out []int
	for _, field := range split(s) {
		n, err := strconv.Atoi(field)
		if err != nil || n < 500 || n > 599 {
			return nil, fmt.Errorf("%q is not a 5xx status", field)
		}
		out = append(out, n)
	}
	return out, nil
}

func split(s string) []string {
	var out []string
	for _, field := range strings.Split(s, ",") {
		if field = strings.TrimSpace(field); field != "" {
			out = append(out, field)
		}
	}
	return out
}

// routeList is the route names for the help, and what the two kinds of
// name cover.
func routeList() string {
	names := make([]string, len(routeNames))
	for i, r := range routeNames {
		names[i] = r.name
	}
	return strings.Join(names, ", ") + "; a plural name is the list and create, a singular one the get, update and delete"
}
