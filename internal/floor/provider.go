// Package floor is the benchmark's floor provider: the atlasx provider's
// real schemas, with every validator and plan modifier stripped, and no
// behavior (no API client; create and update save the plan, read keeps the
// state, delete does nothing), and the real resource identity, set wherever
// the real resource sets it. What the framework spends serving it is the
// least any provider on this schema can cost; the benchmark reports the real
// provider's CPU as a multiple of it. It is derived from the real provider at
// run time, so it never drifts from the schema it stands for.
package floor

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/resource"
)

// New wraps the provider that atlasx builds.
func New(atlasx func() provider.Provider) func() provider.Provider {
	return func() provider.Provider { return &floorProvider{real: atlasx()} }
}

type floorProvider struct{ real provider.Provider }

func (p *floorProvider) Metadata(ctx context.Context, req provider.MetadataRequest, resp *provider.MetadataResponse) {
	p.real.Metadata(ctx, req, resp)
}

// Schema is the real provider's: it is read once per process, and the
// benchmark's configuration sets nothing in it.
func (p *floorProvider) Schema(ctx context.Context, req provider.SchemaRequest, resp *provider.SchemaResponse) {
	p.real.Schema(ctx, req, resp)
}

// Configure builds no client: nothing here calls an API.
func (p *floorProvider) Configure(context.Context, provider.ConfigureRequest, *provider.ConfigureResponse) {
}

func (p *floorProvider) Resources(ctx context.Context) []func() resource.Resource {
	var out []func() resource.Resource
	for _, build := range p.real.Resources(ctx) {
		out = append(out, func() resource.Resource { return newResource(build()) })
	}
	return out
}

func (p *floorProvider) DataSources(ctx context.Context) []func() datasource.DataSource {
	var out []func() datasource.DataSource
	for _, build := range p.real.DataSources(ctx) {
		out = append(out, func() datasource.DataSource { return &floorDataSource{real: build()} })
	}
	return out
}

// newResource is the floor resource for atlasx: an identityResource when
// that has an identity, so that the framework does the same identity work for both.
func newResource(atlasx resource.Resource) resource.Resource {
	if withIdentity, ok := atlasx.(resource.ResourceWithIdentity); ok {
		return &identityResource{floorResource: floorResource{real: atlasx}, real: withIdentity}
	}
	return &floorResource{real: atlasx}
}

// floorResource serves the real resource's name and stripped schema.
type floorResource struct{ real resource.Resource }

func (r *floorResource) Metadata(ctx context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	r.real.Metadata(ctx, req, resp)
}

func (r *floorResource) Schema(ctx context.Context, req resource.SchemaRequest, resp *resource.SchemaResponse) {
	r.real.Schema(ctx, req, resp)
	stripped, err := Strip(resp.Schema)
	if err != nil {
		resp.Diagnostics.AddError("Floor provider cannot strip the schema", err.Error())
		return
	}
	resp.Schema = stripped
}

func (r *floorResource) Create(_ context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	resp.State.Raw = applied(req.Plan.Raw, &resp.Diagnostics)
}

func (r *floorResource) Read(context.Context, resource.ReadRequest, *resource.ReadResponse) {}

func (r *floorResource) Update(_ context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	resp.State.Raw = applied(req.Plan.Raw, &resp.Diagnostics)
}

func (r *floorResource) Delete(context.Context, resource.DeleteRequest, *resource.DeleteResponse) {}

// floorDataSource serves the real data source's name and schema, and reads nothing.
type floorDataSource struct{ real datasource.DataSource }

func (d *floorDataSource) Metadata(ctx context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	d.real.Metadata(ctx, req, resp)
}

func (d *floorDataSource) Schema(ctx context.Context, req datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	d.real.Schema(ctx, req, resp)
}

func (d *floorDataSource) Read(context.Context, datasource.ReadRequest, *datasource.ReadResponse) {}
