package connection

import (
	"fmt"

	dschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	rschema "github.com/hashicorp/terraform-plugin-framework/resource/schema"
)

// resourceOnly are the resource's settings that say nothing about the connection itself.
var resourceOnly = map[string]bool{"delete_on_create_timeout": true, "timeouts": true}

// DataAttributes derives a data source's view of a connection (or failover
// connection) from its resource's schema, so the two never drift apart:
// every attribute computed, with the resource's descriptions and
// sensitivity. required names the lookup keys the data source is given.
func DataAttributes(resource rschema.Schema, required map[string]bool) map[string]dschema.Attribute {
	out := map[string]dschema.Attribute{}
	for name, a := range resource.Attributes {
		if resourceOnly[name] {
			continue
		}
		if required[name] {
			out[name] = dschema.StringAttribute{Required: true, MarkdownDescription: a.GetMarkdownDescription()}
			continue
		}
		out[name] = computedAttribute(a)
	}
	return out
}

func computedAttribute(a rschema.Attribute) dschema.Attribute {
	description := a.GetMarkdownDescription()
	if a.IsWriteOnly() {
		description = "Always null here: write-only values are never stored."
	}
	switch a := a.(type) {
	case rschema.StringAttribute:
		if a.Sensitive && !a.WriteOnly {
			description = "Always null here: Atlas never returns this secret."
		}
		return dschema.StringAttribute{Computed: true, Sensitive: a.Sensitive, MarkdownDescription: description}
	case rschema.BoolAttribute:
		return dschema.BoolAttribute{Computed: true, Sensitive: a.Sensitive, MarkdownDescription: description}
	case rschema.Int64Attribute:
		// Only write-only versions are numbers; they live in the resource's state alone.
		return dschema.Int64Attribute{Computed: true, Sensitive: a.Sensitive, MarkdownDescription: "Always null here: only the resource keeps the versions of write-only secrets."}
	case rschema.MapAttribute:
		return dschema.MapAttribute{Computed: true, Sensitive: a.Sensitive, ElementType: a.ElementType, MarkdownDescription: description}
	case rschema.ListAttribute:
		return dschema.ListAttribute{Computed: true, Sensitive: a.Sensitive, ElementType: a.ElementType, MarkdownDescription: description}
	case rschema.SingleNestedAttribute:
		nested := map[string]dschema.Attribute{}
		for name, child := range a.Attributes {
			nested[name] = computedAttribute(child)
		}
		return dschema.SingleNestedAttribute{Computed: true, Sensitive: a.Sensitive, Attributes: nested, MarkdownDescription: description}
	}
	panic(fmt.Sprintf("connectionDataAttributes: no data source form for %T; add one", a))
}
