// Package fakeclock is a clock that moves only when told, and a driver that
// moves it whenever everything using it waits on it. Tests of time-based
// behavior (Retry-After pauses, token-bucket refills) put the client's
// pacers (client.Config.Clock) and the emulator (emulator.WithClock) on one
// such clock, so they count the same on a fast machine and a loaded one,
// without sleeping.
package fakeclock

import (
	"net/http"
	"runtime"
	"strconv"
	"sync"
	"time"
)

// Clock is a time that moves only by Advance.
type Clock struct {
	mu      sync.Mutex
	now     time.Time
	waiters []timer
	asked   chan struct{} // signaled whenever something starts to wait
}

type timer struct {
	at time.Time
	ch chan time.Time
}

// New starts a clock at start.
func New(start time.Time) *Clock { return &Clock{now: start, asked: make(chan struct{}, 1)} }

// Now is the clock's time.
func (c *Clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

// After sends the clock's time once it has moved d on.
func (c *Clock) After(d time.Duration) <-chan time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	ch := make(chan time.Time, 1)
	c.waiters = append(c.waiters, timer{at: c.now.Add(d), ch: ch})
	select {
	case c.asked <- struct{}{}:
	default:
	}
	return ch
}

// Waiting is signaled whenever something starts to wait on the clock, so a
// test can move it on then, rather than poll.
func (c *Clock) Waiting() <-chan struct{} { return c.asked }

// Advance moves the clock on by d, ending the waits due by then.
func (c *Clock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
	kept := c.waiters[:0]
	for _, w := range c.waiters {
		if w.at.After(c.now) {
			kept = append(kept, w)
			continue
		}
		w.ch <- c.now
	}
	c.waiters = kept
}

// NextDue says when the earliest pending wait ends, if any.
func (c *Clock) NextDue() (time.Time, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.waiters) == 0 {
		return time.Time{}, false
	}
	due := c.waiters[0].at
	for _, w := range c.waiters[1:] {
		if w.at.Before(due) {
			due = w.at
		}
	}
	return due, true
}

// Wire is an http.RoundTripper that records, on the clock, when each
// attempt leaves and what comes back, and knows how many are on their way.
type Wire struct {
	base  http.RoundTripper
	clock *Clock

	mu       sync.Mutex
	inFlight int
	events   []Event
	moved    chan struct{} // signaled on every event
}

// Event is an attempt leaving (Sent) or its answer.
type Event struct {
	At         time.Time
	Sent       bool
	Status     int           // of an answer; 0 when none came
	RetryAfter time.Duration // of an answer that said so
}

// NewWire records the attempts sent through base.
func NewWire(clock *Clock, base http.RoundTripper) *Wire {
	return &Wire{base: base, clock: clock, moved: make(chan struct{}, 1)}
}

// RoundTrip sends r through the base transport and records it.
func (w *Wire) RoundTrip(r *http.Request) (*http.Response, error) {
	w.record(func() { w.inFlight++; w.events = append(w.events, Event{At: w.clock.Now(), Sent: true}) })
	resp, err := w.base.RoundTrip(r)
	w.record(func() {
		w.inFlight--
		e := Event{At: w.clock.Now()}
		if err == nil {
			e.Status = resp.StatusCode
			seconds, _ := strconv.Atoi(resp.Header.Get("Retry-After"))
			e.RetryAfter = time.Duration(seconds) * time.Second
		}
		w.events = append(w.events, e)
	})
	return resp, err
}

func (w *Wire) record(f func()) {
	w.mu.Lock()
	defer w.mu.Unlock()
	f()
	select {
	case w.moved <- struct{}{}:
	default:
	}
}

// Events are what the wire saw, in order.
func (w *Wire) Events() []Event {
	w.mu.Lock()
	defer w.mu.Unlock()
	return append([]Event(nil), w.events...)
}

// quiet says whether nothing is on its way, and how many events there were.
func (w *Wire) quiet() (bool, int) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.inFlight == 0, len(w.events)
}

// Drive moves the clock while nothing happens: a request let through but
// not yet on the wire is invisible to it, so it advances only once the wire
// has stayed idle, and the clock unwaited-on anew, while the processor was
// yielded settleRounds times and for settleTime besides. A goroutine slower
// than that (a loaded machine) sends its request at a later time on the
// clock, as on a slow machine a request leaves late; nothing is lost.
const (
	settleRounds = 200
	settleTime   = 20 * time.Millisecond
)

// Drive moves the clock to the next pending wait whenever nothing is on
// the wire and nothing moves while it settles, until stop is closed. It
// waits in real time only to settle; what is measured is on the clock.
func Drive(c *Clock, w *Wire, stop <-chan struct{}) {
	for {
		select {
		case <-stop:
			return
		default:
		}
		due, pending := c.NextDue()
		idle, n := w.quiet()
		if pending && idle {
			if settled(c, w, n) {
				c.Advance(due.Sub(c.Now()))
			}
			continue // look again: what moved may have ended the idleness
		}
		select {
		case <-stop:
			return
		case <-c.asked:
		case <-w.moved:
		}
	}
}

// settled says whether the wire stays idle at n events and nothing starts
// to wait on the clock while the processor is yielded and settleTime passes.
func settled(c *Clock, w *Wire, n int) bool {
	select {
	case <-c.asked: // drained: only a new wait signals from here on
	default:
	}
	for range settleRounds {
		runtime.Gosched()
		if idle, m := w.quiet(); !idle || m != n {
			return false
		}
	}
	select {
	case <-time.After(settleTime):
	case <-c.asked:
		return false
	case <-w.moved:
		return false
	}
	idle, m := w.quiet()
	return idle && m == n
}
