package client

import (
	"context"
	"crypto/md5"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

func TestNewChoosesAuthMethod(t *testing.T) {
	tests := []struct {
		name string
		cfg  Config
		want string
	}{
		{"access token wins", Config{AccessToken: "t", ClientID: "mdb_sa_id", ClientSecret: "s", PublicKey: "p", PrivateKey: "k"}, AuthMethodAccessToken},
		{"service account before API key", Config{ClientID: "mdb_sa_id", ClientSecret: "s", PublicKey: "p", PrivateKey: "k"}, AuthMethodServiceAccount},
		{"API key", Config{PublicKey: "p", PrivateKey: "k"}, AuthMethodAPIKey},
		{"half a service account is skipped", Config{ClientID: "mdb_sa_id", PublicKey: "p", PrivateKey: "k"}, AuthMethodAPIKey},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := New(tt.cfg)
			if err != nil {
				t.Fatal(err)
			}
			if got := c.AuthMethod(); got != tt.want {
				t.Errorf("AuthMethod = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestNewRejectsUnusableConfig(t *testing.T) {
	tests := []struct {
		name string
		cfg  Config
		want string
	}{
		{"no credentials", Config{}, "no usable Atlas credentials"},
		{"half an API key", Config{PublicKey: "p"}, "no usable Atlas credentials"},
		{"half a service account", Config{ClientSecret: "s"}, "no usable Atlas credentials"},
		{"base URL without scheme", Config{AccessToken: "t", BaseURL: "cloud.mongodb.com"}, "not an http(s) URL"},
		{"base URL with query", Config{AccessToken: "t", BaseURL: "https://cloud.mongodb.com/?x=1"}, "not an http(s) URL"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := New(tt.cfg)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v, want %q", err, tt.want)
			}
		})
	}
}

func TestConfigDefaults(t *testing.T) {
	cfg, err := Config{BaseURL: "https://cloud.mongodb.com/"}.withDefaults()
	if err != nil {
		t.Fatal(err)
	}
	if cfg.BaseURL != DefaultBaseURL || cfg.MaxRetries != DefaultMaxRetries || cfg.MinBackoff != DefaultMinBackoff ||
		cfg.MaxBackoff != DefaultMaxBackoff || cfg.RequestTimeout != DefaultRequestTimeout || cfg.UserAgent == "" {
		t.Errorf("defaults: %+v", cfg)
	}
	if cfg, _ := (Config{MaxRetries: -1}).withDefaults(); cfg.MaxRetries != 0 {
		t.Errorf("negative MaxRetries gave %d retries", cfg.MaxRetries)
	}
}

// digestServer checks HTTP digest authentication the way Atlas does: a 401
// challenge, then the request again with the answer to it. Each nonce count
// is accepted once.
type digestServer struct {
	username, password string
	next               http.Handler
	dropSigned         int32 // drop this many correctly signed requests unanswered
	staleSigned        int32 // answer this many correctly signed requests 401 stale=true

	challenges, authenticated, signed atomic.Int32
	mu                                sync.Mutex
	bodies                            []string // every body received, challenged or not
	used                              map[string]bool
}

const digestRealm = "MMS Public API"

func (s *digestServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	s.mu.Lock()
	s.bodies = append(s.bodies, string(body))
	s.mu.Unlock()
	r.Body = io.NopCloser(strings.NewReader(string(body)))

	params, isDigest := parseDigestAuthorization(r.Header.Get("Authorization"))
	if !isDigest {
		s.challenge(w, false)
		return
	}
	hash := func(s string) string { return fmt.Sprintf("%x", md5.Sum([]byte(s))) }
	ha1 := hash(params["username"] + ":" + digestRealm + ":" + s.password)
	ha2 := hash(r.Method + ":" + params["uri"])
	want := hash(strings.Join([]string{ha1, params["nonce"], params["nc"], params["cnonce"], params["qop"], ha2}, ":"))
	s.mu.Lock()
	reused := s.used[params["nonce"]+"/"+params["nc"]]
	if s.used == nil {
		s.used = map[string]bool{}
	}
	s.used[params["nonce"]+"/"+params["nc"]] = true
	s.mu.Unlock()
	if params["username"] != s.username || params["response"] != want || params["uri"] != r.URL.RequestURI() || reused {
		s.challenge(w, false)
		return
	}
	switch n := s.signed.Add(1); {
	case n <= s.dropSigned:
		panic(http.ErrAbortHandler) // close the connection without an answer
	case n <= s.dropSigned+s.staleSigned:
		s.challenge(w, true)
		return
	}
	s.authenticated.Add(1)
	s.next.ServeHTTP(w, r)
}

func (s *digestServer) challenge(w http.ResponseWriter, stale bool) {
	n := s.challenges.Add(1)
	w.Header().Set("WWW-Authenticate", fmt.Sprintf(`Digest realm="%s", domain="", nonce="nonce%d", algorithm=MD5, qop="auth", stale=%t`, digestRealm, n, stale))
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(http.StatusUnauthorized)
	_, _ = io.WriteString(w, `{"error":401,"errorCode":"NOT_ATLAS_ERROR","detail":"You are not authorized for this resource.","reason":"Unauthorized"}`)
}

func parseDigestAuthorization(header string) (map[string]string, bool) {
	rest, found := strings.CutPrefix(header, "Digest ")
	if !found {
		return nil, false
	}
	params := map[string]string{}
	for _, part := range strings.Split(rest, ", ") {
		if k, v, ok := strings.Cut(part, "="); ok {
			params[k] = strings.Trim(v, `"`)
		}
	}
	return params, true
}

func TestDigestAuthentication(t *testing.T) {
	t.Parallel()
	srv := &digestServer{username: "pubkey", password: "priv-key-secret", next: newScript(ok(sampleConnectionJSON))}
	c := newTestClient(t, srv, func(cfg *Config) { cfg.AccessToken, cfg.PublicKey, cfg.PrivateKey = "", "pubkey", "priv-key-secret" })
	if c.AuthMethod() != AuthMethodAPIKey {
		t.Fatalf("AuthMethod = %q", c.AuthMethod())
	}
	ctx := context.Background()
	// A POST: the body must reach the server again after the challenge.
	if _, err := c.CreateStreamConnection(ctx, testGroup, "ws", &StreamConnection{Name: "s p", Type: TypeSample}); err != nil {
		t.Fatal(err)
	}
	// A name that needs escaping: the digest uri must match the escaped path.
	if _, err := c.GetStreamConnection(ctx, testGroup, "ws", "a/b c"); err != nil {
		t.Fatal(err)
	}
	if srv.challenges.Load() != 2 || srv.authenticated.Load() != 2 {
		t.Errorf("challenges %d, authenticated %d; want 2 and 2", srv.challenges.Load(), srv.authenticated.Load())
	}
	want := `{"name":"s p","type":"Sample"}`
	if srv.bodies[0] != want || srv.bodies[1] != want {
		t.Errorf("bodies sent: %q, want the create body twice", srv.bodies[:2])
	}
	if st := c.Stats(); st.Attempts != 2 {
		t.Errorf("attempts = %d, want 2 (challenges are not attempts)", st.Attempts)
	}
}

func TestDigestNonceRefusalsAreRetriedWithAFreshChallenge(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name               string
		dropped, stale     int32
		call               string
		wantChallenges     int32
		wantServerRequests int // of the handler behind authentication
	}{
		// net/http re-sends the dropped GET with the same nonce count; the
		// server refuses it; the client starts over with a new challenge.
		{"GET dropped on a kept-alive connection", 1, 0, http.MethodGet, 3, 1},
		{"GET with a stale nonce", 0, 1, http.MethodGet, 3, 1},
		{"POST with a stale nonce", 0, 1, http.MethodPost, 3, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			api := newScript(ok(sampleConnectionJSON))
			srv := &digestServer{username: "pubkey", password: "priv", next: api, dropSigned: tt.dropped, staleSigned: tt.stale}
			c := newTestClient(t, srv, func(cfg *Config) { cfg.AccessToken, cfg.PublicKey, cfg.PrivateKey = "", "pubkey", "priv" })
			if err := callWith(context.Background(), c, tt.call); err != nil {
				t.Fatalf("err = %v", err)
			}
			if srv.challenges.Load() != tt.wantChallenges || api.count() != tt.wantServerRequests {
				t.Errorf("%d challenges and %d requests served, want %d and %d",
					srv.challenges.Load(), api.count(), tt.wantChallenges, tt.wantServerRequests)
			}
			if st := c.Stats(); st.Retries != 1 {
				t.Errorf("stats %+v, want 1 retry", st)
			}
		})
	}
}

func TestDigestWithWrongKeySaysSo(t *testing.T) {
	t.Parallel()
	srv := &digestServer{username: "pubkey", password: "the-right-one", next: newScript(ok(sampleConnectionJSON))}
	c := newTestClient(t, srv, func(cfg *Config) { cfg.AccessToken, cfg.PublicKey, cfg.PrivateKey = "", "pubkey", "the-wrong-one" })
	_, err := c.GetStreamConnection(context.Background(), testGroup, "ws", "s")
	if !statusIs(401)(err) || !strings.Contains(err.Error(), "invalid API key") || !strings.Contains(err.Error(), `"pubkey"`) {
		t.Fatalf("err = %v, want a 401 naming the invalid public key", err)
	}
	if strings.Contains(err.Error(), "the-wrong-one") {
		t.Errorf("error leaks the private key: %v", err)
	}
	if srv.challenges.Load() != 2 || c.Stats().Attempts != 1 {
		t.Errorf("%d challenges over %d attempts, want 2 (the first and the refusal) over 1: no retry of a 401",
			srv.challenges.Load(), c.Stats().Attempts)
	}
}

func TestBearerToken(t *testing.T) {
	t.Parallel()
	srv := newScript(ok(sampleConnectionJSON), atlasError(401, "UNAUTHORIZED", "expired"))
	c := newTestClient(t, srv, func(cfg *Config) { cfg.AccessToken = "bearer-abc" })
	if _, err := c.GetStreamConnection(context.Background(), testGroup, "ws", "s"); err != nil {
		t.Fatal(err)
	}
	if got := srv.request(0).header.Get("Authorization"); got != "Bearer bearer-abc" {
		t.Errorf("Authorization = %q", got)
	}
	_, err := c.GetStreamConnection(context.Background(), testGroup, "ws", "s")
	if !statusIs(401)(err) || !strings.Contains(err.Error(), "access token") {
		t.Errorf("err = %v, want a 401 about the access token", err)
	}
	if srv.count() != 2 {
		t.Errorf("server saw %d requests, want 2 (no retry of a 401)", srv.count())
	}
}

// tokenServer is Atlas's OAuth token endpoint and an API that accepts only
// the tokens it has issued and not revoked.
type tokenServer struct {
	clientID, clientSecret string
	expiresIn              int
	tokenAnswer            func(n int32) (int, string) // overrides the token answer when set

	fetches, apiCalls atomic.Int32
	mu                sync.Mutex
	valid             map[string]bool
}

func newTokenServer() *tokenServer {
	return &tokenServer{clientID: "mdb_sa_id_test", clientSecret: "mdb_sa_sk_secret", expiresIn: 3600, valid: map[string]bool{}}
}

func (s *tokenServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	if r.URL.Path == tokenPath {
		n := s.fetches.Add(1)
		if s.tokenAnswer != nil {
			status, body := s.tokenAnswer(n)
			w.WriteHeader(status)
			_, _ = io.WriteString(w, body)
			return
		}
		id, secret, _ := r.BasicAuth()
		if r.Method != http.MethodPost || id != s.clientID || secret != s.clientSecret || r.FormValue("grant_type") != "client_credentials" {
			w.WriteHeader(http.StatusUnauthorized)
			_, _ = io.WriteString(w, `{"error":"invalid_client","error_description":"Invalid client credentials"}`)
			return
		}
		token := fmt.Sprintf("token-%d", n)
		s.mu.Lock()
		s.valid[token] = true
		s.mu.Unlock()
		_ = json.NewEncoder(w).Encode(map[string]any{"access_token": token, "token_type": "Bearer", "expires_in": s.expiresIn})
		return
	}
	s.apiCalls.Add(1)
	token, _ := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	s.mu.Lock()
	valid := s.valid[token]
	s.mu.Unlock()
	if !valid {
		w.WriteHeader(http.StatusUnauthorized)
		_, _ = io.WriteString(w, `{"error":401,"errorCode":"NOT_ATLAS_ERROR","detail":"Invalid token.","reason":"Unauthorized"}`)
		return
	}
	_, _ = io.WriteString(w, sampleConnectionJSON)
}

func (s *tokenServer) revokeAll() {
	s.mu.Lock()
	defer s.mu.Unlock()
	clear(s.valid)
}

func serviceAccount(s *tokenServer) func(*Config) {
	return func(cfg *Config) { cfg.AccessToken, cfg.ClientID, cfg.ClientSecret = "", s.clientID, s.clientSecret }
}

func TestServiceAccountTokenIsFetchedOnceForParallelCalls(t *testing.T) {
	t.Parallel()
	srv := newTokenServer()
	var throughBase atomic.Int32
	countingBase := roundTripFunc(func(req *http.Request) (*http.Response, error) {
		if req.URL.Path == tokenPath {
			throughBase.Add(1)
		}
		return http.DefaultTransport.RoundTrip(req)
	})
	c := newTestClient(t, srv, serviceAccount(srv), func(cfg *Config) { cfg.Transport = countingBase })

	var wg sync.WaitGroup
	errs := make(chan error, 50)
	for range 50 {
		wg.Go(func() {
			_, err := c.GetStreamConnection(context.Background(), testGroup, "ws", "s")
			errs <- err
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	if srv.fetches.Load() != 1 || throughBase.Load() != 1 || c.Stats().TokenFetches != 1 {
		t.Errorf("token fetched %d times (%d through the base transport, stats %d), want once", srv.fetches.Load(), throughBase.Load(), c.Stats().TokenFetches)
	}
	if srv.apiCalls.Load() != 50 {
		t.Errorf("API saw %d calls, want 50", srv.apiCalls.Load())
	}
}

func TestServiceAccountTokenIsRefetchedWhenExpired(t *testing.T) {
	t.Parallel()
	srv := newTokenServer()
	srv.expiresIn = 1 // inside oauth2's early-expiry margin: every call needs a new token
	c := newTestClient(t, srv, serviceAccount(srv))
	for range 3 {
		if _, err := c.GetStreamConnection(context.Background(), testGroup, "ws", "s"); err != nil {
			t.Fatal(err)
		}
	}
	if srv.fetches.Load() != 3 {
		t.Errorf("token fetched %d times, want 3", srv.fetches.Load())
	}
}

func TestServiceAccountRejectedTokenIsRefreshedOnce(t *testing.T) {
	t.Parallel()
	srv := newTokenServer()
	c := newTestClient(t, srv, serviceAccount(srv))
	ctx := context.Background()
	if _, err := c.GetStreamConnection(ctx, testGroup, "ws", "s"); err != nil {
		t.Fatal(err)
	}
	srv.revokeAll() // the cached token still looks valid to the client
	if _, err := c.UpdateStreamConnection(ctx, testGroup, "ws", "s", ConnectionPatch{"region": "VIRGINIA_USA"}); err != nil {
		t.Fatalf("after revocation: %v", err)
	}
	if srv.fetches.Load() != 2 || srv.apiCalls.Load() != 3 {
		t.Errorf("%d token fetches and %d API calls, want 2 and 3", srv.fetches.Load(), srv.apiCalls.Load())
	}
	if st := c.Stats(); st.Attempts != 2 || st.Retries != 0 {
		t.Errorf("stats %+v: the refresh is part of the attempt, not a retry", st)
	}
}

func TestServiceAccountTokenRejectedTwiceFails(t *testing.T) {
	t.Parallel()
	srv := newTokenServer()
	c := newTestClient(t, newRejectingAPI(srv), serviceAccount(srv))
	_, err := c.GetStreamConnection(context.Background(), testGroup, "ws", "s")
	if !statusIs(401)(err) || !strings.Contains(err.Error(), srv.clientID) {
		t.Fatalf("err = %v, want a 401 naming the service account", err)
	}
	if srv.fetches.Load() != 2 {
		t.Errorf("token fetched %d times, want 2 (one refresh only)", srv.fetches.Load())
	}
}

// newRejectingAPI issues tokens through srv but rejects them all at the API.
func newRejectingAPI(srv *tokenServer) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == tokenPath {
			srv.ServeHTTP(w, r)
			return
		}
		w.WriteHeader(http.StatusUnauthorized)
	})
}

func TestServiceAccountBadCredentialsFailAtOnce(t *testing.T) {
	t.Parallel()
	for _, status := range []int{http.StatusUnauthorized, http.StatusBadRequest} {
		t.Run(http.StatusText(status), func(t *testing.T) {
			t.Parallel()
			srv := newTokenServer()
			srv.tokenAnswer = func(int32) (int, string) {
				return status, `{"error":"invalid_client","error_description":"bad secret mdb_sa_sk_secret"}`
			}
			c := newTestClient(t, srv, serviceAccount(srv))
			clock := onFakeClock(c)
			done := make(chan error, 1)
			go func() {
				_, err := c.CreateStreamConnection(context.Background(), testGroup, "ws", &StreamConnection{Name: "s", Type: TypeSample})
				done <- err
			}()
			var err error
			select {
			case err = <-done:
			case <-clock.Waiting():
				t.Fatal("the client waits to retry a refused secret")
			}
			if err == nil {
				t.Fatal("no error")
			}
			msg := err.Error()
			for _, want := range []string{srv.clientID, "refused an access token", "client secret", "invalid_client", "/api/oauth/token"} {
				if !strings.Contains(msg, want) {
					t.Errorf("error %q lacks %q", msg, want)
				}
			}
			if strings.Contains(msg, srv.clientSecret) {
				t.Errorf("error leaks the client secret: %q", msg)
			}
			if IsOutcomeUnknown(err) {
				t.Errorf("a refused token is not an unknown outcome")
			}
			if srv.fetches.Load() != 1 || srv.apiCalls.Load() != 0 {
				t.Errorf("%d token fetches, %d API calls; want 1 and 0", srv.fetches.Load(), srv.apiCalls.Load())
			}
		})
	}
}

func TestServiceAccountTokenEndpointOutageIsRetried(t *testing.T) {
	t.Parallel()
	srv := newTokenServer()
	srv.tokenAnswer = func(n int32) (int, string) {
		if n == 1 {
			return http.StatusServiceUnavailable, `{"error":"temporarily_unavailable"}`
		}
		srv.mu.Lock()
		srv.valid["late-token"] = true
		srv.mu.Unlock()
		return http.StatusOK, `{"access_token":"late-token","token_type":"Bearer","expires_in":3600}`
	}
	c := newTestClient(t, srv, serviceAccount(srv))
	// Even a POST: the API request was never sent.
	if _, err := c.CreateStreamConnection(context.Background(), testGroup, "ws", &StreamConnection{Name: "s", Type: TypeSample}); err != nil {
		t.Fatal(err)
	}
	if srv.fetches.Load() != 2 || srv.apiCalls.Load() != 1 {
		t.Errorf("%d token fetches, %d API calls; want 2 and 1", srv.fetches.Load(), srv.apiCalls.Load())
	}
}

func TestServiceAccountSlowTokenEndpointIsRetriedEvenForPOST(t *testing.T) {
	t.Parallel()
	srv := newTokenServer()
	srv.tokenAnswer = func(n int32) (int, string) {
		if n == 1 {
			time.Sleep(500 * time.Millisecond) // longer than an attempt may last
		}
		srv.mu.Lock()
		srv.valid["slow-token"] = true
		srv.mu.Unlock()
		return http.StatusOK, `{"access_token":"slow-token","token_type":"Bearer","expires_in":3600}`
	}
	c := newTestClient(t, srv, serviceAccount(srv), func(cfg *Config) { cfg.RequestTimeout = 100 * time.Millisecond })
	_, err := c.CreateStreamConnection(context.Background(), testGroup, "ws", &StreamConnection{Name: "s", Type: TypeSample})
	if err != nil {
		t.Fatalf("err = %v; the API request was never sent, so the POST may be retried", err)
	}
	if srv.apiCalls.Load() != 1 || c.Stats().Retries == 0 {
		t.Errorf("%d API calls, stats %+v; want 1 call after a retry", srv.apiCalls.Load(), c.Stats())
	}
}
