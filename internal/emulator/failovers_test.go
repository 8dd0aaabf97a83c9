package emulator_test

import (
	"maps"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/atlasx/terraform-provider-atlasx/internal/contract"
	"github.com/atlasx/terraform-provider-atlasx/internal/emulator"
)

// failoverType is the failover operations' one resource version, as both
// the Accept header and the bodies name it.
const failoverType = "application/vnd.atlas.2025-03-12+json"

func (h *harness) failovers(connection string) string {
	return h.connection(connection) + "/failoverConnections"
}

func (h *harness) failover(connection, id string) string {
	return h.failovers(connection) + "/" + id
}

// failoverDo is do in the failover operations' version.
func (h *harness) failoverDo(method, path string, body any, opts ...requestOption) response {
	h.t.Helper()
	headers := []requestOption{withHeader("Accept", failoverType)}
	if body != nil {
		headers = append(headers, withHeader("Content-Type", failoverType))
	}
	return h.do(method, path, body, append(headers, opts...)...)
}

// createFailover makes a failover connection over the API and fails the
// test unless it is accepted.
func (h *harness) createFailover(connection string, body map[string]any) map[string]any {
	h.t.Helper()
	resp := h.failoverDo(http.MethodPost, h.failovers(connection), body)
	if resp.status != http.StatusCreated {
		h.t.Fatalf("create failover: %d %s", resp.status, resp.body)
	}
	return resp.object(h.t)
}

// kafkaFailover is a failover connection of kafka() in region, secrets included.
func kafkaFailover(region string) map[string]any {
	return map[string]any{"name": "kafka", "type": "Kafka", "region": region, "bootstrapServers": "dub-1.example.com:9092",
		"authentication": map[string]any{"mechanism": "SCRAM-512", "username": "dub", "password": "dub-secret", "sslKey": "dub-key"},
		"security":       map[string]any{"protocol": "SASL_SSL"}}
}

func clusterFailover(region string) map[string]any {
	return map[string]any{"name": "cluster", "type": "Cluster", "region": region, "clusterName": "Cluster1",
		"dbRoleToExecute": map[string]any{"role": "atlasAdmin", "type": "BUILT_IN"}}
}

func TestFailoverLifecycleOverTheAPI(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.create(kafka())

	created := h.createFailover("kafka", kafkaFailover("DUBLIN_IRL"))
	id, _ := created["id"].(string)
	if len(id) != 24 || created["state"] != "READY" || created["name"] != "kafka" || created["region"] != "DUBLIN_IRL" {
		t.Errorf("created = %v", created)
	}
	if !jsonEqual(created["networking"], map[string]any{"access": map[string]any{"type": "PUBLIC"}}) {
		t.Errorf("networking = %v, want the PUBLIC default", created["networking"])
	}

	got := h.failoverDo(http.MethodGet, h.failover("kafka", id), nil)
	if got.status != http.StatusOK || !jsonEqual(got.object(t), created) {
		t.Errorf("get: %d %s\nwant %v", got.status, got.body, created)
	}
	if ct := got.header.Get("Content-Type"); ct != failoverType {
		t.Errorf("Content-Type %q, want %q", ct, failoverType)
	}

	page := h.failoverDo(http.MethodGet, h.failovers("kafka"), nil).object(t)
	if results, _ := page["results"].([]any); len(results) != 1 || !jsonEqual(results[0], created) || page["totalCount"] != float64(1) {
		t.Errorf("list = %v", page)
	}

	patched := h.failoverDo(http.MethodPatch, h.failover("kafka", id), map[string]any{"name": "kafka", "type": "Kafka", "bootstrapServers": "dub-2.example.com:9092", "security": nil})
	p := patched.object(t)
	if patched.status != http.StatusOK || p["bootstrapServers"] != "dub-2.example.com:9092" || p["security"] != nil || p["authentication"] == nil {
		t.Errorf("patch: %d %s", patched.status, patched.body)
	}

	deleted := h.failoverDo(http.MethodDelete, h.failover("kafka", id), nil)
	if deleted.status != http.StatusNoContent || len(deleted.body) != 0 {
		t.Errorf("delete: %d %q, want 204 with no body", deleted.status, deleted.body)
	}
	if gone := h.failoverDo(http.MethodGet, h.failover("kafka", id), nil); gone.status != http.StatusNotFound ||
		gone.errorCode(t) != "STREAM_CONNECTION_NOT_FOUND_FOR_NAME" {
		t.Errorf("get after delete: %d %s", gone.status, gone.body)
	}
}

func TestClusterFailover(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.create(validConnections()["Cluster"])
	created := h.createFailover("cluster", clusterFailover("OREGON_USA"))
	if created["clusterName"] != "Cluster1" || created["type"] != "Cluster" || created["networking"] != nil {
		t.Errorf("created = %v", created)
	}
}

func TestFailoverVersioning(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.create(kafka())
	id := h.createFailover("kafka", kafkaFailover("DUBLIN_IRL"))["id"].(string)
	requests := []struct {
		method, path string
		body         any
	}{
		{http.MethodGet, h.failovers("kafka"), nil},
		{http.MethodPost, h.failovers("kafka"), kafkaFailover("OREGON_USA")},
		{http.MethodGet, h.failover("kafka", id), nil},
		{http.MethodPatch, h.failover("kafka", id), map[string]any{"name": "kafka", "type": "Kafka"}},
		{http.MethodDelete, h.failover("kafka", id), nil},
	}
	for _, accept := range []string{acceptHeader, "application/vnd.atlas.2023-02-01+json", "application/vnd.atlas.2025-03-11+json", ""} {
		for _, r := range requests {
			resp := h.failoverDo(r.method, r.path, r.body, withHeader("Accept", accept))
			if resp.status != http.StatusNotAcceptable || resp.errorCode(t) != "INVALID_VERSION_DATE" {
				t.Errorf("%s %s with Accept %q: %d %s, want 406 INVALID_VERSION_DATE", r.method, r.path, accept, resp.status, resp.body)
			}
		}
	}
	// A later date is served by the one version, and the connection
	// operations are still served in theirs when asked with this date.
	later := h.failoverDo(http.MethodGet, h.failover("kafka", id), nil, withHeader("Accept", "application/vnd.atlas.2026-01-01+json"))
	if later.status != http.StatusOK || later.header.Get("Content-Type") != failoverType {
		t.Errorf("later date: %d %s %s", later.status, later.header.Get("Content-Type"), later.body)
	}
	conn := h.do(http.MethodGet, h.connection("kafka"), nil, withHeader("Accept", failoverType))
	if conn.status != http.StatusOK || conn.header.Get("Content-Type") != versionedType {
		t.Errorf("connection with the failover date: %d %s", conn.status, conn.header.Get("Content-Type"))
	}
}

func TestFailoverErrors(t *testing.T) {
	t.Parallel()
	h := newHarnessChecked(t, []contract.Option{contract.AllowInvalidRequests()})
	h.create(kafka())
	h.create(httpsConnection())
	id := h.createFailover("kafka", kafkaFailover("DUBLIN_IRL"))["id"].(string)
	missingWorkspace := h.workspaces() + "/nowhere/connections/kafka/failoverConnections"
	with := func(change func(map[string]any)) map[string]any {
		body := kafkaFailover("OREGON_USA")
		change(body)
		return body
	}
	tests := []struct {
		name, method, path string
		body               any
		wantStatus         int
		wantCode           string
	}{
		{"list in missing workspace", http.MethodGet, missingWorkspace, nil, 404, "STREAM_TENANT_NOT_FOUND_FOR_NAME"},
		{"create in missing workspace", http.MethodPost, missingWorkspace, kafkaFailover("OREGON_USA"), 404, "STREAM_TENANT_NOT_FOUND_FOR_NAME"},
		{"get in missing workspace", http.MethodGet, missingWorkspace + "/" + id, nil, 404, "STREAM_TENANT_NOT_FOUND_FOR_NAME"},
		{"list of missing parent", http.MethodGet, h.failovers("nope"), nil, 404, "STREAM_CONNECTION_NOT_FOUND_FOR_NAME"},
		{"create under missing parent", http.MethodPost, h.failovers("nope"), with(func(b map[string]any) { b["name"] = "nope" }), 404, "STREAM_CONNECTION_NOT_FOUND_FOR_NAME"},
		{"patch under missing parent", http.MethodPatch, h.failover("nope", id), map[string]any{"name": "nope", "type": "Kafka"}, 404, "STREAM_CONNECTION_NOT_FOUND_FOR_NAME"},
		{"get missing id", http.MethodGet, h.failover("kafka", "0123456789abcdef01234567"), nil, 404, "STREAM_CONNECTION_NOT_FOUND_FOR_NAME"},
		{"patch missing id", http.MethodPatch, h.failover("kafka", "0123456789abcdef01234567"), map[string]any{"name": "kafka", "type": "Kafka"}, 404, "STREAM_CONNECTION_NOT_FOUND_FOR_NAME"},
		{"delete missing id", http.MethodDelete, h.failover("kafka", "nope"), nil, 404, "STREAM_CONNECTION_NOT_FOUND_FOR_NAME"},
		{"create without name", http.MethodPost, h.failovers("kafka"), with(func(b map[string]any) { delete(b, "name") }), 500, "UNEXPECTED_ERROR"},
		{"create with another name", http.MethodPost, h.failovers("kafka"), with(func(b map[string]any) { b["name"] = "other" }), 500, "UNEXPECTED_ERROR"},
		{"patch without name", http.MethodPatch, h.failover("kafka", id), map[string]any{"type": "Kafka", "bootstrapServers": "x.example.com:9092"}, 500, "UNEXPECTED_ERROR"},
		{"region outside the failover regions", http.MethodPost, h.failovers("kafka"), with(func(b map[string]any) { b["region"] = "TOKYO_JPN" }), 400, "VALIDATION_ERROR"},
		{"the workspace's own region", http.MethodPost, h.failovers("kafka"), with(func(b map[string]any) { b["region"] = "VIRGINIA_USA" }), 400, "VALIDATION_ERROR"},
		{"no region", http.MethodPost, h.failovers("kafka"), with(func(b map[string]any) { delete(b, "region") }), 400, "VALIDATION_ERROR"},
		{"second failover in a region", http.MethodPost, h.failovers("kafka"), kafkaFailover("DUBLIN_IRL"), 409, "STREAM_CONNECTION_NAME_ALREADY_EXISTS"},
		{"type other than the parent's", http.MethodPost, h.failovers("kafka"), with(func(b map[string]any) { maps.Copy(b, clusterFailover("OREGON_USA")); b["name"] = "kafka" }), 400, "VALIDATION_ERROR"},
		{"type without failovers", http.MethodPost, h.failovers("https"), map[string]any{"name": "https", "type": "Https", "region": "OREGON_USA", "url": "https://e.example.com"}, 400, "VALIDATION_ERROR"},
		{"bad bootstrap servers", http.MethodPost, h.failovers("kafka"), with(func(b map[string]any) { b["bootstrapServers"] = "no port" }), 400, "VALIDATION_ERROR"},
		{"patch changes type", http.MethodPatch, h.failover("kafka", id), map[string]any{"name": "kafka", "type": "Cluster"}, 400, "VALIDATION_ERROR"},
		{"patch changes region", http.MethodPatch, h.failover("kafka", id), map[string]any{"name": "kafka", "type": "Kafka", "region": "OREGON_USA"}, 400, "VALIDATION_ERROR"},
		{"patch clears region", http.MethodPatch, h.failover("kafka", id), map[string]any{"name": "kafka", "type": "Kafka", "region": nil}, 400, "VALIDATION_ERROR"},
		{"patch changes networking", http.MethodPatch, h.failover("kafka", id), map[string]any{"name": "kafka", "type": "Kafka", "networking": map[string]any{"access": map[string]any{"type": "VPC"}}}, 400, "STREAM_NETWORKING_CANNOT_BE_MODIFIED"},
		{"patch breaks the body", http.MethodPatch, h.failover("kafka", id), map[string]any{"name": "kafka", "type": "Kafka", "bootstrapServers": nil}, 400, "VALIDATION_ERROR"},
	}
	for _, tt := range tests {
		resp := h.failoverDo(tt.method, tt.path, tt.body)
		if resp.status != tt.wantStatus || resp.errorCode(t) != tt.wantCode {
			t.Errorf("%s: %d %s, want %d %s", tt.name, resp.status, resp.body, tt.wantStatus, tt.wantCode)
		}
	}
	if list := h.em.FailoverConnections(h.seed.ProjectID, h.seed.Workspace, "kafka"); len(list) != 1 || list[0]["bootstrapServers"] != "dub-1.example.com:9092" {
		t.Errorf("refused writes changed the failover connections: %v", list)
	}
}

func TestFailoversGoWithTheirParent(t *testing.T) {
	t.Parallel()
	h := newHarness(t, emulator.WithLifecycle(emulator.Lifecycle{DeletingReads: 1}))
	h.create(kafka())
	id := h.createFailover("kafka", kafkaFailover("DUBLIN_IRL"))["id"].(string)
	if resp := h.do(http.MethodDelete, h.connection("kafka"), nil); resp.status != http.StatusAccepted {
		t.Fatalf("delete parent: %d %s", resp.status, resp.body)
	}
	// The parent reads DELETING once; its failover connection is gone already.
	for _, path := range []string{h.failover("kafka", id), h.failovers("kafka")} {
		if resp := h.failoverDo(http.MethodGet, path, nil); resp.status != http.StatusNotFound {
			t.Errorf("GET %s while the parent is DELETING: %d %s", path, resp.status, resp.body)
		}
	}
	if got := h.states("kafka", 2); !equalStrings(got, []string{"DELETING", "404"}) {
		t.Fatalf("parent states %v", got)
	}
	h.em.SetLifecycle(emulator.Lifecycle{})
	h.create(kafka())
	page := h.failoverDo(http.MethodGet, h.failovers("kafka"), nil).object(t)
	if results, _ := page["results"].([]any); len(results) != 0 {
		t.Errorf("a new connection of the same name has failover connections: %v", results)
	}
}

func TestFailoverWriteOnlyFieldsAreNeverReturned(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.create(kafka())
	body := kafkaFailover("DUBLIN_IRL")
	body["authentication"].(map[string]any)["sslKeyPassword"] = "dub-keypass"
	created := h.failoverDo(http.MethodPost, h.failovers("kafka"), body)
	id := created.object(t)["id"].(string)
	answers := []response{
		created,
		h.failoverDo(http.MethodGet, h.failover("kafka", id), nil),
		h.failoverDo(http.MethodGet, h.failovers("kafka"), nil),
		h.failoverDo(http.MethodPatch, h.failover("kafka", id), map[string]any{"name": "kafka", "type": "Kafka", "config": map[string]any{"debug": "all"}}),
	}
	for _, a := range answers {
		for _, secret := range []string{"dub-secret", "dub-key", "dub-keypass"} {
			if strings.Contains(string(a.body), secret) {
				t.Errorf("answer %s holds the secret %s", a.body, secret)
			}
		}
	}
	stored := h.em.FailoverConnections(h.seed.ProjectID, h.seed.Workspace, "kafka")
	if len(stored) != 1 {
		t.Fatalf("stored %v", stored)
	}
	auth := stored[0]["authentication"].(map[string]any)
	for field, want := range map[string]string{"password": "dub-secret", "sslKey": "dub-key", "sslKeyPassword": "dub-keypass"} {
		if auth[field] != want {
			t.Errorf("stored %s = %v, want %q", field, auth[field], want)
		}
	}
}

// failoverStates reads a failover connection of "kafka" n times and returns
// what each GET said: the state, or "404".
func (h *harness) failoverStates(id string, n int) []string {
	h.t.Helper()
	return h.statesOf(n, func() response { return h.failoverDo(http.MethodGet, h.failover("kafka", id), nil) })
}

func TestFailoverLifecycleKnob(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name      string
		lifecycle emulator.Lifecycle
		want      []string
	}{
		{"pending reads", emulator.Lifecycle{PendingReads: 2}, []string{"PENDING", "PENDING", "READY"}},
		{"fails", emulator.Lifecycle{PendingReads: 1, FailCreates: true}, []string{"PENDING", "FAILED", "FAILED"}},
		{"not found first", emulator.Lifecycle{NotFoundReads: 1}, []string{"404", "READY"}},
		{"other type only", emulator.Lifecycle{PendingReads: 2, Types: []string{"Cluster"}}, []string{"READY"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			// The connections' knob is set too: it must not reach failovers.
			h := newHarness(t, emulator.WithFailoverLifecycle(tt.lifecycle), emulator.WithLifecycle(emulator.Lifecycle{PendingReads: 5}))
			h.create(kafka())
			id := h.createFailover("kafka", kafkaFailover("DUBLIN_IRL"))["id"].(string)
			if got := h.failoverStates(id, len(tt.want)); !equalStrings(got, tt.want) {
				t.Errorf("states %v, want %v", got, tt.want)
			}
		})
	}
}

func TestFailoverLifecycleByTimeAndDeleting(t *testing.T) {
	t.Parallel()
	clock := newFakeClock()
	h := newHarness(t, emulator.WithClock(clock.now),
		emulator.WithFailoverLifecycle(emulator.Lifecycle{PendingFor: time.Minute, DeletingReads: 1, DeployingDeletes: 3}))
	h.create(kafka())
	id := h.createFailover("kafka", kafkaFailover("DUBLIN_IRL"))["id"].(string)
	if got := h.failoverStates(id, 2); !equalStrings(got, []string{"PENDING", "PENDING"}) {
		t.Errorf("before a minute: %v", got)
	}
	clock.advance(time.Minute)
	if got := h.failoverStates(id, 1); !equalStrings(got, []string{"READY"}) {
		t.Errorf("after a minute: %v", got)
	}
	// An update is PENDING again for a minute.
	h.failoverDo(http.MethodPatch, h.failover("kafka", id), map[string]any{"name": "kafka", "type": "Kafka", "config": map[string]any{"a": "b"}})
	if got := h.failoverStates(id, 1); !equalStrings(got, []string{"PENDING"}) {
		t.Errorf("after update: %v", got)
	}
	// DeployingDeletes does not apply to failover connections; DeletingReads does.
	if resp := h.failoverDo(http.MethodDelete, h.failover("kafka", id), nil); resp.status != http.StatusNoContent {
		t.Fatalf("delete: %d %s", resp.status, resp.body)
	}
	if resp := h.failoverDo(http.MethodDelete, h.failover("kafka", id), nil); resp.status != http.StatusNoContent {
		t.Errorf("delete while DELETING: %d %s", resp.status, resp.body)
	}
	if got := h.failoverStates(id, 2); !equalStrings(got, []string{"DELETING", "404"}) {
		t.Errorf("after delete: %v", got)
	}
}

func TestFailoverPaginationEnvelopeAndPretty(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.create(kafka())
	first := h.createFailover("kafka", kafkaFailover("OREGON_USA"))
	second := h.createFailover("kafka", kafkaFailover("DUBLIN_IRL"))
	for _, tt := range []struct {
		query    string
		wantID   any
		wantNext bool
	}{
		{"?itemsPerPage=1", first["id"], true},
		{"?itemsPerPage=1&pageNum=2", second["id"], false},
	} {
		page := h.failoverDo(http.MethodGet, h.failovers("kafka")+tt.query, nil).object(t)
		results, _ := page["results"].([]any)
		if len(results) != 1 || results[0].(map[string]any)["id"] != tt.wantID || page["totalCount"] != float64(2) {
			t.Errorf("%s: %v", tt.query, page)
		}
		hasNext := false
		for _, l := range page["links"].([]any) {
			hasNext = hasNext || l.(map[string]any)["rel"] == "next"
		}
		if hasNext != tt.wantNext {
			t.Errorf("%s: next link %v, want %v", tt.query, hasNext, tt.wantNext)
		}
	}

	enveloped := h.failoverDo(http.MethodGet, h.failover("kafka", first["id"].(string))+"?envelope=true&pretty=true", nil)
	body := enveloped.object(t)
	if body["status"] != float64(200) || body["content"].(map[string]any)["id"] != first["id"] || !strings.Contains(string(enveloped.body), "\n  \"") {
		t.Errorf("enveloped pretty get: %s", enveloped.body)
	}
	if list := h.failoverDo(http.MethodGet, h.failovers("kafka")+"?envelope=true", nil).object(t); list["status"] != float64(200) || list["results"] == nil {
		t.Errorf("enveloped list: %v", list)
	}
}

func TestFailoverPageSizeLimit(t *testing.T) {
	t.Parallel()
	h := newHarnessChecked(t, []contract.Option{contract.AllowInvalidRequests()})
	h.create(kafka())
	if resp := h.failoverDo(http.MethodGet, h.failovers("kafka")+"?itemsPerPage=501", nil); resp.status != http.StatusBadRequest || resp.errorCode(t) != "INVALID_QUERY_PARAMETER" {
		t.Errorf("itemsPerPage=501: %d %s", resp.status, resp.body)
	}
	if resp := h.failoverDo(http.MethodGet, h.failovers("kafka")+"?itemsPerPage=500", nil); resp.status != http.StatusOK {
		t.Errorf("itemsPerPage=500: %d %s", resp.status, resp.body)
	}
}

func TestFailoverRoles(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.create(kafka())
	id := h.createFailover("kafka", kafkaFailover("DUBLIN_IRL"))["id"].(string)
	h.em.AddAccessToken("reader")
	h.em.GrantRole("reader", h.seed.ProjectID, emulator.RoleProjectReadOnly)
	h.em.AddAccessToken("streams")
	h.em.GrantRole("streams", h.seed.ProjectID, emulator.RoleProjectStreamProcessingOwner)
	for _, tt := range []struct {
		method, path string
		body         any
		reader       int // what the read-only role gets
	}{
		{http.MethodGet, h.failovers("kafka"), nil, http.StatusOK},
		{http.MethodGet, h.failover("kafka", id), nil, http.StatusOK},
		{http.MethodPatch, h.failover("kafka", id), map[string]any{"name": "kafka", "type": "Kafka"}, http.StatusForbidden},
		{http.MethodPost, h.failovers("kafka"), kafkaFailover("OREGON_USA"), http.StatusForbidden},
		{http.MethodDelete, h.failover("kafka", id), nil, http.StatusForbidden},
	} {
		if resp := h.failoverDo(tt.method, tt.path, tt.body, withBearer("reader")); resp.status != tt.reader {
			t.Errorf("read-only %s %s: %d %s, want %d", tt.method, tt.path, resp.status, resp.body, tt.reader)
		}
		if resp := h.failoverDo(tt.method, tt.path, tt.body, withBearer("streams")); resp.status >= 300 {
			t.Errorf("stream processing owner %s %s: %d %s", tt.method, tt.path, resp.status, resp.body)
		}
	}
}

func TestFailoverCountsRateLimitAndFaults(t *testing.T) {
	t.Parallel()
	h := newHarness(t,
		emulator.WithRateLimit(emulator.RateLimit{Capacity: 3, Scope: emulator.FailoverScope()}),
		emulator.WithFaults(emulator.Faults{ServerError: emulator.Fault{Count: 1, Scope: emulator.FailoverScope(http.MethodGet)}, ServerErrorStatuses: []int{503}}))
	h.create(kafka())
	id := h.createFailover("kafka", kafkaFailover("DUBLIN_IRL"))["id"].(string)
	if resp := h.failoverDo(http.MethodGet, h.failover("kafka", id), nil); resp.status != http.StatusServiceUnavailable {
		t.Errorf("first GET: %d, want the injected 503", resp.status)
	}
	if resp := h.failoverDo(http.MethodGet, h.failovers("kafka"), nil); resp.status != http.StatusOK {
		t.Errorf("list: %d %s", resp.status, resp.body)
	}
	if resp := h.failoverDo(http.MethodDelete, h.failover("kafka", id), nil); resp.status != http.StatusTooManyRequests || resp.errorCode(t) != "RATE_LIMITED_TOKEN_BUCKET" {
		t.Errorf("fourth failover request: %d %s, want 429", resp.status, resp.body)
	}
	// The connection routes are outside the failover scope.
	if resp := h.do(http.MethodGet, h.connection("kafka"), nil); resp.status != http.StatusOK {
		t.Errorf("connection GET: %d", resp.status)
	}
	want := map[string]int{
		"POST " + emulator.RouteFailovers:  1,
		"GET " + emulator.RouteFailovers:   1,
		"GET " + emulator.RouteFailover:    1,
		"DELETE " + emulator.RouteFailover: 1,
	}
	for key, n := range want {
		if got := h.em.Counts().Requests[key]; got != n {
			t.Errorf("count %s = %d, want %d", key, got, n)
		}
	}
}

func TestWorkspaceFailoverRegions(t *testing.T) {
	t.Parallel()
	h := newHarnessChecked(t, []contract.Option{contract.AllowInvalidRequests()})
	regions := func(names ...string) []any {
		out := []any{}
		for _, n := range names {
			out = append(out, map[string]any{"cloudProvider": "AWS", "region": n})
		}
		return out
	}
	created := h.do(http.MethodPost, h.workspaces(), map[string]any{
		"name":              "multi",
		"dataProcessRegion": map[string]any{"cloudProvider": "AWS", "region": "VIRGINIA_USA"},
		"failoverRegions":   regions("DUBLIN_IRL"),
	})
	if created.status != http.StatusOK || !jsonEqual(created.object(t)["failoverRegions"], regions("DUBLIN_IRL")) {
		t.Fatalf("create: %d %s", created.status, created.body)
	}
	ws := h.workspaces() + "/multi"
	patched := h.do(http.MethodPatch, ws, map[string]any{"failoverRegions": regions("DUBLIN_IRL", "OREGON_USA")})
	if patched.status != http.StatusOK || !jsonEqual(patched.object(t)["failoverRegions"], regions("DUBLIN_IRL", "OREGON_USA")) {
		t.Errorf("patch: %d %s", patched.status, patched.body)
	}
	if got := h.do(http.MethodGet, ws, nil).object(t); !jsonEqual(got["failoverRegions"], regions("DUBLIN_IRL", "OREGON_USA")) {
		t.Errorf("get: %v", got)
	}
	// Other fields leave the failover regions alone.
	if got := h.do(http.MethodPatch, ws, map[string]any{"streamConfig": map[string]any{"tier": "SP10"}}).object(t); !jsonEqual(got["failoverRegions"], regions("DUBLIN_IRL", "OREGON_USA")) {
		t.Errorf("patch of the tier: %v", got)
	}

	// A region that failover connections use cannot be dropped.
	h.do(http.MethodPost, ws+"/connections", kafka())
	h.failoverDo(http.MethodPost, h.workspaces()+"/multi/connections/kafka/failoverConnections", kafkaFailover("DUBLIN_IRL"))
	for _, body := range []map[string]any{
		{"failoverRegions": regions("OREGON_USA")},
		{"failoverRegions": regions("DUBLIN_IRL", "OREGON_USA", "LONDON_GBR")},
		{"failoverRegions": regions("DUBLIN_IRL", "DUBLIN_IRL")},
		{"failoverRegions": regions("DUBLIN_IRL", "VIRGINIA_USA")},
		{"failoverRegions": []any{map[string]any{"cloudProvider": "AWS", "region": "eastus"}}},
		{"region": "DUBLIN_IRL"},
	} {
		if resp := h.do(http.MethodPatch, ws, body); resp.status != http.StatusBadRequest || resp.errorCode(t) != "VALIDATION_ERROR" {
			t.Errorf("patch %v: %d %s", body, resp.status, resp.body)
		}
	}
	if got := h.do(http.MethodGet, ws, nil).object(t); !jsonEqual(got["failoverRegions"], regions("DUBLIN_IRL", "OREGON_USA")) {
		t.Errorf("refused patches changed the regions: %v", got)
	}
	// Once the failover connection goes with its parent, the region can go.
	h.do(http.MethodDelete, ws+"/connections/kafka", nil)
	if got := h.do(http.MethodPatch, ws, map[string]any{"failoverRegions": nil}); got.status != http.StatusOK || got.object(t)["failoverRegions"] != nil {
		t.Errorf("clearing: %d %s", got.status, got.body)
	}
}

// The Seed that Seed returns names the failover regions the workspace
// holds, which is what the emulator program's banner prints.
func TestSeededFailoverRegions(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	seeds := map[string]emulator.Seed{
		h.seed.Workspace: h.seed,
		"none":           h.em.Seed(emulator.Seed{Workspace: "none", FailoverRegions: []string{}}),
		"own":            h.em.Seed(emulator.Seed{Workspace: "own", Region: "OREGON_USA"}),
		"twice":          h.em.Seed(emulator.Seed{Workspace: "twice", FailoverRegions: []string{"LONDON_GBR", "LONDON_GBR"}}),
	}
	region := func(name string) map[string]any { return map[string]any{"cloudProvider": "AWS", "region": name} }
	for workspace, want := range map[string]struct {
		regions []any
		seeded  []string
	}{
		h.seed.Workspace: {[]any{region("OREGON_USA"), region("DUBLIN_IRL")}, emulator.DefaultSeed().FailoverRegions},
		"none":           {nil, []string{}},
		"own":            {[]any{region("DUBLIN_IRL")}, []string{"DUBLIN_IRL"}}, // its own region left out
		"twice":          {[]any{region("LONDON_GBR")}, []string{"LONDON_GBR"}},
	} {
		got := h.do(http.MethodGet, h.workspaces()+"/"+workspace, nil).object(t)
		if !jsonEqual(got["failoverRegions"], want.regions) {
			t.Errorf("%s: failoverRegions = %v, want %v", workspace, got["failoverRegions"], want.regions)
		}
		if seeded := seeds[workspace].FailoverRegions; seeded == nil || !slices.Equal(seeded, want.seeded) {
			t.Errorf("%s: Seed returned FailoverRegions %#v, want %#v", workspace, seeded, want.seeded)
		}
	}
}

func TestFailoversOutsideTheAPI(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	p, ws := h.seed.ProjectID, h.seed.Workspace
	h.create(kafka())
	id := h.createFailover("kafka", kafkaFailover("DUBLIN_IRL"))["id"]

	// Replacing the connection from Go keeps its failover connections.
	if err := h.em.PutConnection(p, ws, map[string]any{"name": "kafka", "type": "Kafka", "bootstrapServers": "new.example.com:9092"}); err != nil {
		t.Fatal(err)
	}
	if list := h.em.FailoverConnections(p, ws, "kafka"); len(list) != 1 || list[0]["id"] != id {
		t.Fatalf("after PutConnection: %v", list)
	}

	if h.em.RemoveFailoverConnection(p, ws, "kafka", "OREGON_USA") {
		t.Error("removed a failover connection from a region that has none")
	}
	if !h.em.RemoveFailoverConnection(p, ws, "kafka", "DUBLIN_IRL") {
		t.Error("RemoveFailoverConnection found none in DUBLIN_IRL")
	}
	if resp := h.failoverDo(http.MethodGet, h.failover("kafka", id.(string)), nil); resp.status != http.StatusNotFound {
		t.Errorf("removed failover connection: %d %s", resp.status, resp.body)
	}

	if err := h.em.SetFailoverRegions(p, ws, "LONDON_GBR"); err != nil {
		t.Fatal(err)
	}
	if resp := h.failoverDo(http.MethodPost, h.failovers("kafka"), kafkaFailover("DUBLIN_IRL")); resp.status != http.StatusBadRequest {
		t.Errorf("create in a region no longer named: %d %s", resp.status, resp.body)
	}
	if err := h.em.SetFailoverRegions(p, "nowhere"); err == nil {
		t.Error("SetFailoverRegions of a missing workspace succeeded")
	}
}
