package resource_stream_connection

import (
	"context"

	"github.com/atlasx/terraform-provider-atlasx/internal/client"
	"github.com/atlasx/terraform-provider-atlasx/internal/connection"
	"github.com/atlasx/terraform-provider-atlasx/internal/sharedreads"
)

// waitReady returns once the connection is READY, starting from the answer
// Atlas already gave, so a connection that is READY at once costs no request
// and no sleep. FAILED and the context's end are errors. Its polls share
// lists with the other waits of the workspace (sharedreads.Waiter).
func waitReady(ctx context.Context, reads *sharedreads.Reads, polling connection.Polling, ids connection.IDs, conn *client.StreamConnection) (*client.StreamConnection, error) {
	waiter := reads.Wait(ids.WS(), ids.Name, reads.Now())
	defer waiter.Close()
	return connection.WaitReady(ctx, polling, "connection "+ids.String(), conn, waiter.Poll)
}

// waitGone returns once the connection reads as 404, polling through
// DELETING, in lists shared with the workspace's other waits.
func waitGone(ctx context.Context, reads *sharedreads.Reads, polling connection.Polling, ids connection.IDs) error {
	waiter := reads.Wait(ids.WS(), ids.Name, reads.Now())
	defer waiter.Close()
	return connection.WaitGone(ctx, polling, "connection "+ids.String(), waiter.Poll)
}
