package sharedreads

import (
	"context"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/atlasx/terraform-provider-atlasx/internal/client"
)

// newFakeFailoverAPI is a fakeAPI whose connection "parent" has a failover
// connection in each of regions.
func newFakeFailoverAPI(regions ...string) *fakeAPI {
	f := newFakeAPI("parent")
	for _, r := range regions {
		f.failovers[r] = client.FailoverConnection{ID: "id-" + r, Region: r, State: client.StateReady}
	}
	return f
}

func (f *fakeAPI) GetStreamWorkspaceWithConnections(_ context.Context, _, name string) (*client.StreamWorkspace, error) {
	f.record("get workspace")
	if err := f.failing(); err != nil {
		return nil, err
	}
	return &client.StreamWorkspace{Name: name}, nil
}

func (f *fakeAPI) ListFailoverConnections(_ context.Context, _, _, _ string) ([]client.FailoverConnection, error) {
	f.record("list failovers")
	if err := f.failing(); err != nil {
		return nil, err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []client.FailoverConnection
	for _, c := range f.failovers {
		out = append(out, c)
	}
	return out, nil
}

func (f *fakeAPI) CreateFailoverConnection(_ context.Context, _, _, _ string, want *client.FailoverConnection) (*client.FailoverConnection, error) {
	f.record("create failover")
	f.mu.Lock()
	defer f.mu.Unlock()
	f.failovers[want.Region] = *want
	return want, nil
}

func (f *fakeAPI) UpdateFailoverConnection(_ context.Context, _, _, _, id string, _ client.ConnectionPatch) (*client.FailoverConnection, error) {
	f.record("update failover")
	return &client.FailoverConnection{ID: id}, nil
}

func (f *fakeAPI) DeleteFailoverConnection(_ context.Context, _, _, _, _ string) error {
	f.record("delete failover")
	return nil
}

var parent = Parent{Workspace: ws, Connection: "parent"}

func newFailoverReads(api *fakeAPI) (*Reads, *fakeClock) {
	clock := &fakeClock{now: time.Unix(1_000_000, 0)}
	return New(api, Config{MaxAge: 10 * time.Second, Clock: clock}), clock
}

// Every read of a connection's failover connections in a command, in
// parallel or not, shares one list.
func TestFailoverReadsShareOneList(t *testing.T) {
	api := newFakeFailoverAPI("DUBLIN_IRL", "OREGON_USA")
	r, _ := newFailoverReads(api)
	var wg sync.WaitGroup
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if got, err := r.FailoversOf(context.Background(), parent, ""); err != nil || len(got) != 2 {
				t.Errorf("FailoversOf = %d, %v; want 2 failover connections", len(got), err)
			}
		}()
	}
	wg.Wait()
	if n := api.count("list failovers"); n != 1 {
		t.Errorf("%d lists, want 1", n)
	}
}

// A list taken before this process's write does not answer for the parent
// after it, nor one older than MaxAge; Forget drops it.
func TestFailoverListsAfterWritesAgeAndForget(t *testing.T) {
	api := newFakeFailoverAPI("DUBLIN_IRL")
	r, clock := newFailoverReads(api)
	ctx := context.Background()
	read := func() int {
		got, err := r.FailoversOf(ctx, parent, "")
		if err != nil {
			t.Fatal(err)
		}
		return len(got)
	}
	read()
	clock.advance(time.Second)
	if _, err := r.CreateFailover(ctx, Failover{parent, "OREGON_USA"}, &client.FailoverConnection{Region: "OREGON_USA"}); err != nil {
		t.Fatal(err)
	}
	clock.advance(time.Second)
	if n := read(); n != 2 {
		t.Errorf("after the create, the read shows %d failover connections, want 2", n)
	}
	read() // the same list
	clock.advance(11 * time.Second)
	read()
	r.Forget()
	read()
	want := []string{"list failovers", "create failover", "list failovers", "list failovers", "list failovers"}
	if !slices.Equal(api.calls, want) {
		t.Errorf("calls = %v, want %v", api.calls, want)
	}
}

// Every check of a workspace in a command shares one GET of it, unless it
// reads the item of a connection this process wrote since; Forget starts the
// next command afresh.
func TestStreamWorkspaceOnePerCommand(t *testing.T) {
	api := newFakeFailoverAPI()
	r, clock := newFailoverReads(api)
	ctx := context.Background()
	read := func(connection string) {
		t.Helper()
		if _, err := r.StreamWorkspace(ctx, ws, connection); err != nil {
			t.Fatal(err)
		}
	}
	for range 3 {
		read("parent")
	}
	clock.advance(time.Minute) // the horizon is the command, not MaxAge
	read("")
	if _, err := r.Update(ctx, ws, "parent", client.ConnectionPatch{}); err != nil {
		t.Fatal(err)
	}
	clock.advance(time.Second)
	read("") // the regions: the write does not change them
	read("parent")
	read("parent")
	r.Forget()
	read("")
	want := []string{"get workspace", "update parent", "get workspace", "get workspace"}
	if !slices.Equal(api.calls, want) {
		t.Errorf("calls = %v, want %v", api.calls, want)
	}
}

// A write in one region outdates a list for reads about that region (or
// all), not for reads about another: failover connections of one parent
// created side by side do not outdate each other's checks.
func TestFailoverWriteOutdatesItsRegionOnly(t *testing.T) {
	api := newFakeFailoverAPI("DUBLIN_IRL")
	r, clock := newFailoverReads(api)
	ctx := context.Background()
	read := func(region string) {
		t.Helper()
		if _, err := r.FailoversOf(ctx, parent, region); err != nil {
			t.Fatal(err)
		}
	}
	read("DUBLIN_IRL")
	clock.advance(time.Second)
	if _, err := r.CreateFailover(ctx, Failover{parent, "OREGON_USA"}, &client.FailoverConnection{Region: "OREGON_USA"}); err != nil {
		t.Fatal(err)
	}
	clock.advance(time.Second)
	read("DUBLIN_IRL") // the same list
	read("OREGON_USA") // a new one
	read("")           // that one: taken after the write
	want := []string{"list failovers", "create failover", "list failovers"}
	if !slices.Equal(api.calls, want) {
		t.Errorf("calls = %v, want %v", api.calls, want)
	}
}

// A write to a connection outdates the list of its failover connections:
// a connection replaced takes them with it.
func TestParentWriteOutdatesFailoverList(t *testing.T) {
	api := newFakeFailoverAPI("DUBLIN_IRL")
	r, clock := newFailoverReads(api)
	ctx := context.Background()
	if _, err := r.FailoversOf(ctx, parent, ""); err != nil {
		t.Fatal(err)
	}
	clock.advance(time.Second)
	if err := r.Delete(ctx, ws, "parent"); err != nil {
		t.Fatal(err)
	}
	clock.advance(time.Second)
	if _, err := r.FailoversOf(ctx, parent, ""); err != nil {
		t.Fatal(err)
	}
	if n := api.count("list failovers"); n != 2 {
		t.Errorf("%d lists, want 2: the delete of the parent outdates the first", n)
	}
}

// No failure is kept: a read after a failed list, failover list or
// workspace read asks Atlas again.
func TestFailuresAreNotKept(t *testing.T) {
	api := newFakeFailoverAPI("DUBLIN_IRL")
	r, _ := newFailoverReads(api)
	ctx := context.Background()
	_, _ = r.Read(ctx, ws, "parent") // GET
	api.fail = 1
	_, _ = r.Read(ctx, ws, "parent") // the list fails: a GET
	_, _ = r.Read(ctx, ws, "parent") // a new list
	api.fail = 1
	if _, err := r.FailoversOf(ctx, parent, ""); err == nil {
		t.Error("the failing failover list did not fail")
	}
	if _, err := r.FailoversOf(ctx, parent, ""); err != nil {
		t.Errorf("the failover list after a failure: %v", err)
	}
	api.fail = 1
	if _, err := r.StreamWorkspace(ctx, ws, ""); err == nil {
		t.Error("the failing workspace read did not fail")
	}
	if _, err := r.StreamWorkspace(ctx, ws, ""); err != nil {
		t.Errorf("the workspace read after a failure: %v", err)
	}
	want := []string{"get parent", "list", "get parent", "list", "list failovers", "list failovers", "get workspace", "get workspace"}
	if !slices.Equal(api.calls, want) {
		t.Errorf("calls = %v, want %v", api.calls, want)
	}
}
