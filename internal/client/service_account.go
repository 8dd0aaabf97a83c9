package client

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"sync"
	"sync/atomic"

	"github.com/hashicorp/terraform-plugin-log/tflog"
	"golang.org/x/oauth2"
	"golang.org/x/oauth2/clientcredentials"
)

// serviceAccountTransport sends a service-account token, fetched once and
// reused until it nears expiry (oauth2.ReuseTokenSource, which also makes
// concurrent callers wait for a single fetch). A 401 means Atlas no longer
// takes the cached token (expired early or revoked): it is discarded, a new
// one fetched, and the request sent again, once.
type serviceAccountTransport struct {
	base      http.RoundTripper
	clientID  string
	tokenURL  string
	newSource func() oauth2.TokenSource

	mu     sync.Mutex
	source oauth2.TokenSource // the current ReuseTokenSource
}

func newServiceAccountTransport(cfg Config, base http.RoundTripper, tokenFetches *atomic.Int64) *serviceAccountTransport {
	credentials := &clientcredentials.Config{
		ClientID:     cfg.ClientID,
		ClientSecret: cfg.ClientSecret,
		TokenURL:     cfg.BaseURL + tokenPath,
		AuthStyle:    oauth2.AuthStyleInHeader,
	}
	// The token fetch goes through the same base transport as API calls,
	// bounded like one attempt. Its context is not the caller's: a token
	// outlives the call that fetched it (see tokenFor).
	fetchClient := &http.Client{
		Transport: &tokenEndpointTransport{base: base, userAgent: cfg.UserAgent, fetches: tokenFetches},
		Timeout:   cfg.RequestTimeout,
	}
	fetchCtx := context.WithValue(context.Background(), oauth2.HTTPClient, fetchClient)
	t := &serviceAccountTransport{
		base:     base,
		clientID: cfg.ClientID,
		tokenURL: credentials.TokenURL,
		// clientcredentials' TokenSource is a ReuseTokenSource.
		newSource: func() oauth2.TokenSource { return &refusalMemo{source: credentials.TokenSource(fetchCtx)} },
	}
	t.source = t.newSource()
	return t
}

func (t *serviceAccountTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	source := t.currentSource()
	resp, err := t.sendWithToken(req, req.Body, source)
	replayable := req.Body == nil || req.Body == http.NoBody || req.GetBody != nil
	if err != nil || resp.StatusCode != http.StatusUnauthorized || !replayable {
		return resp, err
	}
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, maxBodySize))
	resp.Body.Close()
	t.discard(source)
	tflog.SubsystemDebug(req.Context(), logSubsystem, "Atlas rejected the service account token; fetching a new one", map[string]any{
		"client_id": t.clientID,
	})
	body := req.Body
	if req.GetBody != nil {
		if body, err = req.GetBody(); err != nil {
			return nil, err
		}
	}
	return t.sendWithToken(req, body, t.currentSource())
}

func (t *serviceAccountTransport) sendWithToken(req *http.Request, body io.ReadCloser, source oauth2.TokenSource) (*http.Response, error) {
	token, err := t.tokenFor(req.Context(), source)
	if err != nil {
		return nil, err
	}
	signed := req.Clone(req.Context())
	signed.Body = body
	signed.Header.Set("Authorization", "Bearer "+token.AccessToken)
	return t.base.RoundTrip(signed)
}

// tokenFor returns the source's token, giving up when ctx ends. A fetch that
// is still running carries on and caches its token for the next caller.
func (t *serviceAccountTransport) tokenFor(ctx context.Context, source oauth2.TokenSource) (*oauth2.Token, error) {
	type result struct {
		token *oauth2.Token
		err   error
	}
	done := make(chan result, 1)
	go func() {
		token, err := source.Token()
		done <- result{token, err}
	}()
	select {
	case r := <-done:
		if r.err != nil {
			return nil, newTokenError(t.clientID, t.tokenURL, r.err)
		}
		return r.token, nil
	case <-ctx.Done():
		return nil, newTokenError(t.clientID, t.tokenURL, ctx.Err())
	}
}

func (t *serviceAccountTransport) currentSource() oauth2.TokenSource {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.source
}

// discard replaces the token source whose token Atlas rejected; when many
// calls see the same 401, only the first replaces it, so one new token is
// fetched for all of them.
func (t *serviceAccountTransport) discard(rejected oauth2.TokenSource) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.source == rejected {
		t.source = t.newSource()
	}
}

// refusalMemo remembers that the token endpoint refused the credentials.
// ReuseTokenSource caches tokens, not failures: without the memo, every call
// waiting for a token (Terraform runs ten resources at once) would ask the
// rate-limited endpoint again with the same wrong secret. A refused secret
// stays refused for the life of the process.
type refusalMemo struct {
	source oauth2.TokenSource

	mu      sync.Mutex
	refused error
}

func (m *refusalMemo) Token() (*oauth2.Token, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.refused != nil {
		return nil, m.refused
	}
	token, err := m.source.Token()
	if status, _ := tokenEndpointAnswer(err); refusedStatus(status) {
		m.refused = err
	}
	return token, err
}

// tokenError is a failed token fetch. The API request was never sent.
type tokenError struct {
	clientID  string
	tokenURL  string
	status    int    // 0 when no answer came
	errorCode string // OAuth "error", e.g. invalid_client
	err       error
}

func newTokenError(clientID, tokenURL string, err error) *tokenError {
	e := &tokenError{clientID: clientID, tokenURL: tokenURL, err: err}
	e.status, e.errorCode = tokenEndpointAnswer(err)
	return e
}

// tokenEndpointAnswer is the status and OAuth error code with which the token
// endpoint failed a fetch; status is 0 when it did not answer.
func tokenEndpointAnswer(err error) (status int, errorCode string) {
	var retrieveErr *oauth2.RetrieveError
	if !errors.As(err, &retrieveErr) {
		return 0, ""
	}
	if retrieveErr.Response != nil {
		status = retrieveErr.Response.StatusCode
	}
	return status, retrieveErr.ErrorCode
}

// refusedStatus means the token endpoint judged the credentials: asking
// again cannot help.
func refusedStatus(status int) bool {
	return status != 0 && status != http.StatusTooManyRequests && status < 500
}

func (e *tokenError) refused() bool { return refusedStatus(e.status) }

// transient means trying again later may work: throttling, a server fault or
// a network failure on the way to the token endpoint.
func (e *tokenError) transient() bool {
	if e.status != 0 {
		return !e.refused()
	}
	return isTransientNetworkError(e.err)
}

func (e *tokenError) Error() string {
	if e.refused() {
		code := ""
		if e.errorCode != "" {
			code = ", " + e.errorCode
		}
		return fmt.Sprintf("service account %q was refused an access token by %s (HTTP %d%s): check the client id "+
			"and client secret, that the secret has not expired or been revoked, and that the service account exists",
			e.clientID, e.tokenURL, e.status, code)
	}
	if e.status != 0 {
		return fmt.Sprintf("getting an access token for service account %q from %s: HTTP %d", e.clientID, e.tokenURL, e.status)
	}
	return fmt.Sprintf("getting an access token for service account %q from %s: %v", e.clientID, e.tokenURL, e.err)
}

// Unwrap exposes network causes only: an oauth2.RetrieveError quotes the
// token endpoint's body, which has no place in messages.
func (e *tokenError) Unwrap() error {
	if e.status != 0 {
		return nil
	}
	return e.err
}
