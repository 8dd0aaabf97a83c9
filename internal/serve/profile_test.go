package serve

import (
	"fmt"
	"os"
	"path/filepath"
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

// A heap profile is written at a tick that finds the live heap larger than
// ever before, and only then. A tick is taken only once the one before it
// is handled, so the file is looked at after a tick that finds no peak.
func TestHeapPeakIsWrittenWhenTheLiveHeapGrows(t *testing.T) {
	file := filepath.Join(t.TempDir(), "heap.pprof")
	live := []uint64{10 << 20, 5 << 20, 10 << 20, 8 << 20, 20 << 20}
	ticks, quit, done := make(chan time.Time), make(chan struct{}), make(chan struct{})
	var read int
	go func() {
		defer close(done)
		watchHeapPeak(ticks, func() uint64 { read++; return live[read-1] }, file, quit)
	}()
	written := func() bool {
		info, err := os.Stat(file)
		return err == nil && info.Size() > 0
	}
	ticks <- time.Time{} // 10 MiB, the first peak
	ticks <- time.Time{} // 5 MiB
	if !written() {
		t.Fatalf("no heap profile at %s after the first tick", file)
	}
	if err := os.Remove(file); err != nil {
		t.Fatal(err)
	}
	ticks <- time.Time{} // 10 MiB again, no new peak
	ticks <- time.Time{} // 8 MiB
	if written() {
		t.Errorf("a heap profile was written although the live heap was not above its peak")
	}
	ticks <- time.Time{} // 20 MiB
	close(quit)
	<-done
	if !written() {
		t.Errorf("no heap profile at %s after the live heap grew past its peak", file)
	}
}
