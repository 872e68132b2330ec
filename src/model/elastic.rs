//! The elastic copy of the model (DESIGN 4.5): every named rule may bend by
//! a non-negative slack, weighted so that policy rules bend before capacity
//! and capacity before demand, and normalised so that units do not decide.

use good_lp::{Expression, Variable, variable};

use super::Model;

/// A rule that may bend in the elastic model.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Rule {
    /// `max_share` of a limit (index into `policy.limits`): for its one
    /// value, or (with `value` empty) for every value at once, since an
    /// every-value limit has one value to change.
    LimitMax {
        limit: usize,
        value: String,
    },
    /// `min_share` of a limit for one value.
    LimitMin {
        limit: usize,
        value: String,
    },
    Budget,
    Capacity(usize),
    /// A provider's `min_volume` (index into the providers), bent as a
    /// fraction of it.
    MinVolume(usize),
    Survive,
    MaxChange,
    MinAllocation,
    MinProviders(usize),
    MaxProviders(usize),
    Mosaic,
    /// `policy.max_contracts`.
    MaxContracts,
    /// A workload's demand, bent as demand left unserved.
    Demand(usize),
}

impl Rule {
    /// Policy rules bend first, then capacity, then demand.
    pub fn tier_weight(&self) -> f64 {
        match self {
            // A provider's own terms: its capacity, its minimum volume.
            Rule::Capacity(_) | Rule::MinVolume(_) => 100.0,
            Rule::Demand(_) => 10_000.0,
            _ => 1.0,
        }
    }
}

/// Which rules may bend in an elastic model.
#[derive(Debug, Clone, PartialEq)]
pub enum Bending {
    /// Every rule but these (rules that already bent in another relaxation).
    AllBut(Vec<Rule>),
    /// This rule alone: its smallest change, every other rule held.
    Only(Rule),
}

impl Bending {
    fn allows(&self, rule: &Rule) -> bool {
        match self {
            Bending::AllBut(frozen) => !frozen.contains(rule),
            Bending::Only(only) => only == rule,
        }
    }
}

/// A rule's slack variable in the elastic model.
#[derive(Debug, Clone)]
pub struct Slack {
    pub rule: Rule,
    pub var: Variable,
    /// Weight in the objective (tier weight over the rule's unit).
    pub weight: f64,
}

impl Model<'_> {
    /// The slack by which `rule` may bend: zero unless the model is elastic
    /// and the rule is not frozen. One variable per rule, however many
    /// constraints it has; `unit` normalises it (1 for fractions).
    pub(super) fn slack(&mut self, rule: Rule, unit: f64) -> Expression {
        if !self.elastic || !self.bending.allows(&rule) {
            return Expression::default();
        }
        if let Some(s) = self.slacks.iter().find(|s| s.rule == rule) {
            return s.var.into();
        }
        let name = super::Name::Slack(self.slacks.len());
        let var = self.add_var(name, variable().min(0.0));
        // A tiny rise in weight by rule order breaks ties between equally
        // good bends, so that one rule takes a whole bend (a clearer answer
        // than several bending a little) and the choice is deterministic.
        let order = 1.0 + 1e-4 * self.slacks.len() as f64;
        let weight = rule.tier_weight() / unit.max(1e-12) * order;
        self.slacks.push(Slack { rule, var, weight });
        var.into()
    }

    /// Σ weight x slack: what the elastic model minimises.
    pub fn total_slack(&self) -> Expression {
        let mut e = Expression::with_capacity(self.slacks.len());
        for s in &self.slacks {
            e.add_mul(s.weight, s.var);
        }
        e
    }

    pub fn slacks(&self) -> &[Slack] {
        &self.slacks
    }
}
