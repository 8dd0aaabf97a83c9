package resource_stream_connection

import (
	"context"
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/list"
	listschema "github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/atlasx/terraform-provider-atlasx/internal/client"
	"github.com/atlasx/terraform-provider-atlasx/internal/connection"
	"github.com/atlasx/terraform-provider-atlasx/internal/emulator"
	"github.com/atlasx/terraform-provider-atlasx/internal/providerdata"
	"github.com/atlasx/terraform-provider-atlasx/internal/sharedreads"
)

// listAtlas is an emulator with the usual seed, and provider data whose
// client signs in to it with the seed's service account.
type listAtlas struct {
	em   *emulator.Emulator
	seed emulator.Seed
	data *providerdata.Data
}

func newListAtlas(t *testing.T) *listAtlas {
	t.Helper()
	em := emulator.New()
	seed := em.Seed(emulator.Seed{ProjectID: testProjectID})
	em.Start()
	t.Cleanup(func() { _ = em.Close() })
	c, err := client.New(client.Config{BaseURL: em.URL(), ClientID: seed.ClientID, ClientSecret: seed.ClientSecret, MinBackoff: time.Millisecond, MaxBackoff: 10 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	return &listAtlas{em: em, seed: seed, data: providerdata.New(c, sharedreads.New(c, sharedreads.Config{}), nil, connection.DefaultPolling)}
}

// put stores conn in workspace as if made outside Terraform.
func (a *listAtlas) put(t *testing.T, workspace string, conn client.StreamConnection) {
	t.Helper()
	a.em.AddWorkspace(a.seed.ProjectID, workspace, a.seed.Region)
	b, err := json.Marshal(conn)
	if err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	if err := a.em.PutConnection(a.seed.ProjectID, workspace, doc); err != nil {
		t.Fatal(err)
	}
}

// putSamples stores n Sample connections named c0000, c0001, ... in workspace.
func (a *listAtlas) putSamples(t *testing.T, workspace string, n int) {
	t.Helper()
	for i := range n {
		a.put(t, workspace, client.StreamConnection{Name: fmt.Sprintf("c%04d", i), Type: client.TypeSample})
	}
}

// listPages counts the connection-list requests since the last call.
func (a *listAtlas) listPages() int {
	n := a.em.Counts().Requests["GET "+emulator.RouteConnections]
	a.em.ResetCounts()
	return n
}

// listQuery is a list block's config, with limit and include_resource.
type listQuery struct {
	project         string // "" is the seed's
	workspace, typ  string // "" leaves the attribute null
	limit           int64
	includeResource bool
}

// run lists as `terraform query` would and collects every result.
func (a *listAtlas) run(t *testing.T, q listQuery) []list.ListResult {
	t.Helper()
	ctx := context.Background()
	r := &connectionListResource{}
	var configure resource.ConfigureResponse
	r.Configure(ctx, resource.ConfigureRequest{ProviderData: a.data}, &configure)
	if configure.Diagnostics.HasError() {
		t.Fatal(configure.Diagnostics)
	}
	var schemaResp list.ListResourceSchemaResponse
	r.ListResourceConfigSchema(ctx, list.ListResourceSchemaRequest{}, &schemaResp)
	nullable := func(s string) tftypes.Value {
		if s == "" {
			return tftypes.NewValue(tftypes.String, nil)
		}
		return tftypes.NewValue(tftypes.String, s)
	}
	project := q.project
	if project == "" {
		project = a.seed.ProjectID
	}
	config := tfsdk.Config{Schema: schemaResp.Schema, Raw: tftypes.NewValue(schemaResp.Schema.Type().TerraformType(ctx), map[string]tftypes.Value{
		"project_id":     tftypes.NewValue(tftypes.String, project),
		"workspace_name": nullable(q.workspace),
		"type":           nullable(q.typ),
	})}
	var identity resource.IdentitySchemaResponse
	(&connectionResource{}).IdentitySchema(ctx, resource.IdentitySchemaRequest{}, &identity)
	req := list.ListRequest{
		Config: config, IncludeResource: q.includeResource, Limit: q.limit,
		ResourceSchema: resourceSchema(ctx), ResourceIdentitySchema: identity.IdentitySchema,
	}
	var stream list.ListResultsStream
	r.List(ctx, req, &stream)
	var out []list.ListResult
	for result := range stream.Results {
		out = append(out, result)
	}
	return out
}

func resultNames(t *testing.T, results []list.ListResult) []string {
	t.Helper()
	var names []string
	for _, r := range results {
		if r.Diagnostics.HasError() {
			t.Fatal(r.Diagnostics)
		}
		var id identityModel
		if diags := r.Identity.Get(context.Background(), &id); diags.HasError() {
			t.Fatal(diags)
		}
		names = append(names, id.WorkspaceName.ValueString()+"/"+id.ConnectionName.ValueString())
	}
	return names
}

func TestListDisplayName(t *testing.T) {
	tests := []struct {
		found listed
		want  string
	}{
		{listed{connection.IDs{ProjectID: testProjectID, Workspace: "analytics", Name: "orders"}, &client.StreamConnection{Name: "orders", Type: client.TypeKafka}}, "orders (Kafka) in workspace analytics"},
		{listed{connection.IDs{ProjectID: testProjectID, Workspace: "ws", Name: "sample_stream_solar"}, &client.StreamConnection{Name: "sample_stream_solar", Type: client.TypeSample}}, "sample_stream_solar (Sample) in workspace ws"},
		{listed{connection.IDs{ProjectID: testProjectID, Workspace: "ws", Name: "blobs"}, &client.StreamConnection{Name: "blobs", Type: client.TypeAzureBlobStorage}}, "blobs (AzureBlobStorage) in workspace ws"},
	}
	for _, tt := range tests {
		if got := displayName(tt.found); got != tt.want {
			t.Errorf("displayName = %q, want %q", got, tt.want)
		}
	}
}

func TestListMatchesType(t *testing.T) {
	for _, f := range fixtures() {
		conn := &client.StreamConnection{Type: f.api.Type}
		for _, other := range connection.TypeAttributes() {
			if got := matchesType(conn, other); got != (other == connection.AttributeOf(f.api.Type)) {
				t.Errorf("matchesType(%s, %q) = %v", f.api.Type, other, got)
			}
		}
		if !matchesType(conn, "") {
			t.Errorf("no filter refused %s", f.api.Type)
		}
	}
	if matchesType(&client.StreamConnection{Type: "Teleporter"}, "kafka") {
		t.Error("a type the provider does not know matched a filter")
	}
}

func TestListConfigTypeIsValidated(t *testing.T) {
	ctx := context.Background()
	var resp list.ListResourceSchemaResponse
	(&connectionListResource{}).ListResourceConfigSchema(ctx, list.ListResourceSchemaRequest{}, &resp)
	attribute := resp.Schema.Attributes["type"].(listschema.StringAttribute)
	for value, wantError := range map[string]bool{"kafka": false, "aws_kinesis_data_streams": false, "Kafka": true, "teleporter": true} {
		var vresp validator.StringResponse
		for _, v := range attribute.Validators {
			v.ValidateString(ctx, validator.StringRequest{Path: path.Root("type"), ConfigValue: types.StringValue(value)}, &vresp)
		}
		if vresp.Diagnostics.HasError() != wantError {
			t.Errorf("type = %q: error %v, want %v (%v)", value, vresp.Diagnostics.HasError(), wantError, vresp.Diagnostics)
		}
	}
}

func TestListStreamsPagesAndHonoursLimit(t *testing.T) {
	a := newListAtlas(t)
	a.putSamples(t, "ws", 1203)
	a.listPages()
	tests := []struct {
		limit     int64
		wantCount int
		wantPages int
	}{
		{0, 1203, 3},    // no limit: every page
		{10, 10, 1},     // the first page has enough
		{500, 500, 1},   // exactly the first page
		{501, 501, 2},   // one item into the second
		{5000, 1203, 3}, // more than there is
	}
	for _, tt := range tests {
		t.Run(fmt.Sprint("limit ", tt.limit), func(t *testing.T) {
			names := resultNames(t, a.run(t, listQuery{workspace: "ws", limit: tt.limit}))
			if len(names) != tt.wantCount {
				t.Fatalf("%d results, want %d", len(names), tt.wantCount)
			}
			for i, name := range names {
				if want := fmt.Sprintf("ws/c%04d", i); name != want {
					t.Fatalf("result %d is %s, want %s", i, name, want)
				}
			}
			if got := a.listPages(); got != tt.wantPages {
				t.Errorf("%d list requests, want %d", got, tt.wantPages)
			}
		})
	}
}

func TestListFiltersByType(t *testing.T) {
	a := newListAtlas(t)
	for _, f := range fixtures() {
		a.put(t, "ws", f.api)
	}
	perType, apiTypes := map[string]int{}, map[string]string{}
	for _, f := range fixtures() {
		attribute := connection.AttributeOf(f.api.Type)
		perType[attribute]++
		apiTypes[attribute] = f.api.Type
	}
	for _, attribute := range connection.TypeAttributes() {
		t.Run(attribute, func(t *testing.T) {
			results := a.run(t, listQuery{workspace: "ws", typ: attribute})
			if len(results) != perType[attribute] {
				t.Errorf("results %v, want the %d %s connections", resultNames(t, results), perType[attribute], apiTypes[attribute])
			}
			for _, r := range results {
				if !strings.Contains(r.DisplayName, "("+apiTypes[attribute]+")") {
					t.Errorf("%s passed the %s filter", r.DisplayName, attribute)
				}
			}
		})
	}
	// The limit counts what passes the filter.
	a.putSamples(t, "ws", 3)
	if got := resultNames(t, a.run(t, listQuery{workspace: "ws", typ: "sample", limit: 2})); len(got) != 2 {
		t.Errorf("limit 2 with a filter gave %v", got)
	}
}

// TestListIncludeResourceIsWhatImportReads holds the listed resource of
// every type to what ImportState followed by Read saves for it: secrets and
// write-only values null, server defaults left out, the same identity.
func TestListIncludeResourceIsWhatImportReads(t *testing.T) {
	ctx := context.Background()
	a := newListAtlas(t)
	for _, f := range fixtures() {
		a.put(t, "ws", f.api)
	}
	results := a.run(t, listQuery{workspace: "ws", includeResource: true})
	if len(results) != len(fixtures()) {
		t.Fatalf("%d results, want %d", len(results), len(fixtures()))
	}
	r := &connectionResource{data: a.data}
	for _, result := range results {
		if result.Diagnostics.HasError() {
			t.Fatal(result.Diagnostics)
		}
		var id identityModel
		result.Identity.Get(ctx, &id)
		t.Run(id.ConnectionName.ValueString(), func(t *testing.T) {
			imported := importThenRead(t, r, connection.IDs{ProjectID: id.ProjectID.ValueString(), Workspace: id.WorkspaceName.ValueString(), Name: id.ConnectionName.ValueString()}.String())
			if !result.Resource.Raw.Equal(imported.state.Raw) {
				t.Errorf("listed resource\n%s\nwant what import reads\n%s", result.Resource.Raw, imported.state.Raw)
			}
			if !result.Identity.Raw.Equal(imported.identity.Raw) {
				t.Errorf("listed identity %s, want %s", result.Identity.Raw, imported.identity.Raw)
			}
			var m resourceModel
			getModel(ctx, result.Resource.Raw, &m)
			if auth, ok := m.Kafka.Attributes()["authentication"].(types.Object); ok && !auth.IsNull() {
				for _, secret := range []string{"password", "password_wo", "ssl_key"} {
					if !auth.Attributes()[secret].IsNull() {
						t.Errorf("kafka secret %s was listed: %v", secret, auth)
					}
				}
			}
		})
	}
	// Without include_resource there is no resource to build.
	for _, result := range a.run(t, listQuery{workspace: "ws"}) {
		if !result.Resource.Raw.IsNull() {
			t.Errorf("%s: resource set without include_resource", result.DisplayName)
		}
	}
}

type importedConnection struct {
	state    tfsdk.State
	identity *tfsdk.ResourceIdentity
}

// importThenRead runs the resource's ImportState for id and then its Read,
// as `terraform import` does.
func importThenRead(t *testing.T, r *connectionResource, id string) importedConnection {
	t.Helper()
	ctx := context.Background()
	s := resourceSchema(ctx)
	var identitySchema resource.IdentitySchemaResponse
	r.IdentitySchema(ctx, resource.IdentitySchemaRequest{}, &identitySchema)
	nullIdentity := func() *tfsdk.ResourceIdentity {
		return &tfsdk.ResourceIdentity{Schema: identitySchema.IdentitySchema, Raw: tftypes.NewValue(identitySchema.IdentitySchema.Type().TerraformType(ctx), nil)}
	}
	imp := resource.ImportStateResponse{State: tfsdk.State{Schema: s, Raw: tftypes.NewValue(s.Type().TerraformType(ctx), nil)}, Identity: nullIdentity()}
	r.ImportState(ctx, resource.ImportStateRequest{ID: id}, &imp)
	if imp.Diagnostics.HasError() {
		t.Fatal(imp.Diagnostics)
	}
	read := resource.ReadResponse{State: imp.State, Identity: nullIdentity()}
	withPrivateData(&read)
	r.Read(ctx, resource.ReadRequest{State: imp.State, Identity: imp.Identity}, &read)
	if read.Diagnostics.HasError() {
		t.Fatal(read.Diagnostics)
	}
	return importedConnection{state: read.State, identity: read.Identity}
}

// withPrivateData gives a response the private state data that the framework
// hands every Read, whose type is internal to the framework: a zero value is
// ready for use.
func withPrivateData(resp *resource.ReadResponse) {
	field := reflect.ValueOf(resp).Elem().FieldByName("Private")
	field.Set(reflect.New(field.Type().Elem()))
}

func TestListEveryWorkspaceWithoutWorkspaceName(t *testing.T) {
	a := newListAtlas(t)
	a.putSamples(t, "ws", 2)
	a.putSamples(t, "other", 1)
	got := strings.Join(resultNames(t, a.run(t, listQuery{})), ",")
	if want := "ws/c0000,ws/c0001,other/c0000"; got != want {
		t.Errorf("results %s, want %s (the seed's workspace %s is empty)", got, want, a.seed.Workspace)
	}
}

func TestListUnreadableWorkspaceIsOneError(t *testing.T) {
	a := newListAtlas(t)
	a.putSamples(t, "ws", 1)
	check := func(t *testing.T, results []list.ListResult, wants ...string) {
		t.Helper()
		if len(results) != 1 || len(results[0].Diagnostics) != 1 || !results[0].Diagnostics.HasError() {
			t.Fatalf("want one result with one error, got %+v", results)
		}
		detail := results[0].Diagnostics[0].Detail()
		for _, want := range wants {
			if !strings.Contains(detail, want) {
				t.Errorf("error %q does not say %q", detail, want)
			}
		}
	}
	t.Run("missing workspace", func(t *testing.T) {
		check(t, a.run(t, listQuery{workspace: "nope"}), `workspace "nope" of project `+a.seed.ProjectID+" was not found")
	})
	t.Run("no role in the project", func(t *testing.T) {
		const elsewhere = "aaaaaaaaaaaaaaaaaaaaaaaa" // the seed's credentials have no role here
		a.em.AddWorkspace(elsewhere, "ws", a.seed.Region)
		check(t, a.run(t, listQuery{project: elsewhere, workspace: "ws"}), `may not read workspace "ws" of project `+elsewhere)
		check(t, a.run(t, listQuery{project: elsewhere}), "may not read project "+elsewhere)
	})
}
