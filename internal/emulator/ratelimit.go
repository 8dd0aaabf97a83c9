package emulator

import (
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

// rateLimiter is a token bucket, shared or one per principal.
type rateLimiter struct {
	mu      sync.Mutex
	config  RateLimit
	buckets map[string]*bucket
}

type bucket struct {
	tokens float64
	last   time.Time
}

// rateDecision is the outcome of taking a token, and the headers that tell it.
type rateDecision struct {
	limit, remaining int
	retryAfter       int  // seconds; set when limited
	withoutHeaders   bool // RateLimit-* left out
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

func newRateLimiter() *rateLimiter {
	return &rateLimiter{buckets: map[string]*bucket{}}
}

func (l *rateLimiter) configure(r RateLimit) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.config = r
	l.buckets = map[string]*bucket{}
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
		b = &bucket{tokens: float64(c.Capacity), last: now}
		l.buckets[key] = b
	}
	b.tokens = math.Min(float64(c.Capacity), b.tokens+now.Sub(b.last).Seconds()*c.RefillPerSecond)
	b.last = now
	if b.tokens < 1 {
		retry := retryAfterWithoutRefill
		if c.RefillPerSecond > 0 {
			retry = max(1, int(math.Ceil((1-b.tokens)/c.RefillPerSecond)))
		}
		return rateDecision{limit: c.Capacity, remaining: 0, retryAfter: retry, withoutHeaders: c.WithoutHeaders}
	}
	b.tokens--
	return rateDecision{limit: c.Capacity, remaining: int(b.tokens), withoutHeaders: c.WithoutHeaders}
}
