#!/usr/bin/env bash
# tayoka against a researcher's hand-written PuLP model of the same scenario
# (benches/pulp/lexicographic.py): both must reach the same stage values
# (relative 1e-5); both are timed whole-process (tayoka with hyperfine, PuLP
# with a plain loop: its runs take seconds to minutes), medians printed.
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
    # Each run is timed whole-process; the first run's stage values are checked.
    times=()
    for i in $(seq "$runs"); do
      t0=$(date +%s%N)
      python3 benches/pulp/lexicographic.py "$s" --solver "$solver" >"$work/pulp.stages" 2>/dev/null
      t1=$(date +%s%N)
      times+=($(( (t1 - t0) / 1000000 )))
      [ "$i" -eq 1 ] && cp "$work/pulp.stages" "$work/first.stages"
    done
    agree=$(python3 - "$work/tayoka.stages" "$work/first.stages" <<'EOF2'
import sys
# Stage lines only: `NAME VALUE` (a solver may print a banner on stdout).
def stages(path):
    rows = [l.split() for l in open(path)]
    return [r for r in rows if len(r) == 2 and r[0].split(":")[0] in
            ("max_share", "home_share", "cost", "hhi", "worst_cutoff")]
a = stages(sys.argv[1])
b = stages(sys.argv[2])
ok = len(a) == len(b) and all(
    x[0] == y[0] and abs(float(x[1]) - float(y[1])) <= 1e-5 * max(abs(float(x[1])), 1.0)
    for x, y in zip(a, b))
print("yes" if ok else "NO: " + "; ".join(f"{x} vs {y}" for x, y in zip(a, b)))
EOF2
)
    t=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "%.3f", m/1000}')
    printf '| %s | PuLP + %s | %s | %s |\n' "$name" "$solver" "$t" "$agree"
  done
done
