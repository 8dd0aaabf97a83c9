package client_test

import (
	"context"
	"net/http"
	"runtime"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/atlasx/terraform-provider-atlasx/internal/client"
	"github.com/atlasx/terraform-provider-atlasx/internal/emulator"
)

// wire records, on the fake clock, when each attempt left and what came
// back, and how many are on their way.
type wire struct {
	base  http.RoundTripper
	clock *client.FakeClock

	mu       sync.Mutex
	inFlight int
	events   []wireEvent
	moved    chan struct{} // signaled on every event
}

type wireEvent struct {
	at         time.Time
	sent       bool          // an attempt leaving; otherwise its answer
	status     int           // of an answer
	retryAfter time.Duration // of a 429
}

func (w *wire) RoundTrip(r *http.Request) (*http.Response, error) {
	w.record(func() { w.inFlight++; w.events = append(w.events, wireEvent{at: w.clock.Now(), sent: true}) })
	resp, err := w.base.RoundTrip(r)
	w.record(func() {
		w.inFlight--
		e := wireEvent{at: w.clock.Now()}
		if err == nil {
			e.status = resp.StatusCode
			seconds, _ := strconv.Atoi(resp.Header.Get("Retry-After"))
			e.retryAfter = time.Duration(seconds) * time.Second
		}
		w.events = append(w.events, e)
	})
	return resp, err
}

func (w *wire) record(f func()) {
	w.mu.Lock()
	defer w.mu.Unlock()
	f()
	select {
	case w.moved <- struct{}{}:
	default:
	}
}

// quiet says whether nothing is on its way and n events have happened.
func (w *wire) quiet() (bool, int) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.inFlight == 0, len(w.events)
}

// driveClock moves the clock to the next pending wait whenever every
// worker waits on it (nothing on the wire, nothing new for a while of
// yielding the processor), until done is closed.
func driveClock(clock *client.FakeClock, w *wire, done <-chan struct{}) {
	for {
		due, pending := clock.NextDue()
		idle, n := w.quiet()
		settled := pending && idle
		for i := 0; settled && i < 200; i++ {
			runtime.Gosched()
			idle, m := w.quiet()
			settled = idle && m == n
		}
		if settled {
			clock.Advance(due.Sub(clock.Now()))
			continue
		}
		select {
		case <-done:
			return
		case <-clock.Asked():
		case <-w.moved:
		}
	}
}

// hammer has workers spread over clients draw calls tokens in all from
// the emulator's bucket, each call a GET that answers 404 (one token, no
// retry).
func hammer(t *testing.T, clients []*client.Client, seed emulator.Seed, workers, calls int) {
	t.Helper()
	jobs := make(chan int, calls)
	for i := range calls {
		jobs <- i
	}
	close(jobs)
	var wg sync.WaitGroup
	for w := range workers {
		c := clients[w%len(clients)]
		wg.Go(func() {
			for range jobs {
				_, err := c.GetStreamConnection(context.Background(), seed.ProjectID, seed.Workspace, "missing")
				if !client.IsNotFound(err) {
					t.Errorf("GET: %v, want the 404", err)
				}
			}
		})
	}
	wg.Wait()
}

// Ten parallel workers on one bucket find it empty together. Without a
// shared pacer each of them spends 429s learning that for itself; with it
// the 429s stay few, and no request leaves while a 429's pause holds,
// whether or not the emulator sends RateLimit-* headers and the 429's
// parameters. The emulator and the pacers share one fake clock, so the
// counts do not depend on how fast the machine is. The workers sit on two
// clients with the same credentials, as a provider that configures twice
// holds them: the pacer is the process's, not a client's.
func TestPacerKeepsParallelWorkersFromFindingTheBucketEmptyEachAlone(t *testing.T) {
	t.Parallel()
	const capacity, refill, workers, calls = 8, 8.0, 10, 40
	for _, described := range []bool{false, true} {
		name := map[bool]string{false: "Retry-After alone", true: "with RateLimit headers and parameters"}[described]
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			clock := client.NewFakeClock()
			em, seed := startEmulator(t, emulator.WithClock(clock.Now), emulator.WithRateLimit(emulator.RateLimit{
				Capacity: capacity, RefillPerSecond: refill, WithoutHeaders: !described, WithoutParameters: !described,
			}))
			w := &wire{base: http.DefaultTransport, clock: clock, moved: make(chan struct{}, 1)}
			credentials := func(cfg *client.Config) {
				accessToken(seed)(cfg)
				cfg.Transport = w
				cfg.MinBackoff, cfg.MaxBackoff = 0, 0 // the client's own, as the provider runs it
			}
			clients := []*client.Client{newEmulatorClient(t, em, credentials), newEmulatorClient(t, em, credentials)}
			client.OnClock(clock, clients...)
			done := make(chan struct{})
			defer close(done)
			go driveClock(clock, w, done)

			hammer(t, clients, seed, workers, calls)

			throttled := em.Counts().RateLimited
			t.Logf("%d calls in %s on the fake clock, %d answers of 429", calls, clock.Now().Sub(w.events[0].at), throttled)
			// At most one per worker when the bucket first runs dry, about
			// one per refill (the probe that finds it empty), and one per
			// worker again if a slow start follows a pause: the driver may
			// move the clock before a woken worker's probe leaves, as a
			// slow machine would.
			refills := int(clock.Now().Sub(w.events[0].at).Seconds()) + 1
			if most := 2*workers + refills; throttled > most {
				t.Errorf("%d answers of 429 over %d refills, want at most %d", throttled, refills, most)

			}
			var seen int64
			for _, c := range clients {
				seen += c.Stats().RateLimited
			}
			if seen != int64(throttled) {
				t.Errorf("clients saw %d 429s, emulator sent %d", seen, throttled)
			}
			// In order: once a 429 came back, nothing left later before its
			// Retry-After had passed (one granted at that very instant,
			// before the 429 reached the pacer, may still leave).
			var from, until time.Time
			for i, e := range w.events {
				switch {
				case e.sent && e.at.After(from) && e.at.Before(until):
					t.Errorf("event %d: a request left at %s, within the pause until %s", i, e.at.Format(time.StampMilli), until.Format(time.StampMilli))
				case e.status == http.StatusTooManyRequests && e.at.Add(e.retryAfter).After(until):
					from, until = e.at, e.at.Add(e.retryAfter)
				}
			}
		})
	}
}
