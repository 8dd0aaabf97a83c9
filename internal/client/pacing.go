package client

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"time"

	"github.com/hashicorp/terraform-plugin-log/tflog"
)

// RateLimitedError says a call ended while Atlas's rate limit held it back:
// its context ended (the operation's time limit, or an interrupt) before the
// bucket had a token for it. A POST that ends so was not applied: no attempt
// of it got further than a 429.
type RateLimitedError struct {
	Method, Path string
	Waited       time.Duration // held back by the rate limit, over all attempts
	Throttled    int           // answers of 429 this call got
	Err          error         // the context's error
	Last         error         // the last answer, nil if none came
}

func (e *RateLimitedError) Error() string {
	msg := fmt.Sprintf("%s %s: held back by Atlas's rate limit for %s (429 Too Many Requests answers to this request: %d): %v",
		e.Method, e.Path, e.Waited.Round(time.Millisecond), e.Throttled, e.Err)
	if e.Last != nil {
		msg += "; last answer: " + e.Last.Error()
	}
	return msg
}

func (e *RateLimitedError) Unwrap() []error {
	if e.Last == nil {
		return []error{e.Err}
	}
	return []error{e.Err, e.Last}
}

// IsRateLimited reports whether err is a call that Atlas's rate limit held
// back until its context ended.
func IsRateLimited(err error) bool {
	var limited *RateLimitedError
	return errors.As(err, &limited)
}

// throttling is what one call went through at the rate limit.
type throttling struct {
	waited    time.Duration
	throttled int
}

// paced is one call's view of its bucket's pacer.
type paced struct {
	key   bucketKey
	pacer *pacer
	throttling
}

func (c *Client) pacedFor(r *apiRequest) *paced {
	key := bucketKey{baseURL: c.cfg.BaseURL, principal: c.principal, project: projectOf(r.path)}
	return &paced{key: key, pacer: c.pacers.forBucket(key)}
}

// waitTurn holds the attempt back until the bucket has room for it, and logs
// why and how long at DEBUG. Its error is a *RateLimitedError; last is the
// previous attempt's outcome, if any.
func (c *Client) waitTurn(ctx context.Context, r *apiRequest, pc *paced, last error) (*pass, error) {
	start := pc.pacer.clock.Now()
	ps, err := pc.pacer.acquire(ctx, func(hb holdBack) {
		tflog.SubsystemDebug(ctx, logSubsystem, "holding Atlas API request back for the rate limit", map[string]any{
			"method": r.method, "path": r.path, "bucket": pc.key.bucketLabel(),
			"wait_ms": hb.wait.Milliseconds(), "reason": hb.reason,
		})
	})
	if err != nil {
		pc.waited += pc.pacer.clock.Now().Sub(start)
		return nil, &RateLimitedError{Method: r.method, Path: r.path, Waited: pc.waited, Throttled: pc.throttled, Err: err, Last: last}
	}
	if ps.waited > 0 {
		pc.waited += ps.waited
		tflog.SubsystemDebug(ctx, logSubsystem, "releasing Atlas API request after a rate-limit wait", map[string]any{
			"method": r.method, "path": r.path, "bucket": pc.key.bucketLabel(),
			"waited_ms": ps.waited.Milliseconds(),
		})
	}
	return ps, nil
}

// answered tells the pacer what the attempt got, and logs the pause a 429
// starts for every request to the bucket.
func (c *Client) answered(ctx context.Context, r *apiRequest, pc *paced, ps *pass, a answer) {
	if a.err == nil && a.status == http.StatusTooManyRequests {
		pc.throttled++
	}
	pause, paused := pc.pacer.done(ps, a, c.cfg.MinBackoff, c.cfg.MaxBackoff)
	if !paused {
		return
	}
	fields := map[string]any{
		"method": r.method, "path": r.path, "bucket": pc.key.bucketLabel(),
		"pause_ms": pause.wait.Milliseconds(), "reason": pause.reason,
	}
	if pause.shape.known() {
		fields["bucket_capacity"] = pause.shape.capacity
		fields["bucket_refill"] = fmt.Sprintf("%d per %s", pause.shape.refillRate, pause.shape.refillEvery)
	}
	tflog.SubsystemDebug(ctx, logSubsystem, "Atlas rate limit: pausing every request to the bucket", fields)
}
