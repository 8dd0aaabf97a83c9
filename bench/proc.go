package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// clockTick is the unit of utime and stime in /proc/<pid>/stat (USER_HZ,
// 100 on every Linux architecture Go supports).
const clockTick = 10 * time.Millisecond

// usage is what one CLI command cost.
type usage struct {
	wall time.Duration
	// cliCPU is the CLI process's own user+system time; providerCPU that of
	// every provider process it started (the CLI starts several per command).
	cliCPU, providerCPU time.Duration
	// Peak resident set sizes (VmHWM), in bytes: the CLI's, and the largest
	// of its provider processes'.
	cliPeakRSS, providerPeakRSS int64
	providerProcs               int
	// providerSampled is the providers' CPU as last sampled: a lower bound
	// of providerCPU, printed with -v as a check of the split.
	providerSampled time.Duration
}

// runMeasured runs cmd to its end, sampling /proc every interval: the
// CLI's own CPU time and VmHWM, and those of its children whose executable
// is the provider.
//
// CPU: the kernel hands the CLI's wait status the CPU time of the CLI plus
// every child it reaped (rusage), exactly. The CLI's own share is its
// utime+stime at the last sample; the providers' is the rest. A sample
// misses at most one interval of the CLI's own CPU, which is then counted
// against the provider: the split never flatters the provider.
// RSS: VmHWM is a high-water mark, so the last sample of each process sees
// its peak unless it grew in its last interval.
func runMeasured(ctx context.Context, cmd *exec.Cmd, interval time.Duration) (usage, error) {
	var u usage
	start := time.Now()
	if err := cmd.Start(); err != nil {
		return u, err
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()

	pid := cmd.Process.Pid
	var cliTicks uint64
	providers := map[int]bool{}
	providerTicks := map[int]uint64{}
	sample := func() {
		if st, err := readStat(pid); err == nil {
			cliTicks = st.utime + st.stime
		}
		if hwm, err := readHWM(pid); err == nil {
			u.cliPeakRSS = max(u.cliPeakRSS, hwm)
		}
		for _, child := range providerChildren(pid, providers) {
			if hwm, err := readHWM(child); err == nil {
				u.providerPeakRSS = max(u.providerPeakRSS, hwm)
			}
			if st, err := readStat(child); err == nil {
				providerTicks[child] = st.utime + st.stime
			}
		}
	}
	ticker := time.NewTicker(interval)
	defer ticker.Stop()
	var err error
loop:
	for {
		sample()
		select {
		case err = <-done:
			break loop
		case <-ticker.C:
		case <-ctx.Done():
			_ = cmd.Process.Signal(syscall.SIGINT)
			return u, errors.Join(ctx.Err(), <-done)
		}
	}
	u.wall = time.Since(start)
	u.providerProcs = len(providers)
	for _, ticks := range providerTicks {
		u.providerSampled += time.Duration(ticks) * clockTick
	}
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		total := time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
		u.cliCPU = min(time.Duration(cliTicks)*clockTick, total)
		u.providerCPU = total - u.cliCPU
	}
	return u, err
}

type procStat struct {
	ppid         int
	utime, stime uint64
}

// readStat parses /proc/<pid>/stat; the fields after the command name,
// which is in parentheses and may itself hold spaces or parentheses.
func readStat(pid int) (procStat, error) {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return procStat{}, err
	}
	i := bytes.LastIndexByte(b, ')')
	if i < 0 {
		return procStat{}, errors.New("malformed stat")
	}
	// After ") ": state(3) ppid(4) ... utime(14) stime(15), numbered as in proc(5).
	f := strings.Fields(string(b[i+1:]))
	if len(f) < 13 {
		return procStat{}, errors.New("short stat")
	}
	var st procStat
	st.ppid, _ = strconv.Atoi(f[1])
	st.utime, _ = strconv.ParseUint(f[11], 10, 64)
	st.stime, _ = strconv.ParseUint(f[12], 10, 64)
	return st, nil
}

// readHWM returns VmHWM from /proc/<pid>/status, in bytes.
func readHWM(pid int) (int64, error) {
	f, err := os.Open("/proc/" + strconv.Itoa(pid) + "/status")
	if err != nil {
		return 0, err
	}
	defer f.Close()
	scanner := bufio.NewScanner(f)
	for scanner.Scan() {
		if rest, ok := strings.CutPrefix(scanner.Text(), "VmHWM:"); ok {
			kb, err := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
			return kb * 1024, err
		}
	}
	return 0, fmt.Errorf("no VmHWM for pid %d", pid)
}

// providerChildren returns the live children of parent whose executable is
// the provider, remembering each in seen. (/proc/<pid>/task/*/children is not
// on every kernel, so it scans /proc.)
func providerChildren(parent int, seen map[int]bool) []int {
	entries, err := os.ReadDir("/proc")
	if err != nil {
		return nil
	}
	var out []int
	for _, e := range entries {
		pid, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		if seen[pid] {
			if _, err := os.Stat("/proc/" + e.Name()); err == nil {
				out = append(out, pid)
			}
			continue
		}
		st, err := readStat(pid)
		if err != nil || st.ppid != parent {
			continue
		}
		exe, err := os.Readlink("/proc/" + e.Name() + "/exe")
		if err != nil || filepath.Base(exe) != providerName {
			continue
		}
		seen[pid] = true
		out = append(out, pid)
	}
	return out
}
