package serve

import (
	"os"
	"runtime/metrics"
	"runtime/pprof"
	"time"
)

// heapPeakInterval is how often the profiled process checks its live heap.
const heapPeakInterval = 500 * time.Millisecond

// watchHeapPeak writes a heap profile to file each time the live heap (as
// of the last collection) is larger than at any earlier check, until stop
// is closed: what the process held at its largest, which the allocation
// profile written at exit, after shutdown, no longer shows.
func watchHeapPeak(file string, stop <-chan struct{}) {
	var peak uint64
	ticker := time.NewTicker(heapPeakInterval)
	defer ticker.Stop()
	for {
		select {
		case <-stop:
			return
		case <-ticker.C:
		}
		live := liveHeap()
		if live <= peak {
			continue
		}
		peak = live
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
