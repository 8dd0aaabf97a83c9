package serve

import (
	"context"
	"sync"
	"time"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
)

// When the CLI that started the provider dies without ending it (SIGKILL, a
// CI job canceled or timed out), go-plugin never gets its Shutdown call and
// would serve on, an orphan, until killed. So the provider watches its
// parent: once the CLI is gone and no apply is in flight, it ends.
//
// An apply's context ends with the CLI's connection, and what the apply owes
// Atlas then (a create deleting the PENDING connection it made, a delete
// waiting out DELETING) runs on contexts that outlive it
// (context.WithoutCancel, with its own timeout), so the provider waits for
// every apply in flight to return before it ends, however long that takes.
// Every other RPC only reads: its canceled context ends it, and ending the
// process during it loses nothing.
//
// The provider counts its applies itself rather than stop the gRPC server
// gracefully (which waits for its handlers): tf6server gives no handle on
// that server, and go-plugin's own Shutdown stops it without waiting. With
// the CLI gone the server has no client, so ending the process once no
// apply is in flight is all a graceful stop would do.

// parentCheckInterval is how often the provider looks for its CLI: the
// provider ends at most this long after the CLI is gone and the last apply
// has returned.
const parentCheckInterval = time.Second

// frameworkServer is the framework's protocol 6 server with every optional
// server interface that tf6server looks for, so that wrapping it hides none.
type frameworkServer interface {
	tfprotov6.ProviderServer
	tfprotov6.ListResourceServer
	tfprotov6.ActionServer
	tfprotov6.StateStoreServer
}

// trackedServer serves the framework's server, counting the applies in
// flight: the only RPC that writes to Atlas, and so the only one that may
// owe it a clean-up. (Should the provider get actions, InvokeAction writes
// too and is to be counted the same way.)
type trackedServer struct {
	frameworkServer
	applies *inFlight
}

func (s trackedServer) ApplyResourceChange(ctx context.Context, req *tfprotov6.ApplyResourceChangeRequest) (*tfprotov6.ApplyResourceChangeResponse, error) {
	defer s.applies.start()()
	return s.frameworkServer.ApplyResourceChange(ctx, req)
}

// inFlight counts the calls under way.
type inFlight struct {
	mu      sync.Mutex
	running int
	none    chan struct{} // closed while running is 0
}

func newInFlight() *inFlight {
	none := make(chan struct{})
	close(none)
	return &inFlight{none: none}
}

// start counts a call until done is called.
func (f *inFlight) start() (done func()) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.running == 0 {
		f.none = make(chan struct{})
	}
	f.running++
	return func() {
		f.mu.Lock()
		defer f.mu.Unlock()
		f.running--
		if f.running == 0 {
			close(f.none)
		}
	}
}

// idle is closed once no call is under way: at once if none is now.
func (f *inFlight) idle() <-chan struct{} {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.none
}

// awaitCLIGone returns true once parentGone has reported at a tick that the
// CLI is gone and then no apply is in flight, or false when quit is closed
// first. With the CLI gone no new RPC comes, so once the applies are done
// nothing is left to do.
func awaitCLIGone(ticks <-chan time.Time, parentGone func() bool, applies *inFlight, quit <-chan struct{}) bool {
	for gone := false; !gone; gone = parentGone() {
		select {
		case <-quit:
			return false
		case <-ticks:
		}
	}
	select {
	case <-quit:
		return false
	case <-applies.idle():
		return true
	}
}
