//! Sourcing economics on generated scenarios (contract costs, minimum
//! volumes, volume discounts, workload prices, a cap on contracts, a
//! budget): the plan keeps every rule, its reported cost is the cost
//! recomputed from its allocation by DESIGN 4.2's formula, and the cost
//! optimum is the one found by a second way: enumerating which providers
//! hold a contract and which discount level each reaches, and solving the
//! plain linear programme of each choice (the level's threshold as a
//! minimum amount, its discount in the prices, the contracts' cost as a
//! constant).

use crate::common;

use std::path::Path;

use common::checker::{check, rows_of};
use proptest::prelude::*;
use proptest::test_runner::FileFailurePersistence;
use tayoka::base::error::Error;
use tayoka::model::backend::SolverKind;
use tayoka::scenario::{LoadOptions, load_str};
use tayoka::solve::{Solved, solve};

#[derive(Debug, Clone)]
struct Seller {
    capacity: u32,
    price: u32,
    contract_cost: u32,
    min_volume: u32,
    /// (from, off in percent), both increasing.
    discounts: Vec<(u32, u32)>,
}

#[derive(Debug, Clone)]
struct Buyer {
    demand: u32,
    /// A price of its own on provider 0.
    price_on_first: Option<u32>,
}

#[derive(Debug, Clone)]
struct Market {
    sellers: Vec<Seller>,
    buyers: Vec<Buyer>,
    max_contracts: Option<u32>,
    budget: Option<u32>,
}

fn seller() -> impl Strategy<Value = Seller> {
    (
        40..200u32,
        2..12u32,
        prop::option::weighted(0.6, 1..200u32),
        prop::option::weighted(0.3, 5..40u32),
        prop::collection::vec((10..80u32, 5..30u32), 0..=2),
    )
        .prop_map(|(capacity, price, contract, min_volume, levels)| {
            // Thresholds and fractions strictly increasing.
            let mut discounts: Vec<(u32, u32)> = Vec::new();
            for (from, off) in levels {
                let (f, o) = match discounts.last() {
                    Some(&(f, o)) => (f + from, o + off),
                    None => (from, off),
                };
                discounts.push((f, o.min(90)));
            }
            discounts.dedup_by_key(|d| d.1);
            Seller {
                capacity,
                price,
                contract_cost: contract.unwrap_or(0),
                min_volume: min_volume.unwrap_or(0),
                discounts,
            }
        })
}

fn market() -> impl Strategy<Value = Market> {
    (
        prop::collection::vec(seller(), 2..=4),
        prop::collection::vec(
            (5..120u32, prop::option::weighted(0.3, 1..15u32)).prop_map(|(demand, price)| Buyer {
                demand,
                price_on_first: price,
            }),
            1..=4,
        ),
        prop::option::weighted(0.4, 1..4u32),
        prop::option::weighted(0.3, 300..3000u32),
    )
        .prop_map(|(sellers, buyers, max_contracts, budget)| Market {
            sellers,
            buyers,
            max_contracts,
            budget,
        })
}

/// One provider's part in an enumerated choice: no contract, or a contract
/// at discount level `k` (0: none reached; `k`: the k-th level).
#[derive(Debug, Clone, Copy, PartialEq)]
enum Choice {
    Without,
    At(usize),
}

impl Market {
    /// The scenario with its sourcing terms.
    fn toml(&self) -> String {
        let mut t = self.head();
        for (i, p) in self.sellers.iter().enumerate() {
            t += &self.seller(i, p.capacity, p.price as f64);
            t += &format!(
                "contract_cost = {}\nmin_volume = {}\n",
                p.contract_cost, p.min_volume
            );
            let levels: Vec<String> = p
                .discounts
                .iter()
                .map(|&(from, off)| {
                    format!("{{ from = {from}, off = {} }}", f64::from(off) / 100.0)
                })
                .collect();
            t += &format!("discounts = [{}]\n\n", levels.join(", "));
        }
        t += &self.buyers(1.0);
        if let Some(k) = self.max_contracts {
            t += &format!("[policy]\nobjective = \"cost\"\nmax_contracts = {k}\n");
        } else {
            t += "[policy]\nobjective = \"cost\"\n";
        }
        if let Some(b) = self.budget {
            t += &format!("budget = {b}\n");
        }
        t
    }

    /// The plain scenario of one choice: a provider without a contract has
    /// no capacity, one at a level serves at least that level's threshold
    /// (and its minimum volume) at its discounted prices; the contracts'
    /// cost comes off the budget. `None` when the contracts alone break the
    /// budget or the cap on contracts.
    fn plain(&self, choice: &[Choice]) -> Option<(String, f64)> {
        let held = choice.iter().filter(|c| **c != Choice::Without).count();
        if self.max_contracts.is_some_and(|k| held > k as usize) {
            return None;
        }
        let mut fixed = 0.0;
        let mut t = self.head();
        let mut floors = String::new();
        let mut first_off = 0.0;
        for (i, (p, c)) in self.sellers.iter().zip(choice).enumerate() {
            let (capacity, off, floor) = match *c {
                Choice::Without => (0, 0.0, 0.0),
                Choice::At(k) => {
                    fixed += f64::from(p.contract_cost);
                    let (from, off) = match k {
                        0 => (0.0, 0.0),
                        k => {
                            let (from, off) = p.discounts[k - 1];
                            (f64::from(from), f64::from(off) / 100.0)
                        }
                    };
                    (p.capacity, off, from.max(f64::from(p.min_volume)))
                }
            };
            if i == 0 {
                first_off = off;
            }
            t += &self.seller(i, capacity, f64::from(p.price) * (1.0 - off));
            t += "\n";
            if floor > 0.0 {
                floors += &format!(
                    "[policy.limits.floor{i}]\ndimension = \"provider\"\nvalue = \"p{i}\"\nmin_amount = {floor}\n"
                );
            }
        }
        t += &self.buyers(1.0 - first_off);
        t += "[policy]\nobjective = \"cost\"\n";
        if let Some(b) = self.budget {
            let left = f64::from(b) - fixed;
            if left < 0.0 {
                return None;
            }
            t += &format!("budget = {left}\n");
        }
        t += &floors;
        Some((t, fixed))
    }

    fn head(&self) -> String {
        "[scenario]\nname = \"market\"\nhome = \"JP\"\n\n".to_string()
    }

    fn seller(&self, i: usize, capacity: u32, price: f64) -> String {
        format!(
            "[providers.p{i}]\ncountry = \"JP\"\ncapacity = {capacity}\nprice = {price}\ncapabilities = {{ llm = 1.0 }}\n"
        )
    }

    /// The workloads; a price of their own on p0 times `factor` (p0's
    /// discount in a plain choice).
    fn buyers(&self, factor: f64) -> String {
        let mut t = String::new();
        for (j, w) in self.buyers.iter().enumerate() {
            t += &format!(
                "[workloads.w{j}]\ncapability = \"llm\"\ndemand = {}\n",
                w.demand
            );
            if let Some(price) = w.price_on_first {
                t += &format!("prices = {{ p0 = {} }}\n", f64::from(price) * factor);
            }
            t += "\n";
        }
        t
    }

    /// Every choice of contracts and levels.
    fn choices(&self) -> Vec<Vec<Choice>> {
        let mut all: Vec<Vec<Choice>> = vec![Vec::new()];
        for p in &self.sellers {
            let mine: Vec<Choice> = std::iter::once(Choice::Without)
                .chain((0..=p.discounts.len()).map(Choice::At))
                .collect();
            all = all
                .into_iter()
                .flat_map(|c| {
                    mine.iter().map(move |&m| {
                        let mut c = c.clone();
                        c.push(m);
                        c
                    })
                })
                .collect();
        }
        all
    }

    /// The least cost over every choice: `None` when none has a plan.
    fn enumerated_optimum(&self) -> Result<Option<f64>, TestCaseError> {
        let mut best: Option<f64> = None;
        for choice in self.choices() {
            let Some((text, fixed)) = self.plain(&choice) else {
                continue;
            };
            if let Some(plan) = solved(&text)? {
                let cost = plan.metrics.total_cost + fixed;
                best = Some(best.map_or(cost, |b: f64| b.min(cost)));
            }
        }
        Ok(best)
    }
}

fn solved(text: &str) -> Result<Option<Solved>, TestCaseError> {
    let loaded = load_str(
        Path::new("market.toml"),
        text.to_string(),
        &LoadOptions::default(),
    )
    .map_err(|e| TestCaseError::fail(format!("does not load: {e}\n{text}")))?;
    match solve(loaded, SolverKind::Microlp) {
        Ok(plan) => Ok(Some(plan)),
        Err(Error::Infeasible(_)) => Ok(None),
        Err(e) => Err(TestCaseError::fail(format!("{e}\n{text}"))),
    }
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 96,
        failure_persistence: Some(Box::new(FileFailurePersistence::WithSource("regressions"))),
        ..ProptestConfig::default()
    })]

    #[test]
    fn the_cost_optimum_under_sourcing_terms_is_the_enumerated_one(m in market()) {
        let text = m.toml();
        let got = solved(&text)?;
        let want = m.enumerated_optimum()?;
        prop_assert_eq!(got.is_some(), want.is_some(), "feasibility differs\n{}", text);
        if let (Some(plan), Some(want)) = (got, want) {
            let recomputed = check(plan.scenario(), &rows_of(&plan));
            let cost = plan.metrics.total_cost;
            let b = &plan.metrics.cost_breakdown;
            let tol = 1e-6 * want.abs().max(1.0);
            prop_assert!((recomputed - cost).abs() <= tol, "reported {} != recomputed {}\n{}", cost, recomputed, text);
            prop_assert!((b.usage - b.discounts + b.contracts + b.exit - cost).abs() <= tol, "the breakdown does not add up\n{}", text);
            prop_assert!((plan.metrics.stages[0].value - cost).abs() <= tol, "the cost stage {} != the plan's cost {}\n{}", plan.metrics.stages[0].value, cost, text);
            prop_assert!((cost - want).abs() <= tol, "optimum {} != enumerated {}\n{}", cost, want, text);
        }
    }
}
