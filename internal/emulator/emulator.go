package emulator

import (
	"errors"
	"net"
	"net/http"
	"strings"
	"sync"
	"time"
)

// Emulator is an in-memory Atlas stream workspace and connection API. It is
// an http.Handler; Start or Listen also serve it on a local port. All of its
// methods are safe for concurrent use.
type Emulator struct {
	settings   settings
	store      *store
	principals *principals
	nonces     *nonceStore
	faults     *faultInjector
	limiter    *rateLimiter
	counts     *counters
	// failoverLifecycle shapes failover connections' states, apart from
	// connections' (SetFailoverLifecycle).
	failoverLifecycle lifecycleKnob
	// now is the emulator's clock: time-based knobs (PendingFor, token
	// lifetimes, rate-limit refills) read it, so tests can move it.
	now func() time.Time

	mu     sync.Mutex
	server *http.Server
	url    string
}

// New makes an empty emulator: no projects, no credentials, no faults.
func New(opts ...Option) *Emulator {
	e := &Emulator{
		store:      newStore(),
		principals: newPrincipals(),
		nonces:     newNonceStore(),
		faults:     newFaultInjector(),
		limiter:    newRateLimiter(),
		counts:     newCounters(),
		now:        time.Now,
	}
	e.settings.tokenTTL = DefaultTokenTTL
	for _, opt := range opts {
		opt(e)
	}
	return e
}

// Listen serves the emulator on addr ("127.0.0.1:0" picks a free port) and
// returns its base URL, e.g. http://127.0.0.1:41234.
func (e *Emulator) Listen(addr string) (string, error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.server != nil {
		return "", errors.New("emulator: already listening on " + e.url)
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return "", err
	}
	e.server = &http.Server{Handler: e, ReadHeaderTimeout: 10 * time.Second}
	e.url = "http://" + ln.Addr().String()
	go func() { _ = e.server.Serve(ln) }()
	return e.url, nil
}

// Start serves the emulator on a free port of 127.0.0.1 and returns its base
// URL; it panics if it cannot listen, as httptest.NewServer does.
func (e *Emulator) Start() string {
	u, err := e.Listen("127.0.0.1:0")
	if err != nil {
		panic("emulator: " + err.Error())
	}
	return u
}

// URL is the base URL Listen or Start returned, or "" before.
func (e *Emulator) URL() string {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.url
}

// Close stops serving at once, cutting open connections. The emulator's
// state stays readable.
func (e *Emulator) Close() error {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.server == nil {
		return nil
	}
	err := e.server.Close()
	e.server = nil
	return err
}

// ServeHTTP answers one request; see the package documentation for the order
// of the checks.
func (e *Emulator) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if strings.HasPrefix(r.URL.Path, adminPrefix) {
		e.serveAdmin(w, r)
		return
	}
	latency, _, _ := e.settings.snapshot()
	if !sleep(r.Context(), latency) {
		return
	}
	if r.URL.Path == RouteToken || r.URL.Path == RouteRevoke {
		e.serveOAuth(w, r)
		return
	}
	if template, id, ok := matchRateLimitsRoute(r.URL.EscapedPath()); ok {
		e.serveRateLimits(w, r, template, id)
		return
	}
	rt, ok := matchRoute(r.URL.EscapedPath())
	if !ok {
		writeError(w, r, errResourceNotFound(r.URL.Path))
		return
	}
	e.serveAPI(w, r, rt)
}

// admit authenticates a request to template, counts it and draws its token,
// answering it when it goes no further: what every API route does first.
func (e *Emulator) admit(w http.ResponseWriter, r *http.Request, template string) (principal string, ok bool) {
	principal, challenge := e.authenticate(r)
	if principal == "" {
		e.counts.unauthorized()
		w.Header().Set("WWW-Authenticate", challenge)
		writeError(w, r, errUnauthorized())
		return "", false
	}
	e.counts.request(r.Method, template)
	rate := e.limiter.take(principal, r.Method, template, e.now())
	rate.setHeaders(w.Header())
	if rate.limited() {
		e.counts.rateLimited()
		writeError(w, r, rate.error())
		return "", false
	}
	return principal, true
}

func (e *Emulator) serveAPI(w http.ResponseWriter, r *http.Request, rt route) {
	principal, ok := e.admit(w, r, rt.template)
	if !ok {
		return
	}
	if !e.beforeApply(w, r, rt.template) {
		return
	}
	op, ok := operations[rt.template][r.Method]
	if !ok {
		writeError(w, r, errMethodNotAllowed(r.Method))
		return
	}
	if accept := r.Header.Get("Accept"); !acceptsVersion(accept, rt.template) {
		writeError(w, r, errInvalidVersion(accept))
		return
	}
	c, err := e.newCall(r, rt, principal)
	if err != nil {
		writeError(w, r, err)
		return
	}
	rep := op(e, c)
	if rep.err == nil && e.loseAnswer(r, rt.template) {
		dropConnection()
	}
	c.send(w, rep)
}
