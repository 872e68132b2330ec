//! The one path every command ends through: its terminal text on standard
//! output, its files, charts and report in the output folder, and a note of
//! what was written. Also where progress bars are drawn.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use indicatif::{ProgressBar, ProgressStyle};

use super::args::Format;
use super::ui;
use crate::analysis::{Progress, Step};
use crate::base::atomic::RunFolder;
use crate::base::error::Error;
use crate::chart::{render_png, render_svg};
use crate::report::Output;
use crate::report::output::is_run_file;

/// Writes a result's files, charts (unless `charts` is false) and report into
/// `dir`, prints what `format` says (the summary, or one of the files just
/// written), and notes how many files were written.
pub fn deliver(dir: &Path, result: &dyn Output, charts: bool, format: Format) -> Result<(), Error> {
    let (written, files) = write_result(dir, result, charts)?;
    match format {
        Format::Table => stdout(ui::printable(&result.terminal()).as_bytes())?,
        format => stdout(&printed(result, &files, format)?)?,
    }
    ui::note(&crate::tr!(
        result.info().lang,
        "wrote-files",
        n = written.len(),
        dir = display_dir(dir)
    ));
    Ok(())
}

/// What `--format json|csv` prints of a result's `files`: its JSON file or
/// main CSV; without a JSON file of its own, its main CSV as JSON records.
fn printed(result: &dyn Output, files: &[DataFile], format: Format) -> Result<Vec<u8>, Error> {
    let bytes_of = |name: Option<&str>| {
        name.and_then(|n| files.iter().find(|(f, _)| *f == n))
            .map(|(_, b)| b.clone())
    };
    let csv = bytes_of(result.csv_file())
        .ok_or_else(|| Error::output("CSV", "this run has no main CSV"))?;
    match (format, bytes_of(result.json_file())) {
        (Format::Json, Some(json)) => Ok(json),
        (Format::Json, None) => crate::report::json::csv_records(&csv),
        _ => Ok(csv),
    }
}

/// A data file of a result: its name and bytes.
type DataFile = (&'static str, Vec<u8>);

/// Writes the files, the charts as SVG and PNG, and report.html into a fresh
/// folder and swaps it in for `dir` whole; returns the paths in writing
/// order, and the data files. Nothing of an earlier run stays beside them.
pub fn write_result(
    dir: &Path,
    result: &dyn Output,
    charts: bool,
) -> Result<(Vec<PathBuf>, Vec<DataFile>), Error> {
    let mut folder = RunFolder::create(dir, is_run_file)?;
    let mut written = Vec::new();
    let files = result.files()?;
    for (name, bytes) in &files {
        written.push(folder.write(name, bytes)?);
    }
    let (book, lang) = (result.book(), result.info().lang);
    let name = book.name;
    std::thread::scope(|scope| {
        // The workbook is built beside the charts and the report: on a large
        // estate it takes as long as they do.
        let bytes = scope.spawn(|| book.render(lang, &files));
        let charts = if charts { result.charts() } else { Vec::new() };
        for chart in &charts {
            let name = chart.name();
            written.push(folder.write(
                &format!("{name}.svg"),
                render_svg(chart.as_ref()).as_bytes(),
            )?);
            written.push(folder.write(&format!("{name}.png"), &render_png(chart.as_ref()))?);
        }
        written.push(folder.write("report.html", result.report(&charts).as_bytes())?);
        let bytes = bytes
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic))?;
        written.push(folder.write(name, &bytes)?);
        Ok::<(), Error>(())
    })?;
    folder.commit()?;
    Ok((written, files))
}

/// `dir/`, as notes show a folder.
pub fn display_dir(dir: &Path) -> String {
    format!("{}/", dir.display())
}

/// Writes to standard output and flushes.
pub fn stdout(bytes: &[u8]) -> Result<(), Error> {
    let mut out = std::io::stdout().lock();
    out.write_all(bytes)
        .and_then(|()| out.flush())
        .map_err(|source| Error::Write {
            path: PathBuf::from("<standard output>"),
            source,
        })
}

/// Progress bars on a terminal's standard error; none when it is piped or
/// with `--quiet`.
pub struct TerminalProgress;

struct Bar(ProgressBar);

impl Step for Bar {
    fn advance(&self, n: u64) {
        self.0.inc(n);
    }
}

impl Drop for Bar {
    fn drop(&mut self) {
        self.0.finish_and_clear();
    }
}

impl Progress for TerminalProgress {
    fn begin(&self, what: &str, len: usize) -> Box<dyn Step> {
        if !std::io::stderr().is_terminal() || ui::quiet() {
            return Box::new(Bar(ProgressBar::hidden()));
        }
        let bar = ProgressBar::new(len as u64);
        if let Ok(style) = ProgressStyle::with_template("{msg} [{bar:30}] {pos}/{len} ({elapsed})")
        {
            bar.set_style(style.progress_chars("=> "));
        }
        bar.set_message(what.to_string());
        Box::new(Bar(bar))
    }

    fn detail(&self, line: &str) {
        ui::detail(line);
    }
}
