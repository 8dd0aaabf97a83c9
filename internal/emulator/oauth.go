package emulator

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"math"
	"net/http"
	"net/url"
)

// serveOAuth answers the service-account routes: RouteToken issues an access
// token for client credentials sent with HTTP Basic auth, RouteRevoke
// forgets one. Errors follow RFC 6749, as OAuth clients expect, not the Atlas
// error shape.
func (e *Emulator) serveOAuth(w http.ResponseWriter, r *http.Request) {
	e.counts.request(r.Method, r.URL.Path)
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", http.MethodPost)
		writeOAuthError(w, http.StatusMethodNotAllowed, "invalid_request", "use POST")
		return
	}
	clientID, authenticated := e.serviceAccount(r)
	if d := e.limiter.take(clientID, r.Method, r.URL.Path, e.now()); d.limited() {
		e.counts.rateLimited()
		d.setHeaders(w.Header())
		writeOAuthError(w, http.StatusTooManyRequests, "slow_down", "too many token requests")
		return
	}
	if !e.beforeApply(w, r, r.URL.Path) {
		return
	}
	if !authenticated {
		w.Header().Set("WWW-Authenticate", `Basic realm="`+digestRealm+`"`)
		writeOAuthError(w, http.StatusUnauthorized, "invalid_client", "unknown client or wrong secret")
		return
	}
	if err := r.ParseForm(); err != nil {
		writeOAuthError(w, http.StatusBadRequest, "invalid_request", "the body is not a form")
		return
	}
	if r.URL.Path == RouteRevoke {
		e.principals.revokeToken(r.PostForm.Get("token"))
		w.WriteHeader(http.StatusOK)
		return
	}
	if r.PostForm.Get("grant_type") != "client_credentials" {
		writeOAuthError(w, http.StatusBadRequest, "unsupported_grant_type", "only client_credentials is supported")
		return
	}
	_, _, ttl := e.settings.snapshot()
	token := newToken()
	e.principals.issueToken(token, clientID, e.now().Add(ttl))
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	_ = json.NewEncoder(w).Encode(map[string]any{
		"access_token": token,
		"token_type":   "Bearer",
		// Whole seconds, rounded up so a sub-second TTL does not read as "no expiry".
		"expires_in": int(math.Ceil(ttl.Seconds())),
	})
}

// serviceAccount checks the client credentials of an OAuth request's Basic
// auth. RFC 6749 (2.3.1) has clients form-encode both before encoding them
// for Basic auth, as golang.org/x/oauth2 does, while others send them raw:
// either is accepted.
func (e *Emulator) serviceAccount(r *http.Request) (clientID string, ok bool) {
	id, secret, hasBasic := r.BasicAuth()
	if !hasBasic {
		return "", false
	}
	if e.principals.checkServiceAccount(id, secret) {
		return id, true
	}
	decodedID, errID := url.QueryUnescape(id)
	decodedSecret, errSecret := url.QueryUnescape(secret)
	if errID == nil && errSecret == nil && e.principals.checkServiceAccount(decodedID, decodedSecret) {
		return decodedID, true
	}
	return id, false
}

func writeOAuthError(w http.ResponseWriter, status int, code, description string) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(map[string]string{"error": code, "error_description": description})
}

func newToken() string {
	b := make([]byte, 24)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}
