//! Metrics of a plan (DESIGN 5), computed from the allocation alone so that
//! they check the model rather than repeat it.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use crate::base::units::tidy;
use crate::plan::allocation::Allocation;
use crate::plan::cost::{CostBreakdown, CostChange, ProviderTerms, breakdown};
pub use crate::plan::cost::{lock_in, moved_away};
use crate::scenario::{Dimension, Scenario};

/// One stage's optimum, in the quantity's own units (shares as fractions,
/// cost in the scenario's currency, never negated).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Stage {
    pub name: String,
    pub value: f64,
}

/// The stage a time limit stopped, in the quantity's own units: the plan's
/// value and the linear relaxation's bound, between which its optimum lies.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StoppedStage {
    pub stage: String,
    pub value: f64,
    pub bound: f64,
}

/// The worst single cut-off of a plan.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WorstCutoff {
    pub event: String,
    /// Priority-weighted unserved fraction of critical demand after re-routing.
    pub unserved_critical_fraction: f64,
}

/// One rule at its bound in one stage, and its marginal value there.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Binding {
    /// The rule in words: `budget`, `limit 'us' (country US, max_share)`.
    pub rule: String,
    /// The `--set` path of its value.
    pub set: String,
    pub value: f64,
    /// The stage, as in `metrics.json` (`max_share:provider`, `cost`).
    pub stage: String,
    /// The change of the stage's optimum per unit of the value (a share as a
    /// fraction, cost in the currency).
    pub marginal: f64,
}

/// The value holding the largest share of a dimension.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct MaxShare {
    /// The first holder in id order.
    pub value: String,
    /// Every value that holds it (within 1e-6), in id order: ties all named.
    pub holders: Vec<String>,
    pub share: f64,
}

/// One value's shares of a dimension.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ShareRow {
    pub value: String,
    /// Weighted volume share.
    pub volume_share: f64,
    /// Share of total cost.
    pub spend_share: f64,
}

/// Shares of every value of one dimension.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct DimensionShares {
    pub dimension: String,
    pub values: Vec<ShareRow>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Metrics {
    pub total_cost: f64,
    pub home_share: f64,
    /// Volume-weighted mean of the serving providers' sovereignty levels.
    pub mean_sovereignty: f64,
    pub max_share: BTreeMap<String, MaxShare>,
    pub hhi: BTreeMap<String, f64>,
    pub effective_number: BTreeMap<String, f64>,
    /// Demand moved away from today's split (`current`), in the scenario's unit.
    pub moved: f64,
    /// The exit cost of that move (part of `total_cost`).
    pub exit_cost: f64,
    /// `total_cost` in its parts (DESIGN 4.2).
    pub cost_breakdown: CostBreakdown,
    /// Each provider that serves or has sourcing terms: its contract and
    /// the discount level it reaches.
    pub sourcing: Vec<ProviderTerms>,
    /// The most data categories one non-domestic provider sees.
    pub mosaic_exposure: MosaicExposure,
    /// The single cut-off that leaves the most critical demand unserved.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub worst_cutoff: Option<WorstCutoff>,
    pub stages: Vec<Stage>,
    #[serde(skip)]
    pub shares: Vec<DimensionShares>,
}

/// The largest number of sensitive data categories seen by one non-domestic
/// provider (the mosaic concern), which provider, and which categories.
#[derive(Debug, Clone, Serialize, PartialEq, Default)]
pub struct MosaicExposure {
    pub categories: usize,
    pub provider: Option<String>,
    pub seen: Vec<String>,
}

/// Shares this close to the largest are ties (solver tolerance, not a lead).
const TIE: f64 = 1e-6;

/// Label of providers that lack a tag, in that tag's shares.
pub const UNTAGGED: &str = "(none)";

/// Provider, company, country, then every tag key in use.
pub fn dimensions(s: &Scenario) -> Vec<Dimension> {
    let tags: BTreeSet<&String> = s.providers.iter().flat_map(|p| p.tags.keys()).collect();
    [Dimension::Provider, Dimension::Company, Dimension::Country]
        .into_iter()
        .chain(tags.into_iter().map(|t| Dimension::Tag(t.clone())))
        .collect()
}

impl Metrics {
    /// How this plan's cost differs from `reference`'s, part by part.
    pub fn cost_change_from(&self, reference: &Metrics) -> CostChange {
        CostChange::between(
            (&reference.cost_breakdown, &reference.sourcing),
            (&self.cost_breakdown, &self.sourcing),
        )
    }

    pub fn compute(s: &Scenario, allocation: &Allocation, stages: Vec<Stage>) -> Self {
        let weighted_demand: f64 = s.workloads.iter().map(|w| w.weight * w.demand).sum();
        let mut volume = vec![0.0; s.providers.len()];
        for (wi, row) in allocation.rows.iter().enumerate() {
            let w = &s.workloads[wi];
            for a in row {
                volume[a.provider] += w.weight * a.amount;
            }
        }
        let (moved, exit_cost) = lock_in(s, allocation);
        let (cost_breakdown, terms) = breakdown(s, allocation);
        let spend: Vec<f64> = terms.iter().map(ProviderTerms::net).collect();
        let total_cost = cost_breakdown.total();
        let paid: f64 = spend.iter().sum();
        let ratio = |x: f64, total: f64| if total > 0.0 { x / total } else { 0.0 };

        let mut shares = Vec::new();
        let mut max_share = BTreeMap::new();
        let mut hhi = BTreeMap::new();
        let mut effective_number = BTreeMap::new();
        for dim in dimensions(s) {
            let mut by_value: BTreeMap<&str, (f64, f64)> = BTreeMap::new();
            for (pi, p) in s.providers.iter().enumerate() {
                let e = by_value
                    .entry(dim.value_of(p).unwrap_or(UNTAGGED))
                    .or_default();
                e.0 += volume[pi];
                e.1 += spend[pi];
            }
            let values: Vec<ShareRow> = by_value
                .into_iter()
                .map(|(v, (vol, sp))| ShareRow {
                    value: v.to_string(),
                    volume_share: tidy(ratio(vol, weighted_demand)),
                    spend_share: tidy(ratio(sp, paid)),
                })
                .collect();
            // Ties go to the first value in id order.
            let top = values.iter().fold(None::<&ShareRow>, |best, r| match best {
                Some(b) if b.volume_share >= r.volume_share => Some(b),
                _ => Some(r),
            });
            if let Some(top) = top {
                let holders = values
                    .iter()
                    .filter(|r| r.volume_share >= top.volume_share - TIE)
                    .map(|r| r.value.clone())
                    .collect();
                max_share.insert(
                    dim.name().to_string(),
                    MaxShare {
                        value: top.value.clone(),
                        holders,
                        share: top.volume_share,
                    },
                );
            }
            let h: f64 = values.iter().map(|r| r.volume_share * r.volume_share).sum();
            hhi.insert(dim.name().to_string(), tidy(h));
            effective_number.insert(dim.name().to_string(), tidy(ratio(1.0, h)));
            shares.push(DimensionShares {
                dimension: dim.name().to_string(),
                values,
            });
        }
        let home: f64 = s
            .providers
            .iter()
            .enumerate()
            .filter(|(_, p)| s.is_domestic(p))
            .map(|(i, _)| volume[i])
            .sum();
        let sovereignty: f64 = s
            .providers
            .iter()
            .enumerate()
            .map(|(i, p)| volume[i] * f64::from(p.sovereignty))
            .sum();
        Metrics {
            total_cost: tidy(total_cost),
            home_share: tidy(ratio(home, weighted_demand)),
            mean_sovereignty: tidy(ratio(sovereignty, weighted_demand)),
            max_share,
            hhi,
            effective_number,
            moved: tidy(moved),
            exit_cost: tidy(exit_cost),
            cost_breakdown,
            sourcing: terms
                .into_iter()
                .enumerate()
                .filter(|(p, t)| t.worth_listing(s, *p))
                .map(|(_, t)| t)
                .collect(),
            mosaic_exposure: mosaic(s, allocation),
            worst_cutoff: None,
            stages: stages
                .into_iter()
                .map(|st| Stage {
                    name: st.name,
                    value: tidy(st.value),
                })
                .collect(),
            shares,
        }
    }

    /// The values holding the largest share of a dimension, ties included
    /// (shares within a millionth of the largest), in id order; `leave_out`
    /// a value not to count (the home country, when the stage leaves it out).
    pub fn holders(&self, dimension: &str, leave_out: Option<&str>) -> (f64, Vec<&str>) {
        let Some(d) = self.shares_of(dimension) else {
            return (0.0, Vec::new());
        };
        let counted = || {
            d.values
                .iter()
                .filter(|r| Some(r.value.as_str()) != leave_out)
        };
        let top = counted().map(|r| r.volume_share).fold(0.0, f64::max);
        let who = counted()
            .filter(|r| top > 0.0 && r.volume_share >= top - TIE)
            .map(|r| r.value.as_str())
            .collect();
        (top, who)
    }

    /// The shares of one dimension by name.
    pub fn shares_of(&self, dimension: &str) -> Option<&DimensionShares> {
        self.shares.iter().find(|d| d.dimension == dimension)
    }
}

/// The non-domestic provider that sees the most data categories.
pub fn mosaic(s: &Scenario, allocation: &Allocation) -> MosaicExposure {
    let mut best = MosaicExposure::default();
    for (p, provider) in s.providers.iter().enumerate() {
        if s.is_domestic(provider) {
            continue;
        }
        let mut seen: Vec<String> = s
            .workloads
            .iter()
            .zip(&allocation.rows)
            .filter(|(_, row)| row.iter().any(|a| a.provider == p))
            .flat_map(|(w, _)| w.data.iter().cloned())
            .collect();
        seen.sort();
        seen.dedup();
        if seen.len() > best.categories {
            best = MosaicExposure {
                categories: seen.len(),
                provider: Some(provider.id.clone()),
                seen,
            };
        }
    }
    best
}

/// The weighted volume share of one value of a dimension, over the workloads
/// of a scope (a limit's share, DESIGN 4).
/// What a limit measures for one value in a plan: its share, or (a limit on
/// amounts) the amount served by providers with that value, unweighted.
pub fn limit_measure(
    s: &Scenario,
    allocation: &Allocation,
    limit: &crate::scenario::Limit,
    value: &str,
) -> f64 {
    if !limit.on_amounts() {
        return scoped_share(s, allocation, &limit.dimension, value, limit.scope);
    }
    let in_scope =
        |wi: usize| limit.scope == crate::scenario::Scope::All || s.workloads[wi].critical;
    let amount: f64 = allocation
        .rows
        .iter()
        .enumerate()
        .filter(|(wi, _)| in_scope(*wi))
        .flat_map(|(_, row)| row)
        .filter(|a| limit.dimension.value_of(&s.providers[a.provider]) == Some(value))
        .map(|a| a.amount)
        .sum();
    tidy(amount)
}

pub fn scoped_share(
    s: &Scenario,
    allocation: &Allocation,
    dim: &Dimension,
    value: &str,
    scope: crate::scenario::Scope,
) -> f64 {
    let in_scope = |wi: usize| scope == crate::scenario::Scope::All || s.workloads[wi].critical;
    let mut num = 0.0;
    let mut den = 0.0;
    for (wi, row) in allocation
        .rows
        .iter()
        .enumerate()
        .filter(|(wi, _)| in_scope(*wi))
    {
        let w = &s.workloads[wi];
        den += w.weight * w.demand;
        num += row
            .iter()
            .filter(|a| dim.value_of(&s.providers[a.provider]) == Some(value))
            .map(|a| w.weight * a.amount)
            .sum::<f64>();
    }
    if den > 0.0 { tidy(num / den) } else { 0.0 }
}
