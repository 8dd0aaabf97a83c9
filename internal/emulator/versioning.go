package emulator

import (
	"strings"
	"time"
)

// These operations have one resource version. A client names a date in its
// Accept header and is served the newest version on or before that date.
const (
	resourceVersion      = "2023-02-01"
	versionedContentType = "application/vnd.atlas." + resourceVersion + "+json"
	errorContentType     = "application/json"
)

var firstVersionDate = mustDate(resourceVersion)

// acceptsVersion reports whether the Accept header names a version date this
// emulator can serve: application/vnd.atlas.YYYY-MM-DD+json with a date on
// or after the first version.
func acceptsVersion(accept string) bool {
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
		if d, err := time.Parse(time.DateOnly, date); err == nil && !d.Before(firstVersionDate) {
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
