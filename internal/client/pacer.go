package client

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Why a request is held back, as the DEBUG log says it. The design is in
// doc.go, "Rate limits".
const (
	reasonRetryAfter = "429 Retry-After: until the bucket's next refill"
	reasonNoHeader   = "429 without Retry-After: back-off"
	reasonRefill     = "bucket empty: waiting for its next refill, or the answer of the request probing it"
	reasonProbing    = "bucket's level unknown: waiting for the answers of the requests probing it"
)

// answerWait bounds a wait for another request's answer, in case none
// comes soon.
const answerWait = time.Second

type systemClock struct{}

func (systemClock) Now() time.Time                         { return time.Now() }
func (systemClock) After(d time.Duration) <-chan time.Time { return time.After(d) }

// bucketShape is the bucket as Atlas describes it in a 429: capacity, and
// refillRate tokens at once every refillEvery.
type bucketShape struct {
	capacity    int
	refillRate  int
	refillEvery time.Duration
}

func (s bucketShape) known() bool { return s.refillRate > 0 && s.refillEvery > 0 }

// pacer mirrors one Atlas token bucket as this process sees it.
type pacer struct {
	clock  Clock
	jitter *jitterSource

	mu      sync.Mutex
	changed chan struct{} // closed and replaced on every answer, to wake waiters

	// The level: what the bucket is believed to hold, less what was granted
	// since. Unknown until the first 429 or RateLimit-Remaining.
	levelKnown bool
	tokens     float64

	shape      bucketShape // from the last 429 that described the bucket
	nextRefill time.Time   // when the described bucket next gains refillRate; zero while unknown
	limit      int         // RateLimit-Limit, 0 while unknown

	// Without a described shape: the successes of the last spell between a
	// pause and the 429 that ended it, taken as what a refill brings.
	yield       int
	spellTokens int  // successes since the last pause ended
	refillDue   bool // the pause's end brings a refill of yield

	allowance int // probes in flight at once: 1 after a 429, one more per probe that succeeds, up to the capacity

	pauseUntil  time.Time
	pauseReason string
	pauseSeq    uint64 // grants made before the current pause began
	throttled   int    // 429s in a row to requests granted after a pause began

	inFlight  map[uint64]bool // grants not answered yet, by sequence number
	seq       uint64          // grants so far
	reportSeq uint64          // the grant whose answer last set the level
}

func newPacer(c Clock, j *jitterSource) *pacer {
	return &pacer{clock: c, jitter: j, changed: make(chan struct{}), inFlight: map[uint64]bool{}, allowance: 1}
}

// pass is one request let through; done must be called with its answer.
type pass struct {
	seq    uint64
	probe  bool // granted beyond the believed level
	waited time.Duration
}

// holdBack is what acquire reports when it has to wait: for how long at
// most, and why. A wait for an answer may end sooner, when one comes.
type holdBack struct {
	wait      time.Duration
	reason    string
	forAnswer bool
}

// acquire waits until a request may draw from the bucket. onWait is called
// once, with the first wait, before it starts. A wait that cannot end before
// ctx's deadline ends at once with context.DeadlineExceeded.
func (p *pacer) acquire(ctx context.Context, onWait func(holdBack)) (*pass, error) {
	start := p.clock.Now()
	told := false
	for {
		ps, hb, changed := p.tryAcquire()
		if ps != nil {
			ps.waited = p.clock.Now().Sub(start)
			return ps, nil
		}
		// Deadlines are in real time, whatever clock paces.
		if deadline, ok := ctx.Deadline(); ok && !hb.forAnswer && time.Until(deadline) < hb.wait {
			return nil, waitOutlastsDeadline{hb}
		}
		if !told && onWait != nil {
			onWait(hb)
			told = true
		}
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-changed:
		case <-p.clock.After(hb.wait):
		}
	}
}

// tryAcquire grants a request now, or says how long to wait and returns the
// channel that an answer closes.
func (p *pacer) tryAcquire() (*pass, holdBack, <-chan struct{}) {
	p.mu.Lock()
	defer p.mu.Unlock()
	now := p.clock.Now()
	if now.Before(p.pauseUntil) {
		return nil, holdBack{wait: p.pauseUntil.Sub(now), reason: p.pauseReason}, p.changed
	}
	p.refillLocked(now)
	probe := !p.levelKnown || p.tokens < 1
	if probe && len(p.inFlight) >= p.allowance {
		hb := holdBack{wait: answerWait, reason: reasonProbing, forAnswer: true}
		if p.levelKnown {
			hb.reason = reasonRefill
			if p.shape.known() && !p.nextRefill.IsZero() {
				hb.wait = min(hb.wait, p.nextRefill.Sub(now))
			}
		}
		return nil, hb, p.changed
	}
	if !probe {
		p.tokens--
	}
	p.seq++
	p.inFlight[p.seq] = true
	return &pass{seq: p.seq, probe: probe}, holdBack{}, nil
}

// refillLocked adds the refills due by now: the described bucket's, at its
// period from the phase a Retry-After gave; otherwise the learned yield,
// once, when a pause ends.
func (p *pacer) refillLocked(now time.Time) {
	if p.refillDue && !now.Before(p.pauseUntil) {
		p.refillDue = false
		p.spellTokens = 0
		if !p.shape.known() {
			p.tokens = max(p.tokens, float64(p.yield))
		}
	}
	if p.shape.known() && !p.nextRefill.IsZero() && !now.Before(p.nextRefill) {
		n := 1 + int(now.Sub(p.nextRefill)/p.shape.refillEvery)
		p.tokens += float64(n * p.shape.refillRate)
		p.nextRefill = p.nextRefill.Add(time.Duration(n) * p.shape.refillEvery)
	}
	if c := p.capacity(); c > 0 {
		p.tokens = min(p.tokens, float64(c))
	}
}

// capacity is the bucket's size as Atlas last said it, 0 while unknown.
func (p *pacer) capacity() int {
	if p.limit > 0 {
		return p.limit
	}
	return p.shape.capacity
}

// waitOutlastsDeadline is a wait given up before it began, since it would
// end after the caller's deadline.
type waitOutlastsDeadline struct{ holdBack }

func (e waitOutlastsDeadline) Error() string {
	return fmt.Sprintf("the bucket asks for %s more (%s), beyond the time limit: %v", e.wait.Round(time.Millisecond), e.reason, context.DeadlineExceeded)
}

func (e waitOutlastsDeadline) Unwrap() error { return context.DeadlineExceeded }

// pauseSet is what done reports when an answer paused the bucket.
type pauseSet struct {
	wait   time.Duration
	reason string
	shape  bucketShape // as the 429 described it, if it did
}

// done records ps's answer. It returns the pause the answer caused, if any.
func (p *pacer) done(ps *pass, a answer, minBackoff, maxBackoff time.Duration) (pauseSet, bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	defer p.wakeLocked()
	now := p.clock.Now()
	delete(p.inFlight, ps.seq)
	if a.err != nil {
		return pauseSet{}, false // no answer, nothing learned
	}
	p.refillLocked(now)
	if a.status == http.StatusTooManyRequests {
		return p.throttledLocked(ps, now, a, minBackoff, maxBackoff), true
	}
	p.throttled = 0
	p.spellTokens++
	if ps.probe {
		// The bucket had a token beyond the level believed, so perhaps
		// more; but never more at once than it can hold, where Atlas said.
		p.allowance++
		if c := p.capacity(); c > 0 {
			p.allowance = min(p.allowance, c)
		}
	}
	if limit, remaining, ok := rateLimitHeaders(a.header); ok {
		p.limit = limit
		if ps.seq > p.reportSeq {
			p.applyRemainingLocked(ps.seq, float64(remaining))
		}
	}
	return pauseSet{}, false
}

// throttledLocked pauses the bucket after a 429, which says it is empty,
// until the refill Retry-After names.
func (p *pacer) throttledLocked(ps *pass, now time.Time, a answer, minBackoff, maxBackoff time.Duration) pauseSet {
	shape, retry, described := describedBucket(a.body)
	if described {
		p.shape = shape
	}
	if ps.seq > p.pauseSeq {
		// Granted after the last pause began: this 429 ends a spell, whose
		// successes are what the last refill brought this process.
		p.throttled++
		p.yield = p.spellTokens
	}
	wait, ok := retryAfter(a.header, now)
	if !ok && described {
		wait, ok = retry, true
	}
	reason := reasonRetryAfter
	if !ok || wait <= 0 {
		wait, reason = p.jitter.backoff(minBackoff, maxBackoff, max(p.throttled, 1)), reasonNoHeader
	} else {
		p.nextRefill = now.Add(wait)
	}
	if until := now.Add(wait); until.After(p.pauseUntil) {
		p.pauseUntil, p.pauseReason = until, reason
	}
	p.pauseSeq = p.seq
	p.levelKnown, p.tokens, p.allowance, p.refillDue = true, 0, 1, true
	p.reportSeq = max(p.reportSeq, ps.seq)
	return pauseSet{wait: wait, reason: reason, shape: p.shape}
}

// applyRemainingLocked sets the level from RateLimit-Remaining in the answer
// to grant seq. Atlas counted that request but not those granted after it,
// nor perhaps those granted before it and still unanswered.
func (p *pacer) applyRemainingLocked(seq uint64, remaining float64) {
	p.reportSeq = seq
	for s := range p.inFlight {
		if s < seq {
			remaining-- // may still draw a token
		}
	}
	p.levelKnown, p.tokens = true, remaining-float64(p.seq-seq)
}

func (p *pacer) wakeLocked() {
	close(p.changed)
	p.changed = make(chan struct{})
}

// rateLimitHeaders reads RateLimit-Limit and RateLimit-Remaining; reported
// is false unless both are there and make sense.
func rateLimitHeaders(h http.Header) (limit, remaining int, reported bool) {
	limit, errLimit := strconv.Atoi(strings.TrimSpace(h.Get("RateLimit-Limit")))
	remaining, errRemaining := strconv.Atoi(strings.TrimSpace(h.Get("RateLimit-Remaining")))
	if errLimit != nil || errRemaining != nil || limit <= 0 || remaining < 0 || remaining > limit {
		return 0, 0, false
	}
	return limit, remaining, true
}

// describedDetail reads the detail of Atlas's sample 429, which ends
// "Please retry after 55 seconds. Request capacity: 10. Refill rate: 5 per
// 60 seconds.".
var describedDetail = regexp.MustCompile(`retry after (\d+) seconds?\. Request capacity: (\d+)\. Refill rate: (\d+) per (\d+) seconds?`)

// describedBucket reads the bucket a 429 describes: its parameters
// [endpoint set, retry after, capacity, refill rate, refill seconds], or
// else its detail, which says the same in words. Neither is promised.
func describedBucket(body []byte) (bucketShape, time.Duration, bool) {
	var e struct {
		Detail     string `json:"detail"`
		Parameters []any  `json:"parameters"`
	}
	if json.Unmarshal(body, &e) != nil {
		return bucketShape{}, 0, false
	}
	var n [4]int
	ok := len(e.Parameters) == 5
	for i := range n {
		if !ok {
			break
		}
		f, isNumber := e.Parameters[i+1].(float64)
		n[i], ok = int(f), isNumber && f >= 0 && f == float64(int(f))
	}
	if !ok {
		m := describedDetail.FindStringSubmatch(e.Detail)
		if m == nil {
			return bucketShape{}, 0, false
		}
		for i := range n {
			n[i], _ = strconv.Atoi(m[i+1])
		}
	}
	s := bucketShape{capacity: n[1], refillRate: n[2], refillEvery: time.Duration(n[3]) * time.Second}
	if !s.known() || s.capacity < 1 {
		return bucketShape{}, 0, false
	}
	return s, time.Duration(n[0]) * time.Second, true
}
