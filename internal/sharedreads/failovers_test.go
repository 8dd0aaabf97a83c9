package sharedreads

import (
	"context"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/atlasx/terraform-provider-atlasx/internal/client"
)

// fakeFailoverAPI adds failover connections, by region, and workspaces to
// fakeAPI, recording each call in the same order.
type fakeFailoverAPI struct {
	*fakeAPI
	failovers map[string]client.FailoverConnection
}

func newFakeFailoverAPI(regions ...string) *fakeFailoverAPI {
	f := &fakeFailoverAPI{fakeAPI: newFakeAPI("parent"), failovers: map[string]client.FailoverConnection{}}
	for _, r := range regions {
		f.failovers[r] = client.FailoverConnection{ID: "id-" + r, Region: r, State: client.StateReady}
	}
	return f
}

func (f *fakeFailoverAPI) GetStreamWorkspaceWithConnections(_ context.Context, _, name string) (*client.StreamWorkspace, error) {
	f.record("get workspace")
	return &client.StreamWorkspace{Name: name}, nil
}

func (f *fakeFailoverAPI) ListFailoverConnections(_ context.Context, _, _, _ string) ([]client.FailoverConnection, error) {
	f.record("list failovers")
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []client.FailoverConnection
	for _, c := range f.failovers {
		out = append(out, c)
	}
	return out, nil
}

func (f *fakeFailoverAPI) CreateFailoverConnection(_ context.Context, _, _, _ string, want *client.FailoverConnection) (*client.FailoverConnection, error) {
	f.record("create failover")
	f.mu.Lock()
	defer f.mu.Unlock()
	f.failovers[want.Region] = *want
	return want, nil
}

func (f *fakeFailoverAPI) UpdateFailoverConnection(_ context.Context, _, _, _, id string, _ client.ConnectionPatch) (*client.FailoverConnection, error) {
	f.record("update failover")
	return &client.FailoverConnection{ID: id}, nil
}

func (f *fakeFailoverAPI) DeleteFailoverConnection(_ context.Context, _, _, _, _ string) error {
	f.record("delete failover")
	return nil
}

var parent = Parent{Workspace: ws, Connection: "parent"}

func newFailoverReads(api *fakeFailoverAPI) (*Reads, *fakeClock) {
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
			if got, err := r.FailoversOf(context.Background(), parent); err != nil || len(got) != 2 {
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
		got, err := r.FailoversOf(ctx, parent)
		if err != nil {
			t.Fatal(err)
		}
		return len(got)
	}
	read()
	clock.advance(time.Second)
	if _, err := r.CreateFailover(ctx, parent, &client.FailoverConnection{Region: "OREGON_USA"}); err != nil {
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

// Every check of a workspace in a command shares one GET of it; Forget
// starts the next command afresh.
func TestStreamWorkspaceOnePerCommand(t *testing.T) {
	api := newFakeFailoverAPI()
	r, _ := newFailoverReads(api)
	for range 3 {
		if _, err := r.StreamWorkspace(context.Background(), ws); err != nil {
			t.Fatal(err)
		}
	}
	r.Forget()
	if _, err := r.StreamWorkspace(context.Background(), ws); err != nil {
		t.Fatal(err)
	}
	if n := api.count("get workspace"); n != 2 {
		t.Errorf("%d GETs of the workspace, want 2 (one per command)", n)
	}
}

// A region is claimed once per command.
func TestClaimFailoverRegion(t *testing.T) {
	r, _ := newFailoverReads(newFakeFailoverAPI())
	other := Parent{Workspace: ws, Connection: "other"}
	switch {
	case !r.ClaimFailoverRegion(parent, "DUBLIN_IRL"):
		t.Error("the first claim was refused")
	case r.ClaimFailoverRegion(parent, "DUBLIN_IRL"):
		t.Error("a second claim of the region was granted")
	case !r.ClaimFailoverRegion(parent, "OREGON_USA") || !r.ClaimFailoverRegion(other, "DUBLIN_IRL"):
		t.Error("a claim of another region or connection was refused")
	}
	r.Forget()
	if !r.ClaimFailoverRegion(parent, "DUBLIN_IRL") {
		t.Error("the next command's claim was refused")
	}
}

// A client without the failover calls serves none, and says so.
func TestFailoverReadsNeedTheirCalls(t *testing.T) {
	r, _ := newReads(newFakeAPI())
	if _, err := r.FailoversOf(context.Background(), parent); err == nil {
		t.Error("FailoversOf without failover calls did not fail")
	}
}
