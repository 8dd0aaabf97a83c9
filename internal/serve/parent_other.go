//go:build !unix && !windows

package serve

// watchParent returns nil: where neither a Unix parent pid nor a Windows
// process handle tells that the CLI is gone, the provider serves on as every
// provider does.
func watchParent() (parentGone func() bool) { return nil }

// surviveTheCLIsPipes has nothing to do: no SIGPIPE ends the process here.
func surviveTheCLIsPipes() {}
