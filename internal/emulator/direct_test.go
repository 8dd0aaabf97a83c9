package emulator_test

import (
	"net/http"
	"reflect"
	"sync"
	"testing"

	"github.com/atlasx/terraform-provider-atlasx/internal/emulator"
)

func TestSeedDefaults(t *testing.T) {
	t.Parallel()
	em := emulator.New()
	got := em.Seed(emulator.Seed{Workspace: "mine"})
	want := emulator.DefaultSeed()
	want.Workspace = "mine"
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Seed = %+v, want %+v", got, want)
	}
	if conns := em.Connections(got.ProjectID, "mine"); conns != nil {
		t.Errorf("a new workspace holds %v", conns)
	}
}

func TestDriftOutsideTheAPI(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	p, ws := h.seed.ProjectID, h.seed.Workspace
	created := h.create(httpsConnection())

	if err := h.em.SetField(p, ws, "https", "url", "https://changed.example.com"); err != nil {
		t.Fatal(err)
	}
	if err := h.em.SetField(p, ws, "https", "headers", nil); err != nil {
		t.Fatal(err)
	}
	got := h.do(http.MethodGet, h.connection("https"), nil).object(t)
	if got["url"] != "https://changed.example.com" || got["headers"] != nil || got["id"] != created["id"] {
		t.Errorf("after SetField: %v", got)
	}

	err := h.em.PutConnection(p, ws, map[string]any{"name": "https", "type": "Https", "url": "https://put.example.com", "state": "FAILED"})
	if err != nil {
		t.Fatal(err)
	}
	got = h.do(http.MethodGet, h.connection("https"), nil).object(t)
	if got["url"] != "https://put.example.com" || got["state"] != "FAILED" || got["id"] != created["id"] || !jsonEqual(got["headers"], map[string]any{}) {
		t.Errorf("after PutConnection: %v", got)
	}

	if err := h.em.PutConnection(p, ws, map[string]any{"name": "new", "type": "Kafka", "bootstrapServers": "b:1", "authentication": map[string]string{"password": "pw"}}); err != nil {
		t.Fatal(err)
	}
	stored, ok := h.em.Connection(p, ws, "new")
	if !ok || stored["state"] != "READY" || len(stored["id"].(string)) != 24 || stored["region"] != "VIRGINIA_USA" {
		t.Errorf("put connection stored as %v", stored)
	}
	if stored["authentication"].(map[string]any)["password"] != "pw" {
		t.Errorf("write-only field not kept: %v", stored)
	}
	if list := h.em.Connections(p, ws); len(list) != 2 || list[0]["name"] != "https" || list[1]["name"] != "new" {
		t.Errorf("Connections = %v", list)
	}

	if !h.em.RemoveConnection(p, ws, "https") || h.em.RemoveConnection(p, ws, "https") {
		t.Error("RemoveConnection should report true once, then false")
	}
	if resp := h.do(http.MethodGet, h.connection("https"), nil); resp.status != http.StatusNotFound {
		t.Errorf("removed connection: %d", resp.status)
	}
}

func TestDirectAccessRefusals(t *testing.T) {
	t.Parallel()
	em := emulator.New()
	s := em.Seed(emulator.Seed{})
	tests := []struct {
		name string
		err  error
	}{
		{"put without name", em.PutConnection(s.ProjectID, s.Workspace, map[string]any{"type": "Sample"})},
		{"put into missing workspace", em.PutConnection(s.ProjectID, "nowhere", map[string]any{"name": "x"})},
		{"put what is not JSON", em.PutConnection(s.ProjectID, s.Workspace, map[string]any{"name": "x", "f": func() {}})},
		{"set field of missing connection", em.SetField(s.ProjectID, s.Workspace, "nope", "url", "x")},
		{"processors of missing connection", em.SetProcessors(s.ProjectID, "nowhere", "nope", true)},
	}
	for _, tt := range tests {
		if tt.err == nil {
			t.Errorf("%s: no error", tt.name)
		}
	}
	if _, ok := em.Connection(s.ProjectID, "nowhere", "x"); ok {
		t.Error("Connection found something in a missing workspace")
	}
}

// TestConcurrentUse runs requests and knob changes together, for the race
// detector.
func TestConcurrentUse(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	var wg sync.WaitGroup
	for i := range 4 {
		wg.Go(func() {
			name := string(rune('a' + i))
			body := map[string]any{"name": name, "type": "Sample"}
			h.do(http.MethodPost, h.connections(), body, withBearer(h.seed.AccessToken))
			h.do(http.MethodGet, h.connection(name), nil, withBearer(h.seed.AccessToken))
			h.do(http.MethodGet, h.connections(), nil, withBearer(h.seed.AccessToken))
			h.do(http.MethodDelete, h.connection(name), nil, withBearer(h.seed.AccessToken))
		})
	}
	wg.Go(func() {
		h.em.SetLifecycle(emulator.Lifecycle{PendingReads: 1})
		h.em.SetRateLimit(emulator.RateLimit{Capacity: 1000})
		h.em.SetFaults(emulator.Faults{Seed: 1})
		h.em.SetLatency(0)
		_ = h.em.Counts()
		_ = h.em.Connections(h.seed.ProjectID, h.seed.Workspace)
	})
	wg.Wait()
}
