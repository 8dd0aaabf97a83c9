// Package faults holds the reliability matrix: acceptance tests that apply
// a fleet of stream connections against an emulator that throttles, fails,
// drops, loses answers, stalls and gets interrupted, and check that every
// run converges with nothing orphaned or duplicated. This file is the
// matrix's report; the scenarios are its tests.
package faults

import (
	"cmp"
	"fmt"
	"os"
	"slices"
	"strings"
	"sync"
	"text/tabwriter"
	"time"
)

// TableEnv names the file the matrix writes its table to, when set:
// `make faults` prints it.
const TableEnv = "ATLASX_FAULTS_TABLE"

// Row is how one scenario went at one -parallelism. The counts are those of
// the scenario's apply (both applies, when it interrupts the first), as the
// provider's API clients counted them.
type Row struct {
	Scenario    string
	Parallelism int
	Requests    int64 // HTTP attempts, retries included
	Retries     int64 // attempts after the first of their call
	RateLimited int64 // 429 answers seen
	Injected    int   // faults the emulator injected (5xx, drops, lost answers, stalls)
	Wall        time.Duration
	Orphans     int // connections in Atlas that the state does not hold
	Duplicates  int // connection objects made beyond one per resource, clean-ups aside
	Passed      bool
}

// Report collects rows from scenarios running in parallel.
type Report struct {
	mu   sync.Mutex
	rows []Row
}

// Add records a row; safe for concurrent use.
func (r *Report) Add(row Row) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.rows = append(r.rows, row)
}

// Table renders the rows, ordered by scenario then parallelism, as aligned
// columns.
func (r *Report) Table() string {
	r.mu.Lock()
	rows := slices.Clone(r.rows)
	r.mu.Unlock()
	slices.SortFunc(rows, func(a, b Row) int {
		return cmp.Or(cmp.Compare(a.Scenario, b.Scenario), cmp.Compare(a.Parallelism, b.Parallelism))
	})
	var b strings.Builder
	tw := tabwriter.NewWriter(&b, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "scenario\tparallelism\trequests\tretries\t429s\tinjected\twall\torphans\tduplicates\tresult\t")
	for _, row := range rows {
		result := "FAIL"
		if row.Passed {
			result = "ok"
		}
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%d\t%d\t%s\t%d\t%d\t%s\t\n", row.Scenario, row.Parallelism, row.Requests, row.Retries,
			row.RateLimited, row.Injected, row.Wall.Round(100*time.Millisecond), row.Orphans, row.Duplicates, result)
	}
	_ = tw.Flush()
	return b.String()
}

// WriteTable writes the table to the file TableEnv names, if it names one.
func (r *Report) WriteTable() error {
	path := os.Getenv(TableEnv)
	if path == "" {
		return nil
	}
	return os.WriteFile(path, []byte(r.Table()), 0o644)
}
