package client

import "time"

// FakeClock is the clock of this package's tests, for client_test.
type FakeClock = fakeClock

// NewFakeClock starts a clock that moves only when told.
func NewFakeClock() *FakeClock { return newFakeClock() }

// Asked is signaled whenever something starts to wait on the clock.
func (c *fakeClock) Asked() <-chan struct{} { return c.asked }

// NextDue says when the earliest pending wait ends, if any.
func (c *fakeClock) NextDue() (time.Time, bool) {
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

// Advance moves the clock on by d, ending the waits due by then.
func (c *fakeClock) Advance(d time.Duration) { c.advance(d) }

// OnClock puts clients on one set of pacers whose time is clock, as the
// clients of one process share theirs.
func OnClock(clock *FakeClock, clients ...*Client) {
	r := newPacerRegistry(clock, newJitterSource(1))
	for _, c := range clients {
		c.pacers = r
	}
}
