// Command testsummary reads `go test -json` on stdin and prints what a person
// reading a CI log needs: each package's result as it finishes, the output
// of every test that failed (and of a package that failed outside its
// tests), and at the end how many tests passed, skipped and failed,
// subtests included, with the reason each skip gave. It exits 1 when
// anything failed.
//
//	go test ./... -json | go run ./internal/testsummary
package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
)

// event is one line of `go test -json` (cmd/test2json).
type event struct {
	Action     string
	Package    string
	ImportPath string // build-output and build-fail
	Test       string
	Elapsed    float64
	Output     string
}

type testKey struct{ pkg, test string }

type summary struct {
	out     io.Writer
	output  map[testKey][]string // buffered until the test (or package, test "") ends
	counts  map[string]int       // pass, skip, fail
	skipped []string
	failed  bool
}

func main() {
	s := &summary{out: os.Stdout, output: map[testKey][]string{}, counts: map[string]int{}}
	if err := s.read(os.Stdin); err != nil {
		fmt.Fprintln(os.Stderr, "testsummary:", err)
		os.Exit(2)
	}
	s.report()
	if s.failed {
		os.Exit(1)
	}
}

func (s *summary) read(r io.Reader) error {
	scanner := bufio.NewScanner(r)
	scanner.Buffer(make([]byte, 0, 1<<20), 64<<20)
	for scanner.Scan() {
		line := scanner.Bytes()
		var e event
		if json.Unmarshal(line, &e) != nil || e.Action == "" {
			// Not an event (go vet or the go command speaking): pass it on.
			fmt.Fprintln(s.out, string(line))
			continue
		}
		s.handle(e)
	}
	return scanner.Err()
}

func (s *summary) handle(e event) {
	key := testKey{e.Package, e.Test}
	switch e.Action {
	case "build-output":
		fmt.Fprint(s.out, e.Output)
	case "build-fail":
		s.failed = true
	case "output":
		s.output[key] = append(s.output[key], e.Output)
	case "pass", "skip", "fail":
		if e.Test == "" {
			s.packageDone(e)
			return
		}
		s.counts[e.Action]++
		switch e.Action {
		case "skip":
			s.skipped = append(s.skipped, fmt.Sprintf("%s %s: %s", short(e.Package), e.Test, skipReason(s.output[key])))
		case "fail":
			s.failed = true
			fmt.Fprint(s.out, strings.Join(s.output[key], ""))
		}
		delete(s.output, key)
	}
}

// packageDone prints a package's result line, and the package's own output
// when it failed (a panic, a TestMain that gave up, a timeout).
func (s *summary) packageDone(e event) {
	key := testKey{e.Package, ""}
	switch e.Action {
	case "fail":
		s.failed = true
		own := strings.Join(s.output[key], "")
		fmt.Fprint(s.out, own)
		// Tests still running when the package died never ended: show
		// what they printed.
		for k, lines := range s.output {
			if k.pkg == e.Package && k.test != "" {
				fmt.Fprintf(s.out, "--- %s did not finish:\n%s", k.test, strings.Join(lines, ""))
				delete(s.output, k)
			}
		}
		if !strings.Contains(own, "FAIL\t"+e.Package) { // go test's own result line
			fmt.Fprintf(s.out, "FAIL\t%s\t%.1fs\n", e.Package, e.Elapsed)
		}
	case "skip":
		fmt.Fprintf(s.out, "?   \t%s\t[no test files]\n", e.Package)
	default:
		fmt.Fprintf(s.out, "ok  \t%s\t%.1fs\n", e.Package, e.Elapsed)
	}
	delete(s.output, key)
}

func (s *summary) report() {
	fmt.Fprintf(s.out, "\ntests (subtests included): %d passed, %d skipped, %d failed\n", s.counts["pass"], s.counts["skip"], s.counts["fail"])
	slices.Sort(s.skipped)
	for _, skip := range s.skipped {
		fmt.Fprintln(s.out, "  skipped", skip)
	}
}

// skipReason is what a skipped test said, without go test's own lines.
func skipReason(lines []string) string {
	var said []string
	for _, l := range lines {
		l = strings.TrimSpace(l)
		if l == "" || strings.HasPrefix(l, "=== ") || strings.HasPrefix(l, "--- ") {
			continue
		}
		said = append(said, l)
	}
	if len(said) == 0 {
		return "(no reason given)"
	}
	return strings.Join(said, " ")
}

// short drops the module path from a package's import path.
func short(pkg string) string {
	return strings.TrimPrefix(pkg, "github.com/atlasx/terraform-provider-atlasx/")
}
