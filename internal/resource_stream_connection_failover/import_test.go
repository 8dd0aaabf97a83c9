package resource_stream_connection_failover

import (
	"strings"
	"testing"
)

func TestParseImportID(t *testing.T) {
	const project = "32b6e34b3d91647abb20e7b8"
	for _, tc := range []struct {
		id      string
		want    importedFailover
		wantErr string
	}{
		{id: project + "/analytics/orders/DUBLIN_IRL", want: importedFailover{failoverIDs: failoverIDs{project, "analytics", "orders", "DUBLIN_IRL"}}},
		// The official provider's form ends with Atlas's id.
		{id: project + "/analytics/orders/65f1c2a4b9e8d7c6b5a49382", want: importedFailover{failoverIDs: failoverIDs{project, "analytics", "orders", ""}, id: "65f1c2a4b9e8d7c6b5a49382"}},
		{id: project + "/analytics/orders", wantErr: "project_id/workspace_name/connection_name/region"},
		{id: project + "/analytics//DUBLIN_IRL", wantErr: "has an empty part"},
		{id: "analytics/" + project + "/orders/DUBLIN_IRL", wantErr: `"analytics" is not a project id`},
	} {
		got, err := parseImportID(tc.id)
		switch {
		case tc.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tc.wantErr)):
			t.Errorf("parseImportID(%q) error = %v, want one containing %q", tc.id, err, tc.wantErr)
		case tc.wantErr == "" && err != nil:
			t.Errorf("parseImportID(%q): %v", tc.id, err)
		case tc.wantErr == "" && got != tc.want:
			t.Errorf("parseImportID(%q) = %+v, want %+v", tc.id, got, tc.want)
		}
	}
}
