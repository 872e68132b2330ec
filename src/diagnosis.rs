//! Why no plan exists, as a value: the causes, the rules in force and the
//! smallest changes that restore a plan. [`crate::diagnose`] finds it; errors
//! carry it; reports show it.

use std::collections::BTreeMap;
use std::fmt;

use serde::Serialize;

use crate::units::plain;

/// A cause that makes a scenario infeasible by itself.
#[derive(Debug, Clone, Serialize, PartialEq)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Cause {
    /// No provider may serve the workload; each provider's first reason.
    NoEligibleProvider {
        workload: String,
        location: String,
        reasons: BTreeMap<String, String>,
    },
    /// The workload's eligible providers together have too little capacity.
    WorkloadCapacity {
        workload: String,
        location: String,
        demand: f64,
        capacity: f64,
        providers: Vec<String>,
    },
    /// `max_provider_fraction` times the number of eligible providers is below 1.
    ProviderFraction {
        workload: String,
        location: String,
        max_provider_fraction: f64,
        eligible: usize,
    },
    /// `min_providers` asks for more providers than the workload may use.
    TooFewProviders {
        workload: String,
        location: String,
        min_providers: u32,
        eligible: usize,
    },
    /// The providers eligible for a class's workloads cannot carry them all.
    ClassCapacity {
        class: String,
        location: String,
        demand: f64,
        capacity: f64,
        providers: Vec<String>,
    },
    /// Even the cheapest eligible provider for every workload exceeds the budget.
    Budget {
        location: String,
        budget: f64,
        min_cost: f64,
    },
}

/// A rule in force, listed when no single cause explains infeasibility.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct RuleInForce {
    pub rule: String,
    pub location: String,
}

/// Why a scenario has no feasible plan.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Diagnosis {
    pub scenario: String,
    pub variant: String,
    pub unit: String,
    pub currency: String,
    pub causes: Vec<Cause>,
    pub rules: Vec<RuleInForce>,
    /// The changes that restore feasibility, each solved with before it is
    /// offered: each rule of the conflict that can do it alone, changed
    /// exactly as much as it must, then sets of rules that only work together.
    pub relaxations: Vec<Relaxation>,
}

/// One rule that had to bend, and the value that makes the scenario feasible.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Bend {
    /// e.g. `limit 'domestic-floor' (country JP, min_share 0.5)`.
    pub rule: String,
    /// The TOML path of the value to change.
    pub path: String,
    pub location: String,
    pub value: f64,
    pub suggested: f64,
    /// `PATH=VALUE` for `--set`, where the value can be set.
    pub set: Option<String>,
}

/// A set of rules that, bent together, restore feasibility.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Relaxation {
    pub bends: Vec<Bend>,
}

impl Relaxation {
    /// What the `i`th relaxation of a diagnosis is, for people: the first is
    /// the smallest change; the others change another rule alone, or several
    /// rules that only work together.
    pub fn heading(&self, i: usize) -> &'static str {
        match (i, self.bends.len()) {
            (0, 1) => {
                "the smallest change that makes a plan possible (one rule, changed by exactly as much as it must; policy rules before capacity, capacity before demand)"
            }
            (0, _) => {
                "the smallest change that makes a plan possible (no rule alone will do; these together)"
            }
            (_, 1) => "or change this rule alone",
            _ => "or change these rules together",
        }
    }
}

impl fmt::Display for Diagnosis {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let variant = if self.variant == "base" {
            String::new()
        } else {
            format!(" (variant {})", self.variant)
        };
        writeln!(f, "no feasible plan for `{}`{variant}", self.scenario)?;
        let unit = &self.unit;
        for c in &self.causes {
            match c {
                Cause::NoEligibleProvider {
                    workload,
                    location,
                    reasons,
                } => {
                    writeln!(
                        f,
                        "  - workload '{workload}' has no eligible provider  [{location}]"
                    )?;
                    for (p, r) in reasons {
                        writeln!(f, "      {p}: {r}")?;
                    }
                }
                Cause::WorkloadCapacity {
                    workload,
                    location,
                    demand,
                    capacity,
                    providers,
                } => writeln!(
                    f,
                    "  - workload '{workload}' needs {demand} {unit}, but its eligible providers ({}) have {capacity} in all  [{location}]",
                    providers.join(", ")
                )?,
                Cause::ProviderFraction {
                    workload,
                    location,
                    max_provider_fraction,
                    eligible,
                } => writeln!(
                    f,
                    "  - workload '{workload}': max_provider_fraction {max_provider_fraction} x {eligible} eligible provider(s) < 1, so its demand cannot be split  [{location}]"
                )?,
                Cause::TooFewProviders {
                    workload,
                    location,
                    min_providers,
                    eligible,
                } => writeln!(
                    f,
                    "  - workload '{workload}' needs at least {min_providers} providers but only {eligible} may serve it  [{location}]"
                )?,
                Cause::ClassCapacity {
                    class,
                    location,
                    demand,
                    capacity,
                    providers,
                } => writeln!(
                    f,
                    "  - class '{class}': eligible capacity {capacity} < demand {demand} {unit} (providers: {})  [{location}]",
                    providers.join(", ")
                )?,
                Cause::Budget {
                    location,
                    budget,
                    min_cost,
                } => writeln!(
                    f,
                    "  - budget {} {} is below {}, the cost with every workload on its cheapest eligible provider  [{location}]",
                    plain(*budget),
                    self.currency,
                    plain(*min_cost)
                )?,
            }
        }
        for (i, r) in self.relaxations.iter().enumerate() {
            writeln!(f, "{}:", r.heading(i))?;
            for b in &r.bends {
                writeln!(f, "  - {} -> {}  [{}]", b.rule, b.suggested, b.location)?;
            }
            let sets: Vec<String> = r
                .bends
                .iter()
                .filter_map(|b| b.set.as_ref().map(|s| format!("--set {s}")))
                .collect();
            if !sets.is_empty() {
                writeln!(f, "    try: {}", sets.join(" "))?;
            }
        }
        if self.causes.is_empty() && self.relaxations.is_empty() {
            writeln!(
                f,
                "no single rule is infeasible on its own; these rules together leave no plan:"
            )?;
            for r in &self.rules {
                writeln!(f, "  - {}  [{}]", r.rule, r.location)?;
            }
            write!(
                f,
                "relax one of them (for example with --set PATH=VALUE) and solve again"
            )?;
        }
        Ok(())
    }
}
