package client

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptrace"
	"strings"
	"sync/atomic"

	"github.com/mongodb-forks/digest"
)

// Authentication methods, as AuthMethod reports them.
const (
	AuthMethodAccessToken    = "access_token"
	AuthMethodServiceAccount = "service_account"
	AuthMethodAPIKey         = "api_key"
)

// authentication is the chosen method: a transport that signs requests, the
// credential values that must never be logged, and what to tell the user
// when Atlas answers 401 anyway.
type authentication struct {
	method       string
	transport    http.RoundTripper
	secrets      []string
	rejectedHint string
}

// newAuthentication picks the first usable method in the documented order:
// access token, service account, API key.
func newAuthentication(cfg Config, base http.RoundTripper, tokenFetches *atomic.Int64) (*authentication, error) {
	switch {
	case cfg.AccessToken != "":
		return &authentication{
			method:       AuthMethodAccessToken,
			transport:    &bearerTransport{token: cfg.AccessToken, base: base},
			secrets:      []string{cfg.AccessToken},
			rejectedHint: "Atlas rejected the access token: it may have expired or been revoked",
		}, nil
	case cfg.ClientID != "" && cfg.ClientSecret != "":
		return &authentication{
			method:    AuthMethodServiceAccount,
			transport: newServiceAccountTransport(cfg, base, tokenFetches),
			secrets:   []string{cfg.ClientSecret},
			rejectedHint: fmt.Sprintf("Atlas rejected a freshly issued token of service account %q: "+
				"check that the service account still exists and is not disabled", cfg.ClientID),
		}, nil
	case cfg.PublicKey != "" && cfg.PrivateKey != "":
		return &authentication{
			method:    AuthMethodAPIKey,
			transport: digest.NewTransportWithHTTPRoundTripper(cfg.PublicKey, cfg.PrivateKey, &digestNonceGuard{base: base}),
			secrets:   []string{cfg.PrivateKey},
			rejectedHint: fmt.Sprintf("invalid API key: Atlas rejected public key %q; check the public and "+
				"private key pair and that the key has not been deleted", cfg.PublicKey),
		}, nil
	default:
		return nil, errors.New("no usable Atlas credentials: set an access token, a service account " +
			"(client id and client secret) or an API key (public and private key)")
	}
}

// bearerTransport sends a token obtained elsewhere.
type bearerTransport struct {
	token string
	base  http.RoundTripper
}

func (t *bearerTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	req = req.Clone(req.Context())
	req.Header.Set("Authorization", "Bearer "+t.token)
	return t.base.RoundTrip(req)
}

// errDigestNonceRefused is a 401 to a correctly signed digest request whose
// nonce the server would not take again. The request was not applied.
var errDigestNonceRefused = errors.New("the server refused a reused or stale digest nonce")

// digestNonceGuard sits under digest authentication and turns the 401s that
// are not about the key into errDigestNonceRefused, which the retry loop
// answers with a fresh challenge instead of reporting an invalid key:
//   - net/http silently re-sends a GET whose kept-alive connection broke
//     before any answer; the copy repeats the nonce count, which a strict
//     server refuses;
//   - the server says the nonce has gone stale (RFC 7616 stale=true).
type digestNonceGuard struct {
	base http.RoundTripper
}

func (g *digestNonceGuard) RoundTrip(req *http.Request) (*http.Response, error) {
	if !strings.HasPrefix(req.Header.Get("Authorization"), "Digest ") {
		return g.base.RoundTrip(req) // the challenge leg
	}
	var sends atomic.Int32
	traced := req.WithContext(httptrace.WithClientTrace(req.Context(), &httptrace.ClientTrace{
		WroteHeaders: func() { sends.Add(1) },
	}))
	resp, err := g.base.RoundTrip(traced)
	if err != nil || resp.StatusCode != http.StatusUnauthorized {
		return resp, err
	}
	challenge := strings.ToLower(strings.ReplaceAll(resp.Header.Get("WWW-Authenticate"), `"`, ""))
	if sends.Load() < 2 && !strings.Contains(challenge, "stale=true") {
		return resp, nil // the key itself was refused
	}
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, maxBodySize))
	resp.Body.Close()
	return nil, errDigestNonceRefused
}
