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
source benches/timing.sh
printf '| workloads | tayoka (s) | PuLP + HiGHS (s) | ratio | stage values (tayoka / PuLP) |\n|---|---|---|---|---|\n'
for n in "${sizes[@]}"; do
  s=$work/het$n.toml
  python3 benches/heterogeneous/generate.py "$n" > "$s"
  race "$s" "$runs" --verbose
  values=$(python3 - "$work/t.json" "$work/p.txt" <<'PY'
import json, sys
a = [s["value"] for s in json.load(open(sys.argv[1]))["metrics"]["stages"]]
b = [float(l.split()[1]) for l in open(sys.argv[2]) if l.split()[:1] and l.split()[0].split(":")[0] in ("max_share", "cost")]
print("; ".join(f"{x:.9g} / {y:.9g}" for x, y in zip(a, b)))
PY
)
  printf '| %s | %s | %s | %.2fx | %s |\n' "$n" "$tm" "$pm" "$(echo "$pm / $tm" | bc -l)" "$values"
  sed 's/^/    /' "$work/steps" | tail -n +2 >&2
done
