//! A solved plan as a run shows it: its files (`plan.json`, the CSVs), its
//! charts, its report ([`page`]) and its terminal summary ([`terminal`]).

pub mod page;
pub mod terminal;
pub mod workbook;

use crate::base::error::Error;
use crate::chart::{self, Chart, Palette};
use crate::report::output::{Book, Charts, Output, RunInfo};
use crate::solve::Solved;

/// A solved plan, with the colours its charts share.
pub struct PlanOutput<'a> {
    pub run: &'a Solved,
    pub palette: Palette,
}

impl<'a> PlanOutput<'a> {
    pub fn new(run: &'a Solved) -> Self {
        PlanOutput {
            run,
            palette: Palette::new(run.scenario()),
        }
    }
}

impl Output for PlanOutput<'_> {
    fn json_file(&self) -> Option<&'static str> {
        Some("plan.json")
    }

    fn csv_file(&self) -> Option<&'static str> {
        Some("allocation.csv")
    }

    fn info(&self) -> RunInfo {
        RunInfo {
            lang: self.run.scenario().meta.lang,
            mip_gap: self.run.mip_gap,
        }
    }

    fn files(&self) -> Result<Vec<(&'static str, Vec<u8>)>, Error> {
        crate::report::plan_exporters()
            .iter()
            .map(|e| Ok((e.file_name(), e.render(self.run)?)))
            .collect()
    }

    fn charts(&self) -> Charts<'_> {
        chart::plan_charts(self.run, &self.palette)
    }

    fn report(&self, charts: &[Box<dyn Chart + '_>]) -> String {
        page::plan_report(self.run, charts)
    }

    fn terminal(&self) -> String {
        terminal::summary(self.run)
    }

    fn book(&self) -> Book {
        self.book_named("plan.xlsx", crate::report::headline::answer(self.run))
    }
}

impl PlanOutput<'_> {
    /// The plan's workbook under `name`, opening with `answer` (an analysis
    /// that shows the plan, such as stress, says its own first).
    pub fn book_named(&self, name: &'static str, answer: Vec<String>) -> Book {
        let s = self.run.scenario();
        let title = s.meta.title.clone().unwrap_or_else(|| s.meta.name.clone());
        let (sheets, chart) = workbook::sheets(self.run);
        Book {
            sheets,
            chart,
            ..Book::new(name, title, answer)
        }
    }
}
