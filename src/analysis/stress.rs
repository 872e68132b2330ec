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

/// How the outage figures were found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Method {
    /// Every failure set with probability above [`NEGLIGIBLE`] enumerated,
    /// with its exact probability.
    Exact,
    /// Failure sets drawn at random.
    Sampled,
}

/// A failure set less likely than this is left out of an exact
/// enumeration (their total is reported as `neglected_probability`).
pub const NEGLIGIBLE: f64 = 1e-12;

/// The most failure sets an exact enumeration solves.
pub const EXACT_SETS: usize = 1 << 16;

/// One distinct set of failed providers.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Outcome {
    /// Provider indices, ascending.
    pub failed: Vec<usize>,
    /// Its probability: exact, or the share of the samples that drew it.
    pub probability: f64,
    /// How many of the samples drew exactly this set (sampled only).
    pub samples: Option<usize>,
    pub unserved_fraction: f64,
    pub unserved_critical_fraction: f64,
}

/// The standard errors of sampled figures (the CVaR's is asymptotic).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StandardErrors {
    pub expected_unserved: f64,
    pub expected_unserved_critical: f64,
    pub p_any_critical_unserved: f64,
    pub cvar95: f64,
    pub cvar95_critical: f64,
}

/// Independent outages of a plan: exact, or Monte Carlo samples.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MonteCarlo {
    pub method: Method,
    /// The samples asked for; drawn only when sampled.
    pub samples: usize,
    pub seed: u64,
    pub expected_unserved_fraction: f64,
    pub expected_unserved_critical_fraction: f64,
    /// Probability that any critical demand goes unserved.
    pub probability_critical_unserved: f64,
    /// Mean unserved fraction over the worst 5% (of samples, or of
    /// probability when exact).
    pub cvar95_unserved_fraction: f64,
    pub cvar95_unserved_critical_fraction: f64,
    /// Sampled only.
    pub standard_errors: Option<StandardErrors>,
    /// Exact only: the total probability of the failure sets left out, each
    /// below [`NEGLIGIBLE`]; a bound on any figure's error.
    pub neglected_probability: f64,
    /// Distinct failure sets, likeliest first.
    pub outcomes: Vec<Outcome>,
}

/// The outages of a plan, each provider failing independently with its
/// `outage` and every provider of a country with `countries.X.outage`.
/// Exact where at most [`EXACT_SETS`] failure sets, and no more than
/// `samples`, have a probability above [`NEGLIGIBLE`] (and `sampled` is
/// false); otherwise `samples` draws from `seed`. Each distinct set is
/// solved once.
pub fn monte_carlo(
    run: &Solved,
    samples: usize,
    seed: u64,
    sampled: bool,
    solver: SolverKind,
) -> Result<MonteCarlo, Error> {
    let s = run.scenario();
    let most = EXACT_SETS.min(samples);
    let exact = if sampled {
        None
    } else {
        enumerate_failures(s, most)
    };
    // Each failure set with its probability and, drawn, its count.
    type Weighted = Vec<(Vec<usize>, f64, Option<usize>)>;
    let (method, weighted, neglected): (Method, Weighted, f64) = match exact {
        Some((sets, neglected)) => (
            Method::Exact,
            sets.into_iter().map(|(f, p)| (f, tidy(p), None)).collect(),
            neglected,
        ),
        None => {
            let n = samples.max(1) as f64;
            let drawn = draw_failures(s, samples, seed)
                .into_iter()
                .map(|(f, k)| (f, tidy(k as f64 / n), Some(k)))
                .collect();
            (Method::Sampled, drawn, 0.0)
        }
    };
    let bar = super::progress(weighted.len(), "outages");
    let mut outcomes: Vec<Outcome> = weighted
        .into_par_iter()
        .map(|(set, probability, count)| {
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
                probability,
                samples: count,
                unserved_fraction: d.as_ref().map_or(0.0, |d| d.unserved_fraction),
                unserved_critical_fraction: d
                    .as_ref()
                    .map_or(0.0, |d| d.unserved_critical_fraction),
            })
        })
        .collect::<Result<_, Error>>()?;
    bar.finish_and_clear();
    outcomes.sort_by(|a, b| {
        b.probability
            .total_cmp(&a.probability)
            .then_with(|| a.failed.cmp(&b.failed))
    });
    let mut mc = summarise(outcomes, method, samples, seed);
    mc.neglected_probability = tidy(neglected);
    Ok(mc)
}

/// The independent outage events with a probability: each provider's own,
/// then each country's (all its providers).
fn outage_events(s: &crate::scenario::Scenario) -> Vec<(f64, Vec<usize>)> {
    let own = s
        .providers
        .iter()
        .enumerate()
        .filter(|(_, p)| p.outage > 0.0)
        .map(|(i, p)| (p.outage, vec![i]));
    own.chain(country_outages(s)).collect()
}

/// Each country with an outage probability, with its providers.
fn country_outages(s: &crate::scenario::Scenario) -> Vec<(f64, Vec<usize>)> {
    s.countries
        .iter()
        .filter(|(_, c)| c.outage > 0.0)
        .map(|(code, c)| {
            let members = (0..s.providers.len())
                .filter(|&p| s.providers[p].country == *code)
                .collect();
            (c.outage, members)
        })
        .collect()
}

/// Every failure set with probability above [`NEGLIGIBLE`] and its exact
/// probability, with the total probability left out; `None` when more than
/// `most` sets (or too many combinations of events) would be needed.
fn enumerate_failures(
    s: &crate::scenario::Scenario,
    most: usize,
) -> Option<(BTreeMap<Vec<usize>, f64>, f64)> {
    /// Combinations of events visited at most: the search stops there.
    const COMBINATIONS: usize = 1 << 20;
    let events = outage_events(s);
    if events.len() > 64 {
        return None;
    }
    struct Walk<'a> {
        events: &'a [(f64, Vec<usize>)],
        sets: BTreeMap<Vec<usize>, f64>,
        neglected: f64,
        combinations: usize,
        most: usize,
    }
    impl Walk<'_> {
        /// Events from `i` on, given that those before it chose `chosen`
        /// (a bit per event) with probability `p`. False once too many.
        fn go(&mut self, i: usize, chosen: u64, p: f64) -> bool {
            if p < NEGLIGIBLE {
                // The whole subtree's probability is `p`.
                self.neglected += p;
                return true;
            }
            if i == self.events.len() {
                self.combinations += 1;
                let mut failed: Vec<usize> = (0..self.events.len())
                    .filter(|&e| chosen & (1 << e) != 0)
                    .flat_map(|e| self.events[e].1.iter().copied())
                    .collect();
                failed.sort_unstable();
                failed.dedup();
                *self.sets.entry(failed).or_default() += p;
                return self.sets.len() <= self.most && self.combinations <= COMBINATIONS;
            }
            let q = self.events[i].0.min(1.0);
            self.go(i + 1, chosen | (1 << i), p * q) && self.go(i + 1, chosen, p * (1.0 - q))
        }
    }
    let mut walk = Walk {
        events: &events,
        sets: BTreeMap::new(),
        neglected: 0.0,
        combinations: 0,
        most,
    };
    walk.go(0, 0, 1.0).then_some((walk.sets, walk.neglected))
}

/// Failure sets drawn `samples` times from `seed`, with how many times
/// each came up (the empty set too).
fn draw_failures(
    s: &crate::scenario::Scenario,
    samples: usize,
    seed: u64,
) -> BTreeMap<Vec<usize>, usize> {
    let mut rng = SplitMix64::new(seed);
    let country_members = country_outages(s);
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
/// (likeliest first), and for samples their standard errors. Outcomes
/// weigh by their count of samples (the tail is the worst ⌈5% n⌉ samples)
/// or, when exact, by probability (the tail is the worst 5%).
fn summarise(outcomes: Vec<Outcome>, method: Method, samples: usize, seed: u64) -> MonteCarlo {
    let weight = |o: &Outcome| o.samples.map_or(o.probability, |k| k as f64);
    let (total, tail) = match method {
        Method::Exact => (1.0, 0.05),
        Method::Sampled => (
            samples.max(1) as f64,
            ((samples as f64) * 0.05).ceil().max(1.0),
        ),
    };
    let mean = |f: &dyn Fn(&Outcome) -> f64| {
        outcomes.iter().map(|o| f(o) * weight(o)).sum::<f64>() / total
    };
    // The weighted mean of the worst `tail` weight, and the value where
    // the tail starts (the VaR).
    let cvar = |f: fn(&Outcome) -> f64| {
        let mut sorted: Vec<&Outcome> = outcomes.iter().collect();
        sorted.sort_by(|a, b| f(b).total_cmp(&f(a)));
        let (mut left, mut sum, mut var) = (tail, 0.0, 0.0);
        for o in sorted {
            let take = weight(o).min(left);
            sum += f(o) * take;
            left -= take;
            var = f(o);
            if left <= 0.0 {
                break;
            }
        }
        (sum / tail, var)
    };
    let critical = |o: &Outcome| o.unserved_critical_fraction;
    let all = |o: &Outcome| o.unserved_fraction;
    let hit = |o: &Outcome| f64::from(u8::from(o.unserved_critical_fraction > 1e-9));
    let (cvar_all, var_all) = cvar(all);
    let (cvar_critical, var_critical) = cvar(critical);
    let standard_errors = (method == Method::Sampled && samples > 1).then(|| {
        let n = samples as f64;
        // The sample standard deviation of a per-sample figure, over √n.
        let se = |f: &dyn Fn(&Outcome) -> f64| {
            let m = mean(f);
            let var = (mean(&|o| f(o) * f(o)) - m * m).max(0.0) * n / (n - 1.0);
            tidy((var / n).sqrt())
        };
        let alpha = tail / total;
        StandardErrors {
            expected_unserved: se(&all),
            expected_unserved_critical: se(&critical),
            p_any_critical_unserved: se(&hit),
            // CVaR = VaR + E[(X - VaR)+] / α (Rockafellar and Uryasev).
            cvar95: tidy(se(&|o| (all(o) - var_all).max(0.0)) / alpha),
            cvar95_critical: tidy(se(&|o| (critical(o) - var_critical).max(0.0)) / alpha),
        }
    });
    let empty = samples == 0 && method == Method::Sampled;
    let or_zero = |x: f64| if empty { 0.0 } else { tidy(x) };
    MonteCarlo {
        method,
        samples,
        seed,
        expected_unserved_fraction: or_zero(mean(&all)),
        expected_unserved_critical_fraction: or_zero(mean(&critical)),
        probability_critical_unserved: or_zero(mean(&hit)),
        cvar95_unserved_fraction: or_zero(cvar_all),
        cvar95_unserved_critical_fraction: or_zero(cvar_critical),
        standard_errors,
        neglected_probability: 0.0,
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
