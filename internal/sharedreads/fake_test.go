package sharedreads

import (
	"context"
	"net/http"
	"sync"
	"time"

	"github.com/atlasx/terraform-provider-atlasx/internal/client"
)

// fakeClock is a clock that moves only when the test says.
type fakeClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

// fakeAPI holds one workspace's connections and records each call, in
// order. A list waits for listGate, when set, or for its context.
type fakeAPI struct {
	mu        sync.Mutex
	conns     map[string]client.StreamConnection
	failovers map[string]client.FailoverConnection // by region, all of one parent
	calls     []string
	listGate  chan struct{}
	// fail is how many of the next lists, failover lists and workspace
	// reads fail.
	fail int
}

func newFakeAPI(names ...string) *fakeAPI {
	f := &fakeAPI{conns: map[string]client.StreamConnection{}, failovers: map[string]client.FailoverConnection{}}
	for _, n := range names {
		f.conns[n] = client.StreamConnection{Name: n, Type: "Kafka", State: client.StateReady}
	}
	return f
}

func (f *fakeAPI) record(call string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls = append(f.calls, call)
}

// failing is the error of a read that fails (fail), or nil.
func (f *fakeAPI) failing() error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.fail == 0 {
		return nil
	}
	f.fail--
	return &client.APIError{StatusCode: 500, ErrorCode: "UNEXPECTED_ERROR"}
}

func (f *fakeAPI) count(prefix string) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	n := 0
	for _, c := range f.calls {
		if len(c) >= len(prefix) && c[:len(prefix)] == prefix {
			n++
		}
	}
	return n
}

func (f *fakeAPI) ListStreamConnections(ctx context.Context, _, _ string) ([]client.StreamConnection, error) {
	f.record("list")
	if err := f.failing(); err != nil {
		return nil, err
	}
	if f.listGate != nil {
		select {
		case <-f.listGate:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []client.StreamConnection
	for _, c := range f.conns {
		out = append(out, c)
	}
	return out, nil
}

func (f *fakeAPI) GetStreamConnection(_ context.Context, _, _, name string) (*client.StreamConnection, error) {
	f.record("get " + name)
	f.mu.Lock()
	defer f.mu.Unlock()
	c, ok := f.conns[name]
	if !ok {
		return nil, &client.APIError{StatusCode: http.StatusNotFound}
	}
	return &c, nil
}

func (f *fakeAPI) CreateStreamConnection(_ context.Context, _, _ string, conn *client.StreamConnection) (*client.StreamConnection, error) {
	f.record("create " + conn.Name)
	f.mu.Lock()
	defer f.mu.Unlock()
	f.conns[conn.Name] = *conn
	return conn, nil
}

func (f *fakeAPI) UpdateStreamConnection(_ context.Context, _, _, name string, _ client.ConnectionPatch) (*client.StreamConnection, error) {
	f.record("update " + name)
	f.mu.Lock()
	defer f.mu.Unlock()
	c := f.conns[name]
	c.State = client.StatePending
	f.conns[name] = c
	return &c, nil
}

func (f *fakeAPI) DeleteStreamConnection(_ context.Context, _, _, name string) error {
	f.record("delete " + name)
	f.mu.Lock()
	defer f.mu.Unlock()
	delete(f.conns, name)
	return nil
}
