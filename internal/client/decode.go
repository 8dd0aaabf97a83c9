package client

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"reflect"
	"regexp"
	"strings"
	"unicode"
)

// maxSnippet bounds how much of an unexpected body an error quotes.
const maxSnippet = 200

// decodeAnswer decodes a success body into out, turning every way a body can
// be wrong (empty, truncated, HTML from a proxy, wrong field types, a
// document that is not what was asked for) into an error that gives the
// status; the caller names the call.
func decodeAnswer(status int, body []byte, secrets []string, out any) error {
	trimmed := bytes.TrimSpace(body)
	if len(trimmed) == 0 {
		return fmt.Errorf("HTTP %d with an empty body, expected JSON", status)
	}
	if trimmed[0] != '{' && trimmed[0] != '[' {
		return fmt.Errorf("HTTP %d with a body that is not a JSON object: %q", status, snippet(trimmed, secrets))
	}
	err := json.Unmarshal(trimmed, out)
	var typeErr *json.UnmarshalTypeError
	var syntaxErr *json.SyntaxError
	switch {
	case err == nil:
		if checked, ok := out.(checkedAnswer); ok {
			if err := checked.checkAnswer(); err != nil {
				return fmt.Errorf("HTTP %d: %w", status, err)
			}
		}
		return nil
	case errors.As(err, &typeErr) && typeErr.Field == "":
		return fmt.Errorf("HTTP %d: the answer is a JSON %s where %s was expected", status, typeErr.Value, jsonKind(typeErr.Type))
	case errors.As(err, &typeErr):
		// The field path may hold map keys, which come from the answer.
		return fmt.Errorf("HTTP %d: field %q holds a JSON %s where %s was expected", status, scrub(typeErr.Field, secrets), typeErr.Value, jsonKind(typeErr.Type))
	case errors.As(err, &syntaxErr):
		return fmt.Errorf("HTTP %d with malformed or truncated JSON: %v", status, err)
	default:
		return fmt.Errorf("HTTP %d: decoding the answer: %w", status, err)
	}
}

// checkedAnswer is an answer that can tell a document that decodes but is
// not what was asked for.
type checkedAnswer interface {
	checkAnswer() error
}

// jsonKind names what JSON a Go type is decoded from, for users who never
// see the Go types.
func jsonKind(t reflect.Type) string {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch t.Kind() {
	case reflect.Struct, reflect.Map:
		return "an object"
	case reflect.Slice, reflect.Array:
		return "an array"
	case reflect.String:
		return "a string"
	case reflect.Bool:
		return "a boolean"
	default:
		return "a number"
	}
}

// atlasErrorBody is the error document Atlas sends with every failure.
type atlasErrorBody struct {
	Error     int    `json:"error"`
	ErrorCode string `json:"errorCode"`
	Detail    string `json:"detail"`
	Reason    string `json:"reason"`
}

// decodeAPIError builds the APIError for a failure answer. Bodies that are not
// Atlas JSON (a proxy's HTML 502 page, say) are quoted as excerpt allows.
// Secrets the request carried are redacted, since Atlas may echo the request.
func decodeAPIError(method, path string, status int, body []byte, secrets []string) *APIError {
	apiErr := &APIError{StatusCode: status, Method: method, Path: path, Reason: http.StatusText(status)}
	var doc atlasErrorBody
	if err := json.Unmarshal(body, &doc); err == nil && (doc.ErrorCode != "" || doc.Detail != "") {
		// Every field is text from the answer: none may carry a secret or
		// a terminal escape into the CLI's output.
		apiErr.ErrorCode = scrub(doc.ErrorCode, secrets)
		apiErr.Detail = scrub(doc.Detail, secrets)
		if doc.Reason != "" {
			apiErr.Reason = scrub(doc.Reason, secrets)
		}
		return apiErr
	}
	apiErr.Detail = excerpt(body, secrets)
	return apiErr
}

var htmlTag = regexp.MustCompile(`(?s)<[^>]*>`)

// excerpt is what an error or a log may quote of a body it did not expect.
// JSON is quoted with its secrets masked by key (see maskJSON). A body that
// starts like JSON but does not parse is not quoted at all: its secrets can
// no longer be found by key, and a truncated Https connection still shows
// its headers. Anything else (a proxy's HTML page) becomes a short snippet.
func excerpt(body []byte, secrets []string) string {
	trimmed := bytes.TrimSpace(body)
	if masked, ok := maskJSON(trimmed, secrets); ok {
		return snippet([]byte(masked), secrets)
	}
	if len(trimmed) > 0 && (trimmed[0] == '{' || trimmed[0] == '[') {
		return fmt.Sprintf("(%d bytes of malformed JSON, not shown)", len(trimmed))
	}
	return snippet(trimmed, secrets)
}

// snippet makes an unexpected body fit for an error message: scrubbed (see
// scrub) and cut short.
func snippet(body []byte, secrets []string) string {
	text := scrub(string(body), secrets)
	if runes := []rune(text); len(runes) > maxSnippet {
		text = string(runes[:maxSnippet]) + "…"
	}
	return text
}

// scrub makes text from an answer fit for a message: secrets redacted,
// markup, control characters and invalid bytes removed, whitespace
// collapsed. Removing characters can join the pieces of a secret they kept
// apart ("hun\x00ter2"), so secrets are redacted again afterwards, in the
// form cleaning gives them too.
func scrub(text string, secrets []string) string {
	text = clean(redact(text, secrets))
	cleaned := make([]string, 0, 2*len(secrets))
	for _, s := range secrets {
		cleaned = append(cleaned, s, clean(s))
	}
	return redact(text, cleaned)
}

// clean removes markup, control characters and invalid bytes, and collapses
// whitespace.
func clean(text string) string {
	text = htmlTag.ReplaceAllString(text, " ")
	text = strings.Map(func(r rune) rune {
		if r == unicode.ReplacementChar || (unicode.IsControl(r) && !unicode.IsSpace(r)) {
			return -1
		}
		return r
	}, text)
	// Fields splits on every Unicode space, \v and U+0085 included.
	return strings.Join(strings.Fields(text), " ")
}
