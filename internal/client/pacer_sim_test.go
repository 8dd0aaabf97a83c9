package client

import (
	"container/heap"
	"encoding/json"
	"fmt"
	"math"
	"net/http"
	"strconv"
	"testing"
	"time"
)

// The pacer is tested against a simulated Atlas bucket on a simulated clock:
// workers take jobs, each a request that needs one token, and a run ends
// when every job has had a success. Nothing sleeps and nothing depends on
// how the scheduler interleaves goroutines, and the back-off's jitter comes
// from a seeded source, so the figures are the same on every run and every
// machine.

// simBucket is Atlas's token bucket as the emulator keeps it: continuous
// (refill tokens a second, evenly) or stepwise (refill tokens at once every
// every); 429 with a whole-second Retry-After when empty, RateLimit-*
// headers and the 429's parameters only if sent. From changeAt on, the
// refill is factor times what it was.
type simBucket struct {
	capacity   int
	refill     float64       // tokens a second (continuous) or a refill (stepwise)
	every      time.Duration // stepwise: the refill's period; 0: continuous
	headers    bool          // sends RateLimit-Limit and RateLimit-Remaining
	parameters bool          // a 429 describes the bucket in its parameters
	changeAt   time.Duration // from the start; 0: never
	factor     float64

	start  time.Time
	tokens float64
	last   time.Time
	epoch  time.Time // stepwise: the last refill
	spent  int       // tokens taken: every request but those answered 429
}

func (b *simBucket) reset(now time.Time) {
	b.start, b.last, b.epoch, b.tokens = now, now, now, float64(b.capacity)
}

// refillAt is the refill in force at t.
func (b *simBucket) refillAt(t time.Time) float64 {
	if b.changeAt > 0 && t.Sub(b.start) >= b.changeAt {
		return b.refill * b.factor
	}
	return b.refill
}

func (b *simBucket) take(now time.Time) answer {
	var retry int
	if b.every > 0 {
		for !b.epoch.Add(b.every).After(now) {
			b.epoch = b.epoch.Add(b.every)
			b.tokens = min(float64(b.capacity), b.tokens+b.refillAt(b.epoch))
		}
		retry = max(1, int(math.Ceil(b.epoch.Add(b.every).Sub(now).Seconds())))
	} else {
		b.tokens = min(float64(b.capacity), b.tokens+now.Sub(b.last).Seconds()*b.refillAt(now))
		b.last = now
		retry = max(1, int(math.Ceil((1-b.tokens)/b.refillAt(now))))
	}
	h := http.Header{}
	a := answer{status: http.StatusOK, header: h}
	if b.tokens < 1 {
		a.status = http.StatusTooManyRequests
		h.Set("Retry-After", strconv.Itoa(retry))
		params := []any{}
		if b.parameters {
			rate, seconds := b.refillAt(now), 1
			if b.every > 0 {
				seconds = int(b.every / time.Second)
			}
			params = []any{"api/atlas/v2/groups/{groupId}/streams", retry, b.capacity, int(math.Round(rate)), seconds}
		}
		a.body, _ = json.Marshal(map[string]any{"error": 429, "errorCode": "RATE_LIMITED_TOKEN_BUCKET", "parameters": params})
	} else {
		b.tokens--
		b.spent++
	}
	if b.headers {
		h.Set("RateLimit-Limit", strconv.Itoa(b.capacity))
		h.Set("RateLimit-Remaining", strconv.Itoa(int(b.tokens)))
	}
	return a
}

// floor is the least time from the start the bucket allows for spent
// tokens: the first capacity are there, the rest come with the refill, taken
// as soon as they come.
func (b *simBucket) floor(spent int) time.Duration {
	supplied := float64(b.capacity)
	for t := time.Duration(0); ; {
		if supplied >= float64(spent) {
			return t
		}
		if b.every > 0 {
			t += b.every
			supplied += min(float64(b.capacity), b.refillAt(b.start.Add(t))) // drained, it holds no more
			continue
		}
		const step = time.Millisecond
		t += step
		supplied += step.Seconds() * b.refillAt(b.start.Add(t))
	}
}

// simGroup is one process: its pacer and the workers that share it.
type simGroup struct {
	pacer    *pacer
	jobs     int // not yet granted
	left     int // not yet done
	finished time.Duration
}

// simRun is one simulated run: groups of workers, each group with its own
// pacer, all on one bucket; each request takes latency from grant to answer
// and reaches the bucket halfway.
type simRun struct {
	clock   *fakeClock
	bucket  *simBucket
	latency time.Duration
	groups  []*simGroup

	events    simEvents
	order     int
	throttled int
	worker    []simWorker
}

type simWorker struct {
	group int
	gen   int // bumps on every new wait, so stale wake-ups are dropped
	pass  *pass
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

// newSimRun has processes groups of workers each (the CLI's parallelism),
// every group with its own pacer, as separate provider processes have.
func newSimRun(clock *fakeClock, bucket *simBucket, processes, workers int, latency time.Duration) *simRun {
	bucket.reset(clock.Now())
	r := &simRun{clock: clock, bucket: bucket, latency: latency}
	for g := range processes {
		r.groups = append(r.groups, &simGroup{pacer: newPacer(clock, newJitterSource(uint64(g+1)))})
		for range workers {
			r.worker = append(r.worker, simWorker{group: g})
		}
	}
	return r
}

func (r *simRun) schedule(e simEvent) {
	r.order++
	e.order = r.order
	heap.Push(&r.events, e)
}

// run has every group do jobs requests' worth of work; each group's
// finished says when it was done.
func (r *simRun) run(t *testing.T, jobs int) time.Duration {
	t.Helper()
	start := r.clock.Now()
	for _, g := range r.groups {
		g.jobs, g.left = jobs, jobs
	}
	r.events = nil
	for w := range r.worker {
		r.schedule(simEvent{at: start, worker: w, kind: simTry})
	}
	for left := jobs * len(r.groups); left > 0; {
		if r.events.Len() == 0 {
			t.Fatalf("every worker waits and nothing will wake them; %d jobs left", left)
		}
		e := heap.Pop(&r.events).(simEvent)
		// Nothing waits on the simulation's clock (the pacers are asked
		// directly), so moving it ends no wait.
		r.clock.Advance(e.at.Sub(r.clock.Now()))
		w := &r.worker[e.worker]
		g := r.groups[w.group]
		switch e.kind {
		case simTry:
			if e.gen == w.gen && w.pass == nil && g.jobs > 0 {
				r.try(e.worker)
			}
		case simArrive:
			r.schedule(simEvent{at: e.at.Add(r.latency / 2), worker: e.worker, kind: simAnswer, answer: r.bucket.take(e.at)})
		case simAnswer:
			g.pacer.done(w.pass, e.answer, 500*time.Millisecond, 30*time.Second)
			w.pass = nil
			if e.answer.status == http.StatusTooManyRequests {
				r.throttled++
				g.jobs++ // the job goes back to be tried again
			} else {
				left--
				if g.left--; g.left == 0 {
					g.finished = e.at.Sub(start)
				}
			}
			r.wakeGroup(w.group, e.at)
		}
		if e.at.Sub(start) > time.Hour {
			t.Fatalf("an hour passed; %d jobs left", left)
		}
	}
	return r.clock.Now().Sub(start)
}

func (r *simRun) try(w int) {
	wk := &r.worker[w]
	g := r.groups[wk.group]
	ps, hb, _ := g.pacer.tryAcquire()
	if ps == nil {
		wk.gen++
		r.schedule(simEvent{at: r.clock.Now().Add(hb.wait), worker: w, gen: wk.gen, kind: simTry})
		return
	}
	g.jobs--
	wk.pass = ps
	r.schedule(simEvent{at: r.clock.Now().Add(r.latency / 2), worker: w, kind: simArrive})
}

// wakeGroup is an answer waking every waiting worker of its process, as
// done does.
func (r *simRun) wakeGroup(group int, at time.Time) {
	for w := range r.worker {
		if wk := &r.worker[w]; wk.group == group && wk.pass == nil {
			wk.gen++
			r.schedule(simEvent{at: at, worker: w, gen: wk.gen, kind: simTry})
		}
	}
}

// The goals, as the bench's: one process within 1.15x the bucket's floor,
// each of two within 1.25x their joint floor, and a second besides for the
// whole-second Retry-After.
const (
	goalOverFloor      = 1.15
	goalOverJointFloor = 1.25
	goalSlack          = time.Second
)

// The buckets the bench runs (-rate 20/2,10/5@6s): continuous 20 + 2/s,
// and Atlas's documented stepwise bucket ten times faster (capacity 10, 5
// every 6 s); each with and without what Atlas may leave out (RateLimit-*
// headers, the 429's parameters).
func simBuckets() map[string]simBucket {
	return map[string]simBucket{
		"continuous 20+2/s with headers and parameters": {capacity: 20, refill: 2, headers: true, parameters: true},
		"continuous 20+2/s with headers":                {capacity: 20, refill: 2, headers: true},
		"continuous 20+2/s with parameters":             {capacity: 20, refill: 2, parameters: true},
		"continuous 20+2/s, Retry-After alone":          {capacity: 20, refill: 2},
		"stepwise 10, 5 every 6s, with parameters":      {capacity: 10, refill: 5, every: 6 * time.Second, parameters: true},
		"stepwise 10, 5 every 6s, Retry-After alone":    {capacity: 10, refill: 5, every: 6 * time.Second},
		"stepwise 10, 5 every 6s, with headers":         {capacity: 10, refill: 5, every: 6 * time.Second, headers: true},
	}
}

// simulate runs processes of 10 workers with jobs each on bucket and
// checks every process against the goal; it returns the run for further
// checks.
func simulate(t *testing.T, bucket simBucket, processes, jobs int, latency time.Duration) *simRun {
	t.Helper()
	sim := newSimRun(newFakeClock(), &bucket, processes, 10, latency)
	took := sim.run(t, jobs)
	floor := bucket.floor(bucket.spent)
	goal := goalOverFloor
	if processes > 1 {
		goal = goalOverJointFloor
	}
	limit := time.Duration(goal*float64(floor)) + goalSlack
	for i, g := range sim.groups {
		t.Logf("process %d: done after %s; floor %s for %d tokens (%.2fx); %d answers of 429 in all", i+1, g.finished.Round(time.Millisecond), floor, bucket.spent, g.finished.Seconds()/floor.Seconds(), sim.throttled)
		if g.finished > limit {
			t.Errorf("process %d took %s, more than %.2fx the floor of %s and %s", i+1, g.finished, goal, floor, goalSlack)
		}
	}
	if took > limit {
		t.Errorf("the run took %s, more than %.2fx the floor of %s and %s", took, goal, floor, goalSlack)
	}
	return sim
}

// One process keeps within the goal of every bucket, with few 429s: at
// most one per worker when the bucket first runs dry, then about one per
// refill (the probe that finds the bucket empty). 100 jobs are 80 or 90
// tokens beyond the capacity: 40 s continuous, 108 s stepwise.
func TestPacerKeepsNearTheBucketFloor(t *testing.T) {
	t.Parallel()
	for name, bucket := range simBuckets() {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			sim := simulate(t, bucket, 1, 100, 40*time.Millisecond)
			refills := int(math.Ceil(sim.clock.Now().Sub(sim.bucket.start).Seconds() / max(1, sim.bucket.every.Seconds())))
			if most := 10 + refills + refills/2; sim.throttled > most {
				t.Errorf("%d answers of 429 over %d refills, want at most %d", sim.throttled, refills, most)
			}
		})
	}
}

// Two processes on one bucket, each with its own pacer and knowing nothing
// of the other, both finish within the goal of their joint floor: neither
// takes the other's draws for a slower refill, nor backs off beyond
// Retry-After and leaves the bucket to fill unused.
func TestTwoPacersShareABucket(t *testing.T) {
	t.Parallel()
	for name, bucket := range simBuckets() {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			simulate(t, bucket, 2, 100, 40*time.Millisecond)
		})
	}
}

// A bucket whose refill halves mid-run, or quadruples, is followed: the
// pace falls at once (a 429 says so) and rises soon (the probes beyond the
// believed level succeed and grow).
func TestPacerFollowsARefillThatChanges(t *testing.T) {
	t.Parallel()
	for name, bucket := range simBuckets() {
		for _, factor := range []float64{0.5, 4} {
			t.Run(fmt.Sprintf("%s, refill x%g after 30s", name, factor), func(t *testing.T) {
				t.Parallel()
				changing := bucket // each subtest its own: they run in parallel
				changing.changeAt, changing.factor = 30*time.Second, factor
				simulate(t, changing, 1, 150, 40*time.Millisecond)
			})
		}
	}
}
