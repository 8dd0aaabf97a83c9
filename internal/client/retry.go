package client

// Retries are a small loop here rather than go-retryablehttp, because the
// policy needs what its CheckRetry(ctx, resp, err) hook cannot see: the
// method (a POST is retried only when it certainly was not applied) and how
// far a failed request got (dialing vs. sent). Its Backoff uses Retry-After
// verbatim where Atlas asks for it as a floor under exponential back-off, and
// its final "giving up" error drops the last status. Bodies are kept as bytes
// so every attempt, and digest's second request, can replay them.

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
)

// verdict is what an attempt's answer means for the call.
type verdict int

const (
	finish         verdict = iota // hand the answer, good or bad, to the caller
	retry                         // try again after a back-off
	outcomeUnknown                // a POST that may have been applied: stop and say so
)

// judge applies the retry policy to one answer. Throttling (429), gateway
// errors (502, 503, 504), 500 UNEXPECTED_ERROR and network failures are
// transient. GET, PATCH and DELETE may be repeated; a POST is repeated only
// when Atlas cannot have applied it (429, or a failure before sending).
// Other statuses (400, 401, 403, 404, 409, ...) are final.
func judge(method string, a answer) verdict {
	repeatable := method != http.MethodPost
	if a.err != nil {
		switch {
		case !isTransient(a.err):
			return finish
		case repeatable || !a.sent:
			return retry
		default:
			return outcomeUnknown
		}
	}
	switch a.status {
	case http.StatusTooManyRequests:
		return retry
	case http.StatusInternalServerError, http.StatusBadGateway, http.StatusServiceUnavailable, http.StatusGatewayTimeout:
		if repeatable {
			return retry
		}
		return outcomeUnknown
	default:
		return finish
	}
}

func isTransient(err error) bool {
	var tokenErr *tokenError
	if errors.As(err, &tokenErr) {
		return tokenErr.transient()
	}
	return errors.Is(err, errAttemptTimeout) || errors.Is(err, errDigestNonceRefused) || isTransientNetworkError(err)
}

// isTransientNetworkError says whether a failure to get an answer might not
// happen again: resets, EOFs, refused connections and timeouts. Certificate
// problems and malformed requests are permanent.
func isTransientNetworkError(err error) bool {
	var certErr *tls.CertificateVerificationError
	var authorityErr x509.UnknownAuthorityError
	var hostnameErr x509.HostnameError
	var invalidErr x509.CertificateInvalidError
	if errors.As(err, &certErr) || errors.As(err, &authorityErr) || errors.As(err, &hostnameErr) || errors.As(err, &invalidErr) {
		return false
	}
	for _, transient := range []error{io.EOF, io.ErrUnexpectedEOF, syscall.ECONNRESET, syscall.ECONNREFUSED, syscall.ECONNABORTED, syscall.EPIPE} {
		if errors.Is(err, transient) {
			return true
		}
	}
	var dnsErr *net.DNSError
	if errors.As(err, &dnsErr) {
		return dnsErr.IsTimeout || dnsErr.IsTemporary
	}
	var netErr net.Error // *net.OpError and the transport's timeouts
	return errors.As(err, &netErr)
}

// jitterSource is the randomness of the back-off's jitter. It is injected
// (pacerRegistry) rather than drawn from the global source, so a simulation
// on a fake clock gives the same figures every run.
type jitterSource struct {
	mu  sync.Mutex
	rnd *rand.Rand
}

func newJitterSource(seed uint64) *jitterSource {
	return &jitterSource{rnd: rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))}
}

// backoff is the wait before retry n (from 1): exponential from min, with
// jitter so that many clients throttled together do not come back together,
// and never outside [min, max].
func (j *jitterSource) backoff(minWait, maxWait time.Duration, n int) time.Duration {
	base := maxWait
	if shift := n - 1; shift < 62 {
		if d := minWait << shift; d > 0 && d < maxWait {
			base = d
		}
	}
	j.mu.Lock()
	d := base/2 + time.Duration(j.rnd.Int64N(int64(base)+1)) // uniform in [base/2, 1.5*base]
	j.mu.Unlock()
	return min(max(d, minWait), maxWait)
}

// retryAfter reads a Retry-After header: delay-seconds or an HTTP date.
func retryAfter(header http.Header, now time.Time) (time.Duration, bool) {
	value := strings.TrimSpace(header.Get("Retry-After"))
	if value == "" {
		return 0, false
	}
	if seconds, err := strconv.ParseInt(value, 10, 64); err == nil {
		if seconds < 0 {
			return 0, false
		}
		return time.Duration(min(seconds, math.MaxInt64/int64(time.Second))) * time.Second, true
	}
	if at, err := http.ParseTime(value); err == nil {
		return max(at.Sub(now), 0), true
	}
	return 0, false
}

// waitBefore is how long to wait before retry n: never less than Atlas's
// Retry-After, never less than the back-off.
func (c *Client) waitBefore(n int, a answer) time.Duration {
	wait := c.pacers.jitter.backoff(c.cfg.MinBackoff, c.cfg.MaxBackoff, n)
	if asked, ok := retryAfter(a.header, c.pacers.clock.Now()); ok && asked > wait {
		wait = asked
	}
	return wait
}

// send runs the attempts of one call. The error is nil only for a 2xx answer;
// otherwise it is an *APIError, an *OutcomeUnknownError, the context's error,
// or a network error, each naming the method and path.
//
// MaxRetries bounds the retries of failed attempts only. A 429 is Atlas
// asking for patience, not a failure: many workers sharing one token bucket
// can each be turned away more than MaxRetries times before their turn, so
// throttled calls go on for as long as the operation's context allows. Every
// attempt first waits its turn at the bucket's pacer (pacer.go), which is
// where a 429's Retry-After is waited out.
func (c *Client) send(ctx context.Context, r *apiRequest) (answer, error) {
	c.counters.calls.Add(1)
	pc := c.pacedFor(r)
	failures := 0
	var throttledBy error // the last 429, while the pacer holds the next attempt back
	for n := 1; ; n++ {
		ps, err := c.waitTurn(ctx, r, pc, throttledBy)
		if err != nil {
			return answer{}, err
		}
		a := c.attempt(ctx, r)
		c.answered(ctx, r, pc, ps, a)
		c.counters.record(a, n > 1)
		c.logAnswer(ctx, r, n, a)

		if ctxErr := ctx.Err(); ctxErr != nil && a.err != nil {
			if r.method == http.MethodPost && a.sent {
				return a, &OutcomeUnknownError{Method: r.method, Path: r.path, Err: ctxErr}
			}
			return a, fmt.Errorf("%s %s: %w", r.method, r.path, ctxErr)
		}
		switch judge(r.method, a) {
		case finish:
			return a, c.failure(r, a)
		case outcomeUnknown:
			return a, &OutcomeUnknownError{Method: r.method, Path: r.path, Err: c.cause(r, a)}
		}
		// With retries off altogether, a 429 is final too.
		if a.err != nil || a.status != http.StatusTooManyRequests || c.cfg.MaxRetries == 0 {
			failures++
		}
		if failures > c.cfg.MaxRetries {
			return a, fmt.Errorf("%w (gave up after %d attempts)", c.failure(r, a), n)
		}
		if a.err == nil && a.status == http.StatusTooManyRequests {
			// The pacer holds the next attempt back, with every other
			// request to the same bucket, for as long as Atlas asked.
			throttledBy = c.cause(r, a)
			continue
		}

		wait := c.waitBefore(n, a)
		if deadline, ok := ctx.Deadline(); ok && time.Until(deadline) < wait {
			return a, fmt.Errorf("%s %s: %w before the next attempt, due in %s; last answer: %w",
				r.method, r.path, context.DeadlineExceeded, wait.Round(time.Millisecond), c.cause(r, a))
		}
		c.logRetry(ctx, r, n, wait)
		select {
		case <-ctx.Done():
			return a, fmt.Errorf("%s %s: %w while waiting to retry; last answer: %w", r.method, r.path, ctx.Err(), c.cause(r, a))
		case <-c.pacers.clock.After(wait):
		}
	}
}

// failure is the error for a final answer: nil for 2xx.
func (c *Client) failure(r *apiRequest, a answer) error {
	if a.err != nil {
		return fmt.Errorf("%s %s: %w", r.method, r.path, a.err)
	}
	if a.status >= 200 && a.status < 300 {
		return nil
	}
	apiErr := decodeAPIError(r.method, r.path, a.status, a.body, r.secrets)
	if a.status == http.StatusUnauthorized {
		apiErr.hint = c.auth.rejectedHint
	}
	return apiErr
}

// cause is what went wrong with an attempt, without repeating method and
// path when the error around it already names them.
func (c *Client) cause(r *apiRequest, a answer) error {
	if a.err != nil {
		return a.err
	}
	return c.failure(r, a)
}
