package resource_stream_connection

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/atlasx/terraform-provider-atlasx/internal/client"
)

// A bounded read's error says what ended it: an interrupt, the rate limit
// until read_timeout (and how to raise it), read_timeout alone, or Atlas.
func TestReadFailureSaysWhatEndedTheRead(t *testing.T) {
	t.Parallel()
	throttled := &client.RateLimitedError{Method: "GET", Path: "/p", Waited: 4 * time.Minute, Throttled: 12, Err: context.DeadlineExceeded}
	tests := map[string]struct {
		err           error
		want, notWant []string
	}{
		"interrupt": {
			err:     fmt.Errorf("GET /p: %w", context.Canceled),
			want:    []string{"Interrupted before Atlas answered", "Nothing was changed"},
			notWant: []string{"read_timeout"},
		},
		"rate limit until the bound": {
			err:  throttled,
			want: []string{"held back by Atlas's rate limit for 4m0s", "answers to this request: 12", "read_timeout ran out", `Raise read_timeout in the provider block (now 5m0s; for example read_timeout = "15m")`},
		},
		"the bound alone": {
			err:     fmt.Errorf("GET /p: %w", context.DeadlineExceeded),
			want:    []string{"did not finish within the provider's read_timeout", "Raise read_timeout"},
			notWant: []string{"rate limit"},
		},
		"Atlas refused": {
			err:     &client.APIError{StatusCode: 403, ErrorCode: "USER_CANNOT_ACCESS_ORG", Detail: "No access.", Method: "GET", Path: "/p"},
			want:    []string{"HTTP 403 USER_CANNOT_ACCESS_ORG: No access."},
			notWant: []string{"read_timeout", "Interrupted"},
		},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			got := readFailure(tc.err, 5*time.Minute)
			for _, w := range tc.want {
				if !strings.Contains(got, w) {
					t.Errorf("%q does not say %q", got, w)
				}
			}
			for _, w := range tc.notWant {
				if strings.Contains(got, w) {
					t.Errorf("%q says %q", got, w)
				}
			}
		})
	}
}
