//! Every result a command gives, as one [`Output`]: its data files, its
//! charts, its report and its terminal summary. The command line ends every
//! command through the same path with it, so a new analysis only says what
//! it shows, never how files are written.

use crate::base::error::Error;
use crate::base::lang::Lang;
use crate::chart::Chart;

/// The name of every file tayoka writes into a run folder: a folder holding
/// only these may be replaced by a new run; any other file is the user's.
pub const FILE_NAMES: &[&str] = &[
    "plan.json",
    "allocation.csv",
    "shares.csv",
    "metrics.json",
    "diagnosis.json",
    "report.html",
    "compare.csv",
    "compare-wide.csv",
    "compare.json",
    "changes.csv",
    "sweep.csv",
    "diagnoses.json",
    "frontier.csv",
    "tradeoff.csv",
    "tradeoff.json",
    "alternatives.csv",
    "stress.csv",
    "stress-workloads.csv",
    "stress.json",
    "montecarlo.csv",
    "pathway.csv",
    "pathway.json",
    "pathway_allocation.csv",
    "investment.csv",
    "allocation.svg",
    "allocation.png",
    "shares.svg",
    "shares.png",
    "concentration.svg",
    "concentration.png",
    "compare-metrics.svg",
    "compare-metrics.png",
    "compare-shares.svg",
    "compare-shares.png",
    "sweep.svg",
    "sweep.png",
    "frontier.svg",
    "frontier.png",
    "tradeoff.svg",
    "tradeoff.png",
    "alternatives.svg",
    "alternatives.png",
    "stress.svg",
    "stress.png",
    "montecarlo.svg",
    "montecarlo.png",
    "pathway.svg",
    "pathway.png",
    "plan.xlsx",
    "diagnosis.xlsx",
    "compare.xlsx",
    "sweep.xlsx",
    "frontier.xlsx",
    "tradeoff.xlsx",
    "alternatives.xlsx",
    "stress.xlsx",
    "pathway.xlsx",
];

/// Whether `name` is a file of a run folder ([`FILE_NAMES`]).
pub fn is_run_file(name: &str) -> bool {
    FILE_NAMES.contains(&name)
}

/// The charts of one result: boxed, each borrowing from the result.
pub type Charts<'a> = Vec<Box<dyn Chart + 'a>>;

/// What one result gives a person and a program.
pub trait Output {
    /// The data files, as (file name, bytes), in the order they are written.
    fn files(&self) -> Result<Vec<(&'static str, Vec<u8>)>, Error>;
    /// The charts, each written as SVG and PNG (none where it has none).
    fn charts(&self) -> Charts<'_> {
        Vec::new()
    }
    /// `report.html`, with the charts drawn inline.
    fn report(&self, charts: &[Box<dyn Chart + '_>]) -> String;
    /// The summary for a terminal.
    fn terminal(&self) -> String;
    /// What every file and summary of the run says about it.
    fn info(&self) -> RunInfo;
    /// The workbook beside the CSVs: its name, its answer and its own
    /// sheets (the CSVs follow, one sheet each).
    fn book(&self) -> Book;
    /// The run's own JSON file, which `--format json` prints (none: its
    /// main CSV is printed as JSON records).
    fn json_file(&self) -> Option<&'static str> {
        None
    }
    /// The run's main CSV file, which `--format csv` prints.
    fn csv_file(&self) -> Option<&'static str> {
        None
    }
}

/// The workbook a run writes beside its CSVs ([`crate::report::xlsx`]).
pub struct Book {
    /// `plan.xlsx`, `<command>.xlsx`.
    pub name: &'static str,
    pub title: String,
    /// The sentences the first sheet opens with: the report's answer.
    pub answer: Vec<String>,
    /// Sheets before the CSVs' (a plan's tables with names beside the ids).
    pub sheets: Vec<crate::report::xlsx::Sheet>,
    pub chart: Option<crate::report::xlsx::LimitChart>,
}

impl Book {
    /// A workbook of the answer and the CSVs alone.
    pub fn new(name: &'static str, title: String, answer: Vec<String>) -> Self {
        Book {
            name,
            title,
            answer,
            sheets: Vec::new(),
            chart: None,
        }
    }

    /// The workbook's bytes, with `files`' CSVs as sheets.
    pub fn render(self, lang: Lang, files: &[(&'static str, Vec<u8>)]) -> Result<Vec<u8>, Error> {
        crate::report::xlsx::workbook(
            lang,
            &self.title,
            &self.answer,
            self.sheets,
            files,
            self.chart.as_ref(),
        )
    }
}

/// What every output of a run repeats about it, as one value.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RunInfo {
    /// The language its texts for people are written in.
    pub lang: Lang,
    /// The widest MIP gap its plans were proven within, where integer
    /// rules stopped a branch and bound there (see `--mip-gap`); `None`
    /// where every optimum was proven exactly.
    pub mip_gap: Option<f64>,
}
