package resource_stream_connection

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/atlasx/terraform-provider-atlasx/internal/client"
	"github.com/atlasx/terraform-provider-atlasx/internal/connection"
	"github.com/atlasx/terraform-provider-atlasx/internal/providerdata"
)

// readContext bounds a read by the provider's read_timeout: Terraform gives
// reads no deadline, and the client waits out Atlas's rate limit for as long
// as its context allows.
func readContext(ctx context.Context, data *providerdata.Data) (context.Context, context.CancelFunc, time.Duration) {
	timeout := data.ReadTimeoutOrDefault()
	readCtx, cancel := context.WithTimeout(ctx, timeout)
	return readCtx, cancel, timeout
}

// readFailure explains the error of a read bounded by readContext: an
// interrupt as an interrupt, and the bound that ran out with how to raise it.
func readFailure(err error, timeout time.Duration) string {
	// The error may end in Atlas's own full stop.
	said := strings.TrimRight(err.Error(), ".")
	raise := fmt.Sprintf("Raise read_timeout in the provider block (now %s; for example read_timeout = \"15m\") to wait longer", timeout)
	switch {
	case connection.Interrupted(err):
		return "Interrupted before Atlas answered (" + said + "). Nothing was changed; run the command again."
	case client.IsRateLimited(err) && errors.Is(err, context.DeadlineExceeded):
		return said + ". Atlas's rate limit kept this read waiting until the provider's read_timeout ran out. " +
			raise + ", or run fewer operations at once (-parallelism) or at a quieter time."
	case errors.Is(err, context.DeadlineExceeded):
		return said + ". The read did not finish within the provider's read_timeout. " + raise + "."
	default:
		return err.Error()
	}
}
