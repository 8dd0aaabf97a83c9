package emulator

import (
	"context"
	"math/rand"
	"net/http"
	"slices"
	"sync"
	"time"
)

// Fault kinds, as Counts.Faults names them.
const (
	FaultServerError = "serverError"
	FaultDrop        = "drop"
	FaultLostAnswer  = "lostAnswer"
	FaultSlow        = "slow"
)

var defaultServerErrorStatuses = []int{
	http.StatusInternalServerError, http.StatusBadGateway, http.StatusServiceUnavailable,
}

// faultInjector decides, request by request, which configured fault strikes.
type faultInjector struct {
	mu        sync.Mutex
	config    Faults
	byKind    map[string]Fault
	remaining map[string]int // what is left of each Fault.Count
	rng       *rand.Rand
}

func newFaultInjector() *faultInjector {
	f := &faultInjector{}
	f.configure(Faults{})
	return f
}

func (f *faultInjector) configure(config Faults) {
	config.ServerErrorStatuses = slices.Clone(config.ServerErrorStatuses)
	if len(config.ServerErrorStatuses) == 0 {
		config.ServerErrorStatuses = defaultServerErrorStatuses
	}
	byKind := map[string]Fault{
		FaultServerError: config.ServerError,
		FaultDrop:        config.Drop,
		FaultLostAnswer:  config.LostAnswer,
		FaultSlow:        config.Slow,
	}
	remaining := map[string]int{}
	for kind, fault := range byKind {
		remaining[kind] = fault.Count
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	f.config, f.byKind, f.remaining = config, byKind, remaining
	f.rng = rand.New(rand.NewSource(config.Seed))
}

// strikes reports whether the fault of this kind hits the request, using up
// its count first, then drawing against its rate.
func (f *faultInjector) strikes(kind, method, template string) bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	fault := f.byKind[kind]
	if !fault.Scope.matches(method, template) {
		return false
	}
	if f.remaining[kind] > 0 {
		f.remaining[kind]--
		return true
	}
	return fault.Rate > 0 && f.rng.Float64() < fault.Rate
}

func (f *faultInjector) serverErrorStatus() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	statuses := f.config.ServerErrorStatuses
	return statuses[f.rng.Intn(len(statuses))]
}

func (f *faultInjector) slowDelay() time.Duration {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.config.SlowDelay
}

// beforeApply runs the faults that strike before the operation. It reports
// whether the request should go on; when it should not, it has answered or
// abandoned the connection itself.
func (e *Emulator) beforeApply(w http.ResponseWriter, r *http.Request, template string) bool {
	switch {
	case e.faults.strikes(FaultDrop, r.Method, template):
		e.counts.fault(FaultDrop)
		dropConnection()
	case e.faults.strikes(FaultServerError, r.Method, template):
		e.counts.fault(FaultServerError)
		writeError(w, r, errServer(e.faults.serverErrorStatus()))
		return false
	case e.faults.strikes(FaultSlow, r.Method, template):
		e.counts.fault(FaultSlow)
		return sleep(r.Context(), e.faults.slowDelay())
	}
	return true
}

// loseAnswer reports whether a write that has just been applied should go
// unanswered.
func (e *Emulator) loseAnswer(r *http.Request, template string) bool {
	if !isWrite(r.Method) || !e.faults.strikes(FaultLostAnswer, r.Method, template) {
		return false
	}
	e.counts.fault(FaultLostAnswer)
	return true
}

// dropConnection ends the exchange with no answer at all: net/http closes
// the connection (or resets the HTTP/2 stream) when a handler panics with
// ErrAbortHandler, and does not log it.
func dropConnection() {
	panic(http.ErrAbortHandler)
}

// sleep waits d, or less if the client goes away; it reports whether the
// whole wait passed.
func sleep(ctx context.Context, d time.Duration) bool {
	if d <= 0 {
		return true
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		return false
	}
}
