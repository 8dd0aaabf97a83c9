package client

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-log/tflogtest"
)

// fakeClock moves only when told, so pacing is tested without sleeping.
type fakeClock struct {
	mu      sync.Mutex
	now     time.Time
	waiters []fakeTimer
}

type fakeTimer struct {
	at time.Time
	ch chan time.Time
}

func newFakeClock() *fakeClock { return &fakeClock{now: time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC)} }

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) After(d time.Duration) <-chan time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	ch := make(chan time.Time, 1)
	c.waiters = append(c.waiters, fakeTimer{at: c.now.Add(d), ch: ch})
	return ch
}

func (c *fakeClock) advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
	kept := c.waiters[:0]
	for _, w := range c.waiters {
		if w.at.After(c.now) {
			kept = append(kept, w)
			continue
		}
		w.ch <- c.now
	}
	c.waiters = kept
}

// acquired is the outcome of one acquire run in the background.
type acquired struct {
	pass *pass
	err  error
}

func acquireAsync(ctx context.Context, p *pacer) <-chan acquired {
	out := make(chan acquired, 1)
	go func() {
		ps, err := p.acquire(ctx, nil)
		out <- acquired{ps, err}
	}()
	return out
}

// granted collects the acquires that got through within a moment of real
// time (the fake clock does not move meanwhile).
func granted(t *testing.T, waiting []<-chan acquired) (passes []*pass, still []<-chan acquired) {
	t.Helper()
	time.Sleep(100 * time.Millisecond)
	for _, ch := range waiting {
		select {
		case a := <-ch:
			if a.err != nil {
				t.Fatalf("acquire: %v", a.err)
			}
			passes = append(passes, a.pass)
		default:
			still = append(still, ch)
		}
	}
	return passes, still
}

func throttledAnswer(retryAfterSeconds int) answer {
	return answer{status: http.StatusTooManyRequests, header: http.Header{"Retry-After": {strconv.Itoa(retryAfterSeconds)}}}
}

func okAnswer(limit, remaining int) answer {
	h := http.Header{}
	if limit > 0 {
		h.Set("RateLimit-Limit", strconv.Itoa(limit))
		h.Set("RateLimit-Remaining", strconv.Itoa(remaining))
	}
	return answer{status: http.StatusOK, header: h}
}

func mustAcquire(t *testing.T, p *pacer) *pass {
	t.Helper()
	ps, err := p.acquire(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	return ps
}

func startWaiters(p *pacer, n int) []<-chan acquired {
	var out []<-chan acquired
	for range n {
		out = append(out, acquireAsync(context.Background(), p))
	}
	return out
}

// A 429 to one request holds back every other request to the bucket until
// Retry-After has passed; then one probe goes alone, and the rest follow
// only once it is answered.
func TestPacerPausesTheBucketThenProbes(t *testing.T) {
	t.Parallel()
	clock := newFakeClock()
	p := newPacer(clock)
	first := mustAcquire(t, p)
	p.done(first, throttledAnswer(2), time.Millisecond, time.Millisecond)

	waiting := startWaiters(p, 5)
	if got, _ := granted(t, waiting); len(got) != 0 {
		t.Fatalf("%d requests went during the pause", len(got))
	}
	clock.advance(1999 * time.Millisecond)
	if got, _ := granted(t, waiting); len(got) != 0 {
		t.Fatalf("%d requests went before Retry-After had passed", len(got))
	}
	clock.advance(time.Millisecond)
	probes, waiting := granted(t, waiting)
	if len(probes) != 1 || !probes[0].probe {
		t.Fatalf("after the pause %d requests went, want one probe", len(probes))
	}
	p.done(probes[0], okAnswer(20, 5), time.Millisecond, time.Millisecond)
	if rest, _ := granted(t, waiting); len(rest) != 4 {
		t.Errorf("after the probe's answer (5 tokens left) %d of 4 went", len(rest))
	}
}

// Once the refill rate is known, requests leave at that rate after a pause
// instead of all at once.
func TestPacerReleasesAtTheLearnedRefillRate(t *testing.T) {
	t.Parallel()
	clock := newFakeClock()
	p := newPacer(clock)
	// The bucket is empty at two 429s a second apart, with three successes
	// between: less the token the two ends may differ by, it refills two
	// tokens a second.
	p.done(mustAcquire(t, p), throttledAnswer(1), time.Millisecond, time.Millisecond)
	clock.advance(time.Second)
	for range 3 {
		p.done(mustAcquire(t, p), okAnswer(0, 0), time.Millisecond, time.Millisecond)
	}
	_, pause := p.done(mustAcquire(t, p), throttledAnswer(1), time.Millisecond, time.Millisecond)
	if !pause {
		t.Fatal("the 429 set no pause")
	}
	p.mu.Lock()
	rate := p.rate
	p.mu.Unlock()
	if rate != 2 {
		t.Fatalf("learned %v tokens a second, want 2", rate)
	}

	waiting := startWaiters(p, 6)
	clock.advance(time.Second) // the pause ends with two tokens refilled
	probes, waiting := granted(t, waiting)
	if len(probes) != 1 {
		t.Fatalf("%d went when the pause ended, want the probe alone", len(probes))
	}
	p.done(probes[0], okAnswer(0, 0), time.Millisecond, time.Millisecond)
	next, waiting := granted(t, waiting)
	if len(next) != 1 {
		t.Fatalf("%d went after the probe, want the one token left", len(next))
	}
	for step := range 3 {
		clock.advance(250 * time.Millisecond)
		if early, _ := granted(t, waiting[:1]); len(early) != 0 {
			t.Fatalf("step %d: a request went half a token early", step)
		}
		clock.advance(250 * time.Millisecond)
		var got []*pass
		got, waiting = granted(t, waiting)
		if len(got) != 1 {
			t.Fatalf("step %d: %d went after half a second, want 1 (2 tokens a second)", step, len(got))
		}
	}
}

// RateLimit-Remaining paces before the bucket is empty: with two tokens
// left, two of five parallel requests go and the others wait.
func TestPacerSpreadsTheRemainingTokens(t *testing.T) {
	t.Parallel()
	p := newPacer(newFakeClock())
	p.done(mustAcquire(t, p), okAnswer(20, 2), time.Millisecond, time.Millisecond)
	got, still := granted(t, startWaiters(p, 5))
	if len(got) != 2 {
		t.Fatalf("%d of 5 went with 2 tokens left, want 2", len(got))
	}
	// An answer that shows the bucket refilled lets the others go.
	p.done(got[1], okAnswer(20, 10), time.Millisecond, time.Millisecond)
	if rest, _ := granted(t, still); len(rest) != 3 {
		t.Errorf("%d of 3 went once 10 tokens were reported", len(rest))
	}
}

// Before any answer nothing is known of the bucket: one request goes, and
// its answer tells the others how many of them may follow.
func TestPacerLearnsTheBucketFromTheFirstAnswer(t *testing.T) {
	t.Parallel()
	p := newPacer(newFakeClock())
	first, waiting := granted(t, startWaiters(p, 6))
	if len(first) != 1 {
		t.Fatalf("%d of 6 went before any answer, want 1", len(first))
	}
	p.done(first[0], okAnswer(4, 3), time.Millisecond, time.Millisecond)
	if next, _ := granted(t, waiting); len(next) != 3 {
		t.Errorf("%d of 5 went with 3 tokens left, want 3", len(next))
	}
}

// Without RateLimit headers the pacer knows nothing and holds nothing back.
func TestPacerIsFreeUntilAtlasSaysOtherwise(t *testing.T) {
	t.Parallel()
	p := newPacer(newFakeClock())
	for range 50 {
		p.done(mustAcquire(t, p), okAnswer(0, 0), time.Millisecond, time.Millisecond)
	}
	if got, _ := granted(t, startWaiters(p, 10)); len(got) != 10 {
		t.Errorf("%d of 10 went, want all", len(got))
	}
}

// A pause that outlasts the caller's deadline ends the wait at once.
func TestPacerGivesUpAtOnceWhenTheDeadlineComesFirst(t *testing.T) {
	t.Parallel()
	p := newPacer(newFakeClock())
	p.done(mustAcquire(t, p), throttledAnswer(30), time.Millisecond, time.Millisecond)
	// Real time: the fake clock does not move, so only an early end returns.
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	start := time.Now()
	if _, err := p.acquire(ctx, nil); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("err = %v, want DeadlineExceeded", err)
	}
	if waited := time.Since(start); waited > time.Second {
		t.Errorf("waited %s for a deadline the pause outlasts", waited)
	}
}

// Clients of the same Atlas and credentials share a bucket's pacer; another
// project, another base URL or other credentials have their own.
func TestPacersAreSharedPerBucket(t *testing.T) {
	t.Parallel()
	registry := newPacerRegistry(newFakeClock())
	build := func(baseURL, publicKey string) *Client {
		c, err := New(Config{BaseURL: baseURL, PublicKey: publicKey, PrivateKey: "private-SECRET"})
		if err != nil {
			t.Fatal(err)
		}
		c.pacers = registry
		return c
	}
	inProject := func(project string) *apiRequest {
		return &apiRequest{path: apiPath("groups", project, "streams", "ws")}
	}
	a, b := build("https://cloud.mongodb.com", "key"), build("https://cloud.mongodb.com/", "key")
	if a.pacedFor(inProject(testGroup)).pacer != b.pacedFor(inProject(testGroup)).pacer {
		t.Error("two clients of the same Atlas and key have different pacers for one project")
	}
	others := map[string]*paced{
		"another project":     a.pacedFor(inProject("aaaaaaaaaaaaaaaaaaaaaaaa")),
		"outside any project": a.pacedFor(&apiRequest{path: apiPath("orgs")}),
		"another key":         build("https://cloud.mongodb.com", "other").pacedFor(inProject(testGroup)),
		"another Atlas":       build("https://cloud.mongodbgov.com", "key").pacedFor(inProject(testGroup)),
	}
	for name, pc := range others {
		if pc.pacer == a.pacedFor(inProject(testGroup)).pacer {
			t.Errorf("%s shares the pacer", name)
		}
		if strings.Contains(pc.key.principal, "key") || strings.Contains(pc.key.principal, "SECRET") {
			t.Errorf("%s: the bucket key holds a credential: %q", name, pc.key.principal)
		}
	}
}

// The DEBUG log says that a request waits, how long and why, and names no
// secret.
func TestPacingIsLogged(t *testing.T) {
	t.Parallel()
	srv := newScript(
		reply{status: 429, header: map[string]string{"Retry-After": "1"}, body: `{"error":429,"errorCode":"RATE_LIMITED_TOKEN_BUCKET","detail":"slow down"}`},
		ok(sampleConnectionJSON),
	)
	c := newTestClient(t, srv, func(cfg *Config) { cfg.AccessToken = "SECRETtoken" })
	var logs bytes.Buffer
	ctx := tflogtest.RootLogger(context.Background(), &logs)
	if _, err := c.GetStreamConnection(ctx, testGroup, "ws", "s"); err != nil {
		t.Fatal(err)
	}
	entries, err := tflogtest.MultilineJSONDecode(&logs)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"Atlas rate limit: pausing every request to the bucket": reasonRetryAfter,
		"holding Atlas API request back for the rate limit":     reasonRetryAfter,
	}
	for _, e := range entries {
		msg, _ := e["@message"].(string)
		if reason, ok := want[msg]; ok && e["reason"] == reason && e["bucket"] == "project "+testGroup && e["@level"] == "debug" {
			delete(want, msg)
		}
	}
	if len(want) > 0 {
		t.Errorf("missing DEBUG lines %v in:\n%s", want, logs.String())
	}
	if strings.Contains(logs.String(), "SECRETtoken") {
		t.Error("the logs hold the access token")
	}
}

// Endless 429s end with the context, in an error that names the rate limit,
// how long the call waited for it and how often it was turned away.
func TestEndlessThrottlingEndsInARateLimitError(t *testing.T) {
	t.Parallel()
	srv := newScript(reply{status: 429, header: map[string]string{"Retry-After": "1"}, body: `{"error":429,"errorCode":"RATE_LIMITED_TOKEN_BUCKET","detail":"slow down"}`})
	c := newTestClient(t, srv)
	ctx, cancel := context.WithTimeout(context.Background(), 2500*time.Millisecond)
	defer cancel()
	_, err := c.GetStreamConnection(ctx, testGroup, "ws", "s")
	var limited *RateLimitedError
	if !errors.As(err, &limited) || !errors.Is(err, context.DeadlineExceeded) || !statusIs(429)(err) {
		t.Fatalf("err = %v, want a RateLimitedError past the deadline with the last 429", err)
	}
	if limited.Throttled < 2 || limited.Waited < 1500*time.Millisecond {
		t.Errorf("waited %s over %d answers of 429, want about 2s over 3", limited.Waited, limited.Throttled)
	}
	for _, want := range []string{"held back by Atlas's rate limit for", "429 Too Many Requests answers to this request: ", "beyond the time limit", "RATE_LIMITED_TOKEN_BUCKET"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not say %q", err, want)
		}
	}
}
