package main

import (
	"bytes"
	"context"
	"io"
	"os"
	"runtime"
	"strings"
	"testing"
	"time"
)

// TestQuickMode runs the benchmark end to end in its smallest form (N = 2,
// one run): a few seconds once the release build is cached. It checks that
// every step sent exactly the floor of requests per connection; the CPU and
// RSS goals are reported by `make bench`, not asserted here.
func TestQuickMode(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("the benchmark samples /proc: Linux only")
	}
	if testing.Short() {
		t.Skip("-short: skipping the benchmark's quick mode")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	var out, log bytes.Buffer
	stderr := io.Writer(&log)
	if testing.Verbose() {
		stderr = io.MultiWriter(&log, os.Stderr)
	}
	if err := run(ctx, []string{"-n", "2", "-runs", "1"}, &out, stderr); err != nil {
		t.Fatalf("bench: %v\n%s", err, log.String())
	}
	report := out.String()
	t.Log(report)
	for _, want := range []string{"| requests per connection at the least possible", "| release binary < 30 MiB |"} {
		line := lineWith(report, want)
		if line == "" {
			t.Errorf("the report has no %q row", want)
		} else if !strings.HasSuffix(line, "| PASS |") {
			t.Errorf("goal missed: %s", line)
		}
	}
	// The floor provider ran every step beside the provider.
	if !strings.Contains(report, "\n### Beside the floor") {
		t.Error("the report has no comparison with the floor provider")
	}
	for _, st := range steps(options{}) {
		if want := "| provider CPU <= 1.05× the floor's at N=2, " + st.name + " |"; lineWith(report, want) == "" {
			t.Errorf("the report has no %q row", want)
		}
	}
}

func TestPairedRatioIsTheMedianOfSameRunRatios(t *testing.T) {
	cpu := func(u usage) time.Duration { return u.providerCPU }
	runs := func(seconds ...float64) []usage {
		out := make([]usage, len(seconds))
		for i, s := range seconds {
			out[i].providerCPU = time.Duration(s * float64(time.Second))
		}
		return out
	}
	// Ratios 0.5, 2 and 0.8: the median is 0.8, whatever the medians of each side.
	if got := pairedRatio(runs(1, 4, 4), runs(2, 2, 5), cpu); got < 0.799 || got > 0.801 {
		t.Errorf("pairedRatio = %v, want 0.8", got)
	}
	if got := pairedRatio(runs(1), runs(0), cpu); got != 0 {
		t.Errorf("pairedRatio with no usable run = %v, want 0", got)
	}
}

func lineWith(s, prefix string) string {
	for _, line := range strings.Split(s, "\n") {
		if strings.HasPrefix(line, prefix) {
			return line
		}
	}
	return ""
}

func TestPerConnection(t *testing.T) {
	for _, tc := range []struct {
		mix  requestMix
		n    int
		want string
	}{
		{requestMix{Post: 200, Token: 1}, 200, "1 POST"},
		{requestMix{Get: 400, Delete: 200}, 200, "2 GET + 1 DELETE"},
		{requestMix{Get: 3, Patch: 2}, 2, "1.50 GET + 1 PATCH"},
		{requestMix{Token: 2}, 5, "none"},
	} {
		if got := perConnection([]requestMix{tc.mix}, tc.n); got != tc.want {
			t.Errorf("perConnection(%+v, %d) = %q, want %q", tc.mix, tc.n, got, tc.want)
		}
	}
}

func TestAtFloor(t *testing.T) {
	s := &stepResult{step: step{leastRequests: requestMix{Get: 1, Patch: 1}}}
	s.mixes = []requestMix{{Get: 5, Patch: 5, Token: 2}}
	if !atFloor(s, 5) {
		t.Error("5 GET + 5 PATCH for 5 connections is at the floor")
	}
	s.mixes = append(s.mixes, requestMix{Get: 6, Patch: 5})
	if atFloor(s, 5) {
		t.Error("a run with an extra GET is not at the floor")
	}
}

func TestReadStat(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("Linux only")
	}
	st, err := readStat(os.Getpid())
	if err != nil {
		t.Fatal(err)
	}
	if st.ppid != os.Getppid() {
		t.Errorf("ppid = %d, want %d", st.ppid, os.Getppid())
	}
	if hwm, err := readHWM(os.Getpid()); err != nil || hwm <= 0 {
		t.Errorf("readHWM = %d, %v", hwm, err)
	}
}
