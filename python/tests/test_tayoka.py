"""The Python package against the command line: each DataFrame is the CSV
``tayoka`` writes for the same run, each error the text it prints."""

import json
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pandas as pd
import pytest

import tayoka

ROOT = Path(__file__).resolve().parents[2]
SCENARIOS = ROOT / "scenarios"
GOV = SCENARIOS / "japan-gov-2027.toml"


def cli_binary() -> Path:
    """The command line built from the same source (TAYOKA_BIN, else the
    debug build that `cargo test` leaves)."""
    path = Path(os.environ.get("TAYOKA_BIN", ROOT / "target" / "debug" / "tayoka"))
    assert path.exists(), f"no tayoka binary at {path}: build it (cargo build) or set TAYOKA_BIN"
    return path


def cli(*args, cwd, code=0):
    run = subprocess.run([str(cli_binary()), *map(str, args)], cwd=cwd, capture_output=True, text=True)
    assert run.returncode == code, run.stderr
    return run


def test_a_plan_is_what_tayoka_solve_writes(tmp_path):
    sets = {"policy.budget": 4.0e10, "policy.limits.us.max_share": 0.5}
    plan = tayoka.load(GOV).solve(variant="cost", set=sets)
    out = tmp_path / "o"
    cli("solve", GOV, "--variant", "cost", "--set", "policy.budget=40000000000.0",
        "--set", "policy.limits.us.max_share=0.5", "--out", out, cwd=tmp_path)
    pd.testing.assert_frame_equal(plan.allocation, pd.read_csv(out / "allocation.csv"))
    pd.testing.assert_frame_equal(plan.shares, pd.read_csv(out / "shares.csv"))
    assert plan.metrics == json.loads((out / "metrics.json").read_text())
    cli_plan = json.loads((out / "plan.json").read_text())
    assert plan.data["binding"] == cli_plan["binding"]
    assert list(plan.binding["set"]) == [b["set"] for b in cli_plan["binding"]]
    assert plan.stages["value"].tolist() == [s["value"] for s in cli_plan["metrics"]["stages"]]
    parts = plan.cost_breakdown
    assert parts["usage"] - parts["discounts"] + parts["contracts"] + parts["exit"] == pytest.approx(plan.total_cost)


def test_write_makes_the_run_folder_the_command_line_makes(tmp_path):
    plan = tayoka.load(GOV).solve()
    written = plan.write(tmp_path / "py")
    cli("solve", GOV, "--out", tmp_path / "cli", cwd=tmp_path)
    names = sorted(Path(p).name for p in written)
    assert names == sorted(p.name for p in (tmp_path / "cli").iterdir())
    for name in ["allocation.csv", "shares.csv", "metrics.json"]:
        assert (tmp_path / "py" / name).read_bytes() == (tmp_path / "cli" / name).read_bytes(), name


def test_a_scenario_from_text_or_a_dict_is_the_same_scenario():
    text = (SCENARIOS / "minimal.toml").read_text()
    from_file = tayoka.load(SCENARIOS / "minimal.toml").solve()
    from_text = tayoka.load(text=text).solve()
    pd.testing.assert_frame_equal(from_file.allocation, from_text.allocation)
    data = {
        "scenario": {"name": "two", "home": "JP"},
        "providers": {
            "a": {"country": "JP", "capacity": 100, "price": 2.0, "capabilities": {"llm": 0.9}},
            "b": {"country": "US", "capacity": 100, "price": 1.0, "capabilities": {"llm": 0.9}},
        },
        "workloads": {"w": {"demand": 100, "capability": "llm"}},
        "policy": {"objective": "cost"},
    }
    plan = tayoka.load(data=data).solve()
    # All on the cheaper provider: 100 units at 1.0.
    assert plan.total_cost == pytest.approx(100.0)
    assert plan.allocation["provider"].tolist() == ["b"]


def test_a_bad_scenario_raises_scenario_error_with_file_line_and_column(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text((SCENARIOS / "minimal.toml").read_text().replace('home = "JP"', 'home = 7'))
    with pytest.raises(tayoka.ScenarioError) as caught:
        tayoka.load(bad)
    printed = cli("check", bad, cwd=tmp_path, code=1).stderr
    line = next(l for l in str(caught.value).splitlines() if "-->" in l)
    assert f"{bad}:" in line and line in printed


def test_no_plan_raises_infeasible_error_with_the_diagnosis(tmp_path):
    with pytest.raises(tayoka.InfeasibleError) as caught:
        tayoka.load(GOV).solve(set={"policy.budget": 1})
    printed = cli("solve", GOV, "--set", "policy.budget=1", "--format", "json", "--out", tmp_path / "o",
                  cwd=tmp_path, code=3)
    assert caught.value.diagnosis == json.loads(printed.stdout)
    assert "no feasible plan for `japan-gov-2027`" in str(caught.value)
    assert "budget" in str(caught.value)


def test_a_bad_override_raises_usage_error():
    with pytest.raises(tayoka.ScenarioError, match="nonexistent"):
        tayoka.load(GOV).solve(set={"policy.nonexistent": 1})
    with pytest.raises(tayoka.UsageError):
        tayoka.load(GOV).solve(lang="fr")


def test_a_sweep_in_python_is_tayoka_sweep(tmp_path):
    df = tayoka.sweep(tayoka.load(GOV), "policy.limits.us.max_share", [0.4, 0.5, 0.6])
    cli("sweep", GOV, "--set", "policy.limits.us.max_share=0.4,0.5,0.6", "--out", tmp_path / "s",
        "--no-charts", cwd=tmp_path)
    pd.testing.assert_frame_equal(df, pd.read_csv(tmp_path / "s" / "sweep.csv"))
    assert len(df) == 3


def test_compare_is_tayoka_compare_with_numbers_as_numbers(tmp_path):
    df = tayoka.compare(tayoka.load(GOV), ["base", "@cost", "sovereignty"])
    cli("compare", GOV, "--variants", "base,@cost,sovereignty", "--out", tmp_path / "c", "--no-charts",
        cwd=tmp_path)
    pd.testing.assert_frame_equal(df, pd.read_csv(tmp_path / "c" / "compare.csv"))
    assert df["value"].dtype == "float64"


def test_ctrl_c_during_a_long_solve_raises_keyboard_interrupt():
    # The locked municipal estate takes a minute to solve with what holds it.
    script = textwrap.dedent(f"""
        import sys, tayoka
        sc = tayoka.load({str(SCENARIOS / "japan-municipal-locked-2027.toml")!r})
        print("solving", flush=True)
        try:
            sc.solve()
        except KeyboardInterrupt:
            print("interrupted", flush=True)
            sys.exit(7)
        print("finished", flush=True)
    """)
    child = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    assert child.stdout.readline().strip() == "solving"
    import time
    time.sleep(1.0)
    child.send_signal(signal.SIGINT)
    out, _ = child.communicate(timeout=120)
    assert out.strip() == "interrupted" and child.returncode == 7


def test_stress_pathway_and_tradeoff_are_the_command_lines(tmp_path):
    sc = tayoka.load(GOV)
    st = sc.stress(samples=2000, seed=7)
    cli("stress", GOV, "--samples", "2000", "--seed", "7", "--out", tmp_path / "st", "--no-charts", cwd=tmp_path)
    pd.testing.assert_frame_equal(st.cutoffs, pd.read_csv(tmp_path / "st" / "stress.csv"))
    pd.testing.assert_frame_equal(st.outages, pd.read_csv(tmp_path / "st" / "montecarlo.csv"))
    assert st.monte_carlo == json.loads((tmp_path / "st" / "stress.json").read_text())["monte_carlo"]
    pw = sc.pathway(variant="transition")
    cli("pathway", GOV, "--variant", "transition", "--out", tmp_path / "pw", "--no-charts", cwd=tmp_path)
    pd.testing.assert_frame_equal(pw.years, pd.read_csv(tmp_path / "pw" / "pathway.csv"))
    assert pw.data == json.loads((tmp_path / "pw" / "pathway.json").read_text())
    tr = sc.tradeoff(points=5)
    run = cli("tradeoff", GOV, "--points", "5", "--out", tmp_path / "tr", "--no-charts", cwd=tmp_path)
    pd.testing.assert_frame_equal(tr.points, pd.read_csv(tmp_path / "tr" / "tradeoff.csv"))
    # The sentences the command line opens with.
    assert run.stdout.splitlines()[0] in tr.summary
