//go:build windows

package serve

import (
	"os"

	"golang.org/x/sys/windows"
)

// watchParent returns what reports whether the process that started this one
// has ended. Windows keeps an orphan's parent pid, so the provider opens a
// handle on its parent while the CLI is there (it started the provider a
// moment ago) and asks the handle: an open handle also keeps the pid from
// naming another process later. Without the handle it cannot watch, and
// serves on as every provider does.
func watchParent() (parentGone func() bool) {
	parent, err := windows.OpenProcess(windows.SYNCHRONIZE, false, uint32(os.Getppid()))
	if err != nil {
		return nil
	}
	return func() bool {
		event, err := windows.WaitForSingleObject(parent, 0)
		return err == nil && event == windows.WAIT_OBJECT_0
	}
}

// surviveTheCLIsPipes has nothing to do: no SIGPIPE ends a Windows process.
func surviveTheCLIsPipes() {}
