package client

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"
)

func TestBadSuccessBodiesGiveClearErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		reply reply
		want  []string
	}{
		{"empty body", reply{status: 200}, []string{"HTTP 200", "empty body"}},
		{"whitespace body", reply{status: 200, body: "  \n"}, []string{"HTTP 200", "empty body"}},
		{"truncated JSON", ok(`{"name":"orders","type":"Kaf`), []string{"HTTP 200", "malformed or truncated JSON"}},
		{"HTML from a proxy", reply{status: 200, body: "<html><body><h1>Welcome</h1></body></html>", header: map[string]string{"Content-Type": "text/html"}}, []string{"HTTP 200", "not a JSON object", "Welcome"}},
		{"wrong type of a top-level field", ok(`{"name":"orders","type":"Kafka","state":7}`), []string{"HTTP 200", `field "state"`, "number where a string"}},
		{"array instead of the document", ok(`[{"name":"orders","type":"Kafka"}]`), []string{"HTTP 200", "the answer is a JSON array where an object was expected"}},
		{"trailing garbage", ok(`{"name":"orders"} {"name":"again"}`), []string{"HTTP 200", "malformed"}},
		{"missing type", ok(`{"name":"orders","bootstrapServers":"b:9092"}`), []string{"HTTP 200", "not a stream connection", "no type"}},
		{"missing name", ok(`{"type":"Kafka","state":"READY"}`), []string{"HTTP 200", "not a stream connection", "no name"}},
		{"empty object", ok(`{}`), []string{"no name and no type"}},
		{"null", ok(`null`), []string{"not a JSON object"}},
	}
	calls := []struct {
		method string
		path   string
		do     func(*Client) (*StreamConnection, error)
	}{
		{http.MethodGet, connectionPath(testGroup, "ws", "orders"), func(c *Client) (*StreamConnection, error) {
			return c.GetStreamConnection(context.Background(), testGroup, "ws", "orders")
		}},
		{http.MethodPatch, connectionPath(testGroup, "ws", "orders"), func(c *Client) (*StreamConnection, error) {
			return c.UpdateStreamConnection(context.Background(), testGroup, "ws", "orders", ConnectionPatch{"bootstrapServers": "b:9092"})
		}},
		{http.MethodPost, connectionsPath(testGroup, "ws"), func(c *Client) (*StreamConnection, error) {
			return c.CreateStreamConnection(context.Background(), testGroup, "ws", &StreamConnection{Name: "orders", Type: TypeSample})
		}},
	}
	for _, tt := range tests {
		for _, call := range calls {
			t.Run(tt.name+"/"+call.method, func(t *testing.T) {
				t.Parallel()
				srv := newScript(tt.reply)
				c := newTestClient(t, srv)
				conn, err := call.do(c)
				if err == nil {
					t.Fatalf("no error; decoded %+v", conn)
				}
				for _, want := range append([]string{call.method + " " + call.path + ": "}, tt.want...) {
					if !strings.Contains(err.Error(), want) {
						t.Errorf("error %q lacks %q", err, want)
					}
				}
				// A POST answered with something unreadable may or may not
				// have made the connection: the resource must look it up.
				if got := IsOutcomeUnknown(err); got != (call.method == http.MethodPost) {
					t.Errorf("IsOutcomeUnknown = %v for %s", got, call.method)
				}
				if srv.count() != 1 {
					t.Errorf("server saw %d requests, want 1: a bad answer is not retried", srv.count())
				}
			})
		}
	}
}

// A type this version does not know is not the client's to judge: the list
// data source shows it, the resource reports it.
func TestUnknownTypePassesThrough(t *testing.T) {
	t.Parallel()
	c := newTestClient(t, newScript(ok(`{"name":"orders","type":"Teleport","state":"READY"}`)))
	conn, err := c.GetStreamConnection(context.Background(), testGroup, "ws", "orders")
	if err != nil || conn.Type != "Teleport" {
		t.Fatalf("got %+v, %v; want the connection with its type", conn, err)
	}
}

// A truncated answer can hold what only its keys mark as secret: an Https
// connection's headers. Neither the trace log nor an error may quote it.
func TestMalformedJSONIsNeverQuoted(t *testing.T) {
	t.Parallel()
	body := []byte(`{"name":"hook","type":"Https","headers":{"Authorization":"Bearer live-header-token"`)
	for name, text := range map[string]string{
		"log":   loggableBody(body, nil),
		"error": decodeAPIError(http.MethodGet, "/p", http.StatusBadGateway, body, nil).Error(),
	} {
		if strings.Contains(text, "live-header-token") || !strings.Contains(text, "malformed JSON") {
			t.Errorf("%s: %q, want it to say malformed JSON without quoting it", name, text)
		}
	}
	if logged := loggableBody([]byte(`{"headers":{"Authorization":"Bearer live-header-token"}}`), nil); strings.Contains(logged, "live-header-token") {
		t.Errorf("well-formed JSON is masked by key: %q", logged)
	}
}

func TestErrorAnswersBecomeAPIErrors(t *testing.T) {
	t.Parallel()
	longHTML := "<html><head><title>502 Bad Gateway</title></head><body>" + strings.Repeat("<p>nginx is sad</p>\n", 100) + "</body></html>"
	tests := []struct {
		name       string
		reply      reply
		wantStatus int
		wantCode   string
		wantDetail string
		wantMax    int // longest acceptable detail, 0 for no limit
	}{
		{
			name:       "Atlas JSON",
			reply:      atlasError(404, "STREAM_TENANT_NOT_FOUND_FOR_NAME", "No stream workspace named ws."),
			wantStatus: 404, wantCode: "STREAM_TENANT_NOT_FOUND_FOR_NAME", wantDetail: "No stream workspace named ws.",
		},
		{
			name:       "HTML 502 page",
			reply:      reply{status: 502, body: longHTML, header: map[string]string{"Content-Type": "text/html"}},
			wantStatus: 502, wantDetail: "502 Bad Gateway nginx is sad", wantMax: maxSnippet + 5,
		},
		{
			name:       "empty 403",
			reply:      reply{status: 403},
			wantStatus: 403,
		},
		{
			name:       "control characters",
			reply:      reply{status: 400, body: "bad\x00\x1b[31m request\r\n", header: map[string]string{"Content-Type": "text/plain"}},
			wantStatus: 400, wantDetail: "bad[31m request",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c := newTestClient(t, newScript(tt.reply), func(cfg *Config) { cfg.MaxRetries = -1 })
			_, err := c.GetStreamConnection(context.Background(), testGroup, "ws", "orders")
			var apiErr *APIError
			if !errors.As(err, &apiErr) {
				t.Fatalf("err = %v, want *APIError", err)
			}
			if apiErr.StatusCode != tt.wantStatus || apiErr.ErrorCode != tt.wantCode || !strings.Contains(apiErr.Detail, tt.wantDetail) {
				t.Errorf("got %+v, want status %d, code %q, detail containing %q", apiErr, tt.wantStatus, tt.wantCode, tt.wantDetail)
			}
			if strings.ContainsAny(apiErr.Detail, "<>\x00\x1b") {
				t.Errorf("detail not sanitized: %q", apiErr.Detail)
			}
			if tt.wantMax > 0 && len([]rune(apiErr.Detail)) > tt.wantMax {
				t.Errorf("detail has %d characters, want at most %d", len([]rune(apiErr.Detail)), tt.wantMax)
			}
			if apiErr.Method != http.MethodGet || apiErr.Path != "/api/atlas/v2/groups/"+testGroup+"/streams/ws/connections/orders" {
				t.Errorf("call = %s %s", apiErr.Method, apiErr.Path)
			}
		})
	}
}

func TestAPIErrorMessage(t *testing.T) {
	tests := []struct {
		err  *APIError
		want string
	}{
		{
			&APIError{StatusCode: 409, ErrorCode: "STREAM_CONNECTION_NAME_ALREADY_EXISTS", Detail: "exists", Reason: "Conflict", Method: "POST", Path: "/p"},
			"POST /p: HTTP 409 STREAM_CONNECTION_NAME_ALREADY_EXISTS: exists",
		},
		{
			&APIError{StatusCode: 502, Reason: "Bad Gateway", Method: "GET", Path: "/p"},
			"GET /p: HTTP 502 Bad Gateway",
		},
		{
			&APIError{StatusCode: 401, ErrorCode: "UNAUTHORIZED", Detail: "no", Method: "GET", Path: "/p", hint: "check the key"},
			"GET /p: HTTP 401 UNAUTHORIZED: no (check the key)",
		},
	}
	for _, tt := range tests {
		if got := tt.err.Error(); got != tt.want {
			t.Errorf("Error() = %q, want %q", got, tt.want)
		}
	}
}

func TestErrorHelpers(t *testing.T) {
	notFound := &APIError{StatusCode: 404, ErrorCode: "STREAM_CONNECTION_NOT_FOUND_FOR_NAME"}
	wrapped := &OutcomeUnknownError{Method: "POST", Path: "/p", Err: &APIError{StatusCode: 503}}
	if !IsNotFound(notFound) || IsNotFound(wrapped) || IsNotFound(nil) {
		t.Error("IsNotFound is wrong")
	}
	if !HasErrorCode(notFound, "STREAM_CONNECTION_NOT_FOUND_FOR_NAME") || HasErrorCode(notFound, "OTHER") {
		t.Error("HasErrorCode is wrong")
	}
	if !IsOutcomeUnknown(wrapped) || IsOutcomeUnknown(notFound) {
		t.Error("IsOutcomeUnknown is wrong")
	}
	if !strings.Contains(wrapped.Error(), "may or may not have been applied") {
		t.Errorf("OutcomeUnknownError message: %q", wrapped.Error())
	}
}
