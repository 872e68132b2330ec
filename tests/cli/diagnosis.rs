//! When no plan exists: each single conflict is named, with the value that
//! makes the scenario feasible; applying it through `--set` is feasible.

use crate::common;

use std::path::Path;

use common::{provider, scenario_file, scenarios, tayoka, workload};
use predicates::prelude::*;
use tayoka::model::backend::SolverKind;
use tayoka::scenario::{LoadOptions, SetArg, load_str};
use tayoka::solve::infeasible::{Bend, Diagnosis};
use tayoka::solve::solve;

const HEAD: &str = "[scenario]\nname = \"conflict\"\nhome = \"JP\"\n";

fn diagnose(text: &str, sets: &[String]) -> Result<(), Box<Diagnosis>> {
    let sets: Vec<SetArg> = sets.iter().map(|s| s.parse().unwrap()).collect();
    let opts = LoadOptions::new(None, &sets);
    let loaded = load_str(Path::new("conflict.toml"), text.to_string(), &opts)
        .unwrap_or_else(|e| panic!("{e}"));
    match solve(loaded, SolverKind::Microlp) {
        Ok(_) => Ok(()),
        Err(tayoka::Error::Infeasible(d)) => Err(d),
        Err(e) => panic!("{e}"),
    }
}

/// The first relaxation must bend `path` from `value` to `suggested`, and
/// its `--set` values must make the scenario feasible.
fn assert_fixes(text: &str, path: &str, value: f64, suggested: f64) -> Diagnosis {
    let d = *diagnose(text, &[]).expect_err("the scenario is infeasible");
    let first = d
        .relaxations
        .first()
        .unwrap_or_else(|| panic!("no relaxation:\n{d}"));
    let bend: &Bend = first
        .bends
        .iter()
        .find(|b| b.path == path)
        .unwrap_or_else(|| panic!("{path} does not bend:\n{d}"));
    assert_eq!((bend.value, bend.suggested), (value, suggested), "\n{d}");
    assert!(
        bend.location.starts_with("conflict.toml:"),
        "{}",
        bend.location
    );
    let sets: Vec<String> = first.bends.iter().filter_map(|b| b.set.clone()).collect();
    assert!(
        diagnose(text, &sets).is_ok(),
        "still infeasible with {sets:?}"
    );
    d
}

#[test]
fn a_limit_against_capacity_bends_the_limit() {
    // 150 units; JP (capacity 100) and US; US at most 20%, so JP must carry
    // 120 > 100. Bending the limit (a policy rule) comes before capacity:
    // US needs 50/150 = 0.3333..., rounded up to 0.3334.
    let text = format!(
        "{HEAD}{}{}{}[policy.limits.us]\ndimension = \"country\"\nvalue = \"US\"\nmax_share = 0.2\n",
        provider("jp", "JP", 100.0, 1.0, ""),
        provider("us", "US", 100.0, 1.0, ""),
        workload("w", 150.0, ""),
    );
    let d = assert_fixes(&text, "policy.limits.us.max_share", 0.2, 0.3334);
    assert!(
        d.to_string()
            .contains("limit 'us' (country US, max_share 0.2) -> 0.3334  [conflict.toml:"),
        "{d}"
    );
    // Holding the limit, the alternative bends the capacity of jp to 120.
    let second = &d.relaxations[1];
    let cap = second
        .bends
        .iter()
        .find(|b| b.path == "providers.jp.capacity")
        .expect("capacity bends next");
    assert_eq!((cap.value, cap.suggested), (100.0, 120.0));
}

#[test]
fn a_budget_too_low_bends_the_budget() {
    // 100 units at price 1 cannot cost less than 100.
    let text = format!(
        "{HEAD}{}{}[policy]\nbudget = 50\n",
        provider("a", "JP", 100.0, 1.0, ""),
        workload("w", 100.0, "")
    );
    let d = assert_fixes(&text, "policy.budget", 50.0, 100.0);
    assert!(
        d.to_string()
            .contains("budget 50 currency units is below 100"),
        "{d}"
    );
}

#[test]
fn a_domestic_only_class_short_of_domestic_capacity_bends_that_capacity() {
    // 80 units of domestic-only data; the only domestic provider holds 50.
    let text = format!(
        "{HEAD}[classes.special]\ndomestic_only = true\n{}{}{}",
        provider("jp", "JP", 50.0, 1.0, ""),
        provider("us", "US", 100.0, 1.0, ""),
        workload("w", 80.0, "class = \"special\""),
    );
    let d = assert_fixes(&text, "providers.jp.capacity", 50.0, 80.0);
    assert!(
        d.to_string()
            .contains("eligible providers (jp) have 50 in all"),
        "{d}"
    );
}

#[test]
fn a_survive_rule_too_strict_bends_min_served() {
    // A critical workload of 100 on a and b (60 each, no surge): after
    // either is cut off, the other serves at most 60: min_served 0.8 -> 0.6.
    let text = format!(
        "{HEAD}{}{}{}[policy.survive]\ndimensions = [\"provider\"]\nmin_served = 0.8\n",
        provider("a", "JP", 60.0, 1.0, ""),
        provider("b", "JP", 60.0, 1.0, ""),
        workload("w", 100.0, "critical = true"),
    );
    assert_fixes(&text, "policy.survive.min_served", 0.8, 0.6);
}

#[test]
fn a_mosaic_rule_too_strict_bends_the_category_count() {
    // Two workloads with different data categories; the domestic provider
    // holds only 10, so the foreign one must see both.
    let text = format!(
        "{HEAD}{}{}{}{}[policy]\nmosaic_max_categories = 1\n",
        provider("us", "US", 100.0, 1.0, ""),
        provider("jp", "JP", 10.0, 1.0, ""),
        workload("med", 30.0, "data = [\"medical\"]"),
        workload("crim", 30.0, "data = [\"criminal\"]"),
    );
    assert_fixes(&text, "policy.mosaic_max_categories", 1.0, 2.0);
}

#[test]
fn min_providers_too_strict_bends_to_the_eligible_count() {
    let text = format!(
        "{HEAD}{}{}{}",
        provider("a", "JP", 100.0, 1.0, ""),
        provider("b", "JP", 100.0, 1.0, ""),
        workload("w", 50.0, "min_providers = 3"),
    );
    let d = assert_fixes(&text, "workloads.w.min_providers", 3.0, 2.0);
    assert!(
        d.to_string()
            .contains("workload 'w' needs at least 3 providers but only 2 may serve it"),
        "{d}"
    );
}

#[test]
fn max_change_too_tight_for_a_cut_provider_bends_max_change() {
    // Today all on a, which now has no capacity: everything must move, but
    // at most 30% may: max_change -> 1.
    let text = format!(
        "{HEAD}{}{}{}[policy]\nmax_change = 0.3\n",
        provider("a", "JP", 0.0, 1.0, ""),
        provider("b", "JP", 100.0, 1.0, ""),
        workload("w", 50.0, "current = { a = 1.0 }"),
    );
    assert_fixes(&text, "policy.max_change", 0.3, 1.0);
}

#[test]
fn a_feasible_scenario_never_gets_a_diagnosis() {
    let text = std::fs::read_to_string(scenarios().join("minimal.toml")).unwrap();
    assert!(diagnose(&text, &[]).is_ok());
    let dir = tempfile::tempdir().unwrap();
    tayoka(dir.path())
        .arg("check")
        .arg(scenarios().join("japan-gov-2027.toml"))
        .assert()
        .code(0)
        .stdout(predicate::str::contains("a feasible plan exists"))
        .stderr(predicate::str::contains("smallest change").not());
}

#[test]
fn the_diagnosis_reaches_the_terminal_json_the_report_and_check() {
    let text = format!(
        "{HEAD}{}{}{}[policy.limits.us]\ndimension = \"country\"\nvalue = \"US\"\nmax_share = 0.2\n",
        provider("jp", "JP", 100.0, 1.0, ""),
        provider("us", "US", 100.0, 1.0, ""),
        workload("w", 150.0, ""),
    );
    let (dir, _) = scenario_file("c.toml", &text);
    tayoka(dir.path())
        .args(["check", "c.toml"])
        .assert()
        .code(3)
        .stderr(predicate::str::contains(
            "the smallest change that makes a plan possible",
        ))
        .stderr(predicate::str::contains(
            "try: --set policy.limits.us.max_share=0.3334",
        ));
    let out = tayoka(dir.path())
        .args(["solve", "c.toml", "--format", "json", "--out", "o"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let bend = &json["diagnosis"]["relaxations"][0]["bends"][0];
    assert_eq!(bend["path"], "policy.limits.us.max_share");
    assert_eq!(bend["suggested"], 0.3334);
    assert_eq!(bend["set"], "policy.limits.us.max_share=0.3334");
    let html = std::fs::read_to_string(dir.path().join("o/report.html")).unwrap();
    assert!(
        html.contains("The smallest change that makes a plan possible")
            && html.contains("--set policy.limits.us.max_share=0.3334")
    );
    assert!(dir.path().join("o/diagnosis.json").is_file());
    // A sweep marks its infeasible points with the same diagnosis.
    tayoka(dir.path())
        .args([
            "sweep",
            "c.toml",
            "--set",
            "policy.limits.us.max_share=0.2,0.4",
            "--no-charts",
            "--out",
            "s",
        ])
        .assert()
        .code(0);
    let html = std::fs::read_to_string(dir.path().join("s/report.html")).unwrap();
    assert!(
        html.contains("<h2>Infeasible points</h2>")
            && html.contains("policy.limits.us.max_share = 0.2")
    );
}

#[test]
fn an_every_value_cap_bends_as_one_rule_to_the_diversify_optimum() {
    // Three providers of capacity 50, 30, 20 for demand 100: the largest
    // share cannot go below 0.5 (a must serve 50). A cap of 0.2 on every
    // provider is one rule with one value: its smallest working value is 0.5.
    let text = format!(
        "{HEAD}{}{}{}{}[policy.limits.cap]\ndimension = \"provider\"\nmax_share = 0.2\n",
        provider("a", "JP", 50.0, 1.0, ""),
        provider("b", "JP", 30.0, 1.0, ""),
        provider("c", "JP", 20.0, 1.0, ""),
        workload("w", 100.0, ""),
    );
    let d = assert_fixes(&text, "policy.limits.cap.max_share", 0.2, 0.5);
    assert_eq!(d.relaxations[0].bends.len(), 1, "{d}");
    assert!(
        d.to_string()
            .contains("limit 'cap' (every provider, max_share 0.2) -> 0.5"),
        "{d}"
    );
}

#[test]
fn a_floor_too_high_bends_down_to_what_the_capacity_allows() {
    // JP can serve 60 of 100 (jp's capacity): a JP floor of 0.9 bends to
    // exactly 0.6, and nothing lower is needed.
    let text = format!(
        "{HEAD}{}{}{}[policy.limits.floor]\ndimension = \"country\"\nvalue = \"JP\"\nmin_share = 0.9\n",
        provider("jp", "JP", 60.0, 1.0, ""),
        provider("us", "US", 100.0, 1.0, ""),
        workload("w", 100.0, ""),
    );
    assert_fixes(&text, "policy.limits.floor.min_share", 0.9, 0.6);
    // 0.6 works and 0.6001 does not: the change is the smallest.
    assert!(diagnose(&text, &["policy.limits.floor.min_share=0.6".into()]).is_ok());
    assert!(diagnose(&text, &["policy.limits.floor.min_share=0.6001".into()]).is_err());
}

#[test]
fn a_zero_budget_gets_the_cheapest_feasible_cost() {
    // 100 units: 60 on jp at 2, 40 on us at 1 would cost 160, but jp is
    // capped at 60 and us at 40 of capacity: the only plan costs 160.
    let text = format!(
        "{HEAD}{}{}{}[policy]\nbudget = 0\n",
        provider("jp", "JP", 60.0, 2.0, ""),
        provider("us", "US", 40.0, 1.0, ""),
        workload("w", 100.0, ""),
    );
    assert_fixes(&text, "policy.budget", 0.0, 160.0);
}

#[test]
fn japan_gov_with_a_cap_of_8_percent_gets_its_diversify_optimum() {
    let text = std::fs::read_to_string(scenarios().join("japan-gov-2027.toml")).unwrap();
    let set = "policy.limits.any-provider.max_share=0.08".to_string();
    let d = *diagnose(&text, std::slice::from_ref(&set)).expect_err("infeasible at 0.08");
    let first = &d.relaxations[0].bends;
    assert_eq!(first.len(), 1, "{d}");
    assert_eq!(first[0].path, "policy.limits.any-provider.max_share");
    assert_eq!((first[0].value, first[0].suggested), (0.08, 0.1236), "{d}");
    assert_eq!(first[0].location, format!("set by --set {set}"));
    // 0.1236 works; 0.1235 is below the diversify optimum (0.12352) and fails.
    assert!(
        diagnose(
            &text,
            &["policy.limits.any-provider.max_share=0.1236".into()]
        )
        .is_ok()
    );
    assert!(
        diagnose(
            &text,
            &["policy.limits.any-provider.max_share=0.1235".into()]
        )
        .is_err()
    );
}

#[test]
fn every_printed_suggestion_solves() {
    let gov = scenarios().join("japan-gov-2027.toml");
    let minimal = scenarios().join("minimal.toml");
    let cases: [(&Path, &[&str]); 6] = [
        (&gov, &["policy.limits.any-provider.max_share=0.08"]),
        (&gov, &["policy.budget=3e10"]),
        (&gov, &["policy.limits.us.max_share=0.05"]),
        (&gov, &["policy.limits.domestic-floor.min_share=0.95"]),
        (&minimal, &["policy.budget=0"]),
        (&minimal, &["providers.cloud-jp.capacity=10"]),
    ];
    let dir = tempfile::tempdir().unwrap();
    let mut tried = 0;
    for (scenario, sets) in cases {
        let mut cmd = tayoka(dir.path());
        cmd.arg("solve")
            .arg(scenario)
            .args(["--no-charts", "--out", "o"]);
        for s in sets {
            cmd.args(["--set", s]);
        }
        let out = cmd.output().unwrap();
        assert_eq!(out.status.code(), Some(3), "{sets:?}");
        let err = String::from_utf8(out.stderr).unwrap();
        let tries: Vec<&str> = err
            .lines()
            .filter_map(|l| l.trim().strip_prefix("try: "))
            .collect();
        assert!(!tries.is_empty(), "{sets:?} offers nothing:\n{err}");
        for t in tries {
            let mut cmd = tayoka(dir.path());
            cmd.arg("solve")
                .arg(scenario)
                .args(["--no-charts", "--out", "o"]);
            for s in sets {
                cmd.args(["--set", s]);
            }
            // A suggestion's --set comes after the scenario's own: it wins.
            cmd.args(t.split_whitespace());
            let out = cmd.output().unwrap();
            assert_eq!(
                out.status.code(),
                Some(0),
                "{sets:?} + `{t}` does not solve:\n{}",
                String::from_utf8_lossy(&out.stderr)
            );
            tried += 1;
        }
    }
    assert!(tried >= 6, "only {tried} suggestions");
}
