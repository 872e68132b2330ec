//! tayoka (多様化, "diversification") plans how a government spreads its AI
//! workloads across domestic and foreign providers so that it depends on no
//! single provider, company or country, inside budget, capacity, security and
//! data-residency rules.
//!
//! The flow: a scenario TOML is [loaded](scenario::load) (variant and `--set`
//! overrides applied, every problem reported with its line and column),
//! [eligibility](scenario::eligibility::Eligibility) decides which provider may serve
//! which workload, [one model builder](model::Model) turns the rules into a
//! linear programme, the objective stages run lexicographically, and the
//! [plan](solve::Solved) carries the allocation and its [metrics](plan::metrics::Metrics).
//!
//! ```
//! use std::path::Path;
//! use tayoka::scenario::{LoadOptions, load_str};
//!
//! let text = r#"
//! [scenario]
//! name = "two-clouds"
//! home = "JP"
//! [providers.a]
//! country = "JP"
//! capacity = 100
//! price = 1.0
//! capabilities = { llm = 0.9 }
//! [providers.b]
//! country = "US"
//! capacity = 100
//! price = 1.0
//! capabilities = { llm = 0.9 }
//! [workloads.chat]
//! capability = "llm"
//! demand = 60
//! [policy]
//! diversify = ["provider"]
//! "#;
//! let loaded = load_str(Path::new("two-clouds.toml"), text.into(), &LoadOptions::default())?;
//! let plan = tayoka::solve::solve(loaded, tayoka::model::backend::SolverKind::Microlp)?;
//! // Two equal providers: the most any one of them serves is half.
//! assert_eq!(plan.metrics.stages[0].name, "max_share:provider");
//! assert!((plan.metrics.stages[0].value - 0.5).abs() < 1e-9);
//! # Ok::<(), tayoka::base::error::Error>(())
//! ```

// The layers, lowest first, one folder each: each module imports only its
// own layer and the layers below (tests/library/architecture.rs checks it; README
// "Layout").

/// Values every layer uses: units, languages, errors, located messages.
pub mod base;

/// The input: the scenario, its schema, which provider may serve what.
pub mod scenario;

/// The results as data: a plan's allocation and its metrics.
pub mod plan;

/// The one programme every analysis builds, and its engines.
pub mod model;

/// Scenario to plan: merging, crossover, cut-offs, marginals, diagnosis.
pub mod solve;

/// Analyses: compare, sweep, frontier, alternatives, stress, pathway.
pub mod analysis;

/// Charts, as SVG.
pub mod chart;

/// Reports: one file per result, over shared page, prose and writers.
pub mod report;

/// `tayoka serve`: the local what-if page and its API.
pub mod serve;

/// The command line.
pub mod cli;

pub use base::error::{Error, Result};
pub use cli::ui;
