package sharedreads

import "time"

// workspaceState is what this process knows of one workspace's reads,
// waits and writes. Reads holds its lock around every access.
type workspaceState struct {
	lastRead time.Time // when the latest read of this command was decided
	waiters  int       // open waits (Waiter)
	// writing counts the writes under way by connection; written holds when
	// each connection's latest write ended: a snapshot taken before a write
	// may not show it.
	writing map[string]int
	written map[string]time.Time
	// deleted holds the connections this process deleted and has not
	// created again.
	deleted map[string]bool
	latest  *snapshot // the newest snapshot; may still be fetching
}

func newWorkspaceState() *workspaceState {
	return &workspaceState{writing: map[string]int{}, written: map[string]time.Time{}, deleted: map[string]bool{}}
}

// freshness is what a snapshot must be to answer one read: taken after
// notBefore, with no write under way that it might or might not show.
type freshness struct {
	notBefore time.Time
	writing   bool
}

func (f freshness) accepts(s *snapshot) bool {
	return s != nil && !f.writing && s.takenAt.After(f.notBefore)
}

// forConnection is what a read of one connection needs (the package's rule):
// newer than since, its horizon, and than this process's last write to that
// connection, with none under way. Writes to the workspace's other
// connections do not change its item, and during an apply they go on the
// whole time.
func (w *workspaceState) forConnection(name string, since time.Time) freshness {
	notBefore := since
	if t := w.written[name]; t.After(notBefore) {
		notBefore = t
	}
	return freshness{notBefore: notBefore, writing: w.writing[name] > 0}
}

// readSoon says whether a read of this command came within maxAge: if so,
// more are coming (a refresh reads every connection of the workspace), and
// the next read shares a list rather than sending its own GET.
func (w *workspaceState) readSoon(now time.Time, maxAge time.Duration) bool {
	return !w.lastRead.IsZero() && now.Sub(w.lastRead) <= maxAge
}
