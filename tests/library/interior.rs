//! The interior-point path for large linear models (Clarabel for the stages,
//! then `tayoka::solve::crossover` for a vertex plan) against microlp's simplex on
//! random scenarios where workloads cannot merge: each has its own split
//! today, under `max_change`. Both must reach the same stage values, the
//! interior plan must pass the independent checker, and it must be a vertex
//! in practice: no more provider pairs in use than the simplex's plan plus
//! one per shared row. What holds the plan is the same on both paths: the
//! interior path leaves out, unsolved, the rules that have room in a
//! stage's interior-point plan, and must lose none that holds a stage.

use crate::common;

use std::path::Path;

use common::checker::{check, rows_of};
use proptest::prelude::*;
use proptest::test_runner::FileFailurePersistence;
use tayoka::model::backend::SolverKind;
use tayoka::scenario::{LoadOptions, load_str};
use tayoka::solve::{Solved, Spec, solve_spec};

const COUNTRIES: [&str; 3] = ["JP", "US", "FR"];

#[derive(Debug, Clone)]
struct Gen {
    /// (country, company, capacity, price, exit cost) per provider.
    providers: Vec<(usize, usize, u32, u32, u32)>,
    /// (demand, today's split as (provider, weight)) per workload.
    workloads: Vec<(u32, Vec<(usize, u32)>)>,
    max_change: Option<u32>,
    budget: Option<u32>,
}

fn scenario() -> impl Strategy<Value = Gen> {
    let provider = (0..3usize, 0..3usize, 80..400u32, 1..10u32, 0..4u32);
    (
        prop::collection::vec(provider, 3..=6),
        prop::collection::vec(
            (
                1..50u32,
                prop::collection::vec((0..6usize, 1..10u32), 1..=3),
            ),
            4..=14,
        ),
        prop::option::weighted(0.7, 1..=6u32),
        prop::option::weighted(0.3, 300..4000u32),
    )
        .prop_map(|(providers, workloads, max_change, budget)| Gen {
            providers,
            workloads,
            max_change,
            budget,
        })
}

impl Gen {
    fn toml(&self) -> String {
        let mut t = String::from("[scenario]\nname = \"gen\"\nhome = \"JP\"\n\n");
        for (i, &(country, company, capacity, price, exit)) in self.providers.iter().enumerate() {
            t += &format!(
                "[providers.p{i}]\ncompany = \"c{company}\"\ncountry = \"{}\"\ncapacity = {capacity}\nprice = {price}\nexit_cost = {exit}\ncapabilities = {{ llm = 1.0 }}\n\n",
                COUNTRIES[country]
            );
        }
        let n = self.providers.len();
        for (i, (demand, split)) in self.workloads.iter().enumerate() {
            let mut today: Vec<(usize, u32)> = Vec::new();
            for &(p, weight) in split {
                match today.iter_mut().find(|x| x.0 == p % n) {
                    Some(x) => x.1 += weight,
                    None => today.push((p % n, weight)),
                }
            }
            let total: u32 = today.iter().map(|x| x.1).sum();
            let current: Vec<String> = today
                .iter()
                .map(|&(p, w)| format!("p{p} = {}", f64::from(w) / f64::from(total)))
                .collect();
            t += &format!(
                "[workloads.w{i}]\ncapability = \"llm\"\ndemand = {demand}\ncurrent = {{ {} }}\n\n",
                current.join(", ")
            );
        }
        t += "[policy]\nobjective = \"diversify\"\ndiversify = [\"provider\", \"company\", \"country\"]\n";
        if let Some(m) = self.max_change {
            t += &format!("max_change = {}\n", f64::from(m) / 10.0);
        }
        if let Some(b) = self.budget {
            t += &format!("budget = {b}\n");
        }
        t
    }
}

fn solve_with(text: &str, interior_above: usize) -> Option<Solved> {
    let loaded = load_str(
        Path::new("gen.toml"),
        text.to_string(),
        &LoadOptions::default(),
    )
    .expect("a valid scenario");
    let spec = Spec {
        interior_above: Some(interior_above),
        plain: true,
        ..Spec::default()
    };
    solve_spec(loaded, SolverKind::Microlp, &spec).ok()
}

fn pairs(run: &Solved) -> usize {
    run.allocation.rows.iter().map(Vec::len).sum()
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 48,
        failure_persistence: Some(Box::new(FileFailurePersistence::WithSource("regressions"))),
        ..ProptestConfig::default()
    })]

    #[test]
    fn the_interior_path_reaches_the_simplex_optimum_with_a_vertex_plan(g in scenario()) {
        let text = g.toml();
        let simplex = solve_with(&text, usize::MAX);
        let interior = solve_with(&text, 0);
        // Both find a plan, or neither does.
        prop_assert_eq!(simplex.is_some(), interior.is_some(), "{}", text);
        let (Some(simplex), Some(interior)) = (simplex, interior) else {
            return Ok(());
        };
        prop_assert!(interior.interior, "the interior path was not taken");
        prop_assert!(!simplex.interior);
        for (a, b) in simplex.metrics.stages.iter().zip(&interior.metrics.stages) {
            prop_assert_eq!(&a.name, &b.name);
            let tolerance = 1e-5 * a.value.abs().max(1.0);
            prop_assert!(
                (a.value - b.value).abs() <= tolerance,
                "{}: simplex {} interior {}\n{}", a.name, a.value, b.value, text
            );
        }
        check(interior.scenario(), &rows_of(&interior));
        // Shared rows: capacity per provider, a share row per provider,
        // company and country, the budget.
        let shared = 3 * g.providers.len() + 1;
        prop_assert!(
            pairs(&interior) <= pairs(&simplex) + shared,
            "interior plan uses {} pairs, simplex {}\n{}", pairs(&interior), pairs(&simplex), text
        );
    }
}

/// What holds a run's plan, as (rule's setting, stage, marginal), sorted.
fn held_by(run: &Solved) -> Vec<(String, String, f64)> {
    let mut out: Vec<_> = tayoka::solve::marginals::binding(run)
        .expect("what holds the plan")
        .into_iter()
        .map(|b| (b.set, b.stage, b.marginal))
        .collect();
    out.sort_by(|a, b| (&a.0, &a.1).cmp(&(&b.0, &b.1)));
    out
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 32,
        failure_persistence: Some(Box::new(FileFailurePersistence::WithSource("regressions"))),
        ..ProptestConfig::default()
    })]

    #[test]
    fn the_interior_path_finds_what_holds_the_plan_as_the_simplex_does(g in scenario()) {
        let text = g.toml();
        let (Some(simplex), Some(interior)) = (solve_with(&text, usize::MAX), solve_with(&text, 0))
        else {
            return Ok(());
        };
        prop_assert_eq!(interior.interior_plans.len(), interior.metrics.stages.len());
        let (a, b) = (held_by(&simplex), held_by(&interior));
        let names = |l: &[(String, String, f64)]| -> Vec<(String, String)> {
            l.iter().map(|x| (x.0.clone(), x.1.clone())).collect()
        };
        prop_assert_eq!(names(&a), names(&b), "{}", text);
        // Both runs' re-solves take the simplex here (the models are below
        // the default threshold), from the simplex's own optima.
        for (x, y) in a.iter().zip(&b) {
            prop_assert!(
                (x.2 - y.2).abs() <= 1e-6 * x.2.abs().max(1e-6),
                "{} in {}: simplex {} interior {}\n{}", x.0, x.1, x.2, y.2, text
            );
        }
    }
}

/// A scenario large enough for the default threshold takes the interior
/// path by itself and says so in the run record.
#[test]
fn a_large_unmerged_scenario_takes_the_interior_path() {
    let mut g = Gen {
        providers: (0..6)
            .map(|i| (i % 3, i / 2, 4000, 3 + i as u32, 2))
            .collect(),
        workloads: Vec::new(),
        max_change: Some(3),
        budget: None,
    };
    for i in 0..1500usize {
        g.workloads.push((
            1 + (i % 17) as u32,
            vec![(i % 6, 1 + (i % 5) as u32), ((i / 6) % 6, 2)],
        ));
    }
    let loaded = load_str(Path::new("gen.toml"), g.toml(), &LoadOptions::default())
        .expect("a valid scenario");
    // Solved whole (alike workloads not merged), as unmergeable data would be.
    let whole = Spec {
        plain: true,
        ..Spec::default()
    };
    let run = solve_spec(loaded, SolverKind::Microlp, &whole).expect("a plan");
    assert!(run.interior, "expected the interior path");
    assert!(run.engine().contains("Clarabel"), "{}", run.engine());
    check(run.scenario(), &rows_of(&run));
    let simplex = solve_with(&g.toml(), usize::MAX).expect("a plan");
    for (a, b) in simplex.metrics.stages.iter().zip(&run.metrics.stages) {
        assert!(
            (a.value - b.value).abs() <= 1e-5 * a.value.abs().max(1.0),
            "{}: {} vs {}",
            a.name,
            a.value,
            b.value
        );
    }
}
