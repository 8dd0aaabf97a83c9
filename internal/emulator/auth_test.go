package emulator_test

import (
	"context"
	"crypto/md5"
	"encoding/hex"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/mongodb-forks/digest"
	"golang.org/x/oauth2/clientcredentials"

	"github.com/atlasx/terraform-provider-atlasx/internal/emulator"
)

func TestDigestAuthentication(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	wrongKey := &http.Client{Transport: &digest.Transport{Username: h.seed.PublicKey, Password: "wrong", Transport: h.transport}}
	unknownKey := &http.Client{Transport: &digest.Transport{Username: "nobody", Password: h.seed.PrivateKey, Transport: h.transport}}
	tests := []struct {
		name       string
		opts       []requestOption
		wantStatus int
	}{
		{"right key pair", nil, http.StatusOK},
		{"wrong private key", []requestOption{withClient(wrongKey)}, http.StatusUnauthorized},
		{"unknown public key", []requestOption{withClient(unknownKey)}, http.StatusUnauthorized},
		{"no credentials", []requestOption{withClient(h.plain)}, http.StatusUnauthorized},
		{"basic credentials", []requestOption{withClient(h.plain), withHeader("Authorization", "Basic YTpi")}, http.StatusUnauthorized},
	}
	for _, tt := range tests {
		resp := h.do(http.MethodGet, h.connections(), nil, tt.opts...)
		if resp.status != tt.wantStatus {
			t.Errorf("%s: status %d, want %d (%s)", tt.name, resp.status, tt.wantStatus, resp.body)
		}
		if tt.wantStatus != http.StatusUnauthorized {
			continue
		}
		if resp.errorCode(t) != "UNAUTHORIZED" {
			t.Errorf("%s: body %s", tt.name, resp.body)
		}
		challenge := resp.header.Get("WWW-Authenticate")
		for _, part := range []string{`Digest realm="MMS Public API"`, `nonce="`, "algorithm=MD5", `qop="auth"`} {
			if !strings.Contains(challenge, part) {
				t.Errorf("%s: challenge %q lacks %s", tt.name, challenge, part)
			}
		}
	}
}

// digestAnswer builds an Authorization header by hand, to replay nonces.
func digestAnswer(username, password, method, uri, nonce, nc string) string {
	hash := func(s string) string { sum := md5.Sum([]byte(s)); return hex.EncodeToString(sum[:]) }
	ha1 := hash(username + ":MMS Public API:" + password)
	ha2 := hash(method + ":" + uri)
	response := hash(strings.Join([]string{ha1, nonce, nc, "abc", "auth", ha2}, ":"))
	return fmt.Sprintf(`Digest username="%s", realm="MMS Public API", nonce="%s", uri="%s", response="%s", algorithm=MD5, qop=auth, nc=%s, cnonce="abc"`,
		username, nonce, uri, response, nc)
}

func TestDigestNonces(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	challenge := h.do(http.MethodGet, h.connections(), nil, withClient(h.plain)).header.Get("WWW-Authenticate")
	_, rest, _ := strings.Cut(challenge, `nonce="`)
	nonce, _, _ := strings.Cut(rest, `"`)
	uri := h.connections()
	answer := func(nonce, nc string) requestOption {
		return withHeader("Authorization", digestAnswer(h.seed.PublicKey, h.seed.PrivateKey, http.MethodGet, uri, nonce, nc))
	}
	tests := []struct {
		name       string
		opt        requestOption
		wantStatus int
		wantStale  bool
	}{
		{"first use", answer(nonce, "00000001"), http.StatusOK, false},
		{"higher count", answer(nonce, "00000002"), http.StatusOK, false},
		{"replayed count", answer(nonce, "00000002"), http.StatusUnauthorized, false},
		{"unknown nonce", answer("0123456789abcdef0123456789abcdef", "00000001"), http.StatusUnauthorized, true},
		{"wrong uri", withHeader("Authorization", digestAnswer(h.seed.PublicKey, h.seed.PrivateKey, http.MethodGet, "/elsewhere", nonce, "00000003")), http.StatusUnauthorized, false},
	}
	for _, tt := range tests {
		resp := h.do(http.MethodGet, uri, nil, withClient(h.plain), tt.opt)
		if resp.status != tt.wantStatus {
			t.Errorf("%s: status %d, want %d", tt.name, resp.status, tt.wantStatus)
		}
		if stale := strings.Contains(resp.header.Get("WWW-Authenticate"), "stale=true"); tt.wantStatus == http.StatusUnauthorized && stale != tt.wantStale {
			t.Errorf("%s: stale = %v, want %v", tt.name, stale, tt.wantStale)
		}
	}
}

func TestBearerTokens(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	for token, want := range map[string]int{h.seed.AccessToken: http.StatusOK, "not-a-token": http.StatusUnauthorized} {
		resp := h.do(http.MethodGet, h.connections(), nil, withBearer(token))
		if resp.status != want {
			t.Errorf("token %q: %d, want %d", token, resp.status, want)
		}
		if want == http.StatusUnauthorized && !strings.HasPrefix(resp.header.Get("WWW-Authenticate"), "Bearer") {
			t.Errorf("token %q: challenge %q", token, resp.header.Get("WWW-Authenticate"))
		}
	}
}

func TestServiceAccountTokens(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	config := clientcredentials.Config{ClientID: h.seed.ClientID, ClientSecret: h.seed.ClientSecret, TokenURL: h.url + emulator.RouteToken}
	client := config.Client(context.Background())
	if resp := h.do(http.MethodGet, h.connections(), nil, withClient(client)); resp.status != http.StatusOK {
		t.Fatalf("with a service-account token: %d %s", resp.status, resp.body)
	}
	token, err := config.Token(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if token.TokenType != "Bearer" || time.Until(token.Expiry) < 50*time.Minute {
		t.Errorf("token = %+v, want a Bearer token for an hour", token)
	}

	revoke := func(tok string) response {
		form := url.Values{"token": {tok}, "token_type_hint": {"access_token"}}
		return h.do(http.MethodPost, emulator.RouteRevoke, form.Encode(), withClient(h.plain),
			withHeader("Content-Type", "application/x-www-form-urlencoded"),
			withHeader("Authorization", basic(h.seed.ClientID, h.seed.ClientSecret)))
	}
	if resp := revoke(token.AccessToken); resp.status != http.StatusOK {
		t.Fatalf("revoke: %d %s", resp.status, resp.body)
	}
	if resp := h.do(http.MethodGet, h.connections(), nil, withBearer(token.AccessToken)); resp.status != http.StatusUnauthorized {
		t.Errorf("revoked token: %d", resp.status)
	}
}

func TestServiceAccountSecretsWithSpecialCharacters(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	const id, secret = "mdb_sa_id_special", "s+e/c=r t%"
	h.em.AddServiceAccount(id, secret)
	h.em.GrantRole(id, h.seed.ProjectID, emulator.RoleProjectReadOnly)
	config := clientcredentials.Config{ClientID: id, ClientSecret: secret, TokenURL: h.url + emulator.RouteToken}
	if resp := h.do(http.MethodGet, h.connections(), nil, withClient(config.Client(context.Background()))); resp.status != http.StatusOK {
		t.Errorf("form-encoded credentials: %d %s", resp.status, resp.body)
	}
	raw := h.do(http.MethodPost, emulator.RouteToken, "grant_type=client_credentials", withClient(h.plain),
		withHeader("Content-Type", "application/x-www-form-urlencoded"), withHeader("Authorization", basic(id, secret)))
	if raw.status != http.StatusOK {
		t.Errorf("raw credentials: %d %s", raw.status, raw.body)
	}
}

func basic(user, password string) string {
	req, _ := http.NewRequest(http.MethodGet, "/", nil)
	req.SetBasicAuth(user, password)
	return req.Header.Get("Authorization")
}

func TestTokenEndpointRefusals(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	form := "application/x-www-form-urlencoded"
	tests := []struct {
		name       string
		method     string
		auth       string
		body       string
		wantStatus int
		wantError  string
	}{
		{"wrong secret", http.MethodPost, basic(h.seed.ClientID, "wrong"), "grant_type=client_credentials", http.StatusUnauthorized, "invalid_client"},
		{"no credentials", http.MethodPost, "", "grant_type=client_credentials", http.StatusUnauthorized, "invalid_client"},
		{"other grant", http.MethodPost, basic(h.seed.ClientID, h.seed.ClientSecret), "grant_type=password", http.StatusBadRequest, "unsupported_grant_type"},
		{"GET", http.MethodGet, basic(h.seed.ClientID, h.seed.ClientSecret), "", http.StatusMethodNotAllowed, "invalid_request"},
	}
	for _, tt := range tests {
		opts := []requestOption{withClient(h.plain), withHeader("Content-Type", form)}
		if tt.auth != "" {
			opts = append(opts, withHeader("Authorization", tt.auth))
		}
		var body any
		if tt.body != "" {
			body = tt.body
		}
		resp := h.do(tt.method, emulator.RouteToken, body, opts...)
		if resp.status != tt.wantStatus || resp.object(t)["error"] != tt.wantError {
			t.Errorf("%s: %d %s", tt.name, resp.status, resp.body)
		}
	}
}

func TestExpiredTokens(t *testing.T) {
	t.Parallel()
	clock := newFakeClock()
	h := newHarness(t, emulator.WithClock(clock.now), emulator.WithTokenTTL(20*time.Millisecond))
	config := clientcredentials.Config{ClientID: h.seed.ClientID, ClientSecret: h.seed.ClientSecret, TokenURL: h.url + emulator.RouteToken}
	token, err := config.Token(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if resp := h.do(http.MethodGet, h.connections(), nil, withBearer(token.AccessToken)); resp.status != http.StatusOK {
		t.Fatalf("fresh token: %d", resp.status)
	}
	clock.advance(30 * time.Millisecond)
	if resp := h.do(http.MethodGet, h.connections(), nil, withBearer(token.AccessToken)); resp.status != http.StatusUnauthorized {
		t.Errorf("expired token: %d", resp.status)
	}

	h.em.SetTokenTTL(time.Hour)
	token, err = config.Token(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	clock.advance(30 * time.Millisecond)
	if resp := h.do(http.MethodGet, h.connections(), nil, withBearer(token.AccessToken)); resp.status != http.StatusOK {
		t.Errorf("token issued after SetTokenTTL(time.Hour): %d", resp.status)
	}
}

func TestRolesAndProjects(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	other := "aaaaaaaaaaaaaaaaaaaaaaaa"
	h.em.AddWorkspace(other, "ws", "VIRGINIA_USA")
	h.em.AddAccessToken("reader")
	h.em.GrantRole("reader", h.seed.ProjectID, emulator.RoleProjectReadOnly)
	h.em.AddAccessToken("streams")
	h.em.GrantRole("streams", h.seed.ProjectID, emulator.RoleProjectStreamProcessingOwner)
	h.em.AddAccessToken("stranger")
	body := map[string]any{"name": "s", "type": "Sample"}
	tests := []struct {
		name, token, method, path string
		wantStatus                int
		wantCode                  string
	}{
		{"reader reads", "reader", http.MethodGet, h.connections(), http.StatusOK, ""},
		{"reader cannot write", "reader", http.MethodPost, h.connections(), http.StatusForbidden, "USER_UNAUTHORIZED"},
		{"stream owner writes", "streams", http.MethodPost, h.connections(), http.StatusOK, ""},
		{"reader cannot delete", "reader", http.MethodDelete, h.connection("s"), http.StatusForbidden, "USER_UNAUTHORIZED"},
		{"no role cannot read", "stranger", http.MethodGet, h.connections(), http.StatusForbidden, "USER_UNAUTHORIZED"},
		{"owner elsewhere has no role here", h.seed.AccessToken, http.MethodGet, "/api/atlas/v2/groups/" + other + "/streams/ws/connections", http.StatusForbidden, "USER_UNAUTHORIZED"},
		{"unknown project", h.seed.AccessToken, http.MethodGet, "/api/atlas/v2/groups/bbbbbbbbbbbbbbbbbbbbbbbb/streams", http.StatusNotFound, "GROUP_NOT_FOUND"},
	}
	for _, tt := range tests {
		var b any
		if tt.method == http.MethodPost {
			b = body
		}
		resp := h.do(tt.method, tt.path, b, withBearer(tt.token))
		if resp.status != tt.wantStatus || (tt.wantCode != "" && resp.errorCode(t) != tt.wantCode) {
			t.Errorf("%s: %d %s", tt.name, resp.status, resp.body)
		}
	}
}
