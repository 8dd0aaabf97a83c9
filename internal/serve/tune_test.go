package serve

import (
	"os"
	"runtime/debug"
	"slices"
	"strings"
	"testing"
	"time"
)

// clearTFLog unsets every TF_LOG* variable for the test, restoring them after.
func clearTFLog(t *testing.T) {
	for _, kv := range os.Environ() {
		if name, _, _ := strings.Cut(kv, "="); strings.HasPrefix(name, "TF_LOG") {
			t.Setenv(name, "")
			os.Unsetenv(name)
		}
	}
}

// keepLoggers has tune leave the SDK's loggers alone (a TF_LOG is set) for
// a test about the GC settings.
func keepLoggers(t *testing.T) {
	clearTFLog(t)
	t.Setenv("TF_LOG", "trace")
}

type gcSettings struct {
	percent int
	limit   int64
}

// gcNow reads the GC percent and memory limit without changing them.
func gcNow() gcSettings {
	percent := debug.SetGCPercent(100)
	debug.SetGCPercent(percent)
	return gcSettings{percent: percent, limit: debug.SetMemoryLimit(-1)}
}

// keepGC restores the GC percent and memory limit when t ends.
func keepGC(t *testing.T) gcSettings {
	before := gcNow()
	t.Cleanup(func() {
		debug.SetGCPercent(before.percent)
		debug.SetMemoryLimit(before.limit)
	})
	return before
}

func TestTuneTurnsTheLoggersOffAndSetsTheGC(t *testing.T) {
	clearTFLog(t)
	for _, name := range sdkLogLevels {
		t.Setenv(name, "") // restored after the test
		os.Unsetenv(name)
	}
	t.Setenv("GOGC", "")
	t.Setenv("GOMEMLIMIT", "")
	keepGC(t)
	stop := tune()
	got := gcNow()
	stop() // returns once the limit's follower has ended
	for _, name := range sdkLogLevels {
		if got := os.Getenv(name); got != "off" {
			t.Errorf("%s = %q, want off", name, got)
		}
	}
	if want := (gcSettings{gcPercent, memoryLimit}); got != want {
		t.Errorf("GC settings %+v, want %+v", got, want)
	}
}

func TestTuneYieldsToTheEnvironment(t *testing.T) {
	keepLoggers(t)
	t.Setenv("GOGC", "150")
	t.Setenv("GOMEMLIMIT", "1GiB")
	before := keepGC(t)
	tune()()
	for _, name := range sdkLogLevels {
		if got := os.Getenv(name); got != "" {
			t.Errorf("%s = %q, want it unset so the SDK follows TF_LOG", name, got)
		}
	}
	if got := gcNow(); got != before {
		t.Errorf("tune changed the GC settings from %+v to %+v although GOGC and GOMEMLIMIT are set", before, got)
	}
}

// A GOGC of the user's own, off above all, paces collection alone: no
// memory limit, which would collect at it.
func TestTuneSetsNoMemoryLimitUnderTheUsersGOGC(t *testing.T) {
	for _, gogc := range []string{"off", "150"} {
		t.Run(gogc, func(t *testing.T) {
			keepLoggers(t)
			t.Setenv("GOGC", gogc)
			t.Setenv("GOMEMLIMIT", "")
			before := keepGC(t)
			tune()()
			if got := gcNow(); got != before {
				t.Errorf("GOGC=%s: tune changed the GC settings from %+v to %+v", gogc, before, got)
			}
		})
	}
}

// A GOMEMLIMIT of the user's own is the limit; the GC percent is still
// atlasx's.
func TestTuneKeepsTheUsersMemoryLimit(t *testing.T) {
	keepLoggers(t)
	t.Setenv("GOGC", "")
	t.Setenv("GOMEMLIMIT", "1GiB")
	before := keepGC(t)
	tune()()
	if got, want := gcNow(), (gcSettings{gcPercent, before.limit}); got != want {
		t.Errorf("GC settings %+v, want %+v", got, want)
	}
}

// terraform-plugin-go names the provider's logger after the address's last
// part; the variable that sets its level must be among those turned off.
func TestTheProvidersOwnLoggerIsAmongThoseTurnedOff(t *testing.T) {
	if providerLogLevel != "TF_LOG_PROVIDER_ATLASX" {
		t.Errorf("providerLogLevel = %q, want TF_LOG_PROVIDER_ATLASX", providerLogLevel)
	}
}

func TestTheMemoryLimitLeavesAtLeastTheLiveHeapAboveIt(t *testing.T) {
	for live, want := range map[uint64]int64{0: memoryLimit, 20 << 20: memoryLimit, memoryLimit / 2: memoryLimit, 60 << 20: 120 << 20} {
		if got := limitFor(live); got != want {
			t.Errorf("limitFor(%d) = %d, want %d", live, got, want)
		}
	}
}

// The limit follows the live heap at each tick, set only when it changes,
// and the follower ends when told to.
func TestTheMemoryLimitFollowsTheLiveHeap(t *testing.T) {
	live := []uint64{20 << 20, 60 << 20, 60 << 20, 80 << 20, 10 << 20}
	ticks, quit, done := make(chan time.Time), make(chan struct{}), make(chan struct{})
	var read int
	var set []int64
	go func() {
		defer close(done)
		followLiveHeap(ticks, func() uint64 { read++; return live[read-1] },
			func(limit int64) int64 { set = append(set, limit); return 0 }, quit)
	}()
	for range live {
		ticks <- time.Time{}
	}
	close(quit)
	<-done
	if want := []int64{120 << 20, 160 << 20, memoryLimit}; !slices.Equal(set, want) {
		t.Errorf("limits set %v, want %v", set, want)
	}
}
