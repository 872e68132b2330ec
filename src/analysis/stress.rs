//! Stress tests of a fixed plan (DESIGN 4.4): single cut-offs of providers,
//! companies or countries, and Monte Carlo outages. After each, the lost
//! demand is re-routed to surviving eligible providers within capacity x
//! (1 + surge), serving critical demand first (by priority), then the rest.
//!
//! Fractions are priority-weighted over their scope: "critical" means the
//! critical workloads, or every workload when none is critical.

use std::collections::BTreeMap;

use rayon::prelude::*;
use serde::Serialize;

use crate::base::error::Error;
use crate::base::units::tidy;
use crate::model::Event;
use crate::solve::Solved;

use crate::model::backend::SolverKind;
/// What one cut-off does to a plan lives with the solve (every plan reports
/// its worst cut-off); stress tests build on it.
pub use crate::plan::metrics::WorstCutoff;
use crate::scenario::Dimension;
pub use crate::solve::resilience::{Damage, Impact, damage, single_cutoffs, worst_cutoff};

/// Every single cut-off of `dims` on a solved plan (on its aggregated form
/// when it has one), with each workload's loss split back onto the
/// original workloads in proportion to demand.
pub fn plan_cutoffs(
    run: &Solved,
    dims: &[Dimension],
    solver: SolverKind,
) -> Result<Vec<(Event, Damage)>, Error> {
    let v = run.view();
    let mut results = single_cutoffs(v.scenario, v.eligibility, v.allocation, dims, solver)?;
    if let Some(members) = v.members {
        let s = run.scenario();
        for (_, d) in &mut results {
            d.impacts = d
                .impacts
                .iter()
                .flat_map(|i| {
                    let total = v.scenario.workloads[i.workload].demand;
                    members[i.workload].iter().map(move |&m| {
                        let part = s.workloads[m].demand / total;
                        Impact {
                            workload: m,
                            lost: tidy(i.lost * part),
                            unserved: tidy(i.unserved * part),
                        }
                    })
                })
                .collect();
            d.impacts.sort_by_key(|i| i.workload);
        }
    }
    Ok(results)
}

/// SplitMix64: a small, fast generator whose stream is fixed by its seed, so
/// that the same seed gives the same samples on every machine and version.
pub struct SplitMix64(u64);

impl SplitMix64 {
    pub fn new(seed: u64) -> Self {
        SplitMix64(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    pub fn next_f64(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// One distinct set of failed providers drawn by the Monte Carlo.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Outcome {
    /// Provider indices, ascending.
    pub failed: Vec<usize>,
    /// How many of the samples drew exactly this set.
    pub samples: usize,
    pub unserved_fraction: f64,
    pub unserved_critical_fraction: f64,
}

/// Monte Carlo outages of a plan.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MonteCarlo {
    pub samples: usize,
    pub seed: u64,
    pub expected_unserved_fraction: f64,
    pub expected_unserved_critical_fraction: f64,
    /// Probability that any critical demand goes unserved.
    pub probability_critical_unserved: f64,
    /// Mean unserved fraction over the worst 5% of samples.
    pub cvar95_unserved_fraction: f64,
    pub cvar95_unserved_critical_fraction: f64,
    /// Distinct failure sets, most frequent first.
    pub outcomes: Vec<Outcome>,
}

/// Draws `samples` failure sets (each provider fails with its `outage`, each
/// country with `countries.X.outage`, taking all its providers), solves each
/// distinct set once, and summarises.
pub fn monte_carlo(
    run: &Solved,
    samples: usize,
    seed: u64,
    solver: SolverKind,
) -> Result<MonteCarlo, Error> {
    let counts = draw_failures(run.scenario(), samples, seed);
    let bar = super::progress(counts.len(), "monte carlo");
    let mut outcomes: Vec<Outcome> = counts
        .into_par_iter()
        .map(|(set, n)| {
            let d = if set.is_empty() {
                None
            } else {
                let v = run.view();
                Some(damage(
                    v.scenario,
                    v.eligibility,
                    v.allocation,
                    &set,
                    solver,
                )?)
            };
            bar.inc(1);
            Ok(Outcome {
                failed: set,
                samples: n,
                unserved_fraction: d.as_ref().map_or(0.0, |d| d.unserved_fraction),
                unserved_critical_fraction: d
                    .as_ref()
                    .map_or(0.0, |d| d.unserved_critical_fraction),
            })
        })
        .collect::<Result<_, Error>>()?;
    bar.finish_and_clear();
    outcomes.sort_by(|a, b| {
        b.samples
            .cmp(&a.samples)
            .then_with(|| a.failed.cmp(&b.failed))
    });
    Ok(summarise(outcomes, samples, seed))
}

/// Failure sets drawn `samples` times from `seed`, with how many times
/// each came up (the empty set too).
fn draw_failures(
    s: &crate::scenario::Scenario,
    samples: usize,
    seed: u64,
) -> BTreeMap<Vec<usize>, usize> {
    let mut rng = SplitMix64::new(seed);
    let country_members: Vec<(f64, Vec<usize>)> = s
        .countries
        .iter()
        .filter(|(_, c)| c.outage > 0.0)
        .map(|(code, c)| {
            (
                c.outage,
                (0..s.providers.len())
                    .filter(|&p| s.providers[p].country == *code)
                    .collect(),
            )
        })
        .collect();
    let mut counts: BTreeMap<Vec<usize>, usize> = BTreeMap::new();
    let mut failed = vec![false; s.providers.len()];
    for _ in 0..samples {
        failed.iter_mut().for_each(|f| *f = false);
        for (p, provider) in s.providers.iter().enumerate() {
            // Every provider draws, whatever its probability, so that one
            // provider's outage does not shift the others' draws.
            if rng.next_f64() < provider.outage {
                failed[p] = true;
            }
        }
        for (outage, members) in &country_members {
            if rng.next_f64() < *outage {
                members.iter().for_each(|&p| failed[p] = true);
            }
        }
        let set: Vec<usize> = (0..failed.len()).filter(|&p| failed[p]).collect();
        *counts.entry(set).or_default() += 1;
    }
    counts
}

/// The expected, tail (CVaR 95%) and probability figures of the outcomes
/// (most frequent first) of `samples` draws.
fn summarise(outcomes: Vec<Outcome>, samples: usize, seed: u64) -> MonteCarlo {
    let n = samples.max(1) as f64;
    let expected = |f: fn(&Outcome) -> f64| {
        tidy(
            outcomes
                .iter()
                .map(|o| f(o) * o.samples as f64)
                .sum::<f64>()
                / n,
        )
    };
    let cvar = |f: fn(&Outcome) -> f64| {
        // The worst 5% of samples (at least one), by unserved fraction.
        let tail = ((samples as f64) * 0.05).ceil().max(1.0) as usize;
        let mut sorted: Vec<&Outcome> = outcomes.iter().collect();
        sorted.sort_by(|a, b| f(b).total_cmp(&f(a)));
        let (mut left, mut sum) = (tail, 0.0);
        for o in sorted {
            let take = o.samples.min(left);
            sum += f(o) * take as f64;
            left -= take;
            if left == 0 {
                break;
            }
        }
        if samples == 0 {
            0.0
        } else {
            tidy(sum / tail as f64)
        }
    };
    let hit: usize = outcomes
        .iter()
        .filter(|o| o.unserved_critical_fraction > 1e-9)
        .map(|o| o.samples)
        .sum();
    MonteCarlo {
        samples,
        seed,
        expected_unserved_fraction: expected(|o| o.unserved_fraction),
        expected_unserved_critical_fraction: expected(|o| o.unserved_critical_fraction),
        probability_critical_unserved: tidy(hit as f64 / n),
        cvar95_unserved_fraction: cvar(|o| o.unserved_fraction),
        cvar95_unserved_critical_fraction: cvar(|o| o.unserved_critical_fraction),
        outcomes,
    }
}

#[cfg(test)]
mod tests {
    use super::SplitMix64;

    #[test]
    fn the_generator_is_fixed_by_its_seed() {
        let mut a = SplitMix64::new(7);
        let mut b = SplitMix64::new(7);
        let xs: Vec<u64> = (0..5).map(|_| a.next_u64()).collect();
        assert_eq!(xs, (0..5).map(|_| b.next_u64()).collect::<Vec<_>>());
        // The reference value of SplitMix64 for seed 0.
        assert_eq!(SplitMix64::new(0).next_u64(), 0xE220_A839_7B1D_CDAF);
        let mut r = SplitMix64::new(1);
        let mean = (0..10_000).map(|_| r.next_f64()).sum::<f64>() / 10_000.0;
        assert!((mean - 0.5).abs() < 0.02);
    }
}
