package faults_test

import (
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/atlasx/terraform-provider-atlasx/internal/acctest"
	"github.com/atlasx/terraform-provider-atlasx/internal/client"
	"github.com/atlasx/terraform-provider-atlasx/internal/emulator"
	"github.com/atlasx/terraform-provider-atlasx/internal/fakeclock"
)

// fleetSize is how many connections every scenario manages.
const fleetSize = 50

// fleetConfig is fleetSize Kafka connections from one resource block, each
// with its own password so a check can tell whose secret Atlas holds.
var fleetConfig = `
resource "atlasx_stream_connection" "fleet" {
  count           = ` + strconv.Itoa(fleetSize) + `
  project_id      = "%[project]"
  workspace_name  = "%[workspace]"
  connection_name = format("kafka-%02d", count.index)
  kafka = {
    bootstrap_servers = "b1.example.com:9092,b2.example.com:9092"
    config            = { "auto.offset.reset" = "earliest" }
    authentication = {
      mechanism = "SCRAM-256"
      username  = "app"
      password  = format("secret-%02d", count.index)
    }
    security = { protocol = "SASL_SSL" }
  }
}
`

// connectionName and password are what fleetConfig gives connection i.
func connectionName(i int) string { return fmt.Sprintf("kafka-%02d", i) }
func password(i int) string       { return fmt.Sprintf("secret-%02d", i) }

// fleet is one scenario's world: an emulator with its knobs, a ledger of
// the connection objects it made, and a CLI working directory holding
// fleetConfig, initialized.
type fleet struct {
	env    *acctest.Env
	ledger *acctest.Ledger
	dir    *acctest.Workdir
	wire   *fakeclock.Wire // with onFakeClock: every attempt, on the fake clock
}

// newFleet makes a fleet. With onFakeClock the emulator and the provider's
// pacers run on one fake clock that moves to the next pause's end whenever
// nothing is on the wire, so the emulator's bucket refills by the same
// clock the pacers wait on, and the counts do not depend on how fast the
// machine is.
func newFleet(t *testing.T, onFakeClock bool, knobs []emulator.Option, tune []func(*client.Config)) *fleet {
	t.Helper()
	var wire *fakeclock.Wire
	if onFakeClock {
		clock := fakeclock.New(time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC))
		wire = fakeclock.NewWire(clock, http.DefaultTransport)
		knobs = append(slices.Clone(knobs), emulator.WithClock(clock.Now))
		tune = append(slices.Clone(tune), func(c *client.Config) { c.Clock, c.Transport = clock, wire })
		stop := make(chan struct{})
		go fakeclock.Drive(clock, wire, stop)
		t.Cleanup(func() { close(stop) })
	}
	env, ledger := acctest.NewWithLedger(t, knobs...)
	dir := env.Workdir(t, tune...)
	dir.SetConfig(env.Config(fleetConfig))
	dir.MustRun("init", "-input=false", "-no-color")
	return &fleet{env: env, ledger: ledger, dir: dir, wire: wire}
}

// flags go with every fleet command: no prompts, no color, the run's parallelism.
func flags(parallelism int) []string {
	return []string{"-input=false", "-no-color", fmt.Sprintf("-parallelism=%d", parallelism)}
}

func (f *fleet) apply(parallelism int) acctest.Result {
	return f.dir.Run(append([]string{"apply", "-auto-approve"}, flags(parallelism)...)...)
}

// startApply starts an apply and returns while it runs.
func (f *fleet) startApply(parallelism int) *acctest.Command {
	return f.dir.Start(append([]string{"apply", "-auto-approve"}, flags(parallelism)...)...)
}

// plan exits 0 only when there is nothing to change.
func (f *fleet) plan(parallelism int) acctest.Result {
	return f.dir.Run(append([]string{"plan", "-detailed-exitcode"}, flags(parallelism)...)...)
}

func (f *fleet) destroy(parallelism int) acctest.Result {
	return f.dir.Run(append([]string{"destroy", "-auto-approve"}, flags(parallelism)...)...)
}
