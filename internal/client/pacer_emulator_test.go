package client_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/atlasx/terraform-provider-atlasx/internal/client"
	"github.com/atlasx/terraform-provider-atlasx/internal/emulator"
)

// hammer has workers spread over clients draw calls tokens in all from
// the emulator's bucket, each call a GET that answers 404 (one token, no
// retry), and returns how long it took.
func hammer(t *testing.T, clients []*client.Client, seed emulator.Seed, workers, calls int) time.Duration {
	t.Helper()
	jobs := make(chan int, calls)
	for i := range calls {
		jobs <- i
	}
	close(jobs)
	var wg sync.WaitGroup
	start := time.Now()
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
	return time.Since(start)
}

// withDefaultBackoff is credentials with the client's own back-off, as the
// provider runs it, rather than the tests' fast one.
func withDefaultBackoff(credentials func(*client.Config)) func(*client.Config) {
	return func(cfg *client.Config) {
		credentials(cfg)
		cfg.MinBackoff, cfg.MaxBackoff = 0, 0
	}
}

// Ten parallel workers on one bucket (capacity 20, refill 2/s) find it
// empty together. Without a shared pacer each of them spends 429s learning
// that for itself and they come back together after each Retry-After; with
// it the 429s stay a handful and the run keeps close to the bucket's floor.
// The workers sit on two clients with the same credentials, as a provider
// that configures twice holds them: the pacer is the process's, not a client's.
func TestPacerKeepsParallelWorkersNearTheBucketFloor(t *testing.T) {
	t.Parallel()
	const capacity, refill, workers, calls = 20, 2.0, 10, 50
	em, seed := startEmulator(t, emulator.WithRateLimit(emulator.RateLimit{Capacity: capacity, RefillPerSecond: refill}))
	credentials := withDefaultBackoff(apiKey(seed))
	clients := []*client.Client{newEmulatorClient(t, em, credentials), newEmulatorClient(t, em, credentials)}

	elapsed := hammer(t, clients, seed, workers, calls)

	floor := time.Duration(float64(calls-capacity) / refill * float64(time.Second))
	throttled := em.Counts().RateLimited
	t.Logf("%d calls by %d workers: %s (floor %s, %.2fx), %d answers of 429", calls, workers, elapsed.Round(time.Millisecond), floor, elapsed.Seconds()/floor.Seconds(), throttled)
	if limit := time.Duration(float64(floor) * 1.15); elapsed > limit {
		t.Errorf("took %s, more than 1.15x the bucket's floor of %s", elapsed, floor)
	}
	if throttled > workers {
		t.Errorf("%d answers of 429, want at most %d (one per worker)", throttled, workers)
	}
	var seen int64
	for _, c := range clients {
		seen += c.Stats().RateLimited
	}
	if seen != int64(throttled) {
		t.Errorf("clients saw %d 429s, emulator sent %d", seen, throttled)
	}
}
