#!/usr/bin/env bash
# Regenerates docs/ with tfplugindocs, offline.
#
# tfplugindocs normally builds the provider and asks a `terraform` binary for the schema,
# downloading one when none is on PATH. Instead this script asks the current Terraform built
# from tools/terraform-current for `providers schema -json`, with a CLI configuration whose
# dev_overrides points at the provider binary in bin/ (no `init`, no lock file, no network),
# and hands that file to tfplugindocs with --providers-schema. The current Terraform, because
# its schema JSON carries list resources and resource identity, which tfplugindocs documents;
# OpenTofu's has neither.
#
# Run it through `make docs`, which builds bin/terraform-current, bin/tfplugindocs and the
# provider first.
# Environment: BIN (default <repo>/bin), TERRAFORM, TFPLUGINDOCS, PROVIDER_BIN override the paths.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
bin=${BIN:-$root/bin}
terraform=${TERRAFORM:-$bin/terraform-current}
tfplugindocs=${TFPLUGINDOCS:-$bin/tfplugindocs}
provider_bin=${PROVIDER_BIN:-$bin/terraform-provider-atlasx}

# The address the schema is keyed by: Terraform's default registry host for source "atlasx/atlasx".
address=registry.terraform.io/atlasx/atlasx

for f in "$terraform" "$tfplugindocs" "$provider_bin"; do
	if [[ ! -x $f ]]; then
		echo "docs.sh: $f is missing; run 'make docs' (it builds what is needed)" >&2
		exit 1
	fi
done

work=$(mktemp -d "${TMPDIR:-/tmp}/atlasx-docs.XXXXXX")
trap 'rm -rf "$work"' EXIT

# dev_overrides takes the directory that holds terraform-provider-atlasx.
cat >"$work/cli.tfrc" <<EOF
provider_installation {
  dev_overrides {
    "$address" = "$(dirname "$provider_bin")"
  }
  direct {}
}
EOF

mkdir "$work/config"
cat >"$work/config/main.tf" <<'EOF'
terraform {
  required_providers {
    atlasx = {
      source = "atlasx/atlasx"
    }
  }
}
EOF

echo "==> terraform providers schema -json (dev_overrides: $address -> $(dirname "$provider_bin"))"
(
	cd "$work/config"
	TF_CLI_CONFIG_FILE="$work/cli.tfrc" TF_IN_AUTOMATION=1 CHECKPOINT_DISABLE=1 \
		"$terraform" providers schema -json
) >"$work/schema.json"

# tfplugindocs looks the schema up under the bare provider name (or registry.terraform.io/hashicorp/NAME),
# so re-key the one provider in the file. The output is one line of compact JSON; the key is the
# first object under "provider_schemas" (a quote inside a description would be escaped as \").
sed -e "s#\"provider_schemas\":{\"$address\":#\"provider_schemas\":{\"atlasx\":#" \
	"$work/schema.json" >"$work/schema.atlasx.json"
if ! grep -q '"provider_schemas":{"atlasx":' "$work/schema.atlasx.json"; then
	echo "docs.sh: no schema for $address in the output of 'terraform providers schema -json':" >&2
	head -c 2000 "$work/schema.json" >&2
	exit 1
fi

cd "$root"
echo "==> tfplugindocs generate"
"$tfplugindocs" generate \
	--provider-dir "$root" \
	--providers-schema "$work/schema.atlasx.json" \
	--provider-name atlasx \
	--rendered-provider-name atlasx

echo "==> tfplugindocs validate"
# validate logs every file it checks; show that only when it fails.
if ! "$tfplugindocs" validate \
	--provider-dir "$root" \
	--providers-schema "$work/schema.atlasx.json" \
	--provider-name atlasx >"$work/validate.log" 2>&1; then
	cat "$work/validate.log" >&2
	exit 1
fi
