package serve

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"
)

func TestProfilesAreWrittenWhenAskedFor(t *testing.T) {
	dir := t.TempDir()
	t.Setenv(ProfileDirEnv, dir)
	stop, err := startProfiles()
	if err != nil {
		t.Fatal(err)
	}
	if err := stop(); err != nil {
		t.Fatal(err)
	}
	for _, kind := range []string{"cpu", "allocs"} {
		file := filepath.Join(dir, fmt.Sprintf("%s-%d.pprof", kind, os.Getpid()))
		if info, err := os.Stat(file); err != nil || info.Size() == 0 {
			t.Errorf("%s: want a non-empty profile (%v)", file, err)
		}
	}
}

func TestNoProfilesUnlessAskedFor(t *testing.T) {
	t.Setenv(ProfileDirEnv, "")
	stop, err := startProfiles()
	if err != nil {
		t.Fatal(err)
	}
	if err := stop(); err != nil {
		t.Fatal(err)
	}
}

func TestHeapPeakIsWrittenWhenTheLiveHeapGrows(t *testing.T) {
	file := filepath.Join(t.TempDir(), "heap.pprof")
	stop, done := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(done)
		watchHeapPeak(file, stop)
	}()
	live := make([]byte, 8<<20) // grows the live heap, once collected
	runtime.GC()
	time.Sleep(3 * heapPeakInterval)
	close(stop)
	<-done
	runtime.KeepAlive(live)
	if info, err := os.Stat(file); err != nil || info.Size() == 0 {
		t.Errorf("want a heap profile at %s (%v)", file, err)
	}
}
