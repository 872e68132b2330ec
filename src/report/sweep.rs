//! `sweep`: one rule's value stepped over a range (`sweep.csv`), its
//! chart, report and terminal table.

use crate::analysis::Outcome;
use crate::analysis::sweep::{Point, Sweep};
use crate::base::diagnosis::Diagnosis;
use crate::base::error::Error;
use crate::chart::canvas::escape;
use crate::chart::{self, Chart};
use crate::report::compare::{metric_words, row_name, shown};
use crate::report::csv::{csv_error, finish};
use crate::report::diagnosis::infeasible_section;
use crate::report::headline::GapOf;
use crate::report::output::{Book, Charts, Output, RunInfo};
use crate::report::page::{Cell, Page, table};
use crate::report::prose::{answer_block, right, terminal_table};
use crate::tr;
use comfy_table::Cell as TCell;

/// A sweep, with the metrics its chart and table show.
pub struct SweepOutput<'a> {
    pub sweep: &'a Sweep,
    pub scenario: String,
    pub metrics: &'a [String],
}

impl Output for SweepOutput<'_> {
    fn csv_file(&self) -> Option<&'static str> {
        Some("sweep.csv")
    }

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
        Book::new("sweep.xlsx", title, sweep_answer(self.sweep, self.metrics))
    }
}

/// sweep in the terminal: one row per point with the chosen metrics.
pub fn sweep_terminal(sw: &Sweep, metrics: &[String]) -> String {
    let header: Vec<String> = sw
        .axes
        .iter()
        .map(|a| param_header(sw, short_path(&a.path), &a.path))
        .chain(std::iter::once(sw.lang.text("col-status")))
        // Words break between words where a narrow terminal needs it.
        .chain(
            metrics
                .iter()
                .map(|m| metric_words(m, sw.lang, &sw.currency)),
        )
        .collect();
    let mut t = terminal_table(header);
    for p in &sw.points {
        let mut row: Vec<TCell> = sw
            .axes
            .iter()
            .zip(&p.params)
            .map(|(a, &v)| right(param_cell(sw, &a.path, v)))
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
    crate::report::prose::keep_words(&mut t);
    format!("{}{t}\n", answer_block(&sweep_answer(sw, metrics), sw.lang))
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
    page.answer(&sweep_answer(sw, metrics));
    page.gap_note(sw.mip_gap(), GapOf::Analysis);
    page.charts(&lang.text("section-chart"), charts);
    let headers: Vec<String> = sw
        .axes
        .iter()
        .map(|a| param_header(sw, &a.path, &a.path))
        .chain(std::iter::once(lang.text("th-status")))
        .chain(metrics.iter().map(|m| row_name(m, lang, &sw.currency)))
        .collect();
    let refs: Vec<&str> = headers.iter().map(String::as_str).collect();
    let numeric: Vec<usize> = (0..headers.len()).filter(|&i| i != sw.axes.len()).collect();
    let rows = sw
        .points
        .iter()
        .map(|p| {
            let mut row: Vec<Cell> = sw
                .axes
                .iter()
                .zip(&p.params)
                .map(|(a, &v)| Cell::num(&param_cell(sw, &a.path, v)))
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
            .map(|(a, v)| format!("{} = {}", a.path, value_text(sw, &a.path, *v)))
            .collect();
        (at.join(", "), d)
    });
    infeasible_section(&mut page, &lang.text("sweep-infeasible"), infeasible);
    page.render()
}

/// A swept path as a terminal column names it, without the table it sits
/// in (`any-provider.max_share`, `sakura.capacity`, `budget`): the answer
/// above the table says it in full.
fn short_path(path: &str) -> &str {
    ["policy.limits.", "providers.", "workloads.", "policy."]
        .iter()
        .find_map(|p| path.strip_prefix(p))
        .unwrap_or(path)
}

/// A swept value in a table: money as the table's cost columns show it
/// (`38.00 bn`, in Japanese `380.0` under a header in 億円).
fn param_cell(sw: &Sweep, path: &str, v: f64) -> String {
    if is_total_money(path) {
        shown("total_cost", &v.to_string(), sw.lang, &sw.currency)
    } else {
        crate::base::units::tidy(v).to_string()
    }
}

/// Whether a swept path is a sum of money as large as the costs (a budget,
/// a contract's cost), shown as the cost columns are; a unit price stays a
/// plain figure (in 億円 it would read 0).
fn is_total_money(path: &str) -> bool {
    path.ends_with(".budget") || path.ends_with(".contract_cost")
}

/// A swept path's column header `name`, money's unit said once where its
/// cells are in 億円 (as [`metric_words`] says it of the cost columns).
fn param_header(sw: &Sweep, name: &str, path: &str) -> String {
    let oku = crate::base::units::money_in_oku(0.0, sw.lang, &sw.currency).is_some();
    if is_total_money(path) && oku {
        let name = match path == "policy.budget" {
            true => sw.lang.text("metric-budget"),
            false => name.to_string(),
        };
        tr!(sw.lang, "row-in-oku", name = name)
    } else {
        name.to_string()
    }
}

/// A value of the swept `path` in a sentence: money with its currency,
/// large amounts with thousands separators.
fn value_text(sw: &Sweep, path: &str, v: f64) -> String {
    if crate::chart::is_money_path(path) {
        crate::base::units::money(v, sw.lang, &sw.currency, false)
    } else if v.abs() >= 1e4 {
        crate::base::units::amount(v)
    } else {
        crate::base::units::tidy(v).to_string()
    }
}

/// The values of the points `marked`, in the grid's order, runs of
/// neighbours said as a span: `0.1`, `0.15–0.3`. `marked` has one entry
/// per point.
fn spans(sw: &Sweep, marked: &[bool]) -> String {
    let lang = sw.lang;
    let mut runs: Vec<(f64, f64)> = Vec::new();
    let mut open = false;
    for (p, &marked) in sw.points.iter().zip(marked) {
        let v = p.params[0];
        match (marked, open, runs.last_mut()) {
            (true, true, Some(last)) => last.1 = v,
            (true, _, _) => runs.push((v, v)),
            _ => {}
        }
        open = marked;
    }
    let path = sw.axes.first().map_or("", |a| a.path.as_str());
    let said: Vec<String> = runs
        .iter()
        .map(|&(a, b)| {
            if a == b {
                value_text(sw, path, a)
            } else {
                tr!(
                    lang,
                    "span",
                    from = value_text(sw, path, a),
                    to = value_text(sw, path, b)
                )
            }
        })
        .collect();
    lang.list(&said)
}

/// What a sweep says first: where it has no plan and the smallest change
/// that gives one, then where its first metric's curve bends and why: for
/// a rule swept alone, the points where the rule is at its bound (and so
/// sets the plan) and those where it has room. Every figure is in
/// `sweep.csv` and `diagnoses.json`.
pub fn sweep_answer(sw: &Sweep, metrics: &[String]) -> Vec<String> {
    let lang = sw.lang;
    let mut out = Vec::new();
    let one = sw.axes.len() == 1;
    let path = sw.axes.first().map_or("", |a| a.path.as_str());
    let none = sw
        .points
        .iter()
        .filter(|p| p.outcome.solved().is_none())
        .count();
    if none > 0 {
        let change = infeasible_points(sw)
            .next()
            .and_then(|(_, d)| d.relaxations.first())
            .filter(|r| r.bends.len() == 1)
            .map(|r| {
                let b = &r.bends[0];
                tr!(
                    lang,
                    "sweep-answer-change",
                    rule = b.rule.as_str(),
                    value = value_text(sw, &b.path, b.suggested)
                )
            })
            .unwrap_or_default();
        out.push(if one {
            tr!(
                lang,
                "sweep-answer-none",
                path = path,
                values = spans(
                    sw,
                    &sw.points
                        .iter()
                        .map(|p| p.outcome.solved().is_none())
                        .collect::<Vec<_>>()
                ),
                change = change
            )
        } else {
            tr!(
                lang,
                "sweep-answer-none-count",
                n = none,
                total = sw.points.len(),
                change = change
            )
        });
    }
    let Some(metric) = metrics.first() else {
        return out;
    };
    let solved: Vec<(&Point, f64)> = sw
        .points
        .iter()
        .filter_map(|p| Some((p, sw.value(p, metric)?)))
        .collect();
    let (Some(lo), Some(hi)) = (
        solved.iter().min_by(|a, b| a.1.total_cmp(&b.1)),
        solved.iter().max_by(|a, b| a.1.total_cmp(&b.1)),
    ) else {
        return out;
    };
    let name = lang.stage_name(metric);
    let fig = |v: f64| crate::chart::metric_in_sentence(metric, v, lang, &sw.currency);
    let flat = hi.1 - lo.1 <= 1e-6 * hi.1.abs().max(1e-9);
    // For a rule swept alone: is it at its bound at a point?
    let rule = one
        && solved.first().is_some_and(|(p, _)| {
            p.outcome.solved().is_some_and(|run| {
                crate::solve::marginals::rule_paths(run.scenario()).contains(&path.to_string())
            })
        });
    if rule {
        // Per point, once: the rule at its bound; with room (a plan, not at it).
        let at_bound: Vec<bool> = sw
            .points
            .iter()
            .map(|p| {
                p.outcome.solved().is_some_and(|run| {
                    crate::solve::marginals::rules_at_bound(run)
                        .iter()
                        .any(|r| r.path == path)
                })
            })
            .collect();
        let with_room: Vec<bool> = sw
            .points
            .iter()
            .zip(&at_bound)
            .map(|(p, &b)| p.outcome.solved().is_some() && !b)
            .collect();
        let values = |marked: &[bool]| -> Vec<f64> {
            sw.points
                .iter()
                .zip(marked)
                .filter(|(_, m)| **m)
                .filter_map(|(p, _)| sw.value(p, metric))
                .collect()
        };
        let (bound, room) = (values(&at_bound), values(&with_room));
        let range = |v: &[f64]| {
            let (a, b) = (
                v.iter().copied().fold(f64::INFINITY, f64::min),
                v.iter().copied().fold(f64::NEG_INFINITY, f64::max),
            );
            if b - a <= 1e-6 * b.abs().max(1e-9) {
                fig(a)
            } else {
                tr!(lang, "span", from = fig(a), to = fig(b))
            }
        };
        out.push(match (bound.is_empty(), room.is_empty()) {
            (true, _) => tr!(
                lang,
                "sweep-answer-room",
                path = path,
                metric = name.as_str(),
                value = range(&room)
            ),
            (false, true) => tr!(
                lang,
                "sweep-answer-bound",
                path = path,
                metric = name.as_str(),
                value = range(&bound)
            ),
            (false, false) => tr!(
                lang,
                "sweep-answer-bends",
                path = path,
                bound = spans(sw, &at_bound),
                room = spans(sw, &with_room),
                metric = name.as_str(),
                at_bound = range(&bound),
                with_room = range(&room)
            ),
        });
        return out;
    }
    let at = |p: &Point| {
        sw.axes
            .iter()
            .zip(&p.params)
            .map(|(a, v)| format!("{} = {}", a.path, value_text(sw, &a.path, *v)))
            .collect::<Vec<_>>()
            .join(", ")
    };
    out.push(if flat {
        tr!(
            lang,
            "sweep-answer-flat",
            metric = name.as_str(),
            value = fig(lo.1)
        )
    } else {
        tr!(
            lang,
            "sweep-answer-range",
            metric = name.as_str(),
            lo = fig(lo.1),
            lo_at = at(lo.0),
            hi = fig(hi.1),
            hi_at = at(hi.0)
        )
    });
    if one && !flat {
        let xy: Vec<(f64, f64)> = solved.iter().map(|(p, v)| (p.params[0], *v)).collect();
        if let Some(b) = crate::analysis::bend::bend(&xy) {
            out.push(tr!(
                lang,
                "sweep-answer-bend",
                metric = name.as_str(),
                at = at(solved[b.at].0),
                ratio = format!("{:.1}", b.after / b.before.max(1e-300)),
                flat = if b.before > 0.0 { "no" } else { "yes" }
            ));
        }
    }
    out
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
