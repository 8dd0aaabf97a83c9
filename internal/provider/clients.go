package provider

import (
	"sync"

	"github.com/atlasx/terraform-provider-atlasx/internal/client"
)

// clients hands every Configure with the same settings the same API client,
// so a provider process holds one service-account token (Atlas rate-limits
// the token endpoint) however often it is configured. A CLI that starts the
// provider configures that process once, but a provider it reattaches to
// (acceptance tests, debugging with TF_REATTACH_PROVIDERS) is configured
// again by every command and graph walk.
type clients struct {
	mu    sync.Mutex
	built map[clientKey]*client.Client
}

// clientKey is everything Configure builds a client from; the provider's
// options are fixed for its life.
type clientKey struct {
	settings         settings
	terraformVersion string
}

// get returns the client for key, building it from cfg the first time;
// built says whether it did.
func (c *clients) get(key clientKey, cfg client.Config) (api *client.Client, built bool, err error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if api, ok := c.built[key]; ok {
		return api, false, nil
	}
	api, err = client.New(cfg)
	if err != nil {
		return nil, false, err
	}
	if c.built == nil {
		c.built = map[clientKey]*client.Client{}
	}
	c.built[key] = api
	return api, true, nil
}
