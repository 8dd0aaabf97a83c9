package client_test

import (
	"context"
	"sync"
	"testing"

	"github.com/atlasx/terraform-provider-atlasx/internal/client"
	"github.com/atlasx/terraform-provider-atlasx/internal/emulator"
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

// withDefaultBackoff is credentials with the client's own back-off, as the
// provider runs it, rather than the tests' fast one.
func withDefaultBackoff(credentials func(*client.Config)) func(*client.Config) {
	return func(cfg *client.Config) {
		credentials(cfg)
		cfg.MinBackoff, cfg.MaxBackoff = 0, 0
	}
}

// Ten parallel workers on one bucket find it empty together. Without a
// shared pacer each of them spends 429s learning that for itself; with it
// the 429s stay few, whether or not the emulator sends RateLimit-* headers.
// The workers sit on two clients with the same credentials, as a provider
// that configures twice holds them: the pacer is the process's, not a
// client's. (How close the run keeps to the bucket's floor is measured on a
// simulated clock in pacer_sim_test.go, and in wall time by make bench.)
func TestPacerKeepsParallelWorkersFromFindingTheBucketEmptyEachAlone(t *testing.T) {
	t.Parallel()
	const capacity, refill, workers, calls = 8, 8.0, 10, 40
	for _, withoutHeaders := range []bool{false, true} {
		t.Run(map[bool]string{false: "with RateLimit headers", true: "without RateLimit headers"}[withoutHeaders], func(t *testing.T) {
			t.Parallel()
			em, seed := startEmulator(t, emulator.WithRateLimit(emulator.RateLimit{Capacity: capacity, RefillPerSecond: refill, WithoutHeaders: withoutHeaders}))
			credentials := withDefaultBackoff(apiKey(seed))
			clients := []*client.Client{newEmulatorClient(t, em, credentials), newEmulatorClient(t, em, credentials)}

			hammer(t, clients, seed, workers, calls)

			throttled := em.Counts().RateLimited
			// At most one per worker when the bucket first runs dry, and as
			// many again while the refill rate is learned.
			if most := 2 * workers; throttled > most {
				t.Errorf("%d answers of 429, want at most %d", throttled, most)
			}
			var seen int64
			for _, c := range clients {
				seen += c.Stats().RateLimited
			}
			if seen != int64(throttled) {
				t.Errorf("clients saw %d 429s, emulator sent %d", seen, throttled)
			}
		})
	}
}
