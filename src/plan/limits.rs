//! Each limit of the policy against a plan: its bound, the value the plan
//! reaches, the slack left and whether it binds. One computation for the
//! report's table, the workbook and `plan.json`.

use serde::Serialize;

use super::allocation::Allocation;
use super::metrics::limit_measure;
use crate::scenario::{Limit, Scenario, Scope, Side};

/// One bound of one limit in a plan.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct LimitStatus {
    /// The limit's id (`[policy.limits.<id>]`).
    pub id: String,
    pub dimension: String,
    /// The value it caps, or none for every value of the dimension.
    pub value: Option<String>,
    /// `all` or `critical` workloads.
    pub scope: &'static str,
    /// `max_share`, `min_share`, `max_amount` or `min_amount`.
    pub key: &'static str,
    pub bound: f64,
    /// What the plan reaches: the value's share or amount; for every value,
    /// the one nearest the bound (the largest under a maximum).
    pub reached: f64,
    /// The value that reaches it (the first in id order when several tie).
    pub holder: String,
    /// Every value that reaches it (within 1e-9), in id order.
    pub holders: Vec<String>,
    /// How far the plan is from the bound (0 where it binds).
    pub slack: f64,
    pub binding: bool,
}

/// Every bound of every limit of `s` in the plan `allocation`, in the
/// scenario's order.
pub fn limit_statuses(s: &Scenario, allocation: &Allocation) -> Vec<LimitStatus> {
    s.policy
        .limits
        .iter()
        .flat_map(|l| statuses(s, allocation, l))
        .collect()
}

fn statuses(s: &Scenario, allocation: &Allocation, l: &Limit) -> Vec<LimitStatus> {
    let values = match &l.value {
        Some(v) => vec![v.clone()],
        None => s.values(&l.dimension),
    };
    let measured: Vec<(String, f64)> = values
        .into_iter()
        .map(|v| {
            let m = limit_measure(s, allocation, l, &v);
            (v, m)
        })
        .collect();
    let unit = s.limit_unit(l);
    l.bounds()
        .filter_map(|(side, key, bound)| {
            let nearest = measured.iter().max_by(|a, b| match side {
                Side::Max => a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)),
                Side::Min => b.1.total_cmp(&a.1).then(b.0.cmp(&a.0)),
            })?;
            let mut holders: Vec<String> = measured
                .iter()
                .filter(|(_, m)| (m - nearest.1).abs() <= 1e-9 * nearest.1.abs().max(1.0))
                .map(|(v, _)| v.clone())
                .collect();
            holders.sort();
            let slack = match side {
                Side::Max => bound - nearest.1,
                Side::Min => nearest.1 - bound,
            };
            // Binding as a share is judged: an amount over the scope's demand.
            let binding = (slack / unit).abs() < 1e-6;
            Some(LimitStatus {
                id: l.id.clone(),
                dimension: l.dimension.to_string(),
                value: l.value.clone(),
                scope: if l.scope == Scope::Critical {
                    "critical"
                } else {
                    "all"
                },
                key,
                bound,
                reached: nearest.1,
                holder: holders.first().cloned().unwrap_or_default(),
                holders,
                slack: if binding {
                    0.0
                } else {
                    crate::base::units::tidy(slack)
                },
                binding,
            })
        })
        .collect()
}
