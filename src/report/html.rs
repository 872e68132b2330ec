//! `report.html`: one self-contained file (inline CSS and SVG; no scripts,
//! no external fonts, images or links) built from parts that every analysis
//! can reuse: a [`Page`] of sections, [`table`]s, metric [`cards`].

use std::fmt::Write;

use crate::base::lang::Lang;
use crate::base::units::percent;
use crate::chart::canvas::escape;
use crate::chart::{Chart, render_svg};
use crate::plan::metrics::scoped_share;
use crate::report::{left_out, shown_workloads};
use crate::solve::Solved;
use crate::tr;

/// The most workload rows a report table lists (the largest by demand).
const TABLE_ROWS: usize = 200;
use crate::base::units::{amount, compact};
use crate::report::table::value_name;
use crate::scenario::Scope;

const STYLE: &str = "
:root { --ink:#1a1a1a; --muted:#5f6368; --line:#e3e5e8; --soft:#f6f7f9; --home:#a04600; --accent:#0072b2; }
* { box-sizing: border-box; }
body { margin: 0; color: var(--ink); background: #fff; font: 15px/1.5 system-ui, -apple-system, 'Segoe UI', 'Hiragino Sans', 'Noto Sans JP', 'IPAexGothic', 'Yu Gothic', Meiryo, sans-serif; }
main { max-width: 1080px; margin: 0 auto; padding: 32px 24px 64px; }
header h1 { font-size: 26px; margin: 0 0 4px; }
header p { margin: 2px 0; color: var(--muted); }
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
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
td.ok { color: var(--accent); }
td.no { color: var(--muted); }
.home { color: var(--home); font-weight: 600; }
.scroll { overflow-x: auto; }
code { font-size: 12px; word-break: break-all; }
ul.plain { padding-left: 18px; margin: 6px 0; }
@media print { main { max-width: none; padding: 0; } h2 { break-after: avoid; } figure, table { break-inside: avoid; } }
";

/// A report page: a header and sections, in order.
pub struct Page {
    title: String,
    lang: Lang,
    lines: Vec<String>,
    sections: Vec<(String, String)>,
}

impl Page {
    pub fn new(title: &str, lang: Lang) -> Self {
        Page {
            title: title.to_string(),
            lang,
            lines: Vec::new(),
            sections: Vec::new(),
        }
    }

    /// A line under the title (already HTML).
    pub fn subtitle(&mut self, html: String) -> &mut Self {
        self.lines.push(html);
        self
    }

    /// The line that says plans were proven within the MIP gap `gap`, where
    /// they were; nothing otherwise.
    pub fn gap_note(&mut self, gap: Option<f64>, of: super::headline::GapOf) -> &mut Self {
        self.lines
            .extend(super::headline::gap_note(self.lang, gap, of).map(|l| escape(&l)));
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
    let mut out = String::from("<div class=\"scroll\"><table>\n<thead><tr>");
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

/// The report of a scenario with no feasible plan: its diagnosis.
pub fn diagnosis_report(d: &crate::solve::infeasible::Diagnosis) -> String {
    let lang = d.lang;
    let mut page = Page::new(
        &tr!(lang, "diag-page-title", scenario = d.scenario.as_str()),
        lang,
    );
    page.subtitle(tr!(
        lang,
        "diag-page-subtitle",
        scenario = escape(&d.scenario),
        variant = escape(&d.variant)
    ));
    page.section(&lang.text("diag-section"), diagnosis_section(d));
    page.render()
}

/// A diagnosis as HTML: the structural causes, then each relaxation as a
/// table of the rules that bend.
pub fn diagnosis_section(d: &crate::solve::infeasible::Diagnosis) -> String {
    let mut html = String::new();
    if !d.causes.is_empty() || d.relaxations.is_empty() {
        html.push_str(&format!("<pre>{}</pre>", escape(&d.to_string())));
    }
    for (i, r) in d.relaxations.iter().enumerate() {
        let heading = super::prose::upper_first(&r.heading(i, d.lang));
        html.push_str(&format!("<h3>{}</h3>", escape(&heading)));
        let rows = r
            .bends
            .iter()
            .map(|b| {
                vec![
                    Cell::text(&b.rule),
                    Cell::num(&b.value.to_string()),
                    Cell::num(&b.suggested.to_string()),
                    Cell::html(
                        b.set
                            .as_deref()
                            .map(|s| format!("<code>--set {}</code>", escape(s)))
                            .unwrap_or_default(),
                    ),
                    Cell::text(&b.location),
                ]
            })
            .collect();
        html.push_str(&table(
            &[
                &d.lang.text("diag-col-rule"),
                &d.lang.text("diag-col-now"),
                &d.lang.text("diag-col-feasible"),
                &d.lang.text("diag-col-try"),
                &d.lang.text("diag-col-where"),
            ],
            &[1, 2],
            rows,
        ));
    }
    html
}

/// The report of one solved plan.
pub fn plan_report(run: &Solved, charts: &[Box<dyn Chart + '_>]) -> String {
    plan_page(run, charts, super::headline::GapOf::Plan).render()
}

/// The plan report's page, for analyses that add sections to it (`of`:
/// whose MIP-gap note it carries; an analysis takes no `--mip-gap`).
pub fn plan_page(run: &Solved, charts: &[Box<dyn Chart + '_>], of: super::headline::GapOf) -> Page {
    let s = run.scenario();
    let title = s.meta.title.clone().unwrap_or_else(|| s.meta.name.clone());
    let lang = s.meta.lang;
    let mut page = Page::new(&title, lang);
    page.subtitle(tr!(
        lang,
        "plan-subtitle",
        scenario = escape(&s.meta.name),
        variant = escape(&run.loaded.run_label()),
        objective = s.policy.objective.name(),
        workloads = tr!(lang, "n-workloads", n = s.workloads.len()),
        providers = tr!(lang, "n-providers", n = s.providers.len())
    ));
    page.gap_note(run.mip_gap, of);
    if !run.proven_optimal {
        page.subtitle(lang.text("plan-not-optimal"));
        if let Some(line) = super::headline::stopped(run) {
            page.subtitle(escape(&line));
        }
        if run.interior_plan {
            page.subtitle(lang.text("interior-plan-warning"));
        }
    }
    if !run.loaded.overrides.is_empty() {
        let items: Vec<String> = run
            .loaded
            .overrides
            .iter()
            .map(|o| {
                format!(
                    "<code>{} = {}</code>",
                    escape(&o.path),
                    escape(&o.value.to_string())
                )
            })
            .collect();
        page.subtitle(tr!(lang, "plan-overrides", items = items.join(", ")));
    }

    page.section(&lang.text("summary-headline"), headline(run));
    let holds = super::headline::binding(run);
    if !holds.is_empty() {
        let items: Vec<String> = holds
            .iter()
            .map(|l| format!("<li>{}</li>", escape(l)))
            .collect();
        page.section(
            &lang.text("plan-holds"),
            format!(
                "<p>{}</p><ul>{}</ul>",
                lang.text("plan-holds-intro"),
                items.concat()
            ),
        );
    }
    let mut figures = String::new();
    for chart in charts {
        let caption = lang.text(match chart.name() {
            "allocation" => "caption-allocation",
            "shares" => "caption-shares",
            _ => "caption-concentration",
        });
        figures.push_str(&figure(chart.as_ref(), &caption));
    }
    if !charts.is_empty() {
        page.section(&lang.text("section-charts"), figures);
    }
    page.section(&lang.text("summary-allocation"), allocation_table(run));
    page.section(&lang.text("section-limits"), limits_table(run));
    page.section(&lang.text("section-eligibility"), eligibility_table(run));
    page.section(&lang.text("section-run-record"), run_record(run));
    page
}

fn headline(run: &Solved) -> String {
    let s = run.scenario();
    let m = &run.metrics;
    let lang = s.meta.lang;
    let cost = format!("{} {}", amount(m.total_cost), s.meta.currency);
    let mut items = vec![(
        lang.text("card-total-cost"),
        format!("{} {}", compact(m.total_cost), s.meta.currency),
        match s.policy.budget {
            Some(b) => tr!(
                lang,
                "card-cost-budget",
                cost = cost,
                share = percent(m.total_cost / b),
                budget = compact(b)
            ),
            None => tr!(lang, "card-cost-no-budget", cost = cost),
        },
    )];
    items.push((
        tr!(lang, "card-home-share", home = s.meta.home.as_str()),
        percent(m.home_share),
        tr!(
            lang,
            "card-home-share-note",
            country = s.country_name(&s.meta.home)
        ),
    ));
    for dim in ["provider", "company", "country"] {
        let (top, who) = m.holders(dim, None);
        if !who.is_empty() {
            let named: Vec<String> = who.iter().map(|v| value_name(s, dim, v)).collect();
            let named: Vec<&str> = named.iter().map(String::as_str).collect();
            items.push((
                tr!(lang, "card-max-share", dim = s.dimension_name(dim)),
                percent(top),
                tr!(
                    lang,
                    "card-held-by",
                    names = crate::base::units::names(&named, 6, lang)
                ),
            ));
        }
        if dim == "country"
            && let Some((abroad, why)) = super::headline::largest_abroad(m, s)
        {
            items.push((
                tr!(lang, "card-max-share-abroad", home = s.meta.home.as_str()),
                abroad,
                why,
            ));
        }
    }
    if let Some(n) = m.effective_number.get("provider") {
        items.push((
            lang.text("card-effective"),
            format!("{n:.2}"),
            lang.text("card-effective-note"),
        ));
    }
    items.push((
        lang.text("card-sovereignty"),
        format!("{:.2}", m.mean_sovereignty),
        lang.text("card-sovereignty-note"),
    ));
    if s.workloads.iter().any(|w| !w.current.is_empty()) {
        items.push((
            lang.text("card-moved"),
            format!("{} {}", amount(m.moved), s.meta.unit),
            tr!(
                lang,
                "card-exit-cost",
                cost = format!("{} {}", compact(m.exit_cost), s.meta.currency)
            ),
        ));
    }
    if s.workloads.iter().any(|w| !w.data.is_empty()) {
        let who = m
            .mosaic_exposure
            .provider
            .clone()
            .unwrap_or_else(|| lang.text("card-no-foreign"));
        items.push((
            lang.text("card-mosaic"),
            m.mosaic_exposure.categories.to_string(),
            tr!(
                lang,
                "card-mosaic-note",
                n = m.mosaic_exposure.categories,
                who = who,
                seen = lang.list(&m.mosaic_exposure.seen)
            ),
        ));
    }
    if let Some(w) = &m.worst_cutoff {
        items.push((
            lang.text("card-worst-cutoff"),
            percent(w.unserved_critical_fraction),
            tr!(lang, "card-worst-cutoff-note", event = w.event.as_str()),
        ));
    }
    let stages: Vec<String> = m
        .stages
        .iter()
        .map(|st| {
            let (name, value) = super::headline::stage(st, s);
            format!("<code>{}</code> = {}", escape(&name), escape(&value))
        })
        .collect();
    format!(
        "{}<p>{}</p>",
        cards(&items),
        tr!(lang, "plan-stages", stages = stages.join(" → "))
    )
}

/// A workload's providers as `name share (amount)` lines, domestic ones marked.
fn provider_lines(
    s: &crate::scenario::Scenario,
    parts: impl Iterator<Item = (usize, f64, f64)>,
) -> String {
    parts
        .map(|(p, fraction, amt)| {
            let provider = &s.providers[p];
            let class = if s.is_domestic(provider) {
                " class=\"home\""
            } else {
                ""
            };
            format!(
                "<span{class}>{}</span> {} ({})",
                escape(s.provider_name(p)),
                percent(fraction),
                amount(amt)
            )
        })
        .collect::<Vec<_>>()
        .join("<br>")
}

fn allocation_table(run: &Solved) -> String {
    let s = run.scenario();
    let lang = s.meta.lang;
    // Today's split goes beside the plan when the scenario gives one.
    let today = s.workloads.iter().any(|w| !w.current.is_empty());
    let (shown, hidden) = shown_workloads(s, TABLE_ROWS);
    let rows = shown
        .iter()
        .map(|&wi| (wi, &s.workloads[wi], &run.allocation.rows[wi]))
        .map(|(wi, w, row)| {
            let plan = provider_lines(s, row.iter().map(|a| (a.provider, a.fraction, a.amount)));
            let cost: f64 = row
                .iter()
                .map(|a| a.amount * s.providers[a.provider].price)
                .sum();
            let mut cells = vec![
                Cell::text(s.workload_name(wi)),
                Cell::text(w.owner.as_deref().unwrap_or("")),
                Cell::text(w.class.as_deref().unwrap_or("")),
                Cell::text(&if w.critical {
                    lang.text("yes")
                } else {
                    String::new()
                }),
                Cell::num(&amount(w.demand)),
            ];
            if today {
                let now = w
                    .current
                    .iter()
                    .filter_map(|(id, &f)| s.provider_index(id).map(|p| (p, f, f * w.demand)));
                cells.push(Cell::html(provider_lines(s, now)));
            }
            cells.push(Cell::html(plan));
            cells.push(Cell::num(&amount(cost)));
            cells
        })
        .collect();
    let t = |id: &str| lang.text(id);
    let mut headers = vec![
        t("th-workload"),
        t("th-owner"),
        t("th-class"),
        t("th-critical"),
        tr!(lang, "th-demand", unit = s.meta.unit.as_str()),
    ];
    if today {
        headers.push(t("th-today"));
    }
    headers.push(t("th-plan"));
    headers.push(tr!(lang, "th-cost", currency = s.meta.currency.as_str()));
    let headers: Vec<&str> = headers.iter().map(String::as_str).collect();
    let last = headers.len() - 1;
    let note = left_out(hidden, s.workloads.len(), "allocation.csv", lang)
        .map(|n| format!("<p>{}</p>", escape(&n)))
        .unwrap_or_default();
    format!("{note}{}", table(&headers, &[4, last], rows))
}

fn limits_table(run: &Solved) -> String {
    let s = run.scenario();
    let lang = s.meta.lang;
    if s.policy.limits.is_empty() && s.policy.budget.is_none() {
        return format!("<p>{}</p>", lang.text("limits-none"));
    }
    let mut rows = Vec::new();
    for l in &s.policy.limits {
        let values = match &l.value {
            Some(v) => vec![v.clone()],
            None => s.values(&l.dimension),
        };
        let shares: Vec<(String, f64)> = values
            .into_iter()
            .map(|v| {
                let share = scoped_share(s, &run.allocation, &l.dimension, &v, l.scope);
                (v, share)
            })
            .collect();
        let binding = shares.iter().any(|(_, sh)| {
            l.max_share.is_some_and(|m| (sh - m).abs() < 1e-6)
                || l.min_share.is_some_and(|m| (sh - m).abs() < 1e-6)
        });
        let bound = [
            l.max_share.map(|m| format!("≤ {}", percent(m))),
            l.min_share.map(|m| format!("≥ {}", percent(m))),
        ]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(", ");
        let actual = match l.value {
            Some(_) => shares
                .first()
                .map(|(_, sh)| percent(*sh))
                .unwrap_or_default(),
            None => shares
                .iter()
                .max_by(|a, b| a.1.total_cmp(&b.1))
                .map(|(v, sh)| {
                    tr!(
                        lang,
                        "limits-largest",
                        value = v.as_str(),
                        share = percent(*sh)
                    )
                })
                .unwrap_or_default(),
        };
        rows.push(vec![
            Cell::text(&l.id),
            Cell::text(&format!(
                "{} {}",
                s.dimension_name(l.dimension.name()),
                l.value
                    .clone()
                    .unwrap_or_else(|| lang.text("limits-every-value"))
            )),
            Cell::text(&lang.text(if l.scope == Scope::Critical {
                "limits-critical-workloads"
            } else {
                "limits-all-workloads"
            })),
            Cell::text(&bound),
            Cell::text(&actual),
            Cell::text(&if binding {
                lang.text("limits-binding")
            } else {
                String::new()
            }),
        ]);
    }
    if let Some(b) = s.policy.budget {
        let used = run.metrics.total_cost;
        rows.push(vec![
            Cell::text(&lang.text("metric-budget")),
            Cell::text(&lang.text("metric-total-cost")),
            Cell::text(&lang.text("limits-all-workloads")),
            Cell::text(&format!("≤ {} {}", amount(b), s.meta.currency)),
            Cell::text(&format!("{} {}", amount(used), s.meta.currency)),
            Cell::text(&if (used - b).abs() <= 1e-6 * b {
                lang.text("limits-binding")
            } else {
                String::new()
            }),
        ]);
    }
    let headers = [
        "diag-col-rule",
        "th-on",
        "th-measured-over",
        "th-bound",
        "th-in-plan",
    ]
    .map(|id| lang.text(id));
    let mut headers: Vec<&str> = headers.iter().map(String::as_str).collect();
    headers.push("");
    table(&headers, &[], rows)
}

fn eligibility_table(run: &Solved) -> String {
    let s = run.scenario();
    let lang = s.meta.lang;
    let workload = lang.text("th-workload");
    let mut headers: Vec<&str> = vec![&workload];
    headers.extend(s.providers.iter().map(|p| p.id.as_str()));
    let (shown, hidden) = shown_workloads(s, TABLE_ROWS);
    let rows = shown
        .iter()
        .map(|&wi| (wi, &s.workloads[wi]))
        .map(|(wi, w)| {
            let _ = w;
            let mut row = vec![Cell::text(s.workload_name(wi))];
            for pi in 0..s.providers.len() {
                row.push(match &run.eligibility.reasons[wi][pi] {
                    None => Cell::text(&lang.text("eligible-mark")).class("ok"),
                    Some(r) => Cell::text(&r.text(lang)).class("no"),
                });
            }
            row
        })
        .collect();
    let legend: Vec<String> = s
        .providers
        .iter()
        .enumerate()
        .map(|(pi, p)| {
            format!(
                "<code>{}</code> {} ({})",
                escape(&p.id),
                escape(s.provider_name(pi)),
                escape(&p.country)
            )
        })
        .collect();
    let note = left_out(hidden, s.workloads.len(), "plan.json", lang)
        .map(|n| format!(" ({n})"))
        .unwrap_or_default();
    format!(
        "<p>{}</p>{}<p>{}</p>",
        escape(&tr!(lang, "eligibility-intro", note = note)),
        table(&headers, &[], rows),
        legend.join(" · ")
    )
}

fn run_record(run: &Solved) -> String {
    let lang = run.scenario().meta.lang;
    let mut items: Vec<String> = run
        .loaded
        .inputs
        .iter()
        .map(|i| {
            format!(
                "<li>{}</li>",
                tr!(
                    lang,
                    "record-input",
                    path = escape(&i.path),
                    sha = i.sha256.as_str()
                )
            )
        })
        .collect();
    items.push(format!(
        "<li>{}</li>",
        tr!(lang, "record-solver", solver = escape(&run.engine()))
    ));
    items.push(format!("<li>tayoka {}</li>", env!("CARGO_PKG_VERSION")));
    for o in &run.loaded.overrides {
        let from = o.source.to_string();
        items.push(format!(
            "<li>{}</li>",
            tr!(
                lang,
                "record-override",
                path = escape(&o.path),
                value = escape(&o.value.to_string()),
                from = escape(&from)
            )
        ));
    }
    format!("<ul class=\"plain\">{}</ul>", items.join(""))
}
