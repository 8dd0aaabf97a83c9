package provider

import (
	"os"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// clearAtlasEnv keeps the tests independent of the developer's own credentials.
func clearAtlasEnv(t *testing.T) {
	for _, env := range []string{EnvBaseURL, EnvPublicKey, EnvPublicKeyAlt, EnvPrivateKey, EnvPrivateKeyAlt, EnvClientID, EnvClientSecret, EnvAccessToken} {
		t.Setenv(env, "")
	}
}

func model(kv map[string]string) providerModel {
	get := func(k string) types.String {
		if v, ok := kv[k]; ok {
			if v == "<unknown>" {
				return types.StringUnknown()
			}
			return types.StringValue(v)
		}
		return types.StringNull()
	}
	return providerModel{
		BaseURL: get("base_url"), PublicKey: get("public_key"), PrivateKey: get("private_key"),
		ClientID: get("client_id"), ClientSecret: get("client_secret"), AccessToken: get("access_token"),
	}
}

func TestResolveSettings(t *testing.T) {
	tests := []struct {
		name        string
		config      map[string]string
		env         map[string]string
		wantError   string // substring of the first error's detail; "" for none
		wantWarning string
		wantMethod  string // which credentials reach the client
		wantProblem string // deferred error, reported when a resource needs the API
	}{
		{name: "nothing set defers the error", wantProblem: "no Atlas credentials are set"},
		{name: "api key", config: map[string]string{"public_key": "pub", "private_key": "priv"}, wantMethod: "api_key"},
		{name: "service account from env", env: map[string]string{EnvClientID: "mdb_sa_id_1", EnvClientSecret: "s"}, wantMethod: "service_account"},
		{name: "access token from env", env: map[string]string{EnvAccessToken: "tok"}, wantMethod: "access_token"},
		{name: "alternative env names", env: map[string]string{EnvPublicKeyAlt: "pub", EnvPrivateKeyAlt: "priv"}, wantMethod: "api_key"},
		{name: "config beats env", config: map[string]string{"public_key": "pub", "private_key": "priv"}, env: map[string]string{EnvPublicKey: "other"}, wantMethod: "api_key"},
		{name: "half an api key", config: map[string]string{"public_key": "pub"}, wantError: "Set private_key too"},
		{name: "half a service account", config: map[string]string{"client_secret": "s"}, wantError: "Set client_id too"},
		{name: "service account id as public key", config: map[string]string{"public_key": "mdb_sa_id_1", "private_key": "x"}, wantError: "is a service account client id"},
		{name: "several methods warn and token wins",
			config:      map[string]string{"access_token": "tok", "client_id": "mdb_sa_id_1", "client_secret": "s", "public_key": "pub", "private_key": "priv"},
			wantWarning: "using an access token", wantMethod: "access_token"},
		{name: "service account beats api key", config: map[string]string{"client_id": "mdb_sa_id_1", "client_secret": "s", "public_key": "pub", "private_key": "priv"},
			wantWarning: "using a service account", wantMethod: "service_account"},
		{name: "http to a remote host", config: map[string]string{"base_url": "http://cloud.example.com", "access_token": "t"}, wantError: "plain http"},
		{name: "http to loopback", config: map[string]string{"base_url": "http://127.0.0.1:8080", "access_token": "t"}, wantMethod: "access_token"},
		{name: "http to localhost", config: map[string]string{"base_url": "http://localhost:8080", "access_token": "t"}, wantMethod: "access_token"},
		{name: "not a url", config: map[string]string{"base_url": "cloud.mongodb.com", "access_token": "t"}, wantError: "not an absolute http(s) URL"},
		{name: "unknown value", config: map[string]string{"access_token": "<unknown>"}, wantError: "known only after apply"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			clearAtlasEnv(t)
			for k, v := range tc.env {
				t.Setenv(k, v)
			}
			var diags diag.Diagnostics
			s := resolveSettings(model(tc.config), os.Getenv, &diags)
			if tc.wantError != "" {
				if !diags.HasError() || !strings.Contains(diags.Errors()[0].Detail(), tc.wantError) {
					t.Fatalf("diags = %v, want an error containing %q", diags, tc.wantError)
				}
				return
			}
			if diags.HasError() {
				t.Fatalf("unexpected errors: %v", diags)
			}
			if tc.wantWarning != "" && (len(diags.Warnings()) == 0 || !strings.Contains(diags.Warnings()[0].Detail(), tc.wantWarning)) {
				t.Errorf("warnings = %v, want one containing %q", diags.Warnings(), tc.wantWarning)
			}
			if tc.wantWarning == "" && len(diags.Warnings()) > 0 {
				t.Errorf("unexpected warnings: %v", diags.Warnings())
			}
			if tc.wantProblem != "" {
				if err := s.problem(); err == nil || !strings.Contains(err.Error(), tc.wantProblem) {
					t.Fatalf("problem = %v, want %q", err, tc.wantProblem)
				}
				return
			}
			cfg := s.clientConfig("1.0.0", "1.12.6")
			var got string
			switch {
			case cfg.AccessToken != "":
				got = "access_token"
			case cfg.ClientID != "":
				got = "service_account"
			case cfg.PublicKey != "":
				got = "api_key"
			}
			if got != tc.wantMethod {
				t.Errorf("client gets %q credentials, want %q (config %+v)", got, tc.wantMethod, cfg)
			}
			if n := btoi(cfg.AccessToken != "") + btoi(cfg.ClientID != "") + btoi(cfg.PublicKey != ""); n != 1 {
				t.Errorf("client gets %d credential methods, want exactly one", n)
			}
		})
	}
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

func TestUserAgentNamesProviderAndCLI(t *testing.T) {
	cfg := settings{accessToken: "t", baseURL: "https://x"}.clientConfig("1.2.3", "1.12.6")
	if cfg.UserAgent != "terraform-provider-atlasx/1.2.3 Terraform/1.12.6" {
		t.Errorf("user agent = %q", cfg.UserAgent)
	}
}
