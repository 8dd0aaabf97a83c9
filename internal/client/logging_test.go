package client

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-log/tflogtest"
)

// echoingValidationError answers 400 with a detail that quotes the request
// body, as Atlas's validation errors can; it also serves the token endpoint.
func echoingValidationError(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	if r.URL.Path == tokenPath {
		_, _ = io.WriteString(w, `{"access_token":"issued-token-value","token_type":"Bearer","expires_in":3600}`)
		return
	}
	body, _ := io.ReadAll(r.Body)
	w.WriteHeader(http.StatusBadRequest)
	_ = json.NewEncoder(w).Encode(map[string]any{
		"error":     400,
		"errorCode": "VALIDATION_ERROR",
		"detail":    "The request content produced the validation error: Invalid bootstrapServers. Request: " + string(body),
		"reason":    "Bad Request",
	})
}

func TestNoSecretInLogsOrErrors(t *testing.T) {
	t.Parallel()
	// Each secret holds characters JSON escapes, around a core that must
	// never show up, however many times a body was re-encoded.
	cores := []string{"SECRETkafkapw", "SECREToidc", "SECRETsslkey", "SECRETsslkeypw", "SECRETregistry", "SECRETbearer", "SECRETapikey"}
	requestSecrets := []string{
		`kafka"` + cores[0] + `<1>`, `oidc\` + cores[1] + `&`, "-----BEGIN PRIVATE KEY-----\n" + cores[2] + "\n-----END PRIVATE KEY-----",
		cores[3] + "\t", "reg<>" + cores[4], "Bearer " + cores[5], cores[6],
	}
	conn := &StreamConnection{Name: "orders", Type: TypeKafka, Settings: map[string]any{
		"bootstrapServers": "not a server",
		"authentication": map[string]any{
			"mechanism": "OAUTHBEARER", "username": "app", "password": requestSecrets[0],
			"clientId": "oidc-client", "clientSecret": requestSecrets[1],
			"sslKey": requestSecrets[2], "sslKeyPassword": requestSecrets[3],
		},
		"schemaRegistryAuthentication": map[string]any{"type": "USER_INFO", "username": "reg", "password": requestSecrets[4]},
		"headers":                      map[string]any{"Authorization": requestSecrets[5], "X-Api-Key": requestSecrets[6]},
	}}

	digestEcho := func(password string) http.Handler {
		return &digestServer{username: "public-key-id", password: password, next: http.HandlerFunc(echoingValidationError)}
	}
	methods := []struct {
		name        string
		handler     http.Handler
		adjust      func(*Config)
		credentials []string
	}{
		{"access token", http.HandlerFunc(echoingValidationError),
			func(cfg *Config) { cfg.AccessToken = "access-token-value" }, []string{"access-token-value"}},
		{"service account", http.HandlerFunc(echoingValidationError),
			func(cfg *Config) {
				cfg.AccessToken, cfg.ClientID, cfg.ClientSecret = "", "mdb_sa_id_x", "mdb_sa_sk_value"
			},
			[]string{"mdb_sa_sk_value", "issued-token-value"}},
		{"API key", digestEcho("private-key-value"),
			func(cfg *Config) {
				cfg.AccessToken, cfg.PublicKey, cfg.PrivateKey = "", "public-key-id", "private-key-value"
			},
			[]string{"private-key-value"}},
	}
	for _, m := range methods {
		t.Run(m.name, func(t *testing.T) {
			t.Parallel()
			var logs bytes.Buffer
			ctx := tflogtest.RootLogger(context.Background(), &logs)
			c := newTestClient(t, m.handler, m.adjust)

			_, err := c.CreateStreamConnection(ctx, testGroup, "ws", conn)
			if !HasErrorCode(err, "VALIDATION_ERROR") {
				t.Fatalf("err = %v, want VALIDATION_ERROR", err)
			}
			_, patchErr := c.UpdateStreamConnection(ctx, testGroup, "ws", "orders", ConnectionPatch{
				"authentication": conn.Settings["authentication"], "headers": conn.Settings["headers"], "schemaRegistryAuthentication": conn.Settings["schemaRegistryAuthentication"],
			})
			if !HasErrorCode(patchErr, "VALIDATION_ERROR") {
				t.Fatalf("patch err = %v, want VALIDATION_ERROR", patchErr)
			}

			for _, secret := range append(append([]string{}, cores...), m.credentials...) {
				if strings.Contains(logs.String(), secret) {
					t.Errorf("logs contain secret %q", secret)
				}
				if strings.Contains(err.Error(), secret) || strings.Contains(patchErr.Error(), secret) {
					t.Errorf("error contains secret %q", secret)
				}
			}
			if !strings.Contains(err.Error(), `"password":"***"`) {
				t.Errorf("error detail should still quote the request, masked: %v", err)
			}
			if strings.Contains(logs.String(), "Authorization") && strings.Contains(logs.String(), "Digest ") {
				t.Error("logs contain a digest Authorization header")
			}

			entries, decodeErr := tflogtest.MultilineJSONDecode(&logs)
			if decodeErr != nil {
				t.Fatal(decodeErr)
			}
			var sawRequestBody, sawResponse bool
			for _, e := range entries {
				switch e["@message"] {
				case "Atlas API request body":
					sawRequestBody = true
					body, _ := e["body"].(string)
					if !strings.Contains(body, `"password":"***"`) || !strings.Contains(body, `"X-Api-Key":"***"`) || !strings.Contains(body, `"username":"app"`) {
						t.Errorf("request body not masked by key as expected: %s", body)
					}
				case "Atlas API response":
					sawResponse = true
					if e["status"] != float64(400) || e["method"] == nil || e["path"] == nil || e["attempt"] != float64(1) {
						t.Errorf("response entry lacks call details: %v", e)
					}
				}
			}
			if !sawRequestBody || !sawResponse {
				t.Errorf("missing log entries (request body %v, response %v) in %d entries", sawRequestBody, sawResponse, len(entries))
			}
		})
	}
}
