//! A vertex plan from the interior-point engine's solution.
//!
//! An interior-point method ends in the middle of the set of optimal plans:
//! every workload split among all the providers that are equally good for
//! it, which is no plan to hand a planner. Workloads are coupled only through
//! a few dozen rows (capacities, shares, limits, budget, the held stages), so
//! an optimal *vertex* splits at most that many workloads; this module finds
//! one in three steps:
//!
//! 1. demand is exchanged at no cost between workloads that every shared
//!    rule treats alike, every provider's load unchanged, until most of them
//!    are at a corner of their own rules (`exchange`); if more than
//!    `EXCHANGED_MOST` are not, one more interior-point stage minimises a
//!    generic linear function of the fractions over the optimal plans (every
//!    stage held) instead: its optimum is a single vertex, which the interior
//!    point approaches closely;
//! 2. a workload at a corner of its own rules is settled there exactly (its
//!    exit cost becomes a constant; settled workloads alike merge as in
//!    `aggregate`), the others keep the pairs they use;
//! 3. microlp's simplex solves the last stage exactly on what is left, every
//!    earlier stage capped at its optimum.
//!
//! Step 3 is exact on the pairs it keeps; if they do not reach the optimum
//! (a pair wrongly dropped), [`cross`] solves the whole model with the
//! simplex instead.

use good_lp::{Expression, Variable};

use crate::base::units::tidy;
use crate::model::backend::SolverKind;
use crate::model::{
    Model, Outcome, Quantity, Sense, Settings, SolveFailure, StageSolution, Values, expression,
    optimise_stages,
};
use crate::plan::allocation::{Allocation, Assignment};
use crate::plan::metrics::{Metrics, Stage};
use crate::scenario::eligibility::Eligibility;
use crate::scenario::{Scenario, Workload};
use crate::solve::aggregate;

/// A fraction above which a pair is part of the vertex the perturbed stage
/// approaches (the interior point's own accuracy is about 1e-8).
const SUPPORT: f64 = 1e-6;
/// (relative, absolute) tolerances within which the exact solve holds the
/// interior-point stage optima, tightest first: the interior point is
/// accurate to about 1e-8, and DESIGN 4.3 holds stages within 1e-6.
/// How near a fraction must be to the value a rule pins (zero, the cap,
/// today's split) to be taken as pinned there.
const SNAP: f64 = 1e-6;
const CAPS: [(f64, f64); 3] = [(1e-9, 1e-9), (1e-7, 1e-9), (1e-6, 1e-9)];
/// A fraction above which a pair may be part of an optimal plan: the
/// interior point leaves the others near zero.
const FACE: f64 = 1e-6;
/// The most workloads (or merged groups) the simplex places after the
/// exchange; more, and the perturbed stage finds a vertex instead.
const EXCHANGED_MOST: usize = 1_000;

/// What the vertex search did, for `--verbose`.
#[derive(Debug, Clone, Default)]
pub struct Crossover {
    /// Eligible pairs the vertex search kept.
    pub pairs: usize,
    /// Workloads it settled on one provider.
    pub settled: usize,
    /// Workloads (or merged groups) the last simplex solved.
    pub solved: usize,
}

/// How the interior point's plan became the plan.
#[derive(Debug, Clone)]
pub enum Crossed {
    /// A vertex of the optimal plans, found on the pairs the search kept.
    Vertex(Allocation, Crossover),
    /// The kept pairs missed the optimum: the whole model solved again by
    /// the simplex, with what that solve found.
    Simplex(Allocation, Outcome),
    /// Out of time: the interior plan itself, unproven. It reaches every
    /// stage's optimum but splits workloads among the providers that tie.
    Interior(Allocation),
}

/// The plan of `model`'s interior-point `solution`: a vertex of the same
/// optima; where the pairs kept miss them, the whole model by simplex.
/// `caps` are the extra bounds the model was built with.
pub fn cross(
    model: &Model<'_>,
    solution: &StageSolution,
    quantities: &[Quantity],
    caps: &[(Quantity, f64)],
) -> Result<Crossed, SolveFailure> {
    let interior = || Ok(Crossed::Interior(model.allocation(&solution.values)));
    match vertex(model, &solution.values, quantities, &solution.stages, caps) {
        Ok((plan, c)) => Ok(Crossed::Vertex(plan, c)),
        Err(SolveFailure::TimeLimit) => interior(),
        Err(_) => {
            let mut exact = Model::build(model.scenario, model.eligibility, model.solver());
            exact.configure(Settings {
                interior_above: usize::MAX,
                ..model.settings().clone()
            });
            for (q, bound) in caps {
                exact.cap(q, *bound);
            }
            match optimise_stages(&mut exact, quantities) {
                Ok(again) => Ok(Crossed::Simplex(
                    exact.allocation(&again.values),
                    again.outcome,
                )),
                Err(SolveFailure::TimeLimit) => interior(),
                Err(failure) => Err(failure),
            }
        }
    }
}

/// A vertex plan with the stage optima `stages` of `model`, whose last solve
/// was interior-point; `caps` are the extra bounds the model was built with.
fn vertex(
    model: &Model<'_>,
    last_values: &Values,
    quantities: &[Quantity],
    stages: &[Stage],
    caps: &[(Quantity, f64)],
) -> Result<(Allocation, Crossover), SolveFailure> {
    // First, demand exchanged between alike workloads at no cost moves the
    // interior point's plan to a corner of most workloads' own rules.
    if !quantities.contains(&Quantity::WorstCutoff) && model.scenario.policy.survive.is_none() {
        let mut exchanged = fractions(&model.x, last_values);
        exchange(model.scenario, &mut exchanged);
        match finish(
            model,
            &exchanged,
            quantities,
            stages,
            caps,
            Some(EXCHANGED_MOST),
        ) {
            Err(SolveFailure::Infeasible | SolveFailure::Stalled(_)) => {}
            done => return done,
        }
    }
    let perturbed = perturbed(model, last_values, quantities, stages, caps)?;
    finish(model, &perturbed, quantities, stages, caps, None)
}

/// Each workload's `(provider, fraction)` in a solution of `x`.
fn fractions(x: &[Vec<(usize, Variable)>], values: &Values) -> Vec<Vec<(usize, f64)>> {
    x.iter()
        .map(|row| {
            row.iter()
                .map(|&(p, v)| (p, values.get(&v).copied().unwrap_or(0.0)))
                .collect()
        })
        .collect()
}

/// The interior point's approach to one vertex of the optimal plans: a
/// generic linear function minimised over them, every stage capped.
fn perturbed(
    model: &Model<'_>,
    last_values: &Values,
    quantities: &[Quantity],
    stages: &[Stage],
    caps: &[(Quantity, f64)],
) -> Result<Vec<Vec<(usize, f64)>>, SolveFailure> {
    let s = model.scenario;
    let e = model.eligibility;
    let n = stages.len().min(quantities.len());
    // Pairs outside the optimal plans are near zero in the interior point:
    // the perturbed stage is solved without them.
    let face = Eligibility {
        eligible: model
            .x
            .iter()
            .map(|row| {
                row.iter()
                    .filter(|&&(_, v)| last_values.get(&v).copied().unwrap_or(0.0) > FACE)
                    .map(|&(p, _)| p)
                    .collect()
            })
            .collect(),
        reasons: e.reasons.clone(),
    };
    let mut narrow = Model::build(s, &face, SolverKind::Microlp);
    narrow.set_interior_above(0);
    narrow.set_deadline(model.deadline());
    cap_stages(
        &mut narrow,
        &quantities[..n],
        stages,
        caps,
        0.0,
        (1e-9, 1e-9),
    );
    let generic = perturbation(&narrow);
    let values = narrow.solve(&generic, Sense::Minimise)?;
    Ok(fractions(&narrow.x, &values))
}

/// Settles the workloads whose `fractions` are a vertex of their own rules,
/// solves the rest exactly with the simplex (`Infeasible` if more than
/// `most` are left), and checks that the plan reaches every stage's optimum.
fn finish(
    model: &Model<'_>,
    fractions: &[Vec<(usize, f64)>],
    quantities: &[Quantity],
    stages: &[Stage],
    caps: &[(Quantity, f64)],
    most: Option<usize>,
) -> Result<(Allocation, Crossover), SolveFailure> {
    let s = model.scenario;
    let e = model.eligibility;
    let n = stages.len().min(quantities.len());
    // Survivability re-routes each critical workload as a whole: those stay whole.
    let whole_critical = s.policy.survive.is_some() || quantities.contains(&Quantity::WorstCutoff);
    let mut split = Split::default();
    for (wi, f) in fractions.iter().enumerate() {
        let w = &s.workloads[wi];
        let settled = if whole_critical && w.critical {
            None
        } else {
            settle(s, wi, f)
        };
        match settled {
            Some(kept) => split.settle(s, e, wi, &kept),
            None => split.keep(s, e, wi, f),
        }
    }
    let Split {
        workloads,
        eligible,
        reasons,
        origin,
        exit,
        settled,
    } = split;
    let mut derived = s.clone();
    derived.workloads = workloads;
    if let Some(b) = derived.policy.budget.as_mut() {
        *b -= exit;
    }
    let kept = Eligibility { eligible, reasons };
    let reduced = aggregate::reduce(&derived, &kept);
    let (rs, re) = match &reduced {
        Some(r) => (&r.scenario, &r.eligibility),
        None => (&derived, &kept),
    };
    let report = Crossover {
        pairs: kept.pair_count(),
        settled: settled.iter().filter(|r| !r.is_empty()).count(),
        solved: rs.workloads.len(),
    };
    if most.is_some_and(|most| origin.iter().flatten().count() > most) {
        return Err(SolveFailure::Infeasible);
    }
    let plan = solve_last(model, rs, re, &quantities[..n], stages, caps, exit)?;
    let plan = match &reduced {
        Some(r) => r.expand(&derived, &plan),
        None => plan,
    };
    // Settled workloads keep their fractions; the others take the simplex's.
    let mut rows = settled;
    for (di, &wi) in origin.iter().enumerate() {
        if let Some(wi) = wi {
            let demand = s.workloads[wi].demand;
            rows[wi] = plan.rows[di]
                .iter()
                .map(|a| assignment(a.provider, a.fraction, demand))
                .collect();
        }
    }
    let allocation = Allocation { rows };
    reaches_stages(s, &allocation, &quantities[..n], stages)?;
    Ok((allocation, report))
}

/// The last of `quantities` solved exactly on `(rs, re)` by the simplex,
/// the earlier ones capped at their optima (`exit`: the settled workloads'
/// exit cost), at the tightest tolerance that leaves a plan.
fn solve_last(
    model: &Model<'_>,
    rs: &Scenario,
    re: &Eligibility,
    quantities: &[Quantity],
    stages: &[Stage],
    caps: &[(Quantity, f64)],
    exit: f64,
) -> Result<Allocation, SolveFailure> {
    let Some((last, earlier)) = quantities.split_last() else {
        return Err(SolveFailure::Other("no stage to finish".into()));
    };
    for tolerance in CAPS {
        let mut exact = Model::build(rs, re, SolverKind::Microlp);
        exact.set_interior_above(usize::MAX);
        exact.set_deadline(model.deadline());
        cap_stages(&mut exact, earlier, stages, caps, exit, tolerance);
        let (objective, sense, _) = expression(&mut exact, last);
        match exact.solve(&objective, sense) {
            Ok(v) => return Ok(exact.allocation(&v)),
            Err(SolveFailure::Infeasible) => continue,
            Err(other) => return Err(other),
        }
    }
    Err(SolveFailure::Infeasible)
}

/// Settling snaps fractions by up to SNAP: the plan must still reach every
/// stage's optimum (DESIGN 4.3 holds stages within 1e-6), or `Infeasible`
/// (and [`cross`] solves the whole model instead).
fn reaches_stages(
    s: &Scenario,
    allocation: &Allocation,
    quantities: &[Quantity],
    stages: &[Stage],
) -> Result<(), SolveFailure> {
    let metrics = Metrics::compute(s, allocation, Vec::new());
    for (q, st) in quantities.iter().zip(stages) {
        if *q == Quantity::WorstCutoff {
            continue;
        }
        let v = q.value_in(s, &metrics);
        let worse = match q.sense() {
            Sense::Minimise => v - st.value,
            Sense::Maximise => st.value - v,
        };
        if worse > 1e-6 * st.value.abs().max(1.0) {
            return Err(SolveFailure::Infeasible);
        }
    }
    Ok(())
}

/// The scenario the last simplex solves: unsettled workloads as they are,
/// each settled one as one single-provider piece per provider it uses.
#[derive(Default)]
struct Split {
    workloads: Vec<Workload>,
    eligible: Vec<Vec<usize>>,
    reasons: Vec<Vec<Option<crate::scenario::eligibility::Reason>>>,
    /// For each derived workload, the original one it is (None: a piece).
    origin: Vec<Option<usize>>,
    /// Exit cost of the settled workloads' moves.
    exit: f64,
    /// Per original workload, its settled plan (empty: solved by simplex).
    settled: Vec<Vec<Assignment>>,
}

impl Split {
    fn keep(&mut self, s: &Scenario, e: &Eligibility, wi: usize, f: &[(usize, f64)]) {
        let support: Vec<usize> = f.iter().filter(|x| x.1 > SUPPORT).map(|x| x.0).collect();
        self.workloads.push(s.workloads[wi].clone());
        // Nothing clearly above zero: every eligible pair stays.
        self.eligible.push(if support.is_empty() {
            e.eligible[wi].clone()
        } else {
            support
        });
        self.reasons.push(e.reasons[wi].clone());
        self.origin.push(Some(wi));
        self.settled.push(Vec::new());
    }

    fn settle(&mut self, s: &Scenario, e: &Eligibility, wi: usize, kept: &[(usize, f64)]) {
        let w = &s.workloads[wi];
        for &(p, f) in kept {
            let mut piece = w.clone();
            piece.id = format!("{}#{}", w.id, s.providers[p].id);
            piece.demand = f * w.demand;
            piece.current.clear();
            piece.max_provider_fraction = None;
            self.workloads.push(piece);
            self.eligible.push(vec![p]);
            self.reasons.push(e.reasons[wi].clone());
            self.origin.push(None);
        }
        self.exit += exit_cost(s, wi, kept);
        self.settled.push(
            kept.iter()
                .map(|&(p, f)| assignment(p, f, w.demand))
                .collect(),
        );
    }
}

fn assignment(provider: usize, fraction: f64, demand: f64) -> Assignment {
    Assignment {
        provider,
        fraction,
        amount: tidy(fraction * demand),
    }
}

/// A workload's fraction of each provider today, and its cap per provider.
fn own_rules(s: &Scenario, wi: usize) -> (impl Fn(usize) -> f64 + '_, f64) {
    let w = &s.workloads[wi];
    let today = move |p: usize| w.current.get(&s.providers[p].id).copied().unwrap_or(0.0);
    (today, w.max_provider_fraction.unwrap_or(1.0))
}

/// Exit cost of a workload's move from today's split to the fractions `f`.
fn exit_cost(s: &Scenario, wi: usize, f: &[(usize, f64)]) -> f64 {
    let w = &s.workloads[wi];
    moves(s, wi, f)
        .map(|(q, m)| m * s.providers[q].exit_cost * w.demand)
        .sum()
}

/// The fraction of provider `p` in a workload's `(provider, fraction)` list.
fn fraction_of(f: &[(usize, f64)], p: usize) -> f64 {
    f.iter().find(|x| x.0 == p).map_or(0.0, |x| x.1)
}

/// Each provider of today's split and the fraction that moves away from it.
fn moves<'a>(
    s: &'a Scenario,
    wi: usize,
    f: &'a [(usize, f64)],
) -> impl Iterator<Item = (usize, f64)> + 'a {
    s.workloads[wi]
        .current
        .iter()
        .filter_map(move |(id, &today)| {
            let q = s.provider_index(id)?;
            let now = fraction_of(f, q);
            (today > 0.0).then_some((q, (today - now).max(0.0)))
        })
}

/// A workload's fractions when they are a vertex of its own rules (demand,
/// today's split, max_change, max_provider_fraction), computed exactly from
/// the rules that hold there; `None` when they are not (the workload is one
/// of the few the shared rows split, and the simplex must place it).
fn settle(s: &Scenario, wi: usize, f: &[(usize, f64)]) -> Option<Vec<(usize, f64)>> {
    let (today, cap) = own_rules(s, wi);
    // Snap to the values the rules pin: zero, the cap, today's fraction.
    let mut fixed: Vec<(usize, f64)> = Vec::new();
    let mut free: Vec<usize> = Vec::new();
    for &(p, x) in f {
        if x <= SUPPORT {
            continue;
        }
        let t = today(p);
        if (x - cap).abs() <= SNAP {
            fixed.push((p, cap));
        } else if t > 0.0 && (x - t).abs() <= SNAP {
            fixed.push((p, t));
        } else {
            free.push(p);
        }
    }
    let rest = 1.0 - fixed.iter().map(|x| x.1).sum::<f64>();
    let mut out = fixed.clone();
    match free[..] {
        [] if rest.abs() <= SNAP => {}
        [p] => out.push((p, rest)),
        [a, b] => {
            // Both free only where max_change holds: one gives, one takes.
            let max = s.policy.max_change?;
            let moved_fixed: f64 = moves(s, wi, &fixed)
                .filter(|(q, _)| !free.contains(q))
                .map(|x| x.1)
                .sum();
            let (give, take) = match (fraction_of(f, a) < today(a), fraction_of(f, b) < today(b)) {
                (true, false) => (a, b),
                (false, true) => (b, a),
                _ => return None,
            };
            let g = today(give) - (max - moved_fixed);
            out.push((give, g));
            out.push((take, rest - g));
        }
        _ => return None,
    }
    // The exact values must keep every rule of the workload and stay near
    // the interior point's.
    let total: f64 = out.iter().map(|x| x.1).sum();
    let moved: f64 = moves(s, wi, &out).map(|x| x.1).sum();
    let near = out
        .iter()
        .all(|&(p, x)| (x - fraction_of(f, p)).abs() <= 1e-4);
    let ok = (total - 1.0).abs() <= 1e-12
        && out.iter().all(|&(_, x)| (0.0..=cap).contains(&x))
        && s.policy.max_change.is_none_or(|max| moved <= max + 1e-12)
        && near;
    // In provider order, as every plan's rows are (allocation.csv lists
    // each workload's providers in that order).
    out.sort_by_key(|x| x.0);
    ok.then(|| out.into_iter().filter(|x| x.1 > 0.0).collect())
}

/// Caps each stage's quantity at its optimum within `(relative, absolute)`
/// and applies the model's own `caps`; `exit` is a constant taken out of
/// cost (the exit cost of settled workloads).
fn cap_stages(
    model: &mut Model<'_>,
    quantities: &[Quantity],
    stages: &[Stage],
    caps: &[(Quantity, f64)],
    exit: f64,
    (relative, absolute): (f64, f64),
) {
    let less_exit = |q: &Quantity, v: f64| if *q == Quantity::Cost { v - exit } else { v };
    for (q, bound) in caps {
        model.cap(q, less_exit(q, *bound));
    }
    for (q, st) in quantities.iter().zip(stages) {
        let value = less_exit(q, st.value);
        let slack = (relative * value.abs()).max(absolute * scale_of(model, q));
        model.cap(
            q,
            match q.sense() {
                Sense::Minimise => value + slack,
                Sense::Maximise => value - slack,
            },
        );
    }
}

/// The factor from a quantity's expression to its own units (cost is solved
/// in units of the dearest plan), for absolute tolerances.
fn scale_of(model: &Model<'_>, q: &Quantity) -> f64 {
    match q {
        Quantity::Cost => model.cost_scale(),
        _ => 1.0,
    }
}

/// `Σ r_wp f_wp` with weights in [1, 2) that no two pairs are likely to
/// share: over the optimal plans its minimum is one vertex. Deterministic,
/// so that the same scenario gives the same plan.
fn perturbation(model: &Model<'_>) -> Expression {
    let mut e = Expression::with_capacity(model.eligibility.pair_count());
    for (wi, row) in model.x.iter().enumerate() {
        for &(p, v) in row {
            let r = (wi.wrapping_mul(7919) ^ p.wrapping_mul(104_729)) % 997;
            e.add_mul(1.0 + r as f64 / 997.0, v);
        }
    }
    e
}

/// Exchanges demand between workloads that every shared rule treats alike
/// (all of them, or the critical ones among themselves) wherever that costs
/// nothing, until each exchange has brought one of the two to a corner of
/// its own rules: zero, its cap, today's fraction, or its max_change used up.
///
/// One workload moves demand from provider `a` to `b` and another as much
/// from `b` to `a`, so every provider's load, and with it every share,
/// capacity and limit, stays as it was; only exit costs change, and an
/// exchange is made only when they do not rise. The interior point ends
/// with most workloads split among providers that tie (the share holds
/// price each provider so that its price no longer tells them apart); this
/// leaves few workloads for the simplex.
fn exchange(s: &Scenario, fractions: &mut [Vec<(usize, f64)>]) {
    let most_exit = s.providers.iter().map(|p| p.exit_cost).fold(0.0, f64::max);
    let free = most_exit * 1e-9;
    for f in fractions.iter_mut() {
        for x in f.iter_mut() {
            if x.1 <= SUPPORT {
                x.1 = 0.0;
            }
        }
    }
    for critical in [false, true] {
        let group: Vec<usize> = (0..fractions.len())
            .filter(|&wi| s.workloads[wi].critical == critical)
            .collect();
        for _pass in 0..EXCHANGE_PASSES {
            let mut changed = false;
            for a in 0..s.providers.len() {
                for b in a + 1..s.providers.len() {
                    changed |= exchange_pair(s, fractions, &group, a, b, free);
                }
            }
            if !changed {
                break;
            }
        }
    }
}

/// Passes over every pair of providers; each leaves fewer workloads to
/// move, and a few suffice.
const EXCHANGE_PASSES: usize = 4;

/// One pass of [`exchange`] between providers `a` and `b`: the cheapest
/// moves each way are paired while together they cost nothing.
fn exchange_pair(
    s: &Scenario,
    fractions: &mut [Vec<(usize, f64)>],
    group: &[usize],
    a: usize,
    b: usize,
    free: f64,
) -> bool {
    let moves = |fractions: &[Vec<(usize, f64)>], from: usize, to: usize| {
        let mut m: Vec<(f64, usize)> = group
            .iter()
            .filter_map(|&wi| {
                let (rate, room) = step(s, wi, &fractions[wi], from, to)?;
                (room > SUPPORT).then_some((rate, wi))
            })
            .collect();
        m.sort_by(|x, y| x.0.total_cmp(&y.0));
        m
    };
    let ab = moves(fractions, a, b);
    let ba = moves(fractions, b, a);
    let (mut i, mut j) = (0, 0);
    let mut changed = false;
    while i < ab.len() && j < ba.len() {
        let (w1, w2) = (ab[i].1, ba[j].1);
        if w1 == w2 {
            j += 1;
            continue;
        }
        let (Some((r1, t1)), Some((r2, t2))) = (
            step(s, w1, &fractions[w1], a, b),
            step(s, w2, &fractions[w2], b, a),
        ) else {
            break;
        };
        if r1 + r2 > free {
            break;
        }
        let (d1, d2) = (s.workloads[w1].demand, s.workloads[w2].demand);
        let amount = (t1 * d1).min(t2 * d2);
        shift(s, w1, &mut fractions[w1], a, b, amount / d1);
        shift(s, w2, &mut fractions[w2], b, a, amount / d2);
        changed = true;
        if t1 * d1 <= t2 * d2 {
            i += 1;
        } else {
            j += 1;
        }
    }
    changed
}

/// The exit cost per unit of demand of moving workload `wi` from provider
/// `from` to `to`, and the most of its fraction that moves at that rate
/// before one of its own rules pins it; `None` if either is not eligible.
fn step(s: &Scenario, wi: usize, f: &[(usize, f64)], from: usize, to: usize) -> Option<(f64, f64)> {
    let x_from = f.iter().find(|x| x.0 == from)?.1;
    let x_to = f.iter().find(|x| x.0 == to)?.1;
    let (today, cap) = own_rules(s, wi);
    let (c_from, c_to) = (today(from), today(to));
    // Taking from below today's fraction moves demand away; giving back
    // below today's fraction returns it.
    let leaves = x_from <= c_from && c_from > 0.0;
    let returns = x_to < c_to;
    let rate = s.providers[from].exit_cost * f64::from(u8::from(leaves))
        - s.providers[to].exit_cost * f64::from(u8::from(returns));
    let mut room = x_from.min(cap - x_to);
    if !leaves && c_from > 0.0 {
        room = room.min(x_from - c_from);
    }
    if returns {
        room = room.min(c_to - x_to);
    }
    if let Some(max) = s.policy.max_change
        && leaves
        && !returns
    {
        let moved: f64 = moves(s, wi, f).map(|x| x.1).sum();
        room = room.min(max - moved);
    }
    Some((rate, room.max(0.0)))
}

/// Moves fraction `t` of workload `wi` from provider `from` to `to`; a
/// value that reaches zero, the cap or today's fraction is set to it
/// exactly.
fn shift(s: &Scenario, wi: usize, f: &mut [(usize, f64)], from: usize, to: usize, t: f64) {
    let (today, cap) = own_rules(s, wi);
    let pins = |x: f64, p: usize| {
        [0.0, cap, today(p)]
            .into_iter()
            .find(|v| (x - v).abs() <= SNAP)
            .unwrap_or(x)
    };
    for x in f.iter_mut() {
        if x.0 == from {
            x.1 = pins(x.1 - t, from);
        } else if x.0 == to {
            x.1 = pins(x.1 + t, to);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SCENARIO: &str = r#"
[scenario]
name = "t"
home = "JP"
[countries.JP]
[providers]
a = { country = "JP", regions = ["JP"], capacity = 10.0, price = 1.0, exit_cost = 10.0, capabilities = { iaas = 1.0 } }
b = { country = "JP", regions = ["JP"], capacity = 10.0, price = 1.0, exit_cost = 10.0, capabilities = { iaas = 1.0 } }
c = { country = "JP", regions = ["JP"], capacity = 10.0, price = 1.0, exit_cost = 4.0, capabilities = { iaas = 1.0 } }
[workloads.u]
capability = "iaas"
demand = 1.0
current = { a = 1.0 }
[workloads.v]
capability = "iaas"
demand = 2.0
current = { b = 1.0 }
[workloads.w]
capability = "iaas"
demand = 1.0
current = { a = 0.5, c = 0.5 }
critical = true
[policy]
objective = "cost"
max_change = 0.6
"#;

    fn loads(s: &Scenario, f: &[Vec<(usize, f64)>]) -> Vec<f64> {
        let mut l = vec![0.0; s.providers.len()];
        for (wi, row) in f.iter().enumerate() {
            for &(p, x) in row {
                l[p] += x * s.workloads[wi].demand;
            }
        }
        l
    }

    fn exit(s: &Scenario, f: &[Vec<(usize, f64)>]) -> f64 {
        (0..f.len()).map(|wi| exit_cost(s, wi, &f[wi])).sum()
    }

    /// u and v each sit partly away from today's provider; exchanges keep
    /// every provider's load and save moves: u ends home on a, and v keeps
    /// all of c's load that u gave up (c's load must stay), which leaves v
    /// to the simplex. w is critical: it exchanges with no one.
    #[test]
    fn exchange_brings_alike_workloads_home_without_changing_any_load() {
        let loaded = crate::scenario::from_text(SCENARIO);
        let s = &loaded.scenario;
        let mut f = vec![
            vec![(0, 0.5), (1, 0.25), (2, 0.25)],
            vec![(0, 0.25), (1, 0.5), (2, 0.25)],
            vec![(0, 0.4), (1, 0.2), (2, 0.4)],
        ];
        let (before, cost) = (loads(s, &f), exit(s, &f));
        exchange(s, &mut f);
        let after = loads(s, &f);
        for (x, y) in before.iter().zip(&after) {
            assert!((x - y).abs() < 1e-12, "{before:?} -> {after:?}");
        }
        assert_eq!(f[2], vec![(0, 0.4), (1, 0.2), (2, 0.4)], "critical w moved");
        // By hand: u's c goes to a against v's a going to c (u returns
        // home, v leaves nothing of today's), then u's b against v's a.
        assert_eq!(f[0], vec![(0, 1.0), (1, 0.0), (2, 0.0)]);
        assert_eq!(f[1], vec![(0, 0.0), (1, 0.625), (2, 0.375)]);
        assert!(settle(s, 0, &f[0]).is_some());
        assert!(exit(s, &f) < cost, "{} -> {}", cost, exit(s, &f));
    }
}
