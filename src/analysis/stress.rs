//! Stress tests of a fixed plan (DESIGN 4.4): single cut-offs of providers,
//! companies or countries, and Monte Carlo outages. After each, the lost
//! demand is re-routed to surviving eligible providers within capacity x
//! (1 + surge), serving critical demand first (by priority), then the rest.
//!
//! Fractions are priority-weighted over their scope: "critical" means the
//! critical workloads, or every workload when none is critical.

use std::collections::BTreeMap;

use good_lp::Expression;
use rayon::prelude::*;
use serde::Serialize;

use crate::eligibility::Eligibility;
use crate::error::Error;
use crate::metrics::tidy;
use crate::model::{Event, Model, Sense, SolveFailure, events, in_resilience_scope, solve_holding};
use crate::plan::{Allocation, Solved};
use crate::scenario::{Dimension, Scenario};
use crate::solver::SolverKind;

/// The worst single cut-off of a plan.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WorstCutoff {
    pub event: String,
    /// Priority-weighted unserved fraction of critical demand after re-routing.
    pub unserved_critical_fraction: f64,
}

/// One workload's loss in an event.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Impact {
    pub workload: usize,
    /// Demand on cut-off providers, before re-routing.
    pub lost: f64,
    /// Demand still unserved after re-routing.
    pub unserved: f64,
}

/// What a set of cut-off providers does to a plan.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Damage {
    pub lost: f64,
    pub lost_fraction: f64,
    pub lost_critical: f64,
    pub lost_critical_fraction: f64,
    pub unserved: f64,
    pub unserved_fraction: f64,
    pub unserved_critical: f64,
    pub unserved_critical_fraction: f64,
    /// Workloads that lose demand, in scenario order.
    pub impacts: Vec<Impact>,
}

fn solve_error(e: SolveFailure) -> Error {
    match e {
        // Recourse is always feasible (serve nothing more); this is a solver fault.
        SolveFailure::Infeasible => {
            Error::Solver("the re-routing model reported no solution".into())
        }
        SolveFailure::TimeLimit => Error::Solver("the re-routing model ran out of time".into()),
        SolveFailure::Other(m) => Error::Solver(m),
    }
}

/// Re-routes around `cut` on a fixed plan, in three stages: the critical
/// scope's priority-weighted unserved demand as small as it can be; then the
/// smallest served fraction of a critical workload as large as it can be (so
/// that a shortfall is spread rather than piled on one workload, and a plan
/// made under `policy.survive` shows its guarantee); then all demand's.
pub fn damage(
    s: &Scenario,
    e: &Eligibility,
    plan: &Allocation,
    cut: &[usize],
    solver: SolverKind,
) -> Result<Damage, Error> {
    let scope = in_resilience_scope(s);
    let mut model = Model::fixed(s, e, solver, plan);
    let served = model.add_cutoff(cut);
    let mut served_fraction = vec![1.0; s.workloads.len()];
    if !served.is_empty() {
        let critical = model.unserved(&served);
        let values = model
            .solve(&critical, Sense::Minimise)
            .map_err(solve_error)?;
        let best = critical.eval_with(&values);
        model.hold(critical, Sense::Minimise, best);
        // A served fraction is at most 1 (which keeps the stage bounded when
        // no critical workload is affected) and may dip a rounding error
        // below 0 when a workload loses all of its demand.
        let floor = model.add_bounded(-1.0, 1.0);
        for (wi, sv) in &served {
            if scope[*wi] {
                model.add_constraint(sv.clone().geq(floor));
            }
        }
        let values =
            solve_holding(&mut model, &floor.into(), Sense::Maximise).map_err(solve_error)?;
        let fairest = values.get(&floor).copied().unwrap_or(0.0);
        model.hold(floor.into(), Sense::Maximise, fairest);
        let mut all = Expression::default();
        for (wi, sv) in &served {
            let w = &s.workloads[*wi];
            all += (Expression::from(1.0) - sv.clone()) * (w.priority * w.demand);
        }
        let values = solve_holding(&mut model, &all, Sense::Minimise).map_err(solve_error)?;
        for (wi, sv) in &served {
            served_fraction[*wi] = sv.eval_with(&values).clamp(0.0, 1.0);
        }
    }
    let is_cut = |p: usize| cut.contains(&p);
    let mut d = Damage {
        lost: 0.0,
        lost_fraction: 0.0,
        lost_critical: 0.0,
        lost_critical_fraction: 0.0,
        unserved: 0.0,
        unserved_fraction: 0.0,
        unserved_critical: 0.0,
        unserved_critical_fraction: 0.0,
        impacts: Vec::new(),
    };
    let (mut w_all, mut w_crit) = (0.0, 0.0);
    let (mut lost_w, mut lost_wc, mut un_w, mut un_wc) = (0.0, 0.0, 0.0, 0.0);
    for (wi, w) in s.workloads.iter().enumerate() {
        let lost: f64 = plan.rows[wi]
            .iter()
            .filter(|a| is_cut(a.provider))
            .map(|a| a.amount)
            .sum();
        // Below a ten-millionth of demand is solver noise, not a shortfall.
        let raw = (w.demand * (1.0 - served_fraction[wi])).max(0.0).min(lost);
        let unserved = if raw <= 1e-7 * w.demand { 0.0 } else { raw };
        let weight = w.priority * w.demand;
        w_all += weight;
        lost_w += w.priority * lost;
        un_w += w.priority * unserved;
        d.lost += lost;
        d.unserved += unserved;
        if scope[wi] {
            w_crit += weight;
            lost_wc += w.priority * lost;
            un_wc += w.priority * unserved;
            d.lost_critical += lost;
            d.unserved_critical += unserved;
        }
        if lost > 0.0 {
            d.impacts.push(Impact {
                workload: wi,
                lost: tidy(lost),
                unserved: tidy(unserved),
            });
        }
    }
    let ratio = |a: f64, b: f64| if b > 0.0 { tidy(a / b) } else { 0.0 };
    d.lost_fraction = ratio(lost_w, w_all);
    d.lost_critical_fraction = ratio(lost_wc, w_crit);
    d.unserved_fraction = ratio(un_w, w_all);
    d.unserved_critical_fraction = ratio(un_wc, w_crit);
    for x in [
        &mut d.lost,
        &mut d.lost_critical,
        &mut d.unserved,
        &mut d.unserved_critical,
    ] {
        *x = tidy(*x);
    }
    Ok(d)
}

/// Every single cut-off of `dims` and its damage, in event order.
pub fn single_cutoffs(
    s: &Scenario,
    e: &Eligibility,
    plan: &Allocation,
    dims: &[Dimension],
    solver: SolverKind,
) -> Result<Vec<(Event, Damage)>, Error> {
    events(s, dims)
        .into_par_iter()
        .map(|ev| {
            let d = damage(s, e, plan, &ev.providers, solver)?;
            Ok((ev, d))
        })
        .collect()
}

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

/// The single cut-off that leaves the most critical demand unserved (the
/// first such event on ties); `None` for a scenario without events.
pub fn worst_cutoff(
    s: &Scenario,
    e: &Eligibility,
    plan: &Allocation,
    solver: SolverKind,
) -> Result<Option<WorstCutoff>, Error> {
    let all = single_cutoffs(s, e, plan, &s.policy.survive_dimensions(), solver)?;
    Ok(all
        .into_iter()
        .fold(None::<(Event, Damage)>, |best, (ev, d)| match best {
            Some((bev, bd)) if bd.unserved_critical_fraction >= d.unserved_critical_fraction => {
                Some((bev, bd))
            }
            _ => Some((ev, d)),
        })
        .map(|(ev, d)| WorstCutoff {
            event: ev.label,
            unserved_critical_fraction: d.unserved_critical_fraction,
        }))
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
    let s = run.scenario();
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
    Ok(MonteCarlo {
        samples,
        seed,
        expected_unserved_fraction: expected(|o| o.unserved_fraction),
        expected_unserved_critical_fraction: expected(|o| o.unserved_critical_fraction),
        probability_critical_unserved: tidy(hit as f64 / n),
        cvar95_unserved_fraction: cvar(|o| o.unserved_fraction),
        cvar95_unserved_critical_fraction: cvar(|o| o.unserved_critical_fraction),
        outcomes,
    })
}

fn csv_error(e: csv::Error) -> Error {
    Error::Solver(format!("CSV output: {e}"))
}

fn finish(w: csv::Writer<Vec<u8>>) -> Result<Vec<u8>, Error> {
    w.into_inner()
        .map_err(|e| Error::Solver(format!("CSV output: {e}")))
}

/// `stress.csv`: one row per event.
pub fn events_csv(s: &Scenario, results: &[(Event, Damage)]) -> Result<Vec<u8>, Error> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record([
        "event",
        "also",
        "providers",
        "lost",
        "lost_fraction",
        "lost_critical",
        "lost_critical_fraction",
        "unserved",
        "unserved_fraction",
        "unserved_critical",
        "unserved_critical_fraction",
        "workloads_short",
    ])
    .map_err(csv_error)?;
    for (ev, d) in results {
        let providers: Vec<&str> = ev
            .providers
            .iter()
            .map(|&p| s.providers[p].id.as_str())
            .collect();
        let short: Vec<&str> = d
            .impacts
            .iter()
            .filter(|i| i.unserved > 0.0)
            .map(|i| s.workloads[i.workload].id.as_str())
            .collect();
        w.write_record([
            ev.label.clone(),
            ev.aliases.join(";"),
            providers.join(";"),
            d.lost.to_string(),
            d.lost_fraction.to_string(),
            d.lost_critical.to_string(),
            d.lost_critical_fraction.to_string(),
            d.unserved.to_string(),
            d.unserved_fraction.to_string(),
            d.unserved_critical.to_string(),
            d.unserved_critical_fraction.to_string(),
            short.join(";"),
        ])
        .map_err(csv_error)?;
    }
    finish(w)
}

/// `stress-workloads.csv`: every workload that loses demand in an event.
pub fn impacts_csv(s: &Scenario, results: &[(Event, Damage)]) -> Result<Vec<u8>, Error> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record([
        "event",
        "workload",
        "critical",
        "lost",
        "unserved",
        "unserved_fraction",
    ])
    .map_err(csv_error)?;
    for (ev, d) in results {
        for i in &d.impacts {
            let wl = &s.workloads[i.workload];
            w.write_record([
                ev.label.clone(),
                wl.id.clone(),
                wl.critical.to_string(),
                i.lost.to_string(),
                i.unserved.to_string(),
                tidy(i.unserved / wl.demand).to_string(),
            ])
            .map_err(csv_error)?;
        }
    }
    finish(w)
}

/// `montecarlo.csv`: one row per distinct failure set, most frequent first.
pub fn montecarlo_csv(s: &Scenario, mc: &MonteCarlo) -> Result<Vec<u8>, Error> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record([
        "failed",
        "samples",
        "probability",
        "unserved_fraction",
        "unserved_critical_fraction",
    ])
    .map_err(csv_error)?;
    for o in &mc.outcomes {
        let failed: Vec<&str> = o
            .failed
            .iter()
            .map(|&p| s.providers[p].id.as_str())
            .collect();
        w.write_record([
            failed.join(";"),
            o.samples.to_string(),
            tidy(o.samples as f64 / mc.samples.max(1) as f64).to_string(),
            o.unserved_fraction.to_string(),
            o.unserved_critical_fraction.to_string(),
        ])
        .map_err(csv_error)?;
    }
    finish(w)
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
