# Shared by the benches that time the release binary against PuLP + HiGHS
# (sourced, not run): builds tayoka, names it `bin`, makes a scratch folder
# `work` removed on exit, and `median` (milliseconds in, seconds out).
# TAYOKA_BIN=PATH times that binary instead (another build, such as
# `cargo build --release --features highs --target-dir DIR`), unbuilt.
if [ -n "${TAYOKA_BIN:-}" ]; then
  bin=$(realpath "$TAYOKA_BIN")
else
  cargo build --release --quiet
  bin=$PWD/target/release/tayoka
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
median() { sort -n | awk '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "%.2f", m/1000}'; }

# race SCENARIO RUNS ARGS...: times `tayoka solve SCENARIO ARGS` (its JSON
# in $work/t.json, its standard error in $work/steps) and the PuLP model
# with HiGHS (in $work/p.txt), RUNS times each, one after the other; sets
# `tm` and `pm` to their medians in seconds.
race() {
  local s=$1 runs=$2
  shift 2
  local t=() p=() t0 t1 t2
  for _ in $(seq "$runs"); do
    t0=$(date +%s%N)
    "$bin" solve "$s" --no-charts --format json --out "$work/o" "$@" >"$work/t.json" 2>"$work/steps"
    t1=$(date +%s%N)
    python3 benches/pulp/lexicographic.py "$s" --solver highs >"$work/p.txt" 2>/dev/null
    t2=$(date +%s%N)
    t+=($(( (t1 - t0) / 1000000 ))); p+=($(( (t2 - t1) / 1000000 )))
  done
  tm=$(printf '%s\n' "${t[@]}" | median)
  pm=$(printf '%s\n' "${p[@]}" | median)
}
