//! A plan's allocation: which providers serve each workload, how much, and
//! what fraction of its demand. A value every layer above the scenario reads.

use crate::scenario::Scenario;

/// Fractions below this are solver noise, not an assignment.
pub const MIN_FRACTION: f64 = 1e-7;

/// One provider's part of one workload.
#[derive(Debug, Clone, PartialEq)]
pub struct Assignment {
    pub provider: usize,
    /// In the scenario's unit.
    pub amount: f64,
    /// Of the workload's demand.
    pub fraction: f64,
}

/// `x[workload][provider]`: per workload (scenario order), the providers that
/// serve it with amount > 0, in provider id order.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Allocation {
    pub rows: Vec<Vec<Assignment>>,
}

impl Allocation {
    /// Today's split (each workload's `current`), when every workload has
    /// one: where a pathway starts and what a plan's answer compares with.
    pub fn today(s: &Scenario) -> Option<Allocation> {
        let rows = s
            .workloads
            .iter()
            .map(|w| {
                if w.current.is_empty() {
                    return None;
                }
                let mut row: Vec<Assignment> = w
                    .current
                    .iter()
                    .filter(|(_, f)| **f > 0.0)
                    .filter_map(|(id, &f)| {
                        s.provider_index(id).map(|p| Assignment {
                            provider: p,
                            amount: crate::base::units::tidy(f * w.demand),
                            fraction: f,
                        })
                    })
                    .collect();
                row.sort_by_key(|a| a.provider);
                Some(row)
            })
            .collect::<Option<Vec<_>>>()?;
        Some(Allocation { rows })
    }

    /// Amount served by each provider.
    pub fn provider_totals(&self, s: &Scenario) -> Vec<f64> {
        let mut t = vec![0.0; s.providers.len()];
        for a in self.rows.iter().flatten() {
            t[a.provider] += a.amount;
        }
        t
    }
}

/// A workload's row with the same fractions at another demand (a merged
/// group's member, the same split in a year of different demand).
pub fn at_demand(row: &[Assignment], demand: f64) -> Vec<Assignment> {
    row.iter()
        .map(|a| Assignment {
            provider: a.provider,
            fraction: a.fraction,
            amount: crate::base::units::tidy(a.fraction * demand),
        })
        .collect()
}
