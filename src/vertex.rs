//! A vertex plan from the interior-point engine's solution.
//!
//! An interior-point method ends in the middle of the set of optimal plans:
//! every workload split among all the providers that are equally good for
//! it, which is no plan to hand a planner. Workloads are coupled only through
//! a few dozen rows (capacities, shares, limits, budget, the held stages), so
//! an optimal *vertex* splits at most that many workloads; this module finds
//! one in three steps:
//!
//! 1. one more interior-point stage minimises a generic linear function of
//!    the fractions over the optimal plans (every stage held): its optimum is
//!    a single vertex, which the interior point approaches closely;
//! 2. the pairs that vertex uses are kept, the rest dropped; a workload left
//!    with one provider is settled (its exit cost becomes a constant), and
//!    settled workloads alike merge as in `aggregate`;
//! 3. microlp's simplex solves the last stage exactly on what is left, every
//!    earlier stage capped at its optimum.
//!
//! Step 3 is exact on the pairs it keeps; if they do not reach the optimum
//! (a pair wrongly dropped), the caller solves the whole model with the
//! simplex instead.

use good_lp::Expression;

use crate::aggregate;
use crate::allocation::{Allocation, Assignment};
use crate::eligibility::Eligibility;
use crate::metrics::{Metrics, Stage};
use crate::model::{Model, Quantity, Sense, SolveFailure, Values, expression};
use crate::scenario::{Scenario, Workload};
use crate::solver::SolverKind;
use crate::units::tidy;

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

/// A vertex plan with the stage optima `stages` of `model`, whose last solve
/// was interior-point; `caps` are the extra bounds the model was built with.
pub fn vertex(
    model: &Model<'_>,
    last_values: &Values,
    quantities: &[Quantity],
    stages: &[Stage],
    caps: &[(Quantity, f64)],
) -> Result<(Allocation, Crossover), SolveFailure> {
    let s = model.scenario;
    let e = model.eligibility;
    let n = stages.len().min(quantities.len());
    // Pairs outside the optimal plans are near zero in the interior point:
    // the perturbed stage is solved without them, every stage capped.
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
    let fractions: Vec<Vec<(usize, f64)>> = narrow
        .x
        .iter()
        .map(|row| {
            row.iter()
                .map(|&(p, v)| (p, values.get(&v).copied().unwrap_or(0.0)))
                .collect()
        })
        .collect();
    drop(narrow);
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
    let Some(last) = quantities[..n].last() else {
        return Err(SolveFailure::Other("no stage to finish".into()));
    };
    let mut found = None;
    for tolerance in CAPS {
        let mut exact = Model::build(rs, re, SolverKind::Microlp);
        exact.set_interior_above(usize::MAX);
        exact.set_deadline(model.deadline());
        cap_stages(
            &mut exact,
            &quantities[..n - 1],
            stages,
            caps,
            exit,
            tolerance,
        );
        let (objective, sense, _) = expression(&mut exact, last);
        match exact.solve(&objective, sense) {
            Ok(v) => {
                found = Some(exact.allocation(&v));
                break;
            }
            Err(SolveFailure::Infeasible) => continue,
            Err(other) => return Err(other),
        }
    }
    let Some(plan) = found else {
        return Err(SolveFailure::Infeasible);
    };
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
    // Settling snaps fractions by up to SNAP: the plan must still reach
    // every stage's optimum (DESIGN 4.3 holds stages within 1e-6), or the
    // caller solves the whole model instead.
    let metrics = Metrics::compute(s, &allocation, Vec::new());
    for (q, st) in quantities[..n].iter().zip(stages) {
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
    Ok((allocation, report))
}

/// The scenario the last simplex solves: unsettled workloads as they are,
/// each settled one as one single-provider piece per provider it uses.
#[derive(Default)]
struct Split {
    workloads: Vec<Workload>,
    eligible: Vec<Vec<usize>>,
    reasons: Vec<Vec<Option<crate::eligibility::Reason>>>,
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
    let w = &s.workloads[wi];
    let cap = w.max_provider_fraction.unwrap_or(1.0);
    let today = |p: usize| w.current.get(&s.providers[p].id).copied().unwrap_or(0.0);
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
