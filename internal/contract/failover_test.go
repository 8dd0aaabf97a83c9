package contract

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
)

const (
	failovers         = connection + "/failoverConnections"
	failover          = failovers + "/65f0a1b2c3d4e5f601234567"
	failoverVersioned = "application/vnd.atlas.2025-03-12+json"
	kafkaFailover     = `{"name":"orders","type":"Kafka","region":"DUBLIN_IRL","bootstrapServers":"b:9092","authentication":{"mechanism":"PLAIN","username":"u","password":"p"}}`
)

// exchangeAs is exchange with the request body's Content-Type named.
func exchangeAs(t *testing.T, d *Document, h http.Handler, method, target, contentType, body string) []Violation {
	t.Helper()
	var mu sync.Mutex
	var got []Violation
	mw := d.Middleware(h, func(v Violation) {
		mu.Lock()
		defer mu.Unlock()
		got = append(got, v)
	})
	req := httptest.NewRequest(method, target, strings.NewReader(body))
	if body != "" {
		req.Header.Set("Content-Type", contentType)
	}
	mw.ServeHTTP(httptest.NewRecorder(), req)
	return got
}

// The failover connection operations are held to the document like the
// others: their bodies in their own version's media type only (no plain
// JSON exception), the discriminator on every body, PATCH included.
func TestFailoverRequests(t *testing.T) {
	t.Parallel()
	d := document(t)
	ok := canned(http.StatusOK, failoverVersioned, `{"name":"orders","type":"Kafka"}`)
	tests := []struct {
		name, method, target, contentType, body string
		wantViolation                           string
	}{
		{"create kafka", http.MethodPost, failovers, failoverVersioned, kafkaFailover, ""},
		{"create cluster", http.MethodPost, failovers, failoverVersioned, `{"name":"orders","type":"Cluster","region":"DUBLIN_IRL","clusterName":"C"}`, ""},
		{"type without failovers", http.MethodPost, failovers, failoverVersioned, `{"name":"orders","type":"Https","region":"DUBLIN_IRL"}`, `discriminator property "type" has invalid value`},
		{"read-only id", http.MethodPost, failovers, failoverVersioned, `{"name":"orders","type":"Kafka","id":"x"}`, `readOnly property "id"`},
		{"plain JSON", http.MethodPost, failovers, "application/json", kafkaFailover, `Content-Type`},
		{"connection version", http.MethodPost, failovers, versioned, kafkaFailover, `Content-Type`},
		{"patch with type", http.MethodPatch, failover, failoverVersioned, `{"name":"orders","type":"Kafka","config":null}`, ""},
		{"patch without type", http.MethodPatch, failover, failoverVersioned, `{"name":"orders","bootstrapServers":"b:9092"}`, `discriminator property "type"`},
		{"list page too large", http.MethodGet, failovers + "?itemsPerPage=501", "", "", `parameter "itemsPerPage"`},
		{"workspace with failover regions", http.MethodPost, workspaces, versioned, `{"name":"w","dataProcessRegion":{"cloudProvider":"AWS","region":"VIRGINIA_USA"},"failoverRegions":[{"cloudProvider":"AWS","region":"DUBLIN_IRL"}]}`, ""},
		{"workspace with three failover regions", http.MethodPatch, workspaces + "/analytics", versioned, `{"failoverRegions":[{"cloudProvider":"AWS","region":"DUBLIN_IRL"},{"cloudProvider":"AWS","region":"OREGON_USA"},{"cloudProvider":"AWS","region":"LONDON_GBR"}]}`, `maximum number of items is 2`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			checkRequestViolation(t, exchangeAs(t, d, ok, tt.method, tt.target, tt.contentType, tt.body), tt.wantViolation)
		})
	}
}

func TestFailoverResponses(t *testing.T) {
	t.Parallel()
	d := document(t)
	const one = `{"id":"65f0a1b2c3d4e5f601234567","name":"orders","type":"Kafka","region":"DUBLIN_IRL","state":"PENDING","bootstrapServers":"b:9092","networking":{"access":{"type":"PUBLIC"}}}`
	tests := []struct {
		name, method, target string
		status               int
		contentType, body    string
		wantViolation        string
	}{
		{"get", http.MethodGet, failover, 200, failoverVersioned, one, ""},
		{"get in the connections' version", http.MethodGet, failover, 200, versioned, one, `Content-Type`},
		{"write-only returned", http.MethodGet, failover, 200, failoverVersioned, `{"name":"orders","type":"Kafka","authentication":{"password":"p"}}`, `writeOnly property "password"`},
		{"unknown state", http.MethodGet, failover, 200, failoverVersioned, `{"name":"orders","type":"Kafka","state":"MAYBE"}`, `value is not one of the allowed values`},
		{"list", http.MethodGet, failovers, 200, failoverVersioned, `{"results":[` + one + `],"totalCount":1,"links":[]}`, ""},
		{"enveloped list", http.MethodGet, failovers + "?envelope=true", 200, failoverVersioned, `{"status":200,"results":[],"totalCount":0}`, ""},
		{"created", http.MethodPost, failovers, 201, failoverVersioned, one, ""},
		{"created with 200", http.MethodPost, failovers, 200, failoverVersioned, one, `status 200 is not documented`},
		{"enveloped create", http.MethodPost, failovers + "?envelope=true", 201, failoverVersioned, `{"status":201,"content":` + one + `}`, ""},
		{"updated", http.MethodPatch, failover, 200, failoverVersioned, one, ""},
		{"deleted", http.MethodDelete, failover, 204, failoverVersioned, "", ""},
		{"deleted with 202", http.MethodDelete, failover, 202, failoverVersioned, "", `status 202 is not documented`},
		{"name rule", http.MethodPost, failovers, 500, "application/json", `{"error":500,"errorCode":"UNEXPECTED_ERROR","detail":"d","reason":"r","parameters":[]}`, ""},
		{"patch refused, undocumented 400", http.MethodPatch, failover, 400, "application/json", `{"error":400,"errorCode":"VALIDATION_ERROR","detail":"d","reason":"r","parameters":[]}`, ""},
		{"workspace with failover regions", http.MethodGet, workspaces + "/analytics", 200, versioned, `{"name":"analytics","dataProcessRegion":{"cloudProvider":"AWS","region":"VIRGINIA_USA"},"failoverRegions":[{"cloudProvider":"AWS","region":"DUBLIN_IRL"}]}`, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			requestBody := ""
			switch tt.method {
			case http.MethodPost:
				requestBody = kafkaFailover
			case http.MethodPatch:
				requestBody = `{"name":"orders","type":"Kafka"}`
			}
			got := exchangeAs(t, d, canned(tt.status, tt.contentType, tt.body), tt.method, tt.target, failoverVersioned, requestBody)
			switch {
			case tt.wantViolation == "" && len(got) > 0:
				t.Errorf("unexpected violation: %v", got)
			case tt.wantViolation != "" && (len(got) != 1 || got[0].Status != tt.status || !strings.Contains(got[0].Reason, tt.wantViolation)):
				t.Errorf("violations = %v, want one response violation containing %q", got, tt.wantViolation)
			}
		})
	}
}
