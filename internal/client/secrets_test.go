package client

import (
	"slices"
	"testing"
)

func TestMaskJSON(t *testing.T) {
	tests := []struct {
		name  string
		body  string
		known []string
		want  string
		ok    bool
	}{
		{"kafka secrets by key", `{"authentication":{"username":"u","password":"p","clientSecret":"c","sslKey":"k","sslKeyPassword":"kp","mechanism":"PLAIN"}}`, nil,
			`{"authentication":{"clientSecret":"***","mechanism":"PLAIN","password":"***","sslKey":"***","sslKeyPassword":"***","username":"u"}}`, true},
		{"every header value", `{"headers":{"Authorization":"Bearer x","X-Trace":"1"},"url":"https://h"}`, nil,
			`{"headers":{"Authorization":"***","X-Trace":"***"},"url":"https://h"}`, true},
		{"schema registry password", `{"schemaRegistryAuthentication":{"type":"USER_INFO","username":"u","password":"p"}}`, nil,
			`{"schemaRegistryAuthentication":{"password":"***","type":"USER_INFO","username":"u"}}`, true},
		{"token answer", `{"access_token":"t","token_type":"Bearer","expires_in":3600}`, nil,
			`{"access_token":"***","expires_in":3600,"token_type":"Bearer"}`, true},
		{"inside lists", `{"results":[{"password":"p"},{"name":"n"}]}`, nil,
			`{"results":[{"password":"***"},{"name":"n"}]}`, true},
		{"explicit clears stay visible", `{"authentication":null,"headers":{},"password":null}`, nil,
			`{"authentication":null,"headers":{},"password":null}`, true},
		{"known secrets quoted in prose", `{"detail":"bad value hunter2 in request"}`, []string{"hunter2"},
			`{"detail":"bad value *** in request"}`, true},
		{"not JSON", `<html>oops</html>`, nil, "", false},
		{"empty", ``, nil, "", false},
		{"two documents", `{} {}`, nil, "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := maskJSON([]byte(tt.body), tt.known)
			if got != tt.want || ok != tt.ok {
				t.Errorf("maskJSON = %s, %v; want %s, %v", got, ok, tt.want, tt.ok)
			}
		})
	}
}

func TestSecretValues(t *testing.T) {
	body := `{"name":"n","authentication":{"password":"p1","clientSecret":""},"headers":{"A":"h1"},"schemaRegistryAuthentication":{"password":"p2"}}`
	got := secretValues([]byte(body))
	slices.Sort(got)
	if want := []string{"h1", "p1", "p2"}; !slices.Equal(got, want) {
		t.Errorf("secretValues = %q, want %q", got, want)
	}
}

func TestRedact(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		secrets []string
		want    string
	}{
		{"plain", "password hunter2 rejected", []string{"hunter2"}, "password *** rejected"},
		{"JSON-escaped quote", `{"password":"a\"b"}`, []string{`a"b`}, `{"password":"***"}`},
		{"HTML-escaped by a Go server", `{"password":"\u003cx\u003e"}`, []string{"<x>"}, `{"password":"***"}`},
		{"longest first", "abcdef", []string{"abc", "abcdef"}, "***"},
		{"empty secrets ignored", "text", []string{""}, "text"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := redact(tt.in, tt.secrets); got != tt.want {
				t.Errorf("redact = %q, want %q", got, tt.want)
			}
		})
	}
}
