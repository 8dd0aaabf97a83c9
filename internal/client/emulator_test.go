package client_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/atlasx/terraform-provider-atlasx/internal/client"
	"github.com/atlasx/terraform-provider-atlasx/internal/emulator"
)

// startEmulator serves a seeded emulator for one test.
func startEmulator(t *testing.T, opts ...emulator.Option) (*emulator.Emulator, emulator.Seed) {
	t.Helper()
	em := emulator.New(opts...)
	seed := em.Seed(emulator.Seed{})
	em.Start()
	t.Cleanup(func() { _ = em.Close() })
	return em, seed
}

func newEmulatorClient(t *testing.T, em *emulator.Emulator, credentials func(*client.Config)) *client.Client {
	t.Helper()
	cfg := client.Config{BaseURL: em.URL(), MinBackoff: time.Millisecond, MaxBackoff: 10 * time.Millisecond, RequestTimeout: 5 * time.Second}
	credentials(&cfg)
	c, err := client.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func apiKey(s emulator.Seed) func(*client.Config) {
	return func(cfg *client.Config) { cfg.PublicKey, cfg.PrivateKey = s.PublicKey, s.PrivateKey }
}

func serviceAccount(s emulator.Seed) func(*client.Config) {
	return func(cfg *client.Config) { cfg.ClientID, cfg.ClientSecret = s.ClientID, s.ClientSecret }
}

func accessToken(s emulator.Seed) func(*client.Config) {
	return func(cfg *client.Config) { cfg.AccessToken = s.AccessToken }
}

func TestEmulatorLifecycleWithEveryAuthMethod(t *testing.T) {
	t.Parallel()
	methods := []struct {
		method      string
		credentials func(emulator.Seed) func(*client.Config)
		wantTokens  int
	}{
		{client.AuthMethodAPIKey, apiKey, 0},
		{client.AuthMethodServiceAccount, serviceAccount, 1},
		{client.AuthMethodAccessToken, accessToken, 0},
	}
	for _, m := range methods {
		t.Run(m.method, func(t *testing.T) {
			t.Parallel()
			em, seed := startEmulator(t)
			c := newEmulatorClient(t, em, m.credentials(seed))
			if c.AuthMethod() != m.method {
				t.Fatalf("AuthMethod = %q", c.AuthMethod())
			}
			ctx := context.Background()
			project, ws := seed.ProjectID, seed.Workspace

			created, err := c.CreateStreamConnection(ctx, project, ws, &client.StreamConnection{Name: "orders", Type: client.TypeKafka, Settings: map[string]any{
				"bootstrapServers": "b1.example.com:9092,b2.example.com:9092",
				"config":           map[string]any{"auto.offset.reset": "earliest"},
				"authentication":   map[string]any{"mechanism": "SCRAM-256", "username": "app", "password": "kafka-password"},
				"security":         map[string]any{"protocol": "SASL_SSL"},
			}})
			if err != nil {
				t.Fatalf("create: %v", err)
			}
			if _, password := created.Setting("authentication", "password"); created.ID == "" || created.Region != seed.Region || password {
				t.Errorf("created = %+v: want an id, the workspace's region and no password", created)
			}
			if access, _ := created.Setting("networking", "access", "type"); access != "PUBLIC" {
				t.Errorf("created networking = %+v, want the PUBLIC default", created.Settings["networking"])
			}
			stored, _ := em.Connection(project, ws, "orders")
			if auth, _ := stored["authentication"].(map[string]any); auth["password"] != "kafka-password" {
				t.Errorf("the emulator did not store the write-only password: %v", stored["authentication"])
			}

			got, err := c.GetStreamConnection(ctx, project, ws, "orders")
			if err != nil || got.Settings["bootstrapServers"] != created.Settings["bootstrapServers"] {
				t.Fatalf("get = %+v, %v", got, err)
			}

			updated, err := c.UpdateStreamConnection(ctx, project, ws, "orders", client.ConnectionPatch{
				"bootstrapServers": "b3.example.com:9092", "config": nil,
			})
			if err != nil {
				t.Fatalf("update: %v", err)
			}
			if config, _ := updated.Settings["config"].(map[string]any); updated.Settings["bootstrapServers"] != "b3.example.com:9092" || len(config) != 0 {
				t.Errorf("updated = %+v: want new servers and config cleared", updated)
			}

			list, err := c.ListStreamConnections(ctx, project, ws)
			if err != nil || len(list) != 1 || list[0].Name != "orders" {
				t.Fatalf("list = %+v, %v", list, err)
			}

			if err := c.DeleteStreamConnection(ctx, project, ws, "orders"); err != nil {
				t.Fatalf("delete: %v", err)
			}
			_, err = c.GetStreamConnection(ctx, project, ws, "orders")
			if !client.IsNotFound(err) || !client.HasErrorCode(err, "STREAM_CONNECTION_NOT_FOUND_FOR_NAME") {
				t.Errorf("get after delete: %v", err)
			}
			_, err = c.GetStreamConnection(ctx, project, "no-such-workspace", "orders")
			if !client.HasErrorCode(err, "STREAM_TENANT_NOT_FOUND_FOR_NAME") {
				t.Errorf("get in a missing workspace: %v", err)
			}

			if n := em.Count(http.MethodPost, emulator.RouteToken); n != m.wantTokens {
				t.Errorf("token endpoint saw %d requests, want %d", n, m.wantTokens)
			}
			if st := c.Stats(); st.Retries != 0 || st.TokenFetches != int64(m.wantTokens) {
				t.Errorf("stats %+v: want no retries and %d token fetches", st, m.wantTokens)
			}
		})
	}
}

// A Kafka connection to Amazon MSK signs in with an IAM role, which goes to
// Atlas and comes back in authentication.aws.
func TestEmulatorKafkaMSKIAM(t *testing.T) {
	t.Parallel()
	em, seed := startEmulator(t)
	c := newEmulatorClient(t, em, accessToken(seed))
	ctx := context.Background()
	role := map[string]any{"roleArn": "arn:aws:iam::123456789012:role/msk", "testBucket": "probe"}
	msk := func(auth map[string]any) *client.StreamConnection {
		return &client.StreamConnection{Name: "msk", Type: client.TypeKafka, Settings: map[string]any{"bootstrapServers": "b-1.msk.example.com:9098", "authentication": auth}}
	}

	_, err := c.CreateStreamConnection(ctx, seed.ProjectID, seed.Workspace, msk(map[string]any{"mechanism": "AWS_MSK_IAM"}))
	if !client.HasErrorCode(err, "VALIDATION_ERROR") || !strings.Contains(err.Error(), "authentication.aws") {
		t.Errorf("create without a role: %v, want a VALIDATION_ERROR naming authentication.aws", err)
	}
	if _, err := c.CreateStreamConnection(ctx, seed.ProjectID, seed.Workspace, msk(map[string]any{"mechanism": "AWS_MSK_IAM", "aws": role})); err != nil {
		t.Fatalf("create: %v", err)
	}
	got, err := c.GetStreamConnection(ctx, seed.ProjectID, seed.Workspace, "msk")
	if err != nil || !reflect.DeepEqual(got.Settings["authentication"], map[string]any{"mechanism": "AWS_MSK_IAM", "aws": role}) {
		t.Fatalf("get = %+v, %v: want mechanism AWS_MSK_IAM and role %+v", got, err, role)
	}
}

func TestEmulatorWorkspaces(t *testing.T) {
	t.Parallel()
	em, seed := startEmulator(t)
	c := newEmulatorClient(t, em, accessToken(seed))
	ctx := context.Background()
	created, err := c.CreateStreamWorkspace(ctx, seed.ProjectID, &client.StreamWorkspace{
		Name: "second", DataProcessRegion: &client.DataProcessRegion{CloudProvider: "AWS", Region: "VIRGINIA_USA"},
	})
	if err != nil || created.Name != "second" {
		t.Fatalf("create = %+v, %v", created, err)
	}
	if _, err := c.GetStreamWorkspace(ctx, seed.ProjectID, "second"); err != nil {
		t.Fatalf("get: %v", err)
	}
	list, err := c.ListStreamWorkspaces(ctx, seed.ProjectID)
	if err != nil || len(list) != 2 {
		t.Fatalf("list = %+v, %v; want the seeded workspace and the new one", list, err)
	}
	if err := c.DeleteStreamWorkspace(ctx, seed.ProjectID, "second"); err != nil {
		t.Fatalf("delete: %v", err)
	}
	if _, err := c.GetStreamWorkspace(ctx, seed.ProjectID, "second"); !client.IsNotFound(err) {
		t.Errorf("get after delete: %v", err)
	}
}

func TestEmulatorRejectsBadCredentials(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name        string
		credentials func(emulator.Seed) func(*client.Config)
		want        []string
		wantTokens  int
	}{
		{"wrong private key", func(s emulator.Seed) func(*client.Config) {
			return func(cfg *client.Config) { cfg.PublicKey, cfg.PrivateKey = s.PublicKey, "not-the-key" }
		}, []string{"HTTP 401", "invalid API key", s0().PublicKey}, 0},
		{"wrong client secret", func(s emulator.Seed) func(*client.Config) {
			return func(cfg *client.Config) { cfg.ClientID, cfg.ClientSecret = s.ClientID, "not-the-secret" }
		}, []string{"refused an access token", s0().ClientID, "invalid_client"}, 1},
		{"unknown access token", func(emulator.Seed) func(*client.Config) {
			return func(cfg *client.Config) { cfg.AccessToken = "not-a-token" }
		}, []string{"HTTP 401", "access token"}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			em, seed := startEmulator(t)
			c := newEmulatorClient(t, em, tt.credentials(seed))
			_, err := c.ListStreamConnections(context.Background(), seed.ProjectID, seed.Workspace)
			if err == nil {
				t.Fatal("no error")
			}
			for _, want := range tt.want {
				if !strings.Contains(err.Error(), want) {
					t.Errorf("error %q lacks %q", err, want)
				}
			}
			for _, secret := range []string{"not-the-key", "not-the-secret", "not-a-token"} {
				if strings.Contains(err.Error(), secret) {
					t.Errorf("error leaks %q: %v", secret, err)
				}
			}
			if n := em.Count(http.MethodPost, emulator.RouteToken); n != tt.wantTokens {
				t.Errorf("token endpoint saw %d requests, want %d", n, tt.wantTokens)
			}
			if st := c.Stats(); st.Attempts != 1 {
				t.Errorf("attempts = %d, want 1: bad credentials are not retried", st.Attempts)
			}
		})
	}
}

func s0() emulator.Seed { return emulator.DefaultSeed() }

func TestEmulatorServiceAccountToken(t *testing.T) {
	t.Parallel()
	t.Run("fetched once for many parallel calls", func(t *testing.T) {
		t.Parallel()
		em, seed := startEmulator(t)
		c := newEmulatorClient(t, em, serviceAccount(seed))
		var wg sync.WaitGroup
		errs := make(chan error, 40)
		for range 40 {
			wg.Go(func() {
				_, err := c.ListStreamConnections(context.Background(), seed.ProjectID, seed.Workspace)
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
		if n := em.Count(http.MethodPost, emulator.RouteToken); n != 1 {
			t.Errorf("token endpoint saw %d requests, want 1", n)
		}
	})
	t.Run("revoked token is replaced once", func(t *testing.T) {
		t.Parallel()
		em, seed := startEmulator(t)
		tokens := &tokenRecorder{base: http.DefaultTransport}
		c := newEmulatorClient(t, em, func(cfg *client.Config) {
			serviceAccount(seed)(cfg)
			cfg.Transport = tokens
		})
		ctx := context.Background()
		if _, err := c.ListStreamConnections(ctx, seed.ProjectID, seed.Workspace); err != nil {
			t.Fatal(err)
		}
		revoke(t, em.URL(), seed, tokens.last())
		if _, err := c.ListStreamConnections(ctx, seed.ProjectID, seed.Workspace); err != nil {
			t.Fatalf("after revocation: %v", err)
		}
		if n := em.Count(http.MethodPost, emulator.RouteToken); n != 2 {
			t.Errorf("token endpoint saw %d requests, want 2", n)
		}
		if n := em.Counts().Unauthorized; n != 1 {
			t.Errorf("emulator answered %d 401s, want 1", n)
		}
	})
	t.Run("short-lived tokens are fetched again", func(t *testing.T) {
		t.Parallel()
		em, seed := startEmulator(t, emulator.WithTokenTTL(time.Second)) // within oauth2's early-expiry margin
		c := newEmulatorClient(t, em, serviceAccount(seed))
		for range 3 {
			if _, err := c.ListStreamConnections(context.Background(), seed.ProjectID, seed.Workspace); err != nil {
				t.Fatal(err)
			}
		}
		if n := em.Count(http.MethodPost, emulator.RouteToken); n != 3 {
			t.Errorf("token endpoint saw %d requests, want 3", n)
		}
	})
}

// tokenRecorder remembers the last bearer token sent.
type tokenRecorder struct {
	base  http.RoundTripper
	mu    sync.Mutex
	token string
}

func (r *tokenRecorder) RoundTrip(req *http.Request) (*http.Response, error) {
	if token, ok := strings.CutPrefix(req.Header.Get("Authorization"), "Bearer "); ok {
		r.mu.Lock()
		r.token = token
		r.mu.Unlock()
	}
	return r.base.RoundTrip(req)
}

func (r *tokenRecorder) last() string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.token
}

func revoke(t *testing.T, baseURL string, seed emulator.Seed, token string) {
	t.Helper()
	form := url.Values{"token": {token}, "token_type_hint": {"access_token"}}
	req, err := http.NewRequest(http.MethodPost, baseURL+emulator.RouteRevoke, strings.NewReader(form.Encode()))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.SetBasicAuth(seed.ClientID, seed.ClientSecret)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("revoke: HTTP %d", resp.StatusCode)
	}
}

func TestEmulatorFaults(t *testing.T) {
	t.Parallel()
	newConn := func() *client.StreamConnection {
		return &client.StreamConnection{Name: "orders", Type: client.TypeHTTPS, Settings: map[string]any{"url": "https://hooks.example.com/in"}}
	}
	t.Run("GET survives 5xx and dropped connections", func(t *testing.T) {
		t.Parallel()
		em, seed := startEmulator(t, emulator.WithFaults(emulator.Faults{
			ServerError: emulator.Fault{Count: 2, Scope: emulator.APIScope(http.MethodGet)},
			Drop:        emulator.Fault{Count: 2, Scope: emulator.APIScope(http.MethodGet)},
		}))
		c := newEmulatorClient(t, em, apiKey(seed))
		if _, err := c.ListStreamConnections(context.Background(), seed.ProjectID, seed.Workspace); err != nil {
			t.Fatal(err)
		}
		if st := c.Stats(); st.Retries != 4 || st.ServerErrors != 2 {
			t.Errorf("stats %+v, want 4 retries of which 2 after 5xx", st)
		}
	})
	t.Run("POST answered 5xx is outcome unknown and not applied", func(t *testing.T) {
		t.Parallel()
		em, seed := startEmulator(t, emulator.WithFaults(emulator.Faults{
			ServerError: emulator.Fault{Count: 1, Scope: emulator.ConnectionScope(http.MethodPost)},
		}))
		c := newEmulatorClient(t, em, accessToken(seed))
		_, err := c.CreateStreamConnection(context.Background(), seed.ProjectID, seed.Workspace, newConn())
		var apiErr *client.APIError
		if !client.IsOutcomeUnknown(err) || !errors.As(err, &apiErr) || apiErr.StatusCode < 500 {
			t.Fatalf("err = %v, want an outcome-unknown 5xx", err)
		}
		if n := em.Count(http.MethodPost, emulator.RouteConnections); n != 1 {
			t.Errorf("POST sent %d times, want 1", n)
		}
		if _, err := c.GetStreamConnection(context.Background(), seed.ProjectID, seed.Workspace, "orders"); !client.IsNotFound(err) {
			t.Errorf("lookup after the failed create: %v, want 404", err)
		}
	})
	t.Run("POST whose answer is lost is outcome unknown but applied", func(t *testing.T) {
		t.Parallel()
		em, seed := startEmulator(t, emulator.WithFaults(emulator.Faults{
			LostAnswer: emulator.Fault{Count: 1, Scope: emulator.ConnectionScope(http.MethodPost)},
		}))
		c := newEmulatorClient(t, em, serviceAccount(seed))
		_, err := c.CreateStreamConnection(context.Background(), seed.ProjectID, seed.Workspace, newConn())
		if !client.IsOutcomeUnknown(err) {
			t.Fatalf("err = %v, want outcome unknown", err)
		}
		if got, err := c.GetStreamConnection(context.Background(), seed.ProjectID, seed.Workspace, "orders"); err != nil || got.Settings["url"] != newConn().Settings["url"] {
			t.Errorf("lookup after the lost answer: %+v, %v; want the connection", got, err)
		}
	})
	t.Run("PATCH and DELETE whose answers are lost are retried", func(t *testing.T) {
		t.Parallel()
		em, seed := startEmulator(t)
		c := newEmulatorClient(t, em, accessToken(seed))
		ctx := context.Background()
		if _, err := c.CreateStreamConnection(ctx, seed.ProjectID, seed.Workspace, newConn()); err != nil {
			t.Fatal(err)
		}
		em.SetFaults(emulator.Faults{LostAnswer: emulator.Fault{Count: 1, Scope: emulator.ConnectionScope(http.MethodPatch, http.MethodDelete)}})
		if _, err := c.UpdateStreamConnection(ctx, seed.ProjectID, seed.Workspace, "orders", client.ConnectionPatch{"url": "https://hooks.example.com/v2"}); err != nil {
			t.Fatalf("update: %v", err)
		}
		em.SetFaults(emulator.Faults{LostAnswer: emulator.Fault{Count: 1, Scope: emulator.ConnectionScope(http.MethodDelete)}})
		err := c.DeleteStreamConnection(ctx, seed.ProjectID, seed.Workspace, "orders")
		if err != nil && !client.IsNotFound(err) {
			t.Fatalf("delete: %v (a 404 on the retry means done)", err)
		}
		if n := em.Count(http.MethodDelete, emulator.RouteConnection); n != 2 {
			t.Errorf("DELETE sent %d times, want 2", n)
		}
	})
	t.Run("rate limit is waited out", func(t *testing.T) {
		t.Parallel()
		em, seed := startEmulator(t, emulator.WithRateLimit(emulator.RateLimit{Capacity: 2, RefillPerSecond: 4}))
		c := newEmulatorClient(t, em, apiKey(seed))
		for i := range 4 {
			if _, err := c.CreateStreamConnection(context.Background(), seed.ProjectID, seed.Workspace, &client.StreamConnection{
				Name: fmt.Sprintf("c%d", i), Type: client.TypeHTTPS, Settings: map[string]any{"url": "https://hooks.example.com/in"},
			}); err != nil {
				t.Fatalf("create %d: %v", i, err)
			}
		}
		st := c.Stats()
		if st.RateLimited == 0 || st.RateLimited != int64(em.Counts().RateLimited) {
			t.Errorf("client saw %d 429s, emulator sent %d; want the same, more than 0", st.RateLimited, em.Counts().RateLimited)
		}
		if n := len(em.Connections(seed.ProjectID, seed.Workspace)); n != 4 {
			t.Errorf("%d connections stored, want 4: a throttled POST must not be duplicated", n)
		}
	})
}

func TestEmulatorPagination(t *testing.T) {
	t.Parallel()
	em, seed := startEmulator(t)
	for i := range 1203 {
		if err := em.PutConnection(seed.ProjectID, seed.Workspace, map[string]any{"name": fmt.Sprintf("c%04d", i), "type": "Sample"}); err != nil {
			t.Fatal(err)
		}
	}
	c := newEmulatorClient(t, em, accessToken(seed))
	list, err := c.ListStreamConnections(context.Background(), seed.ProjectID, seed.Workspace)
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 1203 || list[0].Name != "c0000" || list[1202].Name != "c1202" {
		t.Errorf("listed %d connections", len(list))
	}
	if n := em.Count(http.MethodGet, emulator.RouteConnections); n != 3 {
		t.Errorf("listed in %d pages, want 3", n)
	}
}
