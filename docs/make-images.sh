#!/usr/bin/env bash
# Regenerates the README's chart images from the bundled japan-gov-2027 scenario.
# Run from the repository root: bash docs/make-images.sh
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(mktemp -d)
cargo run --release --quiet -- solve scenarios/japan-gov-2027.toml --out "$out" >/dev/null
cp "$out/allocation.png" "$out/shares.png" docs/images/
rm -rf "$out"
echo "wrote docs/images/allocation.png docs/images/shares.png"
