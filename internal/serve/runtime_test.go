package serve

import (
	"runtime"
	"runtime/debug"
	"testing"
	"time"
)

type gcSettings struct {
	percent int
	limit   int64
}

// debugSettings reads the GC percent and memory limit without changing them.
func debugSettings() gcSettings {
	percent := debug.SetGCPercent(100)
	debug.SetGCPercent(percent)
	return gcSettings{percent: percent, limit: debug.SetMemoryLimit(-1)}
}

func TestTheMemoryLimitLeavesAtLeastTheLiveHeapAboveIt(t *testing.T) {
	for live, want := range map[uint64]int64{0: memoryLimit, 20 << 20: memoryLimit, memoryLimit / 2: memoryLimit, 60 << 20: 120 << 20} {
		if got := limitFor(live); got != want {
			t.Errorf("limitFor(%d) = %d, want %d", live, got, want)
		}
	}
}

func TestMemoryLimitAppliesWhenTheEnvironmentSetsNone(t *testing.T) {
	t.Setenv("GOGC", "100") // keeps the GC percent out of this test
	t.Setenv("GOMEMLIMIT", "")
	before := debugSettings()
	t.Cleanup(func() { debug.SetMemoryLimit(before.limit) })
	tuneRuntime()
	if got := debugSettings().limit; got != memoryLimit {
		t.Errorf("memory limit after tuneRuntime: %d, want %d", got, memoryLimit)
	}
}

func TestGCPercentRisesOnlyOnceTheLiveHeapIsLarge(t *testing.T) {
	before := debugSettings()
	t.Cleanup(func() { debug.SetGCPercent(before.percent) })
	debug.SetGCPercent(100)

	runtime.GC()
	large := liveHeap() + 16<<20 // whatever the test binary holds already
	done := make(chan struct{})
	go func() {
		defer close(done)
		followLiveHeap(true, false, large, time.Millisecond)
	}()
	time.Sleep(20 * time.Millisecond)
	if got := debugSettings().percent; got != 100 {
		t.Fatalf("GC percent %d with a small live heap, want Go's default 100", got)
	}
	live := make([]byte, 2*large)
	runtime.GC()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("the GC percent was not raised once the live heap passed largeHeap")
	}
	runtime.KeepAlive(live)
	if got := debugSettings().percent; got != largeGCPercent {
		t.Errorf("GC percent %d, want %d", got, largeGCPercent)
	}
}

func TestRuntimeSettingsYieldToTheEnvironment(t *testing.T) {
	t.Setenv("GOGC", "150")
	t.Setenv("GOMEMLIMIT", "1GiB")
	before := debugSettings()
	tuneRuntime()
	if after := debugSettings(); after != before {
		t.Errorf("tuneRuntime changed %+v to %+v although GOGC and GOMEMLIMIT are set", before, after)
	}
}
