package resource_stream_connection

import (
	"context"
	"errors"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/atlasx/terraform-provider-atlasx/internal/client"
	"github.com/atlasx/terraform-provider-atlasx/internal/connection"
	"github.com/atlasx/terraform-provider-atlasx/internal/sharedreads"
)

func (r *connectionResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan resourceModel
	resp.Diagnostics.Append(getModel(ctx, req.Plan.Raw, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	config, diags := writeOnlyConfig(ctx, &plan.Model, req.Config)
	resp.Diagnostics.Append(diags...)
	timeout, diags := plan.Timeouts.Create(ctx, connection.DefaultCreateTimeout)
	resp.Diagnostics.Append(diags...)
	api := apiClient(r.data, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	// Write-only secrets are only in the configuration; they all go with the create.
	sendable := connection.WithWriteOnly(&plan.Model, config)
	want, diags := connection.Expand(ctx, &sendable)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	ids := plan.IDs()
	// What this create's own plan found the apply must refuse, refused
	// before any write (ModifyPlan).
	if r.data.Plans.Refuse(ctx, ids.String(), &resp.Diagnostics) {
		return
	}
	// Whatever ends up in state, a failed create's kept connection
	// included, is known by its identity too.
	defer func() {
		if !resp.State.Raw.IsNull() {
			resp.Diagnostics.Append(setIdentity(ctx, resp.Identity, ids)...)
			resp.Diagnostics.Append(connection.MarkHeldInState(ctx, resp.Private)...)
		}
	}()
	createCtx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()

	got, err := r.createOrAdopt(createCtx, api, ids, want, &sendable)
	if taken := (*nameTakenError)(nil); errors.As(err, &taken) && r.data.AdoptExisting {
		got, err = adoptExisting(createCtx, api, r.data.Reads(), ids, want, &sendable)
		if err == nil {
			resp.Diagnostics.AddWarning("Adopted existing stream connection "+ids.String(), adoptedWarning)
		}
	}
	if unsettled := (*connection.UnsettledError)(nil); errors.As(err, &unsettled) {
		// A failure (the deadline and an interrupt included) ended a create
		// whose outcome is unknown: Atlas may hold the connection, so clean
		// up as for a failure, or it is orphaned; unless what Atlas holds
		// under the name is plainly someone else's. Any other failure made
		// nothing, and a connection of that name, if any, is not ours.
		if foreign := foreignConnection(ctx, api, ids, want, &sendable); foreign != nil {
			resp.Diagnostics.AddError("Could not create stream connection "+ids.String(), err.Error()+". "+foreign.Error()+" It was left alone.")
			return
		}
		r.failCreate(ctx, api, ids, nil, &plan, err, resp)
		return
	}
	if err != nil {
		resp.Diagnostics.AddError("Could not create stream connection "+ids.String(), err.Error())
		return
	}
	got, err = waitReady(createCtx, r.data.Reads(), r.data.Polling, ids, got)
	if err != nil {
		r.failCreate(ctx, api, ids, got, &plan, err, resp)
		return
	}
	saveState(ctx, got, &plan, &resp.Diagnostics, &resp.State.Raw)
}

// failCreate cleans up after a create that Atlas accepted but that failed or
// timed out, so nothing is left in Atlas that state does not know about. When
// the user chose to keep it, it is saved and Terraform marks it tainted.
func (r *connectionResource) failCreate(ctx context.Context, api *client.Client, ids connection.IDs, got *client.StreamConnection, plan *resourceModel, cause error, resp *resource.CreateResponse) {
	summary := "Stream connection " + ids.String() + " did not become READY"
	if connection.Interrupted(cause) {
		summary = "Create of stream connection " + ids.String() + " interrupted"
	}
	// The create's own deadline or an interrupt may be what ended it: clean
	// up on a fresh context.
	cleanupCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), connection.CleanupTimeout)
	defer cancel()
	if !plan.DeleteOnCreateTimeout.ValueBool() {
		if got == nil {
			got, _ = api.GetStreamConnection(cleanupCtx, ids.ProjectID, ids.Workspace, ids.Name)
		}
		if got == nil {
			resp.Diagnostics.AddError(summary, cause.Error()+". Atlas does not show the connection, so there is nothing to keep.")
			return
		}
		saveState(ctx, got, plan, &resp.Diagnostics, &resp.State.Raw)
		resp.Diagnostics.AddError(summary, cause.Error()+". It was kept (delete_on_create_timeout = false) and is marked tainted: the next apply replaces it.")
		return
	}
	// Waited until gone: the message says nothing is left behind.
	if err := deleteConnection(cleanupCtx, r.data.Reads(), r.data.Polling, ids, true); err != nil {
		if got != nil {
			saveState(ctx, got, plan, &resp.Diagnostics, &resp.State.Raw)
		}
		resp.Diagnostics.AddError(summary, fmt.Sprintf("%s. Deleting it failed too (%s), so it is kept in state as tainted: the next apply replaces it.", cause, err))
		return
	}
	resp.Diagnostics.AddError(summary, cause.Error()+". It was deleted, so nothing is left behind in Atlas.")
}

// foreignConnection looks, on a fresh context, at what Atlas holds under the
// name after a create whose outcome is unknown, and says how it differs from
// the plan when it cannot be the one this create made. nil means nothing is
// there, it may be ours, or Atlas could not be asked: clean up as usual.
func foreignConnection(ctx context.Context, api *client.Client, ids connection.IDs, want *client.StreamConnection, plan *connection.Model) error {
	lookupCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), connection.CleanupTimeout)
	defer cancel()
	existing, err := api.GetStreamConnection(lookupCtx, ids.ProjectID, ids.Workspace, ids.Name)
	if err != nil {
		return nil
	}
	return sameAsPlan(ctx, ids, existing, want, plan)
}

// createOrAdopt creates the connection through CreateOrAdopt: its place
// is its name, looked up with a GET, and a replace waits for the connection
// this process deleted under that name to be gone.
func (r *connectionResource) createOrAdopt(ctx context.Context, api *client.Client, ids connection.IDs, want *client.StreamConnection, plan *connection.Model) (*client.StreamConnection, error) {
	reads := r.data.Reads()
	nameTaken := func(err error) bool { return client.HasErrorCode(err, "STREAM_CONNECTION_NAME_ALREADY_EXISTS") }
	return connection.CreateOrAdopt(ctx, r.data.Polling, connection.CreateSteps{
		Subject: "connection " + ids.String(),
		Post:    func(ctx context.Context) (*client.StreamConnection, error) { return reads.Create(ctx, ids.WS(), want) },
		IsTaken: nameTaken,
		WaitReplaced: func(ctx context.Context) (bool, error) {
			if !reads.DeletedHere(ids.WS(), ids.Name) {
				return false, nil
			}
			return true, waitGone(ctx, reads, r.data.Polling, ids)
		},
		Taken: func() error { return &nameTakenError{ids} },
		Find: func(ctx context.Context) (*client.StreamConnection, error) {
			existing, err := api.GetStreamConnection(ctx, ids.ProjectID, ids.Workspace, ids.Name)
			if client.IsNotFound(err) {
				return nil, nil
			}
			return existing, err
		},
		Adopt: func(ctx context.Context, existing *client.StreamConnection) (*client.StreamConnection, error) {
			return adopt(ctx, reads, ids, existing, want, plan)
		},
	})
}

// adopt takes over a connection that an earlier, unanswered POST made, when
// its type and every non-secret field match the plan, then sends the secrets
// (which Atlas never shows, so they cannot be compared).
func adopt(ctx context.Context, reads *sharedreads.Reads, ids connection.IDs, existing, want *client.StreamConnection, plan *connection.Model) (*client.StreamConnection, error) {
	if err := sameAsPlan(ctx, ids, existing, want, plan); err != nil {
		return nil, err
	}
	got, err := connection.SendSecrets(ctx, existing, want, func(ctx context.Context, secrets client.ConnectionPatch) (*client.StreamConnection, error) {
		return reads.Update(ctx, ids.WS(), ids.Name, secrets)
	})
	if err != nil {
		// Ours, but without the configured secrets: not to be kept as it is.
		return nil, &connection.UnsettledError{Err: fmt.Errorf("sending the secrets of adopted connection %s: %w", ids, err)}
	}
	return got, nil
}

// sameAsPlan reports, as an error naming the import command, how a
// connection Atlas holds differs from the plan in its type or any non-secret
// field; nil means it could be the one this create made.
func sameAsPlan(ctx context.Context, ids connection.IDs, existing, want *client.StreamConnection, plan *connection.Model) error {
	if existing.Type != want.Type {
		return fmt.Errorf("connection %s exists with type %q, not %q: it differs from the configuration. %s", ids, existing.Type, want.Type, importHint(ids))
	}
	fields, err := connection.DifferingFields(ctx, existing, want, plan)
	if err != nil {
		return fmt.Errorf("reading connection %s: %w", ids, err)
	}
	if len(fields) > 0 {
		return fmt.Errorf("connection %s exists but it differs from the configuration: fields %v. %s", ids, fields, importHint(ids))
	}
	return nil
}

func importHint(ids connection.IDs) string {
	return fmt.Sprintf("To manage it with this configuration, import it: `tofu import <resource address> %s` (or `terraform import`, or an import block with id = %q); otherwise choose another connection_name.", ids, ids.String())
}
