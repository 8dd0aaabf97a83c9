package sharedreads

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/atlasx/terraform-provider-atlasx/internal/client"
)

var ws = Workspace{ProjectID: "p", Name: "w"}

func newReads(api *fakeAPI) (*Reads, *fakeClock) {
	clock := &fakeClock{now: time.Unix(1_000_000, 0)}
	return New(api, Config{MaxAge: 10 * time.Second, Clock: clock}), clock
}

func names(n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = fmt.Sprintf("c%d", i)
	}
	return out
}

// A read alone is one GET, and nothing else.
func TestLoneReadIsOneGet(t *testing.T) {
	api := newFakeAPI("a", "b")
	r, _ := newReads(api)
	if _, err := r.Read(context.Background(), ws, "a"); err != nil {
		t.Fatal(err)
	}
	if want := []string{"get a"}; !slices.Equal(api.calls, want) {
		t.Errorf("calls = %v, want %v", api.calls, want)
	}
}

// A refresh of N connections read in parallel is one GET (the first read)
// and one list, whatever order the reads come in.
func TestParallelReadsShareOneList(t *testing.T) {
	all := names(50)
	api := newFakeAPI(all...)
	r, _ := newReads(api)
	var wg sync.WaitGroup
	for _, n := range all {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if got, err := r.Read(context.Background(), ws, n); err != nil || got.Name != n {
				t.Errorf("Read(%s) = %+v, %v", n, got, err)
			}
		}()
	}
	wg.Wait()
	if gets, lists := api.count("get"), api.count("list"); gets != 1 || lists != 1 {
		t.Errorf("%d GETs and %d lists, want 1 and 1 (calls %v)", gets, lists, api.calls)
	}
}

// A reader that gives up while the list it started is under way does not
// fail the others waiting on it: they get their answer from that list.
func TestCanceledReaderDoesNotFailOthers(t *testing.T) {
	api := newFakeAPI("a", "b", "c")
	r, _ := newReads(api)
	if _, err := r.Read(context.Background(), ws, "a"); err != nil { // the GET
		t.Fatal(err)
	}
	api.listGate = make(chan struct{})
	first, cancel := context.WithCancel(context.Background())
	firstDone := make(chan error)
	go func() { _, err := r.Read(first, ws, "b"); firstDone <- err }()
	waitFor(t, func() bool { return api.count("list") == 1 })
	otherDone := make(chan error)
	go func() { _, err := r.Read(context.Background(), ws, "c"); otherDone <- err }()
	cancel()
	if err := <-firstDone; !errors.Is(err, context.Canceled) {
		t.Fatalf("the canceled reader returned %v, want context.Canceled", err)
	}
	close(api.listGate)
	if err := <-otherDone; err != nil {
		t.Fatalf("the other reader failed: %v", err)
	}
	if want := []string{"get a", "list"}; !slices.Equal(api.calls, want) {
		t.Errorf("calls = %v, want %v: the other reader was answered from the list", api.calls, want)
	}
}

// After this process writes a connection, a snapshot taken before the
// write no longer answers: the next read shows the write.
func TestWriteOutdatesOlderSnapshot(t *testing.T) {
	api := newFakeAPI("a", "b")
	r, clock := newReads(api)
	ctx := context.Background()
	_, _ = r.Read(ctx, ws, "a") // GET
	_, _ = r.Read(ctx, ws, "b") // list, taken now
	clock.advance(time.Second)
	if _, err := r.Update(ctx, ws, "b", client.ConnectionPatch{}); err != nil {
		t.Fatal(err)
	}
	clock.advance(time.Second)
	got, err := r.Read(ctx, ws, "b")
	if err != nil || got.State != client.StatePending {
		t.Fatalf("read after the update = %+v, %v; want it PENDING", got, err)
	}
	if want := []string{"get a", "list", "update b", "list"}; !slices.Equal(api.calls, want) {
		t.Errorf("calls = %v, want %v", api.calls, want)
	}
}

// A snapshot answers only while it is no older than MaxAge.
func TestSnapshotExpiresAfterMaxAge(t *testing.T) {
	api := newFakeAPI("a", "b")
	r, clock := newReads(api)
	ctx := context.Background()
	_, _ = r.Read(ctx, ws, "a") // GET
	_, _ = r.Read(ctx, ws, "b") // list
	clock.advance(9 * time.Second)
	_, _ = r.Read(ctx, ws, "a") // same list
	clock.advance(2 * time.Second)
	_, _ = r.Read(ctx, ws, "a") // the list is 11 s old: a new one
	if want := []string{"get a", "list", "list"}; !slices.Equal(api.calls, want) {
		t.Errorf("calls = %v, want %v", api.calls, want)
	}
}

// A connection the snapshot does not show is confirmed missing by a GET.
func TestMissingConnectionIsConfirmedByGet(t *testing.T) {
	api := newFakeAPI("a")
	r, _ := newReads(api)
	ctx := context.Background()
	_, _ = r.Read(ctx, ws, "a")
	if _, err := r.Read(ctx, ws, "gone"); !client.IsNotFound(err) {
		t.Fatalf("Read(gone) = %v, want a 404", err)
	}
	if want := []string{"get a", "list", "get gone"}; !slices.Equal(api.calls, want) {
		t.Errorf("calls = %v, want %v", api.calls, want)
	}
}

// A wait alone polls with GETs; waits of one workspace open together share
// one list per round of polls.
func TestWaitersSharePolls(t *testing.T) {
	api := newFakeAPI("a", "b")
	r, clock := newReads(api)
	ctx := context.Background()
	alone := r.Wait(ws, "a", clock.Now())
	clock.advance(time.Second)
	_, _ = alone.Poll(ctx)
	alone.Close()
	if want := []string{"get a"}; !slices.Equal(api.calls, want) {
		t.Fatalf("a lone wait sent %v, want %v", api.calls, want)
	}
	wa, wb := r.Wait(ws, "a", clock.Now()), r.Wait(ws, "b", clock.Now())
	defer wa.Close()
	defer wb.Close()
	for range 2 {
		clock.advance(time.Second)
		_, _ = wa.Poll(ctx)
		_, _ = wb.Poll(ctx)
	}
	if want := []string{"get a", "list", "list"}; !slices.Equal(api.calls, want) {
		t.Errorf("calls = %v, want %v: one list per round of two polls", api.calls, want)
	}
}

// waitFor polls cond until it holds; it bounds nothing the test asserts.
func waitFor(t *testing.T, cond func() bool) {
	t.Helper()
	for range 10_000 {
		if cond() {
			return
		}
		time.Sleep(time.Millisecond)
	}
	t.Fatal("condition never held")
}

// A read more than MaxAge after the workspace's last is alone again, and so
// is the first read after Forget (a new CLI command): each sends a GET.
func TestReadAloneAgainIsAGet(t *testing.T) {
	api := newFakeAPI("a", "b")
	r, clock := newReads(api)
	ctx := context.Background()
	_, _ = r.Read(ctx, ws, "a") // GET
	clock.advance(11 * time.Second)
	_, _ = r.Read(ctx, ws, "b") // alone again: GET
	_, _ = r.Read(ctx, ws, "a") // right after it: list
	r.Forget()
	_, _ = r.Read(ctx, ws, "b") // a new command: GET
	if want := []string{"get a", "get b", "list", "get b"}; !slices.Equal(api.calls, want) {
		t.Errorf("calls = %v, want %v", api.calls, want)
	}
}
