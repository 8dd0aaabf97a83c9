package provider

import (
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/atlasx/terraform-provider-atlasx/internal/providerdata"
)

// readTimeoutDescription is the setting's documentation.
var readTimeoutDescription = "How long one read may take, waits for Atlas's rate limit and retries included: the refresh of an " +
	"`atlasx_stream_connection` and each data source. Terraform gives reads no time limit of its own, so without one a read " +
	"throttled without end would wait without end. A duration such as `30s`, `10m` or `1h`; default `" +
	fmt.Sprintf("%dm", int(providerdata.DefaultReadTimeout.Minutes())) + "`. Create, update and delete keep their own `timeouts`."

// resolveReadTimeout parses read_timeout; unset is the default.
func resolveReadTimeout(v types.String, diags *diag.Diagnostics) time.Duration {
	switch {
	case v.IsUnknown():
		diags.AddAttributeError(path.Root("read_timeout"), "Unknown provider setting",
			"read_timeout depends on a value known only after apply, but the provider needs it to plan. Set it statically or from a variable.")
		return 0
	case v.IsNull():
		return providerdata.DefaultReadTimeout
	}
	d, err := time.ParseDuration(v.ValueString())
	if err != nil || d <= 0 {
		diags.AddAttributeError(path.Root("read_timeout"), "Invalid read_timeout",
			fmt.Sprintf("%q is not a positive duration. Use a number with a unit, such as \"30s\", \"10m\" or \"1h\".", v.ValueString()))
		return 0
	}
	return d
}
