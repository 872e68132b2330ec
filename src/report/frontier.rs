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
use crate::report::prose::{answer_block, right, terminal_table, to_terminal, upper_first};
use crate::tr;
use std::fmt::Write;

impl Output for Frontier {
    fn csv_file(&self) -> Option<&'static str> {
        Some("frontier.csv")
    }

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
        Book::new("frontier.xlsx", title, frontier_answer(self))
    }
}

/// frontier in the terminal.
pub fn frontier_terminal(f: &Frontier) -> String {
    let (xn, yn) = (f.x.name(), f.y.name());
    let (xw, yw) = (f.lang.stage_name(&xn), f.lang.stage_name(&yn));
    let lang = f.lang;
    let mut t = terminal_table(vec![
        lang.text("col-point"),
        tr!(
            lang,
            "frontier-bound",
            word = f.x.bound_word(),
            x = xw.as_str()
        ),
        xw.clone(),
        yw.clone(),
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
        y = yw.as_str(),
        x = xw.as_str(),
        scenario = f.scenario.as_str()
    );
    crate::report::prose::keep_words(&mut t);
    let mut out = format!(
        "{}\n{}{t}\n",
        to_terminal(&title),
        answer_block(&frontier_answer(f), lang)
    );
    for p in &f.placed {
        let v = |q: &str, x: Option<f64>| {
            x.map(|x| format_metric(q, x, lang, &f.currency))
                .unwrap_or_else(|| lang.text("status-infeasible"))
        };
        let _ = writeln!(
            out,
            "  {}: {xw} {}, {yw} {}",
            p.label,
            v(&xn, p.x),
            v(&yn, p.y)
        );
    }
    out
}

/// What the frontier says first: how far each measure moves over it, where
/// the curve bends, and the rules that reach their bound there. Every
/// figure is in `frontier.csv` (the points and their `rules_at_bound`).
pub fn frontier_answer(f: &Frontier) -> Vec<String> {
    let (xn, yn) = (f.x.name(), f.y.name());
    let lang = f.lang;
    let (Some(first), Some(last)) = (f.points.first(), f.points.last()) else {
        return Vec::new();
    };
    let (x, y) = (lang.stage_name(&xn), lang.stage_name(&yn));
    let fx = |v: f64| crate::chart::metric_in_sentence(&xn, v, lang, &f.currency);
    let fy = |v: f64| crate::chart::metric_in_sentence(&yn, v, lang, &f.currency);
    let mut out = vec![tr!(
        lang,
        "frontier-answer-range",
        n = f.points.len(),
        x = x.as_str(),
        y = y.as_str(),
        x_from = fx(first.x),
        x_to = fx(last.x),
        y_from = fy(first.y),
        y_to = fy(last.y)
    )];
    if f.points.len() < 3 {
        return out;
    }
    // A step of x: a percentage point of a share, or 1% of an amount.
    let (step, step_text) = if xn.contains("cost") {
        (0.01 * first.x.abs(), lang.text("frontier-step-percent"))
    } else {
        (0.01, lang.text("frontier-step-point"))
    };
    let xy: Vec<(f64, f64)> = f.points.iter().map(|p| (p.x, p.y)).collect();
    let Some(b) = crate::analysis::bend::bend(&xy) else {
        let dx = (last.x - first.x).abs();
        if dx > 0.0 && (last.y - first.y).abs() > 0.0 {
            out.push(tr!(
                lang,
                "frontier-answer-straight",
                step = step_text.as_str(),
                x = x.as_str(),
                y = y.as_str(),
                rate = fy((last.y - first.y).abs() / dx * step)
            ));
        }
        return out;
    };
    let at = &f.points[b.at];
    out.push(tr!(
        lang,
        "frontier-answer-bend",
        k = b.at + 1,
        x = x.as_str(),
        x_at = fx(at.x),
        y = y.as_str(),
        step = step_text.as_str(),
        after = fy(b.after * step),
        before = fy(b.before * step)
    ));
    // Why: the rules at their bound from the bend on that were not before it.
    let before = &f.points[b.at - 1].at_bound;
    let new: Vec<&str> = at
        .at_bound
        .iter()
        .filter(|r| !before.iter().any(|o| o.path == r.path))
        .map(|r| r.rule.as_str())
        .collect();
    if !new.is_empty() {
        out.push(tr!(
            lang,
            "frontier-answer-why",
            rules = lang.list(&new),
            n = new.len()
        ));
    }
    out
}

pub fn frontier_html(f: &Frontier, charts: &[Box<dyn Chart + '_>]) -> String {
    let (xn, yn) = (f.x.name(), f.y.name());
    let (xw, yw) = (f.lang.stage_name(&xn), f.lang.stage_name(&yn));
    let lang = f.lang;
    let mut page = Page::new(
        &tr!(lang, "frontier-page-title", scenario = f.scenario.as_str()),
        lang,
    );
    page.subtitle(tr!(
        lang,
        "frontier-subtitle",
        y = escape(&yw),
        x = escape(&xw)
    ));
    page.answer(&frontier_answer(f));
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
        x = xw.as_str()
    );
    let cap = upper_first(&cap);
    page.section(
        &lang.text("frontier-section"),
        table(
            &[&lang.text("th-point"), &cap, &xw, &yw],
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
        table(&[&lang.text("th-plan-name"), &xw, &yw], &[1, 2], rows),
    );
    page.render()
}

impl Frontier {
    /// `frontier.csv`: `kind,label,x_cap,<x>,<y>`; frontier points, then plans.
    pub fn csv(&self) -> Result<Vec<u8>, Error> {
        let mut w = csv::Writer::from_writer(Vec::new());
        let (xn, yn) = (self.x.name(), self.y.name());
        w.write_record([
            "kind",
            "label",
            "x_cap",
            xn.as_str(),
            yn.as_str(),
            "rules_at_bound",
        ])
        .map_err(csv_error)?;
        for (i, p) in self.points.iter().enumerate() {
            w.write_record([
                "frontier",
                &(i + 1).to_string(),
                &p.cap.to_string(),
                &p.x.to_string(),
                &p.y.to_string(),
                &paths(&p.at_bound),
            ])
            .map_err(csv_error)?;
        }
        for p in &self.placed {
            let f = |v: Option<f64>| {
                v.map(|v| v.to_string())
                    .unwrap_or_else(|| "infeasible".into())
            };
            w.write_record(["plan", p.label.as_str(), "", &f(p.x), &f(p.y), ""])
                .map_err(csv_error)?;
        }
        finish(w)
    }
}

/// Rules at their bound as `frontier.csv` lists them: their override paths,
/// `;`-separated.
fn paths(rules: &[crate::solve::marginals::AtBound]) -> String {
    rules
        .iter()
        .map(|r| r.path.as_str())
        .collect::<Vec<_>>()
        .join(";")
}
