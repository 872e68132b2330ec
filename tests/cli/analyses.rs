//! compare, sweep, frontier and alternatives: their figures against direct
//! solves, their economic properties, their files.

use crate::common;

use std::path::PathBuf;

use common::{scenarios, tayoka};
use predicates::prelude::*;
use tayoka::analysis::Outcome;
use tayoka::analysis::alternatives::alternatives;
use tayoka::analysis::compare::{BASE, compare};
use tayoka::analysis::frontier::frontier;
use tayoka::analysis::sweep::{Axis, sweep};
use tayoka::model::Quantity;
use tayoka::model::backend::SolverKind::Microlp;
use tayoka::scenario::{Dimension, LoadOptions, SetArg, load};
use tayoka::solve::solve;

fn japan() -> PathBuf {
    scenarios().join("japan-gov-2027.toml")
}

fn set(s: &str) -> SetArg {
    s.parse().unwrap()
}

#[test]
fn compare_figures_equal_separate_solves() {
    let columns: Vec<String> = [BASE, "sovereignty", "us-cut", "@cost"]
        .map(String::from)
        .to_vec();
    let cmp = compare(&japan(), &columns, &LoadOptions::default(), Microlp).unwrap();
    assert_eq!(cmp.columns.len(), 4);
    for col in &cmp.columns {
        let variant = (col.label != BASE).then(|| col.label.clone());
        let direct = solve(
            load(
                &japan(),
                &LoadOptions {
                    variant,
                    sets: Vec::new(),
                    ..Default::default()
                },
            )
            .unwrap(),
            Microlp,
        )
        .unwrap();
        let run = col.outcome.solved().expect("feasible");
        assert_eq!(run.metrics, direct.metrics, "{}", col.label);
        assert_eq!(run.allocation, direct.allocation, "{}", col.label);
    }
    // Moves turn the first column's allocation into each other column's.
    let base = cmp.columns[0].outcome.solved().unwrap();
    let cost = cmp.columns[3].outcome.solved().unwrap();
    for (wi, w) in base.scenario().workloads.iter().enumerate() {
        for (pi, p) in base.scenario().providers.iter().enumerate() {
            let amount = |run: &tayoka::solve::Solved| {
                run.allocation.rows[wi]
                    .iter()
                    .find(|a| a.provider == pi)
                    .map_or(0.0, |a| a.amount)
            };
            let net: f64 = cmp
                .moves
                .iter()
                .filter(|m| m.variant == "@cost" && m.workload == w.id)
                .map(|m| {
                    let to = if m.to.as_deref() == Some(p.id.as_str()) {
                        m.amount
                    } else {
                        0.0
                    };
                    let from = if m.from.as_deref() == Some(p.id.as_str()) {
                        m.amount
                    } else {
                        0.0
                    };
                    to - from
                })
                .sum();
            let want = amount(cost) - amount(base);
            assert!(
                (net - want).abs() < 1e-3,
                "{}/{}: moves {net}, plans {want}",
                w.id,
                p.id
            );
        }
    }
}

#[test]
fn compare_shows_an_infeasible_variant_with_its_diagnosis() {
    // Cutting every domestic provider leaves the special class with nowhere to go.
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(japan()).unwrap()
        + "\n[variants.jp-cut]\ndescription = \"meant to be infeasible\"\nproviders.sakura.capacity = 0\nproviders.softbank.capacity = 0\nproviders.ntt.capacity = 0\n";
    let path = dir.path().join("j.toml");
    std::fs::write(&path, text).unwrap();
    tayoka(dir.path())
        .args([
            "compare",
            "j.toml",
            "--variants",
            "base,jp-cut",
            "--out",
            "o",
            "--no-charts",
        ])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("infeasible"))
        .stdout(predicate::str::contains(
            "jp-cut: no feasible plan for `japan-gov-2027` (variant jp-cut)",
        ))
        .stdout(predicate::str::contains(
            "workload 'mhlw-claims' has no eligible provider",
        ));
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.path().join("o/compare.json")).unwrap()).unwrap();
    assert_eq!(json["columns"][1]["status"], "infeasible");
    assert_eq!(
        json["columns"][1]["diagnosis"]["causes"][0]["kind"],
        "no_eligible_provider"
    );
    let html = std::fs::read_to_string(dir.path().join("o/report.html")).unwrap();
    assert!(html.contains("<h2>Infeasible variants</h2>"));
}

#[test]
fn loosening_a_cap_never_raises_the_cost() {
    let axis = Axis::parse(&set("policy.limits.any-provider.max_share=0.1..0.5"), 17)
        .unwrap()
        .unwrap();
    let sw = sweep(
        &japan(),
        &LoadOptions::new(Some("@cost"), &[]),
        &[axis],
        Microlp,
    )
    .unwrap();
    assert_eq!(sw.points.len(), 17);
    let mut last: Option<f64> = None;
    let mut feasible_seen = false;
    for p in &sw.points {
        match &p.outcome {
            Outcome::Solved(run) => {
                feasible_seen = true;
                let cost = run.metrics.total_cost;
                if let Some(prev) = last {
                    assert!(
                        cost <= prev * (1.0 + 1e-9),
                        "cost rose from {prev} to {cost} at {:?}",
                        p.params
                    );
                }
                last = Some(cost);
            }
            // Once a cap is loose enough to be feasible, looser caps stay feasible.
            Outcome::Infeasible(_) => assert!(
                !feasible_seen,
                "infeasible after feasible at {:?}",
                p.params
            ),
        }
    }
    assert!(feasible_seen);
    // The loosest cap reaches the unconstrained cost optimum.
    let cost_plan = solve(
        load(
            &japan(),
            &LoadOptions {
                variant: Some("@cost".into()),
                sets: Vec::new(),
                ..Default::default()
            },
        )
        .unwrap(),
        Microlp,
    )
    .unwrap();
    assert_eq!(last, Some(cost_plan.metrics.total_cost));
}

#[test]
fn a_two_parameter_sweep_is_a_grid() {
    let axes = vec![
        Axis::parse(&set("policy.budget=3.7e10,3.8e10,4e10"), 11)
            .unwrap()
            .unwrap(),
        Axis::parse(&set("providers.sakura.capacity=0,26280"), 11)
            .unwrap()
            .unwrap(),
    ];
    let sw = sweep(&japan(), &LoadOptions::default(), &axes, Microlp).unwrap();
    assert_eq!(sw.points.len(), 6);
    assert_eq!(sw.points[1].params, [3.7e10, 26280.0]);
    let csv = String::from_utf8(sw.csv().unwrap()).unwrap();
    assert!(
        csv.starts_with("policy.budget,providers.sakura.capacity,status,total_cost,home_share,mean_sovereignty,max_share:chips,"),
        "{}",
        csv.lines().next().unwrap()
    );
}

#[test]
fn frontier_points_are_pareto_efficient_and_end_at_the_two_optima() {
    let x = Quantity::MaxShare(Dimension::Provider);
    let f = frontier(
        &japan(),
        &LoadOptions::default(),
        x.clone(),
        Quantity::Cost,
        9,
        Microlp,
    )
    .unwrap();
    assert!(f.points.len() >= 5, "{} points", f.points.len());
    for (i, a) in f.points.iter().enumerate() {
        for (j, b) in f.points.iter().enumerate() {
            let dominates = b.x <= a.x + 1e-9
                && b.y <= a.y * (1.0 + 1e-9)
                && (b.x < a.x - 1e-9 || b.y < a.y * (1.0 - 1e-9));
            assert!(i == j || !dominates, "point {j} {b:?} dominates {i} {a:?}");
        }
    }
    // One end is the cost-optimal plan, the other the most diversified.
    let load_with = |variant: &str, sets: Vec<SetArg>| {
        load(
            &japan(),
            &LoadOptions {
                variant: Some(variant.into()),
                sets,
                ..Default::default()
            },
        )
        .unwrap()
    };
    let cheapest = solve(load_with("@cost", Vec::new()), Microlp).unwrap();
    let first = f.points.first().unwrap();
    assert!(
        (first.y - cheapest.metrics.total_cost).abs() <= 1e-6 * first.y,
        "{first:?}"
    );
    assert!((first.x - x.value_in(cheapest.scenario(), &cheapest.metrics)).abs() < 1e-6);
    let diversified = solve(
        load_with("@diversify", vec![set("policy.diversify=[\"provider\"]")]),
        Microlp,
    )
    .unwrap();
    let last = f.points.last().unwrap();
    assert!(
        (last.x - diversified.metrics.stages[0].value).abs() < 1e-6,
        "{last:?}"
    );
    assert!(
        (last.y - diversified.metrics.total_cost).abs() <= 1e-6 * last.y,
        "{last:?}"
    );
    // The base plan and every variant are placed.
    let labels: Vec<&str> = f.placed.iter().map(|p| p.label.as_str()).collect();
    let base = load(&japan(), &LoadOptions::default()).unwrap();
    let expected: Vec<&str> = std::iter::once("base")
        .chain(base.scenario.variants.keys().map(String::as_str))
        .collect();
    assert_eq!(labels, expected);
    assert!(labels.len() >= 6);
}

/// Where the most diversified plan sits on every other rule too (the
/// economics variant's least foreign-country share spends the whole
/// budget), a cap at exactly that share is rounding away from no plan:
/// the frontier's ends are the two plans it solved first, and the command
/// once failed here with "no feasible plan".
#[test]
fn a_frontier_whose_end_spends_the_whole_budget_ends_at_that_plan() {
    let x = Quantity::MaxShare(Dimension::Country);
    let opts = LoadOptions {
        variant: Some("economics".into()),
        ..Default::default()
    };
    let f = frontier(&japan(), &opts, x.clone(), Quantity::Cost, 15, Microlp)
        .unwrap_or_else(|e| panic!("{e}"));
    let country_first = solve(
        load(
            &japan(),
            &LoadOptions {
                variant: Some("economics".into()),
                sets: vec![set("policy.diversify=[\"country\"]")],
                ..Default::default()
            },
        )
        .unwrap(),
        Microlp,
    )
    .unwrap();
    let budget = country_first.scenario().policy.budget.unwrap();
    assert!(
        country_first.metrics.total_cost >= budget * (1.0 - 1e-6),
        "the end spends the budget: {} of {budget}",
        country_first.metrics.total_cost
    );
    let last = f.points.last().unwrap();
    assert!(
        (last.x - country_first.metrics.stages[0].value).abs() < 1e-6,
        "{last:?}"
    );
    assert!(
        (last.y - country_first.metrics.total_cost).abs() <= 1e-6 * last.y,
        "{last:?}"
    );
    for pair in f.points.windows(2) {
        assert!(pair[1].x <= pair[0].x + 1e-9 && pair[1].y >= pair[0].y * (1.0 - 1e-9));
    }
}

#[test]
fn the_optimal_plans_shares_lie_inside_the_near_optimal_ranges() {
    for (variant, dim) in [
        ("@cost", "country"),
        ("@cost", "provider"),
        ("base", "company"),
    ] {
        let v = (variant != "base").then_some(variant);
        let a = alternatives(
            &japan(),
            &LoadOptions::new(v, &[]),
            &Dimension::parse(dim),
            0.05,
            Microlp,
        )
        .unwrap();
        assert!(!a.ranges.is_empty());
        for r in &a.ranges {
            assert!(
                r.min <= r.optimal + 1e-7 && r.optimal <= r.max + 1e-7,
                "{variant} {dim}: {r:?}"
            );
        }
    }
    // "How far toward domestic providers within 5% of the cheapest plan?"
    let a = alternatives(
        &japan(),
        &LoadOptions::new(Some("@cost"), &[]),
        &Dimension::Country,
        0.05,
        Microlp,
    )
    .unwrap();
    assert_eq!(a.stage, "cost");
    let jp = a.ranges.iter().find(|r| r.value == "JP").unwrap();
    assert!(jp.max > jp.optimal + 0.1, "{jp:?}");
    // With no slack the ranges still contain the optimum.
    let tight = alternatives(
        &japan(),
        &LoadOptions::new(Some("@cost"), &[]),
        &Dimension::Country,
        0.0,
        Microlp,
    )
    .unwrap();
    let jp0 = tight.ranges.iter().find(|r| r.value == "JP").unwrap();
    assert!(jp0.max <= jp.max + 1e-9 && jp0.min <= jp0.optimal + 1e-7);
}

#[test]
fn analysis_files_have_fixed_headers() {
    let dir = tempfile::tempdir().unwrap();
    let run = |args: &[&str]| {
        tayoka(dir.path()).args(args).arg(japan()).assert().code(0);
    };
    run(&["compare", "--variants", "base,@cost", "--out", "c"]);
    run(&["sweep", "--set", "policy.budget=3.8e10,4e10", "--out", "s"]);
    run(&["frontier", "--points", "4", "--out", "f"]);
    run(&["alternatives", "--out", "a"]);
    let first_line = |p: &str| {
        std::fs::read_to_string(dir.path().join(p))
            .unwrap()
            .lines()
            .next()
            .unwrap()
            .to_string()
    };
    assert_eq!(first_line("c/compare-wide.csv"), "metric,base,@cost");
    assert_eq!(
        first_line("c/compare.csv"),
        "variant,status,metric,value,holders"
    );
    assert_eq!(
        first_line("c/changes.csv"),
        "variant,workload,from,to,amount"
    );
    assert!(
        first_line("s/sweep.csv")
            .starts_with("policy.budget,status,total_cost,home_share,mean_sovereignty,")
    );
    assert_eq!(
        first_line("f/frontier.csv"),
        "kind,label,x_cap,max_share:provider,cost,rules_at_bound"
    );
    assert_eq!(
        first_line("a/alternatives.csv"),
        "dimension,value,optimal_share,min_share,max_share"
    );
    let compare_csv = std::fs::read_to_string(dir.path().join("c/compare-wide.csv")).unwrap();
    assert!(
        compare_csv.contains("\nstatus,optimal,optimal\n"),
        "{compare_csv}"
    );
    assert!(compare_csv.contains("\ncost_change,0,"), "{compare_csv}");
    for f in [
        "c/compare-metrics.svg",
        "c/compare-shares.png",
        "c/report.html",
        "s/sweep.svg",
        "f/frontier.png",
        "a/alternatives.svg",
        "a/report.html",
    ] {
        assert!(dir.path().join(f).is_file(), "{f} missing");
    }
}

#[test]
fn sweep_and_frontier_reject_bad_arguments() {
    let dir = tempfile::tempdir().unwrap();
    tayoka(dir.path())
        .arg("sweep")
        .arg(japan())
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "sweep needs a --set PATH=FROM..TO",
        ));
    tayoka(dir.path())
        .arg("sweep")
        .arg(japan())
        .args([
            "--set",
            "policy.budget=3e10,4e10",
            "--metrics",
            "cots",
            "--no-charts",
            "--out",
            "x",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown metric `cots`"));
    tayoka(dir.path())
        .arg("frontier")
        .arg(japan())
        .args(["--x", "cost"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "expected max_share:<dimension> or home_share",
        ));
    tayoka(dir.path())
        .arg("frontier")
        .arg(japan())
        .args(["--x", "max_share:chipz"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "dimension `chipz` is not provider, company, country or a tag of every provider",
        ));
    tayoka(dir.path())
        .arg("alternatives")
        .arg(japan())
        .args(["--slack", "2"])
        .assert()
        .code(2);
}

#[test]
fn the_frontier_calls_a_home_share_bound_a_floor_and_labels_only_cost_in_currency() {
    let dir = tempfile::tempdir().unwrap();
    let gov = scenarios().join("japan-gov-2027.toml");
    tayoka(dir.path())
        .arg("frontier")
        .arg(&gov)
        .args([
            "--x",
            "home_share",
            "--y",
            "max_share:provider",
            "--points",
            "3",
        ])
        .args(["--out", "h"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("floor on home share"))
        .stdout(predicate::str::contains("cap on").not());
    let shares = std::fs::read_to_string(dir.path().join("h/frontier.svg")).unwrap();
    assert!(shares.contains("y: largest provider share"), "{shares}");
    assert!(!shares.contains("(JPY)"), "a share is not in JPY");
    tayoka(dir.path())
        .arg("frontier")
        .arg(&gov)
        .args(["--points", "3", "--out", "c"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("cap on largest provider share"));
    let cost = std::fs::read_to_string(dir.path().join("c/frontier.svg")).unwrap();
    assert!(cost.contains("y: total cost (JPY)"), "{cost}");
}

#[test]
fn compare_fits_an_80_column_terminal_without_splitting_words() {
    let dir = tempfile::tempdir().unwrap();
    let gov = scenarios().join("japan-gov-2027.toml");
    let run = |columns: Option<&str>, out: &str| -> String {
        let mut cmd = tayoka(dir.path());
        cmd.arg("compare").arg(&gov).args(["--out", out]);
        match columns {
            Some(c) => cmd.env("COLUMNS", c),
            None => cmd.env_remove("COLUMNS"),
        };
        String::from_utf8(cmd.assert().code(0).get_output().stdout.clone()).unwrap()
    };
    let narrow = run(Some("80"), "n");
    for line in narrow.lines() {
        assert!(
            line.chars().count() <= 80,
            "{} columns: {line}",
            line.chars().count()
        );
    }
    // Every status cell is a whole word, and the columns come in blocks,
    // each with the metric names.
    let status: Vec<&str> = narrow
        .lines()
        .filter(|l| l.starts_with("│ status"))
        .collect();
    assert!(status.len() > 1, "{narrow}");
    for line in &status {
        for cell in line.trim_matches('│').split('┆').skip(1) {
            assert_eq!(cell.trim(), "optimal", "{line}");
        }
    }
    for label in ["base", "aws-cut", "sovereignty", "transition", "us-cut"] {
        assert!(
            narrow
                .lines()
                .any(|l| l.starts_with("│ metric") && l.contains(&format!(" {label} "))),
            "{label}: {narrow}"
        );
    }
    // Piped without COLUMNS: one table with every column.
    let wide = run(None, "w");
    assert_eq!(
        wide.lines().filter(|l| l.starts_with("│ status")).count(),
        1
    );
}

#[test]
fn compare_puts_two_versions_of_a_scenario_side_by_side_with_the_moves() {
    // Version 1: a (JP) and b (US) equal, 100 units split 50/50. Version 2:
    // b holds at most 20, so a takes 80: 30 units move from b to a.
    let dir = tempfile::tempdir().unwrap();
    let text = |b_capacity: f64| {
        format!(
            "{}{}{}{}[policy]\ndiversify = [\"provider\"]\n",
            common::HEAD,
            common::provider("a", "JP", 100.0, 1.0, ""),
            common::provider("b", "US", b_capacity, 1.0, ""),
            common::workload("w", 100.0, ""),
        )
    };
    std::fs::write(dir.path().join("v1.toml"), text(100.0)).unwrap();
    std::fs::write(dir.path().join("v2.toml"), text(20.0)).unwrap();
    let out = tayoka(dir.path())
        .args(["compare", "v1.toml", "v2.toml"])
        .assert()
        .code(0)
        .get_output()
        .clone();
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(
        stdout
            .lines()
            .any(|l| l.starts_with("│ metric") && l.contains(" v1 ") && l.contains(" v2 ")),
        "{stdout}"
    );
    // One folder per set of files, under the first file's scenario.
    let folders: Vec<String> = std::fs::read_dir(dir.path().join("output/case"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(folders.len(), 1, "{folders:?}");
    assert!(folders[0].starts_with("compare-files-"), "{folders:?}");
    let changes = std::fs::read_to_string(
        dir.path()
            .join("output/case")
            .join(&folders[0])
            .join("changes.csv"),
    )
    .unwrap();
    assert_eq!(changes, "variant,workload,from,to,amount\nv2,w,b,a,30\n");
    // --variants belongs to one file.
    tayoka(dir.path())
        .args(["compare", "v1.toml", "v2.toml", "--variants", "base"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "--variants compares the variants of one file",
        ));
    // Files of the same name are labelled by their path.
    std::fs::create_dir(dir.path().join("old")).unwrap();
    std::fs::write(dir.path().join("old/v1.toml"), text(100.0)).unwrap();
    tayoka(dir.path())
        .args(["compare", "old/v1.toml", "v1.toml", "--out", "same"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("old/v1.toml"));
}

/// compare opens with which strategy is best on what, each best found a
/// second way from compare.csv (the lowest cost, the highest home share,
/// the lowest largest provider share and worst cut-off, ties named), and
/// says which variant has no plan.
#[test]
fn compare_opens_with_which_strategy_is_best_on_what() {
    let dir = tempfile::tempdir().unwrap();
    let gov = japan();
    let out = tayoka(dir.path())
        .args([
            "compare",
            gov.to_str().unwrap(),
            "--out",
            "c",
            "--no-charts",
        ])
        .args(["--variants", "base,cost,sovereignty,resilience"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let stdout = String::from_utf8(out.stdout).unwrap();
    let csv = std::fs::read_to_string(dir.path().join("c/compare-wide.csv")).unwrap();
    let header: Vec<&str> = csv.lines().next().unwrap().split(',').skip(1).collect();
    let row = |metric: &str| -> Vec<f64> {
        let line = csv
            .lines()
            .find(|l| l.split(',').next() == Some(metric))
            .unwrap();
        line.split(',')
            .skip(1)
            .map(|v| v.parse().unwrap())
            .collect()
    };
    let best = |values: Vec<f64>, highest: bool| {
        let top = if highest {
            values.iter().copied().fold(f64::NEG_INFINITY, f64::max)
        } else {
            values.iter().copied().fold(f64::INFINITY, f64::min)
        };
        let who: Vec<&str> = header
            .iter()
            .zip(&values)
            .filter(|(_, v)| (**v - top).abs() <= 1e-6 * top.abs().max(1e-3))
            .map(|(h, _)| *h)
            .collect();
        (who.join(", "), top)
    };
    let (cheap, cost) = best(row("total_cost"), false);
    let (home, share) = best(row("home_share"), true);
    let (least, largest) = best(row("max_share:provider"), false);
    let (safest, worst) = best(row("worst_cutoff"), false);
    let answer = stdout.split("\n\n").next().unwrap().replace('\n', " ");
    for sentence in [
        format!("Cheapest: {cheap} ({:.2} bn JPY).", cost / 1e9),
        format!("Highest home share: {home} ({:.1}%).", share * 100.0),
        format!(
            "Smallest largest provider share: {least} ({:.1}%).",
            largest * 100.0
        ),
        format!(
            "Smallest worst single cut-off: {safest} ({:.1}%).",
            worst * 100.0
        ),
    ] {
        assert!(answer.contains(&sentence), "{sentence} in {answer}");
    }
    // The answer stands before the table it comes from.
    assert!(stdout.find("Cheapest").unwrap() < stdout.find("┌").unwrap());

    let out = tayoka(dir.path())
        .args([
            "compare",
            gov.to_str().unwrap(),
            "--out",
            "d",
            "--no-charts",
        ])
        .args(["--variants", "base", "--set", "policy.budget=1e9"])
        .output()
        .unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(
        stdout.contains("No plan meets every rule in base."),
        "{stdout}"
    );
    // Even with no plan at all, the title names the scenario.
    assert!(stdout.starts_with("Compared: japan-gov-2027\n"), "{stdout}");
}

/// `compare.csv` is long and tidy: numbers only in `value` (pandas reads a
/// float column), holders in their own column, a column without a plan as
/// one row; every figure is the wide table's.
#[test]
fn compare_csv_is_long_with_numbers_only_and_agrees_with_the_wide_table() {
    let dir = tempfile::tempdir().unwrap();
    tayoka(dir.path())
        .arg("compare")
        .arg(japan())
        .args([
            "--variants",
            "base,@cost,us-cut",
            "--out",
            "c",
            "--no-charts",
        ])
        .args(["--set", "providers.sakura.capacity=0"])
        .assert()
        .code(0);
    let read = |f: &str| -> Vec<Vec<String>> {
        let mut r = csv::Reader::from_path(dir.path().join("c").join(f)).unwrap();
        let mut rows = vec![r.headers().unwrap().iter().map(String::from).collect()];
        rows.extend(
            r.records()
                .map(|rec| rec.unwrap().iter().map(String::from).collect()),
        );
        rows
    };
    let long = read("compare.csv");
    let wide = read("compare-wide.csv");
    let column = |label: &str| wide[0].iter().position(|h| h == label).unwrap();
    let wide_cell = |metric: &str, label: &str| {
        wide.iter()
            .find(|r| r[0] == metric)
            .map(|r| r[column(label)].clone())
            .unwrap_or_default()
    };
    let mut numbers = 0;
    for row in &long[1..] {
        let [variant, status, metric, value, holders] = &row[..] else {
            panic!("{row:?}")
        };
        assert_eq!(status, &wide_cell("status", variant), "{row:?}");
        if status == "infeasible" {
            assert!(metric.is_empty() && value.is_empty(), "{row:?}");
            continue;
        }
        let v: f64 = value
            .parse()
            .unwrap_or_else(|_| panic!("not a number: {row:?}"));
        assert_eq!(
            v,
            wide_cell(metric, variant).parse::<f64>().unwrap(),
            "{row:?}"
        );
        numbers += 1;
        if let Some(dim) = metric.strip_prefix("max_share:") {
            let named = wide_cell(&format!("max_share_holder:{dim}"), variant);
            assert_eq!(holders, &named.replace(", ", ";"), "{row:?}");
            assert!(!holders.is_empty(), "{row:?}");
        } else if metric == "worst_cutoff" {
            assert_eq!(holders, &wide_cell("worst_cutoff_event", variant));
        } else {
            assert!(holders.is_empty(), "{row:?}");
        }
    }
    assert!(numbers > 40, "{long:?}");
    // The US cut-off without Sakura has no plan: one row.
    let us: Vec<&Vec<String>> = long.iter().filter(|r| r[0] == "us-cut").collect();
    assert_eq!(us.len(), 1);
    assert_eq!(us[0][1], "infeasible");
    // Ties: three providers hold the base plan's largest share.
    let base_provider = long
        .iter()
        .find(|r| r[0] == "base" && r[2] == "max_share:provider")
        .unwrap();
    assert_eq!(base_provider[4], "kddi;oracle;softbank");
}

/// `--format json|csv` on every analysis prints its JSON file or its main
/// CSV, byte for byte as written; an analysis without a JSON file of its own
/// prints its CSV as records with the same values; no plan prints the
/// diagnosis as JSON.
#[test]
fn every_analysis_prints_its_json_or_csv_with_format() {
    let dir = tempfile::tempdir().unwrap();
    let runs: [(&[&str], Option<&str>, &str); 7] = [
        (
            &["compare", "--variants", "base,@cost"],
            Some("compare.json"),
            "compare.csv",
        ),
        (
            &["sweep", "--set", "policy.budget=3.8e10,4e10"],
            None,
            "sweep.csv",
        ),
        (&["frontier", "--points", "3"], None, "frontier.csv"),
        (
            &["tradeoff", "--points", "3"],
            Some("tradeoff.json"),
            "tradeoff.csv",
        ),
        (&["alternatives"], None, "alternatives.csv"),
        (&["stress"], Some("stress.json"), "stress.csv"),
        (
            &["pathway", "--variant", "transition"],
            Some("pathway.json"),
            "pathway.csv",
        ),
    ];
    for (k, (args, json, csv)) in runs.iter().enumerate() {
        let out = format!("o{k}");
        let printed = |format: &str| {
            let o = tayoka(dir.path())
                .arg(args[0])
                .arg(japan())
                .args(&args[1..])
                .args(["--format", format, "--no-charts", "--out", &out])
                .output()
                .unwrap();
            assert!(o.status.success(), "{args:?} {format}");
            o.stdout
        };
        let file = |name: &str| std::fs::read(dir.path().join(&out).join(name)).unwrap();
        assert_eq!(printed("csv"), file(csv), "{args:?}");
        let stdout = printed("json");
        match json {
            Some(name) => assert_eq!(stdout, file(name), "{args:?}"),
            None => {
                let records: Vec<serde_json::Value> = serde_json::from_slice(&stdout).unwrap();
                let bytes = file(csv);
                let mut r = csv::Reader::from_reader(&bytes[..]);
                let headers = r.headers().unwrap().clone();
                let rows: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
                assert_eq!(records.len(), rows.len(), "{args:?}");
                for (record, row) in records.iter().zip(&rows) {
                    for (h, cell) in headers.iter().zip(row.iter()) {
                        let v = &record[h];
                        match cell.parse::<f64>() {
                            _ if cell.is_empty() => assert!(v.is_null(), "{h}"),
                            Ok(x) => assert_eq!(v.as_f64(), Some(x), "{args:?} {h}"),
                            Err(_) => assert_eq!(v.as_str(), Some(cell), "{args:?} {h}"),
                        }
                    }
                }
            }
        }
    }
    // No plan: the diagnosis, as solve prints it.
    let o = tayoka(dir.path())
        .arg("stress")
        .arg(japan())
        .args([
            "--set",
            "policy.budget=1e9",
            "--format",
            "json",
            "--out",
            "x",
        ])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(3));
    let d: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(d["status"], "infeasible");
}
