#!/usr/bin/env bash
# tayoka against a researcher's hand-written PuLP model of the same scenario
# (benches/pulp/lexicographic.py): both must reach the same stage values
# (relative 1e-5), then both are timed whole-process with hyperfine.
#
#   pip install pulp highspy      # PuLP ships CBC; highspy adds HiGHS
#   bash benches/pulp/compare.sh [RUNS] [SCENARIO...]
#
# Default scenario: japan-gov-2027. japan-municipal-2027 takes PuLP about
# 8-9 minutes per run: pass it explicitly, with RUNS=1.
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=${1:-20}
shift || true
scenarios=("$@")
[ ${#scenarios[@]} -eq 0 ] && scenarios=(scenarios/japan-gov-2027.toml)
python3 -c 'import pulp' 2>/dev/null || { echo "PuLP is missing: pip install pulp" >&2; exit 2; }
solvers=(cbc)
python3 -c 'import pulp, sys; sys.exit(0 if pulp.HiGHS().available() else 1)' 2>/dev/null && solvers+=(highs)
cargo build --release --quiet
bin=$PWD/target/release/tayoka
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

printf '| scenario | program | median (s) | stage values agree |\n|---|---|---|---|\n'
for s in "${scenarios[@]}"; do
  name=$(basename "$s" .toml)
  "$bin" solve "$s" --no-charts --format json --out "$work/t" >"$work/tayoka.json" 2>/dev/null
  python3 - "$work/tayoka.json" >"$work/tayoka.stages" <<'EOF'
import json, sys
for st in json.load(open(sys.argv[1]))["metrics"]["stages"]:
    print(st["name"], repr(st["value"]))
EOF
  hyperfine -N --warmup 1 --runs "$runs" --export-json "$work/h.json" \
    "$bin solve $s --no-charts --format csv --out $work/t" >/dev/null 2>&1
  t=$(python3 -c "import json;print(round(json.load(open('$work/h.json'))['results'][0]['median'],3))")
  printf '| %s | tayoka (microlp, release) | %s | reference |\n' "$name" "$t"
  for solver in "${solvers[@]}"; do
    python3 benches/pulp/lexicographic.py "$s" --solver "$solver" >"$work/pulp.stages" 2>/dev/null
    agree=$(python3 - "$work/tayoka.stages" "$work/pulp.stages" <<'EOF'
import sys
a = [l.split() for l in open(sys.argv[1])]
b = [l.split() for l in open(sys.argv[2])]
ok = len(a) == len(b) and all(
    x[0] == y[0] and abs(float(x[1]) - float(y[1])) <= 1e-5 * max(abs(float(x[1])), 1.0)
    for x, y in zip(a, b))
print("yes" if ok else "NO: " + "; ".join(f"{x} vs {y}" for x, y in zip(a, b)))
EOF
)
    hyperfine -N --warmup 0 --runs "$runs" --export-json "$work/h.json" \
      "python3 benches/pulp/lexicographic.py $s --solver $solver" >/dev/null 2>&1
    t=$(python3 -c "import json;print(round(json.load(open('$work/h.json'))['results'][0]['median'],3))")
    printf '| %s | PuLP + %s | %s | %s |\n' "$name" "$solver" "$t" "$agree"
  done
done
