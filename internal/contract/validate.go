package contract

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"mime"
	"net/http"
	"strconv"
	"strings"

	"github.com/getkin/kin-openapi/openapi3filter"
)

// Violation is one way a request or a response broke the document.
type Violation struct {
	Method string
	Path   string
	// Status is the response status; 0 means the request broke the document.
	Status int
	Reason string
}

func (v Violation) String() string {
	if v.Status == 0 {
		return fmt.Sprintf("request %s %s: %s", v.Method, v.Path, v.Reason)
	}
	return fmt.Sprintf("response %d to %s %s: %s", v.Status, v.Method, v.Path, v.Reason)
}

var options = &openapi3filter.Options{
	// Authentication is the emulator's business; the document only names
	// the schemes.
	AuthenticationFunc: openapi3filter.NoopAuthenticationFunc,
	// Checking must not change the request (kin-openapi would add the
	// query parameters' defaults to it).
	SkipSettingDefaults: true,
}

// checkRequest validates a request whose body has been read into body. It
// returns the validation input the response check needs, or nil when the
// document has no such operation (nothing to check against).
func (d *Document) checkRequest(r *http.Request, body []byte) (*openapi3filter.RequestValidationInput, *Violation) {
	req := r.Clone(r.Context())
	req.Body = http.NoBody
	route, params, err := d.router.FindRoute(req)
	if err != nil {
		return nil, nil
	}
	if len(body) > 0 {
		req.Body = readCloser(normalizeRequestBody(r.Method, body))
		acceptPlainJSON(req, route.Operation.OperationID)
	}
	input := &openapi3filter.RequestValidationInput{Request: req, PathParams: params, Route: route, Options: options}
	if err := openapi3filter.ValidateRequest(context.Background(), input); err != nil {
		return input, &Violation{Method: r.Method, Path: r.URL.RequestURI(), Reason: firstLine(err)}
	}
	return input, nil
}

// plainJSONBodies are the operations whose bodies may be sent as
// application/json although the document lists only the versioned media
// type for them: Atlas's reference pages for these two operations send their
// examples that way (CONTRACT.md, "Request bodies"), and so does the client.
var plainJSONBodies = map[string]bool{
	"createGroupStreamConnection": true,
	"updateGroupStreamConnection": true,
}

// acceptPlainJSON lets a plainJSONBodies operation's application/json body
// be checked against the versioned media type's schema. Every other
// operation, and every other media type, is held to the document.
func acceptPlainJSON(req *http.Request, operationID string) {
	mediaType, _, err := mime.ParseMediaType(req.Header.Get("Content-Type"))
	if err != nil || mediaType != "application/json" || !plainJSONBodies[operationID] {
		return
	}
	req.Header.Set("Content-Type", versionedMediaType)
}

// versionedMediaType is the one media type the document lists for request bodies.
const versionedMediaType = "application/vnd.atlas.2023-02-01+json"

// normalizeRequestBody drops top-level nulls from a PATCH body: the update
// operations clear a field sent as null, which the document's non-nullable
// schemas would otherwise refuse. Other bodies are checked as sent.
func normalizeRequestBody(method string, body []byte) []byte {
	if method != http.MethodPatch {
		return body
	}
	var obj map[string]json.RawMessage
	if json.Unmarshal(body, &obj) != nil {
		return body
	}
	for k, v := range obj {
		if string(bytes.TrimSpace(v)) == "null" {
			delete(obj, k)
		}
	}
	out, err := json.Marshal(obj)
	if err != nil {
		return body
	}
	return out
}

// checkResponse validates a response to a request checkRequest accepted.
func (d *Document) checkResponse(input *openapi3filter.RequestValidationInput, status int, header http.Header, body []byte) *Violation {
	r := input.Request
	violation := func(reason string) *Violation {
		return &Violation{Method: r.Method, Path: r.URL.RequestURI(), Status: status, Reason: reason}
	}
	responses := input.Route.Operation.Responses
	if responses.Status(status) == nil && responses.Default() == nil {
		if status < 400 {
			return violation("status " + strconv.Itoa(status) + " is not documented for this operation")
		}
		if reason := d.checkUndocumentedError(header, body); reason != "" {
			return violation(reason)
		}
		return nil
	}
	if envelope, _ := strconv.ParseBool(r.URL.Query().Get("envelope")); envelope {
		body = unwrapEnvelope(body)
	}
	out := &openapi3filter.ResponseValidationInput{
		RequestValidationInput: input,
		Status:                 status,
		Header:                 header,
		Options:                options,
	}
	out.SetBodyBytes(body)
	if err := openapi3filter.ValidateResponse(context.Background(), out); err != nil {
		return violation(firstLine(err))
	}
	return nil
}

// checkUndocumentedError holds an error status the operation does not list
// to the Atlas error shape.
func (d *Document) checkUndocumentedError(header http.Header, body []byte) string {
	mediaType, _, _ := mime.ParseMediaType(header.Get("Content-Type"))
	if mediaType != "application/json" {
		return fmt.Sprintf("error Content-Type %q, want application/json", header.Get("Content-Type"))
	}
	var value any
	if err := json.Unmarshal(body, &value); err != nil {
		return "error body is not JSON: " + err.Error()
	}
	if err := d.apiError.VisitJSON(value); err != nil {
		return "error body does not match ApiError: " + firstLine(err)
	}
	return ""
}

// unwrapEnvelope returns the "content" of an enveloped single object. A
// list keeps its shape under an envelope (only "status" is added), so it
// comes back unchanged.
func unwrapEnvelope(body []byte) []byte {
	var envelope struct {
		Content json.RawMessage `json:"content"`
	}
	if json.Unmarshal(body, &envelope) == nil && len(envelope.Content) > 0 {
		return envelope.Content
	}
	return body
}

// firstLine keeps kin-openapi's message and drops the schema dump after it.
func firstLine(err error) string {
	s, _, _ := strings.Cut(err.Error(), "\n")
	return s
}
