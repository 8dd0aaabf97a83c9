package client_test

import (
	"context"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/atlasx/terraform-provider-atlasx/internal/client"
	"github.com/atlasx/terraform-provider-atlasx/internal/emulator"
	"github.com/atlasx/terraform-provider-atlasx/internal/fakeclock"
)

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
			clock := fakeclock.New(time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC))
			em, seed := startEmulator(t, emulator.WithClock(clock.Now), emulator.WithRateLimit(emulator.RateLimit{
				Capacity: capacity, RefillPerSecond: refill, WithoutHeaders: !described, WithoutParameters: !described,
			}))
			w := fakeclock.NewWire(clock, http.DefaultTransport)
			credentials := func(cfg *client.Config) {
				accessToken(seed)(cfg)
				cfg.Transport, cfg.Clock = w, clock
				cfg.MinBackoff, cfg.MaxBackoff = 0, 0 // the client's own, as the provider runs it
			}
			clients := []*client.Client{newEmulatorClient(t, em, credentials), newEmulatorClient(t, em, credentials)}
			done := make(chan struct{})
			defer close(done)
			go fakeclock.Drive(clock, w, done)

			hammer(t, clients, seed, workers, calls)

			events := w.Events()
			throttled := em.Counts().RateLimited
			t.Logf("%d calls in %s on the fake clock, %d answers of 429", calls, clock.Now().Sub(events[0].At), throttled)
			// At most one per worker when the bucket first runs dry, about
			// one per refill (the probe that finds it empty), and one per
			// worker again if a slow start follows a pause: the driver may
			// move the clock before a woken worker's probe leaves, as a
			// slow machine would.
			refills := int(clock.Now().Sub(events[0].At).Seconds()) + 1
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
			for i, e := range events {
				switch {
				case e.Sent && e.At.After(from) && e.At.Before(until):
					t.Errorf("event %d: a request left at %s, within the pause until %s", i, e.At.Format(time.StampMilli), until.Format(time.StampMilli))
				case e.Status == http.StatusTooManyRequests && e.At.Add(e.RetryAfter).After(until):
					from, until = e.At, e.At.Add(e.RetryAfter)
				}
			}
		})
	}
}
