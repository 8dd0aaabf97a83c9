package faults_test

import (
	"maps"
	"slices"
	"testing"
)

// atlasConnections maps each connection the emulator holds to its stored
// password, which Atlas never shows a client.
func (f *fleet) atlasConnections() map[string]string {
	out := map[string]string{}
	for _, conn := range f.env.Emulator.Connections(f.env.Seed.ProjectID, f.env.Seed.Workspace) {
		name, _ := conn["name"].(string)
		auth, _ := conn["authentication"].(map[string]any)
		out[name], _ = auth["password"].(string)
	}
	return out
}

// stateConnections maps each connection the state holds to its state
// (READY, ...), failing t when one appears twice.
func (f *fleet) stateConnections(t *testing.T) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, r := range f.dir.State() {
		name, _ := r.Values["connection_name"].(string)
		if _, twice := out[name]; twice {
			t.Errorf("the state holds connection %s twice", name)
		}
		out[name], _ = r.Values["state"].(string)
	}
	return out
}

// checkOrphans reports the connections in Atlas that the state does not
// hold: nothing would ever manage or delete them.
func checkOrphans(t *testing.T, atlas, state map[string]string) int {
	t.Helper()
	var lost []string
	for name := range atlas {
		if _, managed := state[name]; !managed {
			lost = append(lost, name)
		}
	}
	if len(lost) > 0 {
		slices.Sort(lost)
		t.Errorf("orphans: Atlas holds %v, which the state does not", lost)
	}
	return len(lost)
}

// checkNoOrphans checks that Atlas holds nothing the state does not, as
// must be true even after an apply that failed or was interrupted.
func (f *fleet) checkNoOrphans(t *testing.T) int {
	t.Helper()
	return checkOrphans(t, f.atlasConnections(), f.stateConnections(t))
}

// checkConverged checks that state and Atlas hold exactly the fleet, each
// connection READY in state and holding its configured password in Atlas
// (an adopted connection must have had its secrets sent again), and that
// Atlas made each connection once. cleanups is how many connection objects
// the provider rightly deleted again along the way (after an interrupt).
func (f *fleet) checkConverged(t *testing.T, cleanups int) (orphanCount, duplicates int) {
	t.Helper()
	atlas, state := f.atlasConnections(), f.stateConnections(t)
	orphanCount = checkOrphans(t, atlas, state)
	want := map[string]string{}
	for i := range fleetSize {
		want[connectionName(i)] = password(i)
	}
	for name := range want {
		if _, ok := state[name]; !ok {
			t.Errorf("the state lacks connection %s", name)
		}
		if _, ok := atlas[name]; !ok {
			t.Errorf("Atlas lacks connection %s", name)
		}
	}
	if len(state) != fleetSize || len(atlas) != fleetSize {
		t.Errorf("the state holds %d connections and Atlas %d, want %d each", len(state), len(atlas), fleetSize)
	}
	for _, name := range slices.Sorted(maps.Keys(state)) {
		if s := state[name]; s != "READY" {
			t.Errorf("connection %s is %q in state, want READY", name, s)
		}
	}
	for _, name := range slices.Sorted(maps.Keys(atlas)) {
		if got, configured := atlas[name], want[name]; got != configured {
			t.Errorf("Atlas holds password %q for connection %s, want the configured %q", got, name, configured)
		}
	}
	duplicates = f.ledger.Created() - cleanups - fleetSize
	if duplicates != 0 {
		t.Errorf("Atlas made %d connection objects (%d deleted by the provider along the way) for %d resources",
			f.ledger.Created(), cleanups, fleetSize)
	}
	return orphanCount, duplicates
}

// checkPlanEmpty checks that the next plan has nothing to do.
func (f *fleet) checkPlanEmpty(t *testing.T, parallelism int) {
	t.Helper()
	if r := f.plan(parallelism); r.ExitCode != 0 {
		t.Errorf("the plan after apply is not empty (exit 2 means changes):\n%s", r)
	}
}

// checkDestroy checks that one destroy succeeds and leaves nothing in
// Atlas or in state.
func (f *fleet) checkDestroy(t *testing.T, parallelism int) {
	t.Helper()
	if r := f.destroy(parallelism); r.ExitCode != 0 {
		t.Fatalf("destroy failed:\n%s", r.Errors())
	}
	// Atlas may still show a connection whose DELETE it took as DELETING.
	if err := f.env.CheckNothingLeft(nil); err != nil {
		t.Error(err)
	}
	if left := f.dir.State(); len(left) > 0 {
		t.Errorf("the state still holds %d resources after destroy", len(left))
	}
}
