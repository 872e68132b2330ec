#!/usr/bin/env bash
# Regenerates the README's images from the bundled japan-gov-2027 scenario:
# the allocation and shares charts, and the first screen of the Japanese
# report (that one needs Chromium and a Japanese font, e.g. Debian's
# chromium and fonts-ipaexfont-gothic).
# Run from the repository root: bash docs/make-images.sh
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(mktemp -d)
cargo run --release --quiet -- solve scenarios/japan-gov-2027.toml --out "$out/en" >/dev/null
cp "$out/en/allocation.png" "$out/en/shares.png" docs/images/
echo "wrote docs/images/allocation.png docs/images/shares.png"
if command -v chromium >/dev/null; then
  cargo run --release --quiet -- solve scenarios/japan-gov-2027.toml --lang ja --out "$out/ja" >/dev/null
  chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$out/profile" --window-size=1100,760 \
    --screenshot=docs/images/report-ja.png "file://$out/ja/report.html" 2>/dev/null
  echo "wrote docs/images/report-ja.png"
else
  echo "no chromium: docs/images/report-ja.png left as it is" >&2
fi
rm -rf "$out"
