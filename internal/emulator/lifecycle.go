package emulator

import "time"

// Connection states, as the API reports them, plus the emulator's own
// markers for a connection that is gone or answers 404 for now.
const (
	statePending  = "PENDING"
	stateReady    = "READY"
	stateDeleting = "DELETING"
	stateFailed   = "FAILED"
	stateGone     = "gone"
	stateHidden   = "hidden"
)

// lifecycleState is where one connection is in its life, with what is left
// of the Lifecycle knobs captured for it.
type lifecycleState struct {
	phase            string
	settle           string // where PENDING ends: READY or FAILED
	pendingReads     int
	pendingUntil     time.Time
	notFoundReads    int
	deployingDeletes int
	deletingReads    int
	deletingUntil    time.Time
}

func created(l Lifecycle, connectionType string, now time.Time) lifecycleState {
	s := lifecycleState{phase: statePending, settle: stateReady}
	if !l.appliesTo(connectionType) {
		s.phase = stateReady
		return s
	}
	if l.FailCreates {
		s.settle = stateFailed
	}
	s.pendingReads, s.pendingUntil = l.PendingReads, now.Add(l.PendingFor)
	s.notFoundReads = l.NotFoundReads
	if connectionType == typeKafka {
		s.deployingDeletes = l.DeployingDeletes
	}
	s.current(now)
	return s
}

// fixed is the state of a connection put in place from Go: it stays as
// given until the connection is updated.
func fixed(state string) lifecycleState {
	return lifecycleState{phase: state, settle: state}
}

// updated restarts the PENDING phase after a change; a DELETING connection
// stays DELETING.
func (s *lifecycleState) updated(l Lifecycle, connectionType string, now time.Time) {
	if s.phase == stateDeleting {
		return
	}
	s.phase, s.settle = stateReady, stateReady
	if l.appliesTo(connectionType) {
		s.phase = statePending
		s.pendingReads, s.pendingUntil = l.PendingReads, now.Add(l.PendingFor)
		s.current(now)
	}
}

// deleted starts the DELETING phase, or reports that the connection is gone
// at once.
func (s *lifecycleState) deleted(l Lifecycle, connectionType string, now time.Time) (gone bool) {
	if !l.appliesTo(connectionType) || (l.DeletingReads == 0 && l.DeletingFor == 0) {
		s.phase = stateGone
		return true
	}
	s.phase = stateDeleting
	s.deletingReads, s.deletingUntil = l.DeletingReads, now.Add(l.DeletingFor)
	return false
}

// current moves the phase on once its reads and time are used up, and
// returns it without using up a read.
func (s *lifecycleState) current(now time.Time) string {
	switch {
	case s.phase == statePending && s.pendingReads == 0 && !now.Before(s.pendingUntil):
		s.phase = s.settle
	case s.phase == stateDeleting && s.deletingReads == 0 && !now.Before(s.deletingUntil):
		s.phase = stateGone
	}
	return s.phase
}

// read is a GET of the connection: it uses up one read and returns the
// state that GET reports (stateHidden for a 404 right after create).
func (s *lifecycleState) read(now time.Time) string {
	if s.notFoundReads > 0 {
		s.notFoundReads--
		return stateHidden
	}
	phase := s.current(now)
	switch {
	case phase == statePending && s.pendingReads > 0:
		s.pendingReads--
	case phase == stateDeleting && s.deletingReads > 0:
		s.deletingReads--
	}
	return phase
}

// hiddenFromList reports whether a list of the workspace leaves the
// connection out, as its GET would answer 404 (right after create), using
// up one of those 404s as that GET would.
func (s *lifecycleState) hiddenFromList() bool {
	if s.notFoundReads > 0 {
		s.notFoundReads--
		return true
	}
	return false
}

// deploying reports, using up one, whether a DELETE should hear that the
// Kafka connection is still deploying.
func (s *lifecycleState) deploying() bool {
	if s.deployingDeletes == 0 {
		return false
	}
	s.deployingDeletes--
	return true
}
