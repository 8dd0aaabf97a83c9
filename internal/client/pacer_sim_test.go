package client

import (
	"container/heap"
	"fmt"
	"math"
	"net/http"
	"strconv"
	"testing"
	"time"
)

// The pacer is tested against a simulated Atlas bucket on a simulated clock:
// workers take jobs, each a request that needs one token, and the run ends
// when every job has had a success. Nothing sleeps and nothing depends on
// how the scheduler interleaves goroutines, so the figures are the same on
// every run and every machine.

// simBucket is Atlas's token bucket as the emulator keeps it: 429 with a
// whole-second Retry-After when empty, RateLimit-* headers only if sent.
type simBucket struct {
	capacity int
	refill   float64 // tokens per second
	headers  bool    // sends RateLimit-Limit and RateLimit-Remaining
	tokens   float64
	last     time.Time
	spent    int // tokens taken: every request but those answered 429
}

func (b *simBucket) take(now time.Time) answer {
	b.tokens = min(float64(b.capacity), b.tokens+now.Sub(b.last).Seconds()*b.refill)
	b.last = now
	h := http.Header{}
	status := http.StatusOK
	if b.tokens < 1 {
		status = http.StatusTooManyRequests
		h.Set("Retry-After", strconv.Itoa(max(1, int(math.Ceil((1-b.tokens)/b.refill)))))
	} else {
		b.tokens--
		b.spent++
	}
	if b.headers {
		h.Set("RateLimit-Limit", strconv.Itoa(b.capacity))
		h.Set("RateLimit-Remaining", strconv.Itoa(int(b.tokens)))
	}
	return answer{status: status, header: h}
}

// floor is the least time the bucket allows for the tokens it gave, from full.
func (b *simBucket) floor() time.Duration {
	return time.Duration(max(0, float64(b.spent-b.capacity)/b.refill) * float64(time.Second))
}

// simRun is one simulated run: workers share one pacer, each request takes
// latency from grant to answer and reaches the bucket halfway.
type simRun struct {
	pacer   *pacer
	clock   *fakeClock
	bucket  *simBucket
	workers int
	latency time.Duration

	events     simEvents
	order      int
	jobs       int
	throttled  int
	worker     []simWorker
	grantOrder []int // workers in the order their requests went
}

type simWorker struct {
	gen             int // bumps on every new wait, so stale wake-ups are dropped
	waiting         bool
	waitedForRefill bool
	pass            *pass
}

type simEvent struct {
	at     time.Time
	order  int
	worker int
	gen    int
	kind   int
	answer answer
}

const (
	simTry = iota
	simArrive
	simAnswer
)

type simEvents []simEvent

func (q simEvents) Len() int { return len(q) }
func (q simEvents) Less(i, j int) bool {
	if !q[i].at.Equal(q[j].at) {
		return q[i].at.Before(q[j].at)
	}
	return q[i].order < q[j].order
}
func (q simEvents) Swap(i, j int) { q[i], q[j] = q[j], q[i] }
func (q *simEvents) Push(x any)   { *q = append(*q, x.(simEvent)) }
func (q *simEvents) Pop() any {
	old := *q
	e := old[len(old)-1]
	*q = old[:len(old)-1]
	return e
}

func newSimRun(p *pacer, clock *fakeClock, bucket *simBucket, workers int, latency time.Duration) *simRun {
	bucket.last = clock.Now()
	return &simRun{pacer: p, clock: clock, bucket: bucket, workers: workers, latency: latency, worker: make([]simWorker, workers)}
}

func (r *simRun) schedule(e simEvent) {
	r.order++
	e.order = r.order
	heap.Push(&r.events, e)
}

// run has the workers do jobs requests' worth of work and returns how long it took.
func (r *simRun) run(t *testing.T, jobs int) time.Duration {
	t.Helper()
	start := r.clock.Now()
	r.jobs = jobs
	for w := range r.workers {
		r.schedule(simEvent{at: start, worker: w, kind: simTry})
	}
	for done := 0; done < jobs; {
		if r.events.Len() == 0 {
			t.Fatalf("every worker waits and nothing will wake them; %d of %d done", done, jobs)
		}
		e := heap.Pop(&r.events).(simEvent)
		r.clock.set(e.at)
		w := &r.worker[e.worker]
		switch e.kind {
		case simTry:
			if e.gen == w.gen && w.pass == nil && r.jobs > 0 {
				r.try(e.worker)
			}
		case simArrive:
			r.schedule(simEvent{at: e.at.Add(r.latency / 2), worker: e.worker, kind: simAnswer, answer: r.bucket.take(e.at)})
		case simAnswer:
			r.pacer.done(w.pass, e.answer, 500*time.Millisecond, 30*time.Second)
			w.pass = nil
			if e.answer.status == http.StatusTooManyRequests {
				r.throttled++
				r.jobs++ // the job goes back to be tried again
			} else {
				done++
				w.waitedForRefill = false
			}
			r.wakeAll(e.at)
		}
		if e.at.Sub(start) > time.Hour {
			t.Fatalf("an hour passed; %d of %d done", done, jobs)
		}
	}
	return r.clock.Now().Sub(start)
}

func (r *simRun) try(w int) {
	wk := &r.worker[w]
	ps, hb, _ := r.pacer.tryAcquire(wk.waitedForRefill)
	if ps == nil {
		wk.waitedForRefill = wk.waitedForRefill || hb.reason == reasonRefill
		wk.waiting = true
		wk.gen++
		r.schedule(simEvent{at: r.clock.Now().Add(hb.wait), worker: w, gen: wk.gen, kind: simTry})
		return
	}
	r.jobs--
	wk.waiting, wk.pass = false, ps
	r.grantOrder = append(r.grantOrder, w)
	r.schedule(simEvent{at: r.clock.Now().Add(r.latency / 2), worker: w, kind: simArrive})
}

// wakeAll is an answer waking every waiting worker, as done does.
func (r *simRun) wakeAll(at time.Time) {
	for w := range r.worker {
		if wk := &r.worker[w]; wk.pass == nil {
			wk.gen++
			r.schedule(simEvent{at: at, worker: w, gen: wk.gen, kind: simTry})
		}
	}
}

// goalOverFloor is the most a run may take as a multiple of the bucket's floor.
const goalOverFloor = 1.15

// Parallel workers keep close to the bucket's floor whether or not Atlas
// sends RateLimit-* headers, with few 429s: the cases are the bench's (a
// bucket of 20 refilled at 2 a second, 10 workers) and the fault matrix's
// (4 at 4 a second, 50 workers).
func TestPacerKeepsNearTheBucketFloor(t *testing.T) {
	t.Parallel()
	// most429s: one per worker when the bucket first runs dry, and about
	// one per pause while the rate is learned (at 5 a minute, every token).
	cases := []struct {
		capacity      int
		refill        float64
		workers, jobs int
		latency       time.Duration
		most429s      int
	}{
		{capacity: 20, refill: 2, workers: 10, jobs: 50, latency: 20 * time.Millisecond, most429s: 15},
		{capacity: 20, refill: 2, workers: 10, jobs: 200, latency: 150 * time.Millisecond, most429s: 30},
		{capacity: 4, refill: 4, workers: 50, jobs: 150, latency: 20 * time.Millisecond, most429s: 30},
		{capacity: 10, refill: 5.0 / 60, workers: 10, jobs: 15, latency: 150 * time.Millisecond, most429s: 15}, // Atlas's documented example
	}
	for _, c := range cases {
		for _, headers := range []bool{true, false} {
			name := fmt.Sprintf("%d/%g, %d workers, %d jobs, %s, headers %v", c.capacity, c.refill, c.workers, c.jobs, c.latency, headers)
			t.Run(name, func(t *testing.T) {
				t.Parallel()
				clock := newFakeClock()
				bucket := &simBucket{capacity: c.capacity, refill: c.refill, headers: headers, tokens: float64(c.capacity)}
				sim := newSimRun(newPacer(clock), clock, bucket, c.workers, c.latency)
				took := sim.run(t, c.jobs)
				floor := bucket.floor()
				t.Logf("%s: took %s, floor %s (%.2fx), %d answers of 429", name, took.Round(time.Millisecond), floor.Round(time.Millisecond), took.Seconds()/floor.Seconds(), sim.throttled)
				if took.Seconds() > goalOverFloor*floor.Seconds() {
					t.Errorf("took %s, more than %.2fx the floor of %s", took, goalOverFloor, floor)
				}
				if sim.throttled > c.most429s {
					t.Errorf("%d answers of 429, want at most %d", sim.throttled, c.most429s)
				}
			})
		}
	}
}

// A rate learned while the bucket refilled slowly (another client drawing
// from it, say) rises again once it refills faster, although no 429 comes to
// say so: without RateLimit-Remaining nothing else would tell.
func TestPacerRateRisesWhenTheBucketRefillsFaster(t *testing.T) {
	t.Parallel()
	for _, headers := range []bool{false, true} {
		t.Run(fmt.Sprintf("headers %v", headers), func(t *testing.T) {
			t.Parallel()
			clock := newFakeClock()
			bucket := &simBucket{capacity: 20, refill: 1, headers: headers, tokens: 20}
			sim := newSimRun(newPacer(clock), clock, bucket, 10, 20*time.Millisecond)
			sim.run(t, 60)
			slow := sim.pacer.rate

			// Bring the bucket up to now before its refill changes.
			bucket.tokens = min(float64(bucket.capacity), bucket.tokens+clock.Now().Sub(bucket.last).Seconds()*bucket.refill)
			bucket.last = clock.Now()
			bucket.refill = 4
			startTokens, startSpent := bucket.tokens, bucket.spent
			took := sim.run(t, 400)
			floor := time.Duration((float64(bucket.spent-startSpent) - startTokens) / bucket.refill * float64(time.Second))
			t.Logf("learned %.2f/s at 1/s; at 4/s: took %s, floor %s (%.2fx), rate now %.2f/s", slow, took.Round(time.Millisecond), floor.Round(time.Millisecond), took.Seconds()/floor.Seconds(), sim.pacer.rate)
			if took.Seconds() > goalOverFloor*floor.Seconds() {
				t.Errorf("took %s, more than %.2fx the floor of %s", took, goalOverFloor, floor)
			}
		})
	}
}
