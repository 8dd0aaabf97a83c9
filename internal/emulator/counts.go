package emulator

import (
	"encoding/json"
	"maps"
	"net/http"
	"sync"
)

// Counts is a snapshot of what the emulator has seen since it started or
// since ResetCounts.
type Counts struct {
	// Requests counts authenticated API requests and all OAuth requests by
	// "METHOD template", e.g. "PATCH " + RouteConnection.
	Requests map[string]int `json:"requests"`
	// Unauthorized counts 401 answers (digest challenges included).
	Unauthorized int `json:"unauthorized"`
	// RateLimited counts 429 answers.
	RateLimited int `json:"rateLimited"`
	// Faults counts injected faults by kind (FaultDrop, ...).
	Faults map[string]int `json:"faults"`
}

type counters struct {
	mu     sync.Mutex
	counts Counts
}

func newCounters() *counters {
	c := &counters{}
	c.reset()
	return c
}

func (c *counters) reset() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.counts = Counts{Requests: map[string]int{}, Faults: map[string]int{}}
}

func (c *counters) request(method, template string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.counts.Requests[method+" "+template]++
}

func (c *counters) unauthorized() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.counts.Unauthorized++
}

func (c *counters) rateLimited() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.counts.RateLimited++
}

func (c *counters) fault(kind string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.counts.Faults[kind]++
}

func (c *counters) snapshot() Counts {
	c.mu.Lock()
	defer c.mu.Unlock()
	s := c.counts
	s.Requests = maps.Clone(s.Requests)
	s.Faults = maps.Clone(s.Faults)
	return s
}

// Counts returns a snapshot of the counts.
func (e *Emulator) Counts() Counts { return e.counts.snapshot() }

// Count is the number of counted requests with this method to this route
// template, e.g. em.Count("PATCH", emulator.RouteConnection).
func (e *Emulator) Count(method, template string) int {
	return e.counts.snapshot().Requests[method+" "+template]
}

// ResetCounts sets every count back to zero.
func (e *Emulator) ResetCounts() { e.counts.reset() }

// serveAdmin answers the unauthenticated admin routes.
func (e *Emulator) serveAdmin(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path != AdminCountsPath {
		http.NotFound(w, r)
		return
	}
	switch r.Method {
	case http.MethodGet:
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(e.Counts())
	case http.MethodDelete:
		e.ResetCounts()
		w.WriteHeader(http.StatusNoContent)
	default:
		w.Header().Set("Allow", "GET, DELETE")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
	}
}
