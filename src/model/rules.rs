//! Integer business rules, the mosaic rule and lock-in (DESIGN 4.2). Binary
//! variables are created only for the rules a scenario uses.

use good_lp::{Expression, Variable, variable};

use super::{Model, Rule};

/// Without `policy.min_allocation_fraction`, a provider counts toward a
/// workload's `min_providers` when it serves at least this fraction of it.
pub const MIN_SERVING_FRACTION: f64 = 0.01;

impl Model<'_> {
    /// `min_allocation_fraction` f: `f z <= x <= z`; `min_providers` and
    /// `max_providers`: bounds on `Σ_p z`.
    pub(super) fn add_integer_rules(&mut self) {
        let s = self.scenario;
        let policy_floor = s.policy.min_allocation_fraction;
        for wi in 0..s.workloads.len() {
            let w = &s.workloads[wi];
            let counts = w.min_providers.is_some() || w.max_providers.is_some();
            if policy_floor.is_none() && !counts {
                continue;
            }
            let floor = policy_floor.unwrap_or(if w.min_providers.is_some() {
                MIN_SERVING_FRACTION
            } else {
                0.0
            });
            let mut used = Expression::default();
            for (_, x) in self.x[wi].clone() {
                let z = self.add_binary();
                self.constraints.push((Expression::from(x) - z).leq(0.0));
                if floor > 0.0 {
                    // Only the policy's floor bends; the 1% that makes a
                    // provider count for min_providers is a definition.
                    let slack = match policy_floor {
                        Some(_) => self.slack(Rule::MinAllocation, 1.0),
                        None => Expression::default(),
                    };
                    self.constraints
                        .push((Expression::from(x) - z * floor + slack).geq(0.0));
                }
                used.add_mul(1.0, z);
            }
            if let Some(k) = w.min_providers {
                let slack = self.slack(Rule::MinProviders(wi), f64::from(k));
                self.constraints
                    .push((used.clone() + slack).geq(f64::from(k)));
            }
            if let Some(k) = w.max_providers {
                let slack = self.slack(Rule::MaxProviders(wi), f64::from(k));
                self.constraints.push((used - slack).leq(f64::from(k)));
            }
        }
    }

    /// `mosaic_max_categories` K: a non-domestic provider sees a data
    /// category (`y = 1`) when it serves any workload carrying it, and sees
    /// at most K of them.
    pub(super) fn add_mosaic(&mut self) {
        let s = self.scenario;
        let Some(k) = s.policy.mosaic_max_categories else {
            return;
        };
        for p in 0..s.providers.len() {
            if s.is_domestic(&s.providers[p]) {
                continue;
            }
            let mut categories: Vec<&str> = Vec::new();
            for (wi, w) in s.workloads.iter().enumerate() {
                if self.x[wi].iter().any(|&(q, _)| q == p) {
                    categories.extend(w.data.iter().map(String::as_str));
                }
            }
            categories.sort_unstable();
            categories.dedup();
            if categories.len() <= k as usize {
                continue;
            }
            let mut seen = Expression::default();
            for c in categories {
                let y = self.add_binary();
                seen.add_mul(1.0, y);
                for (wi, w) in s.workloads.iter().enumerate() {
                    if !w.data.iter().any(|d| d == c) {
                        continue;
                    }
                    if let Some(&(_, x)) = self.x[wi].iter().find(|&&(q, _)| q == p) {
                        self.constraints.push((Expression::from(x) - y).leq(0.0));
                    }
                }
            }
            let slack = self.slack(Rule::Mosaic, f64::from(k.max(1)));
            self.constraints.push((seen - slack).leq(f64::from(k)));
        }
    }

    /// Lock-in: with today's split `s` (in a pathway, the previous year's
    /// fractions), demand moved away from each provider `m >= s - x`; at most
    /// `max_change` of each workload moves; `exit_cost` per unit moved is
    /// part of cost (see [`Model::raw_cost`]).
    pub(super) fn add_lock_in(&mut self) {
        let s = self.scenario;
        for wi in 0..s.workloads.len() {
            let today: Vec<(usize, Expression)> = match &self.previous {
                Some(previous) => previous[wi]
                    .iter()
                    .map(|&(p, v)| (p, Expression::from(v)))
                    .collect(),
                None => s.workloads[wi]
                    .current
                    .iter()
                    .filter(|(_, f)| **f > 0.0)
                    .filter_map(|(id, &f)| Some((s.provider_index(id)?, Expression::from(f))))
                    .collect(),
            };
            if today.is_empty() {
                continue;
            }
            let mut moved = Expression::default();
            for (p, today) in today {
                let m: Variable = self.add_var(variable().min(0.0));
                let plan: Expression = match self.x[wi].iter().find(|&&(q, _)| q == p) {
                    Some(&(_, x)) => x.into(),
                    // An ineligible provider keeps nothing: all of it moves.
                    None => Expression::default(),
                };
                self.constraints.push((m + plan - today).geq(0.0));
                moved.add_mul(1.0, m);
                self.moved.push((wi, p, m));
            }
            if let Some(max) = s.policy.max_change {
                let slack = self.slack(Rule::MaxChange, 1.0);
                self.constraints.push((moved - slack).leq(max));
            }
        }
    }
}
