#!/usr/bin/env bash
# tayoka against PuLP + HiGHS (benches/pulp/lexicographic.py) on scenarios
# whose workloads cannot merge: each its own `current` split under
# max_change, written by benches/heterogeneous/generate.py. Whole process,
# release build; tayoka's --verbose steps are printed for the last run.
#
#   pip install pulp highspy
#   bash benches/heterogeneous.sh [RUNS] [SIZES...]     # default: 1 1000 4000
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-1}
shift || true
sizes=("$@")
[ ${#sizes[@]} -eq 0 ] && sizes=(1000 4000)
cargo build --release --quiet
bin=$PWD/target/release/tayoka
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
median() { sort -n | awk '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "%.2f", m/1000}'; }
printf '| workloads | tayoka (s) | PuLP + HiGHS (s) | ratio | stage values (tayoka / PuLP) |\n|---|---|---|---|---|\n'
for n in "${sizes[@]}"; do
  s=$work/het$n.toml
  python3 benches/heterogeneous/generate.py "$n" > "$s"
  t=(); p=()
  for _ in $(seq "$runs"); do
    t0=$(date +%s%N)
    "$bin" solve "$s" --no-charts --format json --out "$work/o$n" --verbose >"$work/t.json" 2>"$work/steps$n"
    t1=$(date +%s%N)
    python3 benches/pulp/lexicographic.py "$s" --solver highs >"$work/p.txt" 2>/dev/null
    t2=$(date +%s%N)
    t+=($(( (t1 - t0) / 1000000 ))); p+=($(( (t2 - t1) / 1000000 )))
  done
  tm=$(printf '%s\n' "${t[@]}" | median); pm=$(printf '%s\n' "${p[@]}" | median)
  values=$(python3 - "$work/t.json" "$work/p.txt" <<'PY'
import json, sys
a = [s["value"] for s in json.load(open(sys.argv[1]))["metrics"]["stages"]]
b = [float(l.split()[1]) for l in open(sys.argv[2]) if l.split()[:1] and l.split()[0].split(":")[0] in ("max_share", "cost")]
print("; ".join(f"{x:.9g} / {y:.9g}" for x, y in zip(a, b)))
PY
)
  printf '| %s | %s | %s | %.2fx | %s |\n' "$n" "$tm" "$pm" "$(echo "$pm / $tm" | bc -l)" "$values"
  sed 's/^/    /' "$work/steps$n" | tail -n +2 >&2
done
