package serve

import (
	"runtime/debug"
	"testing"
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

func TestRuntimeSettingsApplyWhenTheEnvironmentSetsNone(t *testing.T) {
	t.Setenv("GOGC", "")
	t.Setenv("GOMEMLIMIT", "")
	before := debugSettings()
	t.Cleanup(func() {
		debug.SetGCPercent(before.percent)
		debug.SetMemoryLimit(before.limit)
	})
	tuneRuntime()
	if got := debugSettings(); got != (gcSettings{percent: gcPercent, limit: memoryLimit}) {
		t.Errorf("after tuneRuntime: %+v, want GC percent %d and limit %d", got, gcPercent, memoryLimit)
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
