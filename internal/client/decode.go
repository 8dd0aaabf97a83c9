package client

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"unicode"
)

// maxSnippet bounds how much of an unexpected body an error quotes.
const maxSnippet = 200

// decodeResult decodes a success body into out, turning every way a body can
// be wrong (empty, truncated, HTML from a proxy, wrong field types) into an
// error that names the call and its status.
func decodeResult(method, path string, status int, body []byte, secrets []string, out any) error {
	trimmed := bytes.TrimSpace(body)
	if len(trimmed) == 0 {
		return fmt.Errorf("%s %s: HTTP %d with an empty body, expected JSON", method, path, status)
	}
	if trimmed[0] != '{' && trimmed[0] != '[' {
		return fmt.Errorf("%s %s: HTTP %d with a body that is not JSON: %q", method, path, status, snippet(trimmed, secrets))
	}
	err := json.Unmarshal(trimmed, out)
	var typeErr *json.UnmarshalTypeError
	var syntaxErr *json.SyntaxError
	switch {
	case err == nil:
		return nil
	case errors.As(err, &typeErr):
		return fmt.Errorf("%s %s: HTTP %d: field %q holds a JSON %s where %s was expected", method, path, status, typeErr.Field, typeErr.Value, typeErr.Type)
	case errors.As(err, &syntaxErr):
		return fmt.Errorf("%s %s: HTTP %d with malformed or truncated JSON: %v", method, path, status, err)
	default:
		return fmt.Errorf("%s %s: HTTP %d: decoding the answer: %w", method, path, status, err)
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
// Atlas JSON (a proxy's HTML 502 page, say) are quoted as a short snippet.
// Secrets the request carried are redacted, since Atlas may echo the request.
func decodeAPIError(method, path string, status int, body []byte, secrets []string) *APIError {
	apiErr := &APIError{StatusCode: status, Method: method, Path: path, Reason: http.StatusText(status)}
	var doc atlasErrorBody
	if err := json.Unmarshal(body, &doc); err == nil && (doc.ErrorCode != "" || doc.Detail != "") {
		apiErr.ErrorCode = doc.ErrorCode
		apiErr.Detail = redact(doc.Detail, secrets)
		if doc.Reason != "" {
			apiErr.Reason = doc.Reason
		}
		return apiErr
	}
	apiErr.Detail = snippet(body, secrets)
	return apiErr
}

var (
	htmlTag    = regexp.MustCompile(`(?s)<[^>]*>`)
	whitespace = regexp.MustCompile(`\s+`)
)

// snippet makes an unexpected body fit for an error message: secrets
// redacted, markup and control characters removed, whitespace collapsed, and
// cut short.
func snippet(body []byte, secrets []string) string {
	text := htmlTag.ReplaceAllString(redact(string(body), secrets), " ")
	text = strings.Map(func(r rune) rune {
		if r == unicode.ReplacementChar || (unicode.IsControl(r) && !unicode.IsSpace(r)) {
			return -1
		}
		return r
	}, text)
	text = strings.TrimSpace(whitespace.ReplaceAllString(text, " "))
	if runes := []rune(text); len(runes) > maxSnippet {
		text = string(runes[:maxSnippet]) + "…"
	}
	return text
}
