//! What holds the plan: each listed marginal value is checked against
//! finite differences of the stage's optimum, computed here by solving the
//! scenario again with the rule's value moved both ways; hand-derived cases
//! give the exact value too.

use crate::common;

use common::{HEAD, load_case, provider, scenarios, workload};
use tayoka::model::backend::SolverKind;
use tayoka::model::{Model, Quantity, expression, solve_holding, stages_for};
use tayoka::plan::metrics::Binding;
use tayoka::scenario::Scenario;
use tayoka::solve::marginals::binding;
use tayoka::solve::{Solved, solve};

fn solved(text: &str, sets: &[&str]) -> Solved {
    solve(load_case(text, None, sets), SolverKind::Microlp).unwrap_or_else(|e| panic!("{e}"))
}

/// The optimum of stage `k` of `s` with the earlier stages held at `held`
/// (the original optima): the stage's own linear programme, as the marginal
/// is defined. `None` when that programme has no solution (a tightened
/// value can leave the earlier optima out of reach).
fn held_optimum(s: &Scenario, held: &[f64], k: usize) -> Option<f64> {
    let e = tayoka::scenario::eligibility::Eligibility::compute(s);
    let mut model = Model::build(s, &e, SolverKind::Microlp);
    for (i, q) in stages_for(&s.policy).iter().enumerate().take(k + 1) {
        let (expr, sense, scale) = expression(&mut model, q);
        let values = solve_holding(&mut model, &expr, sense).ok()?;
        if i == k {
            return Some(expr.eval_with(&values) * scale);
        }
        model.hold(expr, sense, held[i] / scale);
    }
    None
}

/// Left and right difference quotients of stage `k` in the value at `path`
/// (infinite on a side where the stage's programme has no solution).
fn quotients(s: &Scenario, path: &str, value: f64, k: usize, h: f64) -> (f64, f64) {
    let base: Vec<f64> = {
        let e = tayoka::scenario::eligibility::Eligibility::compute(s);
        let mut model = Model::build(s, &e, SolverKind::Microlp);
        let mut out = Vec::new();
        for q in stages_for(&s.policy) {
            let (expr, sense, scale) = expression(&mut model, &q);
            let values = solve_holding(&mut model, &expr, sense).expect("a plan");
            let z = expr.eval_with(&values);
            model.hold(expr, sense, z);
            out.push(z * scale);
        }
        out
    };
    let at = |v: f64| {
        let mut changed = s.clone();
        assert!(changed.set_number(path, v), "{path}");
        held_optimum(&changed, &base, k)
    };
    let z = base[k];
    let worse = match stages_for(&s.policy)[k].sense() {
        tayoka::model::Sense::Minimise => f64::INFINITY,
        tayoka::model::Sense::Maximise => f64::NEG_INFINITY,
    };
    let left = (z - at(value - h).unwrap_or(worse)) / h;
    let right = (at(value + h).unwrap_or(worse) - z) / h;
    (left, right)
}

/// Every listed marginal lies between the left and right difference
/// quotients of its stage (with a little room for solver tolerance).
fn check_all(run: &Solved) -> usize {
    let s = run.scenario();
    let stages: Vec<String> = stages_for(&s.policy).iter().map(Quantity::name).collect();
    let list = binding(run).unwrap();
    for b in &list {
        let k = stages.iter().position(|n| *n == b.stage).unwrap();
        let h = (b.value.abs() * 1e-3).max(1e-5);
        let (left, right) = quotients(s, &b.set, b.value, k, h);
        let room = 1e-6 * left.abs().max(right.abs()).max(1e-9);
        assert!(
            b.marginal >= left.min(right) - room && b.marginal <= left.max(right) + room,
            "{b:?}: not between the difference quotients {left} and {right}"
        );
    }
    list.len()
}

fn find<'a>(list: &'a [Binding], set: &str, stage: &str) -> Option<&'a Binding> {
    list.iter().find(|b| b.set == set && b.stage == stage)
}

fn two_providers(budget: f64) -> String {
    // a: JP, price 1; b: US, price 2; 100 units; diversify over providers.
    format!(
        "{HEAD}{}{}{}[policy]\ndiversify = [\"provider\"]\nbudget = {budget}\n",
        provider("a", "JP", 100.0, 1.0, ""),
        provider("b", "US", 100.0, 2.0, ""),
        workload("w", 100.0, ""),
    )
}

#[test]
fn a_binding_budget_has_the_hand_derived_marginal() {
    // Budget 130: b may serve 30 (each unit on b costs 1 more), so a serves
    // 70: the largest share is 0.7, and each JPY more moves one more unit,
    // lowering it by 1/100 of a point... exactly -0.01 per JPY.
    let run = solved(&two_providers(130.0), &[]);
    assert!((run.metrics.stages[0].value - 0.7).abs() < 1e-9);
    let list = binding(&run).unwrap();
    let b = find(&list, "policy.budget", "max_share:provider").expect("the budget binds");
    assert!((b.marginal - -0.01).abs() < 1e-9, "{b:?}");
    assert_eq!(b.value, 130.0);
    assert!(check_all(&run) >= 1);
    // The same by solving with one JPY more and one less.
    let more = solved(&two_providers(131.0), &[]).metrics.stages[0].value;
    let less = solved(&two_providers(129.0), &[]).metrics.stages[0].value;
    assert!((more - 0.69).abs() < 1e-9 && (less - 0.71).abs() < 1e-9);
}

#[test]
fn a_binding_country_cap_and_capacity_have_their_cost_marginals() {
    // Cost first: b (US) is cheaper but at most 30% may be in the US, and a
    // holds only 80. Cost 30*1 + 70*2 = 170. One share point more for the US
    // (1 unit) saves 1 JPY: -100 per unit of share. a's capacity is not at
    // its bound (70 < 80), so it does not hold the plan.
    let text = format!(
        "{HEAD}{}{}{}[policy]\nobjective = \"cost\"\n[policy.limits.us]\ndimension = \"country\"\nvalue = \"US\"\nmax_share = 0.3\n",
        provider("a", "JP", 80.0, 2.0, ""),
        provider("b", "US", 100.0, 1.0, ""),
        workload("w", 100.0, ""),
    );
    let run = solved(&text, &[]);
    let list = binding(&run).unwrap();
    let cap = find(&list, "policy.limits.us.max_share", "cost").expect("the cap binds");
    assert!((cap.marginal - -100.0).abs() < 1e-6, "{cap:?}");
    assert!(
        list.iter().all(|b| b.set != "providers.a.capacity"),
        "{list:?}"
    );
    check_all(&run);

    // Capacity: a (cheap) holds 60; b serves the rest at 2. Each unit of
    // capacity more on a saves 1 JPY.
    let text = format!(
        "{HEAD}{}{}{}[policy]\nobjective = \"cost\"\n",
        provider("a", "JP", 60.0, 1.0, ""),
        provider("b", "US", 100.0, 2.0, ""),
        workload("w", 100.0, ""),
    );
    let run = solved(&text, &[]);
    let list = binding(&run).unwrap();
    let c = find(&list, "providers.a.capacity", "cost").expect("a's capacity binds");
    assert!((c.marginal - -1.0).abs() < 1e-9, "{c:?}");
    check_all(&run);
}

#[test]
fn at_a_degenerate_point_the_marginal_lies_between_the_quotients() {
    // Budget 150: b serves 50 and the split is even (0.5). One JPY less
    // raises the largest share by 0.01 point... one JPY more changes
    // nothing: the left and right derivatives differ (-0.01 and 0).
    let text = two_providers(150.0);
    let run = solved(&text, &[]);
    assert!((run.metrics.stages[0].value - 0.5).abs() < 1e-9);
    let s = run.scenario();
    let (left, right) = quotients(s, "policy.budget", 150.0, 0, 1.0);
    assert!(
        (left - -0.01).abs() < 1e-9 && right.abs() < 1e-9,
        "{left} {right}"
    );
    let list = binding(&run).unwrap();
    let m = find(&list, "policy.budget", "max_share:provider").map_or(0.0, |b| b.marginal);
    assert!((left.min(right)..=left.max(right)).contains(&m), "{m}");
    check_all(&run);
}

#[test]
fn japan_gov_marginals_match_finite_differences() {
    let text = std::fs::read_to_string(scenarios().join("japan-gov-2027.toml")).unwrap();
    let run = solved(&text, &[]);
    assert!(check_all(&run) >= 3, "{:?}", binding(&run));
    // With a budget below the diversify plan's cost and a tighter US cap,
    // both hold the plan.
    let run = solved(
        &text,
        &["policy.budget=3.8e10", "policy.limits.us.max_share=0.45"],
    );
    let list = binding(&run).unwrap();
    assert!(
        list.iter().any(|b| b.set == "policy.budget"),
        "the budget binds: {list:?}"
    );
    assert!(
        list.iter().any(|b| b.set == "policy.limits.us.max_share"),
        "the US cap binds: {list:?}"
    );
    check_all(&run);
}

#[test]
fn sweep_and_compare_show_a_rules_marginal_as_a_column() {
    let dir = tempfile::tempdir().unwrap();
    let gov = scenarios().join("japan-gov-2027.toml");
    // Two budgets a million JPY apart: the marginal column at the first
    // agrees with the difference of the stage column between the two.
    common::tayoka(dir.path())
        .arg("sweep")
        .arg(&gov)
        .args([
            "--set",
            "policy.budget=3.8e10,3.8001e10",
            "--marginal",
            "policy.budget",
            "--no-charts",
            "--out",
            "s",
        ])
        .assert()
        .code(0);
    let csv = std::fs::read_to_string(dir.path().join("s/sweep.csv")).unwrap();
    let mut lines = csv.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    let col = |name: &str| {
        header
            .iter()
            .position(|h| *h == name)
            .unwrap_or_else(|| panic!("{name}"))
    };
    let rows: Vec<Vec<f64>> = lines
        .map(|l| {
            l.split(',')
                .map(|v| v.parse().unwrap_or(f64::NAN))
                .collect()
        })
        .collect();
    let stage = col("stage:max_share:provider");
    let marginal = col("marginal:policy.budget:max_share:provider");
    let quotient = (rows[1][stage] - rows[0][stage]) / 1e6;
    let m = rows[0][marginal];
    assert!(m < 0.0, "more budget lowers the largest share: {m}");
    assert!(
        (quotient - m).abs() <= 1e-3 * m.abs(),
        "marginal {m} against the sweep's own difference quotient {quotient}"
    );
    // compare: a rule with slack has marginal 0 in every stage.
    common::tayoka(dir.path())
        .arg("compare")
        .arg(&gov)
        .args([
            "--variants",
            "base",
            "--marginal",
            "policy.budget",
            "--no-charts",
            "--out",
            "c",
        ])
        .assert()
        .code(0);
    let csv = std::fs::read_to_string(dir.path().join("c/compare-wide.csv")).unwrap();
    let row = csv
        .lines()
        .find(|l| l.starts_with("marginal:policy.budget:cost,"))
        .expect("a marginal row");
    assert_eq!(row, "marginal:policy.budget:cost,0");
    // In long form, the same figure on its own row.
    let long = std::fs::read_to_string(dir.path().join("c/compare.csv")).unwrap();
    assert!(
        long.lines()
            .any(|l| l == "base,optimal,marginal:policy.budget:cost,0,"),
        "{long}"
    );
}
