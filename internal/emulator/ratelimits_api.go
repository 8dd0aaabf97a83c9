package emulator

import (
	"net/http"
	"net/url"
	"slices"
	"sort"
	"strings"
)

// Route templates of the rate-limit inspection operations (listRateLimits,
// getRateLimit). They are an endpoint set of their own in Atlas, so the
// stream routes' bucket, and faults, reach them only when a Scope names them.
const (
	RouteRateLimits = apiPrefix + "/rateLimits"
	RouteRateLimit  = RouteRateLimits + "/{endpointSetId}"
)

// rateLimitsVersion is the operations' one resource version.
const rateLimitsVersion = "2025-03-12"

// matchRateLimitsRoute resolves /rateLimits and /rateLimits/{endpointSetId}.
func matchRateLimitsRoute(escapedPath string) (template, endpointSetID string, ok bool) {
	if escapedPath == RouteRateLimits {
		return RouteRateLimits, "", true
	}
	rest, ok := strings.CutPrefix(escapedPath, RouteRateLimits+"/")
	if !ok || rest == "" || strings.Contains(rest, "/") {
		return "", "", false
	}
	id, err := url.PathUnescape(rest)
	if err != nil {
		return "", "", false
	}
	return RouteRateLimit, id, true
}

// serveRateLimits answers the rate-limit inspection operations: the stream
// routes' bucket as one endpoint set, its applied capacity, refill rate and
// refill seconds as a 429 states them. No bucket is listed while the rate
// limit is off.
func (e *Emulator) serveRateLimits(w http.ResponseWriter, r *http.Request, template, endpointSetID string) {
	principal, ok := e.admit(w, r, template)
	if !ok {
		return
	}
	config := e.limiter.settings()
	if r.Method != http.MethodGet {
		writeError(w, r, errMethodNotAllowed(r.Method))
		return
	}
	if accept := r.Header.Get("Accept"); !acceptsVersion(accept, template) {
		writeError(w, r, errInvalidVersion(accept))
		return
	}
	if config.RefuseRateLimits {
		writeError(w, r, errForbidden())
		return
	}
	c := &call{r: r, route: route{template: template}, now: e.now()}
	q := r.URL.Query()
	var err *apiError
	if c.envelope, err = boolQuery(q, "envelope", false); err != nil {
		writeError(w, r, err)
		return
	}
	if c.pretty, err = boolQuery(q, "pretty", false); err != nil {
		writeError(w, r, err)
		return
	}
	if groupID := q.Get("groupId"); q.Has("groupId") {
		switch {
		case !hexIDPattern.MatchString(groupID):
			writeError(w, r, errInvalidGroupID(groupID))
			return
		case !e.principals.may(principal, groupID, false):
			writeError(w, r, errForbidden())
			return
		}
	}
	sets := streamsEndpointSets(config, q)
	if template == RouteRateLimit {
		i := slices.IndexFunc(sets, func(s map[string]any) bool { return s["endpointSetId"] == endpointSetID })
		if i < 0 {
			writeError(w, r, errResourceNotFound(r.URL.Path))
			return
		}
		c.send(w, success(sets[i]))
		return
	}
	c.send(w, c.page(len(sets), func(i int) map[string]any { return sets[i] }))
}

// streamsEndpointSets are the endpoint sets the query selects: the stream
// routes' bucket, scoped GROUP (USER with PerPrincipal), if the rate limit is
// on and the filters keep it.
func streamsEndpointSets(config RateLimit, q url.Values) []map[string]any {
	if config.Capacity <= 0 {
		return nil
	}
	scope := "GROUP"
	if config.PerPrincipal {
		scope = "USER"
	}
	for param, only := range map[string]string{"groupId": "GROUP", "userId": "USER", "orgId": "ORGANIZATION", "ipAddress": "IP"} {
		if q.Has(param) && scope != only {
			return nil
		}
	}
	if names := q["name"]; len(names) > 0 && !slices.Contains(names, streamsEndpointSetName) {
		return nil
	}
	var endpoints []any
	var paths []string
	templates := make([]string, 0, len(operations))
	for template := range operations {
		templates = append(templates, template)
	}
	sort.Strings(templates)
	for _, template := range templates {
		methods := make([]string, 0, len(operations[template]))
		for method := range operations[template] {
			methods = append(methods, method)
		}
		sort.Strings(methods)
		for _, method := range methods {
			if config.Scope.matches(method, template) {
				endpoints = append(endpoints, map[string]any{"method": method, "path": template})
				paths = append(paths, template)
			}
		}
	}
	if want := q["endpointPath"]; len(want) > 0 && !slices.ContainsFunc(want, func(p string) bool { return slices.Contains(paths, p) }) {
		return nil
	}
	shape := config.shape()
	applied := func(v int) map[string]any { return map[string]any{"value": v, "defaultValue": nil} }
	return []map[string]any{{
		"endpointSetId":         streamsEndpointSetID,
		"endpointSetName":       streamsEndpointSetName,
		"scope":                 scope,
		"endpoints":             endpoints,
		"capacity":              applied(shape.capacity),
		"refillRate":            applied(shape.refillRate),
		"refillDurationSeconds": applied(shape.refillSeconds),
	}}
}
