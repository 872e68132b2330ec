//! Everything a run writes: files in the output folder, standard output in
//! pipelines, and the terminal summary.

pub mod analysis;
mod atomic;
pub mod csv;
pub mod html;
pub mod json;
pub mod table;

use std::path::{Path, PathBuf};

pub use atomic::{abandon_writes, write_atomic};

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

/// The output folder of a run: `--out`, or `output/<scenario>/<variant|base>`.
pub fn output_dir(run: &Solved, out: Option<&Path>) -> PathBuf {
    match out {
        Some(dir) => dir.to_path_buf(),
        None => Path::new("output")
            .join(&run.scenario().meta.name)
            .join(run.loaded.variant_label()),
    }
}

/// Writes every plan file into `dir`, each atomically; returns their paths.
pub fn write_plan_files(run: &Solved, dir: &Path) -> Result<Vec<PathBuf>, Error> {
    plan_exporters()
        .iter()
        .map(|e| {
            let path = dir.join(e.file_name());
            write_atomic(&path, &e.render(run)?)?;
            Ok(path)
        })
        .collect()
}

/// The workloads a chart or table shows: all of them, in scenario order,
/// when there are at most `limit`; otherwise the `limit` largest by demand.
/// Returns them and how many were left out.
pub fn shown_workloads(s: &crate::scenario::Scenario, limit: usize) -> (Vec<usize>, usize) {
    let n = s.workloads.len();
    if n <= limit {
        return ((0..n).collect(), 0);
    }
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&a, &b| {
        s.workloads[b]
            .demand
            .total_cmp(&s.workloads[a].demand)
            .then(a.cmp(&b))
    });
    order.truncate(limit);
    (order, n - limit)
}

/// A note on what a table or chart leaves out, or nothing.
pub fn left_out(hidden: usize, total: usize, file: &str) -> Option<String> {
    (hidden > 0).then(|| {
        format!(
            "showing the {} largest of {total} workloads by demand; all of them are in {file}",
            total - hidden
        )
    })
}

/// `0.425` as `42.5%`.
pub fn percent(x: f64) -> String {
    let p = x * 100.0;
    if (p - p.round()).abs() < 0.05 {
        format!("{:.0}%", p.round())
    } else {
        format!("{p:.1}%")
    }
}
