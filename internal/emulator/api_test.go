package emulator_test

import (
	"encoding/json"
	"maps"
	"net/http"
	"strings"
	"testing"

	"github.com/atlasx/terraform-provider-atlasx/internal/contract"
	"github.com/atlasx/terraform-provider-atlasx/internal/emulator"
)

func TestConnectionLifecycleOverTheAPI(t *testing.T) {
	t.Parallel()
	h := newHarness(t)

	created := h.create(kafka())
	if id, _ := created["id"].(string); len(id) != 24 {
		t.Errorf("id = %q, want 24 hex digits", id)
	}
	if created["state"] != "READY" {
		t.Errorf("state = %v, want READY", created["state"])
	}

	got := h.do(http.MethodGet, h.connection("kafka"), nil)
	if got.status != http.StatusOK || got.object(t)["id"] != created["id"] {
		t.Fatalf("get: %d %s", got.status, got.body)
	}

	patched := h.do(http.MethodPatch, h.connection("kafka"), map[string]any{"name": "kafka", "type": "Kafka", "bootstrapServers": "b3.example.com:9092"})
	if patched.status != http.StatusOK || patched.object(t)["bootstrapServers"] != "b3.example.com:9092" {
		t.Fatalf("patch: %d %s", patched.status, patched.body)
	}

	deleted := h.do(http.MethodDelete, h.connection("kafka"), nil)
	if deleted.status != http.StatusAccepted || len(deleted.body) != 0 {
		t.Fatalf("delete: %d %q, want 202 with no body", deleted.status, deleted.body)
	}
	if gone := h.do(http.MethodGet, h.connection("kafka"), nil); gone.status != http.StatusNotFound ||
		gone.errorCode(t) != "STREAM_CONNECTION_NOT_FOUND_FOR_NAME" {
		t.Errorf("get after delete: %d %s", gone.status, gone.body)
	}
}

func TestEveryTypeRoundTrips(t *testing.T) {
	t.Parallel()
	for typ, body := range validConnections() {
		t.Run(typ, func(t *testing.T) {
			t.Parallel()
			h := newHarness(t)
			body["futureField"] = map[string]any{"nested": []any{1, "two", true}}
			h.create(body)
			got := h.do(http.MethodGet, h.connection(body["name"].(string)), nil).object(t)
			if !jsonEqual(got["futureField"], body["futureField"]) {
				t.Errorf("unknown field came back as %v", got["futureField"])
			}
			for _, field := range []string{"type", "name"} {
				if got[field] != body[field] {
					t.Errorf("%s = %v, want %v", field, got[field], body[field])
				}
			}
		})
	}
}

// TestListItemsAreTheGetAnswers: every type, PENDING ones included, is
// listed exactly as its own GET answers it (write-only fields left out,
// server defaults filled in).
func TestListItemsAreTheGetAnswers(t *testing.T) {
	t.Parallel()
	h := newHarness(t, emulator.WithLifecycle(emulator.Lifecycle{PendingReads: 2, Types: []string{"Kafka"}}))
	for _, body := range validConnections() {
		h.create(body)
	}
	listed := h.do(http.MethodGet, h.connections()+"?itemsPerPage=500", nil).object(t)["results"].([]any)
	if len(listed) != len(validConnections()) {
		t.Fatalf("listed %d connections, want %d", len(listed), len(validConnections()))
	}
	for _, item := range listed {
		item := item.(map[string]any)
		got := h.do(http.MethodGet, h.connection(item["name"].(string)), nil).object(t)
		if !jsonEqual(item, got) {
			t.Errorf("listed %v\nGET     %v", item, got)
		}
		if item["type"] == "Kafka" && item["state"] != "PENDING" {
			t.Errorf("the Kafka connection was listed %v, want PENDING", item["state"])
		}
	}
}

func TestServerDefaults(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	tests := []struct {
		name  string
		body  map[string]any
		field string
		want  any
	}{
		{"region from the workspace", map[string]any{"name": "s", "type": "Sample"}, "region", "VIRGINIA_USA"},
		{"region as sent", map[string]any{"name": "s2", "type": "Sample", "region": "OREGON_USA"}, "region", "OREGON_USA"},
		{"kafka networking public", map[string]any{"name": "k", "type": "Kafka", "bootstrapServers": "b:9092"}, "networking", map[string]any{"access": map[string]any{"type": "PUBLIC"}}},
		{"https headers empty", map[string]any{"name": "h", "type": "Https", "url": "https://e.example.com"}, "headers", map[string]any{}},
	}
	for _, tt := range tests {
		created := h.create(tt.body)
		read := h.do(http.MethodGet, h.connection(tt.body["name"].(string)), nil).object(t)
		for what, got := range map[string]any{"create": created[tt.field], "get": read[tt.field]} {
			if !jsonEqual(got, tt.want) {
				t.Errorf("%s: %s answer has %s = %v, want %v", tt.name, what, tt.field, got, tt.want)
			}
		}
	}
}

func TestWriteOnlyFieldsAreNeverReturned(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	k := kafka()
	k["authentication"].(map[string]any)["clientSecret"] = "cs"
	registry := validConnections()["SchemaRegistry"]
	secrets := []string{"secret", "keypass", `"key"`, `"cs"`, `"p"`}
	answers := []response{
		h.do(http.MethodPost, h.connections(), k),
		h.do(http.MethodPost, h.connections(), registry),
		h.do(http.MethodGet, h.connection("kafka"), nil),
		h.do(http.MethodGet, h.connection("registry"), nil),
		h.do(http.MethodGet, h.connections(), nil),
		h.do(http.MethodGet, h.workspaces()+"/"+h.seed.Workspace+"?includeConnections=true", nil),
		h.do(http.MethodPatch, h.connection("kafka"), map[string]any{"name": "kafka", "type": "Kafka", "config": map[string]any{}}),
	}
	for _, a := range answers {
		for _, s := range secrets {
			if strings.Contains(string(a.body), s) {
				t.Errorf("answer %s holds the secret %s", a.body, s)
			}
		}
	}
	stored, _ := h.em.Connection(h.seed.ProjectID, h.seed.Workspace, "kafka")
	auth := stored["authentication"].(map[string]any)
	for field, want := range map[string]string{"password": "secret", "sslKey": "key", "sslKeyPassword": "keypass", "clientSecret": "cs"} {
		if auth[field] != want {
			t.Errorf("stored %s = %v, want %q", field, auth[field], want)
		}
	}
	if reg, _ := h.em.Connection(h.seed.ProjectID, h.seed.Workspace, "registry"); reg["schemaRegistryAuthentication"].(map[string]any)["password"] != "p" {
		t.Errorf("schema registry password not stored: %v", reg)
	}
}

func TestVersioning(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	tests := []struct {
		accept     string
		wantStatus int
	}{
		{"application/vnd.atlas.2023-02-01+json", http.StatusOK},
		{"application/vnd.atlas.2025-02-19+json", http.StatusOK},
		{"application/json, application/vnd.atlas.2024-08-05+json;q=0.9", http.StatusOK},
		{"", http.StatusNotAcceptable},
		{"application/json", http.StatusNotAcceptable},
		{"application/vnd.atlas.2023-01-31+json", http.StatusNotAcceptable},
		{"application/vnd.atlas.yesterday+json", http.StatusNotAcceptable},
		{"application/vnd.atlas.2023-02-30+json", http.StatusNotAcceptable},
	}
	for _, tt := range tests {
		resp := h.do(http.MethodGet, h.connections(), nil, withHeader("Accept", tt.accept))
		if resp.status != tt.wantStatus {
			t.Errorf("Accept %q: status %d, want %d", tt.accept, resp.status, tt.wantStatus)
			continue
		}
		if tt.wantStatus == http.StatusOK {
			if ct := resp.header.Get("Content-Type"); ct != versionedType {
				t.Errorf("Accept %q: Content-Type %q, want %q", tt.accept, ct, versionedType)
			}
			if resp.header.Get("RateLimit-Limit") == "" || resp.header.Get("RateLimit-Remaining") == "" {
				t.Errorf("Accept %q: success without RateLimit headers: %v", tt.accept, resp.header)
			}
			continue
		}
		if code := resp.errorCode(t); code != "INVALID_VERSION_DATE" {
			t.Errorf("Accept %q: errorCode %q", tt.accept, code)
		}
		if ct := resp.header.Get("Content-Type"); ct != "application/json" {
			t.Errorf("Accept %q: error Content-Type %q", tt.accept, ct)
		}
	}
}

func TestErrorBodyShape(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	resp := h.do(http.MethodGet, h.connection("missing"), nil)
	body := resp.object(t)
	want := map[string]any{
		"error":      float64(404),
		"errorCode":  "STREAM_CONNECTION_NOT_FOUND_FOR_NAME",
		"reason":     "Not Found",
		"parameters": []any{},
	}
	for k, v := range want {
		if !jsonEqual(body[k], v) {
			t.Errorf("%s = %v, want %v", k, body[k], v)
		}
	}
	if detail, _ := body["detail"].(string); detail == "" {
		t.Error("no detail")
	}
}

func TestEnvelopeAndPretty(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.create(map[string]any{"name": "s", "type": "Sample"})

	single := h.do(http.MethodGet, h.connection("s")+"?envelope=true", nil).object(t)
	content, _ := single["content"].(map[string]any)
	if single["status"] != float64(200) || content["name"] != "s" {
		t.Errorf("enveloped get = %v", single)
	}

	list := h.do(http.MethodGet, h.connections()+"?envelope=true", nil).object(t)
	if list["status"] != float64(200) || list["results"] == nil {
		t.Errorf("enveloped list = %v", list)
	}

	created := h.do(http.MethodPost, h.connections()+"?envelope=true", map[string]any{"name": "s2", "type": "Sample"})
	if created.status != http.StatusOK || created.object(t)["status"] != float64(200) {
		t.Errorf("enveloped create = %d %s", created.status, created.body)
	}

	pretty := h.do(http.MethodGet, h.connection("s")+"?pretty=true", nil)
	if !strings.Contains(string(pretty.body), "\n  \"") {
		t.Errorf("pretty body not indented: %s", pretty.body)
	}
	plain := h.do(http.MethodGet, h.connection("s"), nil)
	if strings.Count(string(plain.body), "\n") != 1 {
		t.Errorf("plain body spans lines: %s", plain.body)
	}
}

func TestBadQueryParameters(t *testing.T) {
	t.Parallel()
	h := newHarnessChecked(t, []contract.Option{contract.AllowInvalidRequests()})
	for _, query := range []string{"?itemsPerPage=0", "?itemsPerPage=501", "?pageNum=0", "?pageNum=x", "?envelope=maybe", "?pretty=2", "?includeCount=nope"} {
		resp := h.do(http.MethodGet, h.connections()+query, nil)
		if resp.status != http.StatusBadRequest || resp.errorCode(t) != "INVALID_QUERY_PARAMETER" {
			t.Errorf("%s: %d %s", query, resp.status, resp.body)
		}
	}
}

func TestPagination(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	var names []string
	for _, n := range []string{"a", "b", "c", "d", "e"} {
		h.create(map[string]any{"name": n, "type": "Sample"})
		names = append(names, n)
	}
	tests := []struct {
		query     string
		wantNames []string
		wantNext  bool
		wantCount bool
	}{
		{"", names, false, true},
		{"?itemsPerPage=1", names[0:1], true, true},
		{"?itemsPerPage=2", names[0:2], true, true},
		{"?itemsPerPage=2&pageNum=2", names[2:4], true, true},
		{"?itemsPerPage=2&pageNum=3", names[4:5], false, true},
		{"?itemsPerPage=2&pageNum=9", nil, false, true},
		{"?itemsPerPage=500&includeCount=false", names, false, false},
	}
	for _, tt := range tests {
		page := h.do(http.MethodGet, h.connections()+tt.query, nil).object(t)
		var got []string
		for _, r := range page["results"].([]any) {
			got = append(got, r.(map[string]any)["name"].(string))
		}
		if strings.Join(got, ",") != strings.Join(tt.wantNames, ",") {
			t.Errorf("%q: results %v, want %v", tt.query, got, tt.wantNames)
		}
		if _, has := page["totalCount"]; has != tt.wantCount || (has && page["totalCount"] != float64(5)) {
			t.Errorf("%q: totalCount %v (present %v), want present %v", tt.query, page["totalCount"], has, tt.wantCount)
		}
		rels := map[string]string{}
		for _, l := range page["links"].([]any) {
			link := l.(map[string]any)
			rels[link["rel"].(string)] = link["href"].(string)
		}
		if !strings.HasSuffix(rels["self"], h.connections()+tt.query) {
			t.Errorf("%q: self link %q", tt.query, rels["self"])
		}
		if _, has := rels["next"]; has != tt.wantNext {
			t.Errorf("%q: next link %q, want present %v", tt.query, rels["next"], tt.wantNext)
		}
	}
	// Following next links from the first page visits every connection once.
	var seen []string
	for next := h.connections() + "?itemsPerPage=2"; next != ""; {
		page := h.do(http.MethodGet, next, nil).object(t)
		next = ""
		for _, r := range page["results"].([]any) {
			seen = append(seen, r.(map[string]any)["name"].(string))
		}
		for _, l := range page["links"].([]any) {
			if link := l.(map[string]any); link["rel"] == "next" {
				next = strings.TrimPrefix(link["href"].(string), h.url)
			}
		}
	}
	if strings.Join(seen, ",") != strings.Join(names, ",") {
		t.Errorf("following next links saw %v", seen)
	}
}

func TestWorkspaces(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	created := h.do(http.MethodPost, h.workspaces(), map[string]any{
		"name":              "solar",
		"dataProcessRegion": map[string]any{"cloudProvider": "AWS", "region": "DUBLIN_IRL"},
		"sampleConnections": map[string]any{"solar": true},
		"streamConfig":      map[string]any{"tier": "SP10"},
	})
	if created.status != http.StatusOK {
		t.Fatalf("create workspace: %d %s", created.status, created.body)
	}
	ws := created.object(t)
	if ws["name"] != "solar" || ws["groupId"] != h.seed.ProjectID || ws["_id"] == nil {
		t.Errorf("created workspace = %v", ws)
	}

	sample := h.do(http.MethodGet, h.workspaces()+"/solar/connections/sample_stream_solar", nil)
	if sample.status != http.StatusOK || sample.object(t)["region"] != "DUBLIN_IRL" {
		t.Errorf("sample connection: %d %s", sample.status, sample.body)
	}

	dup := h.do(http.MethodPost, h.workspaces(), map[string]any{"name": "solar", "dataProcessRegion": map[string]any{"cloudProvider": "AWS", "region": "DUBLIN_IRL"}})
	if dup.status != http.StatusConflict {
		t.Errorf("duplicate workspace: %d %s", dup.status, dup.body)
	}

	list := h.do(http.MethodGet, h.workspaces(), nil).object(t)
	if list["totalCount"] != float64(2) {
		t.Errorf("workspace list = %v", list)
	}

	withConnections := h.do(http.MethodGet, h.workspaces()+"/solar?includeConnections=true", nil).object(t)
	if cs, _ := withConnections["connections"].([]any); len(cs) != 1 {
		t.Errorf("includeConnections: %v", withConnections["connections"])
	}

	patched := h.do(http.MethodPatch, h.workspaces()+"/solar", map[string]any{"streamConfig": map[string]any{"tier": "SP30"}})
	if cfg, _ := patched.object(t)["streamConfig"].(map[string]any); cfg["tier"] != "SP30" {
		t.Errorf("patched workspace: %d %s", patched.status, patched.body)
	}

	if del := h.do(http.MethodDelete, h.workspaces()+"/solar", nil); del.status != http.StatusAccepted {
		t.Errorf("delete workspace: %d %s", del.status, del.body)
	}
	if gone := h.do(http.MethodGet, h.workspaces()+"/solar", nil); gone.errorCode(t) != "STREAM_TENANT_NOT_FOUND_FOR_NAME" {
		t.Errorf("deleted workspace: %d %s", gone.status, gone.body)
	}
}

func TestWorkspaceValidation(t *testing.T) {
	t.Parallel()
	h := newHarnessChecked(t, []contract.Option{contract.AllowInvalidRequests()})
	for _, body := range []string{
		`{"dataProcessRegion":{"cloudProvider":"AWS","region":"VIRGINIA_USA"}}`,
		`{"name":"w"}`,
		`{"name":"w","dataProcessRegion":{"cloudProvider":"AWS","region":"eastus"}}`,
		`{"name":"w","dataProcessRegion":{"cloudProvider":"MOON","region":"VIRGINIA_USA"}}`,
		`{"name":"w","dataProcessRegion":{"cloudProvider":"AWS","region":"VIRGINIA_USA"},"streamConfig":{"tier":"SP1"}}`,
		`{"name":"w","dataProcessRegion":{"cloudProvider":"AWS","region":"VIRGINIA_USA"},"streamConfig":{"maxTierSize":"SP100"}}`,
	} {
		if resp := h.do(http.MethodPost, h.workspaces(), body); resp.status != http.StatusBadRequest || resp.errorCode(t) != "VALIDATION_ERROR" {
			t.Errorf("%s: %d %s", body, resp.status, resp.body)
		}
	}
}

func TestUnknownRoutes(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	for _, path := range []string{"/api/atlas/v2/groups/" + h.seed.ProjectID + "/clusters", "/api/atlas/v2/groups/" + h.seed.ProjectID + "/streams/ws/connections/c/extra", "/nowhere"} {
		if resp := h.do(http.MethodGet, path, nil); resp.status != http.StatusNotFound || resp.errorCode(t) != "RESOURCE_NOT_FOUND" {
			t.Errorf("%s: %d %s", path, resp.status, resp.body)
		}
	}
	if resp := h.do(http.MethodPut, h.connection("x"), map[string]any{}); resp.status != http.StatusMethodNotAllowed {
		t.Errorf("PUT: %d %s", resp.status, resp.body)
	}
}

// jsonEqual compares two values as JSON.
func jsonEqual(a, b any) bool {
	ja, errA := json.Marshal(a)
	jb, errB := json.Marshal(b)
	var va, vb any
	_ = json.Unmarshal(ja, &va)
	_ = json.Unmarshal(jb, &vb)
	return errA == nil && errB == nil && equalJSON(va, vb)
}

func equalJSON(a, b any) bool {
	switch x := a.(type) {
	case map[string]any:
		y, ok := b.(map[string]any)
		return ok && maps.EqualFunc(x, y, equalJSON)
	case []any:
		y, ok := b.([]any)
		if !ok || len(x) != len(y) {
			return false
		}
		for i := range x {
			if !equalJSON(x[i], y[i]) {
				return false
			}
		}
		return true
	default:
		return a == b
	}
}
