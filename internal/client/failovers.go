package client

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"maps"
	"net/http"
	"net/url"
)

// failoverMediaType is the failover connection operations' one resource
// version, 2025-03-12, asked for in Accept and named as the bodies' type (the
// only one the document lists for them). An earlier date finds no such
// operation (406), so these five operations, and only they, send it.
const failoverMediaType = "application/vnd.atlas.2025-03-12+json"

func failoversPath(groupID, workspace, connection string) string {
	return apiPath("groups", groupID, "streams", workspace, "connections", connection, "failoverConnections")
}

func failoverPath(groupID, workspace, connection, id string) string {
	return apiPath("groups", groupID, "streams", workspace, "connections", connection, "failoverConnections", id)
}

// callFailover sends one failover connection operation in its version.
func (c *Client) callFailover(ctx context.Context, method, path string, in, out any) error {
	return c.do(ctx, &apiRequest{method: method, path: path, bodyType: failoverMediaType, accept: failoverMediaType}, in, out)
}

// ListFailoverConnections returns every failover connection of a
// connection, following pagination to the end.
func (c *Client) ListFailoverConnections(ctx context.Context, groupID, workspace, connection string) ([]FailoverConnection, error) {
	var all []FailoverConnection
	for page, err := range c.FailoverConnectionPages(ctx, groupID, workspace, connection) {
		if err != nil {
			return nil, err
		}
		all = append(all, page...)
	}
	return all, nil
}

// FailoverConnectionPages yields the failover connections of a connection a
// page at a time (500 to a page, the most Atlas allows), each page as it
// arrives; a caller that has seen enough stops, and no further page is
// requested. A missing workspace or connection is a 404 (IsNotFound).
func (c *Client) FailoverConnectionPages(ctx context.Context, groupID, workspace, connection string) iter.Seq2[[]FailoverConnection, error] {
	path := failoversPath(groupID, workspace, connection)
	// The operation documents no includeCount, so none is sent.
	return pagesFrom(path, false, func(query url.Values, page *Page[FailoverConnection]) error {
		return c.do(ctx, &apiRequest{method: http.MethodGet, path: path, query: query, accept: failoverMediaType}, nil, page)
	})
}

// GetFailoverConnection reads one failover connection by the id Atlas gave
// it. Write-only fields are never returned. A missing workspace, connection
// or failover connection is a 404 (IsNotFound).
func (c *Client) GetFailoverConnection(ctx context.Context, groupID, workspace, connection, id string) (*FailoverConnection, error) {
	var f FailoverConnection
	if err := c.callFailover(ctx, http.MethodGet, failoverPath(groupID, workspace, connection, id), nil, &f); err != nil {
		return nil, err
	}
	return &f, nil
}

// CreateFailoverConnection creates want as a failover connection of
// connection, its Name set to the connection's as Atlas requires. A region
// that already has one is a 409 (IsConflict). As for connections, a failure
// that leaves the outcome open is an *OutcomeUnknownError and the POST is not
// sent again: Atlas assigns the id, so the caller lists the connection's
// failover connections and looks for the one in want's region, the way the
// resource looks a connection up by name.
func (c *Client) CreateFailoverConnection(ctx context.Context, groupID, workspace, connection string, want *FailoverConnection) (*FailoverConnection, error) {
	body := *want
	body.Name = connection
	var created FailoverConnection
	if err := c.callFailover(ctx, http.MethodPost, failoversPath(groupID, workspace, connection), &body, &created); err != nil {
		return nil, err
	}
	return &created, nil
}

// UpdateFailoverConnection sends only the fields in patch, which must name
// the failover connection's type (the document's discriminator requires it
// in every body); its name is set to the connection's, as Atlas requires. A
// nil value is sent as JSON null, which clears the field. The type and the
// region cannot change (Atlas refuses with 400).
func (c *Client) UpdateFailoverConnection(ctx context.Context, groupID, workspace, connection, id string, patch ConnectionPatch) (*FailoverConnection, error) {
	path := failoverPath(groupID, workspace, connection, id)
	if typ, _ := patch["type"].(string); typ == "" {
		return nil, fmt.Errorf("PATCH %s: the update must name the failover connection's type", path)
	}
	body := maps.Clone(patch)
	body["name"] = connection
	var updated FailoverConnection
	if err := c.callFailover(ctx, http.MethodPatch, path, body, &updated); err != nil {
		return nil, err
	}
	return &updated, nil
}

// DeleteFailoverConnection deletes a failover connection; Atlas answers 204
// at once. A 404 on a retried delete means an earlier attempt succeeded, and
// one for the parent connection means the failover connection went with it.
func (c *Client) DeleteFailoverConnection(ctx context.Context, groupID, workspace, connection, id string) error {
	return c.callFailover(ctx, http.MethodDelete, failoverPath(groupID, workspace, connection, id), nil, nil)
}

// IsConflict reports whether err is a 409 from the API: for a failover
// connection, its region already has one.
func IsConflict(err error) bool {
	var apiErr *APIError
	return errors.As(err, &apiErr) && apiErr.StatusCode == http.StatusConflict
}
