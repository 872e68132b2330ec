#!/usr/bin/env bash
# Times the release binary on the bundled scenarios, whole process, and prints
# the median of each. Uses hyperfine when it is installed (Debian: hyperfine),
# else a plain loop. Run from the repository root: bash benches/run.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-20}
cargo build --release --quiet
bin=$PWD/target/release/tayoka
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
s=scenarios/japan-gov-2027.toml
m=scenarios/japan-municipal-2027.toml

cases=(
  "check japan-gov-2027|$bin check $s"
  "solve japan-gov-2027 (no charts)|$bin solve $s --format csv --no-charts --out $work/a"
  "solve japan-gov-2027 (charts + report)|$bin solve $s --format csv --out $work/b"
  "compare base + 4 variants (no charts)|$bin compare $s --no-charts --out $work/c"
  "sweep 50 points (no charts)|$bin sweep $s --variant @cost --set policy.limits.any-provider.max_share=0.1..0.5 --steps 50 --no-charts --out $work/d"
  "sweep 50 points (chart + report)|$bin sweep $s --variant @cost --set policy.limits.any-provider.max_share=0.1..0.5 --steps 50 --out $work/e"
  "frontier 11 points (no charts)|$bin frontier $s --no-charts --out $work/f"
  "alternatives, 11 providers (no charts)|$bin alternatives $s --no-charts --out $work/g"
  "stress, single cut-offs (no charts)|$bin stress $s --no-charts --out $work/h"
  "stress, 100,000 Monte Carlo samples (no charts)|$bin stress $s --samples 100000 --no-charts --out $work/i"
  "solve, resilience variant (no charts)|$bin solve $s --variant resilience --format csv --no-charts --out $work/j"
  "solve, survive variant (no charts)|$bin solve $s --variant survive --format csv --no-charts --out $work/k"
  "solve japan-municipal-2027, 34,836 workloads (charts + report)|$bin solve $m --format csv --out $work/l"
  "solve japan-municipal-2027 (no charts)|$bin solve $m --format csv --no-charts --out $work/n"
  "solve japan-municipal-2027 --variant survive (no charts)|$bin solve $m --variant survive --format csv --no-charts --out $work/o"
  "solve japan-municipal-2027 --variant mosaic (no charts)|$bin solve $m --variant mosaic --format csv --no-charts --out $work/p"
)

printf '| case | median (ms) | peak memory (MB) |\n|---|---|---|\n'
for c in "${cases[@]}"; do
  name=${c%%|*}
  cmd=${c#*|}
  if command -v hyperfine >/dev/null 2>&1; then
    hyperfine -N --warmup 2 --runs "$runs" --export-json "$work/h.json" "$cmd" >/dev/null 2>&1
    median=$(python3 -c "import json;print(round(json.load(open('$work/h.json'))['results'][0]['median']*1000,1))")
  else
    times=()
    for _ in $(seq "$runs"); do
      t0=$(date +%s%N); $cmd >/dev/null 2>&1; t1=$(date +%s%N)
      times+=($(( (t1 - t0) / 1000 )))
    done
    median=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "%.1f", m/1000}')
  fi
  # Peak resident memory of one more run (GNU time, when it is there).
  peak=""
  if [ -x /usr/bin/time ]; then
    peak=$(/usr/bin/time -f '%M' $cmd 2>&1 >/dev/null | tail -n 1)
    peak=$(awk -v k="$peak" 'BEGIN { printf "%.0f", k / 1024 }')
  fi
  printf '| %s | %s | %s |\n' "$name" "$median" "$peak"
done
