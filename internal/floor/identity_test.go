package floor

import (
	"context"
	"strings"
	"testing"

	fwprovider "github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	fwresource "github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/atlasx/terraform-provider-atlasx/internal/provider"
)

const (
	testProject = "0123456789abcdef01234567"
	address     = "atlasx_stream_connection.test"
)

func floorConfig(groupID string) string {
	return `
resource "atlasx_stream_connection" "test" {
  project_id      = "` + testProject + `"
  workspace_name  = "ws"
  connection_name = "floored"
  kafka = {
    bootstrap_servers = "b1.example.com:9092"
    config            = { "group.id" = "` + groupID + `" }
    authentication    = { mechanism = "SCRAM-256", username = "u", password = "p" }
    security          = { protocol = "SASL_SSL" }
  }
}
`
}

// The floor provider records the identity the real resource records, on
// create, update and refresh alike, so the framework does the same identity
// work for both.
func TestAccFloorSetsTheRealIdentity(t *testing.T) {
	t.Parallel()
	identity := statecheck.ExpectIdentity(address, map[string]knownvalue.Check{
		"project_id":      knownvalue.StringExact(testProject),
		"workspace_name":  knownvalue.StringExact("ws"),
		"connection_name": knownvalue.StringExact("floored"),
	})
	resource.Test(t, resource.TestCase{
		// Resource identities came with Terraform 1.12 (OpenTofu 1.12 reads them too).
		TerraformVersionChecks: []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_12_0)},
		ProtoV6ProviderFactories: map[string]func() (tfprotov6.ProviderServer, error){
			"atlasx": providerserver.NewProtocol6WithError(New(provider.New("test"))()),
		},
		Steps: []resource.TestStep{
			{Config: floorConfig("a"), ConfigStateChecks: []statecheck.StateCheck{identity}},
			{
				Config: floorConfig("b"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(address, plancheck.ResourceActionUpdate),
				}},
				ConfigStateChecks: []statecheck.StateCheck{identity},
			},
			{
				Config:            floorConfig("b"),
				ConfigPlanChecks:  resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
				ConfigStateChecks: []statecheck.StateCheck{identity},
			},
		},
	})
}

// An import is the real resource's: the same state and identity from the
// same import id.
func TestFloorImportsAsTheRealResource(t *testing.T) {
	ctx := context.Background()
	atlasx := realResource(t, address[:strings.Index(address, ".")])
	floor, ok := newResource(atlasx).(*identityResource)
	if !ok {
		t.Fatalf("the floor resource has no identity, though %T has one", atlasx)
	}
	importID := testProject + "/ws/floored"
	want, got := importResponse(t, atlasx), importResponse(t, floor)
	atlasx.(fwresource.ResourceWithImportState).ImportState(ctx, fwresource.ImportStateRequest{ID: importID}, want)
	floor.ImportState(ctx, fwresource.ImportStateRequest{ID: importID}, got)
	if want.Diagnostics.HasError() || got.Diagnostics.HasError() {
		t.Fatalf("import: real %v, floor %v", want.Diagnostics, got.Diagnostics)
	}
	if !got.Identity.Raw.Equal(want.Identity.Raw) || !got.State.Raw.Equal(want.State.Raw) {
		t.Errorf("floor import = %s, %s; want %s, %s", got.Identity.Raw, got.State.Raw, want.Identity.Raw, want.State.Raw)
	}
	if got.Identity.Raw.IsFullyNull() {
		t.Error("the import set no identity")
	}
}

// importResponse is an empty import response for r's schemas, as the framework gives one.
func importResponse(t *testing.T, r fwresource.Resource) *fwresource.ImportStateResponse {
	t.Helper()
	ctx := context.Background()
	var schema fwresource.SchemaResponse
	r.Schema(ctx, fwresource.SchemaRequest{}, &schema)
	var identity fwresource.IdentitySchemaResponse
	r.(fwresource.ResourceWithIdentity).IdentitySchema(ctx, fwresource.IdentitySchemaRequest{}, &identity)
	if schema.Diagnostics.HasError() || identity.Diagnostics.HasError() {
		t.Fatal(schema.Diagnostics, identity.Diagnostics)
	}
	return &fwresource.ImportStateResponse{
		State:    tfsdk.State{Schema: schema.Schema, Raw: tftypes.NewValue(schema.Schema.Type().TerraformType(ctx), nil)},
		Identity: &tfsdk.ResourceIdentity{Schema: identity.IdentitySchema, Raw: tftypes.NewValue(identity.IdentitySchema.Type().TerraformType(ctx), nil)},
	}
}

func TestIdentityOfRefusesAnAttributeTheResourceLacks(t *testing.T) {
	object := tftypes.NewValue(tftypes.Object{AttributeTypes: map[string]tftypes.Type{"name": tftypes.String}},
		map[string]tftypes.Value{"name": tftypes.NewValue(tftypes.String, "n")})
	identityType := tftypes.Object{AttributeTypes: map[string]tftypes.Type{"name": tftypes.String, "region": tftypes.String}}
	_, err := identityOf(object, identityType)
	if err == nil || !strings.Contains(err.Error(), `identity attribute "region"`) {
		t.Errorf("identityOf = %v, want an error naming region", err)
	}
}

// realResource is the atlasx provider's resource typeName, as the provider
// lists it: the floor knows resources only through their provider.
func realResource(t *testing.T, typeName string) fwresource.Resource {
	t.Helper()
	ctx := context.Background()
	p := provider.New("test")()
	var meta fwprovider.MetadataResponse
	p.Metadata(ctx, fwprovider.MetadataRequest{}, &meta)
	for _, newResource := range p.Resources(ctx) {
		r := newResource()
		var resp fwresource.MetadataResponse
		r.Metadata(ctx, fwresource.MetadataRequest{ProviderTypeName: meta.TypeName}, &resp)
		if resp.TypeName == typeName {
			return r
		}
	}
	t.Fatalf("the provider has no resource %s", typeName)
	return nil
}
