package resource_stream_connection

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/atlasx/terraform-provider-atlasx/internal/connection"
)

// identity builds an import block's identity holding project, workspace and name.
func identity(t *testing.T, project, workspace, name string) *tfsdk.ResourceIdentity {
	t.Helper()
	ctx := context.Background()
	var resp resource.IdentitySchemaResponse
	(&connectionResource{}).IdentitySchema(ctx, resource.IdentitySchemaRequest{}, &resp)
	id := &tfsdk.ResourceIdentity{Schema: resp.IdentitySchema, Raw: tftypes.NewValue(resp.IdentitySchema.Type().TerraformType(ctx), nil)}
	if diags := id.Set(ctx, identityModel{ProjectID: types.StringValue(project), WorkspaceName: types.StringValue(workspace), ConnectionName: types.StringValue(name)}); diags.HasError() {
		t.Fatal(diags)
	}
	return id
}

func TestImportedIDs(t *testing.T) {
	tests := []struct {
		name    string
		req     resource.ImportStateRequest
		want    connection.IDs
		wantErr string // a fragment of the error's detail; "" for none
	}{
		{
			name: "import id",
			req:  resource.ImportStateRequest{ID: testProjectID + "/ws/orders", Identity: identity(t, "", "", "")},
			want: connection.IDs{ProjectID: testProjectID, Workspace: "ws", Name: "orders"},
		},
		{
			name: "identity",
			req:  resource.ImportStateRequest{Identity: identity(t, testProjectID, "ws", "orders")},
			want: connection.IDs{ProjectID: testProjectID, Workspace: "ws", Name: "orders"},
		},
		{name: "identity with a bad project", req: resource.ImportStateRequest{Identity: identity(t, "nope", "ws", "orders")}, wantErr: `project_id "nope" is not an Atlas project id`},
		{name: "identity without a workspace", req: resource.ImportStateRequest{Identity: identity(t, testProjectID, "", "orders")}, wantErr: "workspace_name must not be empty"},
		{name: "identity without a name", req: resource.ImportStateRequest{Identity: identity(t, testProjectID, "ws", "")}, wantErr: "connection_name must not be empty"},
		{name: "neither", req: resource.ImportStateRequest{}, wantErr: `import id "" is not valid`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, diags := importedIDs(context.Background(), tt.req)
			if tt.wantErr != "" {
				if !diags.HasError() || !strings.Contains(diags[0].Detail(), tt.wantErr) {
					t.Fatalf("diagnostics = %v, want an error containing %q", diags, tt.wantErr)
				}
				return
			}
			if diags.HasError() {
				t.Fatal(diags)
			}
			if got != tt.want {
				t.Errorf("ids = %+v, want %+v", got, tt.want)
			}
		})
	}
}

// setIdentity builds the value itself; it must be the one the framework's
// Set makes from the identity model, of the identity schema's type.
func TestSetIdentityMatchesTheFrameworksSet(t *testing.T) {
	ctx := context.Background()
	want := identity(t, testProjectID, "ws", "orders")
	got := &tfsdk.ResourceIdentity{Schema: want.Schema, Raw: tftypes.NewValue(want.Raw.Type(), nil)}
	if diags := setIdentity(ctx, got, connection.IDs{ProjectID: testProjectID, Workspace: "ws", Name: "orders"}); diags.HasError() {
		t.Fatal(diags)
	}
	if !got.Raw.Equal(want.Raw) {
		t.Errorf("setIdentity = %s, want %s", got.Raw, want.Raw)
	}
	if diags := setIdentity(ctx, nil, connection.IDs{}); diags.HasError() {
		t.Errorf("setIdentity without an identity: %v", diags)
	}
}
