package serve

import (
	"os"
	"runtime/debug"
)

// Garbage collection settings for the provider process, unless the
// environment sets its own (GOGC, GOMEMLIMIT).
//
// The framework allocates a great deal per resource and keeps little: with
// Go's default (GOGC=100) the heap stays small and collection takes about a
// quarter of the provider's CPU. Letting the heap grow to five times what is
// live before collecting (gcPercent) cuts that to a fraction; the soft limit
// (memoryLimit) makes the collector work harder as the process nears it, so
// a plan of thousands of connections cannot grow without bound.
const (
	gcPercent   = 400
	memoryLimit = 72 << 20
)

func tuneRuntime() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(gcPercent)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(memoryLimit)
	}
}
