package connection

import (
	"context"
	"sync"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
)

// Plans is what this command plans for each connection, as the resources'
// plans record it: the one place a plan of one resource learns what the
// plan of another decided. The provider makes one per command (each graph
// walk configures it anew); it is safe for concurrent use.
//
// It holds plan bookkeeping only, never what Atlas holds: that is
// sharedreads', under its own freshness rule.
type Plans struct {
	mu       sync.Mutex
	planned  map[IDs]Planned
	claims   map[regionClaim]bool
	refusals map[string][]Refusal
	created  map[string]bool
}

// NewPlans returns an empty record.
func NewPlans() *Plans {
	return &Plans{planned: map[IDs]Planned{}, claims: map[regionClaim]bool{}, refusals: map[string][]Refusal{}, created: map[string]bool{}}
}

// Refusal is what a plan check found that the apply must refuse, before
// any write: said at plan as a warning, never as an error, since the
// provider cannot tell a plan before a destroy (which an error would abort)
// from any other plan.
type Refusal struct {
	Path            path.Path
	Summary, Detail string
	// Settled, when set, reads Atlas afresh at apply and says whether what
	// the plan saw has changed since, so the apply goes ahead (a failover
	// region another resource added earlier in the same apply).
	Settled func(context.Context) bool
	// Advice is said at plan only: the apply goes ahead and finds out.
	Advice bool
}

// Created records that the apply creates the object key (its id), and
// reports whether no other create of this command did: two resources of one
// configuration for one object (a failover connection's region claimed
// twice) are both planned, and the second create is refused.
func (p *Plans) Created(key string) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.created[key] {
		return false
	}
	p.created[key] = true
	return true
}

// Refuse adds r to diags as the error that refuses an apply.
func (r Refusal) Refuse(diags *diag.Diagnostics) {
	diags.AddAttributeError(r.Path, r.Summary, r.Detail)
}

// Warn says r at plan.
func (r Refusal) Warn(diags *diag.Diagnostics) {
	diags.AddAttributeWarning(r.Path, r.Summary, r.Detail)
}

// SetRefusals records what the apply of the object key (its id) must refuse,
// as its latest plan in this command found it: the apply's own final plan,
// which runs just before the apply, in the same command.
func (p *Plans) SetRefusals(key string, refusals []Refusal) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if len(refusals) == 0 {
		delete(p.refusals, key)
		return
	}
	p.refusals[key] = refusals
}

// Refuse adds to diags, as errors, what the apply of the object key must
// refuse (SetRefusals), and reports whether it refused. A refusal whose
// Settled says Atlas has changed since is passed over.
func (p *Plans) Refuse(ctx context.Context, key string, diags *diag.Diagnostics) bool {
	p.mu.Lock()
	refusals := p.refusals[key]
	p.mu.Unlock()
	refused := false
	for _, r := range refusals {
		if r.Advice || r.Settled != nil && r.Settled(ctx) {
			continue
		}
		r.Refuse(diags)
		refused = true
	}
	return refused
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
