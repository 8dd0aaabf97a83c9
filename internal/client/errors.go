package client

import (
	"errors"
	"fmt"
	"net/http"
	"strings"
)

// APIError is an answer from Atlas (or something in front of it) with a
// non-success status. Match on ErrorCode, never on Detail: Detail is prose
// and may change.
type APIError struct {
	StatusCode int
	ErrorCode  string // e.g. STREAM_CONNECTION_NOT_FOUND_FOR_NAME; empty when the body was not Atlas JSON
	Detail     string // Atlas's explanation, with every secret the request carried redacted
	Reason     string // the reason phrase, e.g. "Not Found"
	Method     string
	Path       string

	// hint tells the user what to check, when the status alone says it
	// (for example which credentials a 401 rejected).
	hint string
}

func (e *APIError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s: HTTP %d", e.Method, e.Path, e.StatusCode)
	if e.ErrorCode != "" {
		fmt.Fprintf(&b, " %s", e.ErrorCode)
	} else if e.Reason != "" {
		fmt.Fprintf(&b, " %s", e.Reason)
	}
	if e.Detail != "" {
		fmt.Fprintf(&b, ": %s", e.Detail)
	}
	if e.hint != "" {
		fmt.Fprintf(&b, " (%s)", e.hint)
	}
	return b.String()
}

// IsNotFound reports whether err is a 404 from the API, whatever its error code.
func IsNotFound(err error) bool {
	var apiErr *APIError
	return errors.As(err, &apiErr) && apiErr.StatusCode == http.StatusNotFound
}

// IsForbidden reports whether err is a 403 from the API: the credentials
// lack a role in the project.
func IsForbidden(err error) bool {
	var apiErr *APIError
	return errors.As(err, &apiErr) && apiErr.StatusCode == http.StatusForbidden
}

// HasErrorCode reports whether err is an API error with the given errorCode.
func HasErrorCode(err error, code string) bool {
	var apiErr *APIError
	return errors.As(err, &apiErr) && apiErr.ErrorCode == code
}

// OutcomeUnknownError is a write that may or may not have been applied: the
// request left the client but no trustworthy answer came back (the connection
// dropped after sending, the attempt timed out, a 5xx answered a POST, a 2xx
// answered one with a body that is not the object, or the caller's context
// ended mid-flight). A POST is not retried in that state, since a second
// create could fail or duplicate; the caller should look the object up by
// name and decide.
type OutcomeUnknownError struct {
	Method string
	Path   string
	Err    error
}

func (e *OutcomeUnknownError) Error() string {
	return fmt.Sprintf("%s %s: the request may or may not have been applied: %v", e.Method, e.Path, e.Err)
}

func (e *OutcomeUnknownError) Unwrap() error { return e.Err }

// IsOutcomeUnknown reports whether err says a write may have been applied.
func IsOutcomeUnknown(err error) bool {
	var unknown *OutcomeUnknownError
	return errors.As(err, &unknown)
}
