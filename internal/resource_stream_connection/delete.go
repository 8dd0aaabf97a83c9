package resource_stream_connection

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/atlasx/terraform-provider-atlasx/internal/client"
	"github.com/atlasx/terraform-provider-atlasx/internal/connection"
	"github.com/atlasx/terraform-provider-atlasx/internal/sharedreads"
)

func (r *connectionResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state resourceModel
	resp.Diagnostics.Append(getModel(ctx, req.State.Raw, &state)...)
	timeout, diags := state.Timeouts.Delete(ctx, connection.DefaultDeleteTimeout)
	resp.Diagnostics.Append(diags...)
	reads := connectionReads(r.data, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	ids := state.IDs()
	deleteCtx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	err := deleteConnection(deleteCtx, reads, r.data.Polling, ids, lingers(ctx, &state.Model))
	const again = " Run plan or apply again: a connection found gone leaves the state, one still there is deleted again."
	var waiting *connection.InterruptedError
	switch {
	case errors.As(err, &waiting):
		resp.Diagnostics.AddError("Delete of stream connection "+ids.String()+" interrupted", err.Error()+
			". Atlas accepted the delete and goes on with it."+again)
	case connection.Interrupted(err):
		resp.Diagnostics.AddError("Delete of stream connection "+ids.String()+" interrupted", err.Error()+
			". Atlas may not have accepted the delete yet."+again)
	case err != nil:
		resp.Diagnostics.AddError("Could not delete stream connection "+ids.String(), err.Error())
	}
}

// lingers says whether a deleted connection may stay DELETING for long:
// only private networking is observed to (CONTRACT.md). A state that does not
// say is taken to linger.
func lingers(ctx context.Context, m *connection.Model) bool {
	conn, diags := connection.Expand(ctx, m)
	return diags.HasError() || conn.PrivateNetworking()
}

// deleteConnection deletes the connection; a 404 means it already is gone,
// and a connection still deploying is asked again after a pause. Once Atlas
// has taken the DELETE, it holds the connection at most as DELETING, which a
// create of the same name in this process waits out (createOrAdopt); only
// when untilGone is the connection polled until it is gone, since it may
// linger there for minutes.
func deleteConnection(ctx context.Context, reads *sharedreads.Reads, polling connection.Polling, ids connection.IDs, untilGone bool) error {
	var wait time.Duration
	for {
		err := reads.Delete(ctx, ids.WS(), ids.Name)
		if client.IsNotFound(err) {
			return nil
		}
		if err == nil {
			break
		}
		if !client.HasErrorCode(err, "STREAM_KAFKA_CONNECTION_IS_DEPLOYING") {
			return err
		}
		wait = polling.Next(wait)
		if err := connection.Sleep(ctx, wait); err != nil {
			return fmt.Errorf("connection %s is still deploying and cannot be deleted yet: %w", ids, err)
		}
	}
	if !untilGone {
		return nil
	}
	return waitGone(ctx, reads, polling, ids)
}
