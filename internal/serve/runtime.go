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
// The soft limit (memoryLimit) makes the collector work harder as the process
// nears it, so that many connections cannot grow the process without bound.
const (
	largeHeap      = 8 << 20
	largeGCPercent = 400
	memoryLimit    = 72 << 20
	// heapCheckInterval is how often the live heap is compared with largeHeap.
	heapCheckInterval = 50 * time.Millisecond
)

func tuneRuntime() {
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(memoryLimit)
	}
	if os.Getenv("GOGC") == "" {
		go raiseGCPercentOnceLarge(largeHeap, heapCheckInterval)
	}
}

// raiseGCPercentOnceLarge sets largeGCPercent as soon as the live heap, as of
// the last collection, passes large bytes, and then stops.
func raiseGCPercentOnceLarge(large uint64, interval time.Duration) {
	for {
		if liveHeap() > large {
			debug.SetGCPercent(largeGCPercent)
			return
		}
		time.Sleep(interval)
	}
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
