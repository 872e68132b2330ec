//! `compare`: plans side by side (`compare.csv`, `compare.json`,
//! `changes.csv`), its charts, report and terminal table.

use crate::analysis::Outcome;
use crate::analysis::compare::{COST_CHANGE_PARTS, Comparison, Move};
use crate::base::error::Error;
use crate::base::lang::Lang;
use crate::chart::canvas::escape;
use crate::chart::{self, Chart, Palette, format_metric};
use crate::report::csv::{csv_error, finish};
use crate::report::diagnosis::infeasible_section;
use crate::report::headline::GapOf;
use crate::report::output::{Book, Charts, Output, RunInfo};
use crate::report::page::{Cell, Page, table};
use crate::report::prose::{answer_block, right, terminal_table, terminal_width, wrap};
use crate::scenario::{AppliedOverride, OverrideSource};
use crate::solve::Solved;
use crate::tr;
use comfy_table::Cell as TCell;
use serde::Serialize;
use std::fmt::Write;

/// A comparison, with the colours of its first plan.
pub struct CompareOutput<'a> {
    pub cmp: &'a Comparison,
    palette: Option<Palette>,
}

impl<'a> CompareOutput<'a> {
    pub fn new(cmp: &'a Comparison) -> Self {
        let palette = first_plan(cmp).map(|r| Palette::new(r.scenario()));
        CompareOutput { cmp, palette }
    }
}

fn first_plan(cmp: &Comparison) -> Option<&Solved> {
    cmp.columns.iter().find_map(|c| c.outcome.solved())
}

impl Output for CompareOutput<'_> {
    fn json_file(&self) -> Option<&'static str> {
        Some("compare.json")
    }

    fn csv_file(&self) -> Option<&'static str> {
        Some("compare.csv")
    }

    fn info(&self) -> RunInfo {
        RunInfo {
            lang: self.cmp.lang,
            mip_gap: self.cmp.mip_gap(),
        }
    }

    fn files(&self) -> Result<Vec<(&'static str, Vec<u8>)>, Error> {
        Ok(vec![
            ("compare.csv", self.cmp.long_csv()?),
            ("compare-wide.csv", self.cmp.csv()?),
            ("compare.json", self.cmp.json()?),
            ("changes.csv", self.cmp.moves_csv()?),
        ])
    }

    fn charts(&self) -> Charts<'_> {
        match (&self.palette, first_plan(self.cmp)) {
            (Some(p), Some(run)) => vec![
                Box::new(chart::CompareMetricsChart { cmp: self.cmp }),
                Box::new(chart::StackedSharesChart::compare(
                    self.cmp,
                    p,
                    run.scenario(),
                )),
            ],
            _ => Vec::new(),
        }
    }

    fn report(&self, charts: &[Box<dyn Chart + '_>]) -> String {
        compare_html(self.cmp, charts)
    }

    fn terminal(&self) -> String {
        compare_terminal(self.cmp)
    }

    fn book(&self) -> Book {
        let lang = self.cmp.lang;
        Book::new(
            "compare.xlsx",
            tr!(
                lang,
                "compare-page-title",
                scenario = self.cmp.scenario.as_str()
            ),
            compare_answer(self.cmp),
        )
    }
}

/// A value of an analysis's table for people (its header is [`row_name`]).
pub(crate) fn shown(metric: &str, raw: &str, lang: Lang, currency: &str) -> String {
    if metric == "status" {
        return lang.text(&format!("status-{raw}"));
    }
    // Tied holders, all in the files; a table cell names two and counts
    // the rest.
    if metric.starts_with("max_share_holder:") {
        let all: Vec<&str> = raw.split(", ").collect();
        return crate::base::units::names(&all, 2, lang);
    }
    let oku = |v: f64| crate::base::units::money_in_oku(v, lang, currency);
    match raw.parse::<f64>() {
        Ok(v) if metric == "cost_change_fraction" => format!("{:+.1}%", v * 100.0),
        // In Japanese, money in 億円 with the unit said once, in the row's name.
        Ok(v)
            if is_money(metric)
                && let Some(text) = oku(v) =>
        {
            let sign = if metric == "cost_change" && v > 0.0 {
                "+"
            } else {
                ""
            };
            format!("{sign}{text}")
        }
        Ok(v) if metric == "cost_change" => {
            let sign = if v > 0.0 { "+" } else { "" };
            format!("{sign}{}", format_metric("cost", v, lang, currency))
        }
        Ok(v) => format_metric(metric, v, lang, currency),
        Err(_) => raw.to_string(),
    }
}

/// Whether a metric of an analysis's table is money.
fn is_money(metric: &str) -> bool {
    metric.contains("cost") && !metric.ends_with("fraction")
}

/// A metric's row or column in an analysis's table (compare, sweep): in
/// English metrics keep their names (those of the CSV); in Japanese they are
/// named in words ([`metric_words`]).
pub(crate) fn row_name(name: &str, lang: Lang, currency: &str) -> String {
    if lang == Lang::En && name != "status" {
        return name.to_string();
    }
    metric_words(name, lang, currency)
}

/// A metric named in words, money with its unit said once where it is in
/// 億円 (`総費用（億円）`); the status named in the language.
pub(crate) fn metric_words(name: &str, lang: Lang, currency: &str) -> String {
    if name == "status" {
        return lang.text("col-status");
    }
    let words = lang.stage_name(name);
    if is_money(name) && crate::base::units::money_in_oku(0.0, lang, currency).is_some() {
        tr!(lang, "row-in-oku", name = words)
    } else {
        words
    }
}

/// Where an override came from, in the report's language: `variant
/// economics`, バリアント「economics」.
fn source(s: &OverrideSource, lang: Lang) -> String {
    match s {
        OverrideSource::Variant(v) => tr!(lang, "override-from-variant", variant = v.as_str()),
        OverrideSource::Preset(p) => tr!(lang, "override-from-preset", preset = p.as_str()),
        _ => s.to_string(),
    }
}

/// The rows people read in the table: the parts of the cost change are
/// said in sentences instead ([`cost_sentences`]).
fn people_rows(cmp: &Comparison) -> Vec<(String, Vec<Option<String>>)> {
    cmp.rows()
        .into_iter()
        .filter(|(name, _)| !COST_CHANGE_PARTS.contains(&name.as_str()))
        .collect()
}

/// Which strategy is best on what, in a few sentences: the cheapest, the
/// highest home share, the smallest largest provider share, the smallest
/// worst single cut-off (ties named), and the columns with no plan.
pub fn compare_answer(cmp: &Comparison) -> Vec<String> {
    let lang = cmp.lang;
    let solved: Vec<(&str, &Solved)> = cmp
        .columns
        .iter()
        .filter_map(|c| Some((c.label.as_str(), c.outcome.solved()?)))
        .collect();
    let mut out = Vec::new();
    // The columns at the best value of `measure` (lowest, or highest when
    // `highest`), within rounding, and that value.
    let best = |measure: &dyn Fn(&Solved) -> Option<f64>, highest: bool| {
        let values: Vec<(&str, f64)> = solved
            .iter()
            .filter_map(|(l, r)| Some((*l, measure(r)?)))
            .collect();
        let sign = if highest { -1.0 } else { 1.0 };
        let top = values
            .iter()
            .map(|v| v.1 * sign)
            .fold(f64::INFINITY, f64::min)
            * sign;
        let who: Vec<&str> = values
            .iter()
            .filter(|v| (v.1 - top).abs() <= 1e-6 * top.abs().max(1e-3))
            .map(|v| v.0)
            .collect();
        (!who.is_empty()).then(|| (lang.list(&who), top))
    };
    if let Some((who, cost)) = best(&|r| Some(r.metrics.total_cost), false) {
        let value = crate::base::units::money(cost, lang, &cmp.currency, false);
        out.push(tr!(
            lang,
            "compare-answer-cheapest",
            who = who,
            value = value
        ));
    }
    if let Some((who, home)) = best(&|r| Some(r.metrics.home_share), true) {
        let value = crate::base::units::percent(home);
        out.push(tr!(lang, "compare-answer-home", who = who, value = value));
    }
    let largest = |r: &Solved| r.metrics.max_share.get("provider").map(|m| m.share);
    if let Some((who, share)) = best(&largest, false) {
        let value = crate::base::units::percent(share);
        out.push(tr!(
            lang,
            "compare-answer-largest",
            who = who,
            value = value
        ));
    }
    let worst = |r: &Solved| {
        r.metrics
            .worst_cutoff
            .as_ref()
            .map(|w| w.unserved_critical_fraction)
    };
    if let Some((who, worst)) = best(&worst, false) {
        let value = crate::base::units::percent(worst);
        out.push(tr!(lang, "compare-answer-worst", who = who, value = value));
    }
    let no_plan: Vec<&str> = cmp
        .columns
        .iter()
        .filter(|c| c.outcome.solved().is_none())
        .map(|c| c.label.as_str())
        .collect();
    if !no_plan.is_empty() {
        out.push(tr!(
            lang,
            "compare-answer-no-plan",
            who = lang.list(&no_plan)
        ));
    }
    out
}

/// Why each column costs more or less than the first, in words.
pub fn cost_sentences(cmp: &Comparison) -> Vec<String> {
    let Some(first) = cmp.columns.first() else {
        return Vec::new();
    };
    cmp.cost_changes()
        .into_iter()
        .filter_map(|(c, change)| {
            let run = c.outcome.solved()?;
            Some(crate::report::headline::cost_change(
                &change,
                &c.label,
                &first.label,
                run.scenario(),
            ))
        })
        .collect()
}

/// compare in the terminal: the side-by-side table, overrides, moves, diagnoses.
pub fn compare_terminal(cmp: &Comparison) -> String {
    compare_terminal_within(cmp, terminal_width())
}

/// The most changes a report or terminal lists; `changes.csv` has all.
const CHANGES_SHOWN: usize = 25;

/// The largest changes by amount (in the comparison's order), and a note
/// on those left out.
fn largest_moves(cmp: &Comparison) -> (Vec<&Move>, Option<String>) {
    let mut order: Vec<usize> = (0..cmp.moves.len()).collect();
    order.sort_by(|&a, &b| {
        cmp.moves[b]
            .amount
            .total_cmp(&cmp.moves[a].amount)
            .then(a.cmp(&b))
    });
    order.truncate(CHANGES_SHOWN);
    order.sort_unstable();
    let total = cmp.moves.len();
    let note = (total > order.len()).then(|| {
        tr!(
            cmp.lang,
            "left-out-changes",
            shown = order.len(),
            total = total,
            file = "changes.csv"
        )
    });
    (order.into_iter().map(|i| &cmp.moves[i]).collect(), note)
}

/// The demand each variant moves against the first column, as a table
/// (empty where nothing moves).
fn moves_terminal(cmp: &Comparison) -> String {
    let mut out = String::new();
    if cmp.moves.is_empty() {
        return out;
    }
    let lang = cmp.lang;
    let first = cmp.columns.first().map_or("base", |c| c.label.as_str());
    let _ = writeln!(
        out,
        "\n{}",
        tr!(lang, "compare-changes-against", first = first)
    );
    let mut t = terminal_table(
        [
            "col-variant",
            "col-workload",
            "col-from",
            "col-to",
            "col-amount",
        ]
        .map(|id| lang.text(id))
        .to_vec(),
    );
    let (shown, note) = largest_moves(cmp);
    for m in shown {
        t.add_row(vec![
            TCell::new(&m.variant),
            TCell::new(&m.workload),
            TCell::new(m.from.as_deref().unwrap_or("-")),
            TCell::new(m.to.as_deref().unwrap_or("-")),
            right(crate::base::units::amount(m.amount)),
        ]);
    }
    crate::report::prose::keep_words(&mut t);
    let _ = writeln!(out, "{t}");
    if let Some(note) = note {
        let _ = writeln!(out, "({note})");
    }
    out
}

/// [`compare_terminal`] for a terminal `width` columns wide (none: piped).
/// The table never splits a word: when its columns do not fit, they come in
/// blocks that do, each with the metric names.
pub fn compare_terminal_within(cmp: &Comparison, width: Option<usize>) -> String {
    let mut out = String::new();
    let lang = cmp.lang;
    let metric = lang.text("col-metric");
    let labels: Vec<String> = cmp.columns.iter().map(|c| c.label.clone()).collect();
    let rows: Vec<(String, Vec<String>)> = people_rows(cmp)
        .into_iter()
        .map(|(name, values)| {
            let cells = values
                .iter()
                .map(|v| {
                    v.as_deref()
                        .map(|v| shown(&name, v, lang, &cmp.currency))
                        .unwrap_or_default()
                })
                .collect();
            (row_name(&name, lang, &cmp.currency), cells)
        })
        .collect();
    let _ = writeln!(
        out,
        "{}",
        tr!(lang, "compare-title", scenario = cmp.scenario.as_str())
    );
    // The answer first, then the table it comes from.
    out.push_str(&answer_block(&compare_answer(cmp), lang));
    out.push_str(&crate::report::prose::blocks_table(
        &metric, &labels, &rows, width,
    ));
    for line in cost_sentences(cmp) {
        let _ = writeln!(out, "{}", wrap(&line, width.unwrap_or(usize::MAX)));
    }
    if cmp.columns.len() > 1 {
        out.push('\n');
    }
    for c in &cmp.columns {
        if c.overrides.is_empty() {
            continue;
        }
        let items: Vec<String> = c
            .overrides
            .iter()
            .map(|o| format!("{} = {}", o.path, o.value))
            .collect();
        let line = format!("{}: {}", c.label, items.join(", "));
        let _ = writeln!(out, "{}", wrap(&line, width.unwrap_or(usize::MAX)));
    }
    out.push_str(&moves_terminal(cmp));
    for c in &cmp.columns {
        if let Outcome::Infeasible(d) = &c.outcome {
            let _ = writeln!(out, "\n{}: {d}", c.label);
        }
    }
    out
}

/// One row per column: its label, description, status and overrides.
fn variant_rows(cmp: &Comparison) -> Vec<Vec<Cell>> {
    cmp.columns
        .iter()
        .map(|c| {
            let overrides: Vec<String> = c
                .overrides
                .iter()
                .map(|o| {
                    format!(
                        "<code>{} = {}</code> {}",
                        escape(&o.path),
                        escape(&o.value.to_string()),
                        escape(&tr!(
                            cmp.lang,
                            "override-source",
                            source = source(&o.source, cmp.lang)
                        ))
                    )
                })
                .collect();
            vec![
                Cell::text(&c.label),
                Cell::text(c.shown_description.as_deref().unwrap_or("")),
                Cell::text(&c.outcome.status_text()),
                Cell::html(overrides.join("<br>")),
            ]
        })
        .collect()
}

/// The comparison report.
pub fn compare_html(cmp: &Comparison, charts: &[Box<dyn Chart + '_>]) -> String {
    let lang = cmp.lang;
    let t = |id: &str| lang.text(id);
    let mut page = Page::new(
        &tr!(lang, "compare-page-title", scenario = cmp.scenario.as_str()),
        lang,
    );
    page.subtitle(tr!(
        lang,
        "compare-subtitle",
        n = cmp.columns.len(),
        first = escape(cmp.columns.first().map_or("", |c| c.label.as_str()))
    ));
    page.gap_note(cmp.mip_gap(), GapOf::Analysis);
    page.answer(&compare_answer(cmp));
    // Then why each plan costs what it does against the first.
    let why: String = cost_sentences(cmp)
        .iter()
        .map(|line| format!("<p>{}</p>", escape(line)))
        .collect();
    if !why.is_empty() {
        page.section(&t("compare-cost-why"), why);
    }
    let variants = variant_rows(cmp);
    let headers = ["th-variant", "th-description", "th-status", "th-overrides"].map(t);
    page.section(
        &t("th-variants"),
        table(&headers.each_ref().map(String::as_str), &[], variants),
    );
    let mut headers = vec![t("th-metric")];
    headers.extend(cmp.columns.iter().map(|c| c.label.clone()));
    let header_refs: Vec<&str> = headers.iter().map(String::as_str).collect();
    let numeric: Vec<usize> = (1..headers.len()).collect();
    let rows = people_rows(cmp)
        .into_iter()
        .map(|(name, values)| {
            let mut row = vec![Cell::text(&row_name(&name, lang, &cmp.currency))];
            row.extend(values.iter().map(|v| {
                Cell::num(
                    &v.as_deref()
                        .map(|v| shown(&name, v, lang, &cmp.currency))
                        .unwrap_or_default(),
                )
            }));
            row
        })
        .collect();
    page.section(&t("th-metrics"), table(&header_refs, &numeric, rows));
    page.charts(&t("section-charts"), charts);
    let (shown, note) = largest_moves(cmp);
    let moves = shown
        .into_iter()
        .map(|m| {
            vec![
                Cell::text(&m.variant),
                Cell::text(&m.workload),
                Cell::text(m.from.as_deref().unwrap_or("—")),
                Cell::text(m.to.as_deref().unwrap_or("—")),
                Cell::num(&crate::base::units::amount(m.amount)),
            ]
        })
        .collect();
    let headers = ["th-variant", "th-workload", "th-from", "th-to", "th-amount"].map(t);
    page.section(
        &t("compare-changes"),
        format!(
            "{}{}",
            table(&headers.each_ref().map(String::as_str), &[4], moves),
            note.map(|n| format!("<p>{}</p>", escape(&n)))
                .unwrap_or_default()
        ),
    );
    let infeasible = cmp.columns.iter().filter_map(|c| match &c.outcome {
        Outcome::Infeasible(d) => Some((c.label.clone(), d.as_ref())),
        Outcome::Solved(_) => None,
    });
    infeasible_section(&mut page, &t("compare-infeasible"), infeasible);
    page.render()
}

impl Comparison {
    /// `compare.csv` in long form, one row per column and metric:
    /// `variant,status,metric,value,holders`. `value` holds numbers only;
    /// who holds a largest share (ties joined by `;`) or the worst cut-off
    /// sits in `holders` on that metric's row; a column without a plan is
    /// one row with its status.
    pub fn long_csv(&self) -> Result<Vec<u8>, Error> {
        let rows = self.rows();
        let mut w = csv::Writer::from_writer(Vec::new());
        w.write_record(["variant", "status", "metric", "value", "holders"])
            .map_err(csv_error)?;
        for (ci, column) in self.columns.iter().enumerate() {
            let cell = |name: &str| {
                rows.iter()
                    .find(|(n, _)| n == name)
                    .and_then(|(_, values)| values[ci].clone())
            };
            let status = cell("status").unwrap_or_default();
            let label = column.label.as_str();
            if column.outcome.solved().is_none() {
                w.write_record([label, &status, "", "", ""])
                    .map_err(csv_error)?;
                continue;
            }
            for (name, values) in &rows {
                let is_text = name == "status"
                    || name == "worst_cutoff_event"
                    || name.starts_with("max_share_holder:");
                let Some(value) = values[ci].as_deref().filter(|_| !is_text) else {
                    continue;
                };
                let holders = match name.strip_prefix("max_share:") {
                    Some(dim) => cell(&format!("max_share_holder:{dim}"))
                        .map(|h| h.replace(", ", ";"))
                        .unwrap_or_default(),
                    None if name == "worst_cutoff" => {
                        cell("worst_cutoff_event").unwrap_or_default()
                    }
                    None => String::new(),
                };
                w.write_record([label, &status, name, value, &holders])
                    .map_err(csv_error)?;
            }
        }
        finish(w)
    }

    /// `compare-wide.csv`: `metric,<column>,...`, one row per metric (text
    /// and numbers side by side, as the terminal table shows them).
    pub fn csv(&self) -> Result<Vec<u8>, Error> {
        let mut w = csv::Writer::from_writer(Vec::new());
        let header: Vec<&str> = std::iter::once("metric")
            .chain(self.columns.iter().map(|c| c.label.as_str()))
            .collect();
        w.write_record(&header).map_err(csv_error)?;
        for (name, values) in self.rows() {
            let mut rec = vec![name];
            rec.extend(values.into_iter().map(Option::unwrap_or_default));
            w.write_record(&rec).map_err(csv_error)?;
        }
        finish(w)
    }

    /// `changes.csv`: `variant,workload,from,to,amount`.
    pub fn moves_csv(&self) -> Result<Vec<u8>, Error> {
        let mut w = csv::Writer::from_writer(Vec::new());
        w.write_record(["variant", "workload", "from", "to", "amount"])
            .map_err(csv_error)?;
        for m in &self.moves {
            w.write_record([
                m.variant.as_str(),
                m.workload.as_str(),
                m.from.as_deref().unwrap_or(""),
                m.to.as_deref().unwrap_or(""),
                &m.amount.to_string(),
            ])
            .map_err(csv_error)?;
        }
        finish(w)
    }

    /// `compare.json`: every column with its overrides, metrics or diagnosis,
    /// and the moves.
    pub fn json(&self) -> Result<Vec<u8>, Error> {
        #[derive(Serialize)]
        struct Col<'a> {
            label: &'a str,
            description: Option<&'a str>,
            status: &'static str,
            overrides: &'a [AppliedOverride],
            #[serde(skip_serializing_if = "Option::is_none")]
            metrics: Option<&'a crate::plan::metrics::Metrics>,
            #[serde(skip_serializing_if = "Option::is_none")]
            diagnosis: Option<&'a crate::solve::infeasible::Diagnosis>,
            /// The MIP gap its plan was proven within (integer rules).
            #[serde(skip_serializing_if = "Option::is_none")]
            mip_gap: Option<f64>,
        }
        /// A column's cost against the first column's, part by part.
        #[derive(Serialize)]
        struct Change<'a> {
            variant: &'a str,
            against: &'a str,
            #[serde(flatten)]
            change: crate::plan::cost::CostChange,
        }
        #[derive(Serialize)]
        struct Doc<'a> {
            scenario: &'a str,
            columns: Vec<Col<'a>>,
            cost_changes: Vec<Change<'a>>,
            moves: &'a [Move],
        }
        let columns = self
            .columns
            .iter()
            .map(|c| Col {
                label: &c.label,
                description: c.description.as_deref(),
                status: c.outcome.status(),
                overrides: &c.overrides,
                metrics: c.outcome.solved().map(|r| &r.metrics),
                diagnosis: match &c.outcome {
                    Outcome::Infeasible(d) => Some(d),
                    Outcome::Solved(_) => None,
                },
                mip_gap: c.outcome.solved().and_then(|r| r.mip_gap),
            })
            .collect();
        crate::report::json::to_json(&Doc {
            scenario: &self.scenario,
            columns,
            cost_changes: self
                .cost_changes()
                .into_iter()
                .map(|(c, change)| Change {
                    variant: &c.label,
                    against: self.columns.first().map_or("", |f| f.label.as_str()),
                    change,
                })
                .collect(),
            moves: &self.moves,
        })
    }
}
