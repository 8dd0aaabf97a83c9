package connection

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/atlasx/terraform-provider-atlasx/internal/client"
)

// Timeouts when the configuration sets none, for connections and their
// failover connections. Private networking can take many minutes to deploy.
const (
	DefaultCreateTimeout = 30 * time.Minute
	DefaultUpdateTimeout = 30 * time.Minute
	DefaultDeleteTimeout = 20 * time.Minute
)

// CleanupTimeout bounds the clean-up after a failed create, which runs
// after the create's own deadline has passed.
const CleanupTimeout = 5 * time.Minute

// UnsettledError is a create that failed after Atlas may have made the
// object: a POST went unanswered and what followed failed, or the object
// was adopted but its secrets could not be sent. The caller must clean up
// as after any failed create.
type UnsettledError struct{ Err error }

func (e *UnsettledError) Error() string { return e.Err.Error() }
func (e *UnsettledError) Unwrap() error { return e.Err }

// CreateSteps are what CreateOrAdopt needs of one kind of object (a
// connection, a failover connection): where the two differ.
type CreateSteps struct {
	Subject string // what is created, for errors and logs
	// Post sends the create.
	Post func(context.Context) (*client.StreamConnection, error)
	// IsTaken says a create's answer is that the object's place (a name, a
	// region) is taken.
	IsTaken func(error) bool
	// WaitReplaced waits, if the place is taken by the object that this
	// apply replaces and that is still being deleted, until it is gone; it
	// reports whether it waited.
	WaitReplaced func(context.Context) (bool, error)
	// Taken is the error for a place someone else's object holds.
	Taken func() error
	// Find is the object Atlas holds in the place, or nil.
	Find func(context.Context) (*client.StreamConnection, error)
	// Adopt takes over what an earlier, unanswered POST made, when it is what
	// the plan describes.
	Adopt func(context.Context, *client.StreamConnection) (*client.StreamConnection, error)
}

// CreateOrAdopt sends the POST, never blindly twice: when its outcome is
// unknown (answer lost, reset, timeout, 5xx) the object is looked for, and
// adopted only if it is what the plan describes. Once an attempt was
// ambiguous, a failure is an *UnsettledError, unless Atlas showed the
// object is not ours.
func CreateOrAdopt(ctx context.Context, polling Polling, s CreateSteps) (*client.StreamConnection, error) {
	ambiguous := false
	wait := polling.Initial
	for {
		got, err := s.Post(ctx)
		switch {
		case err == nil:
			return got, nil
		case client.IsOutcomeUnknown(err):
			tflog.Warn(ctx, "Outcome of create unknown; looking for what it made", map[string]any{"subject": s.Subject, "error": err.Error()})
			ambiguous = true
		case s.IsTaken(err) && ambiguous:
			// Our own earlier attempt made it: look it up below.
		case s.IsTaken(err):
			waited, err := s.WaitReplaced(ctx)
			switch {
			case err != nil:
				return nil, fmt.Errorf("waiting for the %s that this apply replaces to be deleted: %w", s.Subject, err)
			case waited:
				continue
			}
			return nil, s.Taken()
		case ambiguous:
			return nil, &UnsettledError{err}
		default:
			return nil, err
		}
		existing, err := s.Find(ctx)
		switch {
		case err != nil:
			return nil, &UnsettledError{err}
		case existing != nil:
			return s.Adopt(ctx, existing)
		}
		// Not there (or not visible yet): try the POST again after a pause.
		if err := Sleep(ctx, wait); err != nil {
			return nil, &UnsettledError{fmt.Errorf("creating %s: %w", s.Subject, err)}
		}
		wait = polling.Next(wait)
	}
}

// SendSecrets makes an adopted connection (existing, as Atlas showed it)
// hold want's secrets, which Atlas never shows and so could not be compared,
// through update; with no secret to send it sends nothing.
func SendSecrets(ctx context.Context, existing, want *client.StreamConnection, update func(context.Context, client.ConnectionPatch) (*client.StreamConnection, error)) (*client.StreamConnection, error) {
	secrets, err := secretsPatch(want)
	if err != nil || len(secrets) == 0 {
		return existing, err
	}
	return update(ctx, secrets)
}

// DifferingFields lists the API fields in which existing, of want's type,
// differs from want, the plan's connection, leaving out the secrets Atlas
// never shows (plan supplies them) and a region the plan leaves to Atlas.
// None means existing could be the one a create of want made.
func DifferingFields(ctx context.Context, existing, want *client.StreamConnection, plan *Model) ([]string, error) {
	shown, diags := Flatten(ctx, existing, plan)
	if diags.HasError() {
		return nil, errors.New(diags[0].Detail())
	}
	seen, diags := Expand(ctx, &shown)
	if diags.HasError() {
		return nil, errors.New(diags[0].Detail())
	}
	expected := *want
	if expected.Region == "" {
		expected.Region = existing.Region
	}
	// Only the fields that differ: a PATCH would also name the type and the
	// fields the API requires in every body, which match.
	diff, _, err := differences(seen, &expected)
	if err != nil {
		return nil, err
	}
	return PatchFields(diff), nil
}

// NotAdopted words why adopt_existing did not take over what ("connection",
// "failover connection") when adopting it failed with err; nil for no error.
// What it could not finish taking over (its secrets not sent) is left in
// Atlas and out of state: it was there before the create, so it is never
// deleted.
func NotAdopted(what string, err error) error {
	if unsettled := (*UnsettledError)(nil); errors.As(err, &unsettled) {
		return fmt.Errorf("%w. The %s is left in Atlas and not saved in state: apply again to retry", unsettled.Err, what)
	}
	if err != nil {
		return fmt.Errorf("adopt_existing takes over only a %s that matches the configuration: %w", what, err)
	}
	return nil
}
