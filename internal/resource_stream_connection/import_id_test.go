package resource_stream_connection

import (
	"strings"
	"testing"

	"github.com/atlasx/terraform-provider-atlasx/internal/connection"
)

func TestParseImportID(t *testing.T) {
	tests := []struct {
		id      string
		want    connection.IDs
		wantErr string
	}{
		{id: testProjectID + "/ws/orders", want: connection.IDs{ProjectID: testProjectID, Workspace: "ws", Name: "orders"}},
		{id: testProjectID + "/my-ws/my-orders", want: connection.IDs{ProjectID: testProjectID, Workspace: "my-ws", Name: "my-orders"}},
		{id: "ws-" + testProjectID + "-orders", want: connection.IDs{ProjectID: testProjectID, Workspace: "ws", Name: "orders"}},
		{id: "my-ws-" + testProjectID + "-my-orders-2", want: connection.IDs{ProjectID: testProjectID, Workspace: "my-ws", Name: "my-orders-2"}},
		{id: "ws-" + testProjectID + "-" + testProjectID + "-x", wantErr: "more than one project id"},
		{id: "NOTAHEX/ws/orders", wantErr: "is not a project id"},
		{id: testProjectID + "//orders", wantErr: "must not be empty"},
		{id: testProjectID + "/ws", wantErr: "project_id/workspace_name/connection_name"},
		{id: "a/b/c/d", wantErr: "project_id/workspace_name/connection_name"},
		{id: "-" + testProjectID + "-orders", wantErr: "workspace_name-project_id-connection_name"},
		{id: "ws-" + testProjectID + "-", wantErr: "workspace_name-project_id-connection_name"},
		{id: "", wantErr: "is not valid"},
	}
	for _, tc := range tests {
		t.Run(tc.id, func(t *testing.T) {
			got, err := parseImportID(tc.id)
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("err = %v, want one containing %q", err, tc.wantErr)
				}
				return
			}
			if err != nil || got != tc.want {
				t.Fatalf("got %+v, %v; want %+v", got, err, tc.want)
			}
		})
	}
}

// FuzzParseImportID: whatever the input, no panic, and an accepted id names
// a valid project and non-empty names that print back to an accepted id.
func FuzzParseImportID(f *testing.F) {
	for _, seed := range []string{testProjectID + "/ws/c", "ws-" + testProjectID + "-c", "a-b-c", "//", ""} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, id string) {
		ids, err := parseImportID(id)
		if err != nil {
			return
		}
		if !connection.IsProjectID(ids.ProjectID) || ids.Workspace == "" || ids.Name == "" {
			t.Fatalf("accepted %q as %+v", id, ids)
		}
		if again, err := parseImportID(ids.String()); err != nil || again != ids {
			t.Fatalf("%q -> %+v -> %q -> %+v, %v", id, ids, ids.String(), again, err)
		}
	})
}
