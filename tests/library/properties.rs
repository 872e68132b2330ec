//! Property tests over generated valid scenarios (2-5 providers, 1-5
//! workloads with copies, classes, limits with scope, budget): every plan
//! passes the independent rule checker, and the optimum responds to changes
//! of the scenario the way its definition says it must.

use crate::common;

use std::path::Path;

use common::checker::{check, rows_of};
use proptest::prelude::*;
use proptest::test_runner::FileFailurePersistence;
use tayoka::base::error::Error;
use tayoka::model::backend::SolverKind;
use tayoka::scenario::{LoadOptions, load_str};
use tayoka::solve::{Solved, Spec, solve_spec};

const COUNTRIES: [&str; 3] = ["JP", "US", "FR"];
const DIMENSIONS: [&str; 4] = ["provider", "company", "country", "group"];

#[derive(Debug, Clone)]
struct GenProvider {
    country: usize,
    company: usize,
    group: usize,
    capacity: u32,
    price: u32,
    sovereignty: u32,
    ismap: bool,
}

#[derive(Debug, Clone)]
struct GenWorkload {
    demand: u32,
    secure: bool,
    critical: bool,
    /// Alike copies (same everything but demand), for aggregation.
    copies: u32,
}

#[derive(Debug, Clone)]
struct GenLimit {
    dimension: usize,
    /// Index into the dimension's values; `None`: every value.
    value: Option<usize>,
    max_share: f64,
    min_share: Option<f64>,
    critical: bool,
}

#[derive(Debug, Clone)]
struct Gen {
    providers: Vec<GenProvider>,
    workloads: Vec<GenWorkload>,
    limits: Vec<GenLimit>,
    budget: Option<u32>,
    balance: bool,
}

fn provider() -> impl Strategy<Value = GenProvider> {
    (
        0..3usize,
        0..3usize,
        0..2usize,
        60..400u32,
        1..10u32,
        0..5u32,
        any::<bool>(),
    )
        .prop_map(
            |(country, company, group, capacity, price, sovereignty, ismap)| GenProvider {
                country,
                company,
                group,
                capacity,
                price,
                sovereignty,
                ismap,
            },
        )
}

fn workload() -> impl Strategy<Value = GenWorkload> {
    (1..100u32, prop::bool::weighted(0.2), any::<bool>(), 1..4u32).prop_map(
        |(demand, secure, critical, copies)| GenWorkload {
            demand,
            secure,
            critical,
            copies,
        },
    )
}

fn limit() -> impl Strategy<Value = GenLimit> {
    (
        0..4usize,
        prop::option::of(0..3usize),
        (3..=10u32).prop_map(|t| f64::from(t) / 10.0),
        prop::option::weighted(0.3, (0..4u32).prop_map(|t| f64::from(t) / 10.0)),
        prop::bool::weighted(0.3),
    )
        .prop_map(
            |(dimension, value, max_share, min_share, critical)| GenLimit {
                dimension,
                value,
                max_share,
                // A floor only on a named value.
                min_share: value.and(min_share),
                critical,
            },
        )
}

fn scenario() -> impl Strategy<Value = Gen> {
    (
        prop::collection::vec(provider(), 2..=5),
        prop::collection::vec(workload(), 1..=5),
        prop::collection::vec(limit(), 0..=2),
        prop::option::weighted(0.3, 500..8000u32),
        prop::bool::weighted(0.2),
    )
        .prop_map(|(providers, workloads, limits, budget, balance)| Gen {
            providers,
            workloads,
            limits,
            budget,
            balance,
        })
}

/// How to write a generated scenario out: ids are `prefix` + index, and
/// providers and workloads appear in the given orders.
struct Layout<'a> {
    prefix: &'a str,
    provider_order: Vec<usize>,
    workload_order: Vec<usize>,
}

impl Gen {
    fn layout(&self) -> Layout<'static> {
        Layout {
            prefix: "",
            provider_order: (0..self.providers.len()).collect(),
            workload_order: (0..self.workloads.len()).collect(),
        }
    }

    fn toml(&self, objective: &str, diversify: &[&str], l: &Layout) -> String {
        let mut t = String::from(
            "[scenario]\nname = \"gen\"\nhome = \"JP\"\n\n[classes.open]\n[classes.secure]\ncertifications = [\"ISMAP\"]\nmin_sovereignty = 2\n\n",
        );
        for &p in &l.provider_order {
            let g = &self.providers[p];
            t += &format!(
                "[providers.{pre}p{p}]\ncompany = \"{pre}c{}\"\ncountry = \"{}\"\ncapacity = {}\nprice = {}\nsovereignty = {}\ncertifications = [{}]\ncapabilities = {{ llm = 1.0 }}\ntags = {{ group = \"{pre}g{}\" }}\n\n",
                g.company,
                COUNTRIES[g.country],
                g.capacity,
                g.price,
                g.sovereignty,
                if g.ismap { "\"ISMAP\"" } else { "" },
                g.group,
                pre = l.prefix,
            );
        }
        for &w in &l.workload_order {
            let g = &self.workloads[w];
            for copy in 0..g.copies {
                t += &format!(
                    "[workloads.{}w{w}-{copy}]\ncapability = \"llm\"\ndemand = {}\nclass = \"{}\"\ncritical = {}\n\n",
                    l.prefix,
                    g.demand + 7 * copy,
                    if g.secure { "secure" } else { "open" },
                    g.critical,
                );
            }
        }
        let dims: Vec<String> = diversify.iter().map(|d| format!("\"{d}\"")).collect();
        t += &format!(
            "[policy]\nobjective = \"{objective}\"\ndiversify = [{}]\ntie_break = \"{}\"\n",
            dims.join(", "),
            if self.balance { "balance" } else { "cost" }
        );
        if let Some(b) = self.budget {
            t += &format!("budget = {b}\n");
        }
        for (i, lim) in self.limits.iter().enumerate() {
            t += &format!(
                "[policy.limits.l{i}]\ndimension = \"{}\"\nmax_share = {}\n",
                DIMENSIONS[lim.dimension], lim.max_share
            );
            if let Some(v) = lim.value {
                t += &format!(
                    "value = \"{}\"\n",
                    self.value_name(lim.dimension, v, l.prefix)
                );
            }
            if let Some(m) = lim.min_share {
                t += &format!("min_share = {m}\n");
            }
            if lim.critical && self.workloads.iter().any(|w| w.critical) {
                t += "scope = \"critical\"\n";
            }
        }
        t
    }

    /// The name of value `v` of a dimension, one that exists in the scenario.
    fn value_name(&self, dimension: usize, v: usize, prefix: &str) -> String {
        let p = &self.providers[v % self.providers.len()];
        match DIMENSIONS[dimension] {
            "provider" => format!("{prefix}p{}", v % self.providers.len()),
            "company" => format!("{prefix}c{}", p.company),
            "country" => COUNTRIES[p.country].to_string(),
            _ => format!("{prefix}g{}", p.group),
        }
    }
}

/// Solves a generated scenario: `None` when it is infeasible. Any other
/// error is a failure of the property.
fn solve(text: &str, plain: bool) -> Result<Option<Solved>, TestCaseError> {
    let loaded = load_str(
        Path::new("gen.toml"),
        text.to_string(),
        &LoadOptions::default(),
    )
    .map_err(|e| TestCaseError::fail(format!("generated scenario does not load: {e}\n{text}")))?;
    let spec = Spec {
        plain,
        ..Spec::default()
    };
    match solve_spec(loaded, SolverKind::Microlp, &spec) {
        Ok(plan) => Ok(Some(plan)),
        Err(Error::Infeasible(_)) => Ok(None),
        Err(e) => Err(TestCaseError::fail(format!("{e}\n{text}"))),
    }
}

fn stage(plan: &Solved, i: usize) -> f64 {
    plan.metrics.stages[i].value
}

/// Stage values agree to the holds' tolerance (relative 1e-6, as DESIGN 4.3).
fn same(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-6 * a.abs().max(b.abs()).max(1.0)
}

fn max_provider_share(plan: &Solved) -> f64 {
    plan.metrics.max_share["provider"].share
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 64,
        failure_persistence: Some(Box::new(FileFailurePersistence::WithSource("regressions"))),
        ..ProptestConfig::default()
    })]

    /// Every plan of every objective passes the independent rule checker.
    #[test]
    fn every_plan_passes_the_checker(g in scenario(), objective in 0..3usize) {
        let objective = ["diversify", "sovereignty", "cost"][objective];
        let text = g.toml(objective, &["provider", "country"], &g.layout());
        if let Some(plan) = solve(&text, false)? {
            check(plan.scenario(), &rows_of(&plan));
        }
    }

    /// Diversifying over providers first never leaves a larger provider
    /// share than the cheapest plan does.
    #[test]
    fn diversify_is_no_more_concentrated_than_cost(g in scenario()) {
        let layout = g.layout();
        let diversify = solve(&g.toml("diversify", &["provider"], &layout), false)?;
        let cost = solve(&g.toml("cost", &["provider"], &layout), false)?;
        prop_assert_eq!(diversify.is_some(), cost.is_some(), "feasibility depends on the rules only");
        if let (Some(d), Some(c)) = (diversify, cost) {
            // Two solves agree to the engine's tolerance, not exactly: a
            // case at 0.500000001 against 0.499999999 was seen.
            prop_assert!(max_provider_share(&d) <= max_provider_share(&c) + 1e-8,
                "diversify {} > cost {}", max_provider_share(&d), max_provider_share(&c));
            prop_assert!(same(stage(&d, 0), max_provider_share(&d)));
        }
    }

    /// Loosening a rule (a higher max_share, a lower min_share, a larger
    /// budget, more capacity) never worsens the first stage's optimum and
    /// never makes a feasible scenario infeasible.
    #[test]
    fn loosening_never_worsens_the_first_stage(g in scenario(), objective in 0..3usize, what in 0..3usize) {
        let objective = ["diversify", "sovereignty", "cost"][objective];
        let mut loose = g.clone();
        match what {
            0 => for l in &mut loose.limits {
                l.max_share = (l.max_share + 0.2).min(1.0);
                l.min_share = l.min_share.map(|m| (m - 0.1).max(0.0));
            },
            1 => loose.budget = loose.budget.map(|b| b * 2),
            _ => for p in &mut loose.providers { p.capacity += 50; },
        }
        let layout = g.layout();
        let tight = solve(&g.toml(objective, &["provider", "company"], &layout), false)?;
        let loose = solve(&loose.toml(objective, &["provider", "company"], &layout), false)?;
        if let Some(t) = tight {
            let Some(l) = loose else {
                return Err(TestCaseError::fail("loosening made the scenario infeasible"));
            };
            let (t0, l0) = (stage(&t, 0), stage(&l, 0));
            // Sovereignty maximises the home share; the others minimise.
            let worse = if objective == "sovereignty" { l0 < t0 - 1e-7 } else { l0 > t0 + 1e-7 * t0.abs().max(1.0) };
            prop_assert!(!worse, "{objective}: first stage {t0} became {l0}");
        }
    }

    /// Ids and the order of providers and workloads in the file are names,
    /// not meaning: the stage values do not change.
    #[test]
    fn renaming_and_reordering_keep_the_stage_values(
        g in scenario(),
        objective in 0..3usize,
        pshuffle in any::<u64>(),
        wshuffle in any::<u64>(),
    ) {
        let objective = ["diversify", "sovereignty", "cost"][objective];
        let dims = ["provider", "company", "country", "group"];
        let a = solve(&g.toml(objective, &dims, &g.layout()), false)?;
        let mut provider_order: Vec<usize> = (0..g.providers.len()).collect();
        let mut workload_order: Vec<usize> = (0..g.workloads.len()).collect();
        shuffle(&mut provider_order, pshuffle);
        shuffle(&mut workload_order, wshuffle);
        let renamed = Layout { prefix: "zz-", provider_order, workload_order };
        let b = solve(&g.toml(objective, &dims, &renamed), false)?;
        prop_assert_eq!(a.is_some(), b.is_some());
        if let (Some(a), Some(b)) = (a, b) {
            for (x, y) in a.metrics.stages.iter().zip(&b.metrics.stages) {
                prop_assert!(same(x.value, y.value), "{}: {} vs {}", x.name, x.value, y.value);
            }
        }
    }

    /// Solving alike workloads as one aggregate gives the stage values of
    /// solving each on its own.
    #[test]
    fn aggregation_keeps_the_stage_values(g in scenario(), objective in 0..3usize) {
        let objective = ["diversify", "sovereignty", "cost"][objective];
        let text = g.toml(objective, &["provider", "country"], &g.layout());
        let merged = solve(&text, false)?;
        let plain = solve(&text, true)?;
        prop_assert_eq!(merged.is_some(), plain.is_some());
        if let (Some(m), Some(p)) = (merged, plain) {
            prop_assert!(p.reduced.is_none());
            for (x, y) in m.metrics.stages.iter().zip(&p.metrics.stages) {
                prop_assert!(same(x.value, y.value), "{}: {} vs {}", x.name, x.value, y.value);
            }
            check(m.scenario(), &rows_of(&m));
        }
    }
}

/// A Fisher-Yates shuffle driven by a SplitMix64 seed.
fn shuffle(v: &mut [usize], mut seed: u64) {
    for i in (1..v.len()).rev() {
        seed = seed.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = seed;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^= z >> 31;
        v.swap(i, (z % (i as u64 + 1)) as usize);
    }
}
