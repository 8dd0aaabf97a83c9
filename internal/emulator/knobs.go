package emulator

import (
	"slices"
	"sync"
	"time"
)

// Scope selects the requests a fault or the rate limit applies to.
type Scope struct {
	// Routes lists route templates (RouteConnection, RouteToken, ...). Empty
	// means every Atlas API route. The OAuth routes are included only by
	// naming them, so token fetches stay reliable unless a test asks.
	Routes []string
	// Methods lists HTTP methods; empty means every method.
	Methods []string
}

// APIScope is every Atlas API route, limited to methods when given.
func APIScope(methods ...string) Scope { return Scope{Methods: methods} }

// ConnectionScope is the two stream connection routes, limited to methods
// when given.
func ConnectionScope(methods ...string) Scope {
	return Scope{Routes: []string{RouteConnections, RouteConnection}, Methods: methods}
}

func (s Scope) matches(method, template string) bool {
	if len(s.Methods) > 0 && !slices.Contains(s.Methods, method) {
		return false
	}
	if len(s.Routes) == 0 {
		return isAPIRoute(template)
	}
	return slices.Contains(s.Routes, template)
}

// Fault injects one kind of failure into requests matching Scope: the next
// Count of them, then a Rate share (0..1) of the rest, drawn from the seeded
// random source so a run repeats.
type Fault struct {
	Count int
	Rate  float64
	Scope Scope
}

// Faults configures every injected failure. Drop, ServerError and Slow
// strike before the operation is applied; LostAnswer only strikes writes
// (POST, PATCH, DELETE) that succeeded, after applying them.
type Faults struct {
	// Seed seeds the random source behind Rate and the choice of status.
	Seed int64
	// ServerError answers with one of ServerErrorStatuses.
	ServerError Fault
	// ServerErrorStatuses defaults to 500, 502 and 503.
	ServerErrorStatuses []int
	// Drop closes the connection without any answer.
	Drop Fault
	// LostAnswer applies the write, then closes the connection unanswered.
	LostAnswer Fault
	// Slow waits SlowDelay before handling the request, so clients with a
	// shorter timeout give up; a request whose client went away is not applied.
	Slow      Fault
	SlowDelay time.Duration
}

// RateLimit is a token bucket: each request in Scope takes a token, the
// bucket holds at most Capacity and gains RefillPerSecond evenly or, with
// RefillInterval set, RefillTokens at once every RefillInterval (the
// stepwise refill Atlas documents); an empty bucket answers 429
// RATE_LIMITED_TOKEN_BUCKET with Retry-After, the whole seconds until a
// token (continuous) or until the next refill (stepwise), rounded up.
// Capacity 0 turns it off.
type RateLimit struct {
	Capacity        int
	RefillPerSecond float64
	// RefillTokens every RefillInterval makes the refill stepwise; the
	// first comes one interval after the bucket's first request.
	RefillTokens   int
	RefillInterval time.Duration
	// PerPrincipal gives every authenticated principal (API key, service
	// account, access token) its own bucket, as Atlas limits per user;
	// otherwise all requests share one bucket.
	PerPrincipal bool
	Scope        Scope
	// WithoutHeaders leaves out RateLimit-Limit and RateLimit-Remaining,
	// which Atlas says "may not always" be returned: a client then learns
	// the bucket from 429s and their whole-second Retry-After alone.
	WithoutHeaders bool
	// WithoutParameters answers a 429 with the bare error, neither the
	// bucket's figures in its detail nor its parameters, which Atlas does
	// not promise: a client then learns the bucket's shape itself.
	WithoutParameters bool
	// RefuseRateLimits answers GET /rateLimits (and /rateLimits/{id}) with
	// 403, as Atlas does for a key that lacks the role it needs.
	RefuseRateLimits bool
}

// Lifecycle shapes how connections move between states. A connection takes
// the settings in force when it is created, updated (PENDING again) or
// deleted (DELETING), so changing the knob later leaves it alone. "Reads"
// are GETs of that one connection; lists show the state without using
// reads up.
type Lifecycle struct {
	// PendingReads keeps a created or updated connection PENDING for this
	// many GETs; PendingFor keeps it PENDING this long. With both set, both
	// must run out.
	PendingReads int
	PendingFor   time.Duration
	// FailCreates makes connections created while set end FAILED, not READY.
	FailCreates bool
	// NotFoundReads answers 404 to the first GETs of a new connection, as
	// Atlas briefly does right after a create.
	NotFoundReads int
	// DeletingReads and DeletingFor keep a deleted connection readable as
	// DELETING (and its name taken) before it is gone.
	DeletingReads int
	DeletingFor   time.Duration
	// DeployingDeletes answers 409 STREAM_KAFKA_CONNECTION_IS_DEPLOYING to
	// the first DELETEs of each new Kafka connection (Atlas does this for
	// Kafka only).
	DeployingDeletes int
	// Types limits all of the above to these connection types ("Kafka",
	// "Https", ...); empty means every type.
	Types []string
}

func (l Lifecycle) appliesTo(connectionType string) bool {
	return len(l.Types) == 0 || slices.Contains(l.Types, connectionType)
}

// DefaultTokenTTL is how long a service-account access token lives unless
// WithTokenTTL says otherwise; it matches Atlas.
const DefaultTokenTTL = time.Hour

// settings holds the knobs read on every request.
type settings struct {
	mu        sync.RWMutex
	latency   time.Duration
	lifecycle Lifecycle
	tokenTTL  time.Duration
}

func (s *settings) snapshot() (latency time.Duration, lifecycle Lifecycle, tokenTTL time.Duration) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.latency, s.lifecycle, s.tokenTTL
}

// Option configures an Emulator at construction; every Option but WithClock
// has a Set method of the same name for changing it at runtime.
type Option func(*Emulator)

// WithLatency delays every API and OAuth request by d.
func WithLatency(d time.Duration) Option { return func(e *Emulator) { e.SetLatency(d) } }

// WithRateLimit turns on the token-bucket rate limit.
func WithRateLimit(r RateLimit) Option { return func(e *Emulator) { e.SetRateLimit(r) } }

// WithFaults injects failures.
func WithFaults(f Faults) Option { return func(e *Emulator) { e.SetFaults(f) } }

// WithLifecycle shapes connection states.
func WithLifecycle(l Lifecycle) Option { return func(e *Emulator) { e.SetLifecycle(l) } }

// WithClock makes the emulator read the time from now instead of the
// system clock, so tests of time-based knobs can advance it at will
// rather than sleep. Latency still waits in real time.
func WithClock(now func() time.Time) Option { return func(e *Emulator) { e.now = now } }

// WithTokenTTL sets the lifetime of service-account access tokens.
func WithTokenTTL(d time.Duration) Option { return func(e *Emulator) { e.SetTokenTTL(d) } }

// SetLatency delays every API and OAuth request by d from now on.
func (e *Emulator) SetLatency(d time.Duration) {
	e.settings.mu.Lock()
	defer e.settings.mu.Unlock()
	e.settings.latency = d
}

// SetLifecycle applies to connections created or updated from now on.
func (e *Emulator) SetLifecycle(l Lifecycle) {
	l.Types = slices.Clone(l.Types)
	e.settings.mu.Lock()
	defer e.settings.mu.Unlock()
	e.settings.lifecycle = l
}

// SetTokenTTL applies to tokens issued from now on.
func (e *Emulator) SetTokenTTL(d time.Duration) {
	e.settings.mu.Lock()
	defer e.settings.mu.Unlock()
	e.settings.tokenTTL = d
}

// SetRateLimit replaces the rate limit and refills every bucket.
func (e *Emulator) SetRateLimit(r RateLimit) { e.limiter.configure(r) }

// SetFaults replaces every fault setting, restarting the counts and the
// random source.
func (e *Emulator) SetFaults(f Faults) { e.faults.configure(f) }
