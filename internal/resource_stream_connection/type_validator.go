package resource_stream_connection

import (
	"context"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// exactlyOneType requires exactly one connection-type attribute, with the
// diagnostics of resourcevalidator.ExactlyOneOf. That validator matches path
// expressions against the whole configuration, which cost about a tenth of
// the provider's CPU per resource; the ten attributes are all at the root,
// so this reads them straight from the raw configuration.
type exactlyOneType struct{}

var _ resource.ConfigValidator = exactlyOneType{}

// exactlyOneTypeDescription is ExactlyOneOf's, word for word.
var exactlyOneTypeDescription = "Exactly one of these attributes must be configured: [" + strings.Join(typeAttributes(), ",") + "]"

func (exactlyOneType) Description(context.Context) string         { return exactlyOneTypeDescription }
func (exactlyOneType) MarkdownDescription(context.Context) string { return exactlyOneTypeDescription }

func (exactlyOneType) ValidateResource(_ context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	resp.Diagnostics.Append(checkExactlyOneType(req.Config.Raw)...)
}

func checkExactlyOneType(config tftypes.Value) diag.Diagnostics {
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
	for _, name := range typeAttributes() {
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
		diags.AddAttributeError(path.Root(configured[0]), "Invalid Attribute Combination", exactlyOneTypeDescription)
	case len(configured) == 0 && !unknown:
		diags.AddError("Missing Attribute Configuration", exactlyOneTypeDescription)
	}
	return diags
}
