package main

import (
	"context"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/atlasx/terraform-provider-atlasx/internal/emulator"
	"github.com/atlasx/terraform-provider-atlasx/internal/repo"
)

// The seeded workspace's failover regions are stated once, in
// emulator.DefaultSeed; -h shows them as the default of -failover-regions.
func TestHelpNamesTheSeededFailoverRegions(t *testing.T) {
	t.Parallel()
	var help strings.Builder
	if _, err := parseFlags([]string{"-h"}, &help); err == nil {
		t.Fatal("-h parsed without ErrHelp")
	}
	want := `-failover-regions string`
	regions := `(default "` + strings.Join(emulator.DefaultSeed().FailoverRegions, ",") + `")`
	if !strings.Contains(help.String(), want) || !strings.Contains(help.String(), regions) {
		t.Errorf("-h does not show %s with %s:\n%s", want, regions, help.String())
	}
	if !strings.Contains(help.String(), "failovers, failover") {
		t.Errorf("-h does not name the failover routes for -fault-routes:\n%s", help.String())
	}
}

// The banner prints the regions the workspace holds: the flag's, less the
// workspace's own region; none when the flag is empty.
func TestBannerNamesTheWorkspacesFailoverRegions(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		args []string
		want string
	}{
		{nil, strings.Join(emulator.DefaultSeed().FailoverRegions, ",")},
		{[]string{"-failover-regions", "LONDON_GBR"}, "LONDON_GBR"},
		{[]string{"-failover-regions", ""}, ""},
		{[]string{"-region", "DUBLIN_IRL"}, "OREGON_USA"},
	} {
		cfg, err := parseFlags(tt.args, io.Discard)
		if err != nil {
			t.Fatal(err)
		}
		var banner strings.Builder
		printBanner(&banner, "http://127.0.0.1:1234", emulator.New(cfg.options...).Seed(cfg.seed))
		if got := value(banner.String(), "ATLASX_FAILOVER_REGIONS"); got != tt.want || !strings.Contains(banner.String(), "ATLASX_FAILOVER_REGIONS=") {
			t.Errorf("%q: ATLASX_FAILOVER_REGIONS=%q, want %q", tt.args, got, tt.want)
		}
	}
}

// The README's emulator section says the same as the code: the workspace's
// region and failover regions, their flag and banner variable, and the
// failover route names.
func TestReadmeNamesTheSeededFailoverRegions(t *testing.T) {
	t.Parallel()
	section, err := repo.ReadmeSection("Run the emulator for your own pipelines")
	if err != nil {
		t.Fatal(err)
	}
	d := emulator.DefaultSeed()
	wants := []string{"`-failover-regions", "`ATLASX_FAILOVER_REGIONS`", "`-fault-routes`", "`failovers`", "`failover`", "`" + d.Region + "`"}
	for _, region := range d.FailoverRegions {
		wants = append(wants, "`"+region+"`")
	}
	for _, want := range wants {
		if !strings.Contains(section, want) {
			t.Errorf("the README's emulator section does not mention %s", want)
		}
	}
}

// -fault-routes failovers,failover puts the faults on the failover
// connection routes (list and create; get, update and delete) and on
// nothing else.
func TestFaultRoutesNameTheFailoverRoutes(t *testing.T) {
	t.Parallel()
	cfg, err := parseFlags([]string{"-server-error-count", "2", "-server-error-statuses", "503", "-fault-routes", "failovers,failover"}, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	em := emulator.New(cfg.options...)
	seed := em.Seed(cfg.seed)
	em.Start()
	t.Cleanup(func() { _ = em.Close() })
	if err := em.PutConnection(seed.ProjectID, seed.Workspace, map[string]any{"name": "orders", "type": "Kafka", "bootstrapServers": "b1.example.com:9092"}); err != nil {
		t.Fatal(err)
	}
	connection := em.URL() + "/api/atlas/v2/groups/" + seed.ProjectID + "/streams/" + seed.Workspace + "/connections/orders"
	get := func(path string) int {
		req, _ := http.NewRequestWithContext(context.Background(), http.MethodGet, path, nil)
		req.Header.Set("Authorization", "Bearer "+seed.AccessToken)
		req.Header.Set("Accept", "application/vnd.atlas.2025-03-12+json")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	for _, step := range []struct {
		path string
		want int
	}{
		{connection, http.StatusOK}, // not in the fault scope
		{connection + "/failoverConnections", http.StatusServiceUnavailable},
		{connection + "/failoverConnections/65f0a1b2c3d4e5f601234567", http.StatusServiceUnavailable},
		{connection + "/failoverConnections", http.StatusOK}, // the count is used up
	} {
		if got := get(step.path); got != step.want {
			t.Errorf("GET %s: %d, want %d", step.path, got, step.want)
		}
	}
}
