package client

import (
	"context"
	"fmt"
	"iter"
	"net/http"
	"strings"
)

func connectionsPath(groupID, workspace string) string {
	return apiPath("groups", groupID, "streams", workspace, "connections")
}

func connectionPath(groupID, workspace, name string) string {
	return apiPath("groups", groupID, "streams", workspace, "connections", name)
}

// ListStreamConnections returns every connection of a workspace, following
// pagination to the end.
func (c *Client) ListStreamConnections(ctx context.Context, groupID, workspace string) ([]StreamConnection, error) {
	return listAll[StreamConnection](ctx, c, connectionsPath(groupID, workspace))
}

// StreamConnectionPages yields the connections of a workspace a page at a
// time (500 to a page, the most Atlas allows), each page as it arrives: a
// caller that has seen enough stops, and no further page is requested. A
// missing workspace is a 404 (IsNotFound), one the credentials may not read
// a 403 (IsForbidden).
func (c *Client) StreamConnectionPages(ctx context.Context, groupID, workspace string) iter.Seq2[[]StreamConnection, error] {
	return pages[StreamConnection](ctx, c, connectionsPath(groupID, workspace))
}

// GetStreamConnection reads one connection. Write-only fields (passwords,
// keys, secrets) are never returned. A missing workspace or connection is a
// 404 (see IsNotFound).
func (c *Client) GetStreamConnection(ctx context.Context, groupID, workspace, name string) (*StreamConnection, error) {
	var conn StreamConnection
	if err := c.call(ctx, http.MethodGet, connectionPath(groupID, workspace, name), nil, nil, &conn); err != nil {
		return nil, err
	}
	return &conn, nil
}

// CreateStreamConnection creates a connection. A failure that leaves the
// outcome open is an *OutcomeUnknownError: look the connection up by name.
func (c *Client) CreateStreamConnection(ctx context.Context, groupID, workspace string, conn *StreamConnection) (*StreamConnection, error) {
	var created StreamConnection
	if err := c.callWithBody(ctx, http.MethodPost, connectionsPath(groupID, workspace), nil, connectionBodyType, conn, &created); err != nil {
		return nil, err
	}
	return &created, nil
}

// UpdateStreamConnection sends only the fields in patch; a nil value is sent
// as JSON null, which clears the field.
func (c *Client) UpdateStreamConnection(ctx context.Context, groupID, workspace, name string, patch ConnectionPatch) (*StreamConnection, error) {
	if patch == nil {
		patch = ConnectionPatch{} // an empty object, not a null body
	}
	var updated StreamConnection
	if err := c.callWithBody(ctx, http.MethodPatch, connectionPath(groupID, workspace, name), nil, connectionBodyType, patch, &updated); err != nil {
		return nil, err
	}
	return &updated, nil
}

// DeleteStreamConnection asks Atlas to delete a connection; Atlas answers at
// once and may report the connection as DELETING for a while (only private
// networking is observed to linger; see PrivateNetworking). A 404 on a
// retried delete means an earlier attempt succeeded.
func (c *Client) DeleteStreamConnection(ctx context.Context, groupID, workspace, name string) error {
	return c.call(ctx, http.MethodDelete, connectionPath(groupID, workspace, name), nil, nil, nil)
}

// checkAnswer refuses a success answer that decodes but does not describe a
// connection: `{}` or `null` from a proxy, or a document cut short and closed
// again. Saved as it is, it would give the resource an empty name, which
// plans the replacement of a connection that is fine.
func (c *StreamConnection) checkAnswer() error {
	var missing []string
	if c.Name == "" {
		missing = append(missing, "name")
	}
	if c.Type == "" {
		missing = append(missing, "type")
	}
	if len(missing) > 0 {
		return fmt.Errorf("the answer is not a stream connection: it has no %s", strings.Join(missing, " and no "))
	}
	return nil
}

// PrivateNetworking says whether Atlas reaches the connection over VPC
// peering, PrivateLink or a transit gateway: the connections observed to
// stay DELETING for a while after a delete.
func (c *StreamConnection) PrivateNetworking() bool {
	for _, field := range []string{"networking", "publicPrivateNetworking"} {
		if accessType, _ := c.Setting(field, "access", "type"); accessType != nil && accessType != "" && accessType != "PUBLIC" {
			return true
		}
	}
	return false
}
