// Package providerdata carries what the provider's Configure hands to its
// resources and data sources.
package providerdata

import (
	"time"

	"github.com/atlasx/terraform-provider-atlasx/internal/client"
	"github.com/atlasx/terraform-provider-atlasx/internal/connection"
	"github.com/atlasx/terraform-provider-atlasx/internal/sharedreads"
)

// Data is the provider's configured state. When no usable credentials were
// given, client is nil and err says why; that error is reported only when a
// resource actually needs the API, so `validate` works without credentials.
type Data struct {
	client  *client.Client
	reads   *sharedreads.Reads
	err     error
	Polling connection.Polling
	// Plans records what this command plans for each connection, for
	// the plans of the resources that depend on it.
	Plans *connection.Plans
	// AdoptExisting lets a create take over a matching connection that is
	// already in Atlas (the provider's adopt_existing setting).
	AdoptExisting bool
	// ReadTimeout bounds each read (the provider's read_timeout setting);
	// zero means DefaultReadTimeout.
	ReadTimeout time.Duration
}

// DefaultReadTimeout bounds a read when the provider sets no read_timeout:
// long enough to wait out a busy token bucket, short enough that a refresh
// throttled without end fails with a reason rather than hangs.
const DefaultReadTimeout = 5 * time.Minute

// ReadTimeoutOrDefault is ReadTimeout, or DefaultReadTimeout when unset.
func (d *Data) ReadTimeoutOrDefault() time.Duration {
	if d.ReadTimeout > 0 {
		return d.ReadTimeout
	}
	return DefaultReadTimeout
}

// New returns the data for a configured client and the reads shared over
// it, or for the error that kept one from being built. Configure builds it
// for each command (each graph walk), so its Plans are the command's own.
func New(c *client.Client, reads *sharedreads.Reads, err error, polling connection.Polling) *Data {
	return &Data{client: c, reads: reads, err: err, Polling: polling, Plans: connection.NewPlans()}
}

// Reads returns the connection reads and writes shared over the client.
func (d *Data) Reads() *sharedreads.Reads {
	return d.reads
}

// Client returns the API client, or why there is none.
func (d *Data) Client() (*client.Client, error) {
	return d.client, d.err
}
