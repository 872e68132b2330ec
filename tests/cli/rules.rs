//! Integer business rules, the mosaic rule, lock-in, the pathway, the time
//! limit and the solver backends: small cases derived by hand.

use crate::common;

use common::checker::{check, rows_of};
use common::{
    HEAD, amount, load_case, provider, read_json, scenarios, solve_text, succeeds, tayoka, workload,
};
use predicates::prelude::*;
use std::path::Path;
use tayoka::analysis::pathway::{Method, pathway};
use tayoka::model::backend::SolverKind;
use tayoka::scenario::LoadOptions;
use tayoka::solve::{Solved, solve};

fn stage(run: &Solved, i: usize) -> (String, f64) {
    let st = &run.metrics.stages[i];
    (st.name.clone(), st.value)
}

fn solve_checked(text: &str) -> Solved {
    let run = solve_text(text);
    check(run.scenario(), &rows_of(&run));
    run
}

#[test]
fn the_mosaic_rule_sends_a_second_data_category_to_a_domestic_provider() {
    // A cheap foreign provider (price 1) and a domestic one (price 2); two
    // workloads of 30 carrying medical and criminal data. Cheapest: both on
    // us (cost 60), which then sees 2 categories. With at most 1 category per
    // foreign provider, one workload moves to jp: cost 30 + 60 = 90.
    let body = format!(
        "{HEAD}{}{}{}{}",
        provider("us", "US", 100.0, 1.0, ""),
        provider("jp", "JP", 100.0, 2.0, ""),
        workload("med", 30.0, "data = [\"medical\"]"),
        workload("crim", 30.0, "data = [\"criminal\"]"),
    );
    let free = solve_checked(&format!("{body}[policy]\nobjective = \"cost\"\n"));
    assert_eq!(stage(&free, 0), ("cost".into(), 60.0));
    assert_eq!(free.metrics.mosaic_exposure.categories, 2);
    assert_eq!(free.metrics.mosaic_exposure.seen, ["criminal", "medical"]);
    let ruled = solve_checked(&format!(
        "{body}[policy]\nobjective = \"cost\"\nmosaic_max_categories = 1\n"
    ));
    assert_eq!(stage(&ruled, 0), ("cost".into(), 90.0));
    assert_eq!(ruled.metrics.mosaic_exposure.categories, 1);
    assert_eq!(
        amount(&ruled, "med", "jp") + amount(&ruled, "crim", "jp"),
        30.0
    );
    // Domestic providers may see any number: with K = 0 both go home (120).
    let none = solve_checked(&format!(
        "{body}[policy]\nobjective = \"cost\"\nmosaic_max_categories = 0\n"
    ));
    assert_eq!(stage(&none, 0), ("cost".into(), 120.0));
}

#[test]
fn max_providers_one_overrides_a_capacity_split() {
    // 80 units; a (capacity 60, price 1), b (capacity 100, price 2). Cheapest
    // split: a 60 + b 20 = 100. With one provider only, a cannot hold 80:
    // b takes all, 160.
    let body = format!(
        "{HEAD}{}{}",
        provider("a", "JP", 60.0, 1.0, ""),
        provider("b", "JP", 100.0, 2.0, ""),
    );
    let split = solve_checked(&format!(
        "{body}{}[policy]\nobjective = \"cost\"\n",
        workload("w", 80.0, "")
    ));
    assert_eq!(stage(&split, 0), ("cost".into(), 100.0));
    let one = solve_checked(&format!(
        "{body}{}[policy]\nobjective = \"cost\"\n",
        workload("w", 80.0, "max_providers = 1")
    ));
    assert_eq!(stage(&one, 0), ("cost".into(), 160.0));
    assert_eq!(amount(&one, "w", "b"), 80.0);
}

#[test]
fn min_providers_and_min_allocation_fraction() {
    // 90 units, prices 1, 2, 3. Cheapest: all on a (90). With 3 providers,
    // each must serve at least 1% (0.9): a 88.2, b 0.9, c 0.9 =
    // 88.2 + 1.8 + 2.7 = 92.7. With a 20% floor: b, c 18 each, a 54:
    // 54 + 36 + 54 = 144.
    let body = format!(
        "{HEAD}{}{}{}{}",
        provider("a", "JP", 100.0, 1.0, ""),
        provider("b", "JP", 100.0, 2.0, ""),
        provider("c", "JP", 100.0, 3.0, ""),
        workload("w", 90.0, "min_providers = 3"),
    );
    let three = solve_checked(&format!("{body}[policy]\nobjective = \"cost\"\n"));
    assert!(
        (stage(&three, 0).1 - 92.7).abs() < 1e-6,
        "{:?}",
        stage(&three, 0)
    );
    let floor = solve_checked(&format!(
        "{body}[policy]\nobjective = \"cost\"\nmin_allocation_fraction = 0.2\n"
    ));
    assert!(
        (stage(&floor, 0).1 - 144.0).abs() < 1e-6,
        "{:?}",
        stage(&floor, 0)
    );
    // Diversify with a 40% floor: three providers cannot each take 40%, so
    // two share the 90: T_provider = 0.5.
    let text = format!(
        "{HEAD}{}{}{}{}[policy]\ndiversify = [\"provider\"]\nmin_allocation_fraction = 0.4\n",
        provider("a", "JP", 100.0, 1.0, ""),
        provider("b", "JP", 100.0, 1.0, ""),
        provider("c", "JP", 100.0, 1.0, ""),
        workload("w", 90.0, ""),
    );
    let run = solve_checked(&text);
    assert_eq!(stage(&run, 0), ("max_share:provider".into(), 0.5));
    assert_eq!(run.allocation.rows[0].len(), 2);
}

#[test]
fn lock_in_prices_moves_and_caps_them() {
    // 100 units today on a (price 2), b costs 1. Moving a unit saves 1.
    // exit_cost 1.5: staying is cheaper: 200.
    // exit_cost 0.5: move all: 100 + 50 = 150.
    // exit_cost 0.5 and max_change 0.3: move 30: 70*2 + 30 + 15 = 185.
    let case = |exit: f64, policy: &str| {
        let text = format!(
            "{HEAD}{}{}{}[policy]\nobjective = \"cost\"\n{policy}\n",
            provider("a", "JP", 100.0, 2.0, &format!("exit_cost = {exit}")),
            provider("b", "JP", 100.0, 1.0, ""),
            workload("w", 100.0, "current = { a = 1.0 }"),
        );
        solve_checked(&text)
    };
    assert_eq!(stage(&case(1.5, ""), 0), ("cost".into(), 200.0));
    let all = case(0.5, "");
    assert_eq!(stage(&all, 0), ("cost".into(), 150.0));
    assert_eq!(
        (
            all.metrics.moved,
            all.metrics.exit_cost,
            all.metrics.total_cost
        ),
        (100.0, 50.0, 150.0)
    );
    let capped = case(0.5, "max_change = 0.3");
    assert_eq!(stage(&capped, 0), ("cost".into(), 185.0));
    assert_eq!(amount(&capped, "w", "b"), 30.0);
    // The exit cost counts against the budget: 180 leaves no plan.
    let text = format!(
        "{HEAD}{}{}{}[policy]\nobjective = \"cost\"\nmax_change = 0.3\nbudget = 180\n",
        provider("a", "JP", 100.0, 2.0, "exit_cost = 0.5"),
        provider("b", "JP", 100.0, 1.0, ""),
        workload("w", 100.0, "current = { a = 1.0 }"),
    );
    let loaded = load_case(&text, None, &[]);
    assert!(matches!(
        solve(loaded, SolverKind::Microlp),
        Err(tayoka::Error::Infeasible(_))
    ));
}

#[test]
fn a_pathway_from_one_provider_reaches_the_optimum_in_the_derived_years() {
    // 90 units today all on a; b and c equal. Diversifying over providers
    // wants 1/3 each, so a must shed 2/3 of the workload at 0.3 a year:
    // year 1: a 0.7; year 2: a 0.4; year 3: a 1/3 (0.067 moves). Then the
    // plan no longer changes: the pathway settles after year 3, both when the
    // years are planned as one and when each is planned alone.
    let text = format!(
        "{HEAD}{}{}{}{}[policy]\ndiversify = [\"provider\"]\nmax_change = 0.3\n",
        provider("a", "JP", 100.0, 1.0, ""),
        provider("b", "JP", 100.0, 1.0, ""),
        provider("c", "JP", 100.0, 1.0, ""),
        workload("w", 90.0, "current = { a = 1.0 }"),
    );
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.toml");
    std::fs::write(&path, &text).unwrap();
    for method in [Method::Joint, Method::Myopic] {
        let p = pathway(
            &path,
            &LoadOptions::default(),
            Some(10),
            method,
            SolverKind::Microlp,
            None,
        )
        .unwrap();
        let max: Vec<f64> = p
            .years
            .iter()
            .map(|y| y.metrics.max_share["provider"].share)
            .collect();
        assert_eq!(max.len(), 11, "today + 10 years: {max:?}");
        assert_eq!(&max[..3], [1.0, 0.7, 0.4]);
        for m in &max[3..] {
            assert!((m - 1.0 / 3.0).abs() < 1e-6, "{method:?}: {max:?}");
        }
        assert_eq!(p.settled, Some(3), "{method:?}");
    }
    let p = pathway(
        &path,
        &LoadOptions::default(),
        Some(10),
        Method::Joint,
        SolverKind::Microlp,
        None,
    )
    .unwrap();
    // No year moves more than 30% of the workload.
    for y in &p.years[1..] {
        assert!(
            y.metrics.moved <= 0.3 * 90.0 + 1e-6,
            "year {} moved {}",
            y.year,
            y.metrics.moved
        );
    }
    // Fewer years than needed: still changing at the end.
    let short = pathway(
        &path,
        &LoadOptions::default(),
        Some(2),
        Method::Joint,
        SolverKind::Microlp,
        None,
    )
    .unwrap();
    assert_eq!((short.years.len(), short.settled), (3, None));
    let csv = String::from_utf8(p.csv().unwrap()).unwrap();
    assert!(csv.starts_with("year,label,total_cost,exit_cost,moved,home_share,max_share:provider,max_share:country,effective_number:provider,worst_cutoff,built,investment_cost,share:provider:a,share:provider:b,share:provider:c,share:country:JP\n"), "{csv}");
}

#[test]
fn the_bundled_transition_pathway_leaves_aws_concentration_behind() {
    let dir = tempfile::tempdir().unwrap();
    tayoka(dir.path())
        .arg("pathway")
        .arg(scenarios().join("japan-gov-2027.toml"))
        .args(["--variant", "transition", "--out", "p"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("today"))
        .stdout(predicate::str::contains("Planned as one over 8 years"));
    let csv = std::fs::read_to_string(dir.path().join("p/pathway.csv")).unwrap();
    let aws_col = csv
        .lines()
        .next()
        .unwrap()
        .split(',')
        .position(|h| h == "share:provider:aws")
        .unwrap();
    let aws: Vec<f64> = csv
        .lines()
        .skip(1)
        .map(|l| l.split(',').nth(aws_col).unwrap().parse().unwrap())
        .collect();
    assert!(aws[0] > 0.6, "today AWS holds {}", aws[0]);
    assert!(
        aws.windows(2).all(|w| w[1] <= w[0] + 1e-9),
        "AWS share never grows: {aws:?}"
    );
    assert!(*aws.last().unwrap() < 0.15, "{aws:?}");
    for f in ["pathway.svg", "pathway.png", "report.html"] {
        assert!(dir.path().join("p").join(f).is_file(), "{f}");
    }
    // Without max_change there is no pathway to plan: a problem of the
    // scenario (exit 1), not of the command line.
    tayoka(dir.path())
        .arg("pathway")
        .arg(scenarios().join("japan-gov-2027.toml"))
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "pathway needs `policy.max_change`",
        ));
}

#[test]
fn a_time_limit_that_runs_out_before_any_plan_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    tayoka(dir.path())
        .arg("solve")
        .arg(scenarios().join("japan-gov-2027.toml"))
        .args(["--time-limit", "0.000000001", "--no-charts", "--out", "o"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "the time limit of 1e-9 s ran out before any plan was found; raise --time-limit",
        ));
    tayoka(dir.path())
        .arg("solve")
        .arg(scenarios().join("minimal.toml"))
        .args(["--time-limit", "-1"])
        .assert()
        .code(2);
    // A generous limit changes nothing and the plan is proven optimal.
    tayoka(dir.path())
        .arg("solve")
        .arg(scenarios().join("minimal.toml"))
        .args(["--time-limit", "60", "--no-charts", "--out", "o"])
        .assert()
        .code(0)
        .stderr(predicate::str::contains("warning").not());
    let plan: serde_json::Value = read_json(&dir.path().join("o/plan.json"));
    assert_eq!(plan["solver"]["proven_optimal"], true);
}

#[test]
fn the_solver_is_chosen_on_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let highs = tayoka(dir.path())
        .arg("solve")
        .arg(scenarios().join("minimal.toml"))
        .args(["--solver", "highs", "--no-charts", "--out", "o"])
        .output()
        .unwrap();
    if cfg!(feature = "highs") {
        assert_eq!(highs.status.code(), Some(0));
    } else {
        assert_eq!(highs.status.code(), Some(2));
        assert!(
            String::from_utf8_lossy(&highs.stderr)
                .contains("this build has no HiGHS: rebuild with `--features highs`")
        );
    }
}

/// `auto` solves a plan with microlp in every build, integer rules too (a
/// HiGHS build measured slower on every single plan); `plan.json` names it,
/// and a solver asked for by name is the one that solves.
#[test]
fn auto_solves_a_plan_with_microlp_and_a_named_solver_is_kept() {
    let dir = tempfile::tempdir().unwrap();
    let solved_by = |out: &str, extra: &[&str]| -> String {
        tayoka(dir.path())
            .arg("solve")
            .arg(scenarios().join("minimal.toml"))
            .args(["--no-charts", "--out", out])
            .args(extra)
            .assert()
            .code(0);
        let plan: serde_json::Value = read_json(&dir.path().join(out).join("plan.json"));
        plan["solver"]["name"].as_str().unwrap().to_string()
    };
    let integer = ["--set", "workloads.chat.max_providers=2"];
    assert_eq!(solved_by("linear", &[]), "microlp");
    assert_eq!(solved_by("integer", &integer), "microlp");
    if cfg!(feature = "highs") {
        let mut named = integer.to_vec();
        named.extend(["--solver", "highs"]);
        assert_eq!(solved_by("named", &named), "highs");
    }
}

/// With the `highs` feature, both solvers reach the same stage values on
/// every bundled scenario and variant (the bundled integer rules: proved
/// exactly in seconds).
#[cfg(feature = "highs")]
#[test]
fn highs_and_microlp_agree_on_every_bundled_scenario() {
    use tayoka::scenario::{LoadOptions, load};
    for entry in std::fs::read_dir(scenarios()).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "toml") {
            continue;
        }
        let base = load(&path, &LoadOptions::default()).unwrap();
        // HiGHS's simplex takes minutes on the locked municipal estate;
        // benches/municipal-locked.sh compares it with PuLP + HiGHS.
        if common::is_large(&base.scenario) {
            continue;
        }
        let variants =
            std::iter::once(None).chain(base.scenario.variants.keys().cloned().map(Some));
        for variant in variants {
            let opts = LoadOptions {
                variant: variant.clone(),
                sets: Vec::new(),
                ..Default::default()
            };
            // Both prove each optimum (their branch and bound would
            // otherwise stop anywhere within the default 0.01% gap).
            let exact = tayoka::solve::Spec {
                mip_gap: Some(0.0),
                ..Default::default()
            };
            let a =
                tayoka::solve::solve_spec(load(&path, &opts).unwrap(), SolverKind::Microlp, &exact)
                    .unwrap();
            let b =
                tayoka::solve::solve_spec(load(&path, &opts).unwrap(), SolverKind::Highs, &exact)
                    .unwrap();
            assert_eq!(a.metrics.stages.len(), b.metrics.stages.len());
            for (x, y) in a.metrics.stages.iter().zip(&b.metrics.stages) {
                assert_eq!(x.name, y.name);
                let tol = 1e-6 * x.value.abs().max(1.0);
                assert!(
                    (x.value - y.value).abs() <= tol,
                    "{} {variant:?} {}: microlp {} highs {}",
                    path.display(),
                    x.name,
                    x.value,
                    y.value
                );
            }
        }
    }
}

/// A model with integer rules that the branch and bound cannot finish in
/// time still stops at the time limit with a plan that keeps every rule,
/// marked as not proven optimal in every output. Proving the cost stage of
/// this one exactly (`--mip-gap 0`) takes microlp minutes.
#[test]
fn a_time_limit_stops_the_branch_and_bound_with_a_plan_that_keeps_every_rule() {
    let dir = tempfile::tempdir().unwrap();
    let path = crate::common::data().join("integer-200.toml");
    // microlp's branch and bound (`auto` takes HiGHS where it is built in).
    let out = succeeds(tayoka(dir.path()).arg("solve").arg(&path).args([
        "--solver",
        "microlp",
        "--mip-gap",
        "0",
        "--time-limit",
        "3",
        "--no-charts",
        "--out",
        "o",
    ]));
    let loaded = tayoka::scenario::load(&path, &LoadOptions::default()).unwrap();
    let csv = std::fs::read_to_string(dir.path().join("o/allocation.csv")).unwrap();
    for w in &loaded.scenario.workloads {
        let providers = csv
            .lines()
            .filter(|l| l.split(',').next() == Some(w.id.as_str()))
            .count();
        let k = w.max_providers.unwrap() as usize;
        assert!(
            (1..=k).contains(&providers),
            "{}: {providers} providers, at most {k}",
            w.id
        );
    }
    let plan: serde_json::Value = read_json(&dir.path().join("o/plan.json"));
    assert_eq!(plan["solver"]["proven_optimal"], false);
    {
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            stderr.contains("the time limit stopped the solver"),
            "{stderr}"
        );
        // The stage it stopped in, and a bound no plan passes: the linear
        // relaxation's, at or below the plan's value (every stage minimises).
        let stopped = &plan["solver"]["stopped"];
        let (value, bound) = (
            stopped["value"].as_f64().unwrap(),
            stopped["bound"].as_f64().unwrap(),
        );
        assert!(bound <= value + 1e-9, "{stopped}");
        let stage = stopped["stage"].as_str().unwrap();
        assert!(
            stderr.contains(&format!("stage {stage}: this plan")),
            "{stderr}"
        );
        let report = std::fs::read_to_string(dir.path().join("o/report.html")).unwrap();
        assert!(report.contains("Not proven optimal"));
    }
}

/// Integer stages stop once their plan is proven within the MIP gap (0.01%
/// by default), and say so; `--mip-gap 0` proves the optimum, which the
/// gapped plan is within 0.01% of.
#[test]
fn the_branch_and_bound_stops_within_the_mip_gap_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/integer-20.toml");
    let run = |gap: Option<&str>, out: &str| {
        let mut cmd = tayoka(dir.path());
        // microlp's branch and bound, whatever the build.
        cmd.arg("solve")
            .arg(&path)
            .args(["--solver", "microlp", "--no-charts", "--out", out]);
        if let Some(g) = gap {
            cmd.args(["--mip-gap", g]);
        }
        let o = succeeds(&mut cmd);
        let plan: serde_json::Value = read_json(&dir.path().join(out).join("plan.json"));
        (plan, String::from_utf8_lossy(&o.stderr).into_owned())
    };
    let (gapped, stderr) = run(None, "g");
    let (exact, exact_stderr) = run(Some("0"), "e");
    assert_eq!(gapped["solver"]["mip_gap"], 0.0001);
    assert_eq!(gapped["solver"]["proven_optimal"], true);
    assert!(
        stderr.contains("proven within 0.01% of the best possible"),
        "{stderr}"
    );
    let report = std::fs::read_to_string(dir.path().join("g/report.html")).unwrap();
    assert!(report.contains("proven within 0.01% of the best possible"));
    assert!(
        exact["solver"].get("mip_gap").is_none(),
        "{}",
        exact["solver"]
    );
    assert!(!exact_stderr.contains("proven within"), "{exact_stderr}");
    let values = |p: &serde_json::Value| -> Vec<f64> {
        p["metrics"]["stages"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["value"].as_f64().unwrap())
            .collect()
    };
    let (g, e) = (values(&gapped), values(&exact));
    assert_eq!(g.len(), 4);
    // The share stages are settled exactly by both; the cost stage within
    // the gap, and no plan beats the proven optimum (tolerance: 9
    // significant digits in plan.json).
    assert_eq!(g[..3], e[..3]);
    assert!(
        e[3] <= g[3] + 1e-9 * e[3] && g[3] <= e[3] * (1.0 + 1e-4),
        "{g:?} {e:?}"
    );
}

/// Every analysis that solves plans under integer rules says, on standard
/// error and in its report, that they are proven within the MIP gap; one
/// whose plans are proven exactly says nothing. compare.json gives each
/// column's gap, and its plan is the one `solve` finds.
#[test]
fn every_analysis_says_when_its_plans_are_proven_within_the_gap() {
    let dir = tempfile::tempdir().unwrap();
    let integer = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/integer-20.toml");
    let integer = integer.to_str().unwrap();
    let note = "some plans here are proven within 0.01% of the best possible";
    let run = |args: &[&str], out: &str| {
        // microlp's branch and bound stops within the gap, whatever the build.
        let o = tayoka(dir.path())
            .args(args)
            .args(["--solver", "microlp", "--no-charts", "--out", out])
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&o.stderr).into_owned();
        assert_eq!(o.status.code(), Some(0), "{args:?}: {stderr}");
        let report = std::fs::read_to_string(dir.path().join(out).join("report.html")).unwrap();
        (stderr, report)
    };
    let analyses: [&[&str]; 7] = [
        &["compare", integer],
        &[
            "sweep",
            integer,
            "--set",
            "policy.max_change=0.5..0.6",
            "--steps",
            "2",
        ],
        &["frontier", integer, "--points", "3"],
        &["tradeoff", integer, "--points", "3"],
        &["alternatives", integer],
        &["stress", integer],
        &[
            "pathway",
            integer,
            "--set",
            "policy.max_change=0.6",
            "--years",
            "2",
        ],
    ];
    for (k, args) in analyses.iter().enumerate() {
        let (stderr, report) = run(args, &format!("a{k}"));
        assert!(stderr.contains(note), "{args:?}: {stderr}");
        assert!(report.contains(note), "{args:?}: no note in report.html");
    }
    let compare: serde_json::Value = read_json(&dir.path().join("a0/compare.json"));
    let base = &compare["columns"][0];
    assert_eq!(base["mip_gap"], 0.0001, "{base}");
    run(&["solve", integer], "plan");
    let plan: serde_json::Value = read_json(&dir.path().join("plan/plan.json"));
    assert_eq!(base["metrics"]["stages"], plan["metrics"]["stages"]);

    // No integer rules: every optimum is proven exactly, and no note.
    let gov = scenarios().join("japan-gov-2027.toml");
    let (stderr, report) = run(
        &["compare", gov.to_str().unwrap(), "--variants", "base"],
        "exact",
    );
    assert!(!stderr.contains("proven within"), "{stderr}");
    assert!(!report.contains("proven within"));
    let exact: serde_json::Value = read_json(&dir.path().join("exact/compare.json"));
    assert!(exact["columns"][0].get("mip_gap").is_none());
}

#[test]
fn a_mip_gap_outside_zero_to_one_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/integer-20.toml");
    for bad in ["1", "-0.1", "NaN", "inf"] {
        tayoka(dir.path())
            .arg("solve")
            .arg(&path)
            .arg(format!("--mip-gap={bad}"))
            .args(["--no-charts", "--out", "o"])
            .assert()
            .code(2)
            .stderr(predicate::str::contains(format!(
                "--mip-gap {}: expected a fraction from 0 (prove the optimum) up to but not including 1",
                bad.parse::<f64>().unwrap()
            )));
    }
    assert!(!dir.path().join("o").exists());
}
