package client

import (
	"context"
	"net/http"
	"net/url"
)

func workspacesPath(groupID string) string {
	return apiPath("groups", groupID, "streams")
}

func workspacePath(groupID, name string) string {
	return apiPath("groups", groupID, "streams", name)
}

// ListStreamWorkspaces returns every stream workspace of a project,
// following pagination to the end.
func (c *Client) ListStreamWorkspaces(ctx context.Context, groupID string) ([]StreamWorkspace, error) {
	return listAll[StreamWorkspace](ctx, c, workspacesPath(groupID))
}

// GetStreamWorkspace reads one stream workspace.
func (c *Client) GetStreamWorkspace(ctx context.Context, groupID, name string) (*StreamWorkspace, error) {
	var ws StreamWorkspace
	if err := c.call(ctx, http.MethodGet, workspacePath(groupID, name), nil, nil, &ws); err != nil {
		return nil, err
	}
	return &ws, nil
}

// GetStreamWorkspaceWithConnections reads one stream workspace and its
// connections (includeConnections): its failover regions and what its
// connections are, in one request.
func (c *Client) GetStreamWorkspaceWithConnections(ctx context.Context, groupID, name string) (*StreamWorkspace, error) {
	var ws StreamWorkspace
	if err := c.call(ctx, http.MethodGet, workspacePath(groupID, name), url.Values{"includeConnections": {"true"}}, nil, &ws); err != nil {
		return nil, err
	}
	return &ws, nil
}

// CreateStreamWorkspace creates a stream workspace. Like any POST, a failure
// that leaves the outcome open is an *OutcomeUnknownError.
func (c *Client) CreateStreamWorkspace(ctx context.Context, groupID string, ws *StreamWorkspace) (*StreamWorkspace, error) {
	var created StreamWorkspace
	if err := c.call(ctx, http.MethodPost, workspacesPath(groupID), nil, ws, &created); err != nil {
		return nil, err
	}
	return &created, nil
}

// DeleteStreamWorkspace deletes a stream workspace and its connections.
func (c *Client) DeleteStreamWorkspace(ctx context.Context, groupID, name string) error {
	return c.call(ctx, http.MethodDelete, workspacePath(groupID, name), nil, nil, nil)
}
