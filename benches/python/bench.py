"""The Python package against the command line and a researcher's PuLP loop.

1. ``sc.solve()`` on japan-gov-2027 in one Python process (no process start,
   no files written), against ``tayoka solve`` whole-process (farm-bench or
   hyperfine time the CLI; here each is timed the same way: wall clock of
   the call or of the process, median of RUNS).
2. A 50-point sweep of AWS's capacity: ``tayoka.sweep`` in Python, against
   the same 50 points solved in one Python process by the PuLP model of
   benches/pulp/lexicographic.py (HiGHS through highspy), each point a
   fresh model as a notebook loop would build it. Both give each point's
   total cost, checked to agree.

    pip install ./python pulp highspy
    cargo build --release
    python benches/python/bench.py [RUNS]
"""

import contextlib
import io
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import tayoka

ROOT = Path(__file__).resolve().parents[2]
GOV = ROOT / "scenarios" / "japan-gov-2027.toml"
BIN = Path(os.environ.get("TAYOKA_BIN", ROOT / "target" / "release" / "tayoka"))
RUNS = int(sys.argv[1]) if len(sys.argv) > 1 else 11
POINTS = [43800 * (0.5 + i / 49) for i in range(50)]


def median_of(work, runs):
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        work()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def main():
    sc = tayoka.load(GOV)
    py_solve = median_of(lambda: sc.solve(), RUNS)
    out = tempfile.mkdtemp()
    cmd = [str(BIN), "solve", str(GOV), "--no-charts", "--out", out, "--format", "csv"]
    cli_solve = median_of(lambda: subprocess.run(cmd, check=True, capture_output=True), RUNS)
    print("| what | tayoka in Python | command line, whole process | ratio |")
    print("|---|---|---|---|")
    print(f"| solve japan-gov-2027 (median of {RUNS}) | {py_solve:.3f} s | {cli_solve:.3f} s | {cli_solve / py_solve:.2f}x |")

    t = time.perf_counter()
    df = tayoka.sweep(sc, "providers.aws.capacity", POINTS)
    py_sweep = time.perf_counter() - t

    sys.path.insert(0, str(ROOT / "benches" / "pulp"))
    import lexicographic  # noqa: E402

    text = GOV.read_text()
    folder = Path(tempfile.mkdtemp())
    pulp_costs = []
    t = time.perf_counter()
    for i, cap in enumerate(POINTS):
        path = folder / f"point{i}.toml"
        path.write_text(text + f"\n[variants.point]\nproviders.aws.capacity = {cap!r}\n")
        sys.argv = ["lexicographic.py", str(path), "--variant", "point", "--solver", "highs"]
        printed = io.StringIO()
        with contextlib.redirect_stdout(printed), contextlib.redirect_stderr(io.StringIO()):
            lexicographic.main()
        cost = next(l for l in printed.getvalue().splitlines() if l.startswith("cost "))
        pulp_costs.append(float(cost.split()[1]))
    pulp_sweep = time.perf_counter() - t
    ours = df["total_cost"].tolist()
    agree = all(abs(a - b) <= 1e-5 * abs(b) for a, b in zip(ours, pulp_costs))
    print(f"| 50-point sweep of AWS capacity (one run each) | {py_sweep:.3f} s | PuLP + HiGHS loop {pulp_sweep:.3f} s | {pulp_sweep / py_sweep:.2f}x |")
    print(f"\ncosts agree at every point (relative 1e-5): {agree}")
    if not agree:
        sys.exit(1)


if __name__ == "__main__":
    main()
