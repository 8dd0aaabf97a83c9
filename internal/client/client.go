package client

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"sync/atomic"
)

// Client calls the Atlas API. It is safe for concurrent use.
type Client struct {
	cfg       Config
	auth      *authentication
	transport http.RoundTripper
	counters  counters
	pacers    *pacerRegistry
	principal string // whose buckets these are; see principalDigest
}

// New checks cfg and builds a client with the first usable authentication
// method: AccessToken, then ClientID+ClientSecret, then PublicKey+PrivateKey.
// It makes no request: bad credentials show on the first call.
func New(cfg Config) (*Client, error) {
	cfg, err := cfg.withDefaults()
	if err != nil {
		return nil, err
	}
	base := cfg.Transport
	if base == nil {
		base = defaultTransport()
	}
	c := &Client{cfg: cfg, pacers: pacersFor(cfg.Clock), principal: principalDigest(cfg)}
	c.auth, err = newAuthentication(cfg, base, &c.counters.tokenFetches)
	if err != nil {
		return nil, err
	}
	c.transport = c.auth.transport
	return c, nil
}

// AuthMethod is the authentication method in use: "access_token",
// "service_account" or "api_key".
func (c *Client) AuthMethod() string { return c.auth.method }

// Stats counts what the client has done since New.
type Stats struct {
	Calls        int64 // API operations started; each page of a list counts once
	Attempts     int64 // HTTP attempts, retries included (digest challenges and token fetches are not)
	Retries      int64 // attempts after the first of their call
	RateLimited  int64 // 429 answers
	ServerErrors int64 // 5xx answers
	TokenFetches int64 // requests to the service-account token endpoint
}

// Stats returns the counters; safe to call at any time.
func (c *Client) Stats() Stats {
	return Stats{
		Calls:        c.counters.calls.Load(),
		Attempts:     c.counters.attempts.Load(),
		Retries:      c.counters.retries.Load(),
		RateLimited:  c.counters.rateLimited.Load(),
		ServerErrors: c.counters.serverErrors.Load(),
		TokenFetches: c.counters.tokenFetches.Load(),
	}
}

type counters struct {
	calls, attempts, retries, rateLimited, serverErrors, tokenFetches atomic.Int64
}

func (c *counters) record(a answer, isRetry bool) {
	c.attempts.Add(1)
	if isRetry {
		c.retries.Add(1)
	}
	switch {
	case a.err != nil:
	case a.status == http.StatusTooManyRequests:
		c.rateLimited.Add(1)
	case a.status >= 500:
		c.serverErrors.Add(1)
	}
}

// apiRequest is one API call, ready to be sent as many times as needed.
type apiRequest struct {
	method string
	path   string     // escaped, from /api/atlas/v2
	query  url.Values // may be nil
	body   []byte     // JSON; nil for none
	// bodyType is the body's Content-Type: connectionBodyType or versionedBodyType.
	bodyType string
	// accept is the Accept header: acceptHeader unless the operation is of
	// a later resource version (failoverAccept).
	accept  string
	secrets []string // secret values in body and credentials, redacted from errors and logs
}

// apiPath joins escaped segments under the API prefix, so names holding
// "/", spaces or "?" reach Atlas as the single path segment they are.
func apiPath(segments ...string) string {
	var b strings.Builder
	b.WriteString(apiPathPrefix)
	for _, s := range segments {
		b.WriteByte('/')
		b.WriteString(url.PathEscape(s))
	}
	return b.String()
}

func (r *apiRequest) httpRequest(ctx context.Context, baseURL, userAgent string) (*http.Request, error) {
	target := baseURL + r.path
	if len(r.query) > 0 {
		target += "?" + r.query.Encode()
	}
	var req *http.Request
	var err error
	if r.body != nil {
		// A bytes.Reader gives the request a GetBody, so digest
		// authentication and the token refresh can send it again.
		req, err = http.NewRequestWithContext(ctx, r.method, target, bytes.NewReader(r.body))
	} else {
		req, err = http.NewRequestWithContext(ctx, r.method, target, nil)
	}
	if err != nil {
		return nil, err
	}
	req.Header.Set("Accept", cmp.Or(r.accept, acceptHeader))
	req.Header.Set("User-Agent", userAgent)
	if r.body != nil {
		req.Header.Set("Content-Type", r.bodyType)
	}
	return req, nil
}

// call sends one API request with in (if not nil) as its JSON body, of
// media type versionedBodyType, and decodes a success answer into out (if
// not nil).
func (c *Client) call(ctx context.Context, method, path string, query url.Values, in, out any) error {
	return c.callWithBody(ctx, method, path, query, versionedBodyType, in, out)
}

// callWithBody is call with the body's media type named.
func (c *Client) callWithBody(ctx context.Context, method, path string, query url.Values, bodyType string, in, out any) error {
	return c.do(ctx, &apiRequest{method: method, path: path, query: query, bodyType: bodyType}, in, out)
}

// do sends r with in (if not nil) as its JSON body, of media type
// r.bodyType, and decodes a success answer into out (if not nil).
func (c *Client) do(ctx context.Context, r *apiRequest, in, out any) error {
	method, path := r.method, r.path
	r.secrets = c.auth.secrets
	if in != nil {
		body, err := json.Marshal(in)
		if err != nil {
			return fmt.Errorf("%s %s: encoding the request: %w", method, path, err)
		}
		r.body = body
		r.secrets = append(secretValues(body), c.auth.secrets...)
	}
	ctx = withLogging(ctx, r.secrets)
	a, err := c.send(ctx, r)
	if err != nil || out == nil {
		return err
	}
	if err := decodeAnswer(a.status, a.body, r.secrets, out); err != nil {
		if method == http.MethodPost {
			// Atlas may have applied the POST, as the status says, or
			// something else answered in its place: the caller must look
			// the object up, as after a lost answer, not assume either.
			return &OutcomeUnknownError{Method: method, Path: path, Err: err}
		}
		return fmt.Errorf("%s %s: %w", method, path, err)
	}
	return nil
}
