//! `alternatives`: how far each share can move at near-optimal cost
//! (`alternatives.csv`), its chart, report and terminal table.

use crate::analysis::alternatives::Alternatives;
use crate::base::error::Error;
use crate::base::units::percent;
use crate::chart::canvas::escape;
use crate::chart::{self, Chart, format_metric};
use crate::report::csv::{csv_error, finish};
use crate::report::headline::GapOf;
use crate::report::output::{Book, Charts, Output, RunInfo};
use crate::report::page::{Cell, Page, table};
use crate::report::prose::{right, terminal_table, to_terminal};
use crate::tr;
use comfy_table::Cell as TCell;

impl Output for Alternatives {
    fn csv_file(&self) -> Option<&'static str> {
        Some("alternatives.csv")
    }

    fn info(&self) -> RunInfo {
        RunInfo {
            lang: self.lang,
            mip_gap: self.mip_gap,
        }
    }

    fn files(&self) -> Result<Vec<(&'static str, Vec<u8>)>, Error> {
        Ok(vec![("alternatives.csv", self.csv()?)])
    }

    fn charts(&self) -> Charts<'_> {
        vec![Box::new(chart::RangeChart { alt: self })]
    }

    fn report(&self, charts: &[Box<dyn Chart + '_>]) -> String {
        alternatives_html(self, charts)
    }

    fn terminal(&self) -> String {
        alternatives_terminal(self)
    }

    fn book(&self) -> Book {
        let title = tr!(
            self.lang,
            "alternatives-page-title",
            scenario = self.scenario.as_str()
        );
        Book::new("alternatives.xlsx", title, Vec::new())
    }
}

/// alternatives in the terminal.
pub fn alternatives_terminal(a: &Alternatives) -> String {
    let lang = a.lang;
    let mut t = terminal_table(
        ["col-value", "status-optimal", "col-min", "col-max"]
            .map(|id| lang.text(id))
            .to_vec(),
    );
    for r in &a.ranges {
        t.add_row(vec![
            TCell::new(&r.value),
            right(percent(r.optimal)),
            right(percent(r.min)),
            right(percent(r.max)),
        ]);
    }
    let (dim, stage) = a.words();
    let title = tr!(
        lang,
        "alternatives-title",
        dim = dim,
        scenario = a.scenario.as_str(),
        stage = stage,
        bound = format_metric(&a.stage, a.bound, lang, &a.currency),
        optimum = format_metric(&a.stage, a.optimum, lang, &a.currency)
    );
    crate::report::prose::keep_words(&mut t);
    format!("{}\n{t}\n", to_terminal(&title))
}

pub fn alternatives_html(a: &Alternatives, charts: &[Box<dyn Chart + '_>]) -> String {
    let lang = a.lang;
    let mut page = Page::new(
        &tr!(
            lang,
            "alternatives-page-title",
            scenario = a.scenario.as_str()
        ),
        lang,
    );
    let (dim, stage) = a.words();
    page.subtitle(tr!(
        lang,
        "alternatives-subtitle",
        stage = escape(&stage),
        bound = escape(&format_metric(&a.stage, a.bound, lang, &a.currency)),
        optimum = escape(&format_metric(&a.stage, a.optimum, lang, &a.currency)),
        slack = a.slack.to_string(),
        dim = escape(&dim)
    ));
    page.gap_note(a.mip_gap, GapOf::Analysis);
    page.charts(&lang.text("section-chart"), charts);
    let rows = a
        .ranges
        .iter()
        .map(|r| {
            vec![
                Cell::text(&r.value),
                Cell::num(&percent(r.optimal)),
                Cell::num(&percent(r.min)),
                Cell::num(&percent(r.max)),
            ]
        })
        .collect();
    let headers =
        ["th-value", "th-optimal-plan", "th-smallest", "th-largest"].map(|id| lang.text(id));
    page.section(
        &lang.text("alternatives-ranges"),
        table(&headers.each_ref().map(String::as_str), &[1, 2, 3], rows),
    );
    page.render()
}

impl Alternatives {
    /// `alternatives.csv`: `dimension,value,optimal_share,min_share,max_share`.
    pub fn csv(&self) -> Result<Vec<u8>, Error> {
        let mut w = csv::Writer::from_writer(Vec::new());
        w.write_record([
            "dimension",
            "value",
            "optimal_share",
            "min_share",
            "max_share",
        ])
        .map_err(csv_error)?;
        for r in &self.ranges {
            w.write_record([
                self.dimension.as_str(),
                r.value.as_str(),
                &r.optimal.to_string(),
                &r.min.to_string(),
                &r.max.to_string(),
            ])
            .map_err(csv_error)?;
        }
        finish(w)
    }
}
