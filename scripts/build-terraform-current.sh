#!/usr/bin/env bash
# Builds the current Terraform CLI pinned in tools/terraform-current/go.mod into <out>.
#
#   scripts/build-terraform-current.sh <out>
#
# `go install` cannot build current Terraform (1.16): its go.mod replaces ten nested modules (nine
# remote-state backends and internal/legacy) with local directories, and module zips leave those
# directories out. So the pinned module is downloaded (go checks it against
# tools/terraform-current/go.sum), copied out of the module cache, and the nine backends are cut
# from internal/backend/init/init.go and go.mod, with internal/legacy, which only tests import.
# None of them matter here: the acceptance tests use no remote state. Every edit counts what it
# removed and stops when the source no longer looks as expected, so a version bump in go.mod that
# moves things fails here instead of building a different CLI.
set -euo pipefail

out=${1:?usage: scripts/build-terraform-current.sh <out>}
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
pin_dir=$root/tools/terraform-current
module=github.com/hashicorp/terraform
mkdir -p "$(dirname "$out")"
out=$(cd "$(dirname "$out")" && pwd)/$(basename "$out")

# The pinned toolchain and only the tools module's own go.mod/go.sum, never a go.work above it.
export GOTOOLCHAIN=local GOWORK=off
# Keep the version check below off Terraform's update service and any user CLI config.
export CHECKPOINT_DISABLE=1 TF_CLI_CONFIG_FILE=/dev/null

fail() {
	echo "build-terraform-current: $*" >&2
	exit 1
}

# The backends by directory under internal/backend/remote-state (azurerm's is azure), then every
# nested module the zip lacks.
backends=(azure consul cos gcs kubernetes oci oss pg s3)
nested_modules=("${backends[@]/#/internal/backend/remote-state/}" internal/legacy)

version=$(go list -C "$pin_dir" -m -f '{{.Version}}' "$module")
[[ $version == v* ]] || fail "no version of $module in $pin_dir/go.mod"

# Run inside the tools module, where go refuses a download that does not match go.sum. The hashes
# it reports are then compared with go.sum as it was before (go adds lines it lacks), so a go.sum
# without them fails as well.
pinned_sums=$(<"$pin_dir/go.sum")
download=$(cd "$pin_dir" && go mod download -json "$module@$version") || fail "downloading $module@$version failed:"$'\n'"$download"
json_field() { sed -n "s/^\t\"$1\": \"\(.*\)\",\{0,1\}$/\1/p" <<<"$download"; }
src_dir=$(json_field Dir)
zip_sum=$(json_field Sum)
mod_sum=$(json_field GoModSum)
[[ -d $src_dir && -n $zip_sum && -n $mod_sum ]] || fail "unexpected go mod download output:"$'\n'"$download"
for sum in "$module $version $zip_sum" "$module $version/go.mod $mod_sum"; do
	grep -qxF "$sum" <<<"$pinned_sums" || fail "tools/terraform-current/go.sum lacks the downloaded $sum"
done

scratch=$(mktemp -d "${TMPDIR:-/tmp}/terraform-current.XXXXXX")
trap 'rm -rf "$scratch" "$out.tmp"' EXIT
cp -R "$src_dir/." "$scratch"
chmod -R u+w "$scratch"
cd "$scratch"

# remove_line <file> <ERE>: deletes the one line of <file> that matches, failing unless exactly one
# does; prints the removed line.
remove_line() {
	local file=$1 pattern=$2 count
	count=$(grep -cE -- "$pattern" "$file" || true)
	[[ $count == 1 ]] || fail "$file: expected exactly 1 line matching '$pattern', found $count"
	grep -E -- "$pattern" "$file"
	grep -vE -- "$pattern" "$file" >"$file.new"
	mv "$file.new" "$file"
}

module_re=${module//./\\.}
init_go=internal/backend/init/init.go
removed_imports=0 removed_entries=0 removed_requires=0 removed_replaces=0
for backend in "${backends[@]}"; do
	import_re="^[[:space:]]*([A-Za-z0-9_]+) \"$module_re/internal/backend/remote-state/$backend\"$"
	import=$(remove_line "$init_go" "$import_re")
	alias=$(sed -E "s|$import_re|\1|" <<<"$import")
	removed_imports=$((removed_imports + 1))
	remove_line "$init_go" "^[[:space:]]*\"[a-z0-9]+\":[[:space:]]+func\(\) backend\.Backend \{ return $alias\.New\(\) \},$" >/dev/null
	removed_entries=$((removed_entries + 1))
done
for nested in "${nested_modules[@]}"; do
	path_re="$module_re/$nested"
	remove_line go.mod "^[[:space:]]*$path_re v[^ ]+( // indirect)?$" >/dev/null
	removed_requires=$((removed_requires + 1))
	remove_line go.mod "^replace $path_re => \./$nested$" >/dev/null
	removed_replaces=$((removed_replaces + 1))
done
echo "build-terraform-current: removed from $init_go $removed_imports imports and $removed_entries backends, from go.mod $removed_requires requires and $removed_replaces replaces" >&2
((removed_imports == 9 && removed_entries == 9 && removed_requires == 10 && removed_replaces == 10)) ||
	fail "expected to remove 9 imports, 9 backends, 10 requires and 10 replaces"

# A nested module this list does not know (a new backend) would be missing from the zip as well.
local_replaces=$(grep -E '^replace .* => \.{1,2}/' go.mod || true)
[[ -z $local_replaces ]] || fail "go.mod still replaces modules with directories the module zip lacks:"$'\n'"$local_replaces"

# Nothing the root module builds may still import a removed package (tests are not built).
nested_alt=$(
	IFS='|'
	echo "${nested_modules[*]}"
)
leftover=$(grep -rlE --include='*.go' --exclude='*_test.go' "\"$module_re/($nested_alt)(/[^\"]*)?\"" . || true)
[[ -z $leftover ]] || fail "still imported after the edits, in:"$'\n'"$leftover"

echo "build-terraform-current: building Terraform $version into $out" >&2
go build -mod=readonly -buildvcs=false -trimpath -ldflags "-s -w -X $module/version.dev=no" -o "$out.tmp" .
printed=$("$out.tmp" version | sed -n 1p)
[[ $printed == "Terraform $version" ]] || fail "the built CLI prints '$printed', not 'Terraform $version'"
mv "$out.tmp" "$out"
