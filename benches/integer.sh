#!/usr/bin/env bash
# tayoka against PuLP + HiGHS (benches/pulp/lexicographic.py) on scenarios
# with per-workload integer rules (max_providers), written by
# benches/heterogeneous/generate.py: `int` draws max_providers 1-3 per
# workload, `int3` sets 3 for every one. Whole process, release build,
# medians; tayoka runs under --time-limit 120 and says whether it proved
# its plan optimal, exactly or within its MIP gap (0.01% by default, as
# HiGHS's, which PuLP uses here).
#
#   pip install pulp highspy
#   bash benches/integer.sh [RUNS] [N:MODE...]   # default: 1 20:int 60:int 200:int 200:int3
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-1}
shift || true
cases=("$@")
[ ${#cases[@]} -eq 0 ] && cases=(20:int 60:int 200:int 200:int3)
source benches/timing.sh
printf '| workloads | max_providers | tayoka (s) | proven | PuLP + HiGHS (s) | ratio | stage values (tayoka / PuLP) |\n|---|---|---|---|---|---|---|\n'
for c in "${cases[@]}"; do
  n=${c%%:*}; mode=${c##*:}
  s=$work/int$n-$mode.toml
  python3 benches/heterogeneous/generate.py "$n" 1 "$mode" > "$s"
  race "$s" "$runs" --time-limit 120
  read -r proven values < <(python3 - "$work/t.json" "$work/p.txt" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
a = [s["value"] for s in d["metrics"]["stages"]]
b = [float(l.split()[1]) for l in open(sys.argv[2]) if l.split()[:1] and l.split()[0].split(":")[0] in ("max_share", "cost")]
sv = d["solver"]
proven = ("within-%g%%" % (100 * sv["mip_gap"]) if "mip_gap" in sv else "yes") if sv["proven_optimal"] else "no"
print(proven, "; ".join(f"{x:.9g} / {y:.9g}" for x, y in zip(a, b)))
PY
)
  kind=$([ "$mode" = int3 ] && echo "3 each" || echo "1-3")
  ratio=$(awk -v a="$tm" -v b="$pm" 'BEGIN { printf "%.2fx", b / a }')
  printf '| %s | %s | %s | %s | %s | %s | %s |\n' "$n" "$kind" "$tm" "$proven" "$pm" "$ratio" "$values"
done
