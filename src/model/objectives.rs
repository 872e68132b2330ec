//! Lexicographic objective stages (DESIGN 4.3): each stage optimises one
//! quantity, which is then held within a tolerance of its optimum.

use super::{Model, Name, Sense, SolveFailure, Values};
use crate::plan::metrics::{Metrics, Stage, StoppedStage};
use crate::scenario::{Dimension, Objective, Policy, Scenario, Scope, TieBreak};
use good_lp::{Expression, Variable};

/// Tolerances (relative, absolute) within which a stage's optimum is held in
/// later stages, tightest first. Tight, so that later stages cannot trade a
/// visible amount of an earlier optimum for their own (reports carry 9
/// significant digits); when floating-point error leaves a later stage
/// infeasible, the next one is tried, ending with DESIGN 4.3's (1e-6, 1e-9).
/// The interior-point engine may also stall inside holds this tight (too
/// thin a set of plans to step inside), and is given the next one as well.
pub const HOLD_TOLERANCES: [(f64, f64); 3] = [(1e-11, 1e-11), (1e-9, 1e-9), (1e-6, 1e-9)];
/// Tangents of the piecewise-linear approximation of `share²` in `balance`.
pub const HHI_TANGENTS: usize = 33;

/// A quantity an objective stage optimises.
#[derive(Debug, Clone, PartialEq)]
pub enum Quantity {
    /// `T_k = max_v share_k(v)`, the home country left out of `country`
    /// unless `count_home`.
    MaxShare(Dimension),
    /// The share of the home country (maximised).
    HomeShare,
    /// Total cost.
    Cost,
    /// Piecewise-linear approximation of the provider HHI `Σ share²`.
    ProviderHhi,
    /// The worst priority-weighted unserved fraction of critical demand over
    /// the single cut-offs of `policy.survive.dimensions` (DESIGN 4.4).
    WorstCutoff,
}

impl Quantity {
    /// Reads `max_share:<dimension>`, `home_share`, `cost` or `hhi:provider`.
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "home_share" => Some(Quantity::HomeShare),
            "cost" => Some(Quantity::Cost),
            "hhi:provider" => Some(Quantity::ProviderHhi),
            "worst_cutoff" => Some(Quantity::WorstCutoff),
            _ => s
                .strip_prefix("max_share:")
                .filter(|d| !d.is_empty())
                .map(|d| Quantity::MaxShare(Dimension::parse(d))),
        }
    }

    /// The direction in which this quantity is better.
    pub fn sense(&self) -> Sense {
        match self {
            Quantity::HomeShare => Sense::Maximise,
            _ => Sense::Minimise,
        }
    }

    /// Its value in a finished plan, measured from the plan's metrics the same
    /// way the stage defines it (home left out of `country` unless `count_home`).
    pub fn value_in(&self, s: &Scenario, m: &Metrics) -> f64 {
        match self {
            Quantity::Cost => m.total_cost,
            Quantity::HomeShare => m.home_share,
            Quantity::ProviderHhi => m.hhi.get("provider").copied().unwrap_or(0.0),
            Quantity::WorstCutoff => m
                .worst_cutoff
                .as_ref()
                .map_or(0.0, |w| w.unserved_critical_fraction),
            Quantity::MaxShare(dim) => {
                let leave_out = *dim == Dimension::Country && !s.policy.count_home;
                m.shares_of(dim.name())
                    .map(|d| {
                        d.values
                            .iter()
                            .filter(|r| !(leave_out && r.value == s.meta.home))
                            .map(|r| r.volume_share)
                            .fold(0.0, f64::max)
                    })
                    .unwrap_or(0.0)
            }
        }
    }

    /// What a bound on the quantity is called: a `cap` on what is minimised,
    /// a `floor` on what is maximised (the home share).
    pub fn bound_word(&self) -> &'static str {
        match self.sense() {
            Sense::Minimise => "cap",
            Sense::Maximise => "floor",
        }
    }

    /// The stage's name in `metrics.json`, e.g. `max_share:provider`.
    pub fn name(&self) -> String {
        match self {
            Quantity::MaxShare(d) => format!("max_share:{d}"),
            Quantity::HomeShare => "home_share".into(),
            Quantity::Cost => "cost".into(),
            Quantity::ProviderHhi => "hhi:provider".into(),
            Quantity::WorstCutoff => "worst_cutoff".into(),
        }
    }
}

/// The result of every stage: their optima and the last stage's values.
pub struct StageSolution {
    pub stages: Vec<Stage>,
    pub values: Values,
    /// Seconds each stage took (holds widened included).
    pub seconds: Vec<f64>,
    /// The stage the time limit stopped, when it did.
    pub stopped: Option<StoppedStage>,
    /// With the interior-point engine, each solved stage's own plan: inside
    /// that stage's optimal face, it shows which rules no optimum needs
    /// (see [`crate::solve::marginals`]). Empty otherwise.
    pub interior_plans: Vec<crate::plan::allocation::Allocation>,
    /// What the solves found besides the plan (proven, within the MIP gap,
    /// the engine), counting every earlier solve of the same model.
    pub outcome: super::Outcome,
}

/// The stages a policy asks for, in order.
pub fn stages_for(policy: &Policy) -> Vec<Quantity> {
    let tie_break = || match policy.tie_break {
        TieBreak::Cost => vec![Quantity::Cost],
        TieBreak::Balance => vec![Quantity::ProviderHhi, Quantity::Cost],
    };
    match policy.objective {
        Objective::Diversify => policy
            .diversify
            .iter()
            .cloned()
            .map(Quantity::MaxShare)
            .chain(tie_break())
            .collect(),
        Objective::Sovereignty => std::iter::once(Quantity::HomeShare)
            .chain(tie_break())
            .collect(),
        // Cost, then concentration, so that the answer does not depend on
        // which of several equal-cost plans the solver happens to find.
        Objective::Cost => vec![Quantity::Cost, Quantity::MaxShare(Dimension::Provider)],
        Objective::Resilience => std::iter::once(Quantity::WorstCutoff)
            .chain(tie_break())
            .collect(),
    }
}

/// Runs every stage of the policy's objective on the model.
pub fn optimise(model: &mut Model<'_>) -> Result<StageSolution, SolveFailure> {
    let quantities = stages_for(&model.scenario.policy);
    optimise_stages(model, &quantities)
}

/// Runs the given stages in order, each held at its optimum in the next.
pub fn optimise_stages(
    model: &mut Model<'_>,
    quantities: &[Quantity],
) -> Result<StageSolution, SolveFailure> {
    optimise_held(model, quantities, None)
}

/// The one lexicographic loop: runs the stages in order, each held in the
/// next at its own optimum, or at `held[k]` (in the quantity's own units)
/// where given: the original optima, for a stage's own programme when a rule
/// has moved (what holds the plan).
pub fn optimise_held(
    model: &mut Model<'_>,
    quantities: &[Quantity],
    held: Option<&[f64]>,
) -> Result<StageSolution, SolveFailure> {
    let mut stages = Vec::with_capacity(quantities.len());
    let mut seconds = Vec::with_capacity(quantities.len());
    let mut last = None;
    let mut stopped = None;
    let mut interior_plans = Vec::new();
    for (k, q) in quantities.iter().enumerate() {
        let started = std::time::Instant::now();
        let (expr, sense, scale) = expression(model, q);
        let interior = model.interior();
        let hold = held.map(|h| h[k] / scale);
        let kept = last
            .as_ref()
            .and_then(|prev| already_optimal(model, q, &expr, sense, scale, prev));
        let (values, optimum) = match (kept, &last) {
            (Some(optimum), Some(prev)) => {
                let prev = prev.clone();
                model.hold(expr, sense, hold.unwrap_or(optimum));
                (prev, optimum)
            }
            _ => {
                // Kept for the bound of a stage the time limit stops (a
                // stage's expression can hold a term per pair: no copy
                // without a deadline).
                let spare = model.deadline().map(|_| expr.clone());
                match stage_held(model, expr, sense, hold) {
                    // Out of time after a stage: the last stage's plan
                    // stands, unproven, with how far this stage may still
                    // be from it.
                    Err(SolveFailure::TimeLimit) if last.is_some() => {
                        model.mark_unproven();
                        // The plan this stage's branch and bound started
                        // from keeps every earlier stage's hold too, and
                        // is no worse in this one.
                        if let Some(found) = model.take_best_found() {
                            last = Some(found);
                        }
                        stopped = last.as_ref().zip(spare.as_ref()).and_then(|(prev, expr)| {
                            stopped_stage(model, q, expr, sense, scale, prev)
                        });
                        break;
                    }
                    other => other?,
                }
            }
        };
        stages.push(Stage {
            name: q.name(),
            value: optimum * scale,
        });
        seconds.push(started.elapsed().as_secs_f64());
        if interior {
            interior_plans.push(model.allocation(&values));
        }
        last = Some(values);
    }
    let values = match last {
        Some(v) => v,
        None => model.solve(&Expression::default(), Sense::Minimise)?,
    };
    Ok(StageSolution {
        stages,
        values,
        seconds,
        stopped,
        interior_plans,
        outcome: model.outcome(),
    })
}

/// With integer rules, the previous stage's value of `q` in expression
/// units, when that plan already reaches the stage's linear relaxation
/// bound: no plan does better, so no branch and bound need run at all
/// (one started from that plan would still build and solve its root).
/// `None` otherwise.
fn already_optimal(
    model: &mut Model<'_>,
    q: &Quantity,
    expr: &Expression,
    sense: Sense,
    scale: f64,
    prev: &Values,
) -> Option<f64> {
    if !model.has_integers() {
        return None;
    }
    let (value, bound) = plan_and_bound(model, q, expr, sense, scale, prev)?;
    super::integer::reaches(value, bound, sense).then_some(value)
}

/// The stage the time limit stopped, with the plan's value and the linear
/// relaxation's bound (solved past the deadline: one linear solve).
fn stopped_stage(
    model: &mut Model<'_>,
    q: &Quantity,
    expr: &Expression,
    sense: Sense,
    scale: f64,
    plan: &Values,
) -> Option<StoppedStage> {
    let deadline = model.deadline();
    model.set_deadline(None);
    let measured = plan_and_bound(model, q, expr, sense, scale, plan);
    model.set_deadline(deadline);
    let (value, bound) = measured?;
    Some(StoppedStage {
        stage: q.name(),
        value: crate::base::units::tidy(value * scale),
        bound: crate::base::units::tidy(bound * scale),
    })
}

/// A plan's value of `q` and the linear relaxation's bound on it, in
/// expression units; `None` for a quantity not read off a plan's metrics
/// (HHI is a piecewise-linear approximation, a cut-off needs re-routing).
fn plan_and_bound(
    model: &mut Model<'_>,
    q: &Quantity,
    expr: &Expression,
    sense: Sense,
    scale: f64,
    plan: &Values,
) -> Option<(f64, f64)> {
    if !matches!(
        q,
        Quantity::MaxShare(_) | Quantity::HomeShare | Quantity::Cost
    ) {
        return None;
    }
    let s = model.scenario;
    let metrics = Metrics::compute(s, &model.allocation(plan), Vec::new());
    let value = q.value_in(s, &metrics) / scale;
    let bound = expr.eval_with(&model.solve_relaxed(expr, sense).ok()?);
    Some((value, bound))
}

/// One step of every lexicographic solve (a plan's stages, re-routing after a
/// cut-off): optimises `expr`, then holds its optimum in every later solve.
/// Returns the solution and the optimum, in the expression's units.
pub fn stage(
    model: &mut Model<'_>,
    expr: Expression,
    sense: Sense,
) -> Result<(Values, f64), SolveFailure> {
    stage_held(model, expr, sense, None)
}

/// [`stage`], holding the quantity at `hold` instead of its own optimum.
fn stage_held(
    model: &mut Model<'_>,
    expr: Expression,
    sense: Sense,
    hold: Option<f64>,
) -> Result<(Values, f64), SolveFailure> {
    let values = solve_holding(model, &expr, sense)?;
    let optimum = expr.eval_with(&values);
    model.hold(expr, sense, hold.unwrap_or(optimum));
    Ok((values, optimum))
}

/// Stage `k`'s own programme alone: its optimum, in the quantity's own
/// units, with every earlier stage held at `held` (in theirs), none of them
/// solved.
pub fn stage_optimum(
    model: &mut Model<'_>,
    quantities: &[Quantity],
    k: usize,
    held: &[f64],
) -> Result<f64, SolveFailure> {
    for (q, &value) in quantities.iter().zip(held).take(k) {
        let (expr, sense, scale) = expression(model, q);
        model.hold(expr, sense, value / scale);
    }
    let (expr, sense, scale) = expression(model, &quantities[k]);
    let values = solve_holding(model, &expr, sense)?;
    Ok(expr.eval_with(&values) * scale)
}

/// Solves one stage, widening the holds of earlier stages only as far as
/// floating-point error (or the interior-point engine's accuracy) requires.
pub fn solve_holding(
    model: &mut Model<'_>,
    expr: &Expression,
    sense: Sense,
) -> Result<Values, SolveFailure> {
    loop {
        let wider = HOLD_TOLERANCES
            .iter()
            .find(|t| t.0 > model.hold_tolerance().0)
            .copied();
        match model.solve(expr, sense) {
            Err(SolveFailure::Infeasible | SolveFailure::Stalled(_))
                if model.has_holds() && wider.is_some() =>
            {
                model.set_hold_tolerance(wider.unwrap_or_default());
            }
            // The interior-point engine gave up where no wider hold helps
            // (a 4,000-workload estate of benches/lognormal/generate.py,
            // seed 1, in its first stage): the simplex solves the same
            // programme, slower but surely.
            Err(SolveFailure::Stalled(_)) if model.interior() => model.use_simplex(),
            other => return other,
        }
    }
}

/// The objective expression of a quantity (adding any auxiliary variables it
/// needs), its direction, and the factor from the expression's value to the
/// quantity's own units.
pub fn expression(model: &mut Model<'_>, q: &Quantity) -> (Expression, Sense, f64) {
    let s = model.scenario;
    match q {
        Quantity::MaxShare(dim) => {
            let leave_out =
                (*dim == Dimension::Country && !s.policy.count_home).then(|| s.meta.home.clone());
            let t = model.add_aux(Name::Largest(dim.name().to_string()));
            for v in s.values(dim) {
                if Some(&v) == leave_out.as_ref() {
                    continue;
                }
                let share = model.share(dim, &v, Scope::All);
                let name = Name::LargestOf(dim.name().to_string(), v.clone());
                model.add_constraint(name, share.leq(t));
            }
            (t.into(), Sense::Minimise, 1.0)
        }
        Quantity::HomeShare => (
            model.share(&Dimension::Country, &s.meta.home, Scope::All),
            Sense::Maximise,
            1.0,
        ),
        Quantity::Cost => (model.scaled_cost(), Sense::Minimise, model.cost_scale()),
        Quantity::ProviderHhi => (provider_hhi(model), Sense::Minimise, 1.0),
        Quantity::WorstCutoff => {
            let u = model.add_aux(Name::WorstUnserved);
            for event in super::events(s, &s.policy.survive_dimensions()) {
                let served = model.add_cutoff(&event.providers);
                let unserved = model.unserved(&served);
                let name = Name::WorstOf(model.cut_of(&event.providers));
                model.add_constraint(name, unserved.leq(u));
            }
            (u.into(), Sense::Minimise, 1.0)
        }
    }
}

/// `Σ_p h_p` with `h_p >= 2 a share_p - a²` at tangent points `a` in [0, 1]:
/// a convex piecewise-linear under-approximation of `Σ share_p²`.
fn provider_hhi(model: &mut Model<'_>) -> Expression {
    let s = model.scenario;
    let mut total = Expression::default();
    for (p, pr) in s.providers.iter().enumerate() {
        let share = model.share(&Dimension::Provider, &pr.id, Scope::All);
        let h: Variable = model.add_aux(Name::Hhi(p));
        for i in 0..HHI_TANGENTS {
            let a = i as f64 / (HHI_TANGENTS - 1) as f64;
            let row = (share.clone() * (2.0 * a) - a * a).leq(h);
            model.add_constraint(Name::Tangent(p, i), row);
        }
        total.add_mul(1.0, h);
    }
    total
}
