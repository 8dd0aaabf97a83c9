#!/usr/bin/env bash
# Writes the contract checks' OpenAPI document to $1: the published Atlas Administration API
# document (github.com/mongodb/openapi, openapi/v2.yaml) at a pinned commit, cut down to the
# stream workspace, connection and failover connection operations by
# internal/contract/cmd/openapi-excerpt, the same selection as ../shared/atlas-api/streams-openapi.yaml.
# The GitHub workflows run it and point ATLASX_OPENAPI_SPEC at the result; .ci/run reads ../shared.
#
# The pin is the commit: git fetches the file's blob from that commit's tree and checks it against
# its object id, so a different document cannot arrive under this pin. The script also prints the
# document's SHA-256, so a run's log says exactly what it checked against.
set -euo pipefail

out=${1:?usage: fetch-openapi.sh OUTPUT.yaml}
repo=https://github.com/mongodb/openapi.git
commit=0002f827310d9c43cb0e37d95fafef88c74f8b2a
file=openapi/v2.yaml

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

git -C "$work" init -q
git -C "$work" remote add origin "$repo"
# A partial clone: the commit's trees at depth 1, and only the one blob that is asked for.
git -C "$work" config remote.origin.promisor true
git -C "$work" config remote.origin.partialclonefilter blob:none
git -C "$work" fetch -q --depth 1 --filter=blob:none origin "$commit"
git -C "$work" cat-file blob "$commit:$file" >"$work/published.yaml"
echo "fetch-openapi: $file at $commit, sha256 $(sha256sum "$work/published.yaml" | cut -d' ' -f1)"

(cd "$root" && go run ./internal/contract/cmd/openapi-excerpt) <"$work/published.yaml" >"$out"
if ! grep -q '/failoverConnections' "$out"; then
	echo "fetch-openapi: $file at $commit has no failover connection operations; pin a newer commit" >&2
	exit 1
fi
echo "fetch-openapi: wrote $out ($(grep -c '^  /api/' "$out") paths)"
