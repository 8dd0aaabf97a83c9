package provider

import (
	"errors"
	"fmt"
	"net"
	"net/url"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/atlasx/terraform-provider-atlasx/internal/client"
)

// Environment variables users already have from Atlas's own tooling; the
// live acceptance suite reads its credentials from the same ones.
const (
	EnvBaseURL       = "MONGODB_ATLAS_BASE_URL"
	EnvPublicKey     = "MONGODB_ATLAS_PUBLIC_API_KEY"
	EnvPublicKeyAlt  = "MONGODB_ATLAS_PUBLIC_KEY"
	EnvPrivateKey    = "MONGODB_ATLAS_PRIVATE_API_KEY"
	EnvPrivateKeyAlt = "MONGODB_ATLAS_PRIVATE_KEY"
	EnvClientID      = "MONGODB_ATLAS_CLIENT_ID"
	EnvClientSecret  = "MONGODB_ATLAS_CLIENT_SECRET"
	EnvAccessToken   = "MONGODB_ATLAS_ACCESS_TOKEN"
)

// serviceAccountPrefix starts every service account client id.
const serviceAccountPrefix = "mdb_sa"

// settings are the provider's configuration after the environment filled the gaps.
type settings struct {
	baseURL, publicKey, privateKey, clientID, clientSecret, accessToken string
}

// resolveSettings takes each setting from the configuration, else from the
// environment (getenv), and reports what cannot work whatever the resources need:
// unknown values, a bad base URL, half of a pair, a client id given as a public key.
func resolveSettings(config providerModel, getenv func(string) string, diags *diag.Diagnostics) settings {
	pick := func(attribute string, v types.String, envs ...string) string {
		if v.IsUnknown() {
			diags.AddAttributeError(path.Root(attribute), "Unknown provider setting",
				fmt.Sprintf("%s depends on a value known only after apply, but the provider needs it to plan. Set it statically, from a variable, or through the environment (%s), or apply its source first with -target.", attribute, strings.Join(envs, " or ")))
			return ""
		}
		if !v.IsNull() {
			return v.ValueString()
		}
		for _, env := range envs {
			if s := getenv(env); s != "" {
				return s
			}
		}
		return ""
	}
	s := settings{
		baseURL:      pick("base_url", config.BaseURL, EnvBaseURL),
		publicKey:    pick("public_key", config.PublicKey, EnvPublicKey, EnvPublicKeyAlt),
		privateKey:   pick("private_key", config.PrivateKey, EnvPrivateKey, EnvPrivateKeyAlt),
		clientID:     pick("client_id", config.ClientID, EnvClientID),
		clientSecret: pick("client_secret", config.ClientSecret, EnvClientSecret),
		accessToken:  pick("access_token", config.AccessToken, EnvAccessToken),
	}
	if diags.HasError() {
		return s
	}
	if s.baseURL == "" {
		s.baseURL = client.DefaultBaseURL
	}
	if problem := checkBaseURL(s.baseURL); problem != "" {
		diags.AddAttributeError(path.Root("base_url"), "Invalid base_url", problem)
	}
	if strings.HasPrefix(s.publicKey, serviceAccountPrefix) {
		diags.AddAttributeError(path.Root("public_key"), "Service account id given as public_key",
			fmt.Sprintf("%q is a service account client id. Set it as client_id (env %s) with its secret as client_secret (env %s), not as an API key.", s.publicKey, EnvClientID, EnvClientSecret))
	}
	for _, pair := range [][2]string{{"public_key", "private_key"}, {"client_id", "client_secret"}} {
		a, b := s.get(pair[0]), s.get(pair[1])
		if (a == "") != (b == "") {
			missing := pair[0]
			if b == "" {
				missing = pair[1]
			}
			diags.AddAttributeError(path.Root(missing), "Incomplete credentials",
				fmt.Sprintf("%s and %s go together, but only one of them is set. Set %s too (or its environment variable), or remove the other.", pair[0], pair[1], missing))
		}
	}
	if methods := s.methods(); len(methods) > 1 {
		diags.AddWarning("Several Atlas credentials are set",
			fmt.Sprintf("Found %s; using %s (precedence: access token, then service account, then API key).", strings.Join(methods, ", "), methods[0]))
	}
	return s
}

func (s settings) get(attribute string) string {
	switch attribute {
	case "public_key":
		return s.publicKey
	case "private_key":
		return s.privateKey
	case "client_id":
		return s.clientID
	default:
		return s.clientSecret
	}
}

// methods lists the complete credentials given, in order of precedence.
func (s settings) methods() []string {
	var out []string
	if s.accessToken != "" {
		out = append(out, "an access token")
	}
	if s.clientID != "" && s.clientSecret != "" {
		out = append(out, "a service account")
	}
	if s.publicKey != "" && s.privateKey != "" {
		out = append(out, "an API key pair")
	}
	return out
}

// problem says why no client can be built, or nil. It is reported only when
// a resource needs the API, so `validate` and plans without resources work.
func (s settings) problem() error {
	if len(s.methods()) == 0 {
		return errors.New("no Atlas credentials are set. Set client_id and client_secret (a service account; env " + EnvClientID + ", " + EnvClientSecret +
			"), or public_key and private_key (an API key; env " + EnvPublicKey + ", " + EnvPrivateKey + "), or access_token (env " + EnvAccessToken + ") in the provider block or the environment")
	}
	return nil
}

// EnvClientConfig is the client configuration of a provider block that sets
// nothing: every setting from the environment (getenv), with the provider's
// checks and precedence. The live acceptance suite reads Atlas with it, so it
// speaks to Atlas with the credentials the provider would use.
func EnvClientConfig(getenv func(string) string, userAgent string) (client.Config, error) {
	var diags diag.Diagnostics
	s := resolveSettings(providerModel{}, getenv, &diags)
	if errs := diags.Errors(); len(errs) > 0 {
		return client.Config{}, errors.New(errs[0].Detail())
	}
	if err := s.problem(); err != nil {
		return client.Config{}, err
	}
	cfg := s.clientConfig("", "")
	cfg.UserAgent = userAgent
	return cfg, nil
}

// clientConfig keeps only the method with the highest precedence, so a
// lower one never leaks into requests.
func (s settings) clientConfig(version, terraformVersion string) client.Config {
	cfg := client.Config{
		BaseURL:   s.baseURL,
		UserAgent: fmt.Sprintf("terraform-provider-atlasx/%s Terraform/%s", version, terraformVersion),
	}
	switch {
	case s.accessToken != "":
		cfg.AccessToken = s.accessToken
	case s.clientID != "" && s.clientSecret != "":
		cfg.ClientID, cfg.ClientSecret = s.clientID, s.clientSecret
	default:
		cfg.PublicKey, cfg.PrivateKey = s.publicKey, s.privateKey
	}
	return cfg
}

// checkBaseURL allows plain http only on loopback, where an emulator runs:
// credentials must never cross a network in the clear.
func checkBaseURL(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" || (u.Scheme != "https" && u.Scheme != "http") {
		return fmt.Sprintf("%q is not an absolute http(s) URL. Use %s, or your Atlas for Government URL.", raw, client.DefaultBaseURL)
	}
	if u.Scheme == "http" && !isLoopback(u.Hostname()) {
		return fmt.Sprintf("%q uses plain http, which would send credentials in the clear. Use https; http is allowed only for a loopback host such as 127.0.0.1.", raw)
	}
	return ""
}

func isLoopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
