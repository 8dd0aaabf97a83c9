//go:build !unix

package serve

// watchParent returns nil: outside Unix an orphan keeps its parent pid, so
// the provider cannot tell this way that its CLI is gone, and serves on as
// every provider does.
func watchParent() (parentGone func() bool) { return nil }

// surviveTheCLIsPipes has nothing to do: no SIGPIPE ends a Windows process.
func surviveTheCLIsPipes() {}
