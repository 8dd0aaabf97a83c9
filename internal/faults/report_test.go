package faults

import (
	"strings"
	"testing"
	"time"
)

func TestTableOrdersRowsAndShowsResults(t *testing.T) {
	var r Report
	r.Add(Row{Scenario: "2-server-errors", Parallelism: 10, Requests: 85, Retries: 4, Injected: 16, Wall: 3140 * time.Millisecond, Passed: true})
	r.Add(Row{Scenario: "1-rate-limit", Parallelism: 50, Requests: 275, Retries: 225, RateLimited: 225, Wall: 18 * time.Second, Passed: true})
	r.Add(Row{Scenario: "1-rate-limit", Parallelism: 1, Requests: 56, Retries: 6, RateLimited: 6, Wall: 21 * time.Second, Orphans: 1})
	lines := strings.Split(strings.TrimSpace(r.Table()), "\n")
	want := [][]string{
		{"scenario", "parallelism", "requests", "retries", "429s", "injected", "wall", "orphans", "duplicates", "result"},
		{"1-rate-limit", "1", "56", "6", "6", "0", "21s", "1", "0", "FAIL"},
		{"1-rate-limit", "50", "275", "225", "225", "0", "18s", "0", "0", "ok"},
		{"2-server-errors", "10", "85", "4", "0", "16", "3.1s", "0", "0", "ok"},
	}
	if len(lines) != len(want) {
		t.Fatalf("table has %d lines, want %d:\n%s", len(lines), len(want), r.Table())
	}
	for i, line := range lines {
		if got := strings.Fields(line); strings.Join(got, " ") != strings.Join(want[i], " ") {
			t.Errorf("line %d = %q, want the fields %q", i, line, want[i])
		}
	}
}
