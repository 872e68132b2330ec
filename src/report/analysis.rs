//! Terminal tables and HTML reports of the analyses, made from the same
//! parts as the plan report.

use std::fmt::Write;

use comfy_table::{Cell as TCell, ContentArrangement};

use super::headline::GapOf;
use super::html::{Cell, Page, table};
use super::prose::{right, terminal_table, terminal_width, to_terminal, upper_first, wrap};
use crate::analysis::Outcome;
use crate::analysis::alternatives::Alternatives;
use crate::analysis::compare::Comparison;
use crate::analysis::frontier::Frontier;
use crate::analysis::sweep::Sweep;
use crate::base::lang::Lang;
use crate::base::units::percent;
use crate::chart::{Chart, canvas::escape, format_metric};
use crate::scenario::OverrideSource;
use crate::tr;

/// A value of compare's table for people.
fn shown(metric: &str, raw: &str, lang: Lang) -> String {
    if metric == "status" {
        return lang.text(&format!("status-{raw}"));
    }
    match raw.parse::<f64>() {
        Ok(v) if metric == "cost_change_fraction" => format!("{:+.1}%", v * 100.0),
        Ok(v) if metric == "cost_change" => {
            let sign = if v > 0.0 { "+" } else { "" };
            format!("{sign}{}", format_metric("cost", v))
        }
        Ok(v) => format_metric(metric, v),
        Err(_) => raw.to_string(),
    }
}

/// A row of compare's table: metrics keep their names (those of
/// `compare.csv`), the status row is named in the language.
fn row_name(name: &str, lang: Lang) -> String {
    if name == "status" {
        lang.text("col-status")
    } else {
        name.to_string()
    }
}

fn source(s: &OverrideSource) -> String {
    s.to_string()
}

/// compare in the terminal: the side-by-side table, overrides, moves, diagnoses.
pub fn compare_terminal(cmp: &Comparison) -> String {
    compare_terminal_within(cmp, terminal_width())
}

/// [`compare_terminal`] for a terminal `width` columns wide (none: piped).
/// The table never splits a word: when its columns do not fit, they come in
/// blocks that do, each with the metric names.
pub fn compare_terminal_within(cmp: &Comparison, width: Option<usize>) -> String {
    let mut out = String::new();
    let lang = cmp.lang;
    let metric = lang.text("col-metric");
    let labels: Vec<String> = cmp.columns.iter().map(|c| c.label.clone()).collect();
    let rows: Vec<(String, Vec<String>)> = cmp
        .rows()
        .into_iter()
        .map(|(name, values)| {
            let cells = values
                .iter()
                .map(|v| {
                    v.as_deref()
                        .map(|v| shown(&name, v, lang))
                        .unwrap_or_default()
                })
                .collect();
            (row_name(&name, lang), cells)
        })
        .collect();
    let chars = super::prose::columns;
    let name_width = rows
        .iter()
        .map(|(n, _)| chars(n))
        .fold(chars(&metric), usize::max);
    let widths: Vec<usize> = labels
        .iter()
        .enumerate()
        .map(|(i, l)| {
            rows.iter()
                .map(|(_, c)| chars(&c[i]))
                .fold(chars(l), usize::max)
        })
        .collect();
    let _ = writeln!(
        out,
        "{}",
        tr!(lang, "compare-title", scenario = cmp.scenario.as_str())
    );
    for block in column_blocks(name_width, &widths, width) {
        let mut t = terminal_table(
            std::iter::once(metric.clone())
                .chain(block.clone().map(|i| labels[i].clone()))
                .collect(),
        );
        t.set_content_arrangement(ContentArrangement::Disabled);
        for (name, cells) in &rows {
            let mut row = vec![TCell::new(name)];
            row.extend(block.clone().map(|i| right(&cells[i])));
            t.add_row(row);
        }
        let _ = writeln!(out, "{t}\n");
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
    if !cmp.moves.is_empty() {
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
        for m in &cmp.moves {
            t.add_row(vec![
                TCell::new(&m.variant),
                TCell::new(&m.workload),
                TCell::new(m.from.as_deref().unwrap_or("-")),
                TCell::new(m.to.as_deref().unwrap_or("-")),
                right(crate::base::units::amount(m.amount)),
            ]);
        }
        let _ = writeln!(out, "{t}");
    }
    for c in &cmp.columns {
        if let Outcome::Infeasible(d) = &c.outcome {
            let _ = writeln!(out, "\n{}: {d}", c.label);
        }
    }
    out
}

/// Consecutive ranges of columns (after a first column `first` wide) whose
/// table fits `width`; one range of all when it fits or there is no width.
/// Each column takes its content, two spaces of padding and a border.
fn column_blocks(
    first: usize,
    widths: &[usize],
    width: Option<usize>,
) -> Vec<std::ops::Range<usize>> {
    let Some(width) = width else {
        let all = 0..widths.len();
        return vec![all];
    };
    let mut blocks = Vec::new();
    let mut start = 0;
    let mut used = 1 + first + 3;
    for (i, w) in widths.iter().enumerate() {
        if i > start && used + w + 3 > width {
            blocks.push(start..i);
            start = i;
            used = 1 + first + 3;
        }
        used += w + 3;
    }
    blocks.push(start..widths.len());
    blocks
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
    let variants = cmp
        .columns
        .iter()
        .map(|c| {
            let overrides: Vec<String> = c
                .overrides
                .iter()
                .map(|o| {
                    format!(
                        "<code>{} = {}</code> ({})",
                        escape(&o.path),
                        escape(&o.value.to_string()),
                        escape(&source(&o.source))
                    )
                })
                .collect();
            vec![
                Cell::text(&c.label),
                Cell::text(c.description.as_deref().unwrap_or("")),
                Cell::text(&c.outcome.status_text()),
                Cell::html(overrides.join("<br>")),
            ]
        })
        .collect();
    let headers = ["th-variant", "th-description", "th-status", "th-overrides"].map(t);
    page.section(
        &t("th-variants"),
        table(&headers.each_ref().map(String::as_str), &[], variants),
    );
    let mut headers = vec![t("th-metric")];
    headers.extend(cmp.columns.iter().map(|c| c.label.clone()));
    let header_refs: Vec<&str> = headers.iter().map(String::as_str).collect();
    let numeric: Vec<usize> = (1..headers.len()).collect();
    let rows = cmp
        .rows()
        .into_iter()
        .map(|(name, values)| {
            let mut row = vec![Cell::text(&row_name(&name, lang))];
            row.extend(values.iter().map(|v| {
                Cell::num(
                    &v.as_deref()
                        .map(|v| shown(&name, v, lang))
                        .unwrap_or_default(),
                )
            }));
            row
        })
        .collect();
    page.section(&t("th-metrics"), table(&header_refs, &numeric, rows));
    page.charts(&t("section-charts"), charts);
    let moves = cmp
        .moves
        .iter()
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
        table(&headers.each_ref().map(String::as_str), &[4], moves),
    );
    let infeasible = cmp.columns.iter().filter_map(|c| match &c.outcome {
        Outcome::Infeasible(d) => Some((c.label.clone(), d.as_ref())),
        Outcome::Solved(_) => None,
    });
    infeasible_section(&mut page, &t("compare-infeasible"), infeasible);
    page.render()
}

/// A section with the diagnosis of each infeasible variant or point, under
/// its label; none when every one has a plan.
fn infeasible_section<'d>(
    page: &mut Page,
    heading: &str,
    infeasible: impl Iterator<Item = (String, &'d crate::solve::infeasible::Diagnosis)>,
) {
    let html: String = infeasible
        .map(|(label, d)| {
            format!(
                "<h3>{}</h3>{}",
                escape(&label),
                super::html::diagnosis_section(d)
            )
        })
        .collect();
    if !html.is_empty() {
        page.section(heading, html);
    }
}

/// sweep in the terminal: one row per point with the chosen metrics.
pub fn sweep_terminal(sw: &Sweep, metrics: &[String]) -> String {
    let header: Vec<String> = sw
        .axes
        .iter()
        .map(|a| a.path.clone())
        .chain(std::iter::once(sw.lang.text("col-status")))
        .chain(metrics.iter().cloned())
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
                    .map(|v| format_metric(m, v))
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
        .chain(metrics.iter().cloned())
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
                        .map(|v| format_metric(m, v))
                        .unwrap_or_default(),
                )
            }));
            row
        })
        .collect();
    page.section(&lang.text("sweep-points"), table(&refs, &numeric, rows));
    let infeasible = sw.points.iter().filter_map(|p| match &p.outcome {
        Outcome::Infeasible(d) => {
            let at: Vec<String> = sw
                .axes
                .iter()
                .zip(&p.params)
                .map(|(a, v)| format!("{} = {}", a.path, crate::base::units::tidy(*v)))
                .collect();
            Some((at.join(", "), d.as_ref()))
        }
        Outcome::Solved(_) => None,
    });
    infeasible_section(&mut page, &lang.text("sweep-infeasible"), infeasible);
    page.render()
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
            right(format_metric(&xn, p.cap)),
            right(format_metric(&xn, p.x)),
            right(format_metric(&yn, p.y)),
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
            x.map(|x| format_metric(q, x))
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
                Cell::num(&format_metric(&xn, p.cap)),
                Cell::num(&format_metric(&xn, p.x)),
                Cell::num(&format_metric(&yn, p.y)),
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
                x.map(|x| format_metric(q, x))
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
    let title = tr!(
        lang,
        "alternatives-title",
        dim = a.dimension.as_str(),
        scenario = a.scenario.as_str(),
        stage = a.stage.as_str(),
        bound = format_metric(&a.stage, a.bound),
        optimum = format_metric(&a.stage, a.optimum)
    );
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
    page.subtitle(tr!(
        lang,
        "alternatives-subtitle",
        stage = escape(&a.stage),
        bound = escape(&format_metric(&a.stage, a.bound)),
        optimum = escape(&format_metric(&a.stage, a.optimum)),
        slack = a.slack.to_string(),
        dim = escape(&a.dimension)
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
