//! Solving under integer rules. A dive finds a first plan by rounding the
//! linear relaxation: a workload whose relaxed split breaks its rules is
//! pinned to the providers the relaxation gave it most of, and the
//! relaxation is solved again, until no workload breaks its rules.
//!
//! microlp's branch and bound has no cutting planes and no heuristics of
//! its own: on a stage whose bound the relaxation already gives (an even
//! spread of provider shares, say) it branched for minutes to find a plan
//! that this dive finds in a few linear solves, and proves optimal by
//! reaching that bound. Where the dive falls short of the bound, its plan
//! seeds the branch and bound as its first incumbent, and is the stage's
//! plan if the time limit stops the search. The branch and bound stops
//! within the MIP gap ([`super::MIP_GAP`] unless set).

use good_lp::{Expression, Variable};

use super::{Model, Name, Sense, SolveFailure, Values};
use crate::model::backend::SolverKind;
use crate::plan::allocation::MIN_FRACTION;

/// A plan that keeps every integer rule, from [`Model::dive`].
pub(super) struct Dive {
    pub values: Values,
    /// Its objective value, and the linear relaxation's optimum: a bound.
    value: f64,
    bound: f64,
}

/// Whether `value` reaches `bound` (a relaxation's optimum) for `sense`,
/// up to the linear solver's rounding.
pub(super) fn reaches(value: f64, bound: f64, sense: Sense) -> bool {
    let tolerance = 1e-9 * bound.abs().max(1.0);
    match sense {
        Sense::Minimise => value <= bound + tolerance,
        Sense::Maximise => value >= bound - tolerance,
    }
}

/// Whether `a` is strictly better than `b` for `sense`.
fn better(a: f64, b: f64, sense: Sense) -> bool {
    match sense {
        Sense::Minimise => a < b,
        Sense::Maximise => a > b,
    }
}

impl Model<'_> {
    /// Solves with the current constraints and the given objective, adding
    /// the integer rules of each workload whose rules the solution breaks
    /// and solving again until it breaks none: the optimum of the model
    /// with every rule.
    ///
    /// With integer rules, a dive (see [`Model::dive`]) rounds the linear
    /// relaxation first: its plan is the optimum when it reaches the
    /// relaxation's bound, else the branch and bound's first incumbent.
    pub fn solve(&mut self, objective: &Expression, sense: Sense) -> Result<Values, SolveFailure> {
        if self.hints.is_empty() {
            return self.solve_ruled(objective, sense);
        }
        // Discount levels out of reach are held off for this solve only: a
        // later solve may have wider holds (see `set_hold_tolerance`).
        let at = self.constraints.len();
        let n = self.rule_out_unreachable_levels()?;
        let found = self.solve_ruled(objective, sense);
        self.constraints.remove(at, n);
        found
    }

    /// [`Model::solve`] with the rows in the model now.
    fn solve_ruled(
        &mut self,
        objective: &Expression,
        sense: Sense,
    ) -> Result<Values, SolveFailure> {
        let dived = match self.dive(objective, sense)? {
            Some(d) if self.settles(&d, sense) => return Ok(self.remember(d.values)),
            Some(d) => {
                // Every workload's rules in the model: the branch and bound
                // runs once, not again for each workload its plan breaks
                // (ten times at 60 workloads), and its relaxation is
                // tighter (see `Model::tighten_lock_in`).
                for wi in std::mem::take(&mut self.integer_pending) {
                    self.add_integer_rules_for(wi);
                }
                Some(d.values)
            }
            None => self.last_plan.take(),
        };
        loop {
            let start = dived
                .as_ref()
                .map(|plan| self.start_from(plan))
                .unwrap_or_default();
            let values = match self.solve_once(objective, sense, false, &start) {
                Err(SolveFailure::TimeLimit) => {
                    self.best_found = self.better_of(dived, objective, sense);
                    return Err(SolveFailure::TimeLimit);
                }
                other => other?,
            };
            let broken = self.integer_violations(&values);
            if broken.is_empty() {
                return Ok(self.remember(values));
            }
            self.add_pending_integer_rules(&broken);
        }
    }

    /// The linear relaxation's optimum: binaries may take any value in
    /// [0, 1]. A bound on what [`Model::solve`] can reach.
    pub fn solve_relaxed(
        &mut self,
        objective: &Expression,
        sense: Sense,
    ) -> Result<Values, SolveFailure> {
        self.solve_once(objective, sense, true, &[])
    }

    /// The plan that keeps every rule that a solve the time limit stopped
    /// started from (a dive's, or the stage before's), if any: the best
    /// plan found for that stage.
    pub fn take_best_found(&mut self) -> Option<Values> {
        self.best_found.take()
    }

    /// The better of `started` (the plan a stopped branch and bound started
    /// from) and the incumbent it had found, if that one keeps every rule
    /// (a workload's rules may not be in the model yet).
    fn better_of(
        &mut self,
        started: Option<Values>,
        objective: &Expression,
        sense: Sense,
    ) -> Option<Values> {
        let found = self
            .incumbent
            .take()
            .filter(|v| self.integer_violations(v).is_empty());
        let Some(found) = found else {
            return started;
        };
        let Some(started) = started else {
            return Some(found);
        };
        let (a, b) = (objective.eval_with(&found), objective.eval_with(&started));
        Some(if better(a, b, sense) { found } else { started })
    }

    /// Whether the model has integer rules (binaries, or workloads whose
    /// binaries are added once a solve breaks their rules).
    pub fn has_integers(&self) -> bool {
        self.integers || !self.integer_pending.is_empty()
    }

    /// Rounds the linear relaxation of `objective` into a plan that keeps
    /// every workload's integer rules. `None` when the model has no such
    /// rules, when the rounding leaves no plan, or for a model the rounding
    /// does not cover (mosaic, contract and discount binaries, the elastic
    /// copy, HiGHS, which has
    /// heuristics of its own).
    pub(super) fn dive(
        &mut self,
        objective: &Expression,
        sense: Sense,
    ) -> Result<Option<Dive>, SolveFailure> {
        let s = self.scenario;
        if self.solver != SolverKind::Microlp
            || !self.settings.strengthened
            || self.elastic
            || self.fixed.is_some()
            || s.policy.mosaic_max_categories.is_some()
            || !self.hints.is_empty()
        {
            return Ok(None);
        }
        // Every workload's rules, in every year of a pathway (not only the
        // year swapped in): each is an entry of `ruled`.
        if self.ruled.is_empty() {
            return Ok(None);
        }
        let relaxed = self.solve_once(objective, sense, true, &[])?;
        let bound = objective.eval_with(&relaxed);
        let rows = self.constraints.len();
        let mut values = relaxed;
        let outcome = loop {
            let broken: Vec<usize> = (0..self.ruled.len())
                .filter(|&r| self.ruled[r].breaks(&values))
                .collect();
            if broken.is_empty() {
                break Ok(true);
            }
            let before = self.constraints.len();
            for &r in &broken {
                self.pin(r, &values);
            }
            match self.solve_once(objective, sense, true, &[]) {
                Err(SolveFailure::TimeLimit) => break Err(SolveFailure::TimeLimit),
                Ok(v) => {
                    values = v;
                    continue;
                }
                Err(_) => {}
            }
            // Pinned where the relaxation had them, they leave no plan:
            // pinned as the last plan had them instead (a plan that keeps
            // the holds of every stage before this one).
            let Some(last) = self.last_plan.take() else {
                break Ok(false);
            };
            self.constraints.truncate(before);
            for &r in &broken {
                self.pin(r, &last);
            }
            self.last_plan = Some(last);
            match self.solve_once(objective, sense, true, &[]) {
                Ok(v) => values = v,
                Err(SolveFailure::TimeLimit) => break Err(SolveFailure::TimeLimit),
                Err(_) => break Ok(false),
            }
        };
        self.constraints.truncate(rows);
        let rounded = if outcome? {
            Some(self.valued(values, objective))
        } else {
            None
        };
        let seeded = self.on_seed(objective, sense)?;
        let best = match (rounded, seeded) {
            (Some(r), Some(s)) => Some(if better(s.1, r.1, sense) { s } else { r }),
            (r, s) => r.or(s),
        };
        Ok(best.map(|(values, value)| Dive {
            values,
            value,
            bound,
        }))
    }

    /// The best plan with every workload on the providers the seed (see
    /// `Years::seed_with`: a pathway's year-by-year plan) gives it, and
    /// its value; `None` without a seed, or where that leaves no plan.
    fn on_seed(
        &mut self,
        objective: &Expression,
        sense: Sense,
    ) -> Result<Option<(Values, f64)>, SolveFailure> {
        let Some(seed) = self.seed.take() else {
            return Ok(None);
        };
        let rows = self.constraints.len();
        for r in 0..self.ruled.len() {
            self.pin(r, &seed);
        }
        let solved = self.solve_once(objective, sense, true, &[]);
        self.constraints.truncate(rows);
        self.seed = Some(seed);
        match solved {
            Ok(values) => Ok(Some(self.valued(values, objective))),
            Err(SolveFailure::TimeLimit) => Err(SolveFailure::TimeLimit),
            Err(_) => Ok(None),
        }
    }

    /// Whether a dive's plan needs no branch and bound: it reaches the
    /// relaxation's bound, or comes within the MIP gap of it (noted, as a
    /// branch and bound that stops there is).
    pub(super) fn settles(&mut self, dive: &Dive, sense: Sense) -> bool {
        if reaches(dive.value, dive.bound, sense) {
            return true;
        }
        // microlp's measure: relative to the plan's value.
        let gap = (dive.value - dive.bound).abs() / dive.value.abs().max(1e-10);
        let within = gap <= self.settings.mip_gap;
        if within {
            self.mark_within_gap();
        }
        within
    }

    /// Keeps the workload of `ruled[r]` on the providers with the largest
    /// fractions in `values`: as many as it uses there, but no more than
    /// `max_providers` and no fewer than `min_providers`; each of them at
    /// least its serving floor, the others at zero.
    fn pin(&mut self, r: usize, values: &Values) {
        let ruled = &self.ruled[r];
        let mut order: Vec<(usize, f64)> = ruled
            .x
            .iter()
            .enumerate()
            .map(|(i, v)| (i, values.get(v).copied().unwrap_or(0.0)))
            .collect();
        order.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        let used = order.iter().filter(|o| o.1 > MIN_FRACTION).count();
        let keep = used
            .min(ruled.max.unwrap_or(usize::MAX))
            .max(ruled.min.unwrap_or(0))
            .min(order.len());
        let pins: Vec<_> = order
            .iter()
            .enumerate()
            .filter_map(|(rank, &(i, _))| {
                let x = Expression::from(ruled.x[i]);
                if rank >= keep {
                    Some(x.leq(0.0))
                } else if ruled.floor > 0.0 {
                    Some(x.geq(ruled.floor))
                } else {
                    None
                }
            })
            .collect();
        for pin in pins {
            self.constraints.push(Name::Other("pinned", r), pin);
        }
    }

    /// Keeps `values` as the last plan under integer rules, and returns them.
    pub(super) fn remember(&mut self, values: Values) -> Values {
        if self.has_integers() {
            self.last_plan = Some(values.clone());
        }
        values
    }

    /// A rounded plan with each integer rule's "serves it" binary set to
    /// whether its pair serves any of the workload, and its value.
    fn valued(&self, mut values: Values, objective: &Expression) -> (Values, f64) {
        let start = self.start_from(&values);
        values.extend(start);
        let value = objective.eval_with(&values);
        (values, value)
    }

    /// The "serves it" binaries of a plan (whether each pair serves any of
    /// its workload), and its contracts and discount levels, as a starting
    /// point for the branch and bound.
    pub(super) fn start_from(&self, values: &Values) -> Vec<(Variable, f64)> {
        let mut start: Vec<(Variable, f64)> = self
            .serving
            .iter()
            .map(|&(_, x, z)| {
                let serves = values.get(&x).is_some_and(|&f| f > MIN_FRACTION);
                (z, f64::from(u8::from(serves)))
            })
            .collect();
        for hint in &self.hints {
            start.extend(hint.values(values));
        }
        start
    }
}

#[cfg(test)]
mod tests {
    use good_lp::SolutionStatus;

    use super::super::engines::Found;
    use super::super::{Model, Sense, Values};
    use crate::model::backend::SolverKind;
    use crate::scenario::eligibility::Eligibility;
    use crate::scenario::from_text;

    /// What a branch and bound returns when its own time limit stops it:
    /// its incumbent, marked as such.
    fn stopped(values: Values) -> Found {
        Found {
            values,
            status: SolutionStatus::TimeLimit,
        }
    }

    /// A search the time limit stopped is never taken as the stage's
    /// optimum: its incumbent becomes the best plan found when it keeps
    /// every rule and beats the plan the search started from. One workload
    /// of 2 held to one provider; a costs 1, b costs 2.
    #[test]
    fn a_stopped_search_gives_its_incumbent_as_the_best_plan_found_not_an_optimum() {
        let loaded = from_text(
            "[scenario]\nname = \"t\"\nhome = \"JP\"\n\
             [providers.a]\ncountry = \"JP\"\ncapacity = 10\nprice = 1\ncapabilities = { llm = 0.9 }\n\
             [providers.b]\ncountry = \"JP\"\ncapacity = 10\nprice = 2\ncapabilities = { llm = 0.9 }\n\
             [workloads.w]\ncapability = \"llm\"\ndemand = 2\nmax_providers = 1\n\
             [policy]\nobjective = \"cost\"\n",
        );
        let s = &loaded.scenario;
        let e = Eligibility::compute(s);
        let mut m = Model::build(s, &e, SolverKind::Microlp);
        let (xa, xb) = (m.x[0][0].1, m.x[0][1].1);
        let plan = |fa: f64, fb: f64| Values::from([(xa, fa), (xb, fb)]);
        let cost = m.raw_cost();
        let started = plan(0.0, 1.0);

        assert!(m.found(stopped(plan(1.0, 0.0))).is_none());
        let best = m.better_of(Some(started.clone()), &cost, Sense::Minimise);
        assert!((cost.eval_with(&best.unwrap()) - 2.0).abs() < 1e-9);

        // Half on each breaks max_providers: the start stands.
        m.found(stopped(plan(0.5, 0.5)));
        let best = m.better_of(Some(started.clone()), &cost, Sense::Minimise);
        assert_eq!(best, Some(started.clone()));

        // A worse incumbent than the start: the start stands.
        m.found(stopped(plan(0.0, 1.0)));
        let worse = m.better_of(Some(plan(1.0, 0.0)), &cost, Sense::Minimise);
        assert_eq!(worse, Some(plan(1.0, 0.0)));

        // Nothing found and nothing to start from: no plan.
        assert_eq!(m.better_of(None, &cost, Sense::Minimise), None);
    }
}
