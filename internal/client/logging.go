package client

import (
	"context"
	"time"

	"github.com/hashicorp/terraform-plugin-log/tflog"
)

// logSubsystem names the client's logs; its level can be set on its own
// with TF_LOG_PROVIDER_ATLASX_CLIENT.
const logSubsystem = "client"

// withLogging returns ctx with the client's log subsystem. Bodies are masked
// by JSON key before they are logged (see maskJSON); as a second guard, every
// secret value the client knows of (credentials and the secrets in this
// request's body) is masked wherever it might appear in a message or field.
// Request headers, Authorization included, are never logged.
func withLogging(ctx context.Context, secrets []string) context.Context {
	ctx = tflog.NewSubsystem(ctx, logSubsystem, tflog.WithLevelFromEnv("TF_LOG_PROVIDER_ATLASX", "CLIENT"))
	var known []string
	for _, s := range secrets {
		if s != "" { // an empty string would mask between every character
			known = append(known, s)
		}
	}
	if len(known) > 0 {
		ctx = tflog.SubsystemMaskLogStrings(ctx, logSubsystem, known...)
	}
	return ctx
}

func (c *Client) logAnswer(ctx context.Context, r *apiRequest, attempt int, a answer) {
	fields := map[string]any{
		"method":      r.method,
		"path":        r.path,
		"attempt":     attempt,
		"duration_ms": a.duration.Milliseconds(),
	}
	if attempt == 1 && r.body != nil && tflog.SubsystemIsTrace(ctx, logSubsystem) {
		tflog.SubsystemTrace(ctx, logSubsystem, "Atlas API request body", map[string]any{
			"method": r.method, "path": r.path, "body": loggableBody(r.body, r.secrets),
		})
	}
	if a.err != nil {
		fields["error"] = a.err.Error()
		fields["may_have_been_received"] = a.sent
		tflog.SubsystemDebug(ctx, logSubsystem, "Atlas API request failed", fields)
		return
	}
	fields["status"] = a.status
	if v := a.header.Get("Retry-After"); v != "" {
		fields["retry_after"] = v
	}
	if v := a.header.Get("RateLimit-Remaining"); v != "" {
		fields["ratelimit_remaining"] = v
	}
	tflog.SubsystemDebug(ctx, logSubsystem, "Atlas API response", fields)
	if len(a.body) > 0 && tflog.SubsystemIsTrace(ctx, logSubsystem) {
		tflog.SubsystemTrace(ctx, logSubsystem, "Atlas API response body", map[string]any{
			"method": r.method, "path": r.path, "status": a.status, "body": loggableBody(a.body, r.secrets),
		})
	}
}

func (c *Client) logRetry(ctx context.Context, r *apiRequest, attempt int, wait time.Duration) {
	tflog.SubsystemDebug(ctx, logSubsystem, "retrying Atlas API request", map[string]any{
		"method": r.method, "path": r.path, "after_attempt": attempt, "wait_ms": wait.Milliseconds(),
	})
}

// loggableBody is a body with its secrets masked by JSON key (and known
// secrets redacted), whole; anything else as excerpt quotes it.
func loggableBody(body []byte, secrets []string) string {
	if masked, ok := maskJSON(body, secrets); ok {
		return masked
	}
	return excerpt(body, secrets)
}
