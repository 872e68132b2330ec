//! tayoka (多様化, "diversification") plans how a government spreads its AI
//! workloads across domestic and foreign providers so that it depends on no
//! single provider, company or country, inside budget, capacity, security and
//! data-residency rules.
//!
//! The flow: a scenario TOML is [loaded](scenario::load) (variant and `--set`
//! overrides applied, every problem reported with its line and column),
//! [eligibility](eligibility::Eligibility) decides which provider may serve
//! which workload, [one model builder](model::Model) turns the rules into a
//! linear programme, the objective stages run lexicographically, and the
//! [plan](plan::Solved) carries the allocation and its [metrics](metrics::Metrics).
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
//! let plan = tayoka::plan::solve(loaded, tayoka::solver::SolverKind::Microlp)?;
//! // Two equal providers: the most any one of them serves is half.
//! assert_eq!(plan.metrics.stages[0].name, "max_share:provider");
//! assert!((plan.metrics.stages[0].value - 0.5).abs() < 1e-9);
//! # Ok::<(), tayoka::error::Error>(())
//! ```

// The layers, lowest first: each module imports only its own layer and the
// layers below (tests/architecture.rs checks it; README "Layout").

// Values every layer uses.
pub mod atomic;
pub mod diagnosis;
pub mod diagnostic;
pub mod error;
pub mod lang;
pub mod solver;
pub mod units;

// The input: the scenario, its schema, eligibility.
pub mod eligibility;
pub mod scenario;
pub mod schema;

// The results: a plan's allocation and metrics.
pub mod allocation;
pub mod metrics;

// The solve: one model builder, merging, cut-offs, diagnosis, the plan.
pub mod aggregate;
pub mod binding;
pub mod diagnose;
pub mod model;
pub mod plan;
pub mod resilience;
pub mod vertex;

// Analyses: compare, sweep, frontier, alternatives, stress, pathway.
pub mod analysis;

// Presentation: charts, then the reports that embed them.
pub mod chart;
pub mod report;

// The command line.
pub mod cli;

pub use cli::ui;
pub use error::{Error, Result};
