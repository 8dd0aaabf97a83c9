#!/usr/bin/env bash
# The live acceptance suite (make testacc-live) against the emulator started as a program of its
# own, on a free loopback port: the suite reaches it only through the variables a real run reads
# (base URL, credentials, project, prerequisites), which the emulator prints for its seed
# (atlasx-emulator -live-env). Then the sweeper (make sweep), as after a real run. Every
# prerequisite comes from the seed, so a skipped test fails this script.
#
#   scripts/testacc-live-emulator.sh [EMULATOR_BIN]     (make testacc-live-emulator builds it)
#
# The emulator is stopped on exit, failure included.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
emulator_bin=$(realpath -m "${1:-${EMULATOR_BIN:-$root/bin/atlasx-emulator}}")
live_log=$root/bin/testacc-live.log
if [[ ! -x $emulator_bin ]]; then
	echo "testacc-live-emulator: $emulator_bin is missing; run 'make testacc-live-emulator', which builds it" >&2
	exit 1
fi

live_env=$(mktemp "${TMPDIR:-/tmp}/atlasx-live-env.XXXXXX")
"$emulator_bin" -live-env >"$live_env" &
emulator_pid=$!
stop_emulator() {
	kill "$emulator_pid" 2>/dev/null || true
	wait "$emulator_pid" 2>/dev/null || true
	rm -f "$live_env"
}
trap stop_emulator EXIT

for _ in $(seq 100); do
	grep -q '^export MONGODB_ATLAS_BASE_URL=' "$live_env" && break
	kill -0 "$emulator_pid" 2>/dev/null || { echo "testacc-live-emulator: the emulator exited" >&2; exit 1; }
	sleep 0.1
done
sed -n 1p "$live_env"

# In a subshell, so the variables reach the two targets and nothing after them; a developer's own
# Atlas credentials and live settings are dropped first, so none of them reaches the emulator.
(
	while read -r name; do unset "$name"; done < <(compgen -e | grep -E '^(MONGODB_ATLAS_|ATLASX_ACC_)' || true)
	# shellcheck source=/dev/null
	. "$live_env"
	export ATLASX_ACC_LIVE=1
	make -C "$root" --no-print-directory testacc-live
	make -C "$root" --no-print-directory sweep
)

skipped=$(grep -cE -- '^ *--- SKIP: ' "$live_log" || true)
if [[ $skipped != 0 ]]; then
	echo "testacc-live-emulator: $skipped live tests skipped; the emulator's seed provides every prerequisite, so none may:" >&2
	grep -E -A1 -- '^ *--- SKIP: ' "$live_log" >&2
	exit 1
fi
