//! Why no plan exists, as a value: the causes, the rules in force and the
//! smallest changes that restore a plan. [`crate::solve::infeasible`] finds it; errors
//! carry it; reports show it.

use std::collections::BTreeMap;
use std::fmt;

use serde::Serialize;

use crate::base::lang::Lang;
use crate::base::units::{money_exact, plain};
use crate::tr;

/// An amount in a cause, without the solver's last-digit noise (a grown
/// demand of 121.00000000000001 is 121).
fn shown(x: f64) -> String {
    plain(crate::base::units::tidy(x))
}

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
    /// The language the diagnosis is written in.
    #[serde(skip)]
    pub lang: Lang,
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
    pub fn heading(&self, i: usize, lang: Lang) -> String {
        lang.text(match (i, self.bends.len()) {
            (0, 1) => "diag-smallest-one",
            (0, _) => "diag-smallest-many",
            (_, 1) => "diag-other-one",
            _ => "diag-other-many",
        })
    }
}

impl Diagnosis {
    /// A cause in words, and where in the scenario it is.
    fn cause_line<'a>(&self, c: &'a Cause) -> (String, &'a str) {
        let (lang, unit) = (self.lang, self.unit.as_str());
        match c {
            Cause::NoEligibleProvider {
                workload, location, ..
            } => (
                tr!(lang, "diag-no-eligible", workload = workload.as_str()),
                location,
            ),
            Cause::WorkloadCapacity {
                workload,
                location,
                demand,
                capacity,
                providers,
            } => (
                tr!(
                    lang,
                    "diag-workload-capacity",
                    workload = workload.as_str(),
                    demand = shown(*demand),
                    unit = crate::base::units::after_number(unit),
                    providers = providers.join(", "),
                    capacity = shown(*capacity)
                ),
                location,
            ),
            Cause::ProviderFraction {
                workload,
                location,
                max_provider_fraction,
                eligible,
            } => (
                tr!(
                    lang,
                    "diag-provider-fraction",
                    workload = workload.as_str(),
                    fraction = max_provider_fraction.to_string(),
                    eligible = *eligible
                ),
                location,
            ),
            Cause::TooFewProviders {
                workload,
                location,
                min_providers,
                eligible,
            } => (
                tr!(
                    lang,
                    "diag-too-few",
                    workload = workload.as_str(),
                    min = *min_providers,
                    eligible = *eligible
                ),
                location,
            ),
            Cause::ClassCapacity {
                class,
                location,
                demand,
                capacity,
                providers,
            } => (
                tr!(
                    lang,
                    "diag-class-capacity",
                    class = class.as_str(),
                    capacity = shown(*capacity),
                    demand = shown(*demand),
                    unit = crate::base::units::after_number(unit),
                    providers = providers.join(", ")
                ),
                location,
            ),
            Cause::Budget {
                location,
                budget,
                min_cost,
            } => (
                tr!(
                    lang,
                    "diag-budget",
                    budget = money_exact(*budget, lang, &self.currency),
                    cost = money_exact(*min_cost, lang, &self.currency)
                ),
                location,
            ),
        }
    }
}

impl fmt::Display for Diagnosis {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let lang = self.lang;
        let scenario = self.scenario.as_str();
        let title = if self.variant == "base" {
            tr!(lang, "diag-title", scenario = scenario)
        } else {
            tr!(
                lang,
                "diag-title-variant",
                scenario = scenario,
                variant = self.variant.as_str()
            )
        };
        writeln!(f, "{title}")?;
        for c in &self.causes {
            let (line, location) = self.cause_line(c);
            writeln!(f, "  - {line}  [{location}]")?;
            if let Cause::NoEligibleProvider { reasons, .. } = c {
                for (p, r) in reasons {
                    writeln!(f, "      {p}: {r}")?;
                }
            }
        }
        for (i, r) in self.relaxations.iter().enumerate() {
            writeln!(
                f,
                "{}",
                tr!(lang, "heading-colon", heading = r.heading(i, lang))
            )?;
            for b in &r.bends {
                writeln!(f, "  - {} -> {}  [{}]", b.rule, b.suggested, b.location)?;
            }
            let sets: Vec<String> = r
                .bends
                .iter()
                .filter_map(|b| b.set.as_ref().map(|s| format!("--set {s}")))
                .collect();
            if !sets.is_empty() {
                writeln!(f, "    {}", tr!(lang, "diag-try", sets = sets.join(" ")))?;
            }
        }
        if self.causes.is_empty() && self.relaxations.is_empty() {
            writeln!(f, "{}", lang.text("diag-together"))?;
            for r in &self.rules {
                writeln!(f, "  - {}  [{}]", r.rule, r.location)?;
            }
            write!(f, "{}", lang.text("diag-relax"))?;
        }
        Ok(())
    }
}
