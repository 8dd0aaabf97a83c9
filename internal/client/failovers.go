package client

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"iter"
	"maps"
	"net/http"
	"net/url"
	"reflect"
	"slices"

	"github.com/hashicorp/terraform-plugin-log/tflog"
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
// that already has one is a 409 (IsConflict).
//
// The POST is never sent twice. Atlas assigns the id, so when the outcome is
// unknown (answer lost, reset, timeout, 5xx) the connection's failover
// connections are listed instead and the one in want's region, if any, is
// taken over only when its type and every non-secret field sent match; the
// secrets sent are then sent again with a PATCH, since Atlas never shows
// them to compare. One that differs is an error that names the fields. When
// the list shows none in that region, or the lookup fails, the
// *OutcomeUnknownError is returned: the caller decides whether and when to
// look again.
func (c *Client) CreateFailoverConnection(ctx context.Context, groupID, workspace, connection string, want *FailoverConnection) (*FailoverConnection, error) {
	body := *want
	body.Name = connection
	var created FailoverConnection
	err := c.callFailover(ctx, http.MethodPost, failoversPath(groupID, workspace, connection), &body, &created)
	var unknown *OutcomeUnknownError
	if !errors.As(err, &unknown) {
		if err != nil {
			return nil, err
		}
		return &created, nil
	}
	tflog.SubsystemWarn(withLogging(ctx, c.auth.secrets), logSubsystem, "Outcome of a failover connection create unknown; listing the connection's failover connections", map[string]any{
		"connection": connection, "region": body.Region, "error": err.Error(),
	})
	return c.adoptFailover(ctx, groupID, workspace, connection, &body, unknown)
}

// adoptFailover looks for the failover connection an unanswered POST of
// sent may have made, and takes it over if it matches (see
// CreateFailoverConnection).
func (c *Client) adoptFailover(ctx context.Context, groupID, workspace, connection string, sent *FailoverConnection, unknown *OutcomeUnknownError) (*FailoverConnection, error) {
	existing, err := c.ListFailoverConnections(ctx, groupID, workspace, connection)
	if err != nil {
		return nil, &OutcomeUnknownError{Method: unknown.Method, Path: unknown.Path,
			Err: fmt.Errorf("%w; listing the failover connections to look for it failed: %w", unknown.Err, err)}
	}
	i := slices.IndexFunc(existing, func(f FailoverConnection) bool { return f.Region == sent.Region })
	if i < 0 {
		return nil, unknown
	}
	found := &existing[i]
	if found.State == StateDeleting {
		return nil, fmt.Errorf("creating a failover connection of %s in %s: the outcome was unknown (%v), and the failover connection there (id %s) is being deleted, so it is not taken over",
			connection, sent.Region, unknown.Err, found.ID)
	}
	differing, err := failoverDifferences(found, sent)
	if err != nil {
		return nil, err
	}
	if len(differing) > 0 {
		return nil, fmt.Errorf("creating a failover connection of %s in %s: the outcome was unknown (%v), and the failover connection there (id %s) differs from the one sent in %v, so it is not taken over",
			connection, sent.Region, unknown.Err, found.ID, differing)
	}
	tflog.SubsystemInfo(withLogging(ctx, c.auth.secrets), logSubsystem, "Took over the failover connection an unanswered create made",
		map[string]any{"connection": connection, "region": sent.Region, "id": found.ID})
	if !carriesSecrets(sent) {
		return found, nil
	}
	updated, err := c.UpdateFailoverConnection(ctx, groupID, workspace, connection, found.ID, ConnectionPatch{
		"type": sent.Type, "authentication": sent.Authentication,
	})
	if err != nil {
		// It is there, but perhaps without the secrets sent.
		return nil, &OutcomeUnknownError{Method: unknown.Method, Path: unknown.Path,
			Err: fmt.Errorf("took over failover connection %s, but sending its secrets failed: %w", found.ID, err)}
	}
	return updated, nil
}

// carriesSecrets reports whether a failover connection body holds write-only
// values, which only a write can make Atlas hold.
func carriesSecrets(f *FailoverConnection) bool {
	data, err := json.Marshal(f)
	return err == nil && len(secretValues(data)) > 0
}

// failoverDifferences lists the top-level fields whose sent value Atlas does
// not show: every non-secret field sent must read back the same, while
// fields Atlas adds (id, state, defaults such as PUBLIC networking) do not
// count.
func failoverDifferences(found, sent *FailoverConnection) ([]string, error) {
	shown, err := asJSONObject(found)
	if err != nil {
		return nil, err
	}
	wanted, err := asJSONObject(sent)
	if err != nil {
		return nil, err
	}
	var differing []string
	for _, field := range slices.Sorted(maps.Keys(wanted)) {
		if !shows(shown[field], withoutSecrets(wanted[field])) {
			differing = append(differing, field)
		}
	}
	return differing, nil
}

func asJSONObject(v any) (map[string]any, error) {
	data, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	var obj map[string]any
	return obj, json.Unmarshal(data, &obj)
}

// withoutSecrets drops the write-only members of a decoded JSON value.
func withoutSecrets(v any) any {
	obj, ok := v.(map[string]any)
	if !ok {
		return v
	}
	out := map[string]any{}
	for key, value := range obj {
		if !secretKeys[key] {
			out[key] = withoutSecrets(value)
		}
	}
	return out
}

// shows reports whether a value Atlas answered holds every member of want,
// each the same; members only Atlas has are ignored.
func shows(got, want any) bool {
	wantObj, ok := want.(map[string]any)
	if !ok {
		return reflect.DeepEqual(got, want)
	}
	gotObj, ok := got.(map[string]any)
	if !ok {
		return len(wantObj) == 0 && got == nil
	}
	for key, value := range wantObj {
		if !shows(gotObj[key], value) {
			return false
		}
	}
	return true
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
