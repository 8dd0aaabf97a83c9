package emulator_test

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sync"
	"testing"
	"time"

	"github.com/mongodb-forks/digest"

	"github.com/atlasx/terraform-provider-atlasx/internal/contract"
	"github.com/atlasx/terraform-provider-atlasx/internal/emulator"
)

const (
	acceptHeader  = "application/vnd.atlas.2025-02-19+json"
	versionedType = "application/vnd.atlas.2023-02-01+json"
)

// harness is one seeded emulator behind the contract check and a real
// server, with clients for each kind of credential.
type harness struct {
	t      *testing.T
	em     *emulator.Emulator
	url    string
	seed   emulator.Seed
	digest *http.Client
	plain  *http.Client
	// transport is the harness's own, under both clients.
	transport *http.Transport
}

func newHarness(t *testing.T, opts ...emulator.Option) *harness {
	return newHarnessChecked(t, nil, opts...)
}

// newHarnessChecked takes contract options, for tests that send requests
// the document forbids on purpose.
func newHarnessChecked(t *testing.T, checks []contract.Option, opts ...emulator.Option) *harness {
	t.Helper()
	em := emulator.New(opts...)
	seed := em.Seed(emulator.Seed{})
	srv := httptest.NewServer(contract.Check(t, em, checks...))
	t.Cleanup(srv.Close)
	// A transport of the harness's own: httptest.Server.Close closes the idle
	// connections of http.DefaultTransport, which would break a request that
	// a parallel test is sending on one of them.
	transport := http.DefaultTransport.(*http.Transport).Clone()
	t.Cleanup(transport.CloseIdleConnections)
	withDigest := digest.NewTransport(seed.PublicKey, seed.PrivateKey)
	withDigest.Transport = transport
	return &harness{
		t:      t,
		em:     em,
		url:    srv.URL,
		seed:   seed,
		digest: &http.Client{Transport: withDigest, Timeout: 5 * time.Second},
		plain:  &http.Client{Transport: transport, Timeout: 5 * time.Second},

		transport: transport,
	}
}

// fakeClock is a clock a test moves by hand, so time-based knobs are checked
// without sleeping and without racing a busy machine.
type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func newFakeClock() *fakeClock {
	return &fakeClock{t: time.Date(2026, time.January, 1, 0, 0, 0, 0, time.UTC)}
}

func (c *fakeClock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *fakeClock) advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

func (h *harness) workspaces() string {
	return "/api/atlas/v2/groups/" + h.seed.ProjectID + "/streams"
}

func (h *harness) connections() string {
	return h.workspaces() + "/" + h.seed.Workspace + "/connections"
}

func (h *harness) connection(name string) string {
	return h.connections() + "/" + url.PathEscape(name)
}

type response struct {
	status int
	header http.Header
	body   []byte
}

// object decodes the body as a JSON object.
func (r response) object(t *testing.T) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(r.body, &m); err != nil {
		t.Fatalf("body %q: %v", r.body, err)
	}
	return m
}

// errorCode is the errorCode of an Atlas error body.
func (r response) errorCode(t *testing.T) string {
	t.Helper()
	code, _ := r.object(t)["errorCode"].(string)
	return code
}

// request is what a test may change about one request.
type request struct {
	header http.Header
	client *http.Client
}

type requestOption func(*request)

// withBearer authenticates with a bearer token instead of the API key.
func withBearer(token string) requestOption {
	return func(r *request) {
		r.header.Set("Authorization", "Bearer "+token)
		r.client = nil
	}
}

// withClient sends through client (its transport authenticates).
func withClient(c *http.Client) requestOption { return func(r *request) { r.client = c } }

func withHeader(key, value string) requestOption {
	return func(r *request) { r.header.Set(key, value) }
}

// do sends a request, by default with digest auth and a versioned Accept
// header; body is sent as is when a string, as JSON otherwise.
func (h *harness) do(method, path string, body any, opts ...requestOption) response {
	h.t.Helper()
	resp, err := h.try(method, path, body, opts...)
	if err != nil {
		h.t.Fatalf("%s %s: %v", method, path, err)
	}
	return resp
}

// try is do for requests that may fail at the transport.
func (h *harness) try(method, path string, body any, opts ...requestOption) (response, error) {
	h.t.Helper()
	r := request{header: http.Header{"Accept": {acceptHeader}}, client: h.digest}
	for _, opt := range opts {
		opt(&r)
	}
	client := r.client
	if client == nil {
		client = h.plain
	}
	var data []byte
	switch b := body.(type) {
	case nil:
	case string:
		data = []byte(b)
	default:
		var err error
		if data, err = json.Marshal(b); err != nil {
			h.t.Fatal(err)
		}
	}
	req, err := http.NewRequest(method, h.url+path, bytes.NewReader(data))
	if err != nil {
		h.t.Fatal(err)
	}
	if body != nil {
		req.Header.Set("Content-Type", versionedType)
	}
	for k, v := range r.header {
		req.Header[k] = v
	}
	resp, err := client.Do(req)
	if err != nil {
		return response{}, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	return response{status: resp.StatusCode, header: resp.Header, body: b}, err
}

// create makes a connection over the API and fails the test unless it is
// accepted.
func (h *harness) create(body map[string]any) map[string]any {
	h.t.Helper()
	resp := h.do(http.MethodPost, h.connections(), body)
	if resp.status != http.StatusOK {
		h.t.Fatalf("create: %d %s", resp.status, resp.body)
	}
	return resp.object(h.t)
}

// Valid connection bodies of every type, write-only fields included.
func validConnections() map[string]map[string]any {
	return map[string]map[string]any{
		"Sample":  {"name": "sample_stream_solar", "type": "Sample"},
		"Cluster": {"name": "cluster", "type": "Cluster", "clusterName": "Cluster0", "dbRoleToExecute": map[string]any{"role": "atlasAdmin", "type": "BUILT_IN"}},
		"Kafka": {"name": "kafka", "type": "Kafka", "bootstrapServers": "b1.example.com:9092,b2.example.com:9092",
			"config":         map[string]any{"auto.offset.reset": "earliest"},
			"authentication": map[string]any{"mechanism": "SCRAM-256", "username": "app", "password": "secret", "sslKey": "key", "sslKeyPassword": "keypass"},
			"security":       map[string]any{"protocol": "SASL_SSL"}},
		"Https":     {"name": "https", "type": "Https", "url": "https://hooks.example.com/in", "headers": map[string]any{"Authorization": "Bearer x"}},
		"AWSLambda": {"name": "lambda", "type": "AWSLambda", "aws": map[string]any{"roleArn": "arn:aws:iam::123456789012:role/r"}},
		"S3":        {"name": "s3", "type": "S3", "aws": map[string]any{"roleArn": "arn:aws:iam::123456789012:role/r", "testBucket": "b"}},
		"AWSKinesisDataStreams": {"name": "kinesis", "type": "AWSKinesisDataStreams", "aws": map[string]any{"roleArn": "arn:aws:iam::123456789012:role/r"},
			"networking": map[string]any{"access": map[string]any{"type": "PUBLIC"}}},
		"SchemaRegistry": {"name": "registry", "type": "SchemaRegistry", "provider": "CONFLUENT", "schemaRegistryUrls": []any{"https://r1.example.com", "https://r2.example.com"},
			"schemaRegistryAuthentication": map[string]any{"type": "USER_INFO", "username": "u", "password": "p"}},
		"AzureBlobStorage": {"name": "azure", "type": "AzureBlobStorage", "azure": map[string]any{"servicePrincipalId": "sp", "storageAccountName": "acct"},
			"publicPrivateNetworking": map[string]any{"access": map[string]any{"type": "PRIVATE_LINK", "connectionId": "0123456789abcdef01234567"}}},
		"GCPPubSub": {"name": "gcp", "type": "GCPPubSub", "gcp": map[string]any{"serviceAccountId": "sa@p.iam.gserviceaccount.com"}},
	}
}

func kafka() map[string]any { return validConnections()["Kafka"] }

func httpsConnection() map[string]any { return validConnections()["Https"] }
