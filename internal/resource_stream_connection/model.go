package resource_stream_connection

import (
	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/atlasx/terraform-provider-atlasx/internal/connection"
)

// resourceModel adds what only the managed resource has.
type resourceModel struct {
	connection.Model
	DeleteOnCreateTimeout types.Bool     `tfsdk:"delete_on_create_timeout"`
	Timeouts              timeouts.Value `tfsdk:"timeouts"`
}
