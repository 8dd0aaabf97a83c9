package serve

import (
	"os"
	"runtime/debug"
	"strings"
	"testing"
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

func TestTuneTurnsTheLoggersOffAndSetsTheGC(t *testing.T) {
	clearTFLog(t)
	for _, name := range sdkLogLevels {
		t.Setenv(name, "") // restored after the test
		os.Unsetenv(name)
	}
	t.Setenv("GOGC", "")
	t.Setenv("GOMEMLIMIT", "")
	before := gcNow()
	t.Cleanup(func() {
		debug.SetGCPercent(before.percent)
		debug.SetMemoryLimit(before.limit)
	})
	tune()
	for _, name := range sdkLogLevels {
		if got := os.Getenv(name); got != "off" {
			t.Errorf("%s = %q, want off", name, got)
		}
	}
	if got, want := gcNow(), (gcSettings{gcPercent, memoryLimit}); got != want {
		t.Errorf("GC settings %+v, want %+v", got, want)
	}
}

func TestTuneYieldsToTheEnvironment(t *testing.T) {
	clearTFLog(t)
	t.Setenv("TF_LOG", "trace")
	t.Setenv("GOGC", "150")
	t.Setenv("GOMEMLIMIT", "1GiB")
	before := gcNow()
	tune()
	for _, name := range sdkLogLevels {
		if got := os.Getenv(name); got != "" {
			t.Errorf("%s = %q, want it unset so the SDK follows TF_LOG", name, got)
		}
	}
	if got := gcNow(); got != before {
		t.Errorf("tune changed the GC settings from %+v to %+v although GOGC and GOMEMLIMIT are set", before, got)
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
