//! Cut-offs and recourse (DESIGN 4.4): when a set of providers is cut off,
//! the demand they served is re-routed to surviving eligible providers within
//! capacity x (1 + surge). The same recourse serves the survivability rule,
//! the resilience objective, and the stress test of a fixed plan.

use std::collections::BTreeMap;

use good_lp::{Expression, variable};
use serde::Serialize;

use super::{Model, Name};
use crate::model::backend::SolverKind;
use crate::plan::allocation::Allocation;
use crate::scenario::eligibility::Eligibility;
use crate::scenario::{Dimension, Scenario};

/// Providers cut off together, and what to call the event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Event {
    /// `dimension value`, e.g. `country US`.
    pub label: String,
    /// Other events that cut exactly the same providers (`company Amazon`
    /// when the provider `aws` is its only one).
    pub aliases: Vec<String>,
    /// Provider indices, ascending.
    pub providers: Vec<usize>,
}

impl Event {
    /// The cut-off as people read it, in the scenario's language: `country
    /// US` in English (the ids `--cut` takes), 国：米国 in Japanese.
    pub fn name(&self, s: &Scenario) -> String {
        name_of(&self.label, s)
    }

    /// With the cut-offs that cut the same providers:
    /// `provider abci (= company AIST)`.
    pub fn full_name(&self, s: &Scenario) -> String {
        if self.aliases.is_empty() {
            return self.name(s);
        }
        let aliases: Vec<String> = self.aliases.iter().map(|a| name_of(a, s)).collect();
        crate::tr!(
            s.meta.lang,
            "cutoff-aliases",
            name = self.name(s),
            aliases = s.meta.lang.list(&aliases)
        )
    }
}

/// A cut-off's label (`country US`, as `metrics.json` keeps it) as people
/// read it in the scenario's language.
pub fn name_of(label: &str, s: &Scenario) -> String {
    match label.split_once(' ') {
        Some((dim, value)) if s.meta.lang != crate::base::lang::Lang::En => crate::tr!(
            s.meta.lang,
            "cutoff-name",
            dim = s.dimension_name(dim),
            value = s.value_name(dim, value)
        ),
        _ => label.to_string(),
    }
}

/// One event per value of each dimension, in order; events that cut the same
/// providers are merged into the first.
pub fn events(s: &Scenario, dims: &[Dimension]) -> Vec<Event> {
    let mut out: Vec<Event> = Vec::new();
    for dim in dims {
        for value in s.values(dim) {
            let providers: Vec<usize> = (0..s.providers.len())
                .filter(|&p| dim.value_of(&s.providers[p]) == Some(value.as_str()))
                .collect();
            let label = format!("{dim} {value}");
            match out.iter_mut().find(|e| e.providers == providers) {
                Some(e) => e.aliases.push(label),
                None => out.push(Event {
                    label,
                    aliases: Vec::new(),
                    providers,
                }),
            }
        }
    }
    out
}

/// The workloads whose unserved demand the resilience figures count: the
/// critical ones, or every workload when none is critical.
pub fn in_resilience_scope(s: &Scenario) -> Vec<bool> {
    let any = s.workloads.iter().any(|w| w.critical);
    s.workloads.iter().map(|w| w.critical || !any).collect()
}

impl<'a> Model<'a> {
    /// A model of a fixed plan: no allocation variables, only the recourse of
    /// the cut-offs added to it (for stress tests).
    pub fn fixed(
        scenario: &'a Scenario,
        eligibility: &'a Eligibility,
        solver: SolverKind,
        plan: &Allocation,
    ) -> Self {
        let mut m = Model::empty(scenario, eligibility, solver);
        m.fixed = Some(
            plan.rows
                .iter()
                .map(|row| row.iter().map(|a| (a.provider, a.fraction)).collect())
                .collect(),
        );
        m
    }

    /// The plan's fraction of workload `w` on each provider: variables, or a
    /// fixed plan's constants.
    fn plan_terms(&self, w: usize) -> Vec<(usize, Expression)> {
        match &self.fixed {
            Some(rows) => rows[w]
                .iter()
                .map(|&(p, f)| (p, Expression::from(f)))
                .collect(),
            None => self.x[w]
                .iter()
                .map(|&(p, v)| (p, Expression::from(v)))
                .collect(),
        }
    }

    /// Adds the recourse after cutting off `cut` (provider indices) and
    /// returns the served fraction of each workload that may lose demand;
    /// the others keep all of theirs. Added once per provider set.
    pub fn add_cutoff(&mut self, cut: &[usize]) -> Vec<(usize, Expression)> {
        let mut key = cut.to_vec();
        key.sort_unstable();
        if let Some(known) = self.cutoffs.get(&key) {
            return known.clone();
        }
        let s = self.scenario;
        let c = self.cut_sets.len();
        self.cut_sets.push(key.clone());
        let is_cut: Vec<bool> = (0..s.providers.len())
            .map(|p| key.binary_search(&p).is_ok())
            .collect();
        let mut served = Vec::new();
        let mut rerouted: BTreeMap<usize, Expression> = BTreeMap::new();
        for wi in 0..s.workloads.len() {
            let terms = self.plan_terms(wi);
            let cut_terms: Vec<&Expression> = terms
                .iter()
                .filter(|(p, _)| is_cut[*p])
                .map(|(_, e)| e)
                .collect();
            let fixed_loss = self.fixed.as_ref().map(|rows| {
                rows[wi]
                    .iter()
                    .filter(|(p, _)| is_cut[*p])
                    .map(|(_, f)| f)
                    .sum::<f64>()
            });
            if cut_terms.is_empty() || fixed_loss.is_some_and(|l| l <= 0.0) {
                continue;
            }
            let mut lost = Expression::default();
            for e in cut_terms {
                lost += e.clone();
            }
            let mut recourse = Expression::default();
            let demand = s.workloads[wi].demand;
            let survivors: Vec<usize> = self.eligibility.eligible[wi]
                .iter()
                .copied()
                .filter(|&p| !is_cut[p])
                .collect();
            for p in survivors {
                let r = self.add_var(Name::Rerouted(c, wi, p), variable().min(0.0));
                recourse.add_mul(1.0, r);
                rerouted.entry(p).or_default().add_mul(demand, r);
            }
            self.constraints.push(
                Name::Reroute(c, wi),
                (recourse.clone() - lost.clone()).leq(0.0),
            );
            served.push((wi, Expression::from(1.0) - lost + recourse));
        }
        // Survivors carry their own plan and the re-routed demand within
        // capacity x (1 + surge).
        for (p, extra) in rerouted {
            let provider = &s.providers[p];
            let limit = provider.capacity * (1.0 + provider.surge);
            let constraint = match &self.fixed {
                // A fixed plan's own load is given: only the spare capacity
                // takes re-routed demand (never below zero, whatever rounding did).
                Some(rows) => {
                    let own: f64 = rows
                        .iter()
                        .zip(&s.workloads)
                        .flat_map(|(row, w)| {
                            row.iter()
                                .filter(|(q, _)| *q == p)
                                .map(move |(_, f)| f * w.demand)
                        })
                        .sum();
                    (extra * (1.0 / limit)).leq(((limit - own) / limit).max(0.0))
                }
                None => {
                    let mut load = extra;
                    for (wi, row) in self.x.iter().enumerate() {
                        for &(q, v) in row {
                            if q == p {
                                load.add_mul(s.workloads[wi].demand, v);
                            }
                        }
                    }
                    (load * (1.0 / limit)).leq(1.0)
                }
            };
            self.constraints.push(Name::Surge(c, p), constraint);
        }
        self.cutoffs.insert(key, served.clone());
        served
    }

    /// Which of the cut-offs added so far `cut` is (its number in names).
    pub(super) fn cut_of(&self, cut: &[usize]) -> usize {
        let mut key = cut.to_vec();
        key.sort_unstable();
        self.cut_sets
            .iter()
            .position(|k| *k == key)
            .unwrap_or(self.cut_sets.len())
    }

    /// The priority-weighted unserved fraction of the resilience scope's
    /// demand, given each affected workload's served fraction.
    pub fn unserved(&self, served: &[(usize, Expression)]) -> Expression {
        let s = self.scenario;
        let scope = in_resilience_scope(s);
        let total: f64 = s
            .workloads
            .iter()
            .zip(&scope)
            .filter(|(_, i)| **i)
            .map(|(w, _)| w.priority * w.demand)
            .sum();
        let mut e = Expression::default();
        if total <= 0.0 {
            return e;
        }
        for (wi, sv) in served {
            if scope[*wi] {
                let w = &s.workloads[*wi];
                let k = w.priority * w.demand / total;
                e += (Expression::from(1.0) - sv.clone()) * k;
            }
        }
        e
    }

    /// `policy.survive`: after each single cut-off of its dimensions, every
    /// workload of the resilience scope keeps at least `min_served` of its demand.
    pub(super) fn add_survive(&mut self) {
        let Some(survive) = self.scenario.policy.survive.clone() else {
            return;
        };
        let Some(min_served) = survive.min_served else {
            return;
        };
        let scope = in_resilience_scope(self.scenario);
        for event in events(self.scenario, &survive.dimensions) {
            let served = self.add_cutoff(&event.providers);
            let c = self.cut_of(&event.providers);
            for (wi, served) in served {
                if scope[wi] {
                    let slack = self.slack(super::Rule::Survive, 1.0);
                    self.constraints
                        .push(Name::Survive(c, wi), (served + slack).geq(min_served));
                }
            }
        }
    }
}
