package client

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"testing"
)

func TestRequestsCarryVersionAgentAndEscapedPaths(t *testing.T) {
	t.Parallel()
	srv := newScript(ok(sampleConnectionJSON))
	c := newTestClient(t, srv, func(cfg *Config) { cfg.UserAgent = "terraform-provider-atlasx/1.2.3 Terraform/1.12.6" })
	ctx := context.Background()
	base := "/api/atlas/v2/groups/" + testGroup + "/streams/"

	calls := []struct {
		name       string
		call       func() error
		wantMethod string
		wantURI    string
		wantBody   string
		// wantType is the body's Content-Type: plain JSON for connection
		// bodies, as Atlas's reference page sends them, the versioned type
		// the document declares for the rest.
		wantType string
	}{
		{"get", func() error { _, err := c.GetStreamConnection(ctx, testGroup, "my ws", "a/b?c#d"); return err },
			http.MethodGet, base + "my%20ws/connections/a%2Fb%3Fc%23d", "", ""},
		{"create", func() error {
			_, err := c.CreateStreamConnection(ctx, testGroup, "ws", &StreamConnection{Name: "orders", Type: TypeKafka, Settings: map[string]any{"bootstrapServers": "b:9092"}})
			return err
		}, http.MethodPost, base + "ws/connections", `{"name":"orders","type":"Kafka","bootstrapServers":"b:9092"}`, "application/json"},
		{"update clears with null", func() error {
			_, err := c.UpdateStreamConnection(ctx, testGroup, "ws", "orders", ConnectionPatch{"security": nil, "config": map[string]string{}, "bootstrapServers": "c:9092"})
			return err
		}, http.MethodPatch, base + "ws/connections/orders", `{"bootstrapServers":"c:9092","config":{},"security":null}`, "application/json"},
		{"update with nothing", func() error { _, err := c.UpdateStreamConnection(ctx, testGroup, "ws", "orders", nil); return err },
			http.MethodPatch, base + "ws/connections/orders", `{}`, "application/json"},
		{"delete", func() error { return c.DeleteStreamConnection(ctx, testGroup, "ws", "orders") },
			http.MethodDelete, base + "ws/connections/orders", "", ""},
		{"get workspace", func() error { _, err := c.GetStreamWorkspace(ctx, testGroup, "ws/1"); return err },
			http.MethodGet, base + "ws%2F1", "", ""},
		{"get workspace with its connections", func() error { _, err := c.GetStreamWorkspaceWithConnections(ctx, testGroup, "ws"); return err },
			http.MethodGet, base + "ws?includeConnections=true", "", ""},
		{"create workspace", func() error {
			_, err := c.CreateStreamWorkspace(ctx, testGroup, &StreamWorkspace{Name: "ws", DataProcessRegion: &DataProcessRegion{CloudProvider: "AWS", Region: "VIRGINIA_USA"}})
			return err
		}, http.MethodPost, "/api/atlas/v2/groups/" + testGroup + "/streams", `{"name":"ws","dataProcessRegion":{"cloudProvider":"AWS","region":"VIRGINIA_USA"}}`, "application/vnd.atlas.2023-02-01+json"},
		{"delete workspace", func() error { return c.DeleteStreamWorkspace(ctx, testGroup, "ws") },
			http.MethodDelete, base + "ws", "", ""},
	}
	for i, call := range calls {
		if err := call.call(); err != nil {
			t.Fatalf("%s: %v", call.name, err)
		}
		got := srv.request(i)
		if got.method != call.wantMethod || got.requestURI != call.wantURI {
			t.Errorf("%s: sent %s %s, want %s %s", call.name, got.method, got.requestURI, call.wantMethod, call.wantURI)
		}
		if got.body != call.wantBody {
			t.Errorf("%s: body %s, want %s", call.name, got.body, call.wantBody)
		}
		if a := got.header.Get("Accept"); a != "application/vnd.atlas.2025-02-19+json" {
			t.Errorf("%s: Accept %q", call.name, a)
		}
		if ua := got.header.Get("User-Agent"); ua != "terraform-provider-atlasx/1.2.3 Terraform/1.12.6" {
			t.Errorf("%s: User-Agent %q", call.name, ua)
		}
		if ct := got.header.Get("Content-Type"); ct != call.wantType {
			t.Errorf("%s: Content-Type %q, want %q", call.name, ct, call.wantType)
		}
	}
}

func TestGetDecodesEveryConnectionShape(t *testing.T) {
	t.Parallel()
	body := `{"name":"orders","type":"Kafka","id":"6650e7b5c0ffee0123456789","state":"PENDING","region":"VIRGINIA_USA",
		"bootstrapServers":"b1:9092,b2:9092","config":{"auto.offset.reset":"earliest"},
		"authentication":{"mechanism":"SCRAM-256","username":"app"},
		"security":{"protocol":"SASL_SSL"},"networking":{"access":{"type":"PUBLIC"}},
		"links":[{"href":"https://cloud.mongodb.com/x","rel":"self"}],"unknownFutureField":{"a":1}}`
	c := newTestClient(t, newScript(ok(body)))
	conn, err := c.GetStreamConnection(context.Background(), testGroup, "ws", "orders")
	if err != nil {
		t.Fatal(err)
	}
	setting := func(path ...string) any { v, _ := conn.Setting(path...); return v }
	if conn.Name != "orders" || conn.State != StatePending || setting("config", "auto.offset.reset") != "earliest" ||
		setting("authentication", "username") != "app" || setting("networking", "access", "type") != "PUBLIC" {
		t.Errorf("decoded %+v", conn)
	}
}

// pagedServer serves total connections, at most pageCap per page whatever
// the client asks, with or without totalCount and next links.
type pagedServer struct {
	total, pageCap int
	withCount      bool
	withNext       bool

	mu    sync.Mutex
	pages []string // the query of each request
}

func (s *pagedServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	s.pages = append(s.pages, r.URL.RawQuery)
	s.mu.Unlock()
	q := r.URL.Query()
	perPage, _ := strconv.Atoi(q.Get("itemsPerPage"))
	pageNum, _ := strconv.Atoi(q.Get("pageNum"))
	perPage = min(perPage, s.pageCap)
	page := Page[StreamConnection]{Results: []StreamConnection{}}
	for i := (pageNum - 1) * perPage; i < min(pageNum*perPage, s.total); i++ {
		page.Results = append(page.Results, StreamConnection{Name: fmt.Sprintf("c%04d", i), Type: TypeSample})
	}
	if s.withCount {
		page.TotalCount = &s.total
	}
	if s.withNext && pageNum*perPage < s.total {
		page.Links = []Link{{Rel: "next", Href: "http://x/?pageNum=" + strconv.Itoa(pageNum+1)}}
	}
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(page)
}

func (s *pagedServer) requests() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.pages)
}

func TestListFollowsPagination(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name      string
		server    *pagedServer
		wantPages int
	}{
		{"empty", &pagedServer{total: 0, pageCap: 500, withCount: true, withNext: true}, 1},
		{"one page", &pagedServer{total: 3, pageCap: 500, withCount: true, withNext: true}, 1},
		{"exactly one full page", &pagedServer{total: 500, pageCap: 500, withCount: true}, 1},
		{"three pages by totalCount", &pagedServer{total: 1203, pageCap: 500, withCount: true}, 3},
		{"server caps page size", &pagedServer{total: 250, pageCap: 100, withCount: true}, 3},
		{"next links without totalCount", &pagedServer{total: 1001, pageCap: 500, withNext: true}, 3},
		{"neither count nor links: full pages ask for more", &pagedServer{total: 1000, pageCap: 500}, 3},
		{"neither count nor links: a short page ends", &pagedServer{total: 20, pageCap: 500}, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c := newTestClient(t, tt.server)
			conns, err := c.ListStreamConnections(context.Background(), testGroup, "ws")
			if err != nil {
				t.Fatal(err)
			}
			if len(conns) != tt.server.total {
				t.Fatalf("got %d connections, want %d", len(conns), tt.server.total)
			}
			for i, conn := range conns {
				if conn.Name != fmt.Sprintf("c%04d", i) {
					t.Fatalf("connection %d is %q: pages out of order", i, conn.Name)
				}
			}
			if len(tt.server.pages) != tt.wantPages {
				t.Errorf("fetched %d pages (%v), want %d", len(tt.server.pages), tt.server.pages, tt.wantPages)
			}
			if !strings.Contains(tt.server.pages[0], "itemsPerPage=500") || !strings.Contains(tt.server.pages[0], "pageNum=1") {
				t.Errorf("first page query %q", tt.server.pages[0])
			}
		})
	}
}

func TestListWorkspaces(t *testing.T) {
	t.Parallel()
	srv := newScript(ok(`{"results":[{"name":"a","dataProcessRegion":{"cloudProvider":"AWS","region":"VIRGINIA_USA"}},{"name":"b"}],"totalCount":2,"links":[]}`))
	c := newTestClient(t, srv)
	got, err := c.ListStreamWorkspaces(context.Background(), testGroup)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].Name != "a" || got[0].DataProcessRegion.Region != "VIRGINIA_USA" {
		t.Errorf("got %+v", got)
	}
	if uri := srv.request(0).requestURI; !strings.HasPrefix(uri, "/api/atlas/v2/groups/"+testGroup+"/streams?") {
		t.Errorf("listed %s", uri)
	}
}

func TestStreamConnectionPages(t *testing.T) {
	t.Parallel()
	t.Run("yields each page as it arrives", func(t *testing.T) {
		t.Parallel()
		server := &pagedServer{total: 1203, pageCap: 500, withCount: true}
		c := newTestClient(t, server)
		var sizes []int
		for page, err := range c.StreamConnectionPages(context.Background(), testGroup, "ws") {
			if err != nil {
				t.Fatal(err)
			}
			// The page is handed over before the next one is asked for.
			if n := server.requests(); n != len(sizes)+1 {
				t.Fatalf("page %d came after %d requests", len(sizes)+1, n)
			}
			sizes = append(sizes, len(page))
		}
		if fmt.Sprint(sizes) != "[500 500 203]" {
			t.Errorf("page sizes %v, want [500 500 203]", sizes)
		}
	})
	t.Run("stopping early requests no further page", func(t *testing.T) {
		t.Parallel()
		server := &pagedServer{total: 1203, pageCap: 500, withCount: true}
		c := newTestClient(t, server)
		for _, err := range c.StreamConnectionPages(context.Background(), testGroup, "ws") {
			if err != nil {
				t.Fatal(err)
			}
			break
		}
		if n := server.requests(); n != 1 {
			t.Errorf("made %d requests, want 1", n)
		}
	})
	t.Run("an error ends the pages", func(t *testing.T) {
		t.Parallel()
		c := newTestClient(t, newScript(atlasError(http.StatusForbidden, "USER_CANNOT_ACCESS_ORGANIZATION_OR_GROUP", "no role")))
		var errs []error
		for page, err := range c.StreamConnectionPages(context.Background(), testGroup, "ws") {
			if page != nil {
				t.Errorf("got a page %v with the error", page)
			}
			errs = append(errs, err)
		}
		if len(errs) != 1 || !IsForbidden(errs[0]) || IsNotFound(errs[0]) {
			t.Errorf("errors %v, want one 403", errs)
		}
	})
}
