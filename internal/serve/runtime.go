package serve

import (
	"os"
	"runtime/debug"
	"runtime/metrics"
	"time"
)

// Garbage collection settings for the provider process, unless the
// environment sets its own (GOGC, GOMEMLIMIT).
//
// The framework allocates a great deal per resource and keeps little: with
// Go's default (GOGC=100) the heap stays small and collection takes about a
// quarter of the provider's CPU once a configuration holds more than a few
// connections. So once the live heap passes largeHeap, the heap may grow to
// five times what is live before a collection (largeGCPercent); below it Go's
// default stands, so a small configuration uses no more memory than before.
// The soft limit (memoryLimit) keeps that growth in bounds, but it never
// leaves less room above the live heap than Go's default would (the live
// heap again): a process near the limit would otherwise collect without pause.
const (
	largeHeap      = 8 << 20
	largeGCPercent = 400
	memoryLimit    = 72 << 20
	// heapCheckInterval is how often the live heap is looked at.
	heapCheckInterval = 50 * time.Millisecond
)

func tuneRuntime() {
	tuneGCPercent := os.Getenv("GOGC") == ""
	tuneLimit := os.Getenv("GOMEMLIMIT") == ""
	if tuneLimit {
		debug.SetMemoryLimit(memoryLimit)
	}
	if tuneGCPercent || tuneLimit {
		go followLiveHeap(tuneGCPercent, tuneLimit, largeHeap, heapCheckInterval)
	}
}

// followLiveHeap looks at the live heap every interval: it sets
// largeGCPercent once the heap passes large bytes (tuneGCPercent), and keeps
// the memory limit at limitFor the live heap (tuneLimit).
func followLiveHeap(tuneGCPercent, tuneLimit bool, large uint64, interval time.Duration) {
	limit := int64(memoryLimit)
	for {
		live := liveHeap()
		if tuneGCPercent && live > large {
			debug.SetGCPercent(largeGCPercent)
			tuneGCPercent = false
			if !tuneLimit {
				return
			}
		}
		if want := limitFor(live); tuneLimit && want != limit {
			debug.SetMemoryLimit(want)
			limit = want
		}
		time.Sleep(interval)
	}
}

// limitFor is the memory limit for a live heap of live bytes: memoryLimit,
// or twice the live heap once that is more.
func limitFor(live uint64) int64 {
	return max(memoryLimit, 2*int64(live))
}

// liveHeap is the live heap as of the last collection, in bytes.
func liveHeap() uint64 {
	sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(sample)
	if sample[0].Value.Kind() != metrics.KindUint64 {
		return 0
	}
	return sample[0].Value.Uint64()
}
