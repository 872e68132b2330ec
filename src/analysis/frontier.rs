//! `tayoka frontier`: the Pareto frontier between cost and a concentration
//! measure by the epsilon-constraint method.

use std::path::Path;

use rayon::prelude::*;
use serde::Serialize;

use crate::base::error::Error;
use crate::base::lang::Lang;
use crate::base::units::tidy;
use crate::model::Quantity;
use crate::model::backend::SolverKind;
use crate::scenario::{LoadOptions, Loaded, load};
use crate::solve::marginals::{AtBound, rules_at_bound};
use crate::solve::{Solved, Spec, solve, solve_spec};

/// Points the frontier gets when `--points` is not given.
pub const DEFAULT_POINTS: usize = 11;

/// A point of the frontier: the cap on x, the plan's x and y, and the
/// scenario's rules its plan meets at their bound (why the curve bends).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FrontierPoint {
    pub cap: f64,
    pub x: f64,
    pub y: f64,
    pub at_bound: Vec<AtBound>,
}

/// A plan placed on the frontier's axes: the base plan or a variant's.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Placed {
    pub label: String,
    pub x: Option<f64>,
    pub y: Option<f64>,
}

#[derive(Debug, Clone)]
pub struct Frontier {
    pub scenario: String,
    pub x: Quantity,
    pub y: Quantity,
    pub points: Vec<FrontierPoint>,
    pub placed: Vec<Placed>,
    /// The scenario's currency and unit, for labels.
    pub currency: String,
    /// The language of its texts for people.
    pub lang: Lang,
    /// The widest MIP gap its plans were proven within (integer rules).
    pub mip_gap: Option<f64>,
}

/// A plan with these stages and bounds (the frontier's and trade-off's points).
pub(super) fn solve_for(
    loaded: &Loaded,
    solver: SolverKind,
    stages: Vec<Quantity>,
    caps: Vec<(Quantity, f64)>,
) -> Result<Solved, Error> {
    solve_spec(
        loaded.clone(),
        solver,
        &Spec {
            stages: Some(stages),
            caps,
            ..Default::default()
        },
    )
}

/// The base plan and every variant's, each placed at its own (x, y);
/// an infeasible one has no place.
fn placed(
    path: &Path,
    opts: &LoadOptions,
    variants: impl Iterator<Item = String>,
    x: &Quantity,
    y: &Quantity,
    solver: SolverKind,
    gaps: &super::GapSeen,
) -> Result<Vec<Placed>, Error> {
    let mut labels: Vec<Option<String>> = vec![None];
    labels.extend(variants.map(Some));
    labels
        .par_iter()
        .map(|label| {
            let loaded = load(path, &opts.with_variant(label.as_deref()))?;
            let (px, py) = match solve(loaded, solver) {
                Ok(run) => {
                    gaps.saw(run.mip_gap);
                    (
                        Some(x.value_in(run.scenario(), &run.metrics)),
                        Some(y.value_in(run.scenario(), &run.metrics)),
                    )
                }
                Err(Error::Infeasible(_)) => (None, None),
                Err(e) => return Err(e),
            };
            Ok(Placed {
                label: label.clone().unwrap_or_else(|| "base".into()),
                x: px,
                y: py,
            })
        })
        .collect()
}

/// Traces the frontier with `points` caps on x, from its value in the
/// y-optimal plan to its best feasible value, minimising y at each (then x,
/// so that each point is itself efficient).
pub fn frontier(
    path: &Path,
    opts: &LoadOptions,
    x: Quantity,
    y: Quantity,
    points: usize,
    solver: SolverKind,
) -> Result<Frontier, Error> {
    let loaded = load(path, opts)?;
    let s = &loaded.scenario;
    let gaps = super::GapSeen::default();
    let y_best = solve_for(&loaded, solver, vec![y.clone(), x.clone()], Vec::new())?;
    let x_best = solve_for(&loaded, solver, vec![x.clone(), y.clone()], Vec::new())?;
    gaps.saw(y_best.mip_gap);
    gaps.saw(x_best.mip_gap);
    let (x_from, x_to) = (
        x.value_in(s, &y_best.metrics),
        x.value_in(s, &x_best.metrics),
    );
    let n = points.max(2);
    let caps: Vec<f64> = (0..n)
        .map(|i| x_from + (x_to - x_from) * i as f64 / (n - 1) as f64)
        .collect();
    let bar = super::progress(caps.len(), "frontier");
    let point = |cap: f64, run: &Solved| FrontierPoint {
        cap: tidy(cap),
        x: x.value_in(s, &run.metrics),
        y: y.value_in(s, &run.metrics),
        at_bound: rules_at_bound(run),
    };
    let mut traced: Vec<FrontierPoint> = caps
        .par_iter()
        .enumerate()
        .map(|(i, &cap)| {
            // The ends are the two plans already solved: a cap at exactly
            // the best x, where every other rule may bind too, is only
            // rounding away from no plan at all.
            let end = match i {
                0 => Some(&y_best),
                _ if i == n - 1 => Some(&x_best),
                _ => None,
            };
            let at = match end {
                Some(run) => point(cap, run),
                None => {
                    let run = solve_for(
                        &loaded,
                        solver,
                        vec![y.clone(), x.clone()],
                        vec![(x.clone(), cap)],
                    )?;
                    gaps.saw(run.mip_gap);
                    point(cap, &run)
                }
            };
            bar.inc(1);
            Ok(at)
        })
        .collect::<Result<_, Error>>()?;
    bar.finish_and_clear();
    traced.dedup_by(|a, b| {
        (a.x - b.x).abs() < 1e-9 && (a.y - b.y).abs() <= 1e-9 * a.y.abs().max(1.0)
    });

    let variants = s.variants.keys().cloned();
    let placed = placed(path, opts, variants, &x, &y, solver, &gaps)?;
    Ok(Frontier {
        scenario: s.meta.name.clone(),
        x,
        y,
        points: traced,
        placed,
        currency: s.meta.currency.clone(),
        lang: s.meta.lang,
        mip_gap: gaps.widest(),
    })
}
