package serve

import (
	"os"
	"runtime/metrics"
	"runtime/pprof"
	"time"
)

// heapPeakInterval is how often the profiled process checks its live heap.
const heapPeakInterval = 500 * time.Millisecond

// watchHeapPeak writes a heap profile to file at each tick when live (the
// live heap as of the last collection) is larger than at any tick before,
// until quit is closed: what the process held at its largest, which the
// allocation profile written at exit, after shutdown, no longer shows.
func watchHeapPeak(ticks <-chan time.Time, live func() uint64, file string, quit <-chan struct{}) {
	var peak uint64
	for {
		select {
		case <-quit:
			return
		case <-ticks:
		}
		now := live()
		if now <= peak {
			continue
		}
		peak = now
		if f, err := os.Create(file); err == nil {
			_ = pprof.Lookup("heap").WriteTo(f, 0)
			_ = f.Close()
		}
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
