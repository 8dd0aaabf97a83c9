package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/atlasx/terraform-provider-atlasx/internal/acclive"
	"github.com/atlasx/terraform-provider-atlasx/internal/emulator"
)

// syncBuffer is a bytes.Buffer safe to write from run and read from the test.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// value finds KEY=value in the banner.
func value(banner, key string) string {
	for _, line := range strings.Split(banner, "\n") {
		if v, ok := strings.CutPrefix(line, key+"="); ok {
			return v
		}
	}
	return ""
}

func TestRunServesSeededEmulatorUntilCancelled(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithCancel(context.Background())
	var out syncBuffer
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"-workspace", "demo", "-server-error-count", "1", "-server-error-statuses", "502", "-fault-routes", "connections"}, &out, io.Discard)
	}()
	var url string
	for deadline := time.Now().Add(5 * time.Second); url == "" && time.Now().Before(deadline); time.Sleep(5 * time.Millisecond) {
		url = value(out.String(), "ATLASX_EMULATOR_URL")
	}
	if url == "" {
		t.Fatalf("no URL printed: %q", out.String())
	}
	banner := out.String()
	for key, want := range map[string]string{
		"MONGODB_ATLAS_BASE_URL":     url,
		"MONGODB_ATLAS_ACCESS_TOKEN": emulator.DefaultSeed().AccessToken,
		"ATLASX_WORKSPACE_NAME":      "demo",
		"ATLASX_PROJECT_ID":          emulator.DefaultSeed().ProjectID,
		"ATLASX_FAILOVER_REGIONS":    strings.Join(emulator.DefaultSeed().FailoverRegions, ","),
	} {
		if got := value(banner, key); got != want {
			t.Errorf("%s=%q, want %q", key, got, want)
		}
	}

	get := func() int {
		req, _ := http.NewRequest(http.MethodGet, url+"/api/atlas/v2/groups/"+value(banner, "ATLASX_PROJECT_ID")+"/streams/demo/connections", nil)
		req.Header.Set("Authorization", "Bearer "+value(banner, "MONGODB_ATLAS_ACCESS_TOKEN"))
		req.Header.Set("Accept", "application/vnd.atlas.2025-02-19+json")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	if first, second := get(), get(); first != http.StatusBadGateway || second != http.StatusOK {
		t.Errorf("statuses %d, %d; want the flagged 502 once, then 200", first, second)
	}

	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("run: %v", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("run did not return after cancel")
	}
}

func TestParseFlags(t *testing.T) {
	t.Parallel()
	tests := []struct {
		args    []string
		wantErr error
	}{
		{nil, nil},
		{[]string{"-rate-capacity", "5", "-rate-routes", "connections,token", "-rate-methods", "post", "-rate-without-headers"}, nil},
		{[]string{"-drop-rate", "0.1", "-lost-answer-count", "2", "-slow-count", "1", "-slow-delay", "1s", "-fault-methods", "POST,PATCH"}, nil},
		{[]string{"-pending-reads", "2", "-deleting-for", "1s", "-lifecycle-types", "Kafka,S3", "-fail-creates"}, nil},
		{[]string{"-pending-reads", "2", "-lifecycle-for", "both"}, nil},
		{[]string{"-lifecycle-for", "workspaces"}, errUsage},
		{[]string{"-h"}, flag.ErrHelp},
		{[]string{"-rate-capacity", "10", "-rate-refill-tokens", "5", "-rate-refill-every", "6s", "-rate-without-parameters", "-rate-refuse-ratelimits"}, nil},
		{[]string{"-rate-capacity", "10", "-rate-refill-every", "6s"}, errUsage},
		{[]string{"-rate-capacity", "10", "-rate-refill-tokens", "5", "-rate-refill-every", "1500ms"}, errUsage},
		{[]string{"-drop-rate", "1.5"}, errUsage},
		{[]string{"-slow-count", "-1"}, errUsage},
		{[]string{"-fault-routes", "clusters"}, errUsage},
		{[]string{"-fault-routes", "failovers,failover", "-rate-routes", "failover"}, nil},
		{[]string{"-failover-regions", ""}, nil},
		{[]string{"-failover-regions", "LONDON_GBR"}, nil},
		{[]string{"-failover-regions", "LONDON_GBR,DUBLIN_IRL,OREGON_USA"}, errUsage},
		{[]string{"-rate-routes", "nope"}, errUsage},
		{[]string{"-live-env", "-live-credentials", "api-key"}, nil},
		{[]string{"-live-env", "-live-credentials", "password"}, errUsage},
		{[]string{"-server-error-statuses", "404"}, errUsage},
		{[]string{"-latency", "soon"}, errUsage},
		{[]string{"extra"}, errUsage},
	}
	for _, tt := range tests {
		_, err := parseFlags(tt.args, io.Discard)
		if !errors.Is(err, tt.wantErr) || (tt.wantErr == nil && err != nil) {
			t.Errorf("parseFlags(%q) error = %v, want %v", tt.args, err, tt.wantErr)
		}
	}
}

// With -live-env the emulator prints the live suite's environment: shell
// exports of the base URL, one credential and the project, and a value for
// every prerequisite the suite knows, so no live test skips against it.
func TestLiveEnvExportsEveryPrerequisite(t *testing.T) {
	t.Parallel()
	for _, kind := range []struct {
		flag string
		want []string
	}{
		{"service-account", []string{"MONGODB_ATLAS_CLIENT_ID", "MONGODB_ATLAS_CLIENT_SECRET"}},
		{"api-key", []string{"MONGODB_ATLAS_PUBLIC_API_KEY", "MONGODB_ATLAS_PRIVATE_API_KEY"}},
		{"access-token", []string{"MONGODB_ATLAS_ACCESS_TOKEN"}},
	} {
		var out strings.Builder
		printLiveExports(&out, "http://127.0.0.1:1234", emulator.DefaultSeed(), kind.flag)
		exports := map[string]string{}
		for _, line := range strings.Split(strings.TrimSpace(out.String()), "\n")[1:] {
			name, quoted, ok := strings.Cut(strings.TrimPrefix(line, "export "), "=")
			value, unquoted := strings.CutPrefix(quoted, "'")
			if !ok || !unquoted || !strings.HasSuffix(value, "'") || !strings.HasPrefix(line, "export ") {
				t.Fatalf("%s: line %q is not export NAME='value'", kind.flag, line)
			}
			exports[name] = strings.TrimSuffix(value, "'")
		}
		wantNames := append([]string{"MONGODB_ATLAS_BASE_URL", acclive.EnvProjectID}, kind.want...)
		wantNames = append(wantNames, acclive.Prerequisites...)
		for _, name := range wantNames {
			if exports[name] == "" {
				t.Errorf("%s: no value exported for %s", kind.flag, name)
			}
		}
		if len(exports) != len(wantNames) {
			t.Errorf("%s: exported %v, want exactly %v (one kind of credential; no workspace, so the run makes its own)", kind.flag, exports, wantNames)
		}
	}
	if got := shellQuote(`it's`); got != `'it'\''s'` {
		t.Errorf("shellQuote = %s", got)
	}
}
