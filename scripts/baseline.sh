#!/usr/bin/env bash
# Builds the provider of another commit as released, for `make bench BASELINE=<commit>`, and
# prints the binary's path. The commit's tree is exported with git archive into a directory
# outside the repository (so the work tree and its worktrees are untouched) and reused while it
# exists.
#
#   scripts/baseline.sh <commit>
set -euo pipefail

rev=${1:?usage: scripts/baseline.sh <commit>}
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
commit=$(git -C "$root" rev-parse --verify --quiet "$rev^{commit}") || {
	echo "baseline: $rev is not a commit of this repository" >&2
	exit 1
}
dir=${TMPDIR:-/tmp}/atlasx-baseline-${commit:0:12}
bin=$dir/bin/terraform-provider-atlasx
if [[ ! -x $bin ]]; then
	rm -rf "$dir"
	mkdir -p "$dir/src"
	git -C "$root" archive "$commit" | tar -x -C "$dir/src"
	echo "baseline: building ${commit:0:12} in $dir" >&2
	(cd "$dir/src" && CGO_ENABLED=0 go build -trimpath -ldflags "-s -w -X main.version=0.0.0-baseline" -o "$bin" .)
fi
echo "$bin"
