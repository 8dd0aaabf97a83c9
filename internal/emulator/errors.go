package emulator

import (
	"fmt"
	"net/http"
)

// apiError is an error answer in the Atlas shape:
// {"error", "errorCode", "detail", "reason", "parameters", "badRequestDetail"}.
// Atlas puts the values the detail mentions in "parameters" as strings and
// numbers (its sample 429 sends [endpoint set, 55, 10, 5, 60]), although the
// document types the items as objects; the emulator sends them only for a
// 429, where CONTRACT.md documents them, and an empty list otherwise.
type apiError struct {
	status     int
	code       string
	detail     string
	fields     []fieldViolation
	parameters []any
}

type fieldViolation struct {
	Field       string `json:"field"`
	Description string `json:"description"`
}

type errorBody struct {
	Error            int               `json:"error"`
	ErrorCode        string            `json:"errorCode"`
	Detail           string            `json:"detail"`
	Reason           string            `json:"reason"`
	Parameters       []any             `json:"parameters"`
	BadRequestDetail *badRequestDetail `json:"badRequestDetail,omitempty"`
}

type badRequestDetail struct {
	Fields []fieldViolation `json:"fields"`
}

func (e *apiError) body() errorBody {
	b := errorBody{
		Error:      e.status,
		ErrorCode:  e.code,
		Detail:     e.detail,
		Reason:     http.StatusText(e.status),
		Parameters: []any{},
	}
	if len(e.parameters) > 0 {
		b.Parameters = e.parameters
	}
	if len(e.fields) > 0 {
		b.BadRequestDetail = &badRequestDetail{Fields: e.fields}
	}
	return b
}

func newAPIError(status int, code, detail string) *apiError {
	return &apiError{status: status, code: code, detail: detail}
}

const validationPrefix = "The request content produced the validation error: "

// errValidation is the 400 Atlas answers for a body it cannot accept. The
// detail names the field the way Atlas does ("Invalid url."); the
// badRequestDetail says why.
func errValidation(field, why string) *apiError {
	e := newAPIError(http.StatusBadRequest, "VALIDATION_ERROR",
		fmt.Sprintf("%sInvalid %s.", validationPrefix, field))
	e.fields = []fieldViolation{{Field: field, Description: why}}
	return e
}

func errInvalidJSON() *apiError {
	return newAPIError(http.StatusBadRequest, "INVALID_JSON", "Received JSON is malformed.")
}

func errInvalidQueryParameter(name, why string) *apiError {
	return newAPIError(http.StatusBadRequest, "INVALID_QUERY_PARAMETER",
		fmt.Sprintf("Invalid query parameter %s: %s.", name, why))
}

func errInvalidGroupID(id string) *apiError {
	return newAPIError(http.StatusBadRequest, "INVALID_GROUP_ID",
		fmt.Sprintf("An invalid group ID %s was specified.", id))
}

func errUnauthorized() *apiError {
	return newAPIError(http.StatusUnauthorized, "UNAUTHORIZED", "You are not authorized for this resource.")
}

func errForbidden() *apiError {
	return newAPIError(http.StatusForbidden, "USER_UNAUTHORIZED",
		"The currently logged in user does not have the required role for this action.")
}

func errGroupNotFound(id string) *apiError {
	return newAPIError(http.StatusNotFound, "GROUP_NOT_FOUND", fmt.Sprintf("No group with ID %s exists.", id))
}

func errWorkspaceNotFound(name string) *apiError {
	return newAPIError(http.StatusNotFound, "STREAM_TENANT_NOT_FOUND_FOR_NAME",
		fmt.Sprintf("No stream workspace with name %s exists.", name))
}

func errWorkspaceExists(name string) *apiError {
	return newAPIError(http.StatusConflict, "STREAM_TENANT_NAME_ALREADY_EXISTS",
		fmt.Sprintf("A stream workspace with name %s already exists.", name))
}

func errConnectionNotFound(name string) *apiError {
	return newAPIError(http.StatusNotFound, "STREAM_CONNECTION_NOT_FOUND_FOR_NAME",
		fmt.Sprintf("No stream connection with name %s exists.", name))
}

func errConnectionExists(name string) *apiError {
	return newAPIError(http.StatusConflict, "STREAM_CONNECTION_NAME_ALREADY_EXISTS",
		fmt.Sprintf("A stream connection with name %s already exists.", name))
}

func errKafkaDeploying(name string) *apiError {
	return newAPIError(http.StatusConflict, "STREAM_KAFKA_CONNECTION_IS_DEPLOYING",
		fmt.Sprintf("The Kafka connection %s is still deploying; try again later.", name))
}

func errHasProcessors(name string) *apiError {
	return newAPIError(http.StatusForbidden, "STREAM_CONNECTION_HAS_STREAM_PROCESSORS",
		fmt.Sprintf("The stream connection %s is used by stream processors.", name))
}

// errNetworkingCannotBeModified answers a PATCH that changes the networking
// of a connection or failover connection (what). The evidence is the
// official provider's acceptance test of its PR #4659, recorded in
// CONTRACT.md: Atlas refused a PATCH that changed networking with this code.
// Its status was not recorded; 400 is how Atlas answers its other refusals
// of a PATCH. The code names networking as a whole, so any change inside it
// is refused, not only of the access type.
func errNetworkingCannotBeModified(what string) *apiError {
	return newAPIError(http.StatusBadRequest, "STREAM_NETWORKING_CANNOT_BE_MODIFIED",
		fmt.Sprintf("The networking of a stream %s cannot be modified; replace the %s.", what, what))
}

func errInvalidVersion(accept string) *apiError {
	return newAPIError(http.StatusNotAcceptable, "INVALID_VERSION_DATE",
		fmt.Sprintf("The version in the Accept header %q is missing or not a valid version date; send application/vnd.atlas.YYYY-MM-DD+json.", accept))
}

func errRateLimited() *apiError {
	return newAPIError(http.StatusTooManyRequests, "RATE_LIMITED_TOKEN_BUCKET",
		"Resource requests have exceeded the rate limit; retry after the time in Retry-After.")
}

// errServer is an injected transient fault; Atlas's own 500 code is
// UNEXPECTED_ERROR, the gateway statuses get codes that name them.
func errServer(status int) *apiError {
	code := map[int]string{
		http.StatusBadGateway:         "BAD_GATEWAY",
		http.StatusServiceUnavailable: "SERVICE_UNAVAILABLE",
	}[status]
	if code == "" {
		code = "UNEXPECTED_ERROR"
	}
	return newAPIError(status, code, "Unexpected error.")
}

func errResourceNotFound(path string) *apiError {
	return newAPIError(http.StatusNotFound, "RESOURCE_NOT_FOUND", fmt.Sprintf("Cannot find resource %s.", path))
}

func errMethodNotAllowed(method string) *apiError {
	return newAPIError(http.StatusMethodNotAllowed, "METHOD_NOT_ALLOWED",
		fmt.Sprintf("Method %s is not allowed on this resource.", method))
}
