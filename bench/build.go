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
	// pluginDirs holds, by subject label, the directory that holds that
	// subject's binary under providerName.
	pluginDirs map[string]string
	emulator   string
	size       int64 // bytes of the provider binary
}

// releaseLDFlags and releaseEnv are how .goreleaser.yml builds the provider.
const releaseLDFlags = "-s -w -X main.version=0.0.0-bench"

var releaseEnv = []string{"CGO_ENABLED=0"}

// prepareBinaries builds what -provider and -emulator do not give: the
// provider as released (CGO off, -trimpath, -s -w), and the emulator; the
// floor provider, built the same way, unless -floor=false; and links the
// -baseline binary.
func prepareBinaries(ctx context.Context, repo, work string, o options, log func(string, ...any)) (binaries, error) {
	b := binaries{pluginDirs: map[string]string{}}
	pluginDir := func(label string) (string, error) {
		dir := filepath.Join(work, "plugins", label)
		b.pluginDirs[label] = dir
		return filepath.Join(dir, providerName), os.MkdirAll(dir, 0o755)
	}
	provider, err := pluginDir(subjectAtlasx)
	if err != nil {
		return b, err
	}
	if o.provider != "" {
		if err := linkProvider("-provider", o.provider, provider); err != nil {
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

	if o.floor {
		floor, err := pluginDir(subjectFloor)
		if err != nil {
			return b, err
		}
		if _, err := goBuild(ctx, repo, floor, "./bench/floor", releaseEnv, "-trimpath", "-ldflags", "-s -w"); err != nil {
			return b, err
		}
	}
	if o.baseline != "" {
		baseline, err := pluginDir(subjectBaseline)
		if err != nil {
			return b, err
		}
		if err := linkProvider("-baseline", o.baseline, baseline); err != nil {
			return b, err
		}
	}

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

// linkProvider links the binary a flag gave where dev_overrides finds it.
func linkProvider(flag, binary, link string) error {
	if filepath.Base(binary) != providerName {
		return fmt.Errorf("%s must name a file called %s (dev_overrides looks for that name)", flag, providerName)
	}
	abs, err := filepath.Abs(binary)
	if err != nil {
		return err
	}
	if _, err := os.Stat(abs); err != nil {
		return fmt.Errorf("%s: %w", flag, err)
	}
	return os.Symlink(abs, link)
}
