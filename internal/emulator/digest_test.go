package emulator

import (
	"maps"
	"testing"
)

func TestParseDigestParams(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   string
		want map[string]string
	}{
		{`username="pub", realm="MMS Public API", nonce="n1", uri="/a?b=c,d", response="r", qop=auth, nc=00000001, cnonce="c"`,
			map[string]string{"username": "pub", "realm": "MMS Public API", "nonce": "n1", "uri": "/a?b=c,d", "response": "r", "qop": "auth", "nc": "00000001", "cnonce": "c"}},
		{`Username="a\"b",ALGORITHM=MD5`, map[string]string{"username": `a"b`, "algorithm": "MD5"}},
		{`  `, map[string]string{}},
		{`novalue`, map[string]string{}},
		{`key="unterminated`, map[string]string{"key": "unterminated"}},
	}
	for _, tt := range tests {
		if got := parseDigestParams(tt.in); !maps.Equal(got, tt.want) {
			t.Errorf("parseDigestParams(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func FuzzParseDigestParams(f *testing.F) {
	f.Add(`username="pub", realm="MMS Public API", nonce="n", uri="/", response="r", qop=auth, nc=00000001, cnonce="c"`)
	f.Add(`a="\`)
	f.Add(`=,=,"`)
	f.Fuzz(func(t *testing.T, s string) {
		parseDigestParams(s)
	})
}

func TestMatchRoute(t *testing.T) {
	t.Parallel()
	const g = "/api/atlas/v2/groups/32b6e34b3d91647abb20e7b8/streams"
	tests := []struct {
		path string
		want route
		ok   bool
	}{
		{g, route{template: RouteWorkspaces, groupID: "32b6e34b3d91647abb20e7b8"}, true},
		{g + "/ws", route{template: RouteWorkspace, groupID: "32b6e34b3d91647abb20e7b8", workspace: "ws"}, true},
		{g + "/ws/connections", route{template: RouteConnections, groupID: "32b6e34b3d91647abb20e7b8", workspace: "ws"}, true},
		{g + "/w%2Fs/connections/a%20b", route{template: RouteConnection, groupID: "32b6e34b3d91647abb20e7b8", workspace: "w/s", connection: "a b"}, true},
		{g + "/ws/connections/", route{}, false},
		{g + "/ws/processors", route{}, false},
		{g + "/ws/connections/c/x", route{}, false},
		{"/api/atlas/v2/groups/g/clusters", route{}, false},
		{"/api/atlas/v2/groups/g", route{}, false},
		{g + "/%zz", route{}, false},
	}
	for _, tt := range tests {
		got, ok := matchRoute(tt.path)
		if got != tt.want || ok != tt.ok {
			t.Errorf("matchRoute(%q) = %+v, %v; want %+v, %v", tt.path, got, ok, tt.want, tt.ok)
		}
	}
}

func TestValidHostPorts(t *testing.T) {
	t.Parallel()
	for s, want := range map[string]bool{
		"b:9092":                true,
		"b1:9092, b2:9093":      true,
		"[2001:db8::1]:9092":    true,
		"b":                     false,
		"b:0":                   false,
		"b:65536":               false,
		":9092":                 false,
		"b:9092,":               false,
		"b c:9092":              false,
		"http://b:9092":         false,
		"b1.example.com:port":   false,
		"b1:9092,b2.example:1x": false,
	} {
		if got := validHostPorts(s); got != want {
			t.Errorf("validHostPorts(%q) = %v, want %v", s, got, want)
		}
	}
}
