package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"time"
)

// providerName is the file name dev_overrides looks for in its directory.
const providerName = "terraform-provider-atlasx"

type binaries struct {
	pluginDir string // holds providerName
	emulator  string
	size      int64 // bytes of the provider binary
}

// releaseLDFlags and releaseEnv are how .goreleaser.yml builds the provider.
const releaseLDFlags = "-s -w -X main.version=0.0.0-bench"

var releaseEnv = []string{"CGO_ENABLED=0"}

// prepareBinaries builds what -provider and -emulator do not give: the
// provider as released (CGO off, -trimpath, -s -w), and the emulator.
func prepareBinaries(ctx context.Context, repo, work string, o options, log func(string, ...any)) (binaries, error) {
	b := binaries{pluginDir: filepath.Join(work, "plugins")}
	if err := os.MkdirAll(b.pluginDir, 0o755); err != nil {
		return b, err
	}
	provider := filepath.Join(b.pluginDir, providerName)
	if o.provider != "" {
		if filepath.Base(o.provider) != providerName {
			return b, fmt.Errorf("-provider must name a file called %s (dev_overrides looks for that name)", providerName)
		}
		abs, err := filepath.Abs(o.provider)
		if err != nil {
			return b, err
		}
		if err := os.Symlink(abs, provider); err != nil {
			return b, err
		}
	} else {
		took, err := goBuild(ctx, repo, provider, ".", releaseEnv, "-trimpath", "-ldflags", releaseLDFlags)
		if err != nil {
			return b, err
		}
		log("provider: release build in %s (CGO_ENABLED=0 go build -trimpath -ldflags %q)", took.Round(100*time.Millisecond), releaseLDFlags)
	}
	info, err := os.Stat(provider)
	if err != nil {
		return b, err
	}
	b.size = info.Size()

	b.emulator = o.emulator
	if b.emulator == "" {
		b.emulator = filepath.Join(work, "atlasx-emulator")
		if _, err := goBuild(ctx, repo, b.emulator, "./cmd/atlasx-emulator", nil, "-trimpath"); err != nil {
			return b, err
		}
	}
	return b, nil
}

func goBuild(ctx context.Context, repo, out, pkg string, env []string, flags ...string) (time.Duration, error) {
	start := time.Now()
	args := append([]string{"build", "-o", out}, flags...)
	cmd := exec.CommandContext(ctx, "go", append(args, pkg)...)
	cmd.Dir = repo
	cmd.Env = append(os.Environ(), env...)
	if output, err := cmd.CombinedOutput(); err != nil {
		return 0, fmt.Errorf("go build %s: %v\n%s", pkg, err, output)
	}
	return time.Since(start), nil
}
