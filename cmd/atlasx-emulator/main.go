// Command atlasx-emulator serves the in-memory Atlas stream connection API
// for demos and for users' own CI: it seeds one project, one workspace with
// its failover regions and one credential of each kind, prints them with
// the base URL (or, with -live-env, as the live acceptance suite's
// environment), and serves until SIGINT or SIGTERM. Every emulator knob has
// a flag; run with -h.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"github.com/atlasx/terraform-provider-atlasx/internal/emulator"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	err := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	switch {
	case errors.Is(err, flag.ErrHelp):
	case errors.Is(err, errUsage):
		os.Exit(2)
	case err != nil:
		fmt.Fprintln(os.Stderr, "atlasx-emulator:", err)
		os.Exit(1)
	}
}

// run serves until ctx ends. Flag errors are reported on stderr and come
// back wrapped in errUsage.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	cfg, err := parseFlags(args, stderr)
	if err != nil {
		return err
	}
	em := emulator.New(cfg.options...)
	seed := em.Seed(cfg.seed)
	url, err := em.Listen(cfg.addr)
	if err != nil {
		return err
	}
	if cfg.liveCredentials != "" {
		printLiveExports(stdout, url, seed, cfg.liveCredentials)
	} else {
		printBanner(stdout, url, seed)
	}
	<-ctx.Done()
	return em.Close()
}

// printBanner writes the base URL, credentials, project, workspace and its
// failover regions as comments and KEY=VALUE lines, so a script can grep
// them or a shell can source them. ATLASX_EMULATOR_COUNTS comes last: the
// benchmark reads the banner up to it.
func printBanner(w io.Writer, url string, s emulator.Seed) {
	fmt.Fprintf(w, `# atlasx-emulator: Atlas stream connection API at %s (stop with Ctrl-C)
# one credential of each kind, all project owners; configure the provider with one of them
ATLASX_EMULATOR_URL=%s
MONGODB_ATLAS_BASE_URL=%s
MONGODB_ATLAS_PUBLIC_API_KEY=%s
MONGODB_ATLAS_PRIVATE_API_KEY=%s
MONGODB_ATLAS_CLIENT_ID=%s
MONGODB_ATLAS_CLIENT_SECRET=%s
MONGODB_ATLAS_ACCESS_TOKEN=%s
ATLASX_PROJECT_ID=%s
ATLASX_WORKSPACE_NAME=%s
# the workspace's failover regions, where connections may have failover connections (comma-separated; empty: none)
ATLASX_FAILOVER_REGIONS=%s
ATLASX_EMULATOR_COUNTS=%s%s
`, url, url, url, s.PublicKey, s.PrivateKey, s.ClientID, s.ClientSecret, s.AccessToken, s.ProjectID, s.Workspace,
		strings.Join(s.FailoverRegions, ","), url, emulator.AdminCountsPath)
}
