package emulator

import (
	"cmp"
	"crypto/rand"
	"encoding/hex"
	"maps"
	"slices"
	"sync"
	"time"
)

// store holds every project, workspace and connection. Handlers hold mu for
// the whole operation, so each request sees and leaves a consistent state.
type store struct {
	mu       sync.Mutex
	projects map[string]*project
	seq      uint64 // creation order of workspaces and connections
}

type project struct {
	workspaces map[string]*workspace
}

type workspace struct {
	id            string
	name          string
	cloudProvider string
	region        string
	streamConfig  map[string]any
	seq           uint64
	connections   map[string]*connection

	// failoverRegions are the regions (up to two) its connections may have
	// failover connections in.
	failoverRegions []streamRegion
}

// streamRegion is a cloud provider's region, as dataProcessRegion and the
// items of failoverRegions name it.
type streamRegion struct {
	cloudProvider string
	region        string
}

// connection is one stream connection. doc is the object as clients wrote
// it, with server defaults filled in and write-only fields kept; id and
// state live beside it so no write can set them.
type connection struct {
	id               string
	doc              map[string]any
	seq              uint64
	life             lifecycleState
	usedByProcessors bool
	// failovers are its failover connections by id; they go with it.
	failovers map[string]*failover
}

// failover is one failover connection: the parent connection as it is
// reached from one of the workspace's failover regions. Like a connection,
// doc is the object as clients wrote it, id and state live beside it.
type failover struct {
	id   string
	doc  map[string]any
	seq  uint64
	life lifecycleState
}

// living is what the store keeps with a lifecycle: connections and their
// failover connections, found and listed by the same rules.
type living interface {
	lifecycle() *lifecycleState
	order() uint64
}

func (c *connection) lifecycle() *lifecycleState { return &c.life }
func (c *connection) order() uint64              { return c.seq }
func (f *failover) lifecycle() *lifecycleState   { return &f.life }
func (f *failover) order() uint64                { return f.seq }

func newStore() *store { return &store{projects: map[string]*project{}} }

func (s *store) next() uint64 {
	s.seq++
	return s.seq
}

// addProject is idempotent. Callers hold mu.
func (s *store) addProject(id string) *project {
	p := s.projects[id]
	if p == nil {
		p = &project{workspaces: map[string]*workspace{}}
		s.projects[id] = p
	}
	return p
}

func (s *store) hasProject(id string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.projects[id] != nil
}

// workspace finds a workspace. Callers hold mu.
func (s *store) workspace(projectID, name string) *workspace {
	p := s.projects[projectID]
	if p == nil {
		return nil
	}
	return p.workspaces[name]
}

// newWorkspace adds a workspace, and its project if new. Callers hold mu.
func (s *store) newWorkspace(projectID, name, cloudProvider, region string) *workspace {
	ws := &workspace{
		id:            newObjectID(),
		name:          name,
		cloudProvider: cloudProvider,
		region:        region,
		seq:           s.next(),
		connections:   map[string]*connection{},
	}
	s.addProject(projectID).workspaces[name] = ws
	return ws
}

// lookup finds a connection that is not yet gone, forgetting one whose
// DELETING phase has ended. Callers hold the store's mu.
func (ws *workspace) lookup(name string, now time.Time) *connection {
	c, _ := lookupLiving(ws.connections, name, now)
	return c
}

// sorted lists the connections not yet gone, in creation order. Callers
// hold the store's mu.
func (ws *workspace) sorted(now time.Time) []*connection {
	return sortedLiving(ws.connections, now)
}

// lookupLiving finds m[key] unless it is gone, forgetting it once it is.
// Callers hold the store's mu.
func lookupLiving[T living](m map[string]T, key string, now time.Time) (T, bool) {
	v, ok := m[key]
	if ok && v.lifecycle().current(now) == stateGone {
		delete(m, key)
		var none T
		return none, false
	}
	return v, ok
}

// sortedLiving lists what m holds that is not yet gone, in creation order.
// Callers hold the store's mu.
func sortedLiving[T living](m map[string]T, now time.Time) []T {
	var out []T
	for _, key := range slices.Collect(maps.Keys(m)) {
		if v, ok := lookupLiving(m, key, now); ok {
			out = append(out, v)
		}
	}
	slices.SortFunc(out, func(a, b T) int { return cmp.Compare(a.order(), b.order()) })
	return out
}

func (p *project) sorted() []*workspace {
	out := slices.Collect(maps.Values(p.workspaces))
	slices.SortFunc(out, func(a, b *workspace) int { return cmp.Compare(a.seq, b.seq) })
	return out
}

// newObjectID makes a 24-hex id like the ones Atlas hands out.
func newObjectID() string {
	b := make([]byte, 12)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}
