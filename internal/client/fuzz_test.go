package client

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// fuzzSecret is a secret the request carried. Atlas, or a proxy, may echo it
// in any shape; no error message or log line may ever show it. It holds no
// JSON punctuation, so it can only show up whole inside one JSON token.
const fuzzSecret = "s3cr3t-Hunter2"

var fuzzPath = connectionPath(testGroup, "ws", "orders")

// Seeds shared by the targets: what Atlas sends, and each way an answer has
// been seen to go wrong. More live in testdata/fuzz.
var fuzzBodies = []string{
	sampleConnectionJSON,
	`{"name":"hook","type":"Https","url":"https://h","headers":{"Authorization":"Bearer ` + fuzzSecret + `"}}`,
	`{"name":"orders","type":"Kafka","config":{"retries":3}}`,
	`{"name":"orders","type":"Kaf`,
	`{"name":"orders","type":"Teleport"}`,
	`{"type":"Kafka"}`,
	`{}`,
	`null`,
	`[]`,
	`<html><body><h1>502 Bad Gateway</h1></body></html>`,
	``,
	`{"error":400,"errorCode":"VALIDATION_ERROR","detail":"Invalid value ` + fuzzSecret + `","reason":"Bad Request"}`,
	"{\"error\":400,\"detail\":\"\\u001b[31mred\"}",
	"bad \x00" + fuzzSecret[:5] + "\x01" + fuzzSecret[5:],
}

// FuzzDecodeConnection feeds arbitrary success answers to the decoding of a
// connection: it must never panic, accept only JSON that names a connection
// and its type, and otherwise fail with an error that gives the status and
// quotes no secret.
func FuzzDecodeConnection(f *testing.F) {
	for _, body := range fuzzBodies {
		f.Add(http.StatusOK, []byte(body))
	}
	f.Fuzz(func(t *testing.T, status int, body []byte) {
		status = 200 + int(uint(status)%100)
		var conn StreamConnection
		err := decodeAnswer(status, body, []string{fuzzSecret}, &conn)
		if err == nil {
			if !json.Valid(body) {
				t.Fatalf("accepted a body that is not JSON: %q", body)
			}
			if conn.Name == "" || conn.Type == "" {
				t.Fatalf("accepted a connection without name or type: %+v", conn)
			}
			return
		}
		checkMessage(t, err.Error(), fmt.Sprintf("HTTP %d", status))
	})
}

// FuzzDecodeError feeds arbitrary failure answers to the decoding of API
// errors: never a panic, always the call and status, never a secret or a
// control character that could rewrite the user's terminal.
func FuzzDecodeError(f *testing.F) {
	for _, body := range fuzzBodies {
		f.Add(http.StatusBadRequest, []byte(body))
	}
	f.Fuzz(func(t *testing.T, status int, body []byte) {
		status = 400 + int(uint(status)%200)
		err := decodeAPIError(http.MethodPatch, fuzzPath, status, body, []string{fuzzSecret})
		checkMessage(t, err.Error(), fmt.Sprintf("PATCH %s: HTTP %d", fuzzPath, status))
	})
}

// FuzzLoggableBody feeds arbitrary bodies to what the client logs of them.
func FuzzLoggableBody(f *testing.F) {
	for _, body := range fuzzBodies {
		f.Add([]byte(body))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		logged := loggableBody(body, []string{fuzzSecret})
		if strings.Contains(logged, fuzzSecret) {
			t.Fatalf("logged the secret: %q", logged)
		}
		if !utf8.ValidString(logged) {
			t.Fatalf("logged invalid UTF-8: %q", logged)
		}
	})
}

func checkMessage(t *testing.T, msg, prefix string) {
	t.Helper()
	if !strings.HasPrefix(msg, prefix) {
		t.Fatalf("message %q does not start with %q", msg, prefix)
	}
	if strings.Contains(msg, fuzzSecret) {
		t.Fatalf("message quotes the secret: %q", msg)
	}
	if i := strings.IndexFunc(msg, func(r rune) bool { return unicode.IsControl(r) }); i >= 0 {
		t.Fatalf("message holds a control character at %d: %q", i, msg)
	}
	if !utf8.ValidString(msg) || strings.ContainsRune(msg, utf8.RuneError) {
		t.Fatalf("message is not clean UTF-8: %q", msg)
	}
}
