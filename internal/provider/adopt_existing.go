package provider

import (
	"fmt"
	"os"
	"strconv"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// envAdoptExisting is atlasx's own variable: Atlas's tooling has no such setting.
const envAdoptExisting = "ATLASX_ADOPT_EXISTING"

// adoptExistingDescription is the setting's documentation, risk included.
const adoptExistingDescription = "When a create finds a connection of the same name already in Atlas (left by an apply that was killed before it saved state, say), " +
	"take it over if its type and every non-secret field match the configuration, and send it the configured secrets. " +
	"Otherwise the create fails as it does without this setting, asking for an import. Default `false`; env `" + envAdoptExisting + "`. " +
	"Risk: a matching connection someone else made is taken over too, and from then on this configuration changes and destroys it."

// resolveAdoptExisting takes adopt_existing from the configuration, else from
// the environment; unset is false. A value that is unknown or not a boolean
// is an error naming where it came from.
func resolveAdoptExisting(v types.Bool, diags *diag.Diagnostics) bool {
	if v.IsUnknown() {
		diags.AddAttributeError(path.Root("adopt_existing"), "Unknown provider setting",
			fmt.Sprintf("adopt_existing depends on a value known only after apply, but the provider needs it to plan. Set it to true or false, from a variable, or through the environment (%s).", envAdoptExisting))
		return false
	}
	if !v.IsNull() {
		return v.ValueBool()
	}
	raw := os.Getenv(envAdoptExisting)
	if raw == "" {
		return false
	}
	adopt, err := strconv.ParseBool(raw)
	if err != nil {
		diags.AddAttributeError(path.Root("adopt_existing"), "Invalid "+envAdoptExisting,
			fmt.Sprintf("%s=%q is not a boolean. Set it to true or false, or unset it.", envAdoptExisting, raw))
		return false
	}
	return adopt
}
