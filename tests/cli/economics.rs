//! The economics of sourcing: workload prices and amount limits (a supply
//! several providers share). Small cases whose optima are derived by hand.

use crate::common;

use common::checker::{check, rows_of};
use common::{HEAD, amount, load_case, provider, solve_case, tayoka, workload};
use predicates::prelude::*;
use tayoka::model::backend::SolverKind;
use tayoka::solve::{Solved, marginals, solve};

fn cost_of(run: &Solved) -> f64 {
    check(run.scenario(), &rows_of(run));
    run.metrics.total_cost
}

/// GAMS's `trnsport` (Dantzig's transportation problem) as a scenario: the
/// plants are providers, the markets workloads, and the freight per case
/// (90 dollars per case per thousand miles, in thousands of dollars) is each
/// market's price on each plant.
const TRNSPORT: &str = r#"[scenario]
name = "trnsport"
home = "US"
[policy]
objective = "cost"
[providers.seattle]
country = "US"
capacity = 350
price = 1
capabilities = { cases = 1.0 }
[providers.san-diego]
country = "US"
capacity = 600
price = 1
capabilities = { cases = 1.0 }
[workloads.new-york]
capability = "cases"
demand = 325
prices = { seattle = 0.225, san-diego = 0.225 }
[workloads.chicago]
capability = "cases"
demand = 300
prices = { seattle = 0.153, san-diego = 0.162 }
[workloads.topeka]
capability = "cases"
demand = 275
prices = { seattle = 0.162, san-diego = 0.126 }
"#;

#[test]
fn the_textbook_transportation_problem_has_its_published_optimum() {
    // GAMS reports z = 153.675: Chicago all from Seattle (45.9), Topeka all
    // from San Diego (34.65), New York's 325 at 0.225 from either (73.125).
    let run = solve_case(TRNSPORT, None, &[]);
    assert!(
        (cost_of(&run) - 153.675).abs() < 1e-6,
        "{}",
        run.metrics.total_cost
    );
    assert!((amount(&run, "chicago", "seattle") - 300.0).abs() < 1e-5);
    assert!((amount(&run, "topeka", "san-diego") - 275.0).abs() < 1e-5);
}

#[test]
fn a_workload_price_replaces_the_providers_price_for_that_workload_only() {
    // a costs 1 and b 2; w1 pays 0.5 on b. Cheapest: w1 on b (5), w2 on a
    // (10). Without the price, both on a (20).
    let body = format!(
        "{HEAD}[policy]\nobjective = \"cost\"\n{}{}{}",
        provider("a", "JP", 100.0, 1.0, ""),
        provider("b", "JP", 100.0, 2.0, ""),
        workload("w2", 10.0, ""),
    );
    let priced = format!("{body}{}", workload("w1", 10.0, "prices = { b = 0.5 }"));
    let run = solve_case(&priced, None, &[]);
    assert_eq!(cost_of(&run), 15.0);
    assert_eq!(amount(&run, "w1", "b"), 10.0);
    assert_eq!(amount(&run, "w2", "a"), 10.0);
    let plain = format!("{body}{}", workload("w1", 10.0, ""));
    assert_eq!(cost_of(&solve_case(&plain, None, &[])), 20.0);
}

#[test]
fn alike_workloads_with_other_prices_are_not_merged() {
    // Two workloads alike but for their price on b; merged, one of them
    // would pay the other's price.
    let text = format!(
        "{HEAD}[policy]\nobjective = \"cost\"\n{}{}{}{}",
        provider("a", "JP", 100.0, 1.0, ""),
        provider("b", "JP", 10.0, 2.0, ""),
        workload("w1", 10.0, "prices = { b = 0.5 }"),
        workload("w2", 10.0, "prices = { b = 0.8 }"),
    );
    let run = solve_case(&text, None, &[]);
    // b's 10 units go to w1 (saves 0.5 a unit rather than 0.2): 5 + 10.
    assert_eq!(cost_of(&run), 15.0);
    assert_eq!(amount(&run, "w1", "b"), 10.0);
}

/// Two NVIDIA providers at 1 and an AMD one at 3, 100 units each, for one
/// workload of 100; `limit` is a `[policy.limits.chips]` body.
fn chips(limit: &str) -> String {
    format!(
        "{HEAD}[policy]\nobjective = \"cost\"\n[policy.limits.chips]\ndimension = \"chips\"\n{limit}\n{}{}{}{}",
        provider("a", "JP", 100.0, 1.0, "tags = { chips = \"NVIDIA\" }"),
        provider("b", "JP", 100.0, 1.0, "tags = { chips = \"NVIDIA\" }"),
        provider("c", "JP", 100.0, 3.0, "tags = { chips = \"AMD\" }"),
        workload("w", 100.0, ""),
    )
}

#[test]
fn an_amount_limit_caps_a_supply_that_several_providers_share() {
    // At most 60 units on NVIDIA: 60 at 1 and 40 at 3 = 180 (free: 100).
    let run = solve_case(&chips("value = \"NVIDIA\"\nmax_amount = 60"), None, &[]);
    assert_eq!(cost_of(&run), 180.0);
    assert_eq!(amount(&run, "w", "a") + amount(&run, "w", "b"), 60.0);
    // At least 50 on AMD: 50 at 1 and 50 at 3 = 200.
    let run = solve_case(&chips("value = \"AMD\"\nmin_amount = 50"), None, &[]);
    assert_eq!(cost_of(&run), 200.0);
    assert_eq!(amount(&run, "w", "c"), 50.0);
    // Over every value: at most 70 on any chip maker, 70 at 1 + 30 at 3.
    let run = solve_case(&chips("max_amount = 70"), None, &[]);
    assert_eq!(cost_of(&run), 160.0);
}

#[test]
fn an_amount_limit_has_a_marginal_that_finite_differences_confirm() {
    let text = chips("value = \"NVIDIA\"\nmax_amount = 60");
    let run = solve(load_case(&text, None, &[]), SolverKind::Microlp).unwrap();
    let binding = marginals::binding(&run).unwrap();
    let b = binding
        .iter()
        .find(|b| b.set == "policy.limits.chips.max_amount" && b.stage == "cost")
        .unwrap_or_else(|| panic!("{binding:?}"));
    // One more NVIDIA unit saves 3 - 1 = 2.
    let wider = solve_case(&text, None, &["policy.limits.chips.max_amount=61"]);
    let difference = cost_of(&wider) - run.metrics.total_cost;
    assert_eq!(difference, -2.0);
    assert!((b.marginal - difference).abs() < 1e-6, "{b:?}");
    assert!(b.rule.contains("max_amount 60 units"), "{}", b.rule);
}

#[test]
fn an_amount_limit_no_plan_meets_is_diagnosed_and_its_suggestion_works() {
    let dir = tempfile::tempdir().unwrap();
    // At least 150 on AMD, which holds 100.
    std::fs::write(
        dir.path().join("case.toml"),
        chips("value = \"AMD\"\nmin_amount = 150"),
    )
    .unwrap();
    let run = tayoka(dir.path())
        .args(["solve", "case.toml", "--out", "o"])
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(3));
    let err = String::from_utf8_lossy(&run.stderr);
    let set = err
        .lines()
        .find_map(|l| {
            l.trim()
                .strip_prefix("try: --set policy.limits.chips.min_amount=")
        })
        .unwrap_or_else(|| panic!("{err}"));
    assert_eq!(set, "100", "{err}");
    tayoka(dir.path())
        .args(["solve", "case.toml", "--out", "o", "--set"])
        .arg(format!("policy.limits.chips.min_amount={set}"))
        .assert()
        .code(0);
}

#[test]
fn bad_economics_are_errors_at_their_place() {
    let dir = tempfile::tempdir().unwrap();
    let cases = [
        (
            chips("value = \"AMD\"\nmax_share = 0.5\nmax_amount = 50"),
            "limit `chips` sets both `max_share` and `max_amount`; a limit bounds shares or amounts",
            "max_amount = 50",
        ),
        (
            chips("value = \"AMD\"\nmin_amount = 60\nmax_amount = 50"),
            "limit `chips`: `min_amount` 60 > `max_amount` 50",
            "60",
        ),
        (
            chips("value = \"AMD\"\nmax_amount = -1"),
            "`policy.limits.chips.max_amount` must be >= 0, found -1",
            "-1",
        ),
        (
            format!(
                "{HEAD}{}{}",
                provider("a", "JP", 100.0, 1.0, ""),
                workload("w", 10.0, "prices = { aa = 0.5 }")
            ),
            "no provider `aa`",
            "aa = 0.5",
        ),
        (
            format!(
                "{HEAD}{}{}",
                provider("a", "JP", 100.0, 1.0, ""),
                workload("w", 10.0, "prices = { a = -0.5 }")
            ),
            "`workloads.w.prices.a` must be >= 0, found -0.5",
            "-0.5",
        ),
    ];
    for (text, message, at) in cases {
        std::fs::write(dir.path().join("case.toml"), &text).unwrap();
        let err = tayoka(dir.path())
            .args(["check", "case.toml"])
            .output()
            .unwrap();
        assert_eq!(err.status.code(), Some(1), "{text}");
        let err = String::from_utf8_lossy(&err.stderr);
        assert!(err.contains(message), "{err}");
        let place = format!("--> case.toml:{}", common::line_col(&text, at));
        assert!(err.contains(&place), "{place} in {err}");
    }
}

#[test]
fn a_price_on_a_provider_the_workload_may_not_use_is_a_warning_naming_why() {
    let dir = tempfile::tempdir().unwrap();
    let text = format!(
        "{HEAD}{}{}{}",
        provider("a", "JP", 100.0, 1.0, ""),
        provider("b", "JP", 100.0, 1.0, ""),
        workload("w", 10.0, "exclude = [\"b\"]\nprices = { b = 0.5 }")
    );
    std::fs::write(dir.path().join("case.toml"), &text).unwrap();
    tayoka(dir.path())
        .args(["check", "case.toml"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains(
            "`workloads.w.prices.b` is never paid: 'b' may not serve 'w' (",
        ));
}
