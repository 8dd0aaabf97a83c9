package emulator

import (
	"fmt"
	"math"
	"net/http"
	"strconv"
	"sync"
	"time"
)

// nominalRateLimit fills the RateLimit-* headers while no limit is set, since
// Atlas sends them on every success.
const nominalRateLimit = 100

// retryAfterWithoutRefill is what Retry-After says when the bucket never refills.
const retryAfterWithoutRefill = 60

// streamsEndpointSet is the endpoint set the stream routes' bucket belongs
// to, as a 429 names it first in its parameters (Atlas's sample names
// "api/atlas/v2/orgs" there) and as /rateLimits lists it.
const (
	streamsEndpointSetPath = "api/atlas/v2/groups/{groupId}/streams"
	streamsEndpointSetID   = "streams_group"
	streamsEndpointSetName = "Atlas Stream Processing"
)

// rateLimiter is a token bucket, shared or one per principal.
type rateLimiter struct {
	mu      sync.Mutex
	config  RateLimit
	buckets map[string]*bucket
}

// bucket is one bucket's level. A continuous bucket brings tokens up to
// date from last; a stepwise one counts whole refills from epoch.
type bucket struct {
	tokens float64
	last   time.Time
	epoch  time.Time // the stepwise bucket's first refill is one interval after
}

// rateDecision is the outcome of taking a token, and the headers and body
// that tell it.
type rateDecision struct {
	limit, remaining int
	retryAfter       int  // seconds; set when limited
	withoutHeaders   bool // RateLimit-* left out
	// What a 429's detail and parameters say of the bucket; shape.known is
	// false for a body without them (RateLimit.WithoutParameters).
	shape bucketShape
}

// bucketShape is the bucket as Atlas describes it: capacity, and refillRate
// tokens every refillSeconds.
type bucketShape struct {
	known                bool
	capacity, refillRate int
	refillSeconds        int
}

func (d rateDecision) limited() bool { return d.retryAfter > 0 }

func (d rateDecision) setHeaders(h http.Header) {
	if !d.withoutHeaders {
		h.Set("RateLimit-Limit", strconv.Itoa(d.limit))
		h.Set("RateLimit-Remaining", strconv.Itoa(d.remaining))
	}
	if d.limited() {
		h.Set("Retry-After", strconv.Itoa(d.retryAfter))
	}
}

// error is the 429 for a limited decision: Atlas's sample body, its detail
// and parameters [endpoint set, retry after, capacity, refill rate, refill
// seconds] filled in, or the bare error when the shape is left out.
func (d rateDecision) error() *apiError {
	if !d.shape.known {
		return errRateLimited()
	}
	s := d.shape
	e := newAPIError(http.StatusTooManyRequests, "RATE_LIMITED_TOKEN_BUCKET", fmt.Sprintf(
		"Rate limit exceeded for %s. Please retry after %d seconds. Request capacity: %d. Refill rate: %d per %d seconds.",
		streamsEndpointSetPath, d.retryAfter, s.capacity, s.refillRate, s.refillSeconds))
	e.parameters = []any{streamsEndpointSetPath, d.retryAfter, s.capacity, s.refillRate, s.refillSeconds}
	return e
}

func newRateLimiter() *rateLimiter {
	return &rateLimiter{buckets: map[string]*bucket{}}
}

func (l *rateLimiter) configure(r RateLimit) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.config = r
	l.buckets = map[string]*bucket{}
}

func (l *rateLimiter) settings() RateLimit {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.config
}

// take takes a token for the request, if the limit applies to it.
func (l *rateLimiter) take(principal, method, template string, now time.Time) rateDecision {
	l.mu.Lock()
	defer l.mu.Unlock()
	c := l.config
	if c.Capacity <= 0 || !c.Scope.matches(method, template) {
		return rateDecision{limit: nominalRateLimit, remaining: nominalRateLimit, withoutHeaders: c.WithoutHeaders}
	}
	key := ""
	if c.PerPrincipal {
		key = principal
	}
	b, ok := l.buckets[key]
	if !ok {
		b = &bucket{tokens: float64(c.Capacity), last: now, epoch: now}
		l.buckets[key] = b
	}
	d := rateDecision{limit: c.Capacity, withoutHeaders: c.WithoutHeaders}
	if !c.WithoutParameters {
		d.shape = c.shape()
	}
	if c.stepwise() {
		d.retryAfter = b.takeStepwise(c, now)
	} else {
		d.retryAfter = b.takeContinuous(c, now)
	}
	if !d.limited() {
		d.remaining = int(b.tokens)
	}
	return d
}

// takeContinuous takes a token from a bucket that gains RefillPerSecond
// evenly; it returns the whole seconds until a token, or 0 if it took one.
func (b *bucket) takeContinuous(c RateLimit, now time.Time) int {
	b.tokens = math.Min(float64(c.Capacity), b.tokens+now.Sub(b.last).Seconds()*c.RefillPerSecond)
	b.last = now
	if b.tokens >= 1 {
		b.tokens--
		return 0
	}
	if c.RefillPerSecond <= 0 {
		return retryAfterWithoutRefill
	}
	return max(1, int(math.Ceil((1-b.tokens)/c.RefillPerSecond)))
}

// takeStepwise takes a token from a bucket that gains RefillTokens at once
// every RefillInterval; it returns the whole seconds until the next refill,
// rounded up so that waiting them always finds it done, or 0 if it took one.
func (b *bucket) takeStepwise(c RateLimit, now time.Time) int {
	refills := int64(now.Sub(b.epoch) / c.RefillInterval)
	if refills > 0 {
		b.tokens = math.Min(float64(c.Capacity), b.tokens+float64(refills)*float64(c.RefillTokens))
		b.epoch = b.epoch.Add(time.Duration(refills) * c.RefillInterval)
	}
	if b.tokens >= 1 {
		b.tokens--
		return 0
	}
	next := b.epoch.Add(c.RefillInterval).Sub(now)
	return max(1, int(math.Ceil(next.Seconds())))
}

// stepwise says the bucket refills in steps, as Atlas documents it.
func (r RateLimit) stepwise() bool { return r.RefillInterval > 0 }

// shape is the bucket as a 429 and /rateLimits describe it, in Atlas's
// whole numbers. A continuous bucket's rate is written over the fewest whole
// seconds that make it whole tokens (2/s is 2 per 1 s; 0.25/s, 1 per 4 s).
func (r RateLimit) shape() bucketShape {
	s := bucketShape{known: true, capacity: r.Capacity}
	if r.stepwise() {
		s.refillRate, s.refillSeconds = r.RefillTokens, max(1, int(math.Round(r.RefillInterval.Seconds())))
		return s
	}
	for seconds := 1; seconds <= 3600; seconds++ {
		if tokens := r.RefillPerSecond * float64(seconds); tokens >= 1 && math.Abs(tokens-math.Round(tokens)) < 1e-9 {
			s.refillRate, s.refillSeconds = int(math.Round(tokens)), seconds
			return s
		}
	}
	s.refillRate, s.refillSeconds = int(math.Round(r.RefillPerSecond*3600)), 3600
	return s
}
