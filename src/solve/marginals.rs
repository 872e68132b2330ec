//! What holds the plan (DESIGN 4.8): the rules at their bound, and for each
//! objective stage the marginal value of each: how much that stage's optimum
//! changes per unit of the rule's value, from that stage's linear programme.
//!
//! The backend gives no duals, so the marginal is measured parametrically:
//! the rule is loosened by a small step and the stages are solved again,
//! each with the earlier stages held at their original optima (that is the
//! stage's own programme); the optimum of a linear programme is piecewise
//! linear in a bound, so the quotient is the exact one-sided derivative in
//! the loosening direction unless a breakpoint lies within the step, which a
//! second, ten times smaller step rules out. At a degenerate point it is one
//! of the two one-sided derivatives, so it lies between the left and right
//! difference quotients.
//!
//! When the interior-point engine solved the stages, each stage's own plan
//! lies inside that stage's optimal face, and it spares the re-solves of
//! rules no optimum needs. A rule with room in such a plan (relative slack
//! of at least [`LOOSE`]) can be tightened by that much without losing the
//! stage's optimum, beyond the engine's gap (1e-8): the optimum being convex
//! in the rule's value, its derivative is then at most 1e-5 of the stage's
//! scale per unit of value, a change over the step below [`NOISE`] that the
//! re-solves would drop. A rule with room in every stage's plan holds none:
//! at a vertex that puts it at its bound (as with many workloads tied for
//! the last moves under `max_change`), it is left out unsolved. The others
//! are re-solved only in the stages they may hold, each stage alone (its
//! programme needs the earlier optima, not their solves), and at the narrow
//! step only in the stages the wide step moved.

use rayon::prelude::*;

use crate::base::error::Error;
use crate::base::units::tidy;
use crate::model::backend::SolverKind;
use crate::model::{
    Model, Quantity, Sense, SolveFailure, optimise_held, stage_optimum, stages_for,
};
use crate::plan::allocation::Allocation;
pub use crate::plan::metrics::Binding;
use crate::scenario::eligibility::Eligibility;
use crate::scenario::{Scenario, Side};
use crate::solve::Solved;

/// A rule whose value may hold the plan.
struct Candidate {
    rule: String,
    path: String,
    value: f64,
    /// +1 where more of the value loosens the rule (caps, budget,
    /// capacity), -1 where less does (floors).
    loosen: f64,
    /// A count (`max_contracts`): its marginal is the change one more
    /// makes, not a derivative.
    whole: bool,
}

/// Relative slack under which a rule is at its bound.
const AT_BOUND: f64 = 1e-6;
/// Relative slack at and above which a stage's interior-point plan shows
/// that no optimum of the stage needs the rule (see the module docs).
const LOOSE: f64 = 1e-3;
/// Changes of a stage optimum below this (relative) are solver noise.
const NOISE: f64 = 1e-8;

/// The rules that hold a solved plan, stage by stage, largest effect first
/// within a stage. Rules with slack are not listed.
pub fn binding(run: &Solved) -> Result<Vec<Binding>, Error> {
    let v = run.view();
    let (s, e, plan) = (v.scenario, v.eligibility, v.allocation);
    let quantities = stages_for(&s.policy);
    // A merged group's own rules cannot be set for one workload: left out.
    let alone = |w: usize| v.members.is_none_or(|m| m[w].len() == 1);
    // Total cost is the same for the merged plan and the original one.
    let candidates = at_bound(s, plan, || run.metrics.total_cost, alone, AT_BOUND);
    // Per stage, the rules its interior-point plan has no room in: the only
    // ones that may hold it (module docs). `None`: every rule may.
    let tight: Option<Vec<Vec<String>>> = (run.interior
        && run.interior_plans.len() == quantities.len())
    .then(|| {
        run.interior_plans
            .iter()
            .map(|p| {
                let cost = || crate::plan::metrics::Metrics::compute(s, p, Vec::new()).total_cost;
                at_bound(s, p, cost, alone, LOOSE)
                    .into_iter()
                    .map(|c| c.path)
                    .collect()
            })
            .collect()
    });
    // Each rule with the stages it may hold; a rule that may hold none is
    // left out.
    let candidates: Vec<(Candidate, Option<Vec<bool>>)> = candidates
        .into_iter()
        .map(|c| {
            let stages: Option<Vec<bool>> = tight
                .as_ref()
                .map(|t| t.iter().map(|paths| paths.contains(&c.path)).collect());
            (c, stages)
        })
        .filter(|(_, stages)| stages.as_ref().is_none_or(|m| m.contains(&true)))
        .collect();
    if candidates.is_empty() {
        return Ok(Vec::new());
    }
    // The stages' optima as the engine of the re-solves finds them, so that
    // its rounding is not taken for an effect.
    let base =
        if run.interior && run.interior_by_default && run.interior_optima.len() == quantities.len()
        {
            run.interior_optima.clone()
        } else {
            optima(s, e, run.solver, &quantities, None).map_err(|f| {
                f.into_error(
                    || Error::Solver("the plan's own stages have no solution".into()),
                    None,
                )
            })?
        };
    let per_rule: Vec<Vec<Binding>> = candidates
        .par_iter()
        .map(|(c, stages)| marginals(s, run.solver, &quantities, &base, c, stages.as_deref()))
        .collect::<Result<_, Error>>()?;
    let mut out: Vec<Binding> = per_rule.into_iter().flatten().collect();
    let stage_of = |b: &Binding| quantities.iter().position(|q| q.name() == b.stage);
    out.sort_by(|a, b| {
        stage_of(a)
            .cmp(&stage_of(b))
            .then(effect(b).total_cmp(&effect(a)))
    });
    Ok(out)
}

/// The size of a binding's effect for ordering: the change a 1% change of
/// the value makes, relative to the stage's scale.
fn effect(b: &Binding) -> f64 {
    (b.marginal * b.value.abs().max(1e-12)).abs()
}

/// A model whose branch and bound proves its optimum: a re-solve within a
/// MIP gap could move by the gap's width, which is no marginal.
fn exact<'a>(s: &'a Scenario, e: &'a Eligibility, solver: SolverKind) -> Model<'a> {
    let mut model = Model::build(s, e, solver);
    model.set_mip_gap(0.0);
    model
}

/// Each stage's optimum in its own units, the earlier stages held at `held`
/// (the original optima) when given, else at their own optima.
fn optima(
    s: &Scenario,
    e: &Eligibility,
    solver: SolverKind,
    quantities: &[Quantity],
    held: Option<&[f64]>,
) -> Result<Vec<f64>, SolveFailure> {
    let mut model = exact(s, e, solver);
    let solution = optimise_held(&mut model, quantities, held)?;
    Ok(solution.stages.into_iter().map(|st| st.value).collect())
}

/// The marginal of one rule in every stage where it is not zero, and at
/// the narrow step only in the stages the wide one moved. With `stages`
/// (the interior path), only the stages the rule may hold are re-solved,
/// each alone; else the stages are re-solved in order (an integer model's
/// rules, added as its solves break them, then carry from stage to stage),
/// up to the last stage the step needs.
fn marginals(
    s: &Scenario,
    solver: SolverKind,
    quantities: &[Quantity],
    base: &[f64],
    c: &Candidate,
    stages: Option<&[bool]>,
) -> Result<Vec<Binding>, Error> {
    let every = vec![true; quantities.len()];
    let step = |h: f64, which: &[bool]| -> Option<Vec<f64>> {
        let mut changed = s.clone();
        if !changed.set_number(&c.path, c.value + c.loosen * h) {
            return None;
        }
        let e = Eligibility::compute(&changed);
        if stages.is_none() {
            // Stages after the last one needed keep their optima unsolved.
            let last = which.iter().rposition(|&w| w)?;
            let mut out = optima(&changed, &e, solver, &quantities[..=last], Some(base)).ok()?;
            out.extend_from_slice(&base[last + 1..]);
            return Some(out);
        }
        (0..quantities.len())
            .into_par_iter()
            .map(|k| {
                if !which[k] {
                    return Some(base[k]);
                }
                let mut model = exact(&changed, &e, solver);
                stage_optimum(&mut model, quantities, k, base).ok()
            })
            .collect()
    };
    let h = if c.whole { 1.0 } else { step_for(c.value) };
    let Some(wide) = step(h, stages.unwrap_or(&every)) else {
        return Ok(Vec::new());
    };
    // Loosening only enlarges each stage's feasible set, so each optimum is
    // monotone in the value: no change over the wide step, none over less.
    let moved: Vec<bool> = (0..wide.len())
        .map(|k| gained(&quantities[k], wide[k] - base[k], base[k]))
        .collect();
    if !moved.contains(&true) {
        return Ok(Vec::new());
    }
    // A count has no smaller step: its one step is both.
    let small = if c.whole { h } else { h / 10.0 };
    let narrow = match c.whole {
        true => wide.clone(),
        false => match step(small, &moved) {
            Some(narrow) => narrow,
            None => return Ok(Vec::new()),
        },
    };
    let mut out = Vec::new();
    for (k, q) in quantities.iter().enumerate() {
        let d_wide = (wide[k] - base[k]) / (c.loosen * h);
        let d_narrow = (narrow[k] - base[k]) / (c.loosen * small);
        if !gained(q, narrow[k] - base[k], base[k]) {
            continue;
        }
        // A breakpoint within the wide step: the narrow one is nearer the point.
        let marginal = if (d_wide - d_narrow).abs() <= 1e-3 * d_narrow.abs() {
            d_wide
        } else {
            d_narrow
        };
        out.push(Binding {
            rule: c.rule.clone(),
            set: c.path.clone(),
            value: c.value,
            stage: q.name(),
            marginal: tidy(marginal),
        });
    }
    Ok(out)
}

/// Whether a stage's optimum, `optimum` before a rule was loosened, moved
/// by `change` in its better direction beyond the engines' noise. Loosening
/// only enlarges the stage's feasible set (the earlier stages held at their
/// optima), so a change the other way is the engine's rounding, never an
/// effect: the interior point, holding earlier stages within 1e-6, gave
/// `capacity of 'p05' raises the largest country share` on a 4,000-workload
/// estate of benches/lognormal (seed 1).
fn gained(q: &Quantity, change: f64, optimum: f64) -> bool {
    let noise = NOISE * optimum.abs().max(1.0);
    match q.sense() {
        Sense::Minimise => change < -noise,
        Sense::Maximise => change > noise,
    }
}

/// A step small against the value (a ten-thousandth), never zero.
fn step_for(value: f64) -> f64 {
    (value.abs() * 1e-4).max(1e-6)
}

/// The limits with a share `near` their bound in the plan.
fn limits_at_bound(
    s: &Scenario,
    plan: &Allocation,
    near: &impl Fn(f64, f64) -> bool,
) -> Vec<Candidate> {
    let mut out = Vec::new();
    for l in &s.policy.limits {
        let values = match &l.value {
            Some(v) => vec![v.clone()],
            None => s.values(&l.dimension),
        };
        let measured: Vec<f64> = values
            .iter()
            .map(|v| crate::plan::metrics::limit_measure(s, plan, l, v))
            .collect();
        let unit = s.limit_unit(l);
        for (side, key, bound) in l.bounds() {
            let loosen = if side == Side::Max { 1.0 } else { -1.0 };
            // Nearness is judged as a share would be: amounts over the
            // scope's demand.
            if measured.iter().any(|&x| near(x / unit, bound / unit)) {
                out.push(Candidate {
                    rule: s.limit_rule(l, &format!("{key} {}", l.show(bound, &s.meta.unit)), None),
                    path: format!("policy.limits.{}.{key}", l.id),
                    value: bound,
                    loosen,
                    whole: false,
                });
            }
        }
    }
    out
}

/// The providers whose capacity the plan uses within `within` of full.
fn capacities_at_bound(s: &Scenario, plan: &Allocation, within: f64) -> Vec<Candidate> {
    let mut out = Vec::new();
    let used = plan.provider_totals(s);
    for (p, pr) in s.providers.iter().enumerate() {
        if pr.capacity > 0.0 && used[p] >= pr.capacity * (1.0 - within) {
            out.push(Candidate {
                rule: crate::tr!(
                    s.meta.lang,
                    "rule-capacity",
                    id = pr.id.as_str(),
                    capacity = crate::base::units::amount(pr.capacity),
                    unit = crate::base::units::after_number(&s.meta.unit)
                ),
                path: format!("providers.{}.capacity", pr.id),
                value: pr.capacity,
                loosen: 1.0,
                whole: false,
            });
        }
    }
    out
}

/// A rule the plan meets at its bound: its override path
/// (`providers.abci.capacity`) and its name for people.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct AtBound {
    pub path: String,
    pub rule: String,
}

/// The rules `run` meets at their bound, without re-solving: what a sweep
/// or frontier says bends its curve. `survive`, which no plan's shares can
/// show at its bound, is left out.
pub fn rules_at_bound(run: &Solved) -> Vec<AtBound> {
    let v = run.view();
    let alone = |w: usize| v.members.is_none_or(|m| m[w].len() == 1);
    at_bound(
        v.scenario,
        v.allocation,
        || run.metrics.total_cost,
        alone,
        AT_BOUND,
    )
    .into_iter()
    .filter(|c| c.path != "policy.survive.min_served")
    .map(|c| AtBound {
        path: c.path,
        rule: c.rule,
    })
    .collect()
}

/// The values of `s`'s rules whose marginal value can be measured (what
/// `--marginal` takes): those [`binding`] may list, for every plan.
pub fn rule_paths(s: &Scenario) -> Vec<String> {
    let mut out = Vec::new();
    let p = &s.policy;
    if p.budget.is_some() {
        out.push("policy.budget".to_string());
    }
    for l in &p.limits {
        for (_, key, _) in l.bounds() {
            out.push(format!("policy.limits.{}.{key}", l.id));
        }
    }
    out.extend(
        s.providers
            .iter()
            .map(|pr| format!("providers.{}.capacity", pr.id)),
    );
    if p.max_change.is_some() {
        out.push("policy.max_change".into());
    }
    if p.max_contracts.is_some() {
        out.push("policy.max_contracts".into());
    }
    if p.survive.as_ref().and_then(|v| v.min_served).is_some() {
        out.push("policy.survive.min_served".into());
    }
    out.extend(
        s.workloads
            .iter()
            .filter(|w| w.max_provider_fraction.is_some())
            .map(|w| format!("workloads.{}.max_provider_fraction", w.id)),
    );
    out
}

/// The rules within `within` (relative) of their bound in the plan: the
/// budget, limits, capacities, max_change, survive, and per-workload
/// `max_provider_fraction`. `cost`, the plan's total cost, is asked for
/// only when there is a budget.
fn at_bound(
    s: &Scenario,
    plan: &Allocation,
    cost: impl Fn() -> f64,
    alone: impl Fn(usize) -> bool,
    within: f64,
) -> Vec<Candidate> {
    let mut out = Vec::new();
    let near = |a: f64, b: f64| (a - b).abs() <= within * b.abs().max(1.0);
    if let Some(b) = s.policy.budget
        && cost() >= b * (1.0 - within)
    {
        out.push(Candidate {
            rule: crate::tr!(s.meta.lang, "rule-budget", amount = s.meta.money_exact(b)),
            path: "policy.budget".into(),
            value: b,
            loosen: 1.0,
            whole: false,
        });
    }
    out.extend(limits_at_bound(s, plan, &near));
    out.extend(capacities_at_bound(s, plan, within));
    if let Some(mc) = s.policy.max_change {
        let moved_most = (0..s.workloads.len())
            .map(|wi| {
                crate::plan::metrics::moved_away(s, plan, wi)
                    .map(|(_, f)| f)
                    .sum::<f64>()
            })
            .fold(0.0, f64::max);
        if near(moved_most, mc) {
            out.push(Candidate {
                rule: s.policy_rule("max_change", mc),
                path: "policy.max_change".into(),
                value: mc,
                loosen: 1.0,
                whole: false,
            });
        }
    }
    if let Some(m) = s.policy.survive.as_ref().and_then(|v| v.min_served) {
        out.push(Candidate {
            rule: crate::tr!(s.meta.lang, "rule-survive", value = m.to_string()),
            path: "policy.survive.min_served".into(),
            value: m,
            loosen: -1.0,
            whole: false,
        });
    }
    if let Some(k) = s.policy.max_contracts
        && plan.provider_totals(s).iter().filter(|&&t| t > 0.0).count() >= k as usize
    {
        out.push(Candidate {
            rule: s.policy_rule("max_contracts", f64::from(k)),
            path: "policy.max_contracts".into(),
            value: f64::from(k),
            loosen: 1.0,
            whole: true,
        });
    }
    for (wi, (w, row)) in s.workloads.iter().zip(&plan.rows).enumerate() {
        if let Some(f) = w.max_provider_fraction
            && alone(wi)
            && row.iter().any(|a| near(a.fraction, f))
        {
            out.push(Candidate {
                rule: s.workload_rule(&w.id, "max_provider_fraction", f),
                path: format!("workloads.{}.max_provider_fraction", w.id),
                value: f,
                loosen: 1.0,
                whole: false,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Loosening a rule can only lower a minimised stage (cost, a largest
    /// share) and raise the home share; a move the other way, or one within
    /// the noise, is no effect.
    #[test]
    fn only_a_move_in_the_better_direction_is_an_effect() {
        let cost = Quantity::Cost;
        let home = Quantity::HomeShare;
        // 9.39 M in total cost: 44 less is an effect, 18 more is rounding.
        assert!(gained(&cost, -44.0, 9.39e6));
        assert!(!gained(&cost, 18.4, 9.39e6));
        assert!(!gained(&cost, -0.05, 9.39e6));
        // A share of 0.31: 3e-6 more is no effect on a minimised share.
        let country = Quantity::parse("max_share:country").unwrap();
        assert!(!gained(&country, 2.99e-6, 0.31));
        assert!(gained(&country, -1.4e-5, 0.31));
        assert!(gained(&home, 2e-4, 0.52));
        assert!(!gained(&home, -2e-4, 0.52));
    }
}
