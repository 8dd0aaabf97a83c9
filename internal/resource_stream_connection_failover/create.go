package resource_stream_connection_failover

import (
	"context"
	"errors"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/atlasx/terraform-provider-atlasx/internal/client"
	"github.com/atlasx/terraform-provider-atlasx/internal/connection"
	"github.com/atlasx/terraform-provider-atlasx/internal/sharedreads"
)

func (r *failoverResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan failoverModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	config := writeOnlyConfig(ctx, &plan, req.Config, &resp.Diagnostics)
	timeout, diags := plan.Timeouts.Create(ctx, connection.DefaultCreateTimeout)
	resp.Diagnostics.Append(diags...)
	api, reads := r.api(&resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	// Write-only secrets are only in the configuration; they all go with the create.
	sendable := connection.WithWriteOnly(plan.connection(), config)
	want, diags := connection.Expand(ctx, &sendable)
	if resp.Diagnostics.Append(diags...); resp.Diagnostics.HasError() {
		return
	}
	ids := plan.ids()
	// A second resource for one failover connection is refused first: once
	// the other's create has run, its final plan also finds the failover
	// connection in Atlas, and the refusal the plan warned of (two for one
	// region) explains it, where "already exists" would not.
	if !r.data.Plans.Created(ids.String()) {
		twoForOneRegion(planned{failoverIDs: ids}).Refuse(&resp.Diagnostics)
		return
	}
	// What this create's own plan found the apply must refuse, refused
	// before any write (ModifyPlan).
	if r.data.Plans.Refuse(ctx, ids.String(), &resp.Diagnostics) {
		return
	}
	createCtx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()

	got, err := r.createOrAdopt(createCtx, reads, ids, want, &sendable)
	if taken := (*regionTakenError)(nil); errors.As(err, &taken) && r.data.AdoptExisting {
		got, err = adoptExisting(createCtx, reads, ids, want, &sendable)
		if err == nil {
			resp.Diagnostics.AddWarning("Adopted existing "+ids.subject(), adoptedWarning)
		}
	}
	if unsettled := (*connection.UnsettledError)(nil); errors.As(err, &unsettled) {
		// The POST went unanswered and what followed failed: Atlas may hold
		// the failover connection, so clean up as after any failed create.
		outcome, left := r.cleanUp(ctx, reads, ids, "", want, &sendable)
		if left {
			outcome += " " + importHint(ids)
		}
		resp.Diagnostics.AddError("Could not create "+ids.subject(), err.Error()+". "+outcome)
		return
	}
	if err != nil {
		resp.Diagnostics.AddError("Could not create "+ids.subject(), err.Error())
		return
	}
	id := got.ID
	got, err = connection.WaitReady(createCtx, r.data.Polling, ids.subject(), got, func(ctx context.Context) (*client.StreamConnection, error) {
		return asConnection(api.GetFailoverConnection(ctx, ids.projectID, ids.workspace, ids.connection, id))
	})
	if err != nil {
		summary := ids.subject() + " did not become READY"
		if connection.Interrupted(err) {
			summary = "Create of " + ids.subject() + " interrupted"
		}
		outcome, left := r.cleanUp(ctx, reads, ids, id, want, &sendable)
		if left && got != nil {
			// Not deleted: state keeps it, tainted, for the next apply to replace.
			saveState(ctx, got, &plan, &resp.Diagnostics, &resp.State)
			outcome += " It is kept in state as tainted: the next apply replaces it."
		}
		resp.Diagnostics.AddError(summary, err.Error()+". "+outcome)
		return
	}
	saveState(ctx, got, &plan, &resp.Diagnostics, &resp.State)
	resp.Diagnostics.Append(setIdentity(ctx, resp.Identity, ids)...)
	resp.Diagnostics.Append(connection.MarkHeldInState(ctx, resp.Private)...)
}

// createOrAdopt creates the failover connection through the connection
// resource's CreateOrAdopt: its place is its region, looked up in the
// parent's list, and a replace waits for the one Atlas still shows there as
// DELETING to be gone.
func (r *failoverResource) createOrAdopt(ctx context.Context, reads *sharedreads.Reads, ids failoverIDs, want *client.StreamConnection, plan *connection.Model) (*client.StreamConnection, error) {
	return connection.CreateOrAdopt(ctx, r.data.Polling, connection.CreateSteps{
		Subject: ids.subject(),
		Post: func(ctx context.Context) (*client.StreamConnection, error) {
			return asConnection(reads.CreateFailover(ctx, ids.failover(), (*client.FailoverConnection)(want)))
		},
		IsTaken:      client.IsConflict,
		WaitReplaced: func(ctx context.Context) (bool, error) { return r.waitRegionFree(ctx, reads, ids) },
		Taken:        func() error { return &regionTakenError{ids} },
		Find:         func(ctx context.Context) (*client.StreamConnection, error) { return inRegion(ctx, reads, ids) },
		Adopt: func(ctx context.Context, existing *client.StreamConnection) (*client.StreamConnection, error) {
			return adopt(ctx, reads, ids, existing, want, plan)
		},
	})
}

// waitRegionFree waits, while Atlas shows the failover connection in the
// region as DELETING (the one a replace deleted), until it is gone; it
// reports whether it waited.
func (r *failoverResource) waitRegionFree(ctx context.Context, reads *sharedreads.Reads, ids failoverIDs) (bool, error) {
	for wait, waited := r.data.Polling.Initial, false; ; wait = r.data.Polling.Next(wait) {
		existing, err := inRegion(ctx, reads, ids)
		if err != nil || existing == nil || existing.State != client.StateDeleting {
			return waited, err
		}
		if err := connection.Sleep(ctx, wait); err != nil {
			return true, err
		}
		waited = true
	}
}

// inRegion is the parent's failover connection in the region, or nil when
// it has none there.
func inRegion(ctx context.Context, reads *sharedreads.Reads, ids failoverIDs) (*client.StreamConnection, error) {
	all, err := reads.FailoversOf(ctx, ids.parent(), ids.region)
	if err != nil {
		return nil, err
	}
	for _, f := range all {
		if f.Region == ids.region {
			return (*client.StreamConnection)(&f), nil
		}
	}
	return nil, nil
}

// adopt takes over the failover connection that an earlier, unanswered POST
// made, through the connection resource's comparison: when its type and
// every non-secret field match the plan, it is sent the secrets, which
// Atlas never shows and so could not be compared.
func adopt(ctx context.Context, reads *sharedreads.Reads, ids failoverIDs, existing, want *client.StreamConnection, plan *connection.Model) (*client.StreamConnection, error) {
	if existing.Type != want.Type {
		return nil, &foreignError{fmt.Errorf("%s exists with type %q, not %q: it differs from the configuration. %s", ids.subject(), existing.Type, want.Type, importHint(ids))}
	}
	fields, err := connection.DifferingFields(ctx, existing, want, plan)
	if err != nil {
		return nil, &connection.UnsettledError{Err: fmt.Errorf("reading %s: %w", ids.subject(), err)}
	}
	if len(fields) > 0 {
		return nil, &foreignError{fmt.Errorf("%s exists but it differs from the configuration: fields %v. %s", ids.subject(), fields, importHint(ids))}
	}
	got, err := connection.SendSecrets(ctx, existing, want, func(ctx context.Context, secrets client.ConnectionPatch) (*client.StreamConnection, error) {
		return asConnection(reads.UpdateFailover(ctx, ids.failover(), existing.ID, secrets))
	})
	if err != nil {
		// Ours, but without the configured secrets: not to be kept as it is.
		return nil, &connection.UnsettledError{Err: fmt.Errorf("sending the secrets of adopted %s: %w", ids.subject(), err)}
	}
	tflog.Info(ctx, "Adopted the failover connection an unanswered create made", map[string]any{"failover": ids.String()})
	return got, nil
}

// regionTakenError is a create that Atlas refused because the parent had a
// failover connection in the region before it: not one this create made.
type regionTakenError struct{ ids failoverIDs }

func (e *regionTakenError) Error() string {
	return fmt.Sprintf("connection %q already has a failover connection in region %s. %s Or set adopt_existing = true in the provider block to take over a failover connection that matches the configuration.",
		e.ids.connection, e.ids.region, importHint(e.ids))
}

// adoptedWarning tells the user, in the apply's output, which failover
// connections were taken over rather than created.
const adoptedWarning = "A failover connection in this region was already in Atlas and matched the configuration in its type and every non-secret field, " +
	"so it was taken over (adopt_existing = true) and sent the configured secrets instead of being created."

// adoptExisting takes over, under adopt_existing, the failover connection
// that was in the region before this create (the leftover of a killed apply,
// say): when its type and every non-secret field match the plan, it is sent
// the configured secrets. It was not made by this create, so a failure never
// deletes it.
func adoptExisting(ctx context.Context, reads *sharedreads.Reads, ids failoverIDs, want *client.StreamConnection, plan *connection.Model) (*client.StreamConnection, error) {
	existing, err := inRegion(ctx, reads, ids)
	switch {
	case err != nil:
		return nil, fmt.Errorf("%s already exists, but reading it to adopt it failed: %w", ids.subject(), err)
	case existing == nil:
		return nil, fmt.Errorf("%s was refused as existing, but Atlas does not show it. Apply again", ids.subject())
	case existing.State == client.StateDeleting:
		return nil, fmt.Errorf("%s already exists and is being deleted, so it cannot be adopted. Apply again once it is gone", ids.subject())
	}
	got, err := adopt(ctx, reads, ids, existing, want, plan)
	if err != nil {
		return nil, connection.NotAdopted("failover connection", err)
	}
	tflog.Info(ctx, "Adopted an existing failover connection (adopt_existing)", map[string]any{"failover": ids.String()})
	return got, nil
}

// foreignError is a failover connection in the region that differs from the
// plan: not the one this create made, so it is left alone.
type foreignError struct{ err error }

func (e *foreignError) Error() string { return e.err.Error() + " It was left alone." }
func (e *foreignError) Unwrap() error { return e.err }

// cleanUp deletes what a failed create made, so nothing is left in Atlas
// that state does not know about, and says what became of it; left says a
// delete was tried and failed. id is the failover connection Atlas answered
// with, or "" when the answer was lost: then the one in the region is
// deleted only if it matches the plan.
func (r *failoverResource) cleanUp(ctx context.Context, reads *sharedreads.Reads, ids failoverIDs, id string, want *client.StreamConnection, plan *connection.Model) (outcome string, left bool) {
	// The create's own deadline or an interrupt may be what ended it.
	cleanupCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), connection.CleanupTimeout)
	defer cancel()
	if id == "" {
		existing, err := inRegion(cleanupCtx, reads, ids)
		switch {
		case err != nil:
			return fmt.Sprintf("Looking for what it may have left in Atlas failed too (%s): check region %s of connection %q in the Atlas UI.", err, ids.region, ids.connection), false
		case existing == nil:
			return "Atlas shows no failover connection in the region, so nothing is left behind.", false
		case existing.Type != want.Type:
			return "The failover connection Atlas shows in the region has another type, so it was left alone.", false
		}
		if fields, err := connection.DifferingFields(cleanupCtx, existing, want, plan); err != nil || len(fields) > 0 {
			return "The failover connection Atlas shows in the region differs from the configuration, so it was left alone.", false
		}
		id = existing.ID
	}
	if err := reads.DeleteFailover(cleanupCtx, ids.failover(), id); err != nil && !client.IsNotFound(err) {
		return fmt.Sprintf("Deleting it failed too (%s).", err), true
	}
	return "It was deleted, so nothing is left behind in Atlas.", false
}

// asConnection is a failover connection as the connection resource's code
// takes it: the same object under another name.
func asConnection(f *client.FailoverConnection, err error) (*client.StreamConnection, error) {
	return (*client.StreamConnection)(f), err
}

func importHint(ids failoverIDs) string {
	return fmt.Sprintf("To manage it with this configuration, import it (an import block with id = %q); otherwise choose another region.", ids.String())
}
