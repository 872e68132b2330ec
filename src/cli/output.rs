//! The one path every command ends through: its terminal text on standard
//! output, its files, charts and report in the output folder, and a note of
//! what was written. Also where progress bars are drawn.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use indicatif::{ProgressBar, ProgressStyle};

use super::ui;
use crate::analysis::{Progress, Step};
use crate::base::atomic::RunFolder;
use crate::base::error::Error;
use crate::chart::{render_png, render_svg};
use crate::report::Output;
use crate::report::output::FILE_NAMES;

/// What a command prints on standard output besides writing its files.
pub enum Print {
    /// The result's terminal summary.
    Summary,
    /// These bytes (a file's content, for `--format json|csv`).
    Bytes(Vec<u8>),
}

/// Writes a result's files, charts (unless `charts` is false) and report into
/// `dir`, prints what `print` says, and notes how many files were written.
pub fn deliver(dir: &Path, result: &dyn Output, charts: bool, print: Print) -> Result<(), Error> {
    let written = write_result(dir, result, charts)?;
    match print {
        Print::Summary => stdout(ui::printable(&result.terminal()).as_bytes())?,
        Print::Bytes(bytes) => stdout(&bytes)?,
    }
    ui::note(&crate::tr!(
        result.info().lang,
        "wrote-files",
        n = written.len(),
        dir = display_dir(dir)
    ));
    Ok(())
}

/// Writes the files, the charts as SVG and PNG, and report.html into a fresh
/// folder and swaps it in for `dir` whole; returns the files' paths in
/// writing order. Nothing of an earlier run stays beside them.
pub fn write_result(dir: &Path, result: &dyn Output, charts: bool) -> Result<Vec<PathBuf>, Error> {
    let mut folder = RunFolder::create(dir, FILE_NAMES)?;
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
    Ok(written)
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
