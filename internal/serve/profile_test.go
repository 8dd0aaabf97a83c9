package serve

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
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
