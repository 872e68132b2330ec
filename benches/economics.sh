#!/usr/bin/env bash
# tayoka against PuLP + HiGHS (benches/pulp/lexicographic.py, which models
# the same economics) with sourcing economics: japan-gov-2027's economics
# variant (diversify, and solved for cost), and 1,000-workload scenarios of
# two shapes from benches/economics/generate.py over several seeds. Whole
# process, release build; also tayoka's time to its plan (the stages, from
# --verbose) without "what holds the plan", which PuLP does not find.
#
#   pip install pulp highspy
#   bash benches/economics.sh [RUNS] [SEEDS...]     # default: 1 run, seeds 1 2 3
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-1}
shift || true
seeds=("$@")
[ ${#seeds[@]} -eq 0 ] && seeds=(1 2 3)
source benches/timing.sh

# one LABEL SCENARIO VARIANT: RUNS whole-process runs of each, medians,
# and whether the stage values agree (relative 1e-4: both stop branch and
# bound within a 0.01% gap).
one() {
  local label=$1 s=$2 variant=$3 t=() p=() plan=() t0 t1 t2
  local targs=() pargs=()
  [ -n "$variant" ] && targs=(--variant "$variant") && pargs=(--variant "$variant")
  for _ in $(seq "$runs"); do
    t0=$(date +%s%N)
    "$bin" solve "$s" "${targs[@]}" --no-charts --format json --verbose --out "$work/o" >"$work/t.json" 2>"$work/steps"
    t1=$(date +%s%N)
    python3 benches/pulp/lexicographic.py "$s" --solver highs "${pargs[@]}" >"$work/p.txt" 2>/dev/null
    t2=$(date +%s%N)
    t+=($(( (t1 - t0) / 1000000 ))); p+=($(( (t2 - t1) / 1000000 )))
    # Time to the plan: the whole run less finding what holds it.
    plan+=($(awk -v all=$(( (t1 - t0) / 1000000 )) '/what holds the plan/{h=$1} END{printf "%d", all - h*1000}' "$work/steps"))
  done
  local tm pm am
  tm=$(printf '%s\n' "${t[@]}" | median)
  pm=$(printf '%s\n' "${p[@]}" | median)
  am=$(printf '%s\n' "${plan[@]}" | median)
  python3 - "$work/t.json" "$work/p.txt" "$label" "$tm" "$am" "$pm" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
a = [(s["name"], s["value"]) for s in d["metrics"]["stages"]]
b = [l.split() for l in open(sys.argv[2])]
b = {r[0]: float(r[1]) for r in b if len(r) == 2 and r[0].split(":")[0] in ("max_share", "cost")}
agree = all(n in b and abs(v - b[n]) <= 1e-4 * max(abs(v), 1.0) for n, v in a)
label, tm, am, pm = sys.argv[3], float(sys.argv[4]), float(sys.argv[5]), float(sys.argv[6])
print(f"| {label} | {tm:.2f} | {am:.2f} | {pm:.2f} | {pm / tm:.2f}x | {pm / am:.2f}x | {'yes' if agree else 'NO'} |")
PY
}

printf '| scenario | tayoka (s) | tayoka to its plan (s) | PuLP + HiGHS (s) | ratio | ratio to the plan | stage values agree |\n|---|---|---|---|---|---|---|\n'
one "japan-gov-2027 --variant economics" scenarios/japan-gov-2027.toml economics
one "japan-gov-2027 --variant economics+@cost" scenarios/japan-gov-2027.toml economics+@cost
for shape in priced locked; do
  for seed in "${seeds[@]}"; do
    python3 benches/economics/generate.py 1000 "$seed" "$shape" >"$work/econ.toml"
    one "1,000 workloads, $shape, seed $seed" "$work/econ.toml" ""
  done
done
