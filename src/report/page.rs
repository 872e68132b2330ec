//! The parts every `report.html` is made of: one self-contained file
//! (inline CSS and SVG; no scripts, no external fonts, images or links), a
//! [`Page`] of sections, [`table`]s, metric [`cards`], [`figure`]s.

use crate::base::lang::Lang;
use crate::chart::canvas::escape;
use crate::chart::{Chart, render_svg};
use std::fmt::Write;

const STYLE: &str = "
:root { --ink:#1a1a1a; --muted:#5f6368; --line:#e3e5e8; --soft:#f6f7f9; --home:#a04600; --accent:#0072b2; }
* { box-sizing: border-box; }
body { margin: 0; color: var(--ink); background: #fff; font: 15px/1.5 system-ui, -apple-system, 'Segoe UI', 'Hiragino Sans', 'Noto Sans JP', 'IPAexGothic', 'Yu Gothic', Meiryo, sans-serif; }
main { max-width: 1080px; margin: 0 auto; padding: 32px 24px 64px; }
header h1 { font-size: 26px; margin: 0 0 4px; }
header p { margin: 2px 0; color: var(--muted); }
p.answer { font-size: 17px; line-height: 1.6; margin: 14px 0 4px; padding: 10px 14px; border-left: 4px solid #1f2933; background: #f5f7fa; color: #1f2933; }
h2 { font-size: 19px; margin: 36px 0 12px; padding-bottom: 6px; border-bottom: 2px solid var(--line); }
h3 { font-size: 16px; margin: 20px 0 8px; }
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(190px, 1fr)); gap: 12px; }
.card { background: var(--soft); border-radius: 8px; padding: 12px 14px; }
.card .label { color: var(--muted); font-size: 13px; }
.card .value { font-size: 22px; font-weight: 600; }
.card .note { color: var(--muted); font-size: 12px; }
figure { margin: 16px 0; }
figure svg { width: 100%; height: auto; display: block; }
figcaption { color: var(--muted); font-size: 13px; }
table { border-collapse: collapse; width: 100%; font-size: 13px; margin: 8px 0; }
th, td { text-align: left; padding: 5px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { background: var(--soft); font-weight: 600; }
table.matrix { table-layout: fixed; font-size: 11px; }
table.matrix th:first-child { width: 9em; }
table.matrix td, table.matrix th { padding: 4px 3px; overflow-wrap: anywhere; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
td.ok { color: var(--accent); }
td.no { color: var(--muted); }
.home { color: var(--home); font-weight: 600; }
.scroll { overflow-x: auto; }
code { font-size: 12px; word-break: break-all; }
ul.plain { padding-left: 18px; margin: 6px 0; }
@page { size: A4; margin: 15mm; }
@media print { main { max-width: none; padding: 0; } body { font-size: 12px; } table { font-size: 10.5px; } table.matrix { font-size: 8.5px; } h2, h3 { break-after: avoid; page-break-after: avoid; } p.answer, figure, .cards, tr { break-inside: avoid; } thead { display: table-header-group; } .scroll { overflow: visible; } }
";

/// A report page: a header and sections, in order.
pub struct Page {
    title: String,
    lang: Lang,
    lines: Vec<String>,
    /// What the page concludes, in a few sentences before any section.
    answer: Vec<String>,
    sections: Vec<(String, String)>,
}

impl Page {
    pub fn new(title: &str, lang: Lang) -> Self {
        Page {
            title: title.to_string(),
            lang,
            lines: Vec::new(),
            answer: Vec::new(),
            sections: Vec::new(),
        }
    }

    /// A line under the title (already HTML).
    pub fn subtitle(&mut self, html: String) -> &mut Self {
        self.lines.push(html);
        self
    }

    /// The answer the page opens with: sentences (plain text), shown as one
    /// paragraph under the title, before any section.
    pub fn answer(&mut self, sentences: &[String]) -> &mut Self {
        self.answer.extend(sentences.iter().cloned());
        self
    }

    /// The answer instead of the one the page has (an analysis's answer
    /// and the plan's it builds on, without saying a figure twice).
    pub fn set_answer(&mut self, sentences: Vec<String>) -> &mut Self {
        self.answer = sentences;
        self
    }

    /// How many sections the page has so far.
    pub fn section_count(&self) -> usize {
        self.sections.len()
    }

    /// Moves the sections added since there were `from` to the front, in
    /// their order: what an analysis found comes before the plan it used.
    pub fn bring_forward(&mut self, from: usize) -> &mut Self {
        let n = self.sections.len().saturating_sub(from);
        self.sections.rotate_right(n);
        self
    }

    /// The line that says plans were proven within the MIP gap `gap`, where
    /// they were; nothing otherwise.
    pub fn gap_note(&mut self, gap: Option<f64>, of: crate::report::headline::GapOf) -> &mut Self {
        self.lines
            .extend(crate::report::headline::gap_note(self.lang, gap, of).map(|l| escape(&l)));
        self
    }

    /// A section of charts as inline SVG figures; none when there are no charts
    /// (`--no-charts`).
    pub fn charts(&mut self, heading: &str, charts: &[Box<dyn Chart + '_>]) -> &mut Self {
        if !charts.is_empty() {
            let html = charts.iter().map(|c| figure(c.as_ref(), "")).collect();
            self.section(heading, html);
        }
        self
    }

    /// A section with a heading and HTML content.
    pub fn section(&mut self, heading: &str, html: String) -> &mut Self {
        self.sections.push((heading.to_string(), html));
        self
    }

    pub fn render(&self) -> String {
        let mut out = String::new();
        let _ = write!(
            out,
            "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<main>\n<header>\n<h1>{}</h1>\n",
            self.lang.code(),
            escape(&self.title),
            escape(&self.title)
        );
        for l in &self.lines {
            let _ = writeln!(out, "<p>{l}</p>");
        }
        if !self.answer.is_empty() {
            let joined = self.answer.join(self.lang.sentence_gap());
            let _ = writeln!(out, "<p class=\"answer\">{}</p>", escape(&joined));
        }
        out.push_str("</header>\n");
        for (h, body) in &self.sections {
            let _ = write!(
                out,
                "<section>\n<h2>{}</h2>\n{body}\n</section>\n",
                escape(h)
            );
        }
        out.push_str("</main>\n</body>\n</html>\n");
        out
    }
}

/// A table cell: text, or right-aligned numbers, or a class.
pub struct Cell {
    html: String,
    class: Option<&'static str>,
}

impl Cell {
    pub fn text(s: &str) -> Self {
        Cell {
            html: escape(s),
            class: None,
        }
    }

    pub fn num(s: &str) -> Self {
        Cell {
            html: escape(s),
            class: Some("num"),
        }
    }

    pub fn html(html: String) -> Self {
        Cell { html, class: None }
    }

    pub fn class(mut self, class: &'static str) -> Self {
        self.class = Some(class);
        self
    }
}

/// An HTML table; numeric columns' headers are right-aligned too.
pub fn table(headers: &[&str], numeric: &[usize], rows: Vec<Vec<Cell>>) -> String {
    table_of("", headers, numeric, rows)
}

/// A matrix (a column per provider): laid out to the page's width, in
/// smaller type, so that no column is cut off on A4.
pub fn matrix(headers: &[&str], rows: Vec<Vec<Cell>>) -> String {
    table_of(" class=\"matrix\"", headers, &[], rows)
}

fn table_of(class: &str, headers: &[&str], numeric: &[usize], rows: Vec<Vec<Cell>>) -> String {
    let mut out = format!("<div class=\"scroll\"><table{class}>\n<thead><tr>");
    for (i, h) in headers.iter().enumerate() {
        let class = if numeric.contains(&i) {
            " class=\"num\""
        } else {
            ""
        };
        let _ = write!(out, "<th{class}>{}</th>", escape(h));
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for row in rows {
        out.push_str("<tr>");
        for c in row {
            match c.class {
                Some(class) => {
                    let _ = write!(out, "<td class=\"{class}\">{}</td>", c.html);
                }
                None => {
                    let _ = write!(out, "<td>{}</td>", c.html);
                }
            }
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody></table></div>");
    out
}

/// Headline numbers as cards: (label, value, note).
pub fn cards(items: &[(String, String, String)]) -> String {
    let mut out = String::from("<div class=\"cards\">");
    for (label, value, note) in items {
        let _ = write!(
            out,
            "<div class=\"card\"><div class=\"label\">{}</div><div class=\"value\">{}</div><div class=\"note\">{}</div></div>",
            escape(label),
            escape(value),
            escape(note)
        );
    }
    out.push_str("</div>");
    out
}

/// A chart as inline SVG in a figure. The namespace attribute is dropped:
/// HTML does not need it, and the report carries no URL at all.
pub fn figure(chart: &dyn Chart, caption: &str) -> String {
    let svg = render_svg(chart).replacen(" xmlns=\"http://www.w3.org/2000/svg\"", "", 1);
    format!(
        "<figure>\n{svg}<figcaption>{}</figcaption>\n</figure>",
        escape(caption)
    )
}
