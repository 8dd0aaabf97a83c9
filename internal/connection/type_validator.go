package connection

import (
	"context"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// exactlyOneType requires exactly one of the type attributes, with the
// diagnostics of resourcevalidator.ExactlyOneOf. That validator matches path
// expressions against the whole configuration, which cost about a tenth of
// the provider's CPU per resource; the attributes are all at the root, so
// this reads them straight from the raw configuration. The zero value checks
// every connection type; the failover resource lists its own (ExactlyOneType).
type exactlyOneType struct{ attributes []string }

var _ resource.ConfigValidator = exactlyOneType{}

// ExactlyOneType requires exactly one of the type attributes named, for a
// resource that has only some of the connection types.
func ExactlyOneType(attributes ...string) resource.ConfigValidator {
	return exactlyOneType{attributes: attributes}
}

func (v exactlyOneType) names() []string {
	if v.attributes == nil {
		return TypeAttributes()
	}
	return v.attributes
}

// description is ExactlyOneOf's, word for word.
func (v exactlyOneType) description() string {
	return "Exactly one of these attributes must be configured: [" + strings.Join(v.names(), ",") + "]"
}

func (v exactlyOneType) Description(context.Context) string         { return v.description() }
func (v exactlyOneType) MarkdownDescription(context.Context) string { return v.description() }

func (v exactlyOneType) ValidateResource(_ context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	resp.Diagnostics.Append(v.check(req.Config.Raw)...)
}

func (v exactlyOneType) check(config tftypes.Value) diag.Diagnostics {
	var diags diag.Diagnostics
	if !config.IsKnown() {
		return diags
	}
	var attributes map[string]tftypes.Value // stays empty for a null configuration
	if err := config.As(&attributes); err != nil {
		diags.AddError("Invalid configuration", "Reading the connection-type attributes failed: "+err.Error()+". This is a bug in the provider.")
		return diags
	}
	var configured []string
	unknown := false
	for _, name := range v.names() {
		v, ok := attributes[name]
		switch {
		case !ok:
		case !v.IsKnown():
			unknown = true
		case !v.IsNull():
			configured = append(configured, name)
		}
	}
	switch {
	case len(configured) > 1:
		diags.AddAttributeError(path.Root(configured[0]), "Invalid Attribute Combination", v.description())
	case len(configured) == 0 && !unknown:
		diags.AddError("Missing Attribute Configuration", v.description())
	}
	return diags
}
