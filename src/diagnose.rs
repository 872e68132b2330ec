//! Why no plan exists (DESIGN 4.5): structural causes found before solving,
//! and otherwise the rules in force that together leave no plan.

use std::collections::BTreeMap;
use std::fmt;

use serde::Serialize;

use crate::eligibility::Eligibility;
use crate::metrics::tidy;
use crate::scenario::{Loaded, Scenario};

/// Relative slack before a shortfall counts (solver and rounding noise).
const SHORTFALL_TOLERANCE: f64 = 1e-9;

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
}

impl Diagnosis {
    /// Finds the causes that need no solve; lists the rules in force.
    pub fn structural(loaded: &Loaded, e: &Eligibility) -> Self {
        let s = &loaded.scenario;
        let mut causes = Vec::new();
        for (wi, w) in s.workloads.iter().enumerate() {
            let location = loaded.location(&format!("workloads.{}", w.id));
            let eligible = &e.eligible[wi];
            if eligible.is_empty() {
                let reasons = s
                    .providers
                    .iter()
                    .enumerate()
                    .filter_map(|(pi, p)| {
                        e.reasons[wi][pi]
                            .as_ref()
                            .map(|r| (p.id.clone(), r.to_string()))
                    })
                    .collect();
                causes.push(Cause::NoEligibleProvider {
                    workload: w.id.clone(),
                    location,
                    reasons,
                });
                continue;
            }
            if let Some(k) = w.min_providers
                && (k as usize) > eligible.len()
            {
                causes.push(Cause::TooFewProviders {
                    workload: w.id.clone(),
                    location: loaded.location(&format!("workloads.{}.min_providers", w.id)),
                    min_providers: k,
                    eligible: eligible.len(),
                });
                continue;
            }
            if let Some(f) = w.max_provider_fraction
                && f * (eligible.len() as f64) < 1.0 - SHORTFALL_TOLERANCE
            {
                causes.push(Cause::ProviderFraction {
                    workload: w.id.clone(),
                    location: loaded.location(&format!("workloads.{}.max_provider_fraction", w.id)),
                    max_provider_fraction: f,
                    eligible: eligible.len(),
                });
                continue;
            }
            let capacity: f64 = eligible.iter().map(|&p| s.providers[p].capacity).sum();
            if capacity < w.demand * (1.0 - SHORTFALL_TOLERANCE) {
                causes.push(Cause::WorkloadCapacity {
                    workload: w.id.clone(),
                    location: loaded.location(&format!("workloads.{}.demand", w.id)),
                    demand: w.demand,
                    capacity: tidy(capacity),
                    providers: ids(s, eligible),
                });
            }
        }
        if causes.is_empty() {
            class_capacity(loaded, e, &mut causes);
        }
        if causes.is_empty()
            && let Some(budget) = s.policy.budget
        {
            let min_cost: f64 = s
                .workloads
                .iter()
                .enumerate()
                .map(|(wi, w)| {
                    let cheapest = e.eligible[wi]
                        .iter()
                        .map(|&p| s.providers[p].price)
                        .fold(f64::INFINITY, f64::min);
                    w.demand * cheapest
                })
                .sum();
            if min_cost > budget * (1.0 + SHORTFALL_TOLERANCE) {
                causes.push(Cause::Budget {
                    location: loaded.location("policy.budget"),
                    budget,
                    min_cost: tidy(min_cost),
                });
            }
        }
        Diagnosis {
            scenario: s.meta.name.clone(),
            variant: loaded.variant_label().to_string(),
            unit: s.meta.unit.clone(),
            currency: s.meta.currency.clone(),
            causes,
            rules: rules_in_force(loaded),
        }
    }
}

fn ids(s: &Scenario, providers: &[usize]) -> Vec<String> {
    providers
        .iter()
        .map(|&p| s.providers[p].id.clone())
        .collect()
}

/// Each class (and all workloads together) against the capacity of the
/// providers eligible for any of its workloads.
fn class_capacity(loaded: &Loaded, e: &Eligibility, causes: &mut Vec<Cause>) {
    let s = &loaded.scenario;
    let mut groups: BTreeMap<Option<&str>, Vec<usize>> = BTreeMap::new();
    for (wi, w) in s.workloads.iter().enumerate() {
        if let Some(c) = &w.class {
            groups.entry(Some(c.as_str())).or_default().push(wi);
        }
        groups.entry(None).or_default().push(wi);
    }
    for (class, members) in groups {
        let demand: f64 = members.iter().map(|&wi| s.workloads[wi].demand).sum();
        let mut providers: Vec<usize> = members
            .iter()
            .flat_map(|&wi| e.eligible[wi].iter().copied())
            .collect();
        providers.sort_unstable();
        providers.dedup();
        let capacity: f64 = providers.iter().map(|&p| s.providers[p].capacity).sum();
        if capacity < demand * (1.0 - SHORTFALL_TOLERANCE) {
            let (name, path) = match class {
                Some(c) => (c.to_string(), format!("classes.{c}")),
                None => ("(all workloads)".to_string(), "workloads".to_string()),
            };
            causes.push(Cause::ClassCapacity {
                class: name,
                location: loaded.location(&path),
                demand: tidy(demand),
                capacity: tidy(capacity),
                providers: ids(s, &providers),
            });
        }
    }
}

/// The rules that, together, may leave no plan.
fn rules_in_force(loaded: &Loaded) -> Vec<RuleInForce> {
    let s = &loaded.scenario;
    let mut rules = Vec::new();
    let mut push = |rule: String, path: &str| {
        rules.push(RuleInForce {
            rule,
            location: loaded.location(path),
        });
    };
    for l in &s.policy.limits {
        let target = match &l.value {
            Some(v) => format!("{} {v}", l.dimension),
            None => format!("every {}", l.dimension),
        };
        let bounds: Vec<String> = [("max_share", l.max_share), ("min_share", l.min_share)]
            .iter()
            .filter_map(|(k, v)| v.map(|v| format!("{k} {v}")))
            .collect();
        push(
            format!("limit '{}' ({target}, {})", l.id, bounds.join(", ")),
            &format!("policy.limits.{}", l.id),
        );
    }
    if let Some(b) = s.policy.budget {
        push(format!("budget {b} {}", s.meta.currency), "policy.budget");
    }
    for w in &s.workloads {
        let rules = [
            ("max_provider_fraction", w.max_provider_fraction),
            ("min_providers", w.min_providers.map(f64::from)),
            ("max_providers", w.max_providers.map(f64::from)),
        ];
        for (key, value) in rules {
            if let Some(v) = value {
                push(
                    format!("workload '{}' {key} {v}", w.id),
                    &format!("workloads.{}.{key}", w.id),
                );
            }
        }
    }
    let policy_rules = [
        ("min_allocation_fraction", s.policy.min_allocation_fraction),
        (
            "mosaic_max_categories",
            s.policy.mosaic_max_categories.map(f64::from),
        ),
        ("max_change", s.policy.max_change),
    ];
    for (key, value) in policy_rules {
        if let Some(v) = value {
            push(format!("{key} {v}"), &format!("policy.{key}"));
        }
    }
    if let Some(min) = s.policy.survive.as_ref().and_then(|sv| sv.min_served) {
        push(format!("survive min_served {min}"), "policy.survive");
    }
    push("capacity of every provider".to_string(), "providers");
    rules
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
                    "  - budget {budget} {} is below {min_cost}, the cost with every workload on its cheapest eligible provider  [{location}]",
                    self.currency
                )?,
            }
        }
        if self.causes.is_empty() {
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
