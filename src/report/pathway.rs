//! The pathway for people: the table of years, how they were planned, what
//! was built, and how the joint plan differs from planning year by year.

use comfy_table::Cell as TCell;

use super::analysis::{right, terminal_table};
use super::html::{Cell, Page, table};
use crate::analysis::pathway::Pathway;
use crate::chart::{Chart, canvas::escape};
use crate::units::percent;

fn pathway_rows(p: &Pathway) -> Vec<[String; 8]> {
    let s = &p.loaded.scenario;
    p.years
        .iter()
        .map(|y| {
            let m = &y.metrics;
            let top = m
                .max_share
                .get("provider")
                .map(|t| format!("{} ({})", percent(t.share), t.value))
                .unwrap_or_default();
            let built: f64 = y.built.iter().sum();
            [
                p.label(y.year),
                format!(
                    "{} {}",
                    crate::units::compact(m.total_cost),
                    s.meta.currency
                ),
                crate::units::compact(m.exit_cost),
                crate::units::amount(m.moved),
                percent(m.home_share),
                top,
                m.effective_number
                    .get("provider")
                    .map(|n| format!("{n:.2}"))
                    .unwrap_or_default(),
                if built > 0.0 {
                    crate::units::amount(built)
                } else {
                    String::new()
                },
            ]
        })
        .collect()
}

const PATHWAY_HEADER: [&str; 8] = [
    "year",
    "total cost",
    "exit cost",
    "moved",
    "home share",
    "max provider share",
    "effective providers",
    "built",
];

fn pathway_end(p: &Pathway) -> String {
    match (&p.infeasible, p.settled) {
        (Some((year, d)), _) => format!("{} has no feasible plan:\n{d}", p.label(*year)),
        (None, Some(year)) => format!("The plan no longer changes after {}.", p.label(year)),
        (None, None) => "The plan is still changing in the last year.".to_string(),
    }
}

/// How the years were planned, what was built, and how the joint plan
/// differs from planning year by year: sentences for the terminal and report.
fn pathway_summary(p: &Pathway) -> Vec<String> {
    use crate::analysis::pathway::Method;
    let s = &p.loaded.scenario;
    let planned = p.years.iter().filter(|y| y.year > 0).count();
    let asked = p.discount.len();
    let mut out = vec![match (p.method, &p.infeasible) {
        (Method::Joint, Some((year, _))) => format!(
            "No plan meets every year's rules over the {asked} years: planned year by year, {} is the first year without one (at most {} of each workload moving in a year); the years before it are the year-by-year plan's.",
            p.label(*year),
            percent(p.max_change)
        ),
        (Method::Joint, None) => format!(
            "Planned as one over {planned} years (perfect foresight); at most {} of each workload moves from one year to the next.",
            percent(p.max_change)
        ),
        (Method::Myopic, _) => format!(
            "Planned year by year (--myopic): each year alone from the year before; at most {} of each workload moves in a year.",
            percent(p.max_change)
        ),
    }];
    if let Some(sentence) = built_sentence(p) {
        out.push(sentence);
    } else if s
        .providers
        .iter()
        .any(|pr| pr.expand.as_ref().is_some_and(|x| x.max > 0.0))
        && p.method == Method::Joint
    {
        out.push("Builds nothing: no capacity that may be built improves the plan.".into());
    }
    if let Some(m) = &p.myopic {
        let t = p.totals();
        let years = |x: Option<usize>| {
            x.map_or("still changing in the last year".to_string(), |y| {
                format!("settled after {}", p.label(y))
            })
        };
        let mean = |x: f64| percent(x / planned.max(1) as f64);
        out.push(format!(
            "Against planning year by year (joint vs year by year): largest provider share {} vs {} a year on average (summed over the years {} vs {}); foreign share {} vs {} on average; moved {} vs {} {} in all; cost {} vs {} {} (discounted, with exit costs and investment); {} vs {}.",
            mean(t.dependence),
            mean(m.dependence),
            crate::units::amount(t.dependence),
            crate::units::amount(m.dependence),
            mean(t.foreign),
            mean(m.foreign),
            crate::units::amount(t.moved),
            crate::units::amount(m.moved),
            s.meta.unit,
            crate::units::compact(t.cost),
            crate::units::compact(m.cost),
            s.meta.currency,
            years(t.settled),
            years(m.settled),
        ));
    }
    out
}

/// pathway in the terminal.
pub fn pathway_terminal(p: &Pathway) -> String {
    let mut t = terminal_table(PATHWAY_HEADER.map(String::from).to_vec());
    for row in pathway_rows(p) {
        let mut cells = vec![TCell::new(&row[0])];
        cells.extend(row[1..].iter().map(right));
        t.add_row(cells);
    }
    format!(
        "Pathway of {}:\n{t}\n{}\n{}\n",
        p.scenario,
        pathway_summary(p).join("\n"),
        pathway_end(p)
    )
}

pub fn pathway_html(p: &Pathway, charts: &[Box<dyn Chart + '_>]) -> String {
    let mut page = Page::new(&format!("Pathway: {}", p.scenario));
    page.subtitle(format!(
        "{} {}",
        escape(&pathway_summary(p).join(" ")),
        escape(pathway_end(p).lines().next().unwrap_or_default())
    ));
    page.charts("Shares by year", charts);
    let rows = pathway_rows(p)
        .into_iter()
        .map(|r| {
            let mut cells = vec![Cell::text(&r[0])];
            cells.extend(r[1..].iter().map(|v| Cell::num(v)));
            cells
        })
        .collect();
    page.section(
        "Years",
        table(&PATHWAY_HEADER, &[1, 2, 3, 4, 5, 6, 7], rows),
    );
    if let Some((year, d)) = &p.infeasible {
        page.section(
            &format!("{}: no feasible plan", p.label(*year)),
            super::html::diagnosis_section(d),
        );
    }
    page.render()
}

/// What the pathway builds, per provider and year, and its cost; `None`
/// when it builds nothing.
pub fn built_sentence(p: &Pathway) -> Option<String> {
    let s = &p.loaded.scenario;
    let builds = builds(p);
    if builds.is_empty() {
        return None;
    }
    let parts: Vec<String> = builds
        .iter()
        .map(|b| {
            let years: Vec<String> = b
                .years
                .iter()
                .map(|&(y, added)| format!("{} in {}", crate::units::amount(added), p.label(y)))
                .collect();
            format!(
                "{} {} ({})",
                b.provider,
                crate::units::amount(b.total),
                years.join(", ")
            )
        })
        .collect();
    let total: f64 = builds.iter().map(|b| b.total).sum();
    let cost: f64 = p.years.iter().map(|y| y.investment).sum();
    Some(format!(
        "Builds {} {}: {}; investment {} {}.",
        crate::units::amount(total),
        s.meta.unit,
        parts.join("; "),
        crate::units::amount(cost),
        s.meta.currency
    ))
}

/// The build-out in a few words, for the chart: `built: softbank +2,975
/// (2031-2034)`.
pub fn built_short(p: &Pathway) -> Option<String> {
    let parts: Vec<String> = builds(p)
        .iter()
        .map(|b| {
            let (first, last) = (b.years[0].0, b.years[b.years.len() - 1].0);
            let when = if first == last {
                p.label(first)
            } else {
                format!("{}-{}", p.label(first), p.label(last))
            };
            format!(
                "{} +{} ({when})",
                b.provider,
                crate::units::compact(b.total)
            )
        })
        .collect();
    (!parts.is_empty()).then(|| format!("Built: {}.", parts.join(", ")))
}

/// One provider's build-out: the total and each year that adds to it.
struct Build<'a> {
    provider: &'a str,
    total: f64,
    /// (year, units added), at least one.
    years: Vec<(usize, f64)>,
}

/// Every provider that builds, in scenario order.
fn builds(p: &Pathway) -> Vec<Build<'_>> {
    let built = p.built();
    p.loaded
        .scenario
        .providers
        .iter()
        .enumerate()
        .filter(|(i, _)| built[*i] > 0.0)
        .map(|(i, pr)| Build {
            provider: &pr.id,
            total: built[i],
            years: p
                .years
                .iter()
                .filter_map(|y| y.built.get(i).filter(|b| **b > 0.0).map(|b| (y.year, *b)))
                .collect(),
        })
        .collect()
}
