package acctest

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"path"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
)

// StandIn stands in for another provider: it serves that provider's
// resource schemas and keeps the state it is given, and does nothing else.
// A CLI loads the schema of every provider a state names, so moving a
// resource from another provider needs that provider; this is it, without
// downloading anything.
type StandIn struct {
	// Source is the provider's source as required_providers spells it,
	// e.g. "mongodb/mongodbatlas"; without a host, the tests' registry host.
	Source string
	// Resources holds each resource type's schema as `providers schema
	// -json` prints it: {"version": N, "block": {"attributes": {...}}}.
	Resources map[string]json.RawMessage
}

// localName is the provider's name in configuration, the source's last part.
func (s StandIn) localName() string { return path.Base(s.Source) }

// address is the provider's full address, as the CLI looks it up.
func (s StandIn) address() string {
	if strings.Count(s.Source, "/") == 2 {
		return s.Source
	}
	return RegistryHost() + "/" + s.Source
}

func (s StandIn) factory() (tfprotov6.ProviderServer, error) {
	var resources []func() resource.Resource
	for _, typeName := range slices.Sorted(maps.Keys(s.Resources)) {
		sch, err := parseResourceSchema(s.Resources[typeName])
		if err != nil {
			return nil, fmt.Errorf("stand-in %s: resource %s: %w", s.Source, typeName, err)
		}
		resources = append(resources, func() resource.Resource { return &standInResource{typeName: typeName, schema: sch} })
	}
	return providerserver.NewProtocol6WithError(&standInProvider{name: s.localName(), resources: resources})()
}

type standInProvider struct {
	name      string
	resources []func() resource.Resource
}

func (p *standInProvider) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = p.name
}

func (p *standInProvider) Schema(context.Context, provider.SchemaRequest, *provider.SchemaResponse) {}

func (p *standInProvider) Configure(context.Context, provider.ConfigureRequest, *provider.ConfigureResponse) {
}

func (p *standInProvider) Resources(context.Context) []func() resource.Resource { return p.resources }

func (p *standInProvider) DataSources(context.Context) []func() datasource.DataSource { return nil }

// standInResource keeps whatever state it holds: Read changes nothing, and
// every change is refused.
type standInResource struct {
	typeName string
	schema   schema.Schema
}

func (r *standInResource) Metadata(_ context.Context, _ resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = r.typeName
}

func (r *standInResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = r.schema
}

func (r *standInResource) Read(context.Context, resource.ReadRequest, *resource.ReadResponse) {}

func (r *standInResource) Create(_ context.Context, _ resource.CreateRequest, resp *resource.CreateResponse) {
	resp.Diagnostics.AddError("Stand-in provider", r.typeName+" is served by a test stand-in, which cannot create anything.")
}

func (r *standInResource) Update(_ context.Context, _ resource.UpdateRequest, resp *resource.UpdateResponse) {
	resp.Diagnostics.AddError("Stand-in provider", r.typeName+" is served by a test stand-in, which cannot change anything.")
}

func (r *standInResource) Delete(_ context.Context, _ resource.DeleteRequest, resp *resource.DeleteResponse) {
	resp.Diagnostics.AddError("Stand-in provider", r.typeName+" is served by a test stand-in, which cannot delete anything.")
}

// The JSON form of a schema, as `providers schema -json` prints it.
type (
	jsonSchema struct {
		Version int64 `json:"version"`
		Block   struct {
			Attributes map[string]jsonAttribute `json:"attributes"`
			BlockTypes map[string]any           `json:"block_types"`
		} `json:"block"`
	}
	jsonAttribute struct {
		Type       json.RawMessage `json:"type"`
		NestedType *struct {
			Attributes  map[string]jsonAttribute `json:"attributes"`
			NestingMode string                   `json:"nesting_mode"`
		} `json:"nested_type"`
		Required  bool `json:"required"`
		Optional  bool `json:"optional"`
		Computed  bool `json:"computed"`
		Sensitive bool `json:"sensitive"`
	}
)

func parseResourceSchema(raw json.RawMessage) (schema.Schema, error) {
	var js jsonSchema
	if err := json.Unmarshal(raw, &js); err != nil {
		return schema.Schema{}, err
	}
	if len(js.Block.BlockTypes) > 0 {
		return schema.Schema{}, fmt.Errorf("nested blocks are not supported")
	}
	attrs, err := schemaAttributes(js.Block.Attributes)
	return schema.Schema{Version: js.Version, Attributes: attrs}, err
}

func schemaAttributes(in map[string]jsonAttribute) (map[string]schema.Attribute, error) {
	out := make(map[string]schema.Attribute, len(in))
	for name, a := range in {
		converted, err := a.attribute()
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		out[name] = converted
	}
	return out, nil
}

func (a jsonAttribute) attribute() (schema.Attribute, error) {
	if n := a.NestedType; n != nil {
		attrs, err := schemaAttributes(n.Attributes)
		if err != nil {
			return nil, err
		}
		object := schema.NestedAttributeObject{Attributes: attrs}
		switch n.NestingMode {
		case "single":
			return schema.SingleNestedAttribute{Attributes: attrs, Required: a.Required, Optional: a.Optional, Computed: a.Computed, Sensitive: a.Sensitive}, nil
		case "list":
			return schema.ListNestedAttribute{NestedObject: object, Required: a.Required, Optional: a.Optional, Computed: a.Computed, Sensitive: a.Sensitive}, nil
		case "set":
			return schema.SetNestedAttribute{NestedObject: object, Required: a.Required, Optional: a.Optional, Computed: a.Computed, Sensitive: a.Sensitive}, nil
		case "map":
			return schema.MapNestedAttribute{NestedObject: object, Required: a.Required, Optional: a.Optional, Computed: a.Computed, Sensitive: a.Sensitive}, nil
		}
		return nil, fmt.Errorf("nesting mode %q is not supported", n.NestingMode)
	}
	typ, err := attrType(a.Type)
	if err != nil {
		return nil, err
	}
	switch t := typ.(type) {
	case types.ListType:
		return schema.ListAttribute{ElementType: t.ElemType, Required: a.Required, Optional: a.Optional, Computed: a.Computed, Sensitive: a.Sensitive}, nil
	case types.SetType:
		return schema.SetAttribute{ElementType: t.ElemType, Required: a.Required, Optional: a.Optional, Computed: a.Computed, Sensitive: a.Sensitive}, nil
	case types.MapType:
		return schema.MapAttribute{ElementType: t.ElemType, Required: a.Required, Optional: a.Optional, Computed: a.Computed, Sensitive: a.Sensitive}, nil
	case types.ObjectType:
		return schema.ObjectAttribute{AttributeTypes: t.AttrTypes, Required: a.Required, Optional: a.Optional, Computed: a.Computed, Sensitive: a.Sensitive}, nil
	}
	switch typ {
	case types.StringType:
		return schema.StringAttribute{Required: a.Required, Optional: a.Optional, Computed: a.Computed, Sensitive: a.Sensitive}, nil
	case types.NumberType:
		return schema.NumberAttribute{Required: a.Required, Optional: a.Optional, Computed: a.Computed, Sensitive: a.Sensitive}, nil
	case types.BoolType:
		return schema.BoolAttribute{Required: a.Required, Optional: a.Optional, Computed: a.Computed, Sensitive: a.Sensitive}, nil
	}
	return nil, fmt.Errorf("type %s is not supported", a.Type)
}

// attrType is the framework type of a type in its JSON form: "string",
// "number", "bool", ["list"|"set"|"map", T] or ["object", {name: T}].
func attrType(raw json.RawMessage) (attr.Type, error) {
	var primitive string
	if json.Unmarshal(raw, &primitive) == nil {
		switch primitive {
		case "string":
			return types.StringType, nil
		case "number":
			return types.NumberType, nil
		case "bool":
			return types.BoolType, nil
		}
		return nil, fmt.Errorf("type %q is not supported", primitive)
	}
	var pair [2]json.RawMessage
	var kind string
	if err := json.Unmarshal(raw, &pair); err != nil || json.Unmarshal(pair[0], &kind) != nil {
		return nil, fmt.Errorf("type %s is not a type", raw)
	}
	if kind == "object" {
		var fields map[string]json.RawMessage
		if err := json.Unmarshal(pair[1], &fields); err != nil {
			return nil, fmt.Errorf("type %s: %w", raw, err)
		}
		attrs := map[string]attr.Type{}
		for name, field := range fields {
			t, err := attrType(field)
			if err != nil {
				return nil, err
			}
			attrs[name] = t
		}
		return types.ObjectType{AttrTypes: attrs}, nil
	}
	elem, err := attrType(pair[1])
	if err != nil {
		return nil, err
	}
	switch kind {
	case "list":
		return types.ListType{ElemType: elem}, nil
	case "set":
		return types.SetType{ElemType: elem}, nil
	case "map":
		return types.MapType{ElemType: elem}, nil
	}
	return nil, fmt.Errorf("type %s is not supported", raw)
}
