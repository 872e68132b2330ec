//! A plan's cost by the formula of DESIGN 4.2, from its allocation alone:
//! what the providers charge at their (or the workload's) prices, less the
//! volume discount each provider's load reaches, plus the contracts of the
//! providers that serve anything, plus exit costs.

use serde::Serialize;

use crate::base::units::tidy;
use crate::plan::allocation::Allocation;
use crate::scenario::{Discount, Scenario};

/// A load this close below a discount's threshold reaches it (the solver's
/// rounding, not a shortfall).
const REACHES: f64 = 1e-7;

/// Total cost in its parts: `usage - discounts + contracts + exit`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct CostBreakdown {
    /// Every unit at its price.
    pub usage: f64,
    /// Taken off by volume discounts (a positive amount).
    pub discounts: f64,
    /// The contracts of the providers that serve anything.
    pub contracts: f64,
    /// Exit costs of demand moved away from today's split.
    pub exit: f64,
}

impl CostBreakdown {
    pub fn total(&self) -> f64 {
        self.usage - self.discounts + self.contracts + self.exit
    }
}

impl ProviderTerms {
    /// What it is paid net of its discount (contract left out).
    pub fn net(&self) -> f64 {
        self.usage - self.discount
    }

    /// Whether a reader needs its line: it serves, or has terms that
    /// could have made it serve or not.
    pub fn worth_listing(&self, s: &Scenario, p: usize) -> bool {
        let pr = &s.providers[p];
        self.contract || pr.has_contract_terms() || !pr.discounts.is_empty()
    }
}

/// One provider's sourcing terms in a plan.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProviderTerms {
    pub provider: String,
    /// What it serves, in the scenario's unit.
    pub load: f64,
    /// Its units at their prices, before any discount.
    pub usage: f64,
    /// Whether it serves anything, and so holds a contract.
    pub contract: bool,
    /// What that contract costs (0 without one).
    pub contract_cost: f64,
    /// The discount level its load reaches: its threshold and fraction off.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub discount_level: Option<Discount>,
    /// What that level takes off.
    pub discount: f64,
}

/// The plan's cost breakdown, and each provider's terms (by index).
pub fn breakdown(s: &Scenario, allocation: &Allocation) -> (CostBreakdown, Vec<ProviderTerms>) {
    let mut load = vec![0.0; s.providers.len()];
    let mut usage = vec![0.0; s.providers.len()];
    for (wi, row) in allocation.rows.iter().enumerate() {
        for a in row {
            load[a.provider] += a.amount;
            usage[a.provider] += s.price(wi, a.provider) * a.amount;
        }
    }
    let (_, exit) = lock_in(s, allocation);
    let mut total = CostBreakdown {
        exit,
        ..CostBreakdown::default()
    };
    let mut terms = Vec::with_capacity(s.providers.len());
    for (p, pr) in s.providers.iter().enumerate() {
        let contract = load[p] > 0.0;
        let level = pr
            .discounts
            .iter()
            .rev()
            .find(|d| load[p] >= d.from * (1.0 - REACHES))
            .copied()
            .filter(|_| contract);
        let discount = level.map_or(0.0, |d| d.off * usage[p]);
        let contract_cost = if contract { pr.contract_cost } else { 0.0 };
        total.usage += usage[p];
        total.discounts += discount;
        total.contracts += contract_cost;
        terms.push(ProviderTerms {
            provider: pr.id.clone(),
            load: tidy(load[p]),
            usage: tidy(usage[p]),
            contract,
            contract_cost,
            discount_level: level,
            discount: tidy(discount),
        });
    }
    let tidied = CostBreakdown {
        usage: tidy(total.usage),
        discounts: tidy(total.discounts),
        contracts: tidy(total.contracts),
        exit: tidy(total.exit),
    };
    (tidied, terms)
}

/// Demand moved away from each workload's `current` split, and its exit cost.
pub fn lock_in(s: &Scenario, allocation: &Allocation) -> (f64, f64) {
    let mut moved = 0.0;
    let mut cost = 0.0;
    for (wi, w) in s.workloads.iter().enumerate() {
        for (p, away) in moved_away(s, allocation, wi) {
            moved += away * w.demand;
            cost += away * w.demand * s.providers[p].exit_cost;
        }
    }
    (moved, cost)
}

/// The fraction of workload `wi`'s demand moved away from each provider of
/// its `current` split, by provider index.
pub fn moved_away<'a>(
    s: &'a Scenario,
    allocation: &'a Allocation,
    wi: usize,
) -> impl Iterator<Item = (usize, f64)> + 'a {
    let row = &allocation.rows[wi];
    s.workloads[wi]
        .current
        .iter()
        .filter_map(move |(id, &today)| {
            let p = s.provider_index(id)?;
            let now = row
                .iter()
                .find(|a| a.provider == p)
                .map_or(0.0, |a| a.fraction);
            Some((p, (today - now).max(0.0)))
        })
}

/// How a plan's cost differs from a reference plan's, in the parts a
/// reader weighs (`total = usage + discounts_given_up + contracts + exit`):
/// what diversifying costs, and why.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CostChange {
    pub total: f64,
    /// More paid at the providers' (or workloads') prices: dearer prices,
    /// or more demand where the plans' demand differs.
    pub usage: f64,
    /// Volume discounts the plan takes less than the reference.
    pub discounts_given_up: f64,
    /// More paid for contracts, and how many more are held.
    pub contracts: f64,
    pub contracts_added: i64,
    /// How many more contracts are paid for (held at a cost): what
    /// `contracts` pays for, where a plan's reference has contracts at no
    /// cost (a scenario without contract costs).
    pub paid_added: i64,
    pub exit: f64,
    /// Each provider whose discount level differs, reference level first.
    pub levels: Vec<LevelChange>,
}

/// A provider's discount level in two plans (`None`: no discount).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LevelChange {
    pub provider: String,
    pub from: Option<f64>,
    pub to: Option<f64>,
    /// The discount it takes less than in the reference plan.
    pub given_up: f64,
}

/// How many providers hold a contract (serve anything) among `terms`.
pub fn contracts_held(terms: &[ProviderTerms]) -> usize {
    terms.iter().filter(|t| t.contract).count()
}

/// How many of those contracts cost anything.
fn contracts_paid(terms: &[ProviderTerms]) -> usize {
    terms
        .iter()
        .filter(|t| t.contract && t.contract_cost > 0.0)
        .count()
}

impl CostChange {
    /// `plan` against `reference`, each its breakdown and providers' terms.
    pub fn between<'a>(
        reference: (&CostBreakdown, &'a [ProviderTerms]),
        plan: (&CostBreakdown, &'a [ProviderTerms]),
    ) -> Self {
        let ((a, a_terms), (b, b_terms)) = (reference, plan);
        let find = |t: &'a [ProviderTerms], id: &str| t.iter().find(|t| t.provider == id);
        let mut ids: Vec<&str> = a_terms
            .iter()
            .chain(b_terms)
            .map(|t| t.provider.as_str())
            .collect();
        ids.sort_unstable();
        ids.dedup();
        let levels = ids
            .into_iter()
            .filter_map(|id| {
                let (x, y) = (find(a_terms, id), find(b_terms, id));
                let off = |t: Option<&ProviderTerms>| t?.discount_level.map(|d| d.off);
                let taken = |t: Option<&ProviderTerms>| t.map_or(0.0, |t| t.discount);
                let (from, to) = (off(x), off(y));
                (from != to).then(|| LevelChange {
                    provider: id.to_string(),
                    from,
                    to,
                    given_up: tidy(taken(x) - taken(y)),
                })
            })
            .collect();
        CostChange {
            total: tidy(b.total() - a.total()),
            usage: tidy(b.usage - a.usage),
            discounts_given_up: tidy(a.discounts - b.discounts),
            contracts: tidy(b.contracts - a.contracts),
            contracts_added: contracts_held(b_terms) as i64 - contracts_held(a_terms) as i64,
            paid_added: contracts_paid(b_terms) as i64 - contracts_paid(a_terms) as i64,
            exit: tidy(b.exit - a.exit),
            levels,
        }
    }
}
