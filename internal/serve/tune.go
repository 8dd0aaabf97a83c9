package serve

import (
	"os"
	"runtime/debug"
	"strings"
	"time"
)

// The process settings a provider process serves with, set at start (tune),
// each kept because `make bench` shows that it pays. Whatever the environment
// sets itself wins: any TF_LOG* variable, GOGC, GOMEMLIMIT.
//
//   - Loggers off: unset, the SDK's loggers and the provider's own log at
//     TRACE, and every RPC and tflog call is encoded as JSON on stderr for
//     the CLI to throw away when it keeps no log (with them on, 1.25-1.4×
//     the provider's CPU per step at N = 200).
//   - Garbage collection: the framework allocates a great deal per resource
//     and keeps little, so with Go's default (GOGC=100) collection takes a
//     large share of the CPU (1.1-1.4× per step at N = 200). The heap may
//     grow to gcPercent more than what is live before a collection, within a
//     soft limit of memoryLimit, which keeps the peak RSS at N = 200 under
//     90 MiB (GOGC=300 with no limit: up to 144 MiB). The limit only bounds
//     the room gcPercent gives, so it goes with it: a GOGC of the user's own
//     paces collection alone (GOGC=off: no collection, so no limit either,
//     which would collect at it), as without atlasx's settings.
//   - The one setting that cannot be set once: past half of memoryLimit of
//     live heap, a fixed limit would leave the collector less room than Go's
//     default and have it run almost without pause (at N = 1000, 1.3-1.8× the
//     CPU on plan, update and destroy). So the limit follows the live heap:
//     twice the live heap once that is more (followLiveHeap), for as long as
//     the provider serves.
const (
	gcPercent   = 400
	memoryLimit = 72 << 20
	// heapCheckInterval is how often followLiveHeap looks at the live heap.
	heapCheckInterval = 50 * time.Millisecond
)

// sdkLogLevels are the level variables of the plugin SDK's loggers and of
// this provider's own. terraform-plugin-go names the provider's after the
// address's last part (TF_LOG_PROVIDER_ATLASX), so TF_LOG_PROVIDER alone
// would leave tflog at TRACE.
var sdkLogLevels = []string{"TF_LOG_SDK", "TF_LOG_SDK_PROTO", "TF_LOG_SDK_FRAMEWORK", "TF_LOG_PROVIDER", providerLogLevel}

var providerLogLevel = "TF_LOG_PROVIDER_" + strings.ToUpper(Address[strings.LastIndex(Address, "/")+1:])

// tune sets the process settings and returns what stops the one kept
// running, the limit's follower; it does nothing when there is none.
func tune() (stop func()) {
	if !cliKeepsALog() {
		for _, name := range sdkLogLevels {
			os.Setenv(name, "off")
		}
	}
	if os.Getenv("GOGC") != "" {
		return func() {}
	}
	debug.SetGCPercent(gcPercent)
	if os.Getenv("GOMEMLIMIT") != "" {
		return func() {}
	}
	debug.SetMemoryLimit(memoryLimit)
	ticker := time.NewTicker(heapCheckInterval)
	quit, done := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(done)
		followLiveHeap(ticker.C, liveHeap, debug.SetMemoryLimit, quit)
	}()
	return func() {
		close(quit)
		<-done
		ticker.Stop()
	}
}

// followLiveHeap keeps the memory limit (set to memoryLimit before) at
// limitFor the live heap, reading live and calling setLimit at each tick,
// until quit is closed.
func followLiveHeap(ticks <-chan time.Time, live func() uint64, setLimit func(int64) int64, quit <-chan struct{}) {
	limit := int64(memoryLimit)
	for {
		select {
		case <-quit:
			return
		case <-ticks:
		}
		if want := limitFor(live()); want != limit {
			setLimit(want)
			limit = want
		}
	}
}

// limitFor is the memory limit for a live heap of live bytes: memoryLimit,
// or twice the live heap once that is more.
func limitFor(live uint64) int64 {
	return max(memoryLimit, 2*int64(live))
}

// cliKeepsALog reports whether any TF_LOG* variable is set: the provider
// inherits the CLI's environment.
func cliKeepsALog() bool {
	for _, kv := range os.Environ() {
		if strings.HasPrefix(kv, "TF_LOG") {
			return true
		}
	}
	return false
}
