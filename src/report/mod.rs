//! Everything a run shows: the files in the output folder (plan files,
//! analyses' data files, report.html), and the terminal summaries. Each
//! result is one [`Output`]; charts come from [`crate::chart`], which never
//! looks up here.

pub mod analysis;
pub mod csv;
pub mod files;
pub mod headline;
pub mod html;
pub mod json;
pub mod output;
pub mod pathway;
pub mod prose;
pub mod stress;
pub mod table;
pub mod tradeoff;

use std::path::{Path, PathBuf};

pub use crate::atomic::{abandon_writes, write_atomic};
/// Which workloads a view shows is the charts' choice; tables follow it.
pub use crate::chart::{left_out, shown_workloads};
pub use output::{CompareOutput, Output, PathwayOutput, PlanOutput, StressOutput, SweepOutput};

use crate::error::Error;
use crate::plan::Solved;

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

/// The output folder of a run: `--out`, or
/// `output/<scenario>/<variant|base>[+<hash of the --set overrides>]`.
pub fn output_dir(loaded: &crate::scenario::Loaded, out: Option<&Path>) -> PathBuf {
    match out {
        Some(dir) => dir.to_path_buf(),
        None => Path::new("output")
            .join(&loaded.scenario.meta.name)
            .join(loaded.run_label()),
    }
}
