//! Sourcing economics (DESIGN 4.2): whether a provider holds a contract,
//! and the volume discount level it reaches. Binaries only where a rule
//! needs them; the discount is linearised exactly (a binary per level and a
//! discount bounded both by the level's fraction of spend and by the level
//! being reached), so the cost stage's optimum is the true optimum.

use good_lp::{Expression, Variable};

use super::{Model, Name, Rule};

/// The contract and discount variables of one scenario (a pathway's year).
#[derive(Debug, Clone, Default)]
pub(super) struct Terms {
    /// (provider, contract cost, "serves anything" binary).
    pub contracts: Vec<(usize, f64, Variable)>,
    /// (provider, largest spend, discount as a fraction of that spend).
    pub discounts: Vec<(usize, f64, Variable)>,
}

/// One provider's contract and levels in one year, with its load: what a
/// plan's values say each binary is, so that a branch and bound can start
/// from that plan (microlp completes a hint only when every binary has one).
#[derive(Debug, Clone)]
pub(super) struct Hint {
    load: Expression,
    /// The load from which "serves anything" is more than rounding.
    serving: f64,
    contract: Option<Variable>,
    /// (threshold, binary), thresholds increasing.
    levels: Vec<(f64, Variable)>,
}

impl Hint {
    /// Each binary's value in the plan `values`: the contract held when
    /// it serves, the highest level its load reaches.
    pub fn values(&self, values: &super::Values) -> Vec<(Variable, f64)> {
        let load = self.load.eval_with(values);
        let mut out = Vec::with_capacity(self.levels.len() + 1);
        if let Some(u) = self.contract {
            out.push((u, f64::from(u8::from(load > self.serving))));
        }
        let reached = self
            .levels
            .iter()
            .rposition(|&(from, _)| load >= from * (1.0 - 1e-9));
        for (k, &(_, b)) in self.levels.iter().enumerate() {
            out.push((b, f64::from(u8::from(Some(k) == reached))));
        }
        out
    }
}

impl Hint {
    /// The discount levels whose threshold the load cannot reach under
    /// `most`, the largest load the model's relaxation allows.
    fn unreachable(&self, most: f64) -> impl Iterator<Item = Variable> + '_ {
        self.levels
            .iter()
            .filter(move |&&(from, _)| from > most * (1.0 + 1e-9) + 1e-9)
            .map(|&(_, b)| b)
    }
}

impl Terms {
    /// What contracts cost less what discounts take off, in currency.
    pub fn add_to_cost(&self, cost: &mut Expression) {
        for &(_, price, u) in &self.contracts {
            if price > 0.0 {
                cost.add_mul(price, u);
            }
        }
        for &(_, most, g) in &self.discounts {
            cost.add_mul(-most, g);
        }
    }
}

impl Model<'_> {
    /// Contracts (`contract_cost`, `min_volume`, `max_contracts`) and
    /// volume discounts as rows of the model.
    pub(super) fn add_economics(&mut self) {
        let s = self.scenario;
        let every = s.policy.max_contracts.is_some();
        let mut held = Expression::default();
        for (p, pr) in s.providers.iter().enumerate() {
            let (load, spend, most_load, most_spend) = self.reach(p);
            if most_load <= 0.0 {
                continue;
            }
            let mut hint = Hint {
                load: load.clone(),
                serving: most_load * 1e-9,
                contract: None,
                levels: Vec::new(),
            };
            if every || pr.has_contract_terms() {
                let u = self.add_binary(Name::Contract(p));
                hint.contract = Some(u);
                // Serves anything only under a contract; under one, at
                // least its minimum volume.
                self.constraints.push(
                    Name::UnderContract(p),
                    (load.clone() * (1.0 / most_load) - u).leq(0.0),
                );
                if pr.min_volume > 0.0 {
                    let slack = self.slack(Rule::MinVolume(p), 1.0);
                    self.constraints.push(
                        Name::MinVolume(p),
                        (load.clone() * (1.0 / pr.min_volume) - u + slack).geq(0.0),
                    );
                }
                held.add_mul(1.0, u);
                self.terms.contracts.push((p, pr.contract_cost, u));
            }
            if most_spend <= 0.0 {
                if hint.contract.is_some() {
                    self.hints.push(hint);
                }
                continue;
            }
            let mut levels = Expression::default();
            let mut any = false;
            for (k, d) in pr.discounts.iter().enumerate() {
                if d.from > most_load {
                    continue;
                }
                let b = self.add_binary(Name::Level(p, k));
                let g = self.add_bounded(Name::Discount(p, k), 0.0, d.off);
                if d.from > 0.0 {
                    self.constraints.push(
                        Name::Reaches(p, k),
                        (load.clone() * (1.0 / d.from) - b).geq(0.0),
                    );
                }
                self.constraints.push(
                    Name::DiscountOn(p, k),
                    (Expression::from(g) - d.off * b).leq(0.0),
                );
                self.constraints.push(
                    Name::DiscountOf(p, k),
                    (g - spend.clone() * (d.off / most_spend)).leq(0.0),
                );
                levels.add_mul(1.0, b);
                hint.levels.push((d.from, b));
                any = true;
                self.terms.discounts.push((p, most_spend, g));
            }
            if any {
                self.constraints.push(Name::OneLevel(p), levels.leq(1.0));
            }
            if hint.contract.is_some() || !hint.levels.is_empty() {
                self.hints.push(hint);
            }
        }
        if let Some(k) = s.policy.max_contracts {
            let slack = self.slack(Rule::MaxContracts, f64::from(k.max(1)));
            self.constraints
                .push(Name::MaxContracts, (held - slack).leq(f64::from(k)));
        }
    }

    /// Rows that hold every discount level off whose threshold the
    /// provider's load cannot reach under the rules and holds in the model
    /// now (the largest load of the linear relaxation, one solve per
    /// provider with levels), pushed at the end of the rows; their count.
    ///
    /// Exact, and needed: an all-units discount's convex hull is the
    /// discount on every unit, so the relaxation takes every discount and
    /// the branch and bound must rule each out by branching (2 minutes on
    /// the japan-gov-2027 pathway, where the share stages keep every load
    /// far below the thresholds).
    pub(super) fn rule_out_unreachable_levels(&mut self) -> Result<usize, super::SolveFailure> {
        let mut fixed = Vec::new();
        for h in 0..self.hints.len() {
            if self.hints[h].levels.is_empty() {
                continue;
            }
            let load = self.hints[h].load.clone();
            let values = match self.solve_relaxed(&load, super::Sense::Maximise) {
                Ok(v) => v,
                Err(super::SolveFailure::Infeasible) => return Ok(0),
                Err(e) => return Err(e),
            };
            let most = load.eval_with(&values);
            fixed.extend(self.hints[h].unreachable(most));
        }
        let n = fixed.len();
        for b in fixed {
            let name = match self.var_name(b) {
                Some(&Name::Level(p, k)) => Name::OutOfReach(p, k),
                _ => Name::Other("out_of_reach", 0),
            };
            self.constraints.push(name, Expression::from(b).leq(0.0));
        }
        Ok(n)
    }

    /// Provider `p`'s load and spend (in the unit and the currency), and
    /// the most of each any plan gives it: all its eligible demand, within
    /// its capacity where capacity is firm.
    fn reach(&self, p: usize) -> (Expression, Expression, f64, f64) {
        let s = self.scenario;
        let (mut load, mut spend) = (Expression::default(), Expression::default());
        let (mut most_load, mut most_spend) = (0.0, 0.0);
        for (wi, row) in self.x.iter().enumerate() {
            let Some(&(_, v)) = row.iter().find(|&&(q, _)| q == p) else {
                continue;
            };
            let w = &s.workloads[wi];
            let d = w.demand;
            let price = s.price(wi, p);
            load.add_mul(d, v);
            spend.add_mul(price * d, v);
            let cap = w.max_provider_fraction.unwrap_or(1.0);
            most_load += d * cap;
            most_spend += price * d * cap;
        }
        if !self.elastic {
            let pr = &s.providers[p];
            let built = match self.extra_capacity.get(p) {
                Some(_) => pr.expand.as_ref().map_or(0.0, |x| x.max),
                None => 0.0,
            };
            most_load = most_load.min(pr.capacity + built);
        }
        (load, spend, most_load, most_spend)
    }
}
