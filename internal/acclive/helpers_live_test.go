//go:build live

package acclive_test

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/atlasx/terraform-provider-atlasx/internal/client"
	"github.com/atlasx/terraform-provider-atlasx/internal/provider"
)

// apiTimeout bounds each read or write the tests make themselves.
const apiTimeout = 5 * time.Minute

// factories serve the provider as released: its own polling and retries,
// credentials and base URL from the MONGODB_ATLAS_* variables.
func (r *liveRun) factories() map[string]func() (tfprotov6.ProviderServer, error) {
	return map[string]func() (tfprotov6.ProviderServer, error){
		"atlasx": providerserver.NewProtocol6WithError(provider.New("acc-live")()),
	}
}

// config is an empty provider block (everything comes from the
// environment) followed by hcl, with %[project] and %[workspace] filled in.
func (r *liveRun) config(hcl string) string {
	return "provider \"atlasx\" {}\n" +
		strings.NewReplacer("%[project]", r.settings.ProjectID, "%[workspace]", r.workspace).Replace(hcl)
}

// resourceConfig is one atlasx_stream_connection named label.
func (r *liveRun) resourceConfig(label, connection, body string) string {
	return r.config(fmt.Sprintf(`
resource "atlasx_stream_connection" %q {
  project_id      = "%%[project]"
  workspace_name  = "%%[workspace]"
  connection_name = %q
  %s
}
`, label, connection, body))
}

// get reads a connection from Atlas.
func (r *liveRun) get(name string) (*client.StreamConnection, error) {
	ctx, cancel := context.WithTimeout(context.Background(), apiTimeout)
	defer cancel()
	return r.api.GetStreamConnection(ctx, r.settings.ProjectID, r.workspace, name)
}

// shown is a connection as Atlas shows it, as JSON with HTTPS header
// values masked: headers are the one secret Atlas returns, and this text
// goes into test output.
func shown(c *client.StreamConnection) string {
	masked := *c
	if headers, ok := c.Settings["headers"].(map[string]any); ok {
		masked.Settings = maps.Clone(c.Settings)
		maskedHeaders := map[string]any{}
		for k := range headers {
			maskedHeaders[k] = "***"
		}
		masked.Settings["headers"] = maskedHeaders
	}
	b, err := json.Marshal(masked)
	if err != nil {
		return err.Error()
	}
	return string(b)
}

// canonicalFragment is a fragment of JSON members ("networking":{...})
// with the keys of its objects sorted, as shown writes a connection's
// settings, so that a fragment matches whatever order it was written in.
func canonicalFragment(f string) string {
	var object map[string]any
	if err := json.Unmarshal([]byte("{"+f+"}"), &object); err != nil {
		return f
	}
	b, err := json.Marshal(object)
	if err != nil {
		return f
	}
	return string(b[1 : len(b)-1])
}

// atlasShows checks that Atlas holds the connection, READY, and that its
// JSON (as shown) holds every fragment.
func (r *liveRun) atlasShows(name string, fragments ...string) func(*terraform.State) error {
	return func(*terraform.State) error {
		c, err := r.get(name)
		if err != nil {
			return fmt.Errorf("reading connection %s from Atlas: %w", name, err)
		}
		doc := shown(c)
		if c.State != client.StateReady {
			return fmt.Errorf("Atlas shows connection %s in state %q, want READY: %s", name, c.State, doc)
		}
		for _, f := range fragments {
			if f = canonicalFragment(f); !strings.Contains(doc, f) {
				return fmt.Errorf("Atlas shows connection %s as %s\nwant it to contain %s", name, doc, f)
			}
		}
		return nil
	}
}

// stateMatchesAtlas checks that the state's computed attributes of address
// are what Atlas shows for the connection.
func (r *liveRun) stateMatchesAtlas(address, name string) func(*terraform.State) error {
	return func(s *terraform.State) error {
		attrs, err := attributes(s, address)
		if err != nil {
			return err
		}
		c, err := r.get(name)
		if err != nil {
			return fmt.Errorf("reading connection %s from Atlas: %w", name, err)
		}
		want := map[string]string{
			"id":            r.settings.ProjectID + "/" + r.workspace + "/" + name,
			"connection_id": c.ID,
			"state":         c.State,
			"region":        c.Region,
		}
		for attr, v := range want {
			if attrs[attr] != v {
				return fmt.Errorf("%s.%s = %q in state, but Atlas shows %q", address, attr, attrs[attr], v)
			}
		}
		return nil
	}
}

// attributes are a resource's flattened attributes in the state.
func attributes(s *terraform.State, address string) (map[string]string, error) {
	rs, ok := s.RootModule().Resources[address]
	if !ok || rs.Primary == nil {
		return nil, fmt.Errorf("%s is not in the state", address)
	}
	return rs.Primary.Attributes, nil
}

// atlasGone checks that none of the connections is in Atlas any more.
func (r *liveRun) atlasGone(names ...string) func(*terraform.State) error {
	return func(*terraform.State) error {
		for _, name := range names {
			c, err := r.get(name)
			switch {
			case client.IsNotFound(err):
			case err != nil:
				return fmt.Errorf("reading connection %s from Atlas: %w", name, err)
			default:
				return fmt.Errorf("connection %s is still in Atlas after destroy (state %s)", name, c.State)
			}
		}
		return nil
	}
}

// deleteOutside deletes a connection through the API, as someone outside
// Terraform would, and waits until Atlas no longer shows it.
func (r *liveRun) deleteOutside(t *testing.T, name string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), apiTimeout)
	defer cancel()
	if err := r.api.DeleteStreamConnection(ctx, r.settings.ProjectID, r.workspace, name); err != nil {
		t.Fatalf("deleting connection %s outside Terraform: %v", name, err)
	}
	for {
		_, err := r.api.GetStreamConnection(ctx, r.settings.ProjectID, r.workspace, name)
		if client.IsNotFound(err) {
			return
		}
		if err != nil {
			t.Fatalf("waiting for connection %s to go: %v", name, err)
		}
		select {
		case <-ctx.Done():
			t.Fatalf("connection %s is still in Atlas %s after deleting it", name, apiTimeout)
		case <-time.After(2 * time.Second):
		}
	}
}

// changeOutside changes a connection through the API, as someone outside
// Terraform would. The patch names the connection and its type, as every
// update body must.
func (r *liveRun) changeOutside(t *testing.T, name, typ string, patch client.ConnectionPatch) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), apiTimeout)
	defer cancel()
	body := client.ConnectionPatch{"name": name, "type": typ}
	for k, v := range patch {
		body[k] = v
	}
	if _, err := r.api.UpdateStreamConnection(ctx, r.settings.ProjectID, r.workspace, name, body); err != nil {
		t.Fatalf("changing connection %s outside Terraform: %v", name, err)
	}
}

// expect is a pre-apply check that the plan does action to the test's
// resource.
func expect(action plancheck.ResourceActionType) []plancheck.PlanCheck {
	return []plancheck.PlanCheck{plancheck.ExpectResourceAction(address, action)}
}
