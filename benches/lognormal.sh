#!/usr/bin/env bash
# tayoka against PuLP + HiGHS (benches/pulp/lexicographic.py) on scenarios
# shaped like a real estate (benches/lognormal/generate.py: log-normal
# demands, sparse eligibility, classes, capacities that bind), several
# seeds: `N:int` gives each workload its own max_providers (1-3), `N:change`
# its own `current` under max_change = 0.3. Whole process, release build,
# medians; tayoka's --verbose steps go to standard error.
#
#   pip install pulp highspy
#   bash benches/lognormal.sh [RUNS] [SEEDS] [N:MODE...]   # default: 1 "1 2 3" 20:int 60:int 4000:change
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-1}
seeds=${2:-1 2 3}
shift 2 || shift $#
cases=("$@")
[ ${#cases[@]} -eq 0 ] && cases=(20:int 60:int 4000:change)
source benches/timing.sh
printf '| workloads | rules | seed | tayoka (s) | PuLP + HiGHS (s) | ratio | stage values (tayoka / PuLP) |\n|---|---|---|---|---|---|---|\n'
for c in "${cases[@]}"; do
  n=${c%%:*}; mode=${c##*:}
  for seed in $seeds; do
    s=$work/real$n-$mode-$seed.toml
    python3 benches/lognormal/generate.py "$n" "$seed" "$([ "$mode" = int ] && echo int || echo change)" > "$s"
    race "$s" "$runs" --verbose
    values=$(python3 - "$work/t.json" "$work/p.txt" <<'PY'
import json, sys
a = [s["value"] for s in json.load(open(sys.argv[1]))["metrics"]["stages"]]
b = [float(l.split()[1]) for l in open(sys.argv[2]) if l.split()[:1] and l.split()[0].split(":")[0] in ("max_share", "cost")]
print("; ".join(f"{x:.9g} / {y:.9g}" for x, y in zip(a, b)))
PY
)
    kind=$([ "$mode" = int ] && echo "max_providers 1-3" || echo "max_change 0.3")
    ratio=$(awk -v a="$tm" -v b="$pm" 'BEGIN { printf "%.2fx", b / a }')
    printf '| %s | %s | %s | %s | %s | %s | %s |\n' "$n" "$kind" "$seed" "$tm" "$pm" "$ratio" "$values"
    grep -E '^ +[0-9.]+ s ' "$work/steps" | sed 's/^/    /' >&2 || true
  done
done
