package acctest

import (
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"sort"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/atlasx/terraform-provider-atlasx/internal/client"
	"github.com/atlasx/terraform-provider-atlasx/internal/connection"
	"github.com/atlasx/terraform-provider-atlasx/internal/contract"
	"github.com/atlasx/terraform-provider-atlasx/internal/emulator"
	"github.com/atlasx/terraform-provider-atlasx/internal/provider"
)

// Env is one test's Atlas: an emulator on a free loopback port with a
// project, a workspace and credentials, every exchange held to the OpenAPI
// document.
type Env struct {
	Emulator *emulator.Emulator
	Seed     emulator.Seed
	URL      string

	lastCounts string // the requests behind the last ExpectWrites, for its message
	// open counts the client connections the emulator's server holds open.
	open *atomic.Int64
}

// FastPolling keeps waits short against the emulator, whose states change
// by request count rather than by time.
var FastPolling = connection.Polling{Initial: 10 * time.Millisecond, Max: 100 * time.Millisecond}

// New starts an emulator for t, configured by opts, and stops it when t ends.
func New(t *testing.T, opts ...emulator.Option) *Env {
	t.Helper()
	em := emulator.New(opts...)
	seed := em.Seed(emulator.Seed{})
	server := httptest.NewUnstartedServer(contract.Check(t, em))
	open := &atomic.Int64{}
	server.Config.ConnState = func(_ net.Conn, state http.ConnState) {
		switch state {
		case http.StateNew:
			open.Add(1)
		case http.StateClosed, http.StateHijacked:
			open.Add(-1)
		}
	}
	server.Start()
	t.Cleanup(server.Close)
	return &Env{Emulator: em, Seed: seed, URL: server.URL, open: open}
}

// AwaitNoClients returns once no client holds a connection to the
// emulator: after the provider's process is killed, every request it had
// sent has then been answered (or dropped) and applied, since the server
// closes a connection only once its request is served and the client gone.
func (e *Env) AwaitNoClients(t *testing.T) {
	t.Helper()
	tick := time.NewTicker(5 * time.Millisecond)
	defer tick.Stop()
	for e.open.Load() > 0 {
		select {
		case <-t.Context().Done():
			t.Fatalf("clients still connected to the emulator: %v", t.Context().Err())
		case <-tick.C:
		}
	}
}

// Factories serves the provider in-process, polling and retrying at test speed.
func (e *Env) Factories() map[string]func() (tfprotov6.ProviderServer, error) {
	return map[string]func() (tfprotov6.ProviderServer, error){
		"atlasx": providerserver.NewProtocol6WithError(provider.New("test",
			provider.WithPolling(FastPolling),
			provider.WithClientConfig(func(c *client.Config) {
				c.MinBackoff, c.MaxBackoff = 5*time.Millisecond, 50*time.Millisecond
			}),
		)()),
	}
}

// ProviderBlock configures the provider for this emulator with a service account.
func (e *Env) ProviderBlock() string {
	return fmt.Sprintf(`
provider "atlasx" {
  base_url      = %q
  client_id     = %q
  client_secret = %q
}
`, e.URL, e.Seed.ClientID, e.Seed.ClientSecret)
}

// Config is the provider block followed by hcl, with %[project] and
// %[workspace] placeholders filled in.
func (e *Env) Config(hcl string) string {
	return e.ProviderBlock() + strings.NewReplacer("%[project]", e.Seed.ProjectID, "%[workspace]", e.Seed.Workspace).Replace(hcl)
}

// Writes counts the connection writes a step is expected to send.
type Writes struct {
	Create, Update, Delete int
}

// ExpectWrites checks the connection writes sent since the last check (or
// the start) and starts counting anew, so each step asserts only its own.
func (e *Env) ExpectWrites(want Writes) resource.TestCheckFunc {
	return func(*terraform.State) error {
		got := e.takeWrites()
		if got != want {
			return fmt.Errorf("connection writes = %+v, want %+v (all requests: %s)", got, want, e.lastCounts)
		}
		return nil
	}
}

func (e *Env) takeWrites() Writes {
	counts := e.Emulator.Counts()
	e.Emulator.ResetCounts()
	e.lastCounts = formatCounts(counts.Requests)
	return Writes{
		Create: counts.Requests["POST "+emulator.RouteConnections],
		Update: counts.Requests["PATCH "+emulator.RouteConnection],
		Delete: counts.Requests["DELETE "+emulator.RouteConnection],
	}
}

func formatCounts(requests map[string]int) string {
	keys := make([]string, 0, len(requests))
	for k := range requests {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = fmt.Sprintf("%s=%d", strings.TrimPrefix(k, "/api/atlas/v2"), requests[k])
	}
	return strings.Join(parts, ", ")
}

// CheckNothingLeft is a CheckDestroy: after destroy the workspace holds no
// connection other than as DELETING, so nothing was orphaned.
func (e *Env) CheckNothingLeft(*terraform.State) error {
	var names []string
	for _, c := range e.Emulator.Connections(e.Seed.ProjectID, e.Seed.Workspace) {
		// Atlas took the DELETE of a connection it still shows DELETING.
		if c["state"] != client.StateDeleting {
			names = append(names, fmt.Sprint(c["name"]))
		}
	}
	if len(names) > 0 {
		return fmt.Errorf("connections left in Atlas after destroy: %v", names)
	}
	return nil
}

// ExpectNoRequests fails t if the emulator received any API request: for
// configurations that must be refused at plan time, before any call.
func (e *Env) ExpectNoRequests(t *testing.T) {
	t.Helper()
	if counts := e.Emulator.Counts(); len(counts.Requests) > 0 {
		t.Errorf("want no API request, got %s", formatCounts(counts.Requests))
	}
}
