//! `sweep`: one rule's value stepped over a range (`sweep.csv`), its
//! chart, report and terminal table.

use crate::analysis::Outcome;
use crate::analysis::sweep::{Point, Sweep};
use crate::base::diagnosis::Diagnosis;
use crate::base::error::Error;
use crate::chart::canvas::escape;
use crate::chart::{self, Chart};
use crate::report::compare::{row_name, shown};
use crate::report::csv::{csv_error, finish};
use crate::report::diagnosis::infeasible_section;
use crate::report::headline::GapOf;
use crate::report::output::{Book, Charts, Output, RunInfo};
use crate::report::page::{Cell, Page, table};
use crate::report::prose::{right, terminal_table};
use crate::tr;
use comfy_table::Cell as TCell;

/// A sweep, with the metrics its chart and table show.
pub struct SweepOutput<'a> {
    pub sweep: &'a Sweep,
    pub scenario: String,
    pub metrics: &'a [String],
}

impl Output for SweepOutput<'_> {
    fn info(&self) -> RunInfo {
        RunInfo {
            lang: self.sweep.lang,
            mip_gap: self.sweep.mip_gap(),
        }
    }

    fn files(&self) -> Result<Vec<(&'static str, Vec<u8>)>, Error> {
        let mut files = vec![("sweep.csv", self.sweep.csv()?)];
        if let Some(json) = diagnoses_json(self.sweep)? {
            files.push(("diagnoses.json", json));
        }
        Ok(files)
    }

    fn charts(&self) -> Charts<'_> {
        vec![Box::new(chart::SweepChart {
            sweep: self.sweep,
            metrics: self.metrics,
        })]
    }

    fn report(&self, charts: &[Box<dyn Chart + '_>]) -> String {
        sweep_html(self.sweep, &self.scenario, self.metrics, charts)
    }

    fn terminal(&self) -> String {
        sweep_terminal(self.sweep, self.metrics)
    }

    fn book(&self) -> Book {
        let lang = self.sweep.lang;
        let title = tr!(lang, "sweep-page-title", scenario = self.scenario.as_str());
        Book::new("sweep.xlsx", title, Vec::new())
    }
}

/// sweep in the terminal: one row per point with the chosen metrics.
pub fn sweep_terminal(sw: &Sweep, metrics: &[String]) -> String {
    let header: Vec<String> = sw
        .axes
        .iter()
        .map(|a| a.path.clone())
        .chain(std::iter::once(sw.lang.text("col-status")))
        .chain(metrics.iter().map(|m| row_name(m, sw.lang, &sw.currency)))
        .collect();
    let mut t = terminal_table(header);
    for p in &sw.points {
        let mut row: Vec<TCell> = p
            .params
            .iter()
            .map(|v| right(crate::base::units::tidy(*v)))
            .collect();
        row.push(TCell::new(p.outcome.status_text()));
        row.extend(metrics.iter().map(|m| {
            right(
                sw.value(p, m)
                    .map(|v| shown(m, &v.to_string(), sw.lang, &sw.currency))
                    .unwrap_or_default(),
            )
        }));
        t.add_row(row);
    }
    format!("{t}\n")
}

pub fn sweep_html(
    sw: &Sweep,
    scenario: &str,
    metrics: &[String],
    charts: &[Box<dyn Chart + '_>],
) -> String {
    let lang = sw.lang;
    let mut page = Page::new(&tr!(lang, "sweep-page-title", scenario = scenario), lang);
    let axes: Vec<String> = sw
        .axes
        .iter()
        .map(|a| {
            tr!(
                lang,
                "sweep-axis",
                path = escape(&a.path),
                n = a.values.len()
            )
        })
        .collect();
    page.subtitle(tr!(
        lang,
        "sweep-subtitle",
        n = sw.points.len(),
        axes = axes.join(" × ")
    ));
    page.gap_note(sw.mip_gap(), GapOf::Analysis);
    page.charts(&lang.text("section-chart"), charts);
    let headers: Vec<String> = sw
        .axes
        .iter()
        .map(|a| a.path.clone())
        .chain(std::iter::once(lang.text("th-status")))
        .chain(metrics.iter().map(|m| row_name(m, lang, &sw.currency)))
        .collect();
    let refs: Vec<&str> = headers.iter().map(String::as_str).collect();
    let numeric: Vec<usize> = (0..headers.len()).filter(|&i| i != sw.axes.len()).collect();
    let rows = sw
        .points
        .iter()
        .map(|p| {
            let mut row: Vec<Cell> = p
                .params
                .iter()
                .map(|v| Cell::num(&crate::base::units::tidy(*v).to_string()))
                .collect();
            row.push(Cell::text(&p.outcome.status_text()));
            row.extend(metrics.iter().map(|m| {
                Cell::num(
                    &sw.value(p, m)
                        .map(|v| shown(m, &v.to_string(), sw.lang, &sw.currency))
                        .unwrap_or_default(),
                )
            }));
            row
        })
        .collect();
    page.section(&lang.text("sweep-points"), table(&refs, &numeric, rows));
    let infeasible = infeasible_points(sw).map(|(p, d)| {
        let at: Vec<String> = sw
            .axes
            .iter()
            .zip(&p.params)
            .map(|(a, v)| format!("{} = {}", a.path, crate::base::units::tidy(*v)))
            .collect();
        (at.join(", "), d)
    });
    infeasible_section(&mut page, &lang.text("sweep-infeasible"), infeasible);
    page.render()
}

/// The points without a plan, with their diagnoses.
fn infeasible_points(sw: &Sweep) -> impl Iterator<Item = (&Point, &Diagnosis)> {
    sw.points.iter().filter_map(|p| match &p.outcome {
        Outcome::Infeasible(d) => Some((p, d.as_ref())),
        Outcome::Solved(_) => None,
    })
}

/// `diagnoses.json`: each point without a plan, at its parameters' values,
/// with its diagnosis (as `diagnosis.json` of a solve holds it); none when
/// every point has a plan.
fn diagnoses_json(sw: &Sweep) -> Result<Option<Vec<u8>>, Error> {
    #[derive(serde::Serialize)]
    struct Infeasible<'a> {
        at: serde_json::Map<String, serde_json::Value>,
        diagnosis: &'a Diagnosis,
    }
    let points: Vec<Infeasible> = infeasible_points(sw)
        .map(|(p, diagnosis)| Infeasible {
            at: sw
                .axes
                .iter()
                .zip(&p.params)
                .map(|(a, v)| (a.path.clone(), serde_json::json!(v)))
                .collect(),
            diagnosis,
        })
        .collect();
    if points.is_empty() {
        return Ok(None);
    }
    crate::report::json::to_json(&points).map(Some)
}

impl Sweep {
    /// `sweep.csv`: the parameter paths, `status`, then every metric.
    pub fn csv(&self) -> Result<Vec<u8>, Error> {
        let names = self.metric_names();
        let mut w = csv::Writer::from_writer(Vec::new());
        let header: Vec<&str> = self
            .axes
            .iter()
            .map(|a| a.path.as_str())
            .chain(std::iter::once("status"))
            .chain(names.iter().map(String::as_str))
            .collect();
        w.write_record(&header).map_err(csv_error)?;
        for p in &self.points {
            let mut rec: Vec<String> = p
                .params
                .iter()
                .map(|v| crate::base::units::tidy(*v).to_string())
                .collect();
            rec.push(p.outcome.status().to_string());
            rec.extend(
                names
                    .iter()
                    .map(|n| self.value(p, n).map(|v| v.to_string()).unwrap_or_default()),
            );
            w.write_record(&rec).map_err(csv_error)?;
        }
        finish(w)
    }
}
