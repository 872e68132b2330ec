//! `tayoka tradeoff`: the home share against the largest provider share,
//! with cost; its ends are the diversify and sovereignty optima.

use crate::common;

use common::{HEAD, provider, scenarios, tayoka, workload};
use predicates::prelude::*;
use tayoka::analysis::tradeoff::tradeoff;
use tayoka::model::backend::SolverKind;

#[test]
fn a_hand_derived_tradeoff_from_half_at_home_to_all_at_home() {
    // a (JP, price 2) and b (US, price 1), 100 units. Diversify: 50 each,
    // home 0.5, cost 150. All at home: a 100, cost 200. Half way, home at
    // least 0.75: a 75, b 25, largest share 0.75, cost 175.
    let text = format!(
        "{HEAD}{}{}{}[policy]\ndiversify = [\"provider\"]\n",
        provider("a", "JP", 100.0, 2.0, ""),
        provider("b", "US", 100.0, 1.0, ""),
        workload("w", 100.0, ""),
    );
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("case.toml");
    std::fs::write(&path, &text).unwrap();
    let t = tradeoff(&path, &Default::default(), 3, SolverKind::Microlp).unwrap();
    let got: Vec<(f64, f64, f64)> = t
        .metrics
        .iter()
        .map(|m| (m.home_share, m.max_share["provider"].share, m.total_cost))
        .collect();
    let want = [(0.5, 0.5, 150.0), (0.75, 0.75, 175.0), (1.0, 1.0, 200.0)];
    for ((h, s, c), (wh, ws, wc)) in got.iter().zip(want) {
        assert!(
            (h - wh).abs() < 1e-6 && (s - ws).abs() < 1e-6 && (c - wc).abs() < 1e-4,
            "{got:?}"
        );
    }
    // With providers left out of policy.diversify, the curve still starts
    // at the lowest largest provider share: the same three points.
    let sets: Vec<tayoka::scenario::SetArg> =
        vec!["policy.diversify=[\"country\"]".parse().unwrap()];
    let country = tradeoff(
        &path,
        &tayoka::scenario::LoadOptions::new(None, &sets),
        3,
        SolverKind::Microlp,
    )
    .unwrap();
    let again: Vec<(f64, f64, f64)> = country
        .metrics
        .iter()
        .map(|m| (m.home_share, m.max_share["provider"].share, m.total_cost))
        .collect();
    for ((h, s, c), (wh, ws, wc)) in again.iter().zip(want) {
        assert!(
            (h - wh).abs() < 1e-6 && (s - ws).abs() < 1e-6 && (c - wc).abs() < 1e-4,
            "{again:?}"
        );
    }
    let said = tayoka::report::tradeoff::sentences(&t).join(" ");
    assert!(
        said.contains("Raising the home share from 50% (the diversify optimum) to 100% (the most any plan reaches) raises the largest provider share from 50% to 100%, and raises cost by 50 currency units (+33.3%)."),
        "{said}"
    );
}

/// `name` of every row of a CSV, in order, for rows of `kind`.
fn column(csv: &str, kind: &str, name: &str) -> Vec<f64> {
    let mut lines = csv.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    let at = header.iter().position(|h| *h == name).unwrap();
    lines
        .map(|l| l.split(',').collect::<Vec<_>>())
        .filter(|r| r[0] == kind)
        .map(|r| r[at].parse().unwrap())
        .collect()
}

#[test]
fn the_bundled_tradeoff_is_monotone_and_ends_at_the_two_optima() {
    let dir = tempfile::tempdir().unwrap();
    let gov = scenarios().join("japan-gov-2027.toml");
    let out = tayoka(dir.path())
        .arg("tradeoff")
        .arg(&gov)
        .args(["--points", "6", "--out", "t"])
        .env("COLUMNS", "80")
        .assert()
        .code(0)
        .stdout(predicate::str::contains(
            "Raising the home share from 51.8%",
        ))
        .get_output()
        .clone();
    let stdout = String::from_utf8(out.stdout).unwrap();
    for line in stdout.lines() {
        assert!(line.chars().count() <= 80, "wider than 80 columns: {line}");
    }
    let csv = std::fs::read_to_string(dir.path().join("t/tradeoff.csv")).unwrap();
    let home = column(&csv, "point", "home_share");
    let top = column(&csv, "point", "max_share:provider");
    let cost = column(&csv, "point", "total_cost");
    assert_eq!(home.len(), 6);
    for k in 1..home.len() {
        assert!(home[k] >= home[k - 1] - 1e-9, "{home:?}");
        assert!(top[k] >= top[k - 1] - 1e-9, "{top:?}");
    }
    // The ends: the diversify optimum and the sovereignty optimum's home share.
    let solve = |variant: Option<&str>| {
        let loaded =
            tayoka::scenario::load(&gov, &tayoka::scenario::LoadOptions::new(variant, &[]))
                .unwrap();
        tayoka::solve::solve(loaded, SolverKind::Microlp)
            .unwrap()
            .metrics
    };
    let diversify = solve(None);
    assert!((home[0] - diversify.home_share).abs() < 1e-9);
    assert!((top[0] - diversify.max_share["provider"].share).abs() < 1e-9);
    assert!((cost[0] - diversify.total_cost).abs() < 1e-6 * cost[0]);
    let sovereign = solve(Some("@sovereignty"));
    assert!(
        (home[5] - sovereign.home_share).abs() < 1e-6,
        "{home:?} vs {}",
        sovereign.home_share
    );
    let own = column(&csv, "sovereignty", "home_share");
    assert!((own[0] - sovereign.home_share).abs() < 1e-9);
    // The sentence's figures are the CSV's.
    let raised = format!(
        "and raises cost by {} JPY",
        tayoka::base::units::compact(cost[5] - cost[0])
    );
    assert!(stdout.replace('\n', " ").contains(&raised), "{stdout}");
    for f in ["tradeoff.svg", "tradeoff.png", "report.html"] {
        assert!(dir.path().join("t").join(f).is_file(), "{f}");
    }
    let report = std::fs::read_to_string(dir.path().join("t/report.html")).unwrap();
    assert!(report.contains("Raising the home share from 51.8%"));
}

#[test]
fn the_tradeoff_chart_draws_the_limit_and_says_where_the_budget_binds_as_the_csv_shows() {
    let dir = tempfile::tempdir().unwrap();
    let gov = scenarios().join("japan-gov-2027.toml");
    tayoka(dir.path())
        .arg("tradeoff")
        .arg(&gov)
        .args(["--out", "t"])
        .assert()
        .code(0);
    let csv = std::fs::read_to_string(dir.path().join("t/tradeoff.csv")).unwrap();
    let cost = column(&csv, "point", "total_cost");
    let home = column(&csv, "point", "home_share");
    let budget = 4.0e10;
    // From the CSV: the first point whose cost reaches the budget.
    let k = cost
        .iter()
        .position(|&c| c >= budget * (1.0 - 1e-6))
        .unwrap();
    assert!(k > 0 && cost[k - 1] < budget * (1.0 - 1e-6), "{cost:?}");
    let svg = std::fs::read_to_string(dir.path().join("t/tradeoff.svg")).unwrap();
    let said = format!(
        "the budget binds from point {} (home share {}) on.",
        k + 1,
        tayoka::base::units::percent(home[k])
    );
    assert!(
        svg.contains(&said),
        "the chart's <desc> does not say: {said}"
    );
    // The limit on every provider is drawn and named.
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let labels: Vec<&str> = doc
        .descendants()
        .filter_map(|n| n.attribute("aria-label"))
        .collect();
    assert!(labels.contains(&"any-provider: at most 35%"), "{labels:?}");
    assert!(
        labels.iter().any(|l| l.starts_with("budget ")),
        "{labels:?}"
    );
}
