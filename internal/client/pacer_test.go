package client

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-log/tflogtest"

	"github.com/atlasx/terraform-provider-atlasx/internal/fakeclock"
)

// fakeClock is the shared fake clock with the helpers these tests use.
type fakeClock struct{ *fakeclock.Clock }

func newFakeClock() *fakeClock {
	return &fakeClock{fakeclock.New(time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC))}
}

// pendingTimer waits until something waits on the clock (woken by After,
// never by polling), and says when the earliest wait ends.
func (c *fakeClock) pendingTimer(t *testing.T) time.Time {
	t.Helper()
	for {
		if due, ok := c.NextDue(); ok {
			return due
		}
		select {
		case <-c.Waiting():
		case <-time.After(10 * time.Second):
			t.Fatal("nothing waits on the clock")
		}
	}
}

// runTo moves the clock to the earliest pending wait, so it ends.
func (c *fakeClock) runTo(t *testing.T) {
	t.Helper()
	due := c.pendingTimer(t)
	c.Advance(due.Sub(c.Now()))
}

// onFakeClock gives c pacers of its own on a clock that moves only when
// the test says: its rate-limit waits and its back-off between retries.
func onFakeClock(c *Client) *fakeClock {
	clock := newFakeClock()
	c.pacers = newPacerRegistry(clock, newJitterSource(1))
	return clock
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

// grantAll takes every request the pacer lets go now, up to n.
func grantAll(p *pacer, n int) []*pass {
	var passes []*pass
	for range n {
		ps, _, _ := p.tryAcquire()
		if ps == nil {
			break
		}
		passes = append(passes, ps)
	}
	return passes
}

func mustGrant(t *testing.T, p *pacer) *pass {
	t.Helper()
	ps, hb, _ := p.tryAcquire()
	if ps == nil {
		t.Fatalf("held back %s (%s), want to go", hb.wait, hb.reason)
	}
	return ps
}

func heldBack(p *pacer) holdBack {
	_, hb, _ := p.tryAcquire()
	return hb
}

// A 429 holds back every request to the bucket until Retry-After has passed.
func TestPacerPausesTheBucketForRetryAfter(t *testing.T) {
	t.Parallel()
	clock := newFakeClock()
	p := newPacer(clock, newJitterSource(1))
	p.done(mustGrant(t, p), throttledAnswer(2), time.Millisecond, time.Millisecond)
	if hb := heldBack(p); hb.wait != 2*time.Second || hb.reason != reasonRetryAfter {
		t.Fatalf("held back %s (%s), want 2s for Retry-After", hb.wait, hb.reason)
	}
	clock.Advance(1999 * time.Millisecond)
	if hb := heldBack(p); hb.wait != time.Millisecond {
		t.Fatalf("a millisecond before Retry-After has passed: held back %s, want 1ms", hb.wait)
	}
	clock.Advance(time.Millisecond)
	mustGrant(t, p)
}

// Until the bucket is known, requests go as fast as answers come back: one
// at first, and one more for every success (no RateLimit-* headers).
func TestPacerStartsSlowlyAndGrowsWithEverySuccess(t *testing.T) {
	t.Parallel()
	p := newPacer(newFakeClock(), newJitterSource(1))
	var rounds []int
	for range 4 {
		passes := grantAll(p, 100)
		rounds = append(rounds, len(passes))
		for _, ps := range passes {
			p.done(ps, okAnswer(0, 0), time.Millisecond, time.Millisecond)
		}
	}
	if want := []int{1, 2, 4, 8}; !slices.Equal(rounds, want) {
		t.Errorf("requests per round %v, want %v", rounds, want)
	}
}

// atlasSample429 is Atlas's sample 429, ten times faster: capacity 10, 5
// tokens every 6 s, the next refill 6 s away.
func atlasSample429(parameters bool) answer {
	a := throttledAnswer(6)
	a.body = []byte(`{"error":429,"errorCode":"RATE_LIMITED_TOKEN_BUCKET","reason":"Too Many Requests","parameters":[],` +
		`"detail":"Rate limit exceeded for api/atlas/v2/orgs. Please retry after 6 seconds. Request capacity: 10. Refill rate: 5 per 6 seconds."}`)
	if parameters {
		a.body = []byte(`{"error":429,"errorCode":"RATE_LIMITED_TOKEN_BUCKET","reason":"Too Many Requests","detail":"","parameters":["api/atlas/v2/orgs",6,10,5,6]}`)
	}
	return a
}

// A 429 that describes the bucket (its parameters, or its detail in words)
// sets the refill the pacer believes: at the refill Retry-After names, the
// refill's tokens go at once, and again at every period after it, without
// an answer in between; beyond them one probe at a time.
func TestPacerRefillsAsThe429DescribesTheBucket(t *testing.T) {
	t.Parallel()
	for _, parameters := range []bool{true, false} {
		clock := newFakeClock()
		p := newPacer(clock, newJitterSource(1))
		p.done(mustGrant(t, p), atlasSample429(parameters), time.Millisecond, time.Millisecond)
		clock.Advance(6 * time.Second)
		if got := len(grantAll(p, 20)); got != 5 {
			t.Errorf("parameters %v: %d went at the refill, want the 5 it brings", parameters, got)
		}
		if hb := heldBack(p); hb.reason != reasonRefill || hb.wait != time.Second {
			t.Errorf("parameters %v: then held back %s (%s), want an answer or the next refill", parameters, hb.wait, hb.reason)
		}
		clock.Advance(6 * time.Second)
		if got := len(grantAll(p, 20)); got != 5 {
			t.Errorf("parameters %v: %d went at the next refill, want 5", parameters, got)
		}
		clock.Advance(60 * time.Second)
		if got := len(grantAll(p, 20)); got != 10 {
			t.Errorf("parameters %v: %d went after ten refills, want the capacity, 10", parameters, got)
		}
	}
}

// Probes that keep succeeding double, but never past the capacity Atlas
// gave: on a machine slower than the refill, the bucket may stand full
// between rounds, and more at once than it can hold are sure 429s.
func TestPacerProbesNoMoreAtOnceThanTheBucketHolds(t *testing.T) {
	t.Parallel()
	clock := newFakeClock()
	p := newPacer(clock, newJitterSource(1))
	a := throttledAnswer(1)
	a.body = []byte(`{"parameters":["set",1,4,4,1]}`) // capacity 4, 4 a second
	p.done(mustGrant(t, p), a, time.Millisecond, time.Millisecond)
	clock.Advance(time.Second)
	// The refill's 4, then probes: 1, 2, 4, and no more than 4.
	var rounds []int
	for range 5 {
		passes := grantAll(p, 100)
		rounds = append(rounds, len(passes))
		for _, ps := range passes {
			p.done(ps, okAnswer(0, 0), time.Millisecond, time.Millisecond)
		}
	}
	if want := []int{4, 1, 2, 4, 4}; !slices.Equal(rounds, want) {
		t.Errorf("requests per round %v, want %v", rounds, want)
	}
}

// Without a description, what the last spell between a pause and its 429
// got is what the pacer spends at once when the next pause ends.
func TestPacerSpendsWhatTheLastRefillBroughtAtOnce(t *testing.T) {
	t.Parallel()
	clock := newFakeClock()
	p := newPacer(clock, newJitterSource(1))
	p.done(mustGrant(t, p), throttledAnswer(1), time.Millisecond, time.Millisecond)
	clock.Advance(time.Second)
	// Probes: one, then two more on its success; then the bucket is empty.
	p.done(mustGrant(t, p), okAnswer(0, 0), time.Millisecond, time.Millisecond)
	for _, ps := range grantAll(p, 2) {
		p.done(ps, okAnswer(0, 0), time.Millisecond, time.Millisecond)
	}
	p.done(mustGrant(t, p), throttledAnswer(1), time.Millisecond, time.Millisecond)
	clock.Advance(time.Second)
	if got := len(grantAll(p, 20)); got != 3 {
		t.Errorf("%d went when the pause ended, want the 3 the last refill brought", got)
	}
}

// describedBucket reads Atlas's sample 429 from its parameters or, without
// them, its detail; a body that says neither describes nothing.
func TestDescribedBucket(t *testing.T) {
	t.Parallel()
	want := bucketShape{capacity: 10, refillRate: 5, refillEvery: 60 * time.Second}
	for _, body := range []string{
		`{"detail":"Rate limit exceeded for api/atlas/v2/orgs. Please retry after 55 seconds. Request capacity: 10. Refill rate: 5 per 60 seconds.","error":429,"errorCode":"RATE_LIMITED_TOKEN_BUCKET","parameters":["api/atlas/v2/orgs",55,10,5,60],"reason":"Too Many Requests"}`,
		`{"detail":"Rate limit exceeded for api/atlas/v2/orgs. Please retry after 55 seconds. Request capacity: 10. Refill rate: 5 per 60 seconds.","parameters":[]}`,
		`{"detail":"","parameters":["api/atlas/v2/orgs",55,10,5,60]}`,
	} {
		got, retry, ok := describedBucket([]byte(body))
		if !ok || got != want || retry != 55*time.Second {
			t.Errorf("%s: %+v, %s, %v; want %+v, 55s", body, got, retry, ok, want)
		}
	}
	for _, body := range []string{
		`{"detail":"Resource requests have exceeded the rate limit.","parameters":[]}`,
		`{"parameters":["set",55,10,0,60]}`,
		`{"parameters":["set","55","10","5","60"]}`,
		`not JSON`,
	} {
		if got, _, ok := describedBucket([]byte(body)); ok {
			t.Errorf("%s: described %+v, want nothing", body, got)
		}
	}
}

// RateLimit-Remaining paces before the bucket is empty: with two tokens
// left, two of five requests go; an answer that shows the bucket refilled
// lets the others go.
func TestPacerSpreadsTheRemainingTokens(t *testing.T) {
	t.Parallel()
	p := newPacer(newFakeClock(), newJitterSource(1))
	p.done(mustGrant(t, p), okAnswer(20, 2), time.Millisecond, time.Millisecond)
	got := grantAll(p, 5)
	if len(got) != 2 {
		t.Fatalf("%d of 5 went with 2 tokens left, want 2", len(got))
	}
	p.done(got[1], okAnswer(20, 10), time.Millisecond, time.Millisecond)
	if rest := grantAll(p, 3); len(rest) != 3 {
		t.Errorf("%d of 3 went once 10 tokens were reported", len(rest))
	}
}

// A pause that outlasts the caller's deadline ends the wait before it
// begins, rather than when the deadline comes.
func TestPacerGivesUpAtOnceWhenTheDeadlineComesFirst(t *testing.T) {
	t.Parallel()
	p := newPacer(newFakeClock(), newJitterSource(1))
	p.done(mustGrant(t, p), throttledAnswer(30), time.Millisecond, time.Millisecond)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	_, err := p.acquire(ctx, nil)
	var early waitOutlastsDeadline
	if !errors.As(err, &early) || !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("err = %v, want the wait given up at once as beyond the deadline", err)
	}
}

// Clients of the same Atlas and credentials share a bucket's pacer; another
// project, another base URL or other credentials have their own.
func TestPacersAreSharedPerBucket(t *testing.T) {
	t.Parallel()
	registry := newPacerRegistry(newFakeClock(), newJitterSource(1))
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
	clock := onFakeClock(c)
	var logs bytes.Buffer
	ctx := tflogtest.RootLogger(context.Background(), &logs)
	done := make(chan error, 1)
	go func() {
		_, err := c.GetStreamConnection(ctx, testGroup, "ws", "s")
		done <- err
	}()
	clock.runTo(t) // the pause for Retry-After
	if err := <-done; err != nil {
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
// how long the call waited for it on the pacer's clock and how often it was
// turned away.
func TestEndlessThrottlingEndsInARateLimitError(t *testing.T) {
	t.Parallel()
	srv := newScript(reply{status: 429, header: map[string]string{"Retry-After": "1"}, body: `{"error":429,"errorCode":"RATE_LIMITED_TOKEN_BUCKET","detail":"slow down"}`})
	c := newTestClient(t, srv)
	clock := onFakeClock(c)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := make(chan error, 1)
	go func() {
		_, err := c.GetStreamConnection(ctx, testGroup, "ws", "s")
		done <- err
	}()
	// Two pauses of a second run out; the call is canceled in the third.
	for range 2 {
		clock.runTo(t)
	}
	clock.pendingTimer(t)
	cancel()
	err := <-done
	var limited *RateLimitedError
	if !errors.As(err, &limited) || !errors.Is(err, context.Canceled) || !statusIs(429)(err) {
		t.Fatalf("err = %v, want a RateLimitedError, canceled, with the last 429", err)
	}
	if limited.Throttled != 3 || limited.Waited != 2*time.Second || srv.count() != 3 {
		t.Errorf("waited %s over %d answers of 429 (%d requests), want 2s over 3", limited.Waited, limited.Throttled, srv.count())
	}
	for _, want := range []string{"held back by Atlas's rate limit for 2s", "429 Too Many Requests answers to this request: 3", "RATE_LIMITED_TOKEN_BUCKET"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not say %q", err, want)
		}
	}
}
