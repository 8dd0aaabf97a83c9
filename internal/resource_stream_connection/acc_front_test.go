package resource_stream_connection_test

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/atlasx/terraform-provider-atlasx/internal/acctest"
	"github.com/atlasx/terraform-provider-atlasx/internal/contract"
)

// front stands between the provider and a test's emulator, so the test can
// make Atlas answer what the emulator never would: an error that echoes the
// request, a corrupt body, a token revoked in the middle of an apply. The
// emulator stays behind the OpenAPI contract check; what front sends in its
// place is outside the contract on purpose.
type front struct {
	next http.Handler

	mu      sync.Mutex
	tamper  *tamper
	struck  int             // answers replaced since the start
	bearers map[string]bool // every bearer token the provider sent
}

// tamper replaces the answers to the requests it matches.
type tamper struct {
	match func(*http.Request) bool
	times int // answers to replace; 0 means every one until disarmed
	// answer is sent instead of the emulator's; forward lets the request
	// reach the emulator (to be applied, or to corrupt its real answer).
	answer func(r *http.Request, body []byte, forward func() *httptest.ResponseRecorder) answer
}

type answer struct {
	status      int
	contentType string
	body        string
}

// newFront serves env's emulator through a front and points env's provider
// block at it.
func newFront(t *testing.T, env *acctest.Env) *front {
	t.Helper()
	f := &front{next: contract.Check(t, env.Emulator), bearers: map[string]bool{}}
	server := httptest.NewServer(f)
	t.Cleanup(server.Close)
	env.URL = server.URL
	return f
}

func (f *front) arm(t tamper) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.tamper = &t
}

func (f *front) disarm() {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.tamper = nil
}

// strikes counts the answers replaced so far, so a test can show its
// tampering happened rather than pass for want of it.
func (f *front) strikes() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.struck
}

func (f *front) bearerTokens() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	tokens := make([]string, 0, len(f.bearers))
	for token := range f.bearers {
		tokens = append(tokens, token)
	}
	return tokens
}

// take returns the armed tamper if it matches r, using up one of its times.
func (f *front) take(r *http.Request) *tamper {
	f.mu.Lock()
	defer f.mu.Unlock()
	if token, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer "); ok {
		f.bearers[token] = true
	}
	t := f.tamper
	// A request without credentials only fetches a digest challenge: it is
	// not the call a test means to answer.
	if t == nil || r.Header.Get("Authorization") == "" || !t.match(r) {
		return nil
	}
	f.struck++
	if t.times > 0 {
		if t.times--; t.times == 0 {
			f.tamper = nil
		}
	}
	return t
}

func (f *front) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(r.Body)
	if err != nil {
		return
	}
	r.Body = io.NopCloser(bytes.NewReader(body))
	t := f.take(r)
	if t == nil {
		f.next.ServeHTTP(w, r)
		return
	}
	forward := func() *httptest.ResponseRecorder {
		rec := httptest.NewRecorder()
		f.next.ServeHTTP(rec, r)
		return rec
	}
	a := t.answer(r, body, forward)
	if a.contentType != "" {
		w.Header().Set("Content-Type", a.contentType)
	}
	w.WriteHeader(a.status)
	_, _ = io.WriteString(w, a.body)
}

// callTo matches requests with method to the connection named name.
func callTo(method, name string) func(*http.Request) bool {
	return func(r *http.Request) bool {
		return r.Method == method && strings.HasSuffix(r.URL.Path, "/connections/"+name)
	}
}

// readOf matches every read that can show the connection named name: its
// GET, and the list of its workspace that reads share.
func readOf(name string) func(*http.Request) bool {
	return func(r *http.Request) bool {
		return callTo(http.MethodGet, name)(r) || (r.Method == http.MethodGet && strings.HasSuffix(r.URL.Path, "/connections"))
	}
}

// createCall matches every create.
func createCall(r *http.Request) bool {
	return r.Method == http.MethodPost && strings.HasSuffix(r.URL.Path, "/connections")
}

// corrupt lets the request through and sends its real answer changed by change.
func corrupt(change func(status int, body []byte) answer) func(*http.Request, []byte, func() *httptest.ResponseRecorder) answer {
	return func(_ *http.Request, _ []byte, forward func() *httptest.ResponseRecorder) answer {
		rec := forward()
		return change(rec.Code, rec.Body.Bytes())
	}
}

// withField is a JSON answer with one top-level field set, or removed when
// value is nil.
func withField(field string, value any) func(int, []byte) answer {
	return func(status int, body []byte) answer {
		var doc map[string]any
		if err := json.Unmarshal(body, &doc); err != nil {
			return answer{status: http.StatusInternalServerError, body: "front: " + err.Error()}
		}
		if value == nil {
			delete(doc, field)
		} else {
			doc[field] = value
		}
		out, _ := json.Marshal(doc)
		return answer{status: status, contentType: "application/json", body: string(out)}
	}
}

// stateResources reads the resources of the state in a TestCase's
// WorkingDir, to show that a failed step left them as they were.
func stateResources(t *testing.T, workingDir string) string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(workingDir, "*", "terraform.tfstate"))
	if err != nil || len(files) != 1 {
		t.Fatalf("want one state file under %s, found %v (%v)", workingDir, files, err)
	}
	raw, err := os.ReadFile(files[0])
	if err != nil {
		t.Fatal(err)
	}
	var state struct {
		Resources json.RawMessage `json:"resources"`
	}
	if err := json.Unmarshal(raw, &state); err != nil {
		t.Fatalf("state file %s: %v", files[0], err)
	}
	return string(state.Resources)
}
