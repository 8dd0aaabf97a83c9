package client

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// DefaultBaseURL is the Atlas Administration API host.
const DefaultBaseURL = "https://cloud.mongodb.com"

// Retry and timeout defaults, used when the matching Config field is zero.
// They are exported so the provider can quote them in its schema descriptions.
const (
	DefaultMaxRetries     = 10
	DefaultMinBackoff     = 500 * time.Millisecond
	DefaultMaxBackoff     = 30 * time.Second
	DefaultRequestTimeout = 60 * time.Second
)

const (
	// acceptHeader asks for the API version this client is written against. The
	// stream connection operations have one resource version (2023-02-01); Atlas
	// serves the newest version on or before the requested date.
	acceptHeader = "application/vnd.atlas.2025-02-19+json"
	// connectionBodyType is what stream connection bodies (create, update)
	// are sent as: Atlas's reference page for these operations sends plain
	// JSON beside the versioned Accept header, although the published document
	// lists only the versioned type for them (CONTRACT.md, "Request bodies").
	connectionBodyType = "application/json"
	// versionedBodyType names the resource version the other bodies
	// (workspaces) are written in, as the document declares.
	versionedBodyType = "application/vnd.atlas.2023-02-01+json"
	defaultUserAgent  = "terraform-provider-atlasx"
	apiPathPrefix     = "/api/atlas/v2"
	tokenPath         = "/api/oauth/token"
)

// Config says where the API is, how to authenticate and how patient to be.
// Exactly one authentication method is used, chosen in this order:
// AccessToken, then ClientID+ClientSecret, then PublicKey+PrivateKey.
type Config struct {
	BaseURL string // default DefaultBaseURL

	PublicKey  string // API key pair, sent with HTTP digest authentication
	PrivateKey string

	ClientID     string // service account, exchanged for tokens at BaseURL+"/api/oauth/token"
	ClientSecret string

	AccessToken string // a bearer token obtained elsewhere

	UserAgent string // e.g. "terraform-provider-atlasx/1.2.3 (+https://...) Terraform/1.12.6"

	// MaxRetries bounds the retries of failed attempts (5xx, network
	// errors): 0 means DefaultMaxRetries, negative means none at all.
	// Otherwise throttled attempts (429) do not count: they are retried
	// until the context ends.
	MaxRetries     int
	MinBackoff     time.Duration // 0 means DefaultMinBackoff
	MaxBackoff     time.Duration // 0 means DefaultMaxBackoff
	RequestTimeout time.Duration // limit for one attempt, answer included; 0 means DefaultRequestTimeout

	Transport http.RoundTripper // nil means a pooled transport with sane timeouts

	// Clock is what rate-limit pauses and the back-off between retries wait
	// on; nil means the system clock. Clients with one clock share their
	// pacers, as the clients of one process share the system clock's. Tests
	// give one that moves only when they say (internal/fakeclock), with the
	// back-off's jitter from a fixed seed, so their counts repeat.
	Clock Clock
}

// Clock is a time source: the system clock, or a test's.
type Clock interface {
	Now() time.Time
	After(d time.Duration) <-chan time.Time
}

// withDefaults fills in zero values and checks the base URL, so the rest of
// the package can trust every field.
func (cfg Config) withDefaults() (Config, error) {
	if cfg.BaseURL == "" {
		cfg.BaseURL = DefaultBaseURL
	}
	cfg.BaseURL = strings.TrimRight(cfg.BaseURL, "/")
	u, err := url.Parse(cfg.BaseURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.RawQuery != "" || u.Fragment != "" {
		return cfg, fmt.Errorf("base URL %q is not an http(s) URL such as %s", cfg.BaseURL, DefaultBaseURL)
	}
	if cfg.UserAgent == "" {
		cfg.UserAgent = defaultUserAgent
	}
	switch {
	case cfg.MaxRetries == 0:
		cfg.MaxRetries = DefaultMaxRetries
	case cfg.MaxRetries < 0:
		cfg.MaxRetries = 0
	}
	if cfg.MinBackoff <= 0 {
		cfg.MinBackoff = DefaultMinBackoff
	}
	if cfg.MaxBackoff <= 0 {
		cfg.MaxBackoff = DefaultMaxBackoff
	}
	if cfg.MaxBackoff < cfg.MinBackoff {
		cfg.MaxBackoff = cfg.MinBackoff
	}
	if cfg.RequestTimeout <= 0 {
		cfg.RequestTimeout = DefaultRequestTimeout
	}
	return cfg, nil
}
