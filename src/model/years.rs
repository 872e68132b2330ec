//! One model over the years of a pathway (DESIGN 4.7): each year's rules on
//! that year's scenario, built by the same rule builders as a single plan;
//! lock-in from one year to the next; capacity that may be built.
//!
//! The model holds one year's data at a time (scenario, pairs, moved
//! variables, re-routing); [`Years::in_year`] swaps a year in, so every rule
//! and objective is written once, for one year.

use std::collections::HashMap;

use good_lp::{Expression, Variable, variable};

use super::{Model, Name, Quantity, Sense, SolveFailure, Values, expression, stage};
use crate::model::backend::SolverKind;
use crate::plan::allocation::Allocation;
use crate::plan::metrics::Stage;
use crate::scenario::Scenario;
use crate::scenario::eligibility::Eligibility;

/// One year's part of the model while another year is in.
struct Year<'a> {
    scenario: &'a Scenario,
    eligibility: &'a Eligibility,
    x: Vec<Vec<(usize, Variable)>>,
    moved: Vec<(usize, usize, Variable)>,
    cutoffs: HashMap<Vec<usize>, Vec<(usize, Expression)>>,
    cost_scale: f64,
    extra_capacity: Vec<Expression>,
    previous: Option<Vec<Vec<(usize, Variable)>>>,
    terms: super::economics::Terms,
}

/// The money side of a pathway.
#[derive(Debug, Clone, Default)]
pub struct Money {
    /// Each year's factor on cost: `1 / (1 + rate)^k`.
    pub discount: Vec<f64>,
    pub investment_budget: Option<f64>,
}

/// A pathway model: one [`Model`] with every year's variables and rules.
pub struct Years<'a> {
    pub model: Model<'a>,
    years: Vec<Year<'a>>,
    /// The year now in the model.
    active: usize,
    /// Per year: (provider, units built that year).
    pub built: Vec<Vec<(usize, Variable)>>,
    money: Money,
}

/// What the joint optimisation found.
pub struct YearsSolution {
    pub stages: Vec<Stage>,
    /// Per year.
    pub allocations: Vec<Allocation>,
    /// Per year, per provider: units built that year.
    pub built: Vec<Vec<f64>>,
    /// The MIP gap a stage stopped within (integer rules), if any.
    pub mip_gap: Option<f64>,
    /// The time limit stopped it before its last stage was proven: the plan
    /// is the best found.
    pub stopped_early: bool,
}

impl<'a> Years<'a> {
    /// Builds every year's rules: `years[k]` is year k+1's scenario (with its
    /// changes and growth applied) and eligibility; `open[k]` says which
    /// providers may build in that year.
    pub fn build(
        years: &[(&'a Scenario, &'a Eligibility)],
        open: &[Vec<bool>],
        money: Money,
        solver: SolverKind,
    ) -> Self {
        let (s0, e0) = years[0];
        let mut model = Model::empty(s0, e0, solver.for_years(s0));
        // The joint model is finished by the simplex: an interior point's
        // plan would need a vertex search per year.
        model.set_interior_above(usize::MAX);
        model.eager_integers = true;
        let providers = s0.providers.len();
        let mut built = Vec::with_capacity(years.len());
        let mut total: Vec<Expression> = vec![Expression::default(); providers];
        let mut so_far: Vec<Vec<Expression>> = Vec::with_capacity(years.len());
        for (k, (s, _)) in years.iter().enumerate() {
            let mut this = Vec::new();
            for (p, pr) in s.providers.iter().enumerate() {
                if let Some(x) = &pr.expand
                    && open[k][p]
                    && x.max > 0.0
                {
                    let name = Name::Other("built", p);
                    let b = model.add_var(name, variable().min(0.0).max(x.max));
                    total[p].add_mul(1.0, b);
                    this.push((p, b));
                }
            }
            built.push(this);
            so_far.push(total.clone());
        }
        let mut joint = Years {
            years: years
                .iter()
                .zip(so_far)
                .map(|((s, e), extra)| Year {
                    scenario: s,
                    eligibility: e,
                    x: Vec::new(),
                    moved: Vec::new(),
                    cutoffs: HashMap::new(),
                    cost_scale: super::cost_scale_of(s),
                    extra_capacity: if s.providers.iter().any(|p| p.expand.is_some()) {
                        extra
                    } else {
                        Vec::new()
                    },
                    previous: None,
                    terms: Default::default(),
                })
                .collect(),
            model,
            active: 0,
            built,
            money,
        };
        // The first year's data goes in (the model was made with it).
        joint.swap(0);
        for k in 0..years.len() {
            let previous = k.checked_sub(1).map(|j| joint.x_of(j));
            joint.in_year(k, |m| {
                m.previous = previous;
                m.add_rules();
            });
        }
        // Over the whole pathway: at most `max` built, within the budget.
        let s = years[0].0;
        let mut spend = Expression::default();
        for (p, t) in total.into_iter().enumerate() {
            if let Some(x) = &s.providers[p].expand {
                spend += t.clone() * x.cost;
                joint
                    .model
                    .add_constraint(Name::Other("most_built", p), t.leq(x.max));
            }
        }
        if let Some(b) = joint.money.investment_budget {
            let scale = b.max(1.0);
            joint.model.add_constraint(
                Name::Other("investment_budget", 0),
                (spend * (1.0 / scale)).leq(b / scale),
            );
        }
        joint
    }

    /// Exchanges year `k`'s data with the model's.
    fn swap(&mut self, k: usize) {
        let y = &mut self.years[k];
        let m = &mut self.model;
        std::mem::swap(&mut m.scenario, &mut y.scenario);
        std::mem::swap(&mut m.eligibility, &mut y.eligibility);
        std::mem::swap(&mut m.x, &mut y.x);
        std::mem::swap(&mut m.moved, &mut y.moved);
        std::mem::swap(&mut m.cutoffs, &mut y.cutoffs);
        std::mem::swap(&mut m.cost_scale, &mut y.cost_scale);
        std::mem::swap(&mut m.extra_capacity, &mut y.extra_capacity);
        std::mem::swap(&mut m.previous, &mut y.previous);
        std::mem::swap(&mut m.terms, &mut y.terms);
    }

    /// Runs `f` with year `k` in the model.
    pub fn in_year<R>(&mut self, k: usize, f: impl FnOnce(&mut Model<'a>) -> R) -> R {
        if k != self.active {
            // Put the active year back, then bring year k in.
            self.swap(self.active);
            self.swap(k);
            self.active = k;
        }
        f(&mut self.model)
    }

    /// Seeds the rounding of integer rules with a plan over the years
    /// (`plans[k][w]`: workload w's (provider, fraction) in year k), such
    /// as the year-by-year plan: each stage's rounding also tries every
    /// workload on that plan's providers and keeps the better plan (see
    /// `Model::dive`).
    pub fn seed_with(&mut self, plans: &[Vec<Vec<(usize, f64)>>]) {
        let mut values = Values::new();
        for (k, plan) in plans.iter().enumerate().take(self.len()) {
            self.in_year(k, |m| {
                for (row, split) in m.x.iter().zip(plan) {
                    for &(p, v) in row {
                        let f = split
                            .iter()
                            .find(|&&(q, _)| q == p)
                            .map_or(0.0, |&(_, f)| f);
                        values.insert(v, f);
                    }
                }
            });
        }
        self.model.seed = Some(values);
    }

    fn x_of(&mut self, k: usize) -> Vec<Vec<(usize, Variable)>> {
        self.in_year(k, |m| m.x.clone())
    }

    pub fn len(&self) -> usize {
        self.years.len()
    }

    pub fn is_empty(&self) -> bool {
        self.years.is_empty()
    }

    /// A stage over the whole pathway: the sum over the years of the
    /// quantity (each year's largest share, home share, ...), or for cost
    /// the discounted yearly cost plus investment. Returns the expression,
    /// its direction and the factor to the quantity's own units.
    pub fn expression(&mut self, q: &Quantity) -> (Expression, Sense, f64) {
        let mut sum = Expression::default();
        let mut sense = q.sense();
        let mut scales = Vec::with_capacity(self.len());
        let mut parts = Vec::with_capacity(self.len());
        for k in 0..self.len() {
            let (e, s, scale) = self.in_year(k, |m| expression(m, q));
            sense = s;
            scales.push(scale);
            parts.push(e);
        }
        if *q != Quantity::Cost {
            for e in parts {
                sum += e;
            }
            return (sum, sense, 1.0);
        }
        // Cost: in currency first, then over one common scale.
        let mut raw = Expression::default();
        let mut scale = 0.0;
        for (k, (e, s)) in parts.into_iter().zip(scales).enumerate() {
            let d = self.money.discount.get(k).copied().unwrap_or(1.0);
            raw += e * (s * d);
            scale += s * d;
        }
        for (k, year) in self.built.iter().enumerate() {
            let d = self.money.discount.get(k).copied().unwrap_or(1.0);
            let providers = &self.model.scenario.providers;
            for &(p, b) in year {
                let unit = providers[p].expand.as_ref().map_or(0.0, |x| x.cost);
                raw.add_mul(unit * d, b);
                scale += unit * providers[p].expand.as_ref().map_or(0.0, |x| x.max) * d;
            }
        }
        let scale = scale.max(1.0);
        (raw * (1.0 / scale), Sense::Minimise, scale)
    }

    /// Every stage in order over the whole pathway, each held in the next.
    /// Runs the stages in turn; `done` hears of each as it ends, with the
    /// time it took (a long pathway shows its progress).
    pub fn optimise(
        &mut self,
        quantities: &[Quantity],
        mut done: impl FnMut(&Stage, std::time::Duration),
    ) -> Result<YearsSolution, SolveFailure> {
        let mut stages = Vec::with_capacity(quantities.len());
        let mut last: Option<Values> = None;
        let mut stopped_early = false;
        for q in quantities {
            let started = std::time::Instant::now();
            let (expr, sense, scale) = self.expression(q);
            let (values, optimum) = match stage(&mut self.model, expr, sense) {
                Ok(found) => found,
                // Out of time after a stage: that stage's plan is the best
                // found (every earlier stage at its optimum).
                Err(SolveFailure::TimeLimit) if last.is_some() => {
                    stopped_early = true;
                    break;
                }
                Err(f) => return Err(f),
            };
            stages.push(Stage {
                name: q.name(),
                value: optimum * scale,
            });
            done(&stages[stages.len() - 1], started.elapsed());
            last = Some(values);
        }
        let values = match last {
            Some(v) => v,
            None => self.model.solve(&Expression::default(), Sense::Minimise)?,
        };
        let allocations = (0..self.len())
            .map(|k| self.in_year(k, |m| m.allocation(&values)))
            .collect();
        let providers = self.model.scenario.providers.len();
        let built = self
            .built
            .iter()
            .map(|year| {
                let mut row = vec![0.0; providers];
                for &(p, b) in year {
                    row[p] =
                        crate::base::units::tidy(values.get(&b).copied().unwrap_or(0.0).max(0.0));
                }
                row
            })
            .collect();
        Ok(YearsSolution {
            stages,
            allocations,
            built,
            mip_gap: self.model.outcome().within_gap,
            stopped_early: stopped_early || self.model.outcome().stopped_early,
        })
    }
}
