#!/usr/bin/env bash
# The one-command demo (`make demo`): the atlasx provider creating, checking and
# destroying stream connections of several types in the atlasx-emulator, with no
# Atlas account, no registry and no `init`.
#
#   scripts/demo.sh [TOFU [PROVIDER_BIN [EMULATOR_BIN]]]
#
# Defaults: bin/tofu, bin/terraform-provider-atlasx, bin/atlasx-emulator (make demo builds
# them). Any Terraform or OpenTofu CLI works as the first argument, e.g. bin/terraform.
# Everything it starts is stopped on exit, and its files live in a temporary directory.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cli=$(realpath -m "${1:-${TOFU:-$root/bin/tofu}}")
provider_bin=$(realpath -m "${2:-${PROVIDER_BIN:-$root/bin/terraform-provider-atlasx}}")
emulator_bin=$(realpath -m "${3:-${EMULATOR_BIN:-$root/bin/atlasx-emulator}}")
example=$root/examples/demo

for f in "$cli" "$provider_bin" "$emulator_bin"; do
	if [[ ! -x $f ]]; then
		echo "demo: $f is missing; run 'make demo', which builds it" >&2
		exit 1
	fi
done
if [[ $(basename "$provider_bin") != terraform-provider-atlasx ]]; then
	echo "demo: the provider binary must be named terraform-provider-atlasx (dev_overrides looks for that name)" >&2
	exit 1
fi

if [[ -t 1 ]]; then
	bold=$'\e[1m' dim=$'\e[2m' reset=$'\e[0m'
	color=()
else
	bold='' dim='' reset=''
	color=(-no-color)
fi
section() { printf '\n%s==> %s%s\n' "$bold" "$*" "$reset"; }
note() { printf '%s    %s%s\n' "$dim" "$*" "$reset"; }

work=$(mktemp -d "${TMPDIR:-/tmp}/atlasx-demo.XXXXXX")
emulator_pid=''
cleanup() {
	local status=$?
	if [[ -n $emulator_pid ]] && kill -0 "$emulator_pid" 2>/dev/null; then
		kill -TERM "$emulator_pid" 2>/dev/null || true
		wait "$emulator_pid" 2>/dev/null || true
	fi
	rm -rf "$work"
	if ((status != 0)); then
		printf '\ndemo: failed (exit %d); the emulator is stopped and %s removed.\n' "$status" "$work" >&2
	fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# ---------------------------------------------------------------------------------------------
section "1. Start the Atlas emulator"
note "$emulator_bin on a free loopback port; it seeds a project, a workspace and credentials"
"$emulator_bin" -addr 127.0.0.1:0 >"$work/emulator.env" 2>"$work/emulator.log" &
emulator_pid=$!
for _ in $(seq 1 100); do
	grep -q '^MONGODB_ATLAS_ACCESS_TOKEN=' "$work/emulator.env" 2>/dev/null && break
	if ! kill -0 "$emulator_pid" 2>/dev/null; then
		cat "$work/emulator.log" >&2
		echo "demo: the emulator exited before it was ready" >&2
		exit 1
	fi
	sleep 0.1
done
banner() { sed -n "s/^$1=//p" "$work/emulator.env"; }
url=$(banner ATLASX_EMULATOR_URL)
if [[ -z $url ]]; then
	echo "demo: the emulator printed no ATLASX_EMULATOR_URL" >&2
	exit 1
fi

# The provider reads its settings from the environment; drop any real Atlas
# credentials of the caller so that only the emulator's service account is used.
for name in $(compgen -e); do
	if [[ $name == MONGODB_ATLAS_* ]]; then unset "$name"; fi
done
export MONGODB_ATLAS_BASE_URL=$url
export MONGODB_ATLAS_CLIENT_ID=$(banner MONGODB_ATLAS_CLIENT_ID)
export MONGODB_ATLAS_CLIENT_SECRET=$(banner MONGODB_ATLAS_CLIENT_SECRET)
export TF_VAR_project_id=$(banner ATLASX_PROJECT_ID)
export TF_VAR_workspace_name=$(banner ATLASX_WORKSPACE_NAME)
echo "    Atlas API:  $url (pid $emulator_pid)"
echo "    project:    $TF_VAR_project_id"
echo "    workspace:  $TF_VAR_workspace_name"
echo "    credential: service account $MONGODB_ATLAS_CLIENT_ID (secret from the banner, in the environment)"

# Secrets go in as TF_VAR_ variables, made up for this run and never printed.
random_secret() { od -An -N12 -tx1 /dev/urandom | tr -d ' \n'; }
export TF_VAR_kafka_password=$(random_secret)
export TF_VAR_webhook_token=$(random_secret)
export TF_VAR_registry_password=$(random_secret)

# ---------------------------------------------------------------------------------------------
section "2. Point $(basename "$cli") at the provider just built"
cat >"$work/cli.tfrc" <<EOF
# dev_overrides: use this binary for source "atlasx/atlasx"; no registry, no init.
provider_installation {
  dev_overrides {
    "registry.opentofu.org/atlasx/atlasx"  = "$(dirname "$provider_bin")"
    "registry.terraform.io/atlasx/atlasx" = "$(dirname "$provider_bin")"
  }
  direct {}
}
EOF
export TF_CLI_CONFIG_FILE=$work/cli.tfrc TF_IN_AUTOMATION=1 CHECKPOINT_DISABLE=1
mkdir "$work/config"
cp "$example"/*.tf "$work/config/"
note "CLI config: $TF_CLI_CONFIG_FILE (dev_overrides -> $(dirname "$provider_bin"))"
note "configuration: a copy of examples/demo in $work/config; its state stays there"
note "(so the CLI warns that provider development overrides are in effect: that is expected)"
"$cli" version | sed -n 1p | sed 's/^/    /'

tf() { "$cli" -chdir="$work/config" "$@"; }

# ---------------------------------------------------------------------------------------------
section "3. Apply: create six connections (sample, kafka, https, cluster, schema registry, s3)"
tf apply -auto-approve -input=false -compact-warnings "${color[@]}"

section "4. One connection as state holds it"
note "Atlas never returns the password: the provider keeps it from the configuration, marked sensitive."
tf state show "${color[@]}" atlasx_stream_connection.orders

# ---------------------------------------------------------------------------------------------
section "5. Plan again: nothing should change"
set +e
tf plan -detailed-exitcode -input=false -compact-warnings "${color[@]}"
plan_status=$?
set -e
case $plan_status in
0) echo "    OK: the second plan is empty (plan -detailed-exitcode = 0)" ;;
2)
	echo "demo: the second plan is not empty (plan -detailed-exitcode = 2)" >&2
	exit 1
	;;
*) exit "$plan_status" ;;
esac

# ---------------------------------------------------------------------------------------------
section "6. Destroy"
note "(progress only; the destroy plan lists every connection again)"
if ! tf destroy -auto-approve -input=false -compact-warnings -no-color >"$work/destroy.log" 2>&1; then
	cat "$work/destroy.log" >&2
	exit 1
fi
grep -E ': Destr|^Destroy complete' "$work/destroy.log" | sed 's/^/    /'

section "7. Stop the emulator"
kill -TERM "$emulator_pid"
wait "$emulator_pid" || true
emulator_pid=''
echo "    stopped; nothing is left running and $work is removed."
printf '\n%sDone.%s Next: README.md ("Use it with Atlas") to point the same configuration at a real workspace.\n' "$bold" "$reset"
