package client

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptrace"
	"sync/atomic"
	"time"

	"github.com/hashicorp/go-cleanhttp"
)

// maxBodySize bounds how much of an answer is read; stream connection
// documents are a few kilobytes and a full list page well under this.
const maxBodySize = 32 << 20

// defaultTransport is a pooled transport with dial, TLS and idle timeouts,
// without the process-wide state of http.DefaultTransport.
func defaultTransport() http.RoundTripper {
	return cleanhttp.DefaultPooledTransport()
}

// answer is what one attempt produced: a complete answer, or err.
type answer struct {
	status   int
	header   http.Header
	body     []byte
	err      error         // no complete answer arrived
	sent     bool          // with err: the request may have reached Atlas
	duration time.Duration // of the attempt, answer body included
}

// errAttemptTimeout marks an attempt that outlived Config.RequestTimeout
// while the caller's context was still alive.
var errAttemptTimeout = errors.New("attempt timed out")

// attempt sends r once, within the per-attempt timeout, and reads the whole
// answer before returning so that the timeout covers the body too.
func (c *Client) attempt(ctx context.Context, r *apiRequest) answer {
	attemptCtx, cancel := context.WithTimeout(ctx, c.cfg.RequestTimeout)
	defer cancel()
	progress := &sendProgress{}
	req, err := r.httpRequest(httptrace.WithClientTrace(attemptCtx, progress.trace()), c.cfg.BaseURL, c.cfg.UserAgent)
	if err != nil {
		return answer{err: err}
	}
	start := time.Now()
	resp, err := c.transport.RoundTrip(req)
	var a answer
	if err == nil {
		a.status, a.header = resp.StatusCode, resp.Header
		a.body, err = readBody(resp)
	}
	a.duration = time.Since(start)
	if err != nil {
		a.sent = progress.mayHaveReachedServer(err)
		if ctx.Err() == nil && errors.Is(attemptCtx.Err(), context.DeadlineExceeded) {
			// Not wrapped: callers test context.DeadlineExceeded for their
			// own deadline, which this is not.
			err = fmt.Errorf("%w after %s (%v)", errAttemptTimeout, c.cfg.RequestTimeout, err)
		}
		a.err = err
	}
	return a
}

func readBody(resp *http.Response) ([]byte, error) {
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxBodySize+1))
	if err != nil {
		return nil, fmt.Errorf("reading the answer (HTTP %d): %w", resp.StatusCode, err)
	}
	if len(body) > maxBodySize {
		return nil, fmt.Errorf("the answer (HTTP %d) is larger than %d bytes", resp.StatusCode, maxBodySize)
	}
	return body, nil
}

// sendProgress follows a request through the transport, to tell a request
// that certainly never left the client (safe to send again, even a POST)
// from one that may have been received.
type sendProgress struct {
	gettingConn  atomic.Bool // the transport reports progress at all
	wroteHeaders atomic.Bool // bytes of the request may have gone out
}

func (p *sendProgress) trace() *httptrace.ClientTrace {
	return &httptrace.ClientTrace{
		GetConn:      func(string) { p.gettingConn.Store(true) },
		WroteHeaders: func() { p.wroteHeaders.Store(true) },
	}
}

// mayHaveReachedServer is conservative: unless the failure was in dialing,
// or the transport showed it was still getting a connection, or the server
// refused the request's authentication, assume the request got through.
func (p *sendProgress) mayHaveReachedServer(err error) bool {
	var opErr *net.OpError
	var tokenErr *tokenError
	switch {
	case errors.As(err, &opErr) && opErr.Op == "dial":
		return false
	case errors.As(err, &tokenErr), errors.Is(err, errDigestNonceRefused):
		return false // refused before the API request was made, or without applying it
	case p.gettingConn.Load() && !p.wroteHeaders.Load():
		return false
	default:
		return true
	}
}

// tokenEndpointTransport gives the token fetch, which golang.org/x/oauth2
// performs, the client's User-Agent, and counts it.
type tokenEndpointTransport struct {
	base      http.RoundTripper
	userAgent string
	fetches   *atomic.Int64
}

func (t *tokenEndpointTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	t.fetches.Add(1)
	req = req.Clone(req.Context())
	req.Header.Set("User-Agent", t.userAgent)
	return t.base.RoundTrip(req)
}
