//! What a cut-off does to a plan (DESIGN 4.4): the demand lost on the cut
//! providers, re-routed to surviving eligible providers within capacity x
//! (1 + surge), critical demand first. Every solve reports its worst single
//! cut-off from here; the stress analysis builds on the same pieces.
//!
//! Fractions are priority-weighted over their scope: "critical" means the
//! critical workloads, or every workload when none is critical.

use good_lp::Expression;
use rayon::prelude::*;
use serde::Serialize;

use crate::base::error::Error;
use crate::base::units::tidy;
use crate::model::backend::SolverKind;
use crate::model::{Event, Model, Name, Sense, SolveFailure, events, in_resilience_scope, stage};
use crate::plan::allocation::Allocation;
use crate::plan::metrics::WorstCutoff;
use crate::scenario::eligibility::Eligibility;
use crate::scenario::{Dimension, Scenario};

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
    // Re-routing is always feasible (serve nothing more): no solution is a fault.
    e.into_error(
        || Error::Solver("the re-routing model reported no solution".into()),
        None,
    )
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
    damage_to(s, e, plan, cut, solver, Depth::Full)
}

/// How far re-routing goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Depth {
    /// The critical scope's unserved demand only: what the worst single
    /// cut-off of every plan needs (the later stages hold it, so its
    /// fractions do not change).
    Critical,
    /// All three stages: how a shortfall spreads, and all demand's.
    Full,
}

/// Each workload's fraction still served after `cut`, once the plan
/// re-routes what it can (`scope`: the workloads that count as critical).
fn rerouted(
    s: &Scenario,
    e: &Eligibility,
    plan: &Allocation,
    cut: &[usize],
    solver: SolverKind,
    depth: Depth,
    scope: &[bool],
) -> Result<Vec<f64>, Error> {
    let mut model = Model::fixed(s, e, solver, plan);
    let served = model.add_cutoff(cut);
    let mut served_fraction = vec![1.0; s.workloads.len()];
    if !served.is_empty() {
        let critical = model.unserved(&served);
        let (mut values, _) = stage(&mut model, critical, Sense::Minimise).map_err(solve_error)?;
        if depth == Depth::Full {
            // A served fraction is at most 1 (which keeps the stage bounded
            // when no critical workload is affected) and may dip a rounding
            // error below 0 when a workload loses all of its demand.
            let floor = model.add_bounded(Name::Other("served_floor", 0), -1.0, 1.0);
            for (wi, sv) in &served {
                if scope[*wi] {
                    model.add_constraint(Name::Other("served_floor", *wi), sv.clone().geq(floor));
                }
            }
            stage(&mut model, floor.into(), Sense::Maximise).map_err(solve_error)?;
            let mut all = Expression::default();
            for (wi, sv) in &served {
                let w = &s.workloads[*wi];
                all += (Expression::from(1.0) - sv.clone()) * (w.priority * w.demand);
            }
            values = stage(&mut model, all, Sense::Minimise)
                .map_err(solve_error)?
                .0;
        }
        for (wi, sv) in &served {
            served_fraction[*wi] = sv.eval_with(&values).clamp(0.0, 1.0);
        }
    }
    Ok(served_fraction)
}

/// What `cut` does to `plan`: demand lost before re-routing and unserved
/// after, in amounts and as weighted fractions (of all and of critical
/// demand), and per workload.
fn damage_to(
    s: &Scenario,
    e: &Eligibility,
    plan: &Allocation,
    cut: &[usize],
    solver: SolverKind,
    depth: Depth,
) -> Result<Damage, Error> {
    let scope = in_resilience_scope(s);
    let served_fraction = rerouted(s, e, plan, cut, solver, depth, &scope)?;
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
    cutoffs_to(s, e, plan, dims, solver, Depth::Full)
}

fn cutoffs_to(
    s: &Scenario,
    e: &Eligibility,
    plan: &Allocation,
    dims: &[Dimension],
    solver: SolverKind,
    depth: Depth,
) -> Result<Vec<(Event, Damage)>, Error> {
    events(s, dims)
        .into_par_iter()
        .map(|ev| {
            let d = damage_to(s, e, plan, &ev.providers, solver, depth)?;
            Ok((ev, d))
        })
        .collect()
}

/// The single cut-off that leaves the most critical demand unserved (the
/// first such event on ties); `None` for a scenario without events.
pub fn worst_cutoff(
    s: &Scenario,
    e: &Eligibility,
    plan: &Allocation,
    solver: SolverKind,
) -> Result<Option<WorstCutoff>, Error> {
    let dims = s.policy.survive_dimensions();
    let all = cutoffs_to(s, e, plan, &dims, solver, Depth::Critical)?;
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
