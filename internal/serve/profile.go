package serve

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"time"
)

// ProfileDirEnv names a directory where each provider process writes a CPU
// profile (cpu-<pid>.pprof) and an allocation profile (allocs-<pid>.pprof,
// with what is still live at exit as inuse_space) when it ends, and, while
// it runs, a heap profile of its largest live heap (heap-<pid>.pprof). The CLI
// passes its environment on to the providers it starts, so setting it for a
// CLI command profiles every provider process of that command.
const ProfileDirEnv = "ATLASX_PROFILE_DIR"

// startProfiles starts the CPU profile when ProfileDirEnv is set, and returns
// what writes both profiles; without it both do nothing.
func startProfiles() (stop func() error, err error) {
	dir := os.Getenv(ProfileDirEnv)
	if dir == "" {
		return func() error { return nil }, nil
	}
	pid := os.Getpid()
	cpu, err := os.Create(filepath.Join(dir, fmt.Sprintf("cpu-%d.pprof", pid)))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", ProfileDirEnv, err)
	}
	if err := pprof.StartCPUProfile(cpu); err != nil {
		cpu.Close()
		return nil, fmt.Errorf("%s: %w", ProfileDirEnv, err)
	}
	ticker := time.NewTicker(heapPeakInterval)
	stopWatching, watching := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(watching)
		watchHeapPeak(ticker.C, liveHeap, filepath.Join(dir, fmt.Sprintf("heap-%d.pprof", pid)), stopWatching)
	}()
	return func() error {
		close(stopWatching)
		<-watching // a profile being written is finished before the process ends
		ticker.Stop()
		pprof.StopCPUProfile()
		cpuErr := cpu.Close()
		return errors.Join(cpuErr, writeAllocs(filepath.Join(dir, fmt.Sprintf("allocs-%d.pprof", pid))))
	}, nil
}

// writeAllocs writes the allocation profile after a collection, so that its
// in-use figures are what the process still holds at its end.
func writeAllocs(file string) error {
	f, err := os.Create(file)
	if err != nil {
		return err
	}
	runtime.GC()
	return errors.Join(pprof.Lookup("allocs").WriteTo(f, 0), f.Close())
}
