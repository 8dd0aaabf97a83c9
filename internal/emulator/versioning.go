package emulator

import (
	"strings"
	"time"
)

// Every operation has one resource version. A client names a date in its
// Accept header and is served the newest version on or before that date;
// a date before an operation's first (and only) version finds no operation.
const (
	resourceVersion         = "2023-02-01"
	failoverResourceVersion = "2025-03-12" // the failover connection operations
	errorContentType        = "application/json"
)

// routeVersions are the routes whose operations are not of resourceVersion.
var routeVersions = map[string]string{
	RouteFailovers:  failoverResourceVersion,
	RouteFailover:   failoverResourceVersion,
	RouteRateLimits: rateLimitsVersion,
	RouteRateLimit:  rateLimitsVersion,
}

// versionOf is the resource version of a route's operations.
func versionOf(template string) string {
	if v, ok := routeVersions[template]; ok {
		return v
	}
	return resourceVersion
}

// contentTypeOf is the media type a route's successes are sent in.
func contentTypeOf(template string) string {
	return "application/vnd.atlas." + versionOf(template) + "+json"
}

// acceptsVersion reports whether the Accept header names a version date the
// route can serve: application/vnd.atlas.YYYY-MM-DD+json with a date on or
// after the route's version.
func acceptsVersion(accept, template string) bool {
	first := mustDate(versionOf(template))
	for _, mediaRange := range strings.Split(accept, ",") {
		mediaType, _, _ := strings.Cut(mediaRange, ";")
		date, ok := strings.CutPrefix(strings.TrimSpace(mediaType), "application/vnd.atlas.")
		if !ok {
			continue
		}
		date, ok = strings.CutSuffix(date, "+json")
		if !ok {
			continue
		}
		if d, err := time.Parse(time.DateOnly, date); err == nil && !d.Before(first) {
			return true
		}
	}
	return false
}

func mustDate(s string) time.Time {
	d, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return d
}
