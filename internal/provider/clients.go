package provider

import (
	"sync"

	"github.com/atlasx/terraform-provider-atlasx/internal/client"
	"github.com/atlasx/terraform-provider-atlasx/internal/sharedreads"
)

// clients hands every Configure with the same settings the same API client,
// so a provider process holds one service-account token (Atlas rate-limits
// the token endpoint) however often it is configured. A CLI that starts the
// provider configures that process once, but a provider it reattaches to
// (acceptance tests, debugging with TF_REATTACH_PROVIDERS) is configured
// again by every command and graph walk.
type clients struct {
	mu    sync.Mutex
	built map[clientKey]builtClient
}

// builtClient is a client and the connection reads shared over it, which
// remember this process's writes for as long as the client lives.
type builtClient struct {
	api   *client.Client
	reads *sharedreads.Reads
}

// clientKey is everything Configure builds a client from; the provider's
// options are fixed for its life.
type clientKey struct {
	settings         settings
	terraformVersion string
}

// get returns the client for key, building it from cfg the first time;
// built says whether it did.
func (c *clients) get(key clientKey, cfg client.Config) (b builtClient, built bool, err error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if b, ok := c.built[key]; ok {
		return b, false, nil
	}
	api, err := client.New(cfg)
	if err != nil {
		return builtClient{}, false, err
	}
	if c.built == nil {
		c.built = map[clientKey]builtClient{}
	}
	b = builtClient{api: api, reads: sharedreads.New(api, sharedreads.Config{})}
	c.built[key] = b
	return b, true, nil
}
