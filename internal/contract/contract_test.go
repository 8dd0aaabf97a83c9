package contract

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const (
	connections = "/api/atlas/v2/groups/32b6e34b3d91647abb20e7b8/streams/analytics/connections"
	connection  = connections + "/orders"
	workspaces  = "/api/atlas/v2/groups/32b6e34b3d91647abb20e7b8/streams"
	versioned   = "application/vnd.atlas.2023-02-01+json"
)

// document loads the streams document, skipping the test when it is absent.
func document(t *testing.T) *Document { return documentAt(t, SpecPath) }

// documentAt loads the document specPath finds, skipping the test when it
// is absent (the GitHub workflows fetch the published one).
func documentAt(t *testing.T, specPath func() (string, error)) *Document {
	t.Helper()
	path, err := specPath()
	if errors.Is(err, ErrNoSpec) {
		t.Skipf("contract test skipped: %v", err)
	}
	if err != nil {
		t.Fatal(err)
	}
	d, err := loadOnce(path)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// canned answers every request with one fixed response.
func canned(status int, contentType, body string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		if contentType != "" {
			w.Header().Set("Content-Type", contentType)
		}
		w.WriteHeader(status)
		_, _ = io.WriteString(w, body)
	})
}

// exchange sends one request through the middleware, its body in the
// connections' versioned media type, and returns what it reported.
func exchange(t *testing.T, d *Document, h http.Handler, method, target, body string) []Violation {
	t.Helper()
	return exchangeAs(t, d, h, method, target, versioned, body)
}

// checkRequestViolation holds the violations an exchange reported about its
// request (not its answer) to want: none when want is "", else exactly one
// whose reason contains want.
func checkRequestViolation(t *testing.T, got []Violation, want string) {
	t.Helper()
	var requestViolations []Violation
	for _, v := range got {
		if v.Status == 0 {
			requestViolations = append(requestViolations, v)
		}
	}
	switch {
	case want == "" && len(requestViolations) > 0:
		t.Errorf("unexpected violation: %v", requestViolations)
	case want != "" && (len(requestViolations) != 1 || !strings.Contains(requestViolations[0].Reason, want)):
		t.Errorf("violations = %v, want one containing %q", requestViolations, want)
	}
}

func TestRequestBodies(t *testing.T) {
	t.Parallel()
	d := document(t)
	ok := canned(http.StatusOK, versioned, `{"name":"orders","type":"Sample"}`)
	tests := []struct {
		name, method, target, body string
		wantViolation              string // "" for none
	}{
		{"kafka", http.MethodPost, connections, `{"name":"k","type":"Kafka","bootstrapServers":"b:9092","authentication":{"mechanism":"PLAIN","username":"u","password":"p"}}`, ""},
		{"sample", http.MethodPost, connections, `{"name":"sample_stream_solar","type":"Sample"}`, ""},
		{"https", http.MethodPost, connections, `{"name":"h","type":"Https","url":"https://example.com","headers":{}}`, ""},
		{"s3", http.MethodPost, connections, `{"name":"s","type":"S3","aws":{"roleArn":"arn:aws:iam::1:role/r"}}`, ""},
		{"unknown type", http.MethodPost, connections, `{"name":"x","type":"Nope"}`, `discriminator property "type" has invalid value`},
		{"wrong field type", http.MethodPost, connections, `{"name":"h","type":"Https","url":5}`, `value must be a string`},
		{"read-only id", http.MethodPost, connections, `{"name":"h","type":"Https","url":"https://e","id":"x"}`, `readOnly property "id"`},
		{"schema registry without required", http.MethodPost, connections, `{"name":"r","type":"SchemaRegistry"}`, `property "provider" is missing`},
		{"null clears in patch", http.MethodPatch, connection, `{"name":"k","type":"Kafka","config":null,"security":null}`, ""},
		{"null in create", http.MethodPost, connections, `{"name":"k","type":"Kafka","config":null}`, `Value is not nullable`},
		{"bad group id", http.MethodGet, "/api/atlas/v2/groups/XYZ/streams/analytics/connections", "", `parameter "groupId"`},
		{"items per page too large", http.MethodGet, connections + "?itemsPerPage=501", "", `parameter "itemsPerPage"`},
		{"workspace with region", http.MethodPost, workspaces, `{"name":"w","dataProcessRegion":{"cloudProvider":"AWS","region":"VIRGINIA_USA"}}`, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			checkRequestViolation(t, exchange(t, d, ok, tt.method, tt.target, tt.body), tt.wantViolation)
		})
	}
}

func TestResponses(t *testing.T) {
	t.Parallel()
	d := document(t)
	const apiError = `{"error":%d,"errorCode":"X","detail":"d","reason":"r","parameters":[]}`
	errBody := func(status int) string { return fmt.Sprintf(apiError, status) }
	tests := []struct {
		name, method, target string
		status               int
		contentType, body    string
		wantViolation        string
	}{
		{"connection", http.MethodGet, connection, 200, versioned, `{"name":"orders","type":"Kafka","id":"1","state":"READY","bootstrapServers":"b:1"}`, ""},
		{"write-only returned", http.MethodGet, connection, 200, versioned, `{"name":"orders","type":"Kafka","authentication":{"password":"p"}}`, `writeOnly property "password"`},
		{"schema registry password returned", http.MethodGet, connection, 200, versioned, `{"name":"r","type":"SchemaRegistry","provider":"CONFLUENT","schemaRegistryUrls":["https://r"],"schemaRegistryAuthentication":{"type":"USER_INFO","username":"u","password":"p"}}`, `writeOnly property "password"`},
		{"unknown state", http.MethodGet, connection, 200, versioned, `{"name":"orders","type":"Sample","state":"MAYBE"}`, `value is not one of the allowed values`},
		{"enveloped connection", http.MethodGet, connection + "?envelope=true", 200, versioned, `{"status":200,"content":{"name":"orders","type":"Sample"}}`, ""},
		{"enveloped list", http.MethodGet, connections + "?envelope=true", 200, versioned, `{"status":200,"results":[],"links":[],"totalCount":0}`, ""},
		{"list", http.MethodGet, connections, 200, versioned, `{"results":[{"name":"s","type":"Sample"}],"totalCount":1}`, ""},
		{"delete accepted", http.MethodDelete, connection, 202, versioned, "", ""},
		{"delete wrong content type", http.MethodDelete, connection, 202, "application/json", "", `Content-Type`},
		{"undocumented success", http.MethodPost, connections, 201, versioned, `{"name":"s","type":"Sample"}`, `status 201 is not documented`},
		{"documented error", http.MethodGet, connection, 404, "application/json", errBody(404), ""},
		{"error without code", http.MethodGet, connection, 404, "application/json", `{"error":404}`, `property "errorCode" is missing`},
		{"undocumented error in atlas shape", http.MethodGet, connection, 406, "application/json", errBody(406), ""},
		{"undocumented error as text", http.MethodGet, connection, 503, "text/plain", "down", `want application/json`},
		{"undocumented error in another shape", http.MethodGet, connection, 502, "application/json", `{"message":"x"}`, `does not match ApiError`},
		{"workspace with region", http.MethodGet, workspaces + "/analytics", 200, versioned, `{"name":"analytics","dataProcessRegion":{"cloudProvider":"AWS","region":"VIRGINIA_USA"}}`, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			requestBody := ""
			if tt.method == http.MethodPost {
				requestBody = `{"name":"s","type":"Sample"}`
			}
			got := exchange(t, d, canned(tt.status, tt.contentType, tt.body), tt.method, tt.target, requestBody)
			switch {
			case tt.wantViolation == "" && len(got) > 0:
				t.Errorf("unexpected violation: %v", got)
			case tt.wantViolation != "" && (len(got) != 1 || got[0].Status != tt.status || !strings.Contains(got[0].Reason, tt.wantViolation)):
				t.Errorf("violations = %v, want one response violation containing %q", got, tt.wantViolation)
			}
		})
	}
}

func TestOnlyAPIRoutesAreChecked(t *testing.T) {
	t.Parallel()
	d := document(t)
	for _, target := range []string{"/api/oauth/token", "/_emulator/counts", "/elsewhere"} {
		if got := exchange(t, d, canned(http.StatusTeapot, "text/plain", "not json"), http.MethodPost, target, "x"); len(got) > 0 {
			t.Errorf("%s: unexpected violations %v", target, got)
		}
	}
}

func TestDroppedConnectionIsNotChecked(t *testing.T) {
	t.Parallel()
	d := document(t)
	silent := http.HandlerFunc(func(http.ResponseWriter, *http.Request) {})
	if got := exchange(t, d, silent, http.MethodGet, connection, ""); len(got) > 0 {
		t.Errorf("unexpected violations %v", got)
	}
}

// recordingTB catches what Check reports at cleanup.
type recordingTB struct {
	testing.TB
	errors   []string
	logs     []string
	cleanups []func()
}

func (r *recordingTB) Helper()                      {}
func (r *recordingTB) Logf(format string, _ ...any) { r.logs = append(r.logs, format) }
func (r *recordingTB) Cleanup(f func())             { r.cleanups = append(r.cleanups, f) }
func (r *recordingTB) Errorf(format string, args ...any) {
	r.errors = append(r.errors, format)
}

func (r *recordingTB) cleanup() {
	for i := len(r.cleanups) - 1; i >= 0; i-- {
		r.cleanups[i]()
	}
}

func TestCheckFailsAtCleanup(t *testing.T) {
	t.Parallel()
	document(t)
	tests := []struct {
		name       string
		opts       []Option
		body       string
		wantErrors int
	}{
		{"request and response violations", nil, `{"name":"x","type":"Nope"}`, 2},
		{"invalid requests allowed", []Option{AllowInvalidRequests()}, `{"name":"x","type":"Nope"}`, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			tb := &recordingTB{TB: t}
			h := Check(tb, canned(http.StatusOK, versioned, `{"name":"x","type":"Nope"}`), tt.opts...)
			req := httptest.NewRequest(http.MethodPost, connections, strings.NewReader(tt.body))
			req.Header.Set("Content-Type", versioned)
			h.ServeHTTP(httptest.NewRecorder(), req)
			if len(tb.errors) != 0 {
				t.Fatalf("reported before cleanup: %v", tb.errors)
			}
			tb.cleanup()
			if len(tb.errors) != tt.wantErrors {
				t.Errorf("got %d errors, want %d", len(tb.errors), tt.wantErrors)
			}
		})
	}
}

func TestSpecPathFromEnvironment(t *testing.T) {
	present := filepath.Join(t.TempDir(), "spec.yaml")
	if err := os.WriteFile(present, []byte("openapi: 3.0.1"), 0o600); err != nil {
		t.Fatal(err)
	}
	t.Setenv(EnvSpec, present)
	if got, err := SpecPath(); err != nil || got != present {
		t.Errorf("SpecPath() = %q, %v; want %q", got, err, present)
	}

	t.Setenv(EnvSpec, filepath.Join(t.TempDir(), "missing.yaml"))
	if _, err := SpecPath(); !errors.Is(err, ErrNoSpec) {
		t.Errorf("SpecPath() error = %v, want ErrNoSpec", err)
	}
}

func TestCheckWithoutSpecSkipsOnlyTheCheck(t *testing.T) {
	t.Setenv(EnvSpec, filepath.Join(t.TempDir(), "missing.yaml"))
	t.Setenv(EnvRateLimitsSpec, filepath.Join(t.TempDir(), "missing.yaml"))
	tb := &recordingTB{TB: t}
	called := false
	h := Check(tb, http.HandlerFunc(func(http.ResponseWriter, *http.Request) { called = true }))
	h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest(http.MethodGet, connection, nil))
	tb.cleanup()
	if !called || len(tb.errors) > 0 || len(tb.cleanups) > 0 {
		t.Errorf("called=%v errors=%v cleanups=%d; want the handler called and nothing checked", called, tb.errors, len(tb.cleanups))
	}
}

func TestSpecPathBesideModule(t *testing.T) {
	t.Parallel()
	if os.Getenv(EnvSpec) != "" {
		t.Skip("$" + EnvSpec + " is set")
	}
	path, err := SpecPath()
	if errors.Is(err, ErrNoSpec) {
		t.Skipf("no document beside the module: %v", err)
	}
	if err != nil || !strings.HasSuffix(path, filepath.Join("shared", "atlas-api", "streams-openapi.yaml")) {
		t.Errorf("SpecPath() = %q, %v", path, err)
	}
}

// The document declares request bodies only as the 2023-02-01 media type.
// Creating and updating a stream connection may also send application/json,
// as Atlas's reference pages do (the named exception); every other body is
// held to the versioned type.
func TestRequestContentType(t *testing.T) {
	t.Parallel()
	d := document(t)
	ok := canned(http.StatusOK, versioned, `{"name":"s","type":"Sample"}`)
	const (
		connectionBody = `{"name":"s","type":"Sample"}`
		workspaceBody  = `{"name":"w","dataProcessRegion":{"cloudProvider":"AWS","region":"VIRGINIA_USA"}}`
	)
	tests := []struct {
		name, method, target, body, contentType string
		wantViolation                           bool
	}{
		{"create connection, versioned", http.MethodPost, connections, connectionBody, versioned, false},
		{"create connection, versioned with charset", http.MethodPost, connections, connectionBody, versioned + "; charset=utf-8", false},
		{"create connection, plain JSON", http.MethodPost, connections, connectionBody, "application/json", false},
		{"create connection, plain JSON with charset", http.MethodPost, connections, connectionBody, "application/json; charset=utf-8", false},
		{"update connection, plain JSON", http.MethodPatch, connection, `{"name":"h","type":"Https","url":"https://e"}`, "application/json", false},
		{"create connection, plain JSON still checks the body", http.MethodPost, connections, `{"name":"x","type":"Nope"}`, "application/json", true},
		{"create connection, later version date", http.MethodPost, connections, connectionBody, "application/vnd.atlas.2025-02-19+json", true},
		{"create connection, text", http.MethodPost, connections, connectionBody, "text/plain", true},
		{"create workspace, versioned", http.MethodPost, workspaces, workspaceBody, versioned, false},
		{"create workspace, plain JSON", http.MethodPost, workspaces, workspaceBody, "application/json", true},
		{"update workspace, plain JSON", http.MethodPatch, workspaces + "/analytics", `{"region":"VIRGINIA_USA"}`, "application/json", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var got []Violation
			mw := d.Middleware(ok, func(v Violation) {
				if v.Status == 0 {
					got = append(got, v)
				}
			})
			req := httptest.NewRequest(tt.method, tt.target, strings.NewReader(tt.body))
			req.Header.Set("Content-Type", tt.contentType)
			mw.ServeHTTP(httptest.NewRecorder(), req)
			if (len(got) > 0) != tt.wantViolation {
				t.Errorf("Content-Type %q: request violations %v, want some = %v", tt.contentType, got, tt.wantViolation)
			}
		})
	}
}
