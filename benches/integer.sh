#!/usr/bin/env bash
# tayoka against PuLP + HiGHS (benches/pulp/lexicographic.py) on scenarios
# with per-workload integer rules (max_providers), written by
# benches/heterogeneous/generate.py: `int` draws max_providers 1-3 per
# workload, `int3` sets 3 for every one. Whole process, release build,
# medians; tayoka runs under --time-limit 120 and says whether it proved
# its plan optimal.
#
#   pip install pulp highspy
#   bash benches/integer.sh [RUNS] [N:MODE...]   # default: 1 20:int 60:int 200:int3
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-1}
shift || true
cases=("$@")
[ ${#cases[@]} -eq 0 ] && cases=(20:int 60:int 200:int3)
cargo build --release --quiet
bin=$PWD/target/release/tayoka
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
median() { sort -n | awk '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "%.2f", m/1000}'; }
printf '| workloads | max_providers | tayoka (s) | proven | PuLP + HiGHS (s) | ratio | stage values (tayoka / PuLP) |\n|---|---|---|---|---|---|---|\n'
for c in "${cases[@]}"; do
  n=${c%%:*}; mode=${c##*:}
  s=$work/int$n-$mode.toml
  python3 benches/heterogeneous/generate.py "$n" 1 "$mode" > "$s"
  t=(); p=()
  for _ in $(seq "$runs"); do
    t0=$(date +%s%N)
    "$bin" solve "$s" --no-charts --format json --out "$work/o" --time-limit 120 >"$work/t.json" 2>/dev/null
    t1=$(date +%s%N)
    python3 benches/pulp/lexicographic.py "$s" --solver highs >"$work/p.txt" 2>/dev/null
    t2=$(date +%s%N)
    t+=($(( (t1 - t0) / 1000000 ))); p+=($(( (t2 - t1) / 1000000 )))
  done
  tm=$(printf '%s\n' "${t[@]}" | median); pm=$(printf '%s\n' "${p[@]}" | median)
  read -r proven values < <(python3 - "$work/t.json" "$work/p.txt" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
a = [s["value"] for s in d["metrics"]["stages"]]
b = [float(l.split()[1]) for l in open(sys.argv[2]) if l.split()[:1] and l.split()[0].split(":")[0] in ("max_share", "cost")]
print("yes" if d["solver"]["proven_optimal"] else "no", "; ".join(f"{x:.9g} / {y:.9g}" for x, y in zip(a, b)))
PY
)
  kind=$([ "$mode" = int3 ] && echo "3 each" || echo "1-3")
  ratio=$(awk -v a="$tm" -v b="$pm" 'BEGIN { printf "%.2fx", b / a }')
  printf '| %s | %s | %s | %s | %s | %s | %s |\n' "$n" "$kind" "$tm" "$proven" "$pm" "$ratio" "$values"
done
