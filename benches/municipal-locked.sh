#!/usr/bin/env bash
# tayoka against PuLP + HiGHS (benches/pulp/lexicographic.py) on the
# municipal estate when every system keeps its own split today
# (scenarios/japan-municipal-locked-2027.toml, its workloads written by
# benches/municipal-locked/generate.py: 34,820 workloads, 28,785 after
# merging, five Government Cloud providers, max_change 0.3). Whole process, release build;
# tayoka runs under --time-limit LIMIT (default 600 s) and says whether its
# plan is proven; its --verbose steps are printed.
#
#   pip install pulp highspy
#   bash benches/municipal-locked.sh [RUNS] [LIMIT]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-1}
limit=${2:-600}
source benches/timing.sh
race scenarios/japan-municipal-locked-2027.toml "$runs" --time-limit "$limit" --verbose
python3 - "$work/t.json" "$work/p.txt" "$tm" "$pm" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
a = [s["value"] for s in d["metrics"]["stages"]]
b = [float(l.split()[1]) for l in open(sys.argv[2]) if l.split()[:1] and l.split()[0].split(":")[0] in ("max_share", "cost")]
tm, pm = float(sys.argv[3]), float(sys.argv[4])
print("| tayoka (s) | proven | PuLP + HiGHS (s) | ratio | stage values (tayoka / PuLP) |\n|---|---|---|---|---|")
proven = d["solver"]["proven_optimal"]
# An unproven plan is no match for PuLP's: no ratio.
print(f"| {tm:.2f} | {'yes' if proven else 'no'} | {pm:.2f} | {f'{pm / tm:.2f}x' if proven else '-'} | "
      + "; ".join(f"{x:.9g} / {y:.9g}" for x, y in zip(a, b)) + " |")
PY
sed 's/^/    /' "$work/steps" | tail -n +2 >&2
