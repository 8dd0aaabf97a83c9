package serve

import (
	"context"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"

	"github.com/atlasx/terraform-provider-atlasx/internal/provider"
)

// scriptedParent answers parentGone from gone, one answer a call, and
// reports each call on called.
type scriptedParent struct {
	gone   []bool
	calls  int
	called chan int
}

func (p *scriptedParent) check() bool {
	p.calls++
	p.called <- p.calls
	return p.gone[p.calls-1]
}

// ticksFor is a channel holding n ticks.
func ticksFor(n int) <-chan time.Time {
	ticks := make(chan time.Time, n)
	for range n {
		ticks <- time.Time{}
	}
	return ticks
}

func TestTheProviderEndsOnceItsCLIIsGone(t *testing.T) {
	parent := &scriptedParent{gone: []bool{false, false, true}, called: make(chan int, 3)}
	if !awaitCLIGone(ticksFor(3), parent.check, newInFlight(), nil) {
		t.Fatal("awaitCLIGone reported that it was told to quit; nothing told it")
	}
	if parent.calls != 3 {
		t.Errorf("ended after %d looks at the parent, want 3: the third found it gone", parent.calls)
	}
}

func TestTheProviderWaitsForTheAppliesInFlight(t *testing.T) {
	applies := newInFlight()
	done := applies.start()
	parent := &scriptedParent{gone: []bool{true}, called: make(chan int, 1)}
	ended := make(chan bool)
	go func() { ended <- awaitCLIGone(ticksFor(1), parent.check, applies, nil) }()
	<-parent.called
	done()
	if !<-ended {
		t.Fatal("awaitCLIGone reported that it was told to quit; nothing told it")
	}
}

// While an apply is in flight the CLI's going does not end the provider:
// told to quit then, awaitCLIGone is still waiting.
func TestTheProviderDoesNotEndDuringAnApply(t *testing.T) {
	applies := newInFlight()
	defer applies.start()()
	parent := &scriptedParent{gone: []bool{true}, called: make(chan int, 1)}
	quit, ended := make(chan struct{}), make(chan bool)
	go func() { ended <- awaitCLIGone(ticksFor(1), parent.check, applies, quit) }()
	<-parent.called
	close(quit)
	if <-ended {
		t.Error("awaitCLIGone ended the provider while an apply was in flight")
	}
}

// Under a CLI that stays, the provider serves on: awaitCLIGone ends only
// when told to quit.
func TestTheProviderServesOnWhileItsCLIIsThere(t *testing.T) {
	parent := &scriptedParent{gone: []bool{false, false}, called: make(chan int, 2)}
	quit, ended := make(chan struct{}), make(chan bool)
	go func() { ended <- awaitCLIGone(ticksFor(2), parent.check, newInFlight(), quit) }()
	<-parent.called
	<-parent.called
	close(quit)
	if <-ended {
		t.Error("awaitCLIGone ended the provider although its CLI was there")
	}
}

func TestInFlightIsIdleOnlyWithNoCallUnderWay(t *testing.T) {
	calls := newInFlight()
	isIdle := func() bool {
		select {
		case <-calls.idle():
			return true
		default:
			return false
		}
	}
	if !isIdle() {
		t.Error("idle before any call")
	}
	first, second := calls.start(), calls.start()
	idle := calls.idle()
	first()
	if isIdle() {
		t.Error("idle with one call of two under way")
	}
	second()
	select {
	case <-idle:
	default:
		t.Error("the idle channel taken during the calls is not closed once they are done")
	}
	defer calls.start()()
	if isIdle() {
		t.Error("idle with a call under way again")
	}
}

// applyServer is a framework server whose applies report, while they run,
// whether the tracker counts them.
type applyServer struct {
	frameworkServer
	applies *inFlight
	counted bool
}

func (s *applyServer) ApplyResourceChange(context.Context, *tfprotov6.ApplyResourceChangeRequest) (*tfprotov6.ApplyResourceChangeResponse, error) {
	select {
	case <-s.applies.idle():
	default:
		s.counted = true
	}
	return &tfprotov6.ApplyResourceChangeResponse{}, nil
}

func TestAnApplyIsCountedWhileItRuns(t *testing.T) {
	applies := newInFlight()
	framework := &applyServer{applies: applies}
	server := trackedServer{frameworkServer: framework, applies: applies}
	if _, err := server.ApplyResourceChange(t.Context(), &tfprotov6.ApplyResourceChangeRequest{}); err != nil {
		t.Fatal(err)
	}
	if !framework.counted {
		t.Error("the apply was not counted while it ran")
	}
	select {
	case <-applies.idle():
	default:
		t.Error("the apply is still counted after it returned")
	}
}

// Wrapped, the framework's server keeps every server interface tf6server
// looks for, the list resource's above all.
func TestTheFrameworksServerIsServedWhole(t *testing.T) {
	server := providerserver.NewProtocol6(provider.New("test")())()
	if _, ok := server.(frameworkServer); !ok {
		t.Fatalf("%T lacks a server interface of frameworkServer", server)
	}
}

func TestTheParentIsThereWhileTheTestRuns(t *testing.T) {
	if parentGone := cliWatch(false); parentGone != nil && parentGone() {
		t.Error("cliWatch reports the parent of the test binary gone")
	}
}

// Under -debug the provider serves on for the next CLI to reattach.
func TestUnderDebugTheCLIIsNotWatched(t *testing.T) {
	if cliWatch(true) != nil {
		t.Error("under -debug the provider watches its parent, and would end with it")
	}
}
