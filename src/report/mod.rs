//! Everything a run shows: the files in the output folder (plan files,
//! analyses' data files, report.html), and the terminal summaries. Each
//! result is one [`Output`]; charts come from [`crate::chart`], which never
//! looks up here.

// Shared parts: the output trait, the HTML page, prose for terminals, the
// headline sentences, the CSV and JSON writers.
pub mod csv;
pub mod headline;
pub mod json;
pub mod output;
pub mod page;
pub mod prose;
pub mod xlsx;

// One module per thing a run shows.
pub mod alternatives;
pub mod compare;
pub mod diagnosis;
pub mod eligibility;
pub mod frontier;
pub mod pathway;
pub mod plan;
pub mod stress;
pub mod sweep;
pub mod tradeoff;

use std::path::{Path, PathBuf};

pub use crate::base::atomic::{abandon_writes, write_atomic};
/// Which workloads a view shows is the charts' choice; tables follow it.
pub use crate::chart::{left_out, shown_workloads};
pub use compare::CompareOutput;
pub use output::Output;
pub use pathway::PathwayOutput;
pub use plan::PlanOutput;
pub use stress::StressOutput;
pub use sweep::SweepOutput;

use crate::base::error::Error;
use crate::solve::Solved;

/// One output format of a solved plan.
pub trait Exporter {
    /// The file name in the output folder.
    fn file_name(&self) -> &'static str;
    /// The file's bytes: the same plan always gives the same bytes.
    fn render(&self, run: &Solved) -> Result<Vec<u8>, Error>;
}

/// The files every solve writes (DESIGN 6).
pub fn plan_exporters() -> [&'static dyn Exporter; 4] {
    [
        &json::PlanJson,
        &csv::AllocationCsv,
        &csv::SharesCsv,
        &json::MetricsJson,
    ]
}

/// What names a run's output folder, the one rule for every command:
/// `--out`, or `output/<scenario>/<leaf>[+<hash of the --set overrides>]`,
/// where `solve`'s leaf is its variant (or `base`) and an analysis's leaf is
/// its command, with `-<variant>` when it has one.
pub struct RunName<'a> {
    /// The scenario's name (`scenario.name`).
    scenario: &'a str,
    leaf: String,
    /// The `--set` overrides that hold for the whole run, as given.
    sets: Vec<&'a str>,
}

impl<'a> RunName<'a> {
    /// The name of a solve of `loaded`.
    pub fn of_plan(loaded: &'a crate::scenario::Loaded) -> Self {
        RunName {
            scenario: &loaded.scenario.meta.name,
            leaf: loaded.variant_label().to_string(),
            sets: loaded.sets(),
        }
    }

    /// The name of the analysis `command` on `scenario`.
    pub fn of_analysis(
        scenario: &'a str,
        command: &str,
        variant: Option<&str>,
        sets: &'a [crate::scenario::SetArg],
    ) -> Self {
        RunName {
            scenario,
            leaf: match variant {
                Some(v) => format!("{command}-{v}"),
                None => command.to_string(),
            },
            sets: sets.iter().map(|s| s.raw.as_str()).collect(),
        }
    }

    /// The run's folder: `out` when given, else its name under `output/`.
    pub fn folder(&self, out: Option<&Path>) -> PathBuf {
        match out {
            Some(dir) => dir.to_path_buf(),
            None => Path::new("output")
                .join(self.scenario)
                .join(crate::scenario::labelled(&self.leaf, &self.sets)),
        }
    }
}
