//! `tayoka tradeoff`: sovereignty (the home share) against diversification
//! (the largest provider share), with the cost of each point.
//!
//! The curve runs from the diversify optimum to the sovereignty optimum:
//! each point holds the home share at a floor, then runs the diversify
//! stages (every dimension of `policy.diversify`), then cost. It is the
//! researcher's question in one command: how much diversification does a
//! sovereignty-first policy cost, and how much sovereignty does
//! diversification cost?

use std::path::Path;

use rayon::prelude::*;

use super::frontier::{Frontier, FrontierPoint, Placed, solve_for};
use crate::base::error::Error;
use crate::base::units::tidy;
use crate::model::backend::SolverKind;
use crate::model::{Quantity, stages_for};
use crate::plan::metrics::Metrics;
use crate::scenario::{Dimension, LoadOptions, Loaded, Objective, load};

/// Points the curve gets when `--points` is not given.
pub const DEFAULT_POINTS: usize = 9;

#[derive(Debug, Clone)]
pub struct Tradeoff {
    /// The curve as a frontier: x the home share (its floor as the bound),
    /// y the largest provider share; the two optima placed on it.
    pub frontier: Frontier,
    /// Each point's plan metrics (cost and every other measure).
    pub metrics: Vec<Metrics>,
    /// The sovereignty objective's own plan, which does not diversify once
    /// the home share is at its best.
    pub sovereignty: Metrics,
    pub loaded: Loaded,
}

/// The largest provider share.
pub fn largest() -> Quantity {
    Quantity::MaxShare(Dimension::Provider)
}

/// The diversify plan's metrics with the home share held at each floor,
/// solved in parallel.
fn at_floors(
    loaded: &Loaded,
    solver: SolverKind,
    diversify: &[Quantity],
    floors: &[f64],
    gaps: &super::GapSeen,
) -> Result<Vec<Metrics>, Error> {
    let bar = super::progress(floors.len(), "tradeoff");
    let metrics = floors
        .par_iter()
        .map(|&floor| {
            // The home share at the floor, less a rounding error (the best
            // home share is read back from a plan); so the last point is
            // efficient where the sovereignty plan is not: the diversify
            // stages still run at the best home share.
            let caps = vec![(Quantity::HomeShare, floor - 1e-9)];
            let run = solve_for(loaded, solver, diversify.to_vec(), caps)?;
            gaps.saw(run.mip_gap);
            bar.inc(1);
            Ok(run.metrics)
        })
        .collect::<Result<_, Error>>()?;
    bar.finish_and_clear();
    Ok(metrics)
}

/// Traces `points` floors on the home share, from the diversify optimum's
/// home share to the sovereignty optimum's.
pub fn tradeoff(
    path: &Path,
    opts: &LoadOptions,
    points: usize,
    solver: SolverKind,
) -> Result<Tradeoff, Error> {
    let loaded = load(path, opts)?;
    let s = &loaded.scenario;
    let with = |objective: Objective| {
        let mut policy = s.policy.clone();
        policy.objective = objective;
        stages_for(&policy)
    };
    let mut diversify = with(Objective::Diversify);
    // The curve is about the largest provider share: it is diversified
    // first when `policy.diversify` leaves providers out.
    if !diversify.contains(&largest()) {
        diversify.insert(0, largest());
    }
    // The sovereignty optimum, as its own objective plans it (its tie-break).
    let gaps = super::GapSeen::default();
    let own = solve_for(&loaded, solver, with(Objective::Sovereignty), Vec::new())?;
    gaps.saw(own.mip_gap);
    let home_best = own.metrics.home_share;
    let n = points.max(2);
    // The first point is the diversify optimum itself: no floor.
    let first = solve_for(&loaded, solver, diversify.clone(), Vec::new())?;
    gaps.saw(first.mip_gap);
    let first = first.metrics;
    let home_first = first.home_share;
    let floors: Vec<f64> = (0..n)
        .map(|i| home_first + (home_best - home_first) * i as f64 / (n - 1) as f64)
        .collect();
    let rest = at_floors(&loaded, solver, &diversify, &floors[1..], &gaps)?;
    let runs: Vec<Metrics> = std::iter::once(first).chain(rest).collect();
    let y = largest();
    let points = floors
        .iter()
        .zip(&runs)
        .map(|(&floor, m)| FrontierPoint {
            cap: tidy(floor),
            x: m.home_share,
            y: y.value_in(s, m),
            // The trade-off says its own why (tradeoff::sentences).
            at_bound: Vec::new(),
        })
        .collect();
    let placed = vec![
        Placed {
            label: "diversify".into(),
            x: runs.first().map(|m| m.home_share),
            y: runs.first().map(|m| y.value_in(s, m)),
        },
        Placed {
            label: "sovereignty".into(),
            x: Some(own.metrics.home_share),
            y: Some(y.value_in(s, &own.metrics)),
        },
    ];
    Ok(Tradeoff {
        frontier: Frontier {
            scenario: s.meta.name.clone(),
            x: Quantity::HomeShare,
            y,
            points,
            placed,
            currency: s.meta.currency.clone(),
            lang: s.meta.lang,
            mip_gap: gaps.widest(),
        },
        metrics: runs,
        sovereignty: own.metrics,
        loaded,
    })
}
