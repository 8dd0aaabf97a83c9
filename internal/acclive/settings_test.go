package acclive

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/atlasx/terraform-provider-atlasx/internal/provider"
)

// recordingEnv is an environment that remembers every variable looked up.
type recordingEnv struct {
	values map[string]string
	read   []string
}

func (e *recordingEnv) getenv(name string) string {
	e.read = append(e.read, name)
	return e.values[name]
}

// everything is an environment with every variable the suite knows set.
func everything() map[string]string {
	env := map[string]string{
		EnvProjectID: "32b6e34b3d91647abb20e7b8", EnvWorkspace: "ws", EnvWorkspaceRegion: "DUBLIN_IRL", EnvFleetSize: "25",
		provider.EnvBaseURL: "https://cloud.example", provider.EnvAccessToken: "token",
		provider.EnvClientID: "mdb_sa_id", provider.EnvClientSecret: "sa-secret",
		provider.EnvPublicKey: "pub", provider.EnvPrivateKey: "priv",
	}
	for _, name := range Prerequisites {
		env[name] = "value of " + name
	}
	return env
}

// Without ATLASX_ACC_LIVE=1 nothing but that variable is looked at, so a
// developer's credentials are never read by an ordinary test run.
func TestFromEnvReadsNothingUnlessLive(t *testing.T) {
	t.Parallel()
	for _, live := range []string{"", "0", "true", "yes"} {
		env := &recordingEnv{values: everything()}
		env.values[EnvLive] = live
		_, err := FromEnv(env.getenv)
		if !errors.Is(err, ErrNotLive) {
			t.Errorf("%s=%q: error %v, want ErrNotLive", EnvLive, live, err)
		}
		if !slices.Equal(env.read, []string{EnvLive}) {
			t.Errorf("%s=%q: read %v, want only %s", EnvLive, live, env.read, EnvLive)
		}
	}
}

func TestFromEnvTakesCredentialsAsTheProviderDoes(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		unset  []string
		method string // which credential is kept
	}{
		{"access token first", nil, "access token"},
		{"then the service account", []string{provider.EnvAccessToken}, "service account"},
		{"then the API key", []string{provider.EnvAccessToken, provider.EnvClientID, provider.EnvClientSecret}, "API key"},
		{"API key under its older names", []string{provider.EnvAccessToken, provider.EnvClientID, provider.EnvClientSecret, provider.EnvPublicKey, provider.EnvPrivateKey}, "API key"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			values := everything()
			values[EnvLive] = "1"
			values[provider.EnvPublicKeyAlt], values[provider.EnvPrivateKeyAlt] = "pub", "priv"
			for _, name := range tt.unset {
				delete(values, name)
			}
			s, err := FromEnv(func(name string) string { return values[name] })
			if err != nil {
				t.Fatal(err)
			}
			c := s.Client
			var got string
			switch {
			case c.AccessToken == "token" && c.ClientID == "" && c.PublicKey == "":
				got = "access token"
			case c.ClientID == "mdb_sa_id" && c.ClientSecret == "sa-secret" && c.AccessToken == "" && c.PublicKey == "":
				got = "service account"
			case c.PublicKey == "pub" && c.PrivateKey == "priv" && c.AccessToken == "" && c.ClientID == "":
				got = "API key"
			}
			if got != tt.method || c.BaseURL != "https://cloud.example" {
				t.Errorf("client config %+v, want only the %s, and the base URL", c, tt.method)
			}
		})
	}
}

func TestFromEnvSettings(t *testing.T) {
	t.Parallel()
	values := everything()
	values[EnvLive] = "1"
	s, err := FromEnv(func(name string) string { return values[name] })
	if err != nil {
		t.Fatal(err)
	}
	if s.ProjectID != values[EnvProjectID] || s.Workspace != "ws" || s.WorkspaceRegion != "DUBLIN_IRL" || s.FleetSize != 25 {
		t.Errorf("settings %+v", s)
	}
	for _, name := range Prerequisites {
		if got := s.Prerequisite(name); got != "value of "+name {
			t.Errorf("Prerequisite(%s) = %q", name, got)
		}
	}

	delete(values, EnvWorkspace)
	delete(values, EnvWorkspaceRegion)
	delete(values, EnvFleetSize)
	delete(values, EnvClusterName)
	s, err = FromEnv(func(name string) string { return values[name] })
	if err != nil {
		t.Fatal(err)
	}
	if s.Workspace != "" || s.WorkspaceRegion != DefaultWorkspaceRegion || s.FleetSize != DefaultFleetSize || s.Prerequisite(EnvClusterName) != "" {
		t.Errorf("without workspace, region and cluster: %+v", s)
	}
}

// A run that was asked for but cannot work fails, naming what to set,
// rather than passing by doing nothing.
func TestFromEnvRefusesAnIncompleteRun(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		unset []string
		set   map[string]string
		want  []string
	}{
		{"no credentials", []string{provider.EnvAccessToken, provider.EnvClientID, provider.EnvClientSecret, provider.EnvPublicKey, provider.EnvPrivateKey}, nil, []string{"no complete Atlas credentials", provider.EnvClientID, provider.EnvPublicKey, provider.EnvAccessToken}},
		{"half a service account", []string{provider.EnvAccessToken, provider.EnvClientSecret, provider.EnvPublicKey, provider.EnvPrivateKey}, nil, []string{"no complete Atlas credentials", "client_secret"}},
		{"no project", []string{EnvProjectID}, nil, []string{EnvProjectID}},
		{"fleet of none", nil, map[string]string{EnvFleetSize: "0"}, []string{EnvFleetSize, "whole number above 0"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			values := everything()
			values[EnvLive] = "1"
			for _, name := range tt.unset {
				delete(values, name)
			}
			for name, v := range tt.set {
				values[name] = v
			}
			_, err := FromEnv(func(name string) string { return values[name] })
			if err == nil {
				t.Fatal("no error")
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not name %s", err, w)
				}
			}
			for _, secret := range []string{"token", "sa-secret", "priv"} {
				if strings.Contains(err.Error(), "\""+secret+"\"") {
					t.Errorf("error %q shows a credential", err)
				}
			}
		})
	}
}

func TestRunPrefix(t *testing.T) {
	t.Parallel()
	a, b := NewRunPrefix(), NewRunPrefix()
	if !IsRunName(a+"kafka") || len(a) != len(Prefix)+9 || !strings.HasSuffix(a, "-") || a == b {
		t.Errorf("prefixes %q, %q", a, b)
	}
	for _, name := range []string{"orders", "sample_stream_solar", "atlasx-accounts", "ATLASX-ACC-1-x"} {
		if IsRunName(name) {
			t.Errorf("IsRunName(%q) = true", name)
		}
	}
}
