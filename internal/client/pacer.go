package client

// Atlas rate-limits by token bucket. Left to itself, every parallel worker
// of a Terraform run would find an empty bucket on its own, each spending a
// 429 to learn it and coming back together after the same Retry-After. The
// pacer is the one place, per bucket and per process, that remembers what
// the answers said: a 429 holds back every request to the bucket; after the
// pause one probe goes alone; then requests leave at the refill rate learned
// from the answers, and RateLimit-Remaining keeps parallel workers from
// spending the last tokens all at once.

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
	reasonRetryAfter  = "429 Retry-After"
	reasonNoHeader    = "429 without Retry-After: back-off"
	reasonRepeated    = "429 again after a pause: Retry-After and back-off"
	reasonProbe       = "after a pause, one probe request goes first"
	reasonRemaining   = "bucket nearly empty (RateLimit-Remaining, or a recent 429): waiting for its refill at the learned rate"
	reasonUnknownRate = "bucket empty, refill rate not learned yet: one request at a time"
	reasonFirst       = "first request to the bucket: waiting for its answer to learn how full it is"
)

// answerWait bounds a wait for another request's answer (the probe's, or
// one that tells the bucket's state), in case none comes soon.
const answerWait = time.Second

// minRateWindow is the shortest span between two empty-bucket 429s that
// gives a refill rate: below it the ±1 token of error dominates.
const minRateWindow = time.Second

// spellGap ends a throttled spell: after this long without a 429 the
// bucket may have stood full (between two commands, say), and time in
// which it gained nothing would make the rate look slower than it is.
const spellGap = 30 * time.Second

// clock is the time source, swappable in tests.
type clock interface {
	Now() time.Time
	After(d time.Duration) <-chan time.Time
}

type systemClock struct{}

func (systemClock) Now() time.Time                         { return time.Now() }
func (systemClock) After(d time.Duration) <-chan time.Time { return time.After(d) }

// pacer mirrors one Atlas token bucket as far as the answers reveal it.
type pacer struct {
	clock clock

	mu      sync.Mutex
	changed chan struct{} // closed and replaced on every answer, to wake waiters

	answered bool      // an answer has come: until then one request at a time
	known    bool      // tokens is an estimate drawn from Atlas's answers
	tokens   float64   // estimated tokens in the bucket at `at`, less those granted since
	at       time.Time // when tokens was last brought up to date
	limit    int       // RateLimit-Limit, 0 while unknown
	rate     float64   // refill in tokens per second, 0 while unknown

	pauseUntil    time.Time
	pauseReason   string
	pauseSeq      uint64 // grants made before the current pause began
	probeWanted   bool   // the first request after the pause goes alone
	probeInFlight bool
	throttledRun  int // 429s in a row to requests granted after a pause began

	inFlight  map[uint64]bool // grants not answered yet, by sequence number
	seq       uint64          // grants so far
	reportSeq uint64          // the grant whose answer last set the estimate

	emptySince    time.Time // the first 429 of this throttled spell
	spanSeq       uint64    // grants made before emptySince
	grantedInSpan int       // successes since emptySince of requests granted after it
	lastThrottled time.Time // the latest 429
}

func newPacer(c clock) *pacer {
	return &pacer{clock: c, changed: make(chan struct{}), inFlight: map[uint64]bool{}}
}

// pass is one request let through; done must be called with its answer.
type pass struct {
	seq    uint64
	probe  bool
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
		p.mu.Lock()
		now := p.clock.Now()
		hb := p.holdBackLocked(now)
		if hb.wait <= 0 {
			ps := p.grantLocked()
			p.mu.Unlock()
			ps.waited = now.Sub(start)
			return ps, nil
		}
		changed := p.changed
		p.mu.Unlock()

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
	if p.probeInFlight {
		return holdBack{wait: answerWait, reason: reasonProbe, forAnswer: true}
	}
	if !p.answered && len(p.inFlight) > 0 {
		// Fifty workers starting at once on a bucket of a few tokens would
		// spend a 429 each before any answer told them how full it is.
		return holdBack{wait: answerWait, reason: reasonFirst, forAnswer: true}
	}
	if p.probeWanted || !p.known {
		return holdBack{}
	}
	p.refillLocked(now)
	switch {
	case p.tokens >= 1:
		return holdBack{}
	case p.rate > 0:
		return holdBack{wait: time.Duration((1 - p.tokens) / p.rate * float64(time.Second)), reason: reasonRemaining}
	case len(p.inFlight) == 0:
		return holdBack{}
	default:
		return holdBack{wait: answerWait, reason: reasonUnknownRate, forAnswer: true}
	}
}

func (p *pacer) grantLocked() *pass {
	p.seq++
	p.inFlight[p.seq] = true
	ps := &pass{seq: p.seq}
	if p.probeWanted {
		p.probeWanted, p.probeInFlight, ps.probe = false, true, true
	}
	if p.known {
		p.tokens--
	}
	return ps
}

// refillLocked brings the estimate up to now at the learned rate, never
// beyond the bucket's capacity (one token when the capacity is unknown, so
// that requests keep to the rate until an answer says more).
func (p *pacer) refillLocked(now time.Time) {
	if p.rate > 0 && now.After(p.at) {
		p.tokens += p.rate * now.Sub(p.at).Seconds()
	}
	p.at = now
	capacity := 1.0
	if p.limit > 0 {
		capacity = float64(p.limit)
	}
	p.tokens = min(p.tokens, capacity)
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
	if ps.probe {
		p.probeInFlight = false
	}
	if a.err != nil {
		return pauseSet{}, false // no answer, nothing learned
	}
	p.answered = true
	p.refillLocked(now)
	// A bucket whose limit changed (Atlas's settings, or another endpoint
	// set under the same scope) is taken as the answer says: a wrong guess
	// costs a 429 and a pause, where holding to the old one could pace a
	// roomy bucket at a tight one's rate.
	limit, remaining, reported := rateLimitHeaders(a.header)
	if reported {
		p.limit = limit
		if reset, ok := rateLimitReset(a.header); ok && remaining < limit {
			// The time to refill what is missing gives the rate outright.
			p.rate = float64(limit-remaining) / reset.Seconds()
		}
	}
	if a.status == http.StatusTooManyRequests {
		return p.throttledLocked(ps, now, a.header, minBackoff, maxBackoff), true
	}
	p.throttledRun = 0
	if !p.emptySince.IsZero() && ps.seq > p.spanSeq {
		p.grantedInSpan++ // those granted before drew on tokens the bucket had before it emptied
	}
	if reported {
		p.applyRemainingLocked(ps.seq, float64(remaining))
	}
	return pauseSet{}, false
}

// throttledLocked pauses the bucket after a 429 and learns its refill rate:
// between two 429s the bucket was empty at both ends, so the successes in
// between are what it refilled.
func (p *pacer) throttledLocked(ps *pass, now time.Time, header http.Header, minBackoff, maxBackoff time.Duration) pauseSet {
	if ps.seq > p.pauseSeq {
		p.throttledRun++ // granted after the last pause began: the bucket is still empty
	}
	wait, ok := retryAfter(header, now)
	reason := reasonRetryAfter
	switch {
	case !ok:
		wait, reason = backoff(minBackoff, maxBackoff, max(p.throttledRun, 1)), reasonNoHeader
	case p.throttledRun > 1:
		if b := backoff(minBackoff, maxBackoff, p.throttledRun-1); b > wait {
			wait, reason = b, reasonRepeated
		}
	}
	if until := now.Add(wait); until.After(p.pauseUntil) {
		p.pauseUntil, p.pauseReason = until, reason
	}
	p.pauseSeq, p.probeWanted = p.seq, true

	if p.emptySince.IsZero() || now.Sub(p.lastThrottled) > spellGap {
		p.emptySince, p.spanSeq, p.grantedInSpan = now, p.seq, 0
	} else if span := now.Sub(p.emptySince); span >= minRateWindow && p.grantedInSpan > 1 {
		// Less the one token the ends may differ by: a rate too high
		// brings a 429 every few requests, one too low is made up by
		// RateLimit-Remaining showing the tokens it left in the bucket.
		p.rate = float64(p.grantedInSpan-1) / span.Seconds()
	}
	p.known, p.tokens, p.at, p.lastThrottled = true, 0, now, now
	p.reportSeq = max(p.reportSeq, ps.seq)
	return pauseSet{wait: wait, reason: reason, rate: p.rate}
}

// applyRemainingLocked corrects the estimate with RateLimit-Remaining from
// the answer to grant seq. Atlas counted that request but not those granted
// after it, nor perhaps those granted before it and still unanswered (one
// held up, say, by a digest challenge may reach Atlas later), and it reports
// whole tokens: the estimate at that moment belongs in [remaining,
// remaining+1), and is moved only when it falls outside, so the fraction a
// steady refill builds up is not thrown away by every answer.
func (p *pacer) applyRemainingLocked(seq uint64, remaining float64) {
	if seq <= p.reportSeq {
		return // older than what the estimate already knows
	}
	p.reportSeq = seq
	for s := range p.inFlight {
		if s < seq {
			remaining-- // may still draw a token
		}
	}
	after := float64(p.seq - seq)
	if !p.known {
		p.known, p.tokens = true, remaining-after
		return
	}
	switch then := p.tokens + after; {
	case then < remaining:
		p.tokens += remaining - then
	case then >= remaining+1:
		p.tokens -= then - remaining
	}
}

// rateLimitReset reads RateLimit-Reset, the seconds until the bucket is
// full again, where Atlas sends it.
func rateLimitReset(h http.Header) (time.Duration, bool) {
	seconds, err := strconv.ParseFloat(strings.TrimSpace(h.Get("RateLimit-Reset")), 64)
	if err != nil || seconds <= 0 || seconds > 24*3600 {
		return 0, false
	}
	return time.Duration(seconds * float64(time.Second)), true
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
