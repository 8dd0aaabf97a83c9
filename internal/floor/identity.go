package floor

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// identityResource is a floor resource whose real resource has an identity:
// it serves the real identity schema and sets the identity wherever the real
// resource does (create, read, update and import), since the framework then
// checks, converts and compares it on every call, which any provider with
// this identity pays. Each identity attribute takes the value of the
// resource attribute of the same name, as the real identity does.
type identityResource struct {
	floorResource
	real resource.ResourceWithIdentity
}

var (
	_ resource.ResourceWithIdentity    = (*identityResource)(nil)
	_ resource.ResourceWithImportState = (*identityResource)(nil)
)

func (r *identityResource) IdentitySchema(ctx context.Context, req resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	r.real.IdentitySchema(ctx, req, resp)
}

func (r *identityResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	r.floorResource.Create(ctx, req, resp)
	setIdentity(resp.State.Raw, resp.Identity, &resp.Diagnostics)
}

func (r *identityResource) Read(_ context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	setIdentity(req.State.Raw, resp.Identity, &resp.Diagnostics)
}

func (r *identityResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	r.floorResource.Update(ctx, req, resp)
	setIdentity(req.Plan.Raw, resp.Identity, &resp.Diagnostics)
}

// ImportState is the real resource's: it calls no API, and what an import
// sets (state and identity) is the real resource's business.
func (r *identityResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	importer, ok := r.real.(resource.ResourceWithImportState)
	if !ok {
		resp.Diagnostics.AddError("Floor provider cannot import", fmt.Sprintf("%T does not import", r.real))
		return
	}
	importer.ImportState(ctx, req, resp)
}

// setIdentity sets identity (nil for a CLI that knows no identities) to the
// attributes of the same names in object.
func setIdentity(object tftypes.Value, identity *tfsdk.ResourceIdentity, diags *diag.Diagnostics) {
	if identity == nil {
		return
	}
	value, err := identityOf(object, identity.Raw.Type())
	if err != nil {
		diags.AddError("Floor provider cannot set the identity", err.Error())
		return
	}
	identity.Raw = value
}

// identityOf is the value of identityType, an object type, whose attributes
// are those of the same names in object.
func identityOf(object tftypes.Value, identityType tftypes.Type) (tftypes.Value, error) {
	var attributes map[string]tftypes.Value
	if err := object.As(&attributes); err != nil {
		return tftypes.Value{}, err
	}
	objectType, ok := identityType.(tftypes.Object)
	if !ok {
		return tftypes.Value{}, fmt.Errorf("the identity is a %s, not an object", identityType)
	}
	values := make(map[string]tftypes.Value, len(objectType.AttributeTypes))
	for name, t := range objectType.AttributeTypes {
		v, ok := attributes[name]
		if !ok || !v.Type().Equal(t) {
			return tftypes.Value{}, fmt.Errorf("identity attribute %q has no %s attribute of that name in the resource", name, t)
		}
		values[name] = v
	}
	return tftypes.NewValue(identityType, values), nil
}
