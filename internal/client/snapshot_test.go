package client_test

import (
	"context"
	"fmt"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/atlasx/terraform-provider-atlasx/internal/client"
	"github.com/atlasx/terraform-provider-atlasx/internal/emulator"
)

// fillWorkspace puts n Sample connections c000.. into the seed's workspace.
func fillWorkspace(t *testing.T, em *emulator.Emulator, seed emulator.Seed, n int) []string {
	t.Helper()
	names := make([]string, n)
	for i := range names {
		names[i] = fmt.Sprintf("c%03d", i)
		if err := em.PutConnection(seed.ProjectID, seed.Workspace, map[string]any{"name": names[i], "type": "Sample"}); err != nil {
			t.Fatal(err)
		}
	}
	return names
}

// readAll reads every name at once, as Terraform's parallel refresh does,
// and fails the test on any error or wrong answer.
func readAll(t *testing.T, c *client.Client, seed emulator.Seed, names []string) {
	t.Helper()
	var wg sync.WaitGroup
	for _, name := range names {
		wg.Go(func() {
			got, err := c.ReadStreamConnection(context.Background(), seed.ProjectID, seed.Workspace, name)
			if err != nil || got.Name != name {
				t.Errorf("ReadStreamConnection(%s) = %+v, %v", name, got, err)
			}
		})
	}
	wg.Wait()
}

type requests struct{ gets, lists int }

func countReads(em *emulator.Emulator) requests {
	return requests{gets: em.Count(http.MethodGet, emulator.RouteConnection), lists: em.Count(http.MethodGet, emulator.RouteConnections)}
}

func TestReadAloneSendsOneGet(t *testing.T) {
	t.Parallel()
	em, seed := startEmulator(t)
	names := fillWorkspace(t, em, seed, 3)
	c := newEmulatorClient(t, em, accessToken(seed))
	readAll(t, c, seed, names[:1])
	if got := countReads(em); got != (requests{gets: 1}) {
		t.Errorf("one read sent %+v, want one GET and no list", got)
	}
}

// Reads that arrive together share one list of their workspace: 300 reads
// cost the first one's GET and a page, not 300 GETs.
func TestReadsTogetherShareOneList(t *testing.T) {
	t.Parallel()
	em, seed := startEmulator(t, emulator.WithLatency(50*time.Millisecond))
	names := fillWorkspace(t, em, seed, 300)
	c := newEmulatorClient(t, em, accessToken(seed))
	readAll(t, c, seed, names)
	if got := countReads(em); got.lists != 1 || got.gets > 2 {
		t.Errorf("300 reads sent %+v, want one list and at most the first read's GET (two if the list started late)", got)
	}
	// Later reads in the same command are served from the same list.
	em.ResetCounts()
	readAll(t, c, seed, names[:10])
	if got := countReads(em); got != (requests{}) {
		t.Errorf("reads within the snapshot's age sent %+v, want none", got)
	}
}

// On a busy machine a refresh's first reads may come one after another:
// those within a second of a GET share a list all the same.
func TestReadsThatTrickleInShareOneList(t *testing.T) {
	t.Parallel()
	em, seed := startEmulator(t)
	names := fillWorkspace(t, em, seed, 10)
	c := newEmulatorClient(t, em, accessToken(seed))
	for _, name := range names {
		readAll(t, c, seed, []string{name})
	}
	if got := countReads(em); got != (requests{gets: 1, lists: 1}) {
		t.Errorf("10 reads one after another sent %+v, want the first one's GET and one list", got)
	}
	// The next command's first read is alone again.
	c.ForgetSnapshots()
	em.ResetCounts()
	readAll(t, c, seed, names[:1])
	if got := countReads(em); got != (requests{gets: 1}) {
		t.Errorf("the first read after ForgetSnapshots sent %+v, want its own GET", got)
	}
}

// A snapshot answers reads only while it is younger than SnapshotMaxAge:
// once it is older, a read sends a request of its own and sees a change made
// outside since.
func TestASnapshotOlderThanItsMaxAgeAnswersNoRead(t *testing.T) {
	t.Parallel()
	const maxAge = 2 * time.Second
	em, seed := startEmulator(t, emulator.WithLatency(20*time.Millisecond))
	names := fillWorkspace(t, em, seed, 20)
	c := newEmulatorClient(t, em, func(cfg *client.Config) {
		accessToken(seed)(cfg)
		cfg.SnapshotMaxAge = maxAge
	})
	ctx := context.Background()
	started := time.Now()
	readAll(t, c, seed, names)
	if err := em.SetField(seed.ProjectID, seed.Workspace, names[5], "region", "DUBLIN_IRL"); err != nil {
		t.Fatal(err)
	}
	before := countReads(em)
	young, err := c.ReadStreamConnection(ctx, seed.ProjectID, seed.Workspace, names[5])
	if err != nil {
		t.Fatal(err)
	}
	// On a machine so loaded that the reads took longer than maxAge, the
	// snapshot is already too old to answer; that case is the one below.
	if time.Since(started) < maxAge && (countReads(em) != before || young.Region == "DUBLIN_IRL") {
		t.Fatalf("a read within the snapshot's max age sent %+v after %+v and saw region %q: want it answered from the snapshot", countReads(em), before, young.Region)
	}
	time.Sleep(maxAge - time.Since(started) + 10*time.Millisecond)
	before = countReads(em)
	old, err := c.ReadStreamConnection(ctx, seed.ProjectID, seed.Workspace, names[5])
	if err != nil || old.Region != "DUBLIN_IRL" {
		t.Fatalf("a read past the snapshot's max age = %+v, %v; want the region changed outside", old, err)
	}
	if got, want := countReads(em), (requests{gets: before.gets + 1, lists: before.lists}); got != want {
		t.Errorf("a read past the snapshot's max age sent %+v after %+v, want one GET", got, before)
	}
}

// The next command (the provider is configured again) never sees the last
// one's list: a change made outside Terraform in between shows.
func TestForgetSnapshotsShowsOutsideChanges(t *testing.T) {
	t.Parallel()
	em, seed := startEmulator(t, emulator.WithLatency(20*time.Millisecond))
	names := fillWorkspace(t, em, seed, 20)
	c := newEmulatorClient(t, em, accessToken(seed))
	readAll(t, c, seed, names)
	if err := em.SetField(seed.ProjectID, seed.Workspace, names[5], "region", "DUBLIN_IRL"); err != nil {
		t.Fatal(err)
	}
	c.ForgetSnapshots()
	got, err := c.ReadStreamConnection(context.Background(), seed.ProjectID, seed.Workspace, names[5])
	if err != nil || got.Region != "DUBLIN_IRL" {
		t.Fatalf("after ForgetSnapshots read %+v, %v; want the region changed outside", got, err)
	}
}

// A snapshot never hides this process's own writes: after an update, a read
// shows it even with a snapshot younger than Config.SnapshotMaxAge at hand.
func TestReadAfterWriteShowsTheWrite(t *testing.T) {
	t.Parallel()
	em, seed := startEmulator(t, emulator.WithLatency(20*time.Millisecond))
	names := fillWorkspace(t, em, seed, 20)
	c := newEmulatorClient(t, em, accessToken(seed))
	ctx := context.Background()
	readAll(t, c, seed, names)
	created, err := c.CreateStreamConnection(ctx, seed.ProjectID, seed.Workspace, &client.StreamConnection{Name: "https", Type: client.TypeHTTPS, URL: "https://a.example.com"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.UpdateStreamConnection(ctx, seed.ProjectID, seed.Workspace, created.Name, client.ConnectionPatch{"url": "https://b.example.com"}); err != nil {
		t.Fatal(err)
	}
	got, err := c.ReadStreamConnection(ctx, seed.ProjectID, seed.Workspace, created.Name)
	if err != nil || got.URL != "https://b.example.com" {
		t.Fatalf("read after update = %+v, %v; want the updated url", got, err)
	}
	if err := c.DeleteStreamConnection(ctx, seed.ProjectID, seed.Workspace, created.Name); err != nil {
		t.Fatal(err)
	}
	if _, err := c.ReadStreamConnection(ctx, seed.ProjectID, seed.Workspace, created.Name); !client.IsNotFound(err) {
		t.Fatalf("read after delete: %v, want a 404", err)
	}
}

// A connection a list does not show is looked up before it is reported
// missing: the list may have raced its create.
func TestConnectionMissingFromTheListIsConfirmedWithAGet(t *testing.T) {
	t.Parallel()
	em, seed := startEmulator(t, emulator.WithLatency(20*time.Millisecond))
	names := fillWorkspace(t, em, seed, 20)
	c := newEmulatorClient(t, em, accessToken(seed))
	readAll(t, c, seed, names)
	// Made by another process after the list was taken.
	if err := em.PutConnection(seed.ProjectID, seed.Workspace, map[string]any{"name": "late", "type": "Sample"}); err != nil {
		t.Fatal(err)
	}
	em.ResetCounts()
	got, err := c.ReadStreamConnection(context.Background(), seed.ProjectID, seed.Workspace, "late")
	if err != nil || got.Name != "late" {
		t.Fatalf("read of a connection the list missed = %+v, %v", got, err)
	}
	if got := countReads(em); got != (requests{gets: 1}) {
		t.Errorf("sent %+v, want the one confirming GET", got)
	}
}

// A list that fails costs nothing but its own attempts: every read falls
// back to its GET and succeeds.
func TestFailedListFallsBackToGets(t *testing.T) {
	t.Parallel()
	em, seed := startEmulator(t, emulator.WithLatency(20*time.Millisecond))
	names := fillWorkspace(t, em, seed, 20)
	em.SetFaults(emulator.Faults{ServerError: emulator.Fault{Rate: 1, Scope: emulator.Scope{Routes: []string{emulator.RouteConnections}, Methods: []string{http.MethodGet}}}})
	c := newEmulatorClient(t, em, accessToken(seed))
	readAll(t, c, seed, names)
	if got := countReads(em); got.gets != len(names) {
		t.Errorf("sent %d GETs, want one per read (%d) after the list failed", got.gets, len(names))
	}
}

// Waits of one workspace that are open together share lists: 30 PENDING
// connections settle for far fewer requests than a GET each per poll.
func TestWaitsShareLists(t *testing.T) {
	t.Parallel()
	em, seed := startEmulator(t, emulator.WithLatency(10*time.Millisecond))
	em.SetLifecycle(emulator.Lifecycle{PendingFor: 300 * time.Millisecond})
	c := newEmulatorClient(t, em, accessToken(seed))
	ctx := context.Background()
	const n = 30
	var wg sync.WaitGroup
	polls := make([]int, n)
	for i := range n {
		wg.Go(func() {
			name := fmt.Sprintf("w%02d", i)
			created, err := c.CreateStreamConnection(ctx, seed.ProjectID, seed.Workspace, &client.StreamConnection{Name: name, Type: client.TypeSample})
			if err != nil {
				t.Error(err)
				return
			}
			wait := c.Wait(seed.ProjectID, seed.Workspace, name, time.Now())
			defer wait.Close()
			for conn := created; conn.State == client.StatePending; polls[i]++ {
				time.Sleep(50 * time.Millisecond)
				if conn, err = wait.Poll(ctx); err != nil {
					t.Error(err)
					return
				}
			}
		})
	}
	wg.Wait()
	total := 0
	for _, p := range polls {
		total += p
	}
	got := countReads(em)
	t.Logf("%d polls answered by %d lists and %d GETs", total, got.lists, got.gets)
	if total < n || got.lists+got.gets > total/3 {
		t.Errorf("%d polls sent %+v, want a third of that or less", total, got)
	}
}

// A wait alone polls with its own GET, as before waits were shared.
func TestWaitAlonePollsWithAGet(t *testing.T) {
	t.Parallel()
	em, seed := startEmulator(t)
	names := fillWorkspace(t, em, seed, 5)
	c := newEmulatorClient(t, em, accessToken(seed))
	wait := c.Wait(seed.ProjectID, seed.Workspace, names[0], time.Now())
	defer wait.Close()
	for range 3 {
		if _, err := wait.Poll(context.Background()); err != nil {
			t.Fatal(err)
		}
	}
	if got := countReads(em); got != (requests{gets: 3}) {
		t.Errorf("three polls sent %+v, want three GETs", got)
	}
}
