package emulator

import (
	"slices"
	"sync"
)

// lifecycleKnob is a Lifecycle that can change while requests read it.
type lifecycleKnob struct {
	mu        sync.RWMutex
	lifecycle Lifecycle
}

func (k *lifecycleKnob) get() Lifecycle {
	k.mu.RLock()
	defer k.mu.RUnlock()
	return k.lifecycle
}

func (k *lifecycleKnob) set(l Lifecycle) {
	l.Types = slices.Clone(l.Types)
	k.mu.Lock()
	defer k.mu.Unlock()
	k.lifecycle = l
}

// WithFailoverLifecycle shapes failover connection states.
func WithFailoverLifecycle(l Lifecycle) Option {
	return func(e *Emulator) { e.SetFailoverLifecycle(l) }
}

// SetFailoverLifecycle shapes how failover connections created, updated or
// deleted from now on move between states, as SetLifecycle does for
// connections (whose knob leaves failover connections alone): PendingReads
// and PendingFor, FailCreates, NotFoundReads, DeletingReads and DeletingFor,
// limited to Types ("Kafka", "Cluster") when given. "Reads" are GETs of that
// one failover connection; a list uses one up for each failover connection
// it shows. DeployingDeletes does not apply: Atlas documents no such answer
// for failover connections.
func (e *Emulator) SetFailoverLifecycle(l Lifecycle) { e.failoverLifecycle.set(l) }

// FailoverScope is the two failover connection routes, limited to methods
// when given, for faults and the rate limit.
func FailoverScope(methods ...string) Scope {
	return Scope{Routes: []string{RouteFailovers, RouteFailover}, Methods: methods}
}
