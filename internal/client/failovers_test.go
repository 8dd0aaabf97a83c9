package client_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/atlasx/terraform-provider-atlasx/internal/client"
	"github.com/atlasx/terraform-provider-atlasx/internal/contract"
	"github.com/atlasx/terraform-provider-atlasx/internal/emulator"
)

// failoverEnv is a seeded emulator (failover regions OREGON_USA and
// DUBLIN_IRL) behind the contract check, with a client whose requests'
// Accept headers are recorded by path.
type failoverEnv struct {
	em      *emulator.Emulator
	seed    emulator.Seed
	api     *client.Client
	mu      sync.Mutex
	accepts map[string]string // path -> the Accept header last sent to it
}

func newFailoverEnv(t *testing.T) *failoverEnv {
	t.Helper()
	em := emulator.New()
	env := &failoverEnv{em: em, seed: em.Seed(emulator.Seed{}), accepts: map[string]string{}}
	srv := httptest.NewServer(contract.Check(t, em))
	t.Cleanup(srv.Close)
	base := http.DefaultTransport.(*http.Transport).Clone()
	t.Cleanup(base.CloseIdleConnections)
	cfg := client.Config{
		BaseURL: srv.URL, MinBackoff: time.Millisecond, MaxBackoff: 10 * time.Millisecond, RequestTimeout: 5 * time.Second,
		Transport: roundTripFunc(func(r *http.Request) (*http.Response, error) {
			env.mu.Lock()
			env.accepts[r.URL.Path] = r.Header.Get("Accept")
			env.mu.Unlock()
			return base.RoundTrip(r)
		}),
	}
	accessToken(env.seed)(&cfg)
	api, err := client.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	env.api = api
	return env
}

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

// parent creates the Kafka connection "orders".
func (env *failoverEnv) parent(t *testing.T) {
	t.Helper()
	_, err := env.api.CreateStreamConnection(context.Background(), env.seed.ProjectID, env.seed.Workspace, &client.StreamConnection{
		Name: "orders", Type: client.TypeKafka, Settings: map[string]any{"bootstrapServers": "b1.example.com:9092"},
	})
	if err != nil {
		t.Fatal(err)
	}
}

func (env *failoverEnv) count(method, route string) int { return env.em.Count(method, route) }

// setting is the failover connection's setting at path, or nil.
func setting(f *client.FailoverConnection, path ...string) any {
	v, _ := (*client.StreamConnection)(f).Setting(path...)
	return v
}

// dublin is a Kafka failover connection with a secret, and no name: the
// client sets it.
func dublin() *client.FailoverConnection {
	return &client.FailoverConnection{
		Type: client.TypeKafka, Region: "DUBLIN_IRL", Settings: map[string]any{
			"bootstrapServers": "dub-1.example.com:9092",
			"authentication":   map[string]any{"mechanism": "SCRAM-512", "username": "dub", "password": "dub-password"},
			"security":         map[string]any{"protocol": "SASL_SSL"},
		},
	}
}

func TestFailoverConnectionsAgainstTheEmulator(t *testing.T) {
	t.Parallel()
	env := newFailoverEnv(t)
	env.parent(t)
	ctx := context.Background()
	p, ws := env.seed.ProjectID, env.seed.Workspace

	workspace, err := env.api.GetStreamWorkspace(ctx, p, ws)
	if err != nil || len(workspace.FailoverRegions) != 2 || workspace.FailoverRegions[1] != (client.DataProcessRegion{CloudProvider: "AWS", Region: "DUBLIN_IRL"}) {
		t.Fatalf("workspace = %+v, %v", workspace, err)
	}

	// With its connections, in the same one request: what plan checks read.
	withConnections, err := env.api.GetStreamWorkspaceWithConnections(ctx, p, ws)
	if err != nil || len(withConnections.FailoverRegions) != 2 || len(withConnections.Connections) != 1 || withConnections.Connections[0].Name != "orders" || withConnections.Connections[0].Type != client.TypeKafka {
		t.Fatalf("workspace with connections = %+v, %v", withConnections, err)
	}

	created, err := env.api.CreateFailoverConnection(ctx, p, ws, "orders", dublin())
	if err != nil {
		t.Fatalf("create: %v", err)
	}
	if len(created.ID) != 24 || created.Name != "orders" || created.Region != "DUBLIN_IRL" || created.State != client.StateReady ||
		setting(created, "authentication", "password") != nil || setting(created, "networking", "access", "type") != "PUBLIC" {
		t.Errorf("created = %+v", created)
	}
	if stored := env.em.FailoverConnections(p, ws, "orders"); len(stored) != 1 || stored[0]["authentication"].(map[string]any)["password"] != "dub-password" {
		t.Errorf("the emulator holds %v", stored)
	}
	oregon, err := env.api.CreateFailoverConnection(ctx, p, ws, "orders", &client.FailoverConnection{Type: client.TypeKafka, Region: "OREGON_USA", Settings: map[string]any{"bootstrapServers": "ore-1.example.com:9092"}})
	if err != nil {
		t.Fatalf("create in Oregon: %v", err)
	}

	got, err := env.api.GetFailoverConnection(ctx, p, ws, "orders", created.ID)
	if err != nil || setting(got, "bootstrapServers") != "dub-1.example.com:9092" || setting(got, "security", "protocol") != "SASL_SSL" {
		t.Fatalf("get = %+v, %v", got, err)
	}

	updated, err := env.api.UpdateFailoverConnection(ctx, p, ws, "orders", created.ID, client.ConnectionPatch{
		"type": client.TypeKafka, "bootstrapServers": "dub-2.example.com:9092", "security": nil,
	})
	if err != nil || setting(updated, "bootstrapServers") != "dub-2.example.com:9092" || setting(updated, "security") != nil || setting(updated, "authentication") == nil {
		t.Fatalf("update = %+v, %v", updated, err)
	}

	list, err := env.api.ListFailoverConnections(ctx, p, ws, "orders")
	if err != nil || len(list) != 2 || list[0].ID != created.ID || list[1].ID != oregon.ID {
		t.Fatalf("list = %+v, %v", list, err)
	}
	if env.count(http.MethodGet, emulator.RouteFailovers) != 1 {
		t.Errorf("a list of two failover connections took %d requests, want 1", env.count(http.MethodGet, emulator.RouteFailovers))
	}

	if err := env.api.DeleteFailoverConnection(ctx, p, ws, "orders", created.ID); err != nil {
		t.Fatalf("delete: %v", err)
	}
	_, err = env.api.GetFailoverConnection(ctx, p, ws, "orders", created.ID)
	if !client.IsNotFound(err) {
		t.Errorf("get after delete: %v", err)
	}
	if err := env.api.DeleteFailoverConnection(ctx, p, ws, "orders", created.ID); !client.IsNotFound(err) {
		t.Errorf("second delete: %v, want a 404", err)
	}

	// These five operations, and only they, ask for 2025-03-12.
	env.mu.Lock()
	defer env.mu.Unlock()
	for path, accept := range env.accepts {
		wantFailover := strings.Contains(path, "/failoverConnections")
		if gotFailover := accept == "application/vnd.atlas.2025-03-12+json"; gotFailover != wantFailover {
			t.Errorf("%s was sent Accept %q", path, accept)
		}
	}
}

func TestFailoverConnectionRefusals(t *testing.T) {
	t.Parallel()
	env := newFailoverEnv(t)
	env.parent(t)
	ctx := context.Background()
	p, ws := env.seed.ProjectID, env.seed.Workspace
	if _, err := env.api.CreateFailoverConnection(ctx, p, ws, "orders", dublin()); err != nil {
		t.Fatal(err)
	}

	_, err := env.api.CreateFailoverConnection(ctx, p, ws, "orders", dublin())
	if !client.IsConflict(err) || client.IsOutcomeUnknown(err) {
		t.Errorf("second failover connection in a region: %v, want a 409", err)
	}
	tokyo := dublin()
	tokyo.Region = "TOKYO_JPN"
	_, err = env.api.CreateFailoverConnection(ctx, p, ws, "orders", tokyo)
	if !client.HasErrorCode(err, "VALIDATION_ERROR") {
		t.Fatalf("region outside the failover regions: %v", err)
	}
	if strings.Contains(err.Error(), "dub-password") {
		t.Errorf("the error shows the secret: %v", err)
	}
	if _, err := env.api.CreateFailoverConnection(ctx, p, ws, "gone", dublin()); !client.HasErrorCode(err, "STREAM_CONNECTION_NOT_FOUND_FOR_NAME") {
		t.Errorf("missing parent: %v", err)
	}
	if _, err := env.api.ListFailoverConnections(ctx, p, "nowhere", "orders"); !client.HasErrorCode(err, "STREAM_TENANT_NOT_FOUND_FOR_NAME") {
		t.Errorf("missing workspace: %v", err)
	}

	before := env.count(http.MethodPatch, emulator.RouteFailover)
	if _, err := env.api.UpdateFailoverConnection(ctx, p, ws, "orders", "0123456789abcdef01234567", client.ConnectionPatch{"bootstrapServers": "x:1"}); err == nil {
		t.Error("an update without the type was sent")
	}
	if env.count(http.MethodPatch, emulator.RouteFailover) != before {
		t.Error("an update without the type reached the API")
	}
}

// A create whose outcome is open is never sent twice: it says the outcome is
// unknown, whether Atlas applied it (the answer was lost) or not (a 500),
// and leaves the lookup to the caller.
func TestFailoverCreateWithUnknownOutcomeIsSentOnce(t *testing.T) {
	t.Parallel()
	post := emulator.Fault{Count: 1, Scope: emulator.FailoverScope(http.MethodPost)}
	tests := []struct {
		name    string
		faults  emulator.Faults
		applied bool
	}{
		{"answer lost", emulator.Faults{LostAnswer: post}, true},
		{"server error", emulator.Faults{ServerError: post, ServerErrorStatuses: []int{500}}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			env := newFailoverEnv(t)
			env.parent(t)
			env.em.SetFaults(tt.faults)
			_, err := env.api.CreateFailoverConnection(context.Background(), env.seed.ProjectID, env.seed.Workspace, "orders", dublin())
			if !client.IsOutcomeUnknown(err) {
				t.Fatalf("create: %v, want an outcome-unknown error", err)
			}
			if strings.Contains(err.Error(), "dub-password") {
				t.Errorf("the error shows the secret: %v", err)
			}
			if n := env.count(http.MethodPost, emulator.RouteFailovers); n != 1 {
				t.Errorf("%d POST requests, want 1", n)
			}
			stored := env.em.FailoverConnections(env.seed.ProjectID, env.seed.Workspace, "orders")
			if applied := len(stored) == 1; applied != tt.applied {
				t.Errorf("the emulator holds %v; applied = %v, want %v", stored, applied, tt.applied)
			}
		})
	}
}
