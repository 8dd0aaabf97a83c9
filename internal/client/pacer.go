package client

// Atlas rate-limits by token bucket. Left to itself, every parallel worker
// of a Terraform run would find an empty bucket on its own, each spending a
// 429 to learn it and coming back together after the same Retry-After. The
// pacer is the one place, per bucket and per process, that mirrors the
// bucket as far as the answers reveal it:
//
//   - Until the bucket is known to be empty, requests go as fast as answers
//     come back, one more for every success (a slow start: a burst the
//     bucket allowed says it holds at least that many).
//   - A 429 says the bucket is empty: every request to it waits out
//     Retry-After, and the tokens the bucket gains meanwhile are spent at
//     once when the pause ends.
//   - The refill rate is what the bucket gained between two points where
//     its level was known (a 429: empty; RateLimit-Remaining: that many),
//     over about twenty tokens' worth of refill, so the error of a whole
//     token at each end is small.
//   - Requests leave a little faster than that rate, more so with every
//     request that waited for the refill, until a 429 brings the pace back
//     to the measurement: a rate measured low, or a bucket that another
//     client stopped drawing from, is found out by the next 429 rather than
//     never. The pace can rise as well as fall.
//   - RateLimit-Limit and RateLimit-Remaining, where Atlas sends them ("may
//     not always"), correct the estimate of the tokens left.

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Why a request is held back, as the DEBUG log says it.
const (
	reasonRetryAfter = "429 Retry-After"
	reasonNoHeader   = "429 without Retry-After: back-off"
	reasonRepeated   = "429 again after a pause: Retry-After and back-off"
	reasonRefill     = "bucket empty: waiting for its refill at the learned rate"
	reasonLearning   = "bucket empty, refill rate not learned yet: waiting for an answer before the next request"
)

// answerWait bounds a wait for another request's answer, in case none
// comes soon.
const answerWait = time.Second

// minRateWindow is the shortest span between two known levels that gives a
// refill rate: below it the error of a token at each end dominates.
const minRateWindow = time.Second

// minRateTokens is the fewest tokens gained that give a rate: a request
// still in flight when the level is read may have taken one more, and over
// fewer the error would be more than a fifth. Until then the pacer keeps to
// its slow start.
const minRateTokens = 5

// rateSpanTokens is how many tokens' worth of refill a rate is measured
// over: the token of error at each end is then a tenth of the whole.
const rateSpanTokens = 20

// spellGap ends a throttled spell: after this long without a known level
// the bucket may have stood full, and time in which it gained nothing
// would make the rate look slower than it is.
const spellGap = 30 * time.Second

// probeStep sets how fast the pace rises above the measured rate while no
// 429 comes: after n requests that waited for the refill it is
// 1 + probeStep*n*n/2 times the rate. It rises gently at first (the excess
// adds up to a token after about thirteen such requests, and the 429 that
// then comes costs a pause in which the bucket refills anyway) and then
// quickly (fourfold within about forty-five), so a bucket that refills much
// faster than measured is found out soon. A measurement sees only whole
// tokens: one a little low would otherwise never be corrected.
const probeStep = 0.003

// clock is the time source, swappable in tests.
type clock interface {
	Now() time.Time
	After(d time.Duration) <-chan time.Time
}

type systemClock struct{}

func (systemClock) Now() time.Time                         { return time.Now() }
func (systemClock) After(d time.Duration) <-chan time.Time { return time.After(d) }

// pacer mirrors one Atlas token bucket.
type pacer struct {
	clock clock

	mu      sync.Mutex
	changed chan struct{} // closed and replaced on every answer, to wake waiters

	levelKnown bool      // tokens is drawn from an answer (a 429, or RateLimit-Remaining)
	tokens     float64   // estimated tokens at `at`, less those granted since
	at         time.Time // when tokens was last brought up to date
	limit      int       // RateLimit-Limit: the bucket's capacity, 0 while unknown
	rate       float64   // refill in tokens per second, 0 while unknown
	allowance  int       // requests in flight while there is neither level nor rate to go by
	probes     int       // requests since the last 429 that waited for the refill: see probeStep

	pauseUntil   time.Time
	pauseReason  string
	pauseSeq     uint64 // grants made before the current pause began
	throttledRun int    // 429s in a row to requests granted after a pause began

	inFlight  map[uint64]bool // grants not answered yet, by sequence number
	seq       uint64          // grants so far
	reportSeq uint64          // the grant whose answer last set the estimate

	spent int         // answers that took a token: every answer but a 429
	marks []levelMark // known levels of this throttled spell, oldest first
}

// levelMark is a moment the bucket's level was known.
type levelMark struct {
	at    time.Time
	level float64
	spent int // answers that had taken a token by then
}

func newPacer(c clock) *pacer {
	return &pacer{clock: c, changed: make(chan struct{}), inFlight: map[uint64]bool{}, allowance: 1}
}

// pass is one request let through; done must be called with its answer.
type pass struct {
	seq    uint64
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
	told, waitedForRefill := false, false
	for {
		ps, hb, changed := p.tryAcquire(waitedForRefill)
		if ps != nil {
			ps.waited = p.clock.Now().Sub(start)
			return ps, nil
		}
		waitedForRefill = waitedForRefill || hb.reason == reasonRefill
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
// channel that an answer closes. waitedForRefill says the request has
// already waited for the bucket to refill.
func (p *pacer) tryAcquire(waitedForRefill bool) (*pass, holdBack, <-chan struct{}) {
	p.mu.Lock()
	defer p.mu.Unlock()
	hb := p.holdBackLocked(p.clock.Now())
	if hb.wait > 0 {
		return nil, hb, p.changed
	}
	if waitedForRefill {
		p.probes++
	}
	p.seq++
	p.inFlight[p.seq] = true
	if p.levelKnown {
		p.tokens--
	}
	return &pass{seq: p.seq}, holdBack{}, nil
}

// waitOutlastsDeadline is a wait given up before it began, since it would
// end after the caller's deadline.
type waitOutlastsDeadline struct{ holdBack }

func (e waitOutlastsDeadline) Error() string {
	return fmt.Sprintf("the bucket asks for %s more (%s), beyond the time limit: %v", e.wait.Round(time.Millisecond), e.reason, context.DeadlineExceeded)
}

func (e waitOutlastsDeadline) Unwrap() error { return context.DeadlineExceeded }

// holdBackLocked says how long a request must wait now, if at all.
func (p *pacer) holdBackLocked(now time.Time) holdBack {
	if now.Before(p.pauseUntil) {
		return holdBack{wait: p.pauseUntil.Sub(now), reason: p.pauseReason}
	}
	p.refillLocked(now)
	switch {
	case p.levelKnown && p.tokens >= 1:
		return holdBack{}
	case p.levelKnown && p.rate > 0:
		return holdBack{wait: time.Duration((1 - p.tokens) / p.pace() * float64(time.Second)), reason: reasonRefill}
	case len(p.inFlight) < p.allowance:
		return holdBack{}
	default:
		return holdBack{wait: answerWait, reason: reasonLearning, forAnswer: true}
	}
}

// refillLocked brings the estimate up to now at the learned rate, never
// beyond the bucket's capacity where Atlas said it.
func (p *pacer) refillLocked(now time.Time) {
	if p.rate > 0 && now.After(p.at) {
		p.tokens += p.pace() * now.Sub(p.at).Seconds()
	}
	p.at = now
	if p.limit > 0 {
		p.tokens = min(p.tokens, float64(p.limit))
	}
}

// pace is the refill rate requests leave at: the measured rate, raised
// while no 429 comes (see probeStep).
func (p *pacer) pace() float64 {
	n := float64(p.probes)
	return p.rate * (1 + probeStep*n*n/2)
}

// pauseSet is what done reports when an answer paused the bucket.
type pauseSet struct {
	wait   time.Duration
	reason string
	rate   float64 // tokens per second learned so far, 0 if none
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
		return p.throttledLocked(ps, now, a.header, minBackoff, maxBackoff), true
	}
	p.spent++
	p.throttledRun = 0
	limit, remaining, reported := rateLimitHeaders(a.header)
	if !reported {
		p.allowance++ // the bucket had a token for it, so perhaps for one more
		return pauseSet{}, false
	}
	// A bucket whose limit changed (Atlas's settings, or another endpoint
	// set under the same scope) is taken as the answer says.
	p.limit = limit
	if ps.seq > p.reportSeq {
		p.applyRemainingLocked(ps.seq, float64(remaining))
		p.observeLocked(now, float64(remaining))
	}
	return pauseSet{}, false
}

// throttledLocked pauses the bucket after a 429, which says it is empty.
func (p *pacer) throttledLocked(ps *pass, now time.Time, header http.Header, minBackoff, maxBackoff time.Duration) pauseSet {
	if ps.seq > p.pauseSeq {
		p.throttledRun++ // granted after the last pause began: the bucket is still empty
	}
	wait, ok := retryAfter(header, now)
	reason := reasonRetryAfter
	switch {
	case !ok || wait <= 0:
		wait, reason = backoff(minBackoff, maxBackoff, max(p.throttledRun, 1)), reasonNoHeader
	case p.throttledRun > 1:
		// Atlas advises backing off beyond Retry-After when it keeps
		// turning requests away: another client may be drawing the tokens.
		if b := backoff(minBackoff, maxBackoff, p.throttledRun-1); b > wait {
			wait, reason = b, reasonRepeated
		}
	}
	if until := now.Add(wait); until.After(p.pauseUntil) {
		p.pauseUntil, p.pauseReason = until, reason
	}
	p.pauseSeq = p.seq
	p.observeLocked(now, 0)
	p.levelKnown, p.tokens, p.allowance, p.probes = true, 0, 1, 0
	p.reportSeq = max(p.reportSeq, ps.seq)
	return pauseSet{wait: wait, reason: reason, rate: p.rate}
}

// observeLocked learns the refill rate from a known level: what the bucket
// holds now, less what it held at an earlier known level, plus what was
// spent in between, is what it gained over the span. The earlier level is
// the latest one at least rateSpan old and minRateTokens gained ago: long
// enough that the error of a token at each end is small, short enough that
// the rate follows a bucket whose refill changed.
func (p *pacer) observeLocked(now time.Time, level float64) {
	mark := levelMark{at: now, level: level, spent: p.spent}
	if len(p.marks) == 0 {
		p.marks = append(p.marks, mark)
		return
	}
	from := len(p.marks) - 1
	// After a long span without a known level, or at a level a token short
	// of the capacity (it may have stood full before the request took one),
	// the bucket may have stood full, gaining nothing: what it gained is
	// then only a lower bound, and the span restarts here.
	mayHaveStoodFull := now.Sub(p.marks[from].at) > spellGap || (p.limit > 1 && level >= float64(p.limit-1))
	gainedSince := func(m levelMark) float64 { return level - m.level + float64(p.spent-m.spent) }
	for span := rateSpan(p.rate); from > 0 && (now.Sub(p.marks[from].at) < span || gainedSince(p.marks[from]) < minRateTokens); {
		from--
	}
	start := p.marks[from]
	gained, elapsed := gainedSince(start), now.Sub(start.at)
	switch {
	case elapsed < minRateWindow || gained <= 0:
	case mayHaveStoodFull:
		p.rate = max(p.rate, gained/elapsed.Seconds())
	case gained >= minRateTokens:
		p.rate = gained / elapsed.Seconds()
	}
	if mayHaveStoodFull {
		from = len(p.marks)
	}
	p.marks = append(p.marks[from:], mark)
}

// rateSpan is how far back a rate is measured: the time the bucket takes
// to gain rateSpanTokens at the rate known so far.
func rateSpan(rate float64) time.Duration {
	if rate <= 0 {
		return minRateWindow
	}
	return max(minRateWindow, time.Duration(rateSpanTokens/rate*float64(time.Second)))
}

// applyRemainingLocked corrects the estimate with RateLimit-Remaining from
// the answer to grant seq. Atlas counted that request but not those granted
// after it, nor perhaps those granted before it and still unanswered, and it
// reports whole tokens: the estimate at that moment belongs in [remaining,
// remaining+1), and is moved only when it falls outside, so the fraction a
// steady refill builds up is not thrown away by every answer.
func (p *pacer) applyRemainingLocked(seq uint64, remaining float64) {
	p.reportSeq = seq
	for s := range p.inFlight {
		if s < seq {
			remaining-- // may still draw a token
		}
	}
	after := float64(p.seq - seq)
	if !p.levelKnown {
		p.levelKnown, p.tokens = true, remaining-after
		return
	}
	switch then := p.tokens + after; {
	case then < remaining:
		p.tokens += remaining - then
	case then >= remaining+1:
		p.tokens -= then - remaining
	}
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
