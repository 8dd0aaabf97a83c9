package resource_stream_connection_test

import (
	"encoding/json"
	"net/http"
	"regexp"
	"strings"

	"github.com/atlasx/terraform-provider-atlasx/internal/emulator"
)

func regexpMust(p string) *regexp.Regexp { return regexp.MustCompile(p) }

// errorLike matches a CLI error: each space in pattern matches any run of
// white space, since the CLI wraps long lines.
func errorLike(pattern string) *regexp.Regexp {
	return regexp.MustCompile(strings.ReplaceAll(pattern, " ", `\s+`))
}

// listsFail makes every list of a workspace's connections fail, so the
// checks of a plan cannot see what the workspace holds and only the apply
// meets it: as when a connection is made between the plan and the apply.
var listsFail = emulator.Fault{Rate: 1, Scope: emulator.Scope{Routes: []string{emulator.RouteConnections}, Methods: []string{http.MethodGet}}}

// canonicalJSON renders v with sorted keys, so fragments can be matched.
func canonicalJSON(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return err.Error()
	}
	return string(b)
}

func isEmpty(v any) bool {
	switch v := v.(type) {
	case nil:
		return true
	case map[string]any:
		return len(v) == 0
	case []any:
		return len(v) == 0
	case string:
		return v == ""
	}
	return false
}
