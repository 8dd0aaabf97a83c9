package emulator_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/atlasx/terraform-provider-atlasx/internal/emulator"
)

// states reads a connection n times and returns what each GET said: the
// state, or the errorCode for a 404.
func (h *harness) states(name string, n int) []string {
	h.t.Helper()
	return h.statesOf(n, func() response { return h.do(http.MethodGet, h.connection(name), nil) })
}

// statesOf reads n times with get and returns what each read said: the
// state, or "404".
func (h *harness) statesOf(n int, get func() response) []string {
	h.t.Helper()
	var out []string
	for range n {
		resp := get()
		if resp.status == http.StatusNotFound {
			out = append(out, "404")
			continue
		}
		state, _ := resp.object(h.t)["state"].(string)
		out = append(out, state)
	}
	return out
}

// listedStates lists the workspace with query (e.g. "?itemsPerPage=1") and
// returns name=state for each connection on the page.
func (h *harness) listedStates(query string) []string {
	h.t.Helper()
	page := h.do(http.MethodGet, h.connections()+query, nil).object(h.t)
	var out []string
	for _, r := range page["results"].([]any) {
		conn := r.(map[string]any)
		out = append(out, fmt.Sprintf("%v=%v", conn["name"], conn["state"]))
	}
	return out
}

func equalStrings(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestLifecycleByReads(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name        string
		lifecycle   emulator.Lifecycle
		body        map[string]any
		wantCreated string
		wantReads   []string
	}{
		{"ready at once", emulator.Lifecycle{}, kafka(), "READY", []string{"READY"}},
		{"pending for reads", emulator.Lifecycle{PendingReads: 2}, kafka(), "PENDING", []string{"PENDING", "PENDING", "READY", "READY"}},
		{"failing create", emulator.Lifecycle{PendingReads: 1, FailCreates: true}, kafka(), "PENDING", []string{"PENDING", "FAILED", "FAILED"}},
		{"failing at once", emulator.Lifecycle{FailCreates: true}, kafka(), "FAILED", []string{"FAILED"}},
		{"404 right after create", emulator.Lifecycle{NotFoundReads: 2, PendingReads: 1}, kafka(), "PENDING", []string{"404", "404", "PENDING", "READY"}},
		{"other types unaffected", emulator.Lifecycle{PendingReads: 2, Types: []string{"Kafka"}}, httpsConnection(), "READY", []string{"READY"}},
		{"listed type affected", emulator.Lifecycle{PendingReads: 1, Types: []string{"Https"}}, httpsConnection(), "PENDING", []string{"PENDING", "READY"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			h := newHarness(t, emulator.WithLifecycle(tt.lifecycle))
			created := h.create(tt.body)
			if created["state"] != tt.wantCreated {
				t.Errorf("create answered state %v, want %s", created["state"], tt.wantCreated)
			}
			if got := h.states(tt.body["name"].(string), len(tt.wantReads)); !equalStrings(got, tt.wantReads) {
				t.Errorf("reads = %v, want %v", got, tt.wantReads)
			}
		})
	}
}

// TestListShowsWhatGetShows reads a connection by alternating lists and
// GETs: the states seen are the ones GETs alone would see, since a list
// reads each connection it shows as a GET does.
func TestListShowsWhatGetShows(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name      string
		lifecycle emulator.Lifecycle
		want      []string // by GET alone; "404" is a GET's 404 and a list without the connection
	}{
		{"pending for reads", emulator.Lifecycle{PendingReads: 3}, []string{"PENDING", "PENDING", "PENDING", "READY", "READY"}},
		{"404 right after create", emulator.Lifecycle{NotFoundReads: 2, PendingReads: 1}, []string{"404", "404", "PENDING", "READY"}},
		{"failing create", emulator.Lifecycle{PendingReads: 2, FailCreates: true}, []string{"PENDING", "PENDING", "FAILED"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			h := newHarness(t, emulator.WithLifecycle(tt.lifecycle))
			h.create(kafka())
			var got []string
			for i := range tt.want {
				if i%2 == 1 {
					got = append(got, h.states("kafka", 1)...)
					continue
				}
				switch listed := h.listedStates(""); len(listed) {
				case 0:
					got = append(got, "404")
				default:
					got = append(got, strings.TrimPrefix(listed[0], "kafka="))
				}
			}
			if !equalStrings(got, tt.want) {
				t.Errorf("states seen alternating list and GET = %v, want %v", got, tt.want)
			}
		})
	}
}

// TestListReadsOnlyItsPage: listing one page does not use up the reads of
// connections on other pages.
func TestListReadsOnlyItsPage(t *testing.T) {
	t.Parallel()
	h := newHarness(t, emulator.WithLifecycle(emulator.Lifecycle{PendingReads: 1}))
	first := kafka()
	h.create(first)
	second := kafka()
	second["name"] = "second"
	h.create(second)
	for _, want := range [][]string{
		{"?itemsPerPage=1", "kafka=PENDING"},
		{"?itemsPerPage=1", "kafka=READY"},
		{"?itemsPerPage=1&pageNum=2", "second=PENDING"}, // untouched by the lists of page 1
		{"?itemsPerPage=1&pageNum=2", "second=READY"},
	} {
		if got := h.listedStates(want[0]); !equalStrings(got, want[1:]) {
			t.Errorf("%s: %v, want %v", want[0], got, want[1:])
		}
	}
}

func TestPendingAgainAfterUpdate(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.create(kafka())
	h.em.SetLifecycle(emulator.Lifecycle{PendingReads: 1})
	patched := h.do(http.MethodPatch, h.connection("kafka"), map[string]any{"name": "kafka", "type": "Kafka", "bootstrapServers": "n:1"}).object(t)
	if patched["state"] != "PENDING" {
		t.Errorf("update answered state %v", patched["state"])
	}
	if got := h.states("kafka", 2); !equalStrings(got, []string{"PENDING", "READY"}) {
		t.Errorf("reads = %v", got)
	}
}

func TestLifecycleByTime(t *testing.T) {
	t.Parallel()
	clock := newFakeClock()
	h := newHarness(t, emulator.WithClock(clock.now), emulator.WithLifecycle(emulator.Lifecycle{PendingFor: 30 * time.Millisecond, DeletingFor: 30 * time.Millisecond}))
	h.create(kafka())
	if got := h.states("kafka", 1); got[0] != "PENDING" {
		t.Errorf("right after create: %v", got)
	}
	list := h.do(http.MethodGet, h.connections(), nil).object(t)
	if state := list["results"].([]any)[0].(map[string]any)["state"]; state != "PENDING" {
		t.Errorf("list says %v", state)
	}
	clock.advance(40 * time.Millisecond)
	if got := h.states("kafka", 1); got[0] != "READY" {
		t.Errorf("after PendingFor: %v", got)
	}

	h.do(http.MethodDelete, h.connection("kafka"), nil)
	if got := h.states("kafka", 1); got[0] != "DELETING" {
		t.Errorf("right after delete: %v", got)
	}
	clock.advance(40 * time.Millisecond)
	if got := h.states("kafka", 1); got[0] != "404" {
		t.Errorf("after DeletingFor: %v", got)
	}
}

func TestDeletingByReads(t *testing.T) {
	t.Parallel()
	h := newHarness(t, emulator.WithLifecycle(emulator.Lifecycle{DeletingReads: 2}))
	h.create(kafka())
	if resp := h.do(http.MethodDelete, h.connection("kafka"), nil); resp.status != http.StatusAccepted {
		t.Fatalf("delete: %d %s", resp.status, resp.body)
	}
	if again := h.do(http.MethodDelete, h.connection("kafka"), nil); again.status != http.StatusAccepted {
		t.Errorf("delete while DELETING: %d %s", again.status, again.body)
	}
	recreate := h.do(http.MethodPost, h.connections(), kafka())
	if recreate.status != http.StatusConflict || recreate.errorCode(t) != "STREAM_CONNECTION_NAME_ALREADY_EXISTS" {
		t.Errorf("re-create while DELETING: %d %s", recreate.status, recreate.body)
	}
	// A list is one of the two DELETING reads, as a GET would be.
	if got := h.listedStates(""); !equalStrings(got, []string{"kafka=DELETING"}) {
		t.Errorf("list while DELETING: %v", got)
	}
	if got := h.states("kafka", 2); !equalStrings(got, []string{"DELETING", "404"}) {
		t.Errorf("reads = %v", got)
	}
	if recreate := h.do(http.MethodPost, h.connections(), kafka()); recreate.status != http.StatusOK {
		t.Errorf("re-create when gone: %d %s", recreate.status, recreate.body)
	}
}

func TestDeleteWhileDeploying(t *testing.T) {
	t.Parallel()
	h := newHarness(t, emulator.WithLifecycle(emulator.Lifecycle{DeployingDeletes: 2}))
	h.create(kafka())
	h.create(httpsConnection())
	for i := range 2 {
		resp := h.do(http.MethodDelete, h.connection("kafka"), nil)
		if resp.status != http.StatusConflict || resp.errorCode(t) != "STREAM_KAFKA_CONNECTION_IS_DEPLOYING" {
			t.Errorf("delete %d: %d %s", i+1, resp.status, resp.body)
		}
	}
	if resp := h.do(http.MethodDelete, h.connection("kafka"), nil); resp.status != http.StatusAccepted {
		t.Errorf("third delete: %d %s", resp.status, resp.body)
	}
	if resp := h.do(http.MethodDelete, h.connection("https"), nil); resp.status != http.StatusAccepted {
		t.Errorf("non-Kafka delete: %d %s", resp.status, resp.body)
	}
}

func TestConnectionErrors(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.create(kafka())
	if err := h.em.SetProcessors(h.seed.ProjectID, h.seed.Workspace, "kafka", true); err != nil {
		t.Fatal(err)
	}
	missingWorkspace := h.workspaces() + "/nowhere/connections"
	tests := []struct {
		name, method, path string
		body               any
		wantStatus         int
		wantCode           string
	}{
		{"list in missing workspace", http.MethodGet, missingWorkspace, nil, 404, "STREAM_TENANT_NOT_FOUND_FOR_NAME"},
		{"create in missing workspace", http.MethodPost, missingWorkspace, kafka(), 404, "STREAM_TENANT_NOT_FOUND_FOR_NAME"},
		{"get in missing workspace", http.MethodGet, missingWorkspace + "/kafka", nil, 404, "STREAM_TENANT_NOT_FOUND_FOR_NAME"},
		{"patch in missing workspace", http.MethodPatch, missingWorkspace + "/kafka", map[string]any{"name": "kafka", "type": "Kafka"}, 404, "STREAM_TENANT_NOT_FOUND_FOR_NAME"},
		{"delete in missing workspace", http.MethodDelete, missingWorkspace + "/kafka", nil, 404, "STREAM_TENANT_NOT_FOUND_FOR_NAME"},
		{"get missing", http.MethodGet, h.connection("nope"), nil, 404, "STREAM_CONNECTION_NOT_FOUND_FOR_NAME"},
		{"patch missing", http.MethodPatch, h.connection("nope"), map[string]any{"name": "nope", "type": "Sample"}, 404, "STREAM_CONNECTION_NOT_FOUND_FOR_NAME"},
		{"delete missing", http.MethodDelete, h.connection("nope"), nil, 404, "STREAM_CONNECTION_NOT_FOUND_FOR_NAME"},
		{"create existing", http.MethodPost, h.connections(), kafka(), 409, "STREAM_CONNECTION_NAME_ALREADY_EXISTS"},
		{"delete used by processors", http.MethodDelete, h.connection("kafka"), nil, 403, "STREAM_CONNECTION_HAS_STREAM_PROCESSORS"},
	}
	for _, tt := range tests {
		resp := h.do(tt.method, tt.path, tt.body)
		if resp.status != tt.wantStatus || resp.errorCode(t) != tt.wantCode {
			t.Errorf("%s: %d %s, want %d %s", tt.name, resp.status, resp.body, tt.wantStatus, tt.wantCode)
		}
	}
	if err := h.em.SetProcessors(h.seed.ProjectID, h.seed.Workspace, "kafka", false); err != nil {
		t.Fatal(err)
	}
	if resp := h.do(http.MethodDelete, h.connection("kafka"), nil); resp.status != http.StatusAccepted {
		t.Errorf("delete once unused: %d %s", resp.status, resp.body)
	}
}
