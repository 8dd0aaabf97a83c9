package connection

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/atlasx/terraform-provider-atlasx/internal/client"
)

// notFoundGrace is how many 404s in a row a wait after create takes as
// "not visible yet": Atlas can briefly answer 404 for a connection it just made.
const notFoundGrace = 10

// failedError says Atlas gave up deploying a connection; subject names it
// ("connection p/w/orders").
type failedError struct{ subject string }

func (e failedError) Error() string {
	return fmt.Sprintf("Atlas reports %s as FAILED: it could not deploy it. Check the connection's settings (endpoints, credentials, networking) in the Atlas UI", e.subject)
}

// WaitReady returns once conn, as poll reads it again, is no longer PENDING
// (nil counts as not visible yet: Atlas can briefly answer 404 for what it
// just made), starting from conn, the answer Atlas already gave. FAILED and
// the context's end are errors naming subject ("connection p/w/orders").
func WaitReady(ctx context.Context, polling Polling, subject string, conn *client.StreamConnection, poll func(context.Context) (*client.StreamConnection, error)) (*client.StreamConnection, error) {
	var wait time.Duration
	notFound := 0
	for {
		switch {
		case conn == nil: // not visible yet
		case conn.State == client.StateFailed:
			return conn, failedError{subject}
		case conn.State != client.StatePending:
			return conn, nil
		}
		wait = polling.Next(wait)
		if err := Sleep(ctx, wait); err != nil {
			return conn, stillError(subject, stateOf(conn), "", err)
		}
		latest, err := poll(ctx)
		switch {
		case ctx.Err() != nil:
			// The deadline may run out during a poll rather than between
			// two: the user still learns the state it timed out in.
			return conn, stillError(subject, stateOf(conn), "", ctx.Err())
		case client.IsNotFound(err) && notFound < notFoundGrace:
			notFound++
			continue
		case err != nil:
			return conn, err
		}
		conn, notFound = latest, 0
	}
}

// stillError says which state a wait gave up in, and why it gave up. An
// interrupt (Ctrl-C, a canceled CI run) is said as such: nothing failed.
func stillError(subject, state, when string, cause error) error {
	if errors.Is(cause, context.Canceled) {
		goal := "become READY"
		if when != "" {
			goal = "be gone" + when
		}
		return &InterruptedError{subject: subject, goal: goal, state: state}
	}
	return fmt.Errorf("%s is still %s%s: %w", subject, state, when, cause)
}

// InterruptedError is a wait that the user or the run stopped, not Atlas
// nor a timeout. What became of the connection is for the caller to say:
// it knows what Atlas had accepted.
type InterruptedError struct {
	subject, goal, state string
}

func (e *InterruptedError) Error() string {
	return fmt.Sprintf("interrupted while waiting for %s to %s (it was %s)", e.subject, e.goal, e.state)
}

func (e *InterruptedError) Unwrap() error { return context.Canceled }

// WaitGone returns once poll reads the object as 404, polling through
// DELETING; subject names it, as for WaitReady.
func WaitGone(ctx context.Context, polling Polling, subject string, poll func(context.Context) (*client.StreamConnection, error)) error {
	var wait time.Duration
	state := client.StateDeleting // how Atlas shows a deleted connection until it is gone
	for {
		latest, err := poll(ctx)
		switch {
		case client.IsNotFound(err):
			return nil
		case ctx.Err() != nil:
			return stillError(subject, state, " after delete", ctx.Err())
		case err != nil:
			return err
		}
		state = latest.State
		wait = polling.Next(wait)
		if err := Sleep(ctx, wait); err != nil {
			return stillError(subject, state, " after delete", err)
		}
	}
}

// Interrupted reports whether err is an operation stopped by an interrupt.
func Interrupted(err error) bool { return errors.Is(err, context.Canceled) }

func stateOf(c *client.StreamConnection) string {
	if c == nil {
		return "not visible"
	}
	return c.State
}

// Sleep waits d or until ctx ends, whichever is first.
func Sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// Polling is how often a resource looks at a connection it waits for: the
// first wait, growing by half each time up to Max.
type Polling struct {
	Initial time.Duration
	Max     time.Duration
}

// DefaultPolling suits Atlas, where deployments take seconds to minutes.
var DefaultPolling = Polling{Initial: 2 * time.Second, Max: 30 * time.Second}

// Next returns the wait after one of d, growing by half up to Max.
func (p Polling) Next(d time.Duration) time.Duration {
	if d <= 0 {
		return p.Initial
	}
	return min(d+d/2, p.Max)
}
