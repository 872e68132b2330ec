//! Integer business rules, the mosaic rule and lock-in (DESIGN 4.2). Binary
//! variables are created only for the rules a scenario uses.

use good_lp::{Expression, Variable, variable};

use super::{Model, Name, Rule};

/// Without `policy.min_allocation_fraction`, a provider counts toward a
/// workload's `min_providers` when it serves at least this fraction of it.
pub const MIN_SERVING_FRACTION: f64 = 0.01;

impl Model<'_> {
    /// `min_allocation_fraction` f: `f z <= x <= z`; `min_providers` and
    /// `max_providers`: bounds on `Σ_p z`.
    ///
    /// In a plan's model the rules of a workload are added only once a
    /// solve breaks them (see [`Model::solve`]): leaving a workload's rules
    /// out relaxes the model, so a solution that keeps them anyway is
    /// optimal with them, and a linear vertex splits few workloads, so most
    /// workloads never need their binaries. The elastic copy (diagnosis)
    /// and a pathway's joint model have them all from the start.
    pub(super) fn add_integer_rules(&mut self) {
        for wi in 0..self.scenario.workloads.len() {
            if !self.scenario.workload_has_integer_rules(wi) {
                continue;
            }
            // What the dive rounds: every year's workloads in a pathway.
            let ruled = self.ruled_of(wi);
            self.ruled.push(ruled);
            if self.elastic || self.eager_integers {
                self.add_integer_rules_for(wi);
            } else {
                self.integer_pending.push(wi);
            }
        }
    }

    /// The fraction below which a provider serves none of a workload for
    /// `min_providers` (the policy's floor, else [`MIN_SERVING_FRACTION`]
    /// when the workload counts providers, else none).
    pub(super) fn serving_floor(&self, wi: usize) -> f64 {
        let w = &self.scenario.workloads[wi];
        self.scenario
            .policy
            .min_allocation_fraction
            .unwrap_or(if w.min_providers.is_some() {
                MIN_SERVING_FRACTION
            } else {
                0.0
            })
    }

    /// The largest fraction of workload `wi` provider `p` can serve in any
    /// plan: its `max_provider_fraction`, and its capacity over the demand
    /// where that capacity is fixed (no slack bends it, nothing is built).
    /// `x <= most * z` rather than `x <= z` gives the branch and bound a
    /// relaxation that counts a provider too small for the workload as
    /// nearly a whole one (issue 32).
    fn most_served(&self, wi: usize, p: usize) -> f64 {
        let (w, pr) = (&self.scenario.workloads[wi], &self.scenario.providers[p]);
        let mut most = w.max_provider_fraction.unwrap_or(1.0).min(1.0);
        let fixed = !self.elastic && self.extra_capacity.get(p).is_none();
        if fixed && pr.capacity > 0.0 && w.demand > 0.0 {
            most = most.min(pr.capacity / w.demand);
        }
        most
    }

    /// The pending workloads whose integer rules `values` break: more
    /// providers than `max_providers`, fewer serving ones than
    /// `min_providers`, or a share between zero and the policy's floor.
    pub(super) fn integer_violations(&self, values: &super::Values) -> Vec<usize> {
        self.integer_pending
            .iter()
            .copied()
            .filter(|&wi| self.breaks_integer_rules(wi, values))
            .collect()
    }

    /// Whether workload `wi`'s fractions in `values` break its integer
    /// rules (whether or not they are in the model).
    pub(super) fn breaks_integer_rules(&self, wi: usize, values: &super::Values) -> bool {
        self.ruled_of(wi).breaks(values)
    }

    /// Workload `wi`'s integer rules, over its fractions in the model now
    /// (a pathway's: in the year swapped in).
    pub(super) fn ruled_of(&self, wi: usize) -> Ruled {
        let s = self.scenario;
        let w = &s.workloads[wi];
        Ruled {
            x: self.x[wi].iter().map(|&(_, v)| v).collect(),
            max: w.max_providers.map(|k| k as usize),
            min: w.min_providers.map(|k| k as usize),
            floor: self.serving_floor(wi),
            policy_floor: s.policy.min_allocation_fraction,
        }
    }

    /// Adds the integer rules of the pending workloads `workloads`.
    pub(super) fn add_pending_integer_rules(&mut self, workloads: &[usize]) {
        self.integer_pending.retain(|w| !workloads.contains(w));
        for &wi in workloads {
            self.add_integer_rules_for(wi);
        }
    }

    /// The binaries and rows of one workload's integer rules.
    pub(super) fn add_integer_rules_for(&mut self, wi: usize) {
        let s = self.scenario;
        let policy_floor = s.policy.min_allocation_fraction;
        let w = &s.workloads[wi];
        let floor = self.serving_floor(wi);
        let mut used = Expression::default();
        for (p, x) in self.x[wi].clone() {
            let z = self.add_binary(Name::Serves(wi, p));
            let most = self.most_served(wi, p);
            self.constraints
                .push(Name::Uses(wi, p), (Expression::from(x) - z * most).leq(0.0));
            self.serving.push((wi, x, z));
            self.tighten_lock_in(wi, p, z);
            if floor > 0.0 {
                // Only the policy's floor bends; the 1% that makes a
                // provider count for min_providers is a definition.
                let slack = match policy_floor {
                    Some(_) => self.slack(Rule::MinAllocation, 1.0),
                    None => Expression::default(),
                };
                self.constraints.push(
                    Name::Least(wi, p),
                    (Expression::from(x) - z * floor + slack).geq(0.0),
                );
            }
            used.add_mul(1.0, z);
        }
        if let Some(k) = w.min_providers {
            let slack = self.slack(Rule::MinProviders(wi), f64::from(k));
            self.constraints.push(
                Name::MinProviders(wi),
                (used.clone() + slack).geq(f64::from(k)),
            );
        }
        if let Some(k) = w.max_providers {
            let slack = self.slack(Rule::MaxProviders(wi), f64::from(k));
            self.constraints
                .push(Name::MaxProviders(wi), (used - slack).leq(f64::from(k)));
        }
    }

    /// With a binary `z` for the pair (`x <= z`), the demand moved away from
    /// a provider that serves a fraction `s` of the workload today is at
    /// least `s (1 - z)`: all of it when the provider is dropped. The plans
    /// allowed are the same (`m >= s - x` says as much once `z` is 0 or 1),
    /// but the linear relaxation no longer lets a workload that may keep one
    /// provider sit half on each of its two without moving anything, which
    /// spared the branch and bound most of its nodes. Only today's split
    /// (a constant) gives a linear row; a pathway's previous year is a
    /// variable.
    fn tighten_lock_in(&mut self, wi: usize, p: usize, z: Variable) {
        if self.previous.is_some() || !self.settings.strengthened {
            return;
        }
        let s = self.scenario;
        let today = s.workloads[wi]
            .current
            .get(&s.providers[p].id)
            .copied()
            .unwrap_or(0.0);
        if today <= 0.0 {
            return;
        }
        if let Some(&(_, _, m)) = self.moved.iter().find(|&&(w, q, _)| w == wi && q == p) {
            self.constraints
                .push(Name::Keeps(wi, p), (m + today * z).geq(today));
        }
    }

    /// `mosaic_max_categories` K: a non-domestic provider sees a data
    /// category (`y = 1`) when it serves any workload carrying it, and sees
    /// at most K of them.
    pub(super) fn add_mosaic(&mut self) {
        let s = self.scenario;
        let Some(k) = s.policy.mosaic_max_categories else {
            return;
        };
        for p in 0..s.providers.len() {
            if s.is_domestic(&s.providers[p]) {
                continue;
            }
            let mut categories: Vec<&str> = Vec::new();
            for (wi, w) in s.workloads.iter().enumerate() {
                if self.x[wi].iter().any(|&(q, _)| q == p) {
                    categories.extend(w.data.iter().map(String::as_str));
                }
            }
            categories.sort_unstable();
            categories.dedup();
            if categories.len() <= k as usize {
                continue;
            }
            let mut seen = Expression::default();
            for c in categories {
                let y = self.add_binary(Name::Sees(p, c.to_string()));
                seen.add_mul(1.0, y);
                for (wi, w) in s.workloads.iter().enumerate() {
                    if !w.data.iter().any(|d| d == c) {
                        continue;
                    }
                    if let Some(&(_, x)) = self.x[wi].iter().find(|&&(q, _)| q == p) {
                        self.constraints.push(
                            Name::SeesData(p, c.to_string(), wi),
                            (Expression::from(x) - y).leq(0.0),
                        );
                    }
                }
            }
            let slack = self.slack(Rule::Mosaic, f64::from(k.max(1)));
            self.constraints
                .push(Name::Mosaic(p), (seen - slack).leq(f64::from(k)));
        }
    }

    /// Lock-in: with today's split `s` (in a pathway, the previous year's
    /// fractions), demand moved away from each provider `m >= s - x`; at most
    /// `max_change` of each workload moves; `exit_cost` per unit moved is
    /// part of cost (see [`Model::raw_cost`]).
    pub(super) fn add_lock_in(&mut self) {
        let s = self.scenario;
        for wi in 0..s.workloads.len() {
            let today: Vec<(usize, Expression)> = match &self.previous {
                Some(previous) => previous[wi]
                    .iter()
                    .map(|&(p, v)| (p, Expression::from(v)))
                    .collect(),
                None => s.workloads[wi]
                    .current
                    .iter()
                    .filter(|(_, f)| **f > 0.0)
                    .filter_map(|(id, &f)| Some((s.provider_index(id)?, Expression::from(f))))
                    .collect(),
            };
            if today.is_empty() {
                continue;
            }
            let mut moved = Expression::default();
            for (p, today) in today {
                let m: Variable = self.add_var(Name::Moved(wi, p), variable().min(0.0));
                let plan: Expression = match self.x[wi].iter().find(|&&(q, _)| q == p) {
                    Some(&(_, x)) => x.into(),
                    // An ineligible provider keeps nothing: all of it moves.
                    None => Expression::default(),
                };
                self.constraints
                    .push(Name::Moves(wi, p), (m + plan - today).geq(0.0));
                moved.add_mul(1.0, m);
                self.moved.push((wi, p, m));
            }
            if let Some(max) = s.policy.max_change {
                let slack = self.slack(Rule::MaxChange, 1.0);
                self.constraints
                    .push(Name::MaxChange(wi), (moved - slack).leq(max));
            }
        }
    }
}

/// One workload's integer rules over its fractions (in provider order):
/// what the dive checks and rounds. A pathway's joint model has one per
/// workload and year.
#[derive(Debug, Clone)]
pub(super) struct Ruled {
    pub x: Vec<Variable>,
    pub max: Option<usize>,
    pub min: Option<usize>,
    /// The share below which a provider serves none of it.
    pub floor: f64,
    /// The policy's `min_allocation_fraction`: no share between 0 and it.
    pub policy_floor: Option<f64>,
}

impl Ruled {
    /// Whether its fractions in `values` break its rules: more providers
    /// than `max_providers`, fewer serving ones than `min_providers`, or a
    /// share between zero and the policy's floor.
    pub(super) fn breaks(&self, values: &super::Values) -> bool {
        let fractions: Vec<f64> = self
            .x
            .iter()
            .map(|v| crate::base::units::tidy(values.get(v).copied().unwrap_or(0.0)))
            .collect();
        let used = fractions
            .iter()
            .filter(|&&f| f > super::MIN_FRACTION)
            .count();
        let serving = fractions
            .iter()
            .filter(|&&f| f >= self.floor - 1e-9 && f > super::MIN_FRACTION)
            .count();
        let below_floor = self.policy_floor.is_some_and(|f| {
            fractions
                .iter()
                .any(|&x| x > super::MIN_FRACTION && x < f - 1e-9)
        });
        self.max.is_some_and(|k| used > k) || self.min.is_some_and(|k| serving < k) || below_floor
    }
}

#[cfg(test)]
mod tests {
    use super::super::{Model, expression, optimise_stages, stage, stages_for};
    use crate::model::backend::SolverKind;
    use crate::scenario::eligibility::Eligibility;
    use crate::scenario::from_text;

    /// A scenario of `n` workloads with integer rules drawn from `seed`.
    fn case(n: usize, seed: u64) -> String {
        let mut state = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        let mut next = |m: u64| {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (state >> 33) % m
        };
        let mut text = String::from("[scenario]\nname = \"c\"\nhome = \"JP\"\n");
        for p in 0..5 {
            let country = ["JP", "US"][p % 2];
            text += &format!(
                "[providers.p{p}]\ncountry = \"{country}\"\ncapacity = {}\nprice = {}\nexit_cost = {}\ncapabilities = {{ llm = 0.9 }}\n",
                3 + next(4),
                1 + next(5),
                next(4)
            );
        }
        for w in 0..n {
            text += &format!(
                "[workloads.w{w}]\ncapability = \"llm\"\ndemand = {}\n",
                1 + next(3)
            );
            if next(2) == 0 {
                // Today's split over two providers: what lock-in moves
                // away from (the links of `Model::tighten_lock_in`).
                let (a, b) = (next(5), 1 + next(4));
                let f = 0.2 + 0.2 * next(4) as f64;
                text += &format!(
                    "current = {{ p{a} = {f:.1}, p{} = {:.1} }}\n",
                    (a + b) % 5,
                    1.0 - f
                );
            }
            match next(4) {
                0 => text += &format!("max_providers = {}\n", 1 + next(2)),
                1 => text += &format!("min_providers = {}\n", 2 + next(2)),
                _ => {}
            }
        }
        let floor = if next(2) == 0 {
            "min_allocation_fraction = 0.2\n"
        } else {
            ""
        };
        text + "[policy]\ndiversify = [\"provider\", \"country\"]\ntie_break = \"cost\"\n" + floor
    }

    /// A workload held to one provider, half on each of two today: the
    /// linear relaxation of the plain formulation moves nothing (half on
    /// each, `z = 1/2`), the one with the lock-in links moves half, as
    /// every plan must. Demand 2, price 1, exit cost 10: 2 + 10 x 2 x 0.5.
    #[test]
    fn the_lock_in_links_make_the_relaxation_pay_for_the_move_a_rule_forces() {
        let loaded = from_text(
            "[scenario]\nname = \"l\"\nhome = \"JP\"\n\
             [providers.a]\ncountry = \"JP\"\ncapacity = 10\nprice = 1\nexit_cost = 10\ncapabilities = { llm = 0.9 }\n\
             [providers.b]\ncountry = \"JP\"\ncapacity = 10\nprice = 1\nexit_cost = 10\ncapabilities = { llm = 0.9 }\n\
             [workloads.w]\ncapability = \"llm\"\ndemand = 2\nmax_providers = 1\ncurrent = { a = 0.5, b = 0.5 }\n\
             [policy]\nobjective = \"cost\"\n",
        );
        let s = &loaded.scenario;
        let e = Eligibility::compute(s);
        let relaxed_cost = |strengthened: bool| {
            let mut m = Model::empty(s, &e, SolverKind::Microlp);
            m.settings.strengthened = strengthened;
            m.eager_integers = true;
            m.add_rules();
            let cost = m.raw_cost();
            cost.eval_with(
                &m.solve_relaxed(&cost, super::super::Sense::Minimise)
                    .unwrap(),
            )
        };
        assert!((relaxed_cost(false) - 2.0).abs() < 1e-9);
        assert!((relaxed_cost(true) - 12.0).abs() < 1e-9);
        let mut m = Model::build(s, &e, SolverKind::Microlp);
        let cost = m.raw_cost();
        let plan = m.solve(&cost, super::super::Sense::Minimise).unwrap();
        assert!((cost.eval_with(&plan) - 12.0).abs() < 1e-9);
    }

    /// A stage whose relaxation the dive rounds to its bound needs no
    /// branch and bound: no binary is ever added. Four workloads of 2, two
    /// of them held to one provider, three providers: an even spread (1/3
    /// each) is the relaxation's optimum, and some plan that keeps every
    /// rule reaches it. Without the dive, the relaxation's plan splits a
    /// held workload and the branch and bound runs.
    #[test]
    fn a_dive_that_reaches_the_relaxation_bound_settles_the_stage_alone() {
        let mut text = String::from("[scenario]\nname = \"d\"\nhome = \"JP\"\n");
        for p in 0..3 {
            text += &format!(
                "[providers.p{p}]\ncountry = \"JP\"\ncapacity = 10\nprice = {}\ncapabilities = {{ llm = 0.9 }}\n",
                1 + p
            );
        }
        for w in 0..4 {
            let held = if w % 2 == 1 {
                "max_providers = 1\n"
            } else {
                ""
            };
            text += &format!("[workloads.w{w}]\ncapability = \"llm\"\ndemand = 2\n{held}");
        }
        text += "[policy]\ndiversify = [\"provider\"]\n";
        let loaded = from_text(&text);
        let s = &loaded.scenario;
        let e = Eligibility::compute(s);
        let quantities = stages_for(&s.policy);
        for strengthened in [true, false] {
            let mut m = Model::build(s, &e, SolverKind::Microlp);
            m.settings.strengthened = strengthened;
            let solution = optimise_stages(&mut m, &quantities).unwrap();
            assert!((solution.stages[0].value - 1.0 / 3.0).abs() < 1e-9);
            assert_eq!(m.integers, !strengthened, "binaries added");
            assert!(m.outcome().proven() && m.outcome().within_gap.is_none());
            let plan = m.allocation(&solution.values);
            assert!([1, 3].iter().all(|&w| plan.rows[w].len() == 1));
        }
    }

    /// Adding a workload's integer rules only once a solve breaks them,
    /// the dive and the lock-in links give the optima of the model that
    /// has every rule from the start and none of them.
    #[test]
    fn rules_added_when_broken_give_the_same_optima_as_all_rules_at_once() {
        let (mut added, mut skipped) = (0, 0);
        for seed in 0..12 {
            let loaded = from_text(&case(6, seed));
            let s = &loaded.scenario;
            let e = Eligibility::compute(s);
            let quantities = stages_for(&s.policy);
            let mut lazy = Model::build(s, &e, SolverKind::Microlp);
            lazy.set_mip_gap(0.0);
            // The reference: every rule from the start, as DESIGN 4.2
            // writes it (no dive, no lock-in links), proved exactly.
            let mut eager = Model::empty(s, &e, SolverKind::Microlp);
            eager.settings.strengthened = false;
            eager.set_mip_gap(0.0);
            eager.eager_integers = true;
            eager.add_rules();
            assert!(eager.integer_pending.is_empty() && eager.integers);
            let a = optimise_stages(&mut lazy, &quantities);
            // Every stage by branch and bound, none taken over from the
            // stage before (as optimise_stages may when it is optimal).
            let b = quantities
                .iter()
                .map(|q| {
                    let (expr, sense, scale) = expression(&mut eager, q);
                    let (_, optimum) = stage(&mut eager, expr, sense)?;
                    Ok(crate::plan::metrics::Stage {
                        name: q.name(),
                        value: optimum * scale,
                    })
                })
                .collect::<Result<Vec<_>, super::super::SolveFailure>>()
                .map(|stages| super::super::StageSolution {
                    stages,
                    values: Default::default(),
                    seconds: Vec::new(),
                    stopped: None,
                    interior_plans: Vec::new(),
                    outcome: eager.outcome(),
                });
            match (a, b) {
                (Ok(a), Ok(b)) => {
                    for (x, y) in a.stages.iter().zip(&b.stages) {
                        assert!(
                            (x.value - y.value).abs() <= 1e-6 * y.value.abs().max(1.0),
                            "seed {seed}: {} {} vs {}",
                            x.name,
                            x.value,
                            y.value
                        );
                    }
                    // The lazy plan keeps every workload's rules (the
                    // fractions are the first variables of both models).
                    let mut all = Model::build(s, &e, SolverKind::Microlp);
                    all.integer_pending = (0..s.workloads.len()).collect();
                    assert!(all.integer_violations(&a.values).is_empty(), "seed {seed}");
                    added += usize::from(lazy.integers);
                    skipped += usize::from(!lazy.integer_pending.is_empty());
                }
                (Err(_), Err(_)) => {}
                (a, b) => panic!(
                    "seed {seed}: one has a plan: {:?} {:?}",
                    a.is_ok(),
                    b.is_ok()
                ),
            }
        }
        // The cases exercise both: rules added after a break, and rules
        // never needed.
        assert!(added > 0 && skipped > 0, "added {added}, skipped {skipped}");
    }
}
