package connection

import "sync"

// Plans is what this command plans for each connection, as the resources'
// plans record it: the one place a plan of one resource learns what the
// plan of another decided. The provider makes one per command (each graph
// walk configures it anew); it is safe for concurrent use.
//
// It holds plan bookkeeping only, never what Atlas holds: that is
// sharedreads', under its own freshness rule.
type Plans struct {
	mu      sync.Mutex
	planned map[IDs]Planned
	claims  map[regionClaim]bool
}

// NewPlans returns an empty record.
func NewPlans() *Plans {
	return &Plans{planned: map[IDs]Planned{}, claims: map[regionClaim]bool{}}
}

type regionClaim struct {
	parent IDs
	region string
}

// ClaimFailoverRegion records that a plan of this command puts a failover
// connection of parent in region, and reports whether none did before: a
// connection has at most one per region, so a second resource for it would
// fail at apply, or fight the first over one failover connection.
func (p *Plans) ClaimFailoverRegion(parent IDs, region string) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	key := regionClaim{parent, region}
	if p.claims[key] {
		return false
	}
	p.claims[key] = true
	return true
}

// Planned is what this command plans for one connection.
type Planned struct {
	// APIType is the type the plan gives it ("Kafka").
	APIType string
	// Recreated says the connection is created, or replaced, in this
	// command: Terraform plans every create, and the create half of every
	// replacement (requires-replace, taint, -replace), with no prior state.
	Recreated bool
}

// Record records a plan of the connection ids. A replacement is planned
// twice, with and without its prior state: once recreated, it stays so for
// the rest of the command.
func (p *Plans) Record(ids IDs, planned Planned) {
	p.mu.Lock()
	defer p.mu.Unlock()
	planned.Recreated = planned.Recreated || p.planned[ids].Recreated
	p.planned[ids] = planned
}

// Of is what this command plans for the connection ids, if a plan of it
// was recorded: only a resource that references the connection's resource
// is planned after it, so one that names it by literal strings may find
// nothing yet.
func (p *Plans) Of(ids IDs) (Planned, bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	planned, ok := p.planned[ids]
	return planned, ok
}
