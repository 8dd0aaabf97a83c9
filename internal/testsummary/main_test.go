package main

import (
	"bytes"
	"strings"
	"testing"
)

const events = `{"Action":"run","Package":"example.com/a","Test":"TestOK"}
{"Action":"output","Package":"example.com/a","Test":"TestOK","Output":"=== RUN   TestOK\n"}
{"Action":"output","Package":"example.com/a","Test":"TestOK","Output":"    a_test.go:9: chatter of a passing test\n"}
{"Action":"pass","Package":"example.com/a","Test":"TestOK","Elapsed":0.1}
{"Action":"output","Package":"example.com/a","Test":"TestOld","Output":"=== RUN   TestOld\n"}
{"Action":"output","Package":"example.com/a","Test":"TestOld","Output":"    a_test.go:12: needs Terraform 1.14 (this CLI is 1.5.7)\n"}
{"Action":"output","Package":"example.com/a","Test":"TestOld","Output":"--- SKIP: TestOld (0.00s)\n"}
{"Action":"skip","Package":"example.com/a","Test":"TestOld"}
{"Action":"output","Package":"example.com/a","Test":"TestBad","Output":"    a_test.go:20: want 1, got 2\n"}
{"Action":"output","Package":"example.com/a","Test":"TestBad","Output":"--- FAIL: TestBad (0.01s)\n"}
{"Action":"fail","Package":"example.com/a","Test":"TestBad"}
{"Action":"output","Package":"example.com/a","Output":"FAIL\n"}
{"Action":"output","Package":"example.com/a","Output":"FAIL\texample.com/a\t1.500s\n"}
{"Action":"fail","Package":"example.com/a","Elapsed":1.5}
{"Action":"pass","Package":"example.com/b","Elapsed":0.2}
not an event
`

func TestSummaryShowsFailuresCountsAndSkipReasons(t *testing.T) {
	var out bytes.Buffer
	s := &summary{out: &out, output: map[testKey][]string{}, counts: map[string]int{}}
	if err := s.read(strings.NewReader(events)); err != nil {
		t.Fatal(err)
	}
	s.report()
	got := out.String()
	for _, want := range []string{
		"    a_test.go:20: want 1, got 2\n--- FAIL: TestBad",
		"FAIL\texample.com/a\t1.500s",
		"ok  \texample.com/b\t0.2s",
		"not an event",
		"tests (subtests included): 1 passed, 1 skipped, 1 failed",
		"skipped example.com/a TestOld: a_test.go:12: needs Terraform 1.14 (this CLI is 1.5.7)",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("the summary lacks %q:\n%s", want, got)
		}
	}
	if strings.Contains(got, "chatter") {
		t.Errorf("the summary shows a passing test's output:\n%s", got)
	}
	if n := strings.Count(got, "FAIL\texample.com/a"); n != 1 {
		t.Errorf("the failed package's result is said %d times, want once:\n%s", n, got)
	}
	if !s.failed {
		t.Error("a failed test did not fail the summary")
	}
}
