package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// emulator is an atlasx-emulator process and what its banner said.
type emulator struct {
	cmd    *exec.Cmd
	done   chan struct{} // closed once the process is waited for
	url    string
	banner map[string]string // KEY=VALUE lines: credentials, project, workspace
	http   *http.Client
}

// startEmulator runs the emulator on a free loopback port and waits for its
// banner (KEY=VALUE lines ending with ATLASX_EMULATOR_COUNTS).
// extra are further emulator flags (the rate-limit scenario's token bucket).
func startEmulator(ctx context.Context, path string, latency time.Duration, extra ...string) (*emulator, error) {
	cmd := exec.Command(path, append([]string{"-addr", "127.0.0.1:0", "-latency", latency.String()}, extra...)...)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("starting %s: %w", path, err)
	}
	em := &emulator{cmd: cmd, done: make(chan struct{}), banner: map[string]string{}, http: &http.Client{Timeout: 10 * time.Second}}
	ready := make(chan error, 1)
	// One goroutine reads the banner, drains the rest of stdout, then waits
	// for the process (Wait must follow the last read of the pipe).
	go func() {
		scanner := bufio.NewScanner(stdout)
		seen := false
		for !seen && scanner.Scan() {
			if key, value, ok := strings.Cut(scanner.Text(), "="); ok && !strings.HasPrefix(key, "#") {
				em.banner[key] = value
				seen = key == "ATLASX_EMULATOR_COUNTS"
			}
		}
		if seen {
			ready <- nil
		} else {
			ready <- errors.New("the emulator exited before printing its banner")
		}
		_, _ = io.Copy(io.Discard, stdout)
		_ = cmd.Wait() // its exit status does not matter: stop ends it
		close(em.done)
	}()

	select {
	case err := <-ready:
		if err != nil {
			em.stop()
			return nil, err
		}
	case <-time.After(30 * time.Second):
		em.stop()
		return nil, errors.New("the emulator printed no banner within 30s")
	case <-ctx.Done():
		em.stop()
		return nil, ctx.Err()
	}
	em.url = em.banner["ATLASX_EMULATOR_URL"]
	if em.url == "" {
		em.stop()
		return nil, errors.New("the emulator's banner has no ATLASX_EMULATOR_URL")
	}
	return em, nil
}

func (e *emulator) pid() int { return e.cmd.Process.Pid }

// stop ends the emulator (SIGTERM, then SIGKILL after 5s) and waits for it.
func (e *emulator) stop() {
	_ = e.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-e.done:
	case <-time.After(5 * time.Second):
		_ = e.cmd.Process.Kill()
		<-e.done
	}
}

// counts is the part of GET /_emulator/counts the benchmark reads.
type counts struct {
	Requests     map[string]int `json:"requests"`
	Unauthorized int            `json:"unauthorized"`
	RateLimited  int            `json:"rateLimited"`
}

const countsPath = "/_emulator/counts"

func (e *emulator) resetCounts(ctx context.Context) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodDelete, e.url+countsPath, nil)
	if err != nil {
		return err
	}
	resp, err := e.http.Do(req)
	if err != nil {
		return err
	}
	resp.Body.Close()
	if resp.StatusCode/100 != 2 {
		return fmt.Errorf("DELETE %s: %s", countsPath, resp.Status)
	}
	return nil
}

func (e *emulator) counts(ctx context.Context) (counts, error) {
	var c counts
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, e.url+countsPath, nil)
	if err != nil {
		return c, err
	}
	resp, err := e.http.Do(req)
	if err != nil {
		return c, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return c, fmt.Errorf("GET %s: %s", countsPath, resp.Status)
	}
	return c, json.NewDecoder(resp.Body).Decode(&c)
}

// requestMix is one step's requests, split the way the goals are stated.
type requestMix struct {
	Get                 int // single reads: GET on one connection
	List                int // pages of a workspace's list: GET on the connections route
	Post, Patch, Delete int // on the connection routes
	Token               int // OAuth requests (service-account token fetches, revokes)
	Other               int // any other route (workspaces)
	// Unauthorized answers are not in Requests; Throttled ones (429) are:
	// a throttled request was still sent.
	Unauthorized, Throttled int
}

// api is every request sent to the Atlas API, OAuth aside: what the
// per-connection budgets count (token fetches are one per provider process,
// not per connection).
func (m requestMix) api() int { return m.Get + m.List + m.Post + m.Patch + m.Delete + m.Other }

const (
	connectionsRoute = "/api/atlas/v2/groups/{groupId}/streams/{tenantName}/connections"
	connectionRoute  = connectionsRoute + "/{connectionName}"
	tokenRoute       = "/api/oauth/token"
	revokeRoute      = "/api/oauth/revoke"
)

func (c counts) mix() requestMix {
	m := requestMix{Unauthorized: c.Unauthorized, Throttled: c.RateLimited}
	for key, n := range c.Requests {
		method, route, _ := strings.Cut(key, " ")
		switch {
		case route == tokenRoute || route == revokeRoute:
			m.Token += n
		case route == connectionRoute && method == http.MethodGet:
			m.Get += n
		case route == connectionsRoute && method == http.MethodGet:
			m.List += n
		case route == connectionsRoute && method == http.MethodPost:
			m.Post += n
		case route == connectionRoute && method == http.MethodPatch:
			m.Patch += n
		case route == connectionRoute && method == http.MethodDelete:
			m.Delete += n
		default:
			m.Other += n
		}
	}
	return m
}

// liveConnections lists the workspace's connections, as Atlas holds them
// now, with their states: what a destroy left behind. It authenticates with
// the banner's bearer token and waits out 429s (the rate-limit scenario).
func (e *emulator) liveConnections(ctx context.Context) (map[string]string, error) {
	url := fmt.Sprintf("%s/api/atlas/v2/groups/%s/streams/%s/connections?itemsPerPage=500",
		e.url, e.banner["ATLASX_PROJECT_ID"], e.banner["ATLASX_WORKSPACE_NAME"])
	for {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
		if err != nil {
			return nil, err
		}
		req.Header.Set("Authorization", "Bearer "+e.banner["MONGODB_ATLAS_ACCESS_TOKEN"])
		req.Header.Set("Accept", "application/vnd.atlas.2023-02-01+json")
		resp, err := e.http.Do(req)
		if err != nil {
			return nil, err
		}
		if resp.StatusCode == http.StatusTooManyRequests {
			resp.Body.Close()
			wait, _ := strconv.Atoi(resp.Header.Get("Retry-After"))
			select {
			case <-time.After(time.Duration(max(wait, 1)) * time.Second):
				continue
			case <-ctx.Done():
				return nil, ctx.Err()
			}
		}
		defer resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			return nil, fmt.Errorf("listing connections: %s", resp.Status)
		}
		var page struct {
			Results []struct {
				Name  string `json:"name"`
				State string `json:"state"`
			} `json:"results"`
			TotalCount int `json:"totalCount"`
		}
		if err := json.NewDecoder(resp.Body).Decode(&page); err != nil {
			return nil, err
		}
		if page.TotalCount > len(page.Results) {
			return nil, fmt.Errorf("listing connections: %d of %d on the first page", len(page.Results), page.TotalCount)
		}
		states := map[string]string{}
		for _, c := range page.Results {
			states[c.Name] = c.State
		}
		return states, nil
	}
}
