//go:build unix

package serve

import (
	"os"
	"os/signal"
	"syscall"
)

// watchParent returns what reports whether the process that started this one
// has ended. go-plugin starts the provider as the CLI's own child, and an
// orphan is handed to init or a subreaper, so its parent pid changes.
func watchParent() (parentGone func() bool) {
	parent := os.Getppid()
	return func() bool { return os.Getppid() != parent }
}

// surviveTheCLIsPipes keeps the process alive when it writes to the stdout
// or stderr of a CLI that is gone (a log line under TF_LOG): Go would end it
// with SIGPIPE, in the middle of the clean-up it still owes. Ignored, the
// write fails and the clean-up goes on.
func surviveTheCLIsPipes() { signal.Ignore(syscall.SIGPIPE) }
