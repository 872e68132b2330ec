//! Share and amount limits (`[policy.limits.*]`) as rows of the model, and
//! the share and amount expressions they and the objectives measure.

use good_lp::Expression;

use super::{Model, Name, Rule};
use crate::scenario::{Dimension, Scope, Side};

impl Model<'_> {
    pub(super) fn add_limits(&mut self) {
        let s = self.scenario;
        for (li, limit) in s.policy.limits.iter().enumerate() {
            let values = match &limit.value {
                Some(v) => vec![v.clone()],
                None => s.values(&limit.dimension),
            };
            // Amounts are held as fractions of the scope's demand, so that
            // their rows are scaled like shares and slacks are comparable.
            let unit = s.limit_unit(limit);
            for v in values {
                let measure = if limit.on_amounts() {
                    self.amount(&limit.dimension, &v, limit.scope, unit)
                } else {
                    self.share(&limit.dimension, &v, limit.scope)
                };
                // An every-value limit bends as one rule: one value to change.
                let key = if limit.value.is_some() {
                    v.clone()
                } else {
                    String::new()
                };
                for (side, _, bound) in limit.bounds() {
                    let value = key.clone();
                    let name = Name::Limit {
                        limit: li,
                        value: v.clone(),
                        side,
                    };
                    let rule = match side {
                        Side::Max => Rule::LimitMax { limit: li, value },
                        Side::Min => Rule::LimitMin { limit: li, value },
                    };
                    let slack = self.slack(rule, 1.0);
                    let row = match side {
                        Side::Max => (measure.clone() - slack).leq(bound / unit),
                        Side::Min => (measure.clone() + slack).geq(bound / unit),
                    };
                    self.constraints.push(name, row);
                }
            }
        }
    }

    /// The amount served by providers whose value on `dim` is `value`, over
    /// the scope's workloads, divided by `unit`.
    fn amount(&self, dim: &Dimension, value: &str, scope: Scope, unit: f64) -> Expression {
        let s = self.scenario;
        let mut e = Expression::default();
        for (wi, row) in self.x.iter().enumerate() {
            let w = &s.workloads[wi];
            if scope == Scope::Critical && !w.critical {
                continue;
            }
            for &(p, v) in row {
                if dim.value_of(&s.providers[p]) == Some(value) {
                    e.add_mul(w.demand / unit, v);
                }
            }
        }
        e
    }

    /// `share_k(v)` over the scope: weighted volume served by providers whose
    /// value on `dim` is `value`, over the scope's weighted demand.
    pub fn share(&self, dim: &Dimension, value: &str, scope: Scope) -> Expression {
        let s = self.scenario;
        let in_scope = |wi: usize| scope == Scope::All || s.workloads[wi].critical;
        let total: f64 = (0..s.workloads.len())
            .filter(|&wi| in_scope(wi))
            .map(|wi| s.workloads[wi].weight * s.workloads[wi].demand)
            .sum();
        let mut e = Expression::default();
        if total <= 0.0 {
            return e;
        }
        for (wi, row) in self.x.iter().enumerate() {
            if !in_scope(wi) {
                continue;
            }
            let w = &s.workloads[wi];
            for &(p, v) in row {
                if dim.value_of(&s.providers[p]) == Some(value) {
                    e.add_mul(w.weight * w.demand / total, v);
                }
            }
        }
        e
    }
}
