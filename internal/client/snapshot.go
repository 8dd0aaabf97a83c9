package client

// Reads of many connections of one workspace share pages of its list. Atlas
// rate-limits every request from one token bucket per project, so a refresh
// that sends a GET per connection spends a token per connection, and a big
// workspace waits on its bucket; its list returns each connection exactly as
// the single GET does, 500 to a page. A read alone still sends its one GET:
// a snapshot is taken only when another read of the same workspace is under
// way or was just sent, which is how Terraform's parallel walk reads a
// workspace's connections, or when two waits of one workspace are open.

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"sync"
	"time"

	"github.com/hashicorp/terraform-plugin-log/tflog"
)

// snapshots holds, per workspace, what its reads, waits and writes are doing
// now.
type snapshots struct {
	mu         sync.Mutex
	workspaces map[workspaceKey]*workspaceReads
}

type workspaceKey struct{ groupID, workspace string }

// workspaceReads is one workspace's reads, waits and writes, and its newest
// snapshot.
type workspaceReads struct {
	singles    int       // single GETs under way
	lastSingle time.Time // when the latest single GET was sent
	waiters    int       // waits open (see Waiter)
	// writes counts the writes under way by connection name, and written
	// holds when each connection's latest write ended, lastWrite when the
	// workspace's did: a snapshot taken before a write may not show it.
	writes    map[string]int
	written   map[string]time.Time
	lastWrite time.Time
	// deleted holds the connections this process deleted and has not
	// created again.
	deleted map[string]bool
	latest  *snapshot // may still be fetching
}

// snapshot is every connection of a workspace, as one list showed them.
type snapshot struct {
	workspace string
	takenAt   time.Time     // when the first page was asked for
	ready     chan struct{} // closed once byName or err is set
	byName    map[string]json.RawMessage
	err       error
}

func (s *snapshots) workspace(key workspaceKey) *workspaceReads {
	if s.workspaces == nil {
		s.workspaces = map[workspaceKey]*workspaceReads{}
	}
	w := s.workspaces[key]
	if w == nil {
		w = &workspaceReads{writes: map[string]int{}, written: map[string]time.Time{}, deleted: map[string]bool{}}
		s.workspaces[key] = w
	}
	return w
}

// togetherWindow is how close to a single GET another read of its workspace
// counts as arriving with it. A CLI starts a refresh's reads together, but
// on a busy machine its first few may trickle in one after another.
const togetherWindow = time.Second

// readsTogether says whether a read of the workspace comes with others: one
// is under way, or one was sent within togetherWindow.
func (w *workspaceReads) readsTogether() bool {
	return w.singles > 0 || time.Since(w.lastSingle) < togetherWindow
}

// freshness is what a snapshot must be to answer one read: taken after
// notBefore, and with no write under way that it might or might not show.
type freshness struct {
	notBefore time.Time
	writing   bool
}

// forRefresh is the freshness a refresh needs: no older than maxAge, and
// than this process's last write to the workspace.
func (w *workspaceReads) forRefresh(maxAge time.Duration) freshness {
	notBefore := time.Now().Add(-maxAge)
	if w.lastWrite.After(notBefore) {
		notBefore = w.lastWrite
	}
	return freshness{notBefore: notBefore, writing: len(w.writes) > 0}
}

// forConnection is the freshness that a wait for one connection, or a look
// for its name, needs: newer than since, and than this process's last write
// to that connection. Writes to the workspace's other connections do not
// change this one's item, and during an apply they go on the whole time.
func (w *workspaceReads) forConnection(name string, since time.Time) freshness {
	notBefore := since
	if t := w.written[name]; t.After(notBefore) {
		notBefore = t
	}
	return freshness{notBefore: notBefore, writing: w.writes[name] > 0}
}

func (f freshness) accepts(s *snapshot) bool {
	return s != nil && !f.writing && s.takenAt.After(f.notBefore)
}

// ForgetSnapshots drops every snapshot. The provider calls it when a CLI
// command configures it, so no command is answered from another's pages: a
// change made outside Terraform between two commands shows in the second.
func (c *Client) ForgetSnapshots() {
	c.snapshots.mu.Lock()
	defer c.snapshots.mu.Unlock()
	for _, w := range c.snapshots.workspaces {
		// A read of the last command does not make the next one's first
		// read share a list either.
		w.latest, w.lastSingle = nil, time.Time{}
	}
}

// ReadStreamConnection reads one connection as it is now, for a refresh:
// from a snapshot of its workspace no older than Config.SnapshotMaxAge (and than
// this process's last write there) when one is at hand or other reads of the
// workspace are under way or just sent, else with its own GET. Like GetStreamConnection,
// a missing connection or workspace is a 404 (see IsNotFound); a connection
// that a snapshot does not list is confirmed missing with a GET, since the
// page may have raced its create.
func (c *Client) ReadStreamConnection(ctx context.Context, groupID, workspace, name string) (*StreamConnection, error) {
	key := workspaceKey{groupID, workspace}
	s := &c.snapshots
	s.mu.Lock()
	w := s.workspace(key)
	conn, _, err := c.readShared(ctx, key, w, name, w.forRefresh(c.cfg.SnapshotMaxAge), w.readsTogether())
	return conn, err
}

// Waiter polls one connection while it settles (PENDING after a create or
// an update, DELETING after a delete). While other waits of its workspace
// are open, its polls are answered from shared lists of the workspace, one
// for every waiter that polls after it was taken; alone, it sends a GET.
type Waiter struct {
	c    *Client
	key  workspaceKey
	w    *workspaceReads
	name string
	seen time.Time // when Atlas showed what the last poll returned
	done bool
}

// Wait opens a wait for a connection that Atlas showed at seen; Close it
// when the wait ends.
func (c *Client) Wait(groupID, workspace, name string, seen time.Time) *Waiter {
	key := workspaceKey{groupID, workspace}
	c.snapshots.mu.Lock()
	defer c.snapshots.mu.Unlock()
	w := c.snapshots.workspace(key)
	w.waiters++
	return &Waiter{c: c, key: key, w: w, name: name, seen: seen}
}

// Poll reads the connection as Atlas showed it after the last poll (or
// after the wait began). Errors are GetStreamConnection's.
func (wt *Waiter) Poll(ctx context.Context) (*StreamConnection, error) {
	s := &wt.c.snapshots
	s.mu.Lock()
	conn, takenAt, err := wt.c.readShared(ctx, wt.key, wt.w, wt.name, wt.w.forConnection(wt.name, wt.seen), wt.w.waiters > 1)
	if err == nil {
		wt.seen = takenAt
	}
	return conn, err
}

// Close ends the wait.
func (wt *Waiter) Close() {
	s := &wt.c.snapshots
	s.mu.Lock()
	defer s.mu.Unlock()
	if !wt.done {
		wt.done = true
		wt.w.waiters--
	}
}

// readShared answers one read from the workspace's newest snapshot when it
// is fresh enough; else from a new one when share says other reads would
// use it too; else with a GET. It is called with s.mu held, and releases
// it. takenAt is when Atlas showed what it returns.
func (c *Client) readShared(ctx context.Context, key workspaceKey, w *workspaceReads, name string, fresh freshness, share bool) (conn *StreamConnection, takenAt time.Time, err error) {
	s := &c.snapshots
	switch {
	case fresh.accepts(w.latest):
		snap := w.latest
		s.mu.Unlock()
		return c.fromSnapshot(ctx, snap, key, name)
	case share && !fresh.writing:
		return c.fromSnapshot(ctx, c.newSnapshot(ctx, key, w), key, name)
	}
	w.singles++
	w.lastSingle = time.Now()
	s.mu.Unlock()
	defer func() {
		s.mu.Lock()
		w.singles--
		s.mu.Unlock()
	}()
	asked := time.Now()
	conn, err = c.GetStreamConnection(ctx, key.groupID, key.workspace, name)
	return conn, asked, err
}

// LookUpStreamConnection finds a connection by name in a snapshot of its
// workspace, for the checks of a plan: one list per workspace and command,
// shared with the refresh, however many connections the plan creates (an
// apply plans each create again, while others are being made). found
// is false when the list does not show it; a missing workspace is a 404
// (see IsNotFound).
func (c *Client) LookUpStreamConnection(ctx context.Context, groupID, workspace, name string) (conn *StreamConnection, found bool, err error) {
	key := workspaceKey{groupID, workspace}
	s := &c.snapshots
	s.mu.Lock()
	w := s.workspace(key)
	snap := w.latest
	if w.forConnection(name, time.Now().Add(-c.cfg.SnapshotMaxAge)).accepts(snap) {
		s.mu.Unlock()
	} else {
		snap = c.newSnapshot(ctx, key, w)
	}
	return snap.lookUp(ctx, name, c.auth.secrets)
}

// lookUp waits until snap is ready and finds name in it. err is the list's
// failure, or an item that is not a connection.
func (snap *snapshot) lookUp(ctx context.Context, name string, secrets []string) (*StreamConnection, bool, error) {
	select {
	case <-snap.ready:
	case <-ctx.Done():
		return nil, false, ctx.Err()
	}
	if snap.err != nil {
		return nil, false, snap.err
	}
	item, found := snap.byName[name]
	if !found {
		return nil, false, nil
	}
	var conn StreamConnection
	if err := decodeAnswer(http.StatusOK, item, secrets, &conn); err != nil {
		return nil, false, fmt.Errorf("its item in the list of workspace %q: %w", snap.workspace, err)
	}
	return &conn, true, nil
}

// newSnapshot makes the workspace's newest snapshot, releases s.mu (held by
// the caller) and lists the workspace into it; reads that find it meanwhile
// wait for it.
func (c *Client) newSnapshot(ctx context.Context, key workspaceKey, w *workspaceReads) *snapshot {
	snap := &snapshot{workspace: key.workspace, takenAt: time.Now(), ready: make(chan struct{})}
	w.latest = snap
	c.snapshots.mu.Unlock()
	c.takeSnapshot(ctx, key, snap)
	return snap
}

// takeSnapshot lists the workspace into snap. Items that do not name
// themselves are left out, so their reads fall back to a GET.
func (c *Client) takeSnapshot(ctx context.Context, key workspaceKey, snap *snapshot) {
	defer close(snap.ready)
	items, err := listAll[json.RawMessage](ctx, c, connectionsPath(key.groupID, key.workspace))
	if err != nil {
		snap.err = err
		return
	}
	snap.byName = make(map[string]json.RawMessage, len(items))
	for _, item := range items {
		var named struct {
			Name string `json:"name"`
		}
		if json.Unmarshal(item, &named) == nil && named.Name != "" {
			snap.byName[named.Name] = item
		}
	}
}

// fromSnapshot answers a read from snap once it is ready. A snapshot that
// failed, or that does not show the connection as it should, is no answer:
// the read sends its own GET.
func (c *Client) fromSnapshot(ctx context.Context, snap *snapshot, key workspaceKey, name string) (*StreamConnection, time.Time, error) {
	conn, found, err := snap.lookUp(ctx, name, c.auth.secrets)
	if ctx.Err() != nil {
		return nil, time.Time{}, ctx.Err()
	}
	if err == nil && found {
		return conn, snap.takenAt, nil
	}
	why := "the list of its workspace does not show it"
	if err != nil {
		why = "the list of its workspace failed: " + err.Error()
	}
	tflog.Debug(ctx, "Reading the connection with a GET: "+why, map[string]any{"workspace": key.workspace, "connection": name})
	asked := time.Now()
	conn, err = c.GetStreamConnection(ctx, key.groupID, key.workspace, name)
	return conn, asked, err
}

// writing marks a write to one connection under way until the returned
// function is called, so no snapshot taken meanwhile answers for it.
func (c *Client) writing(groupID, workspace, name string) (done func()) {
	s := &c.snapshots
	s.mu.Lock()
	w := s.workspace(workspaceKey{groupID, workspace})
	w.writes[name]++
	s.mu.Unlock()
	return func() {
		s.mu.Lock()
		defer s.mu.Unlock()
		if w.writes[name]--; w.writes[name] == 0 {
			delete(w.writes, name)
		}
		w.lastWrite = time.Now()
		w.written[name] = w.lastWrite
	}
}

// deletedHere records whether this process deleted the connection (true) or
// created it (false) last.
func (c *Client) deletedHere(groupID, workspace, name string, deleted bool) {
	s := &c.snapshots
	s.mu.Lock()
	defer s.mu.Unlock()
	w := s.workspace(workspaceKey{groupID, workspace})
	if deleted {
		w.deleted[name] = true
	} else {
		delete(w.deleted, name)
	}
}

// DeletedHere says whether this process deleted the connection and has not
// created it since: a create of its name that finds it still DELETING is a
// replace, which waits for the old one to go.
func (c *Client) DeletedHere(groupID, workspace, name string) bool {
	s := &c.snapshots
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.workspace(workspaceKey{groupID, workspace}).deleted[name]
}
