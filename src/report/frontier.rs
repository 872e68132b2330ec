//! `frontier`: the plans that trade one measure against another
//! (`frontier.csv`), its chart, report and terminal table.

use crate::analysis::frontier::Frontier;
use crate::base::error::Error;
use crate::chart::canvas::escape;
use crate::chart::{self, Chart, format_metric};
use crate::report::csv::{csv_error, finish};
use crate::report::headline::GapOf;
use crate::report::output::{Book, Charts, Output, RunInfo};
use crate::report::page::{Cell, Page, table};
use crate::report::prose::{right, terminal_table, to_terminal, upper_first};
use crate::tr;
use std::fmt::Write;

impl Output for Frontier {
    fn info(&self) -> RunInfo {
        RunInfo {
            lang: self.lang,
            mip_gap: self.mip_gap,
        }
    }

    fn files(&self) -> Result<Vec<(&'static str, Vec<u8>)>, Error> {
        Ok(vec![("frontier.csv", self.csv()?)])
    }

    fn charts(&self) -> Charts<'_> {
        vec![Box::new(chart::FrontierChart::of(self))]
    }

    fn report(&self, charts: &[Box<dyn Chart + '_>]) -> String {
        frontier_html(self, charts)
    }

    fn terminal(&self) -> String {
        frontier_terminal(self)
    }

    fn book(&self) -> Book {
        let title = tr!(
            self.lang,
            "frontier-page-title",
            scenario = self.scenario.as_str()
        );
        Book::new("frontier.xlsx", title, Vec::new())
    }
}

/// frontier in the terminal.
pub fn frontier_terminal(f: &Frontier) -> String {
    let (xn, yn) = (f.x.name(), f.y.name());
    let lang = f.lang;
    let mut t = terminal_table(vec![
        lang.text("col-point"),
        tr!(
            lang,
            "frontier-bound",
            word = f.x.bound_word(),
            x = xn.as_str()
        ),
        xn.clone(),
        yn.clone(),
    ]);
    for (i, p) in f.points.iter().enumerate() {
        t.add_row(vec![
            right(i + 1),
            right(format_metric(&xn, p.cap, lang, &f.currency)),
            right(format_metric(&xn, p.x, lang, &f.currency)),
            right(format_metric(&yn, p.y, lang, &f.currency)),
        ]);
    }
    let title = tr!(
        lang,
        "frontier-title",
        y = yn.as_str(),
        x = xn.as_str(),
        scenario = f.scenario.as_str()
    );
    let mut out = format!("{}\n{t}\n", to_terminal(&title));
    for p in &f.placed {
        let v = |q: &str, x: Option<f64>| {
            x.map(|x| format_metric(q, x, lang, &f.currency))
                .unwrap_or_else(|| lang.text("status-infeasible"))
        };
        let _ = writeln!(
            out,
            "  {}: {xn} {}, {yn} {}",
            p.label,
            v(&xn, p.x),
            v(&yn, p.y)
        );
    }
    out
}

pub fn frontier_html(f: &Frontier, charts: &[Box<dyn Chart + '_>]) -> String {
    let (xn, yn) = (f.x.name(), f.y.name());
    let lang = f.lang;
    let mut page = Page::new(
        &tr!(lang, "frontier-page-title", scenario = f.scenario.as_str()),
        lang,
    );
    page.subtitle(tr!(
        lang,
        "frontier-subtitle",
        y = escape(&yn),
        x = escape(&xn)
    ));
    page.gap_note(f.mip_gap, GapOf::Analysis);
    page.charts(&lang.text("section-chart"), charts);
    let rows = f
        .points
        .iter()
        .enumerate()
        .map(|(i, p)| {
            vec![
                Cell::num(&(i + 1).to_string()),
                Cell::num(&format_metric(&xn, p.cap, lang, &f.currency)),
                Cell::num(&format_metric(&xn, p.x, lang, &f.currency)),
                Cell::num(&format_metric(&yn, p.y, lang, &f.currency)),
            ]
        })
        .collect();
    let cap = tr!(
        lang,
        "frontier-bound",
        word = f.x.bound_word(),
        x = xn.as_str()
    );
    let cap = upper_first(&cap);
    page.section(
        &lang.text("frontier-section"),
        table(
            &[&lang.text("th-point"), &cap, &xn, &yn],
            &[0, 1, 2, 3],
            rows,
        ),
    );
    let rows = f
        .placed
        .iter()
        .map(|p| {
            let v = |q: &str, x: Option<f64>| {
                x.map(|x| format_metric(q, x, lang, &f.currency))
                    .unwrap_or_else(|| lang.text("status-infeasible"))
            };
            vec![
                Cell::text(&p.label),
                Cell::num(&v(&xn, p.x)),
                Cell::num(&v(&yn, p.y)),
            ]
        })
        .collect();
    page.section(
        &lang.text("frontier-plans"),
        table(&[&lang.text("th-plan-name"), &xn, &yn], &[1, 2], rows),
    );
    page.render()
}

impl Frontier {
    /// `frontier.csv`: `kind,label,x_cap,<x>,<y>`; frontier points, then plans.
    pub fn csv(&self) -> Result<Vec<u8>, Error> {
        let mut w = csv::Writer::from_writer(Vec::new());
        let (xn, yn) = (self.x.name(), self.y.name());
        w.write_record(["kind", "label", "x_cap", xn.as_str(), yn.as_str()])
            .map_err(csv_error)?;
        for (i, p) in self.points.iter().enumerate() {
            w.write_record([
                "frontier",
                &(i + 1).to_string(),
                &p.cap.to_string(),
                &p.x.to_string(),
                &p.y.to_string(),
            ])
            .map_err(csv_error)?;
        }
        for p in &self.placed {
            let f = |v: Option<f64>| {
                v.map(|v| v.to_string())
                    .unwrap_or_else(|| "infeasible".into())
            };
            w.write_record(["plan", p.label.as_str(), "", &f(p.x), &f(p.y)])
                .map_err(csv_error)?;
        }
        finish(w)
    }
}
