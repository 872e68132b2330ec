//! What a planner reads in the terminal: the plan summary of `solve` and the
//! eligibility report of `check`.

use std::fmt::Write;

use comfy_table::{Cell, CellAlignment, Table};

use super::headline;
use crate::base::units::{amount, percent};
use crate::plan::metrics::scoped_share;
use crate::scenario::eligibility::Eligibility;
use crate::scenario::{Dimension, Limit, Scenario, Scope};
use crate::solve::Solved;
use crate::tr;

fn table(header: &[&str]) -> Table {
    super::prose::terminal_table(header.iter().map(|h| h.to_string()).collect())
}

fn right(s: impl ToString) -> Cell {
    Cell::new(s).set_alignment(CellAlignment::Right)
}

/// The most workloads a terminal table lists (the largest by demand).
const TERMINAL_ROWS: usize = 50;

/// The display name of a dimension's value: a provider's name, a country's name.
pub fn value_name(s: &Scenario, dim: &str, value: &str) -> String {
    match dim {
        "provider" => s
            .provider_index(value)
            .map_or(value.to_string(), |i| s.provider_name(i).to_string()),
        "country" => s.country_name(value).to_string(),
        _ => value.to_string(),
    }
}

/// The limits that bound a value of a dimension, as `≤ 35% (any-provider)`.
/// A limit over critical workloads bounds another share than the row's (all
/// workloads), so it shows that share beside it: `critical: 62.3% ≥ 50% (...)`.
fn limits_for(run: &Solved, dim: &Dimension, value: &str) -> String {
    let s = run.scenario();
    let applies = |l: &&Limit| l.dimension == *dim && l.value.as_deref().is_none_or(|v| v == value);
    s.policy
        .limits
        .iter()
        .filter(applies)
        .flat_map(|l| {
            let over = if l.scope == Scope::Critical {
                let share = scoped_share(s, &run.allocation, dim, value, Scope::Critical);
                tr!(s.meta.lang, "limits-critical", share = percent(share))
            } else {
                String::new()
            };
            let max = l
                .max_share
                .map(|m| format!("{over}≤ {} ({})", percent(m), l.id));
            let min = l
                .min_share
                .map(|m| format!("{over}≥ {} ({})", percent(m), l.id));
            max.into_iter().chain(min)
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// Lines broken at the terminal's width, the lines after the first indented.
fn wrapper() -> impl Fn(&str, &str) -> String {
    let width = super::prose::terminal_width();
    move |text: &str, indent: &str| super::prose::wrap_hanging(text, width, indent)
}

/// The terminal summary of a solved plan.
pub fn summary(run: &Solved) -> String {
    let s = run.scenario();
    let m = &run.metrics;
    let mut out = String::new();
    // Lines of prose break between words at the terminal's width.
    let wrap = wrapper();
    let title = s.meta.title.as_deref().unwrap_or(&s.meta.name);
    let lang = s.meta.lang;
    let line = tr!(
        lang,
        "summary-title",
        title = title,
        name = s.meta.name.as_str(),
        label = run.loaded.run_label(),
        objective = s.policy.objective.name(),
        solver = run.solver.to_string()
    );
    let _ = writeln!(out, "{}", wrap(&line, ""));
    if !run.loaded.sets().is_empty() {
        let _ = writeln!(
            out,
            "{}",
            tr!(lang, "summary-with", sets = run.loaded.sets_text())
        );
    }
    out.push('\n');

    let mut alloc = table(&[
        &lang.text("col-workload"),
        &lang.text("col-owner"),
        &tr!(lang, "col-demand", unit = s.meta.unit.as_str()),
        &lang.text("col-providers"),
    ]);
    let (shown, hidden) = super::shown_workloads(s, TERMINAL_ROWS);
    for (wi, w, row) in shown
        .iter()
        .map(|&wi| (wi, &s.workloads[wi], &run.allocation.rows[wi]))
    {
        let parts: Vec<String> = row
            .iter()
            .map(|a| format!("{} {}", s.providers[a.provider].id, percent(a.fraction)))
            .collect();
        let name = s.workload_name(wi);
        let label = if name == w.id {
            w.id.clone()
        } else {
            format!("{} ({name})", w.id)
        };
        alloc.add_row(vec![
            Cell::new(label),
            Cell::new(w.owner.as_deref().unwrap_or("")),
            right(amount(w.demand)),
            Cell::new(parts.join(", ")),
        ]);
    }
    let note = super::left_out(hidden, s.workloads.len(), "allocation.csv", lang)
        .map(|n| format!(" ({n})"))
        .unwrap_or_default();
    let _ = writeln!(out, "{}{note}\n{alloc}\n", lang.text("summary-allocation"));

    let mut shares = table(&[
        &lang.text("col-dimension"),
        &lang.text("col-value"),
        &lang.text("col-volume-share"),
        &lang.text("col-spend-share"),
        &lang.text("col-limits"),
    ]);
    for dim in [Dimension::Provider, Dimension::Company, Dimension::Country] {
        let Some(d) = m.shares_of(dim.name()) else {
            continue;
        };
        for r in &d.values {
            let home = dim == Dimension::Country && r.value == s.meta.home;
            let value = if home {
                tr!(lang, "value-home", value = r.value.as_str())
            } else {
                r.value.clone()
            };
            shares.add_row(vec![
                Cell::new(s.dimension_name(dim.name())),
                Cell::new(value),
                right(percent(r.volume_share)),
                right(percent(r.spend_share)),
                Cell::new(limits_for(run, &dim, &r.value)),
            ]);
        }
    }
    let _ = writeln!(out, "{}\n{shares}\n", lang.text("summary-shares"));

    let mut head = table(&[&lang.text("col-metric"), &lang.text("col-value")]);
    head.add_row(vec![
        Cell::new(lang.text("metric-total-cost")),
        right(format!("{} {}", amount(m.total_cost), s.meta.currency)),
    ]);
    if let Some(b) = s.policy.budget {
        head.add_row(vec![
            Cell::new(lang.text("metric-budget")),
            right(format!("{} {}", amount(b), s.meta.currency)),
        ]);
    }
    head.add_row(vec![
        Cell::new(tr!(lang, "metric-home-share", home = s.meta.home.as_str())),
        right(percent(m.home_share)),
    ]);
    if s.workloads.iter().any(|w| !w.current.is_empty()) {
        head.add_row(vec![
            Cell::new(lang.text("metric-moved")),
            right(headline::moved(m, s)),
        ]);
    }
    if s.workloads.iter().any(|w| !w.data.is_empty()) {
        head.add_row(vec![
            Cell::new(lang.text("metric-mosaic")),
            right(headline::mosaic(m, s)),
        ]);
    }
    if let Some(w) = &m.worst_cutoff {
        head.add_row(vec![
            Cell::new(lang.text("metric-worst-cutoff")),
            right(tr!(
                lang,
                "worst-cutoff-value",
                share = percent(w.unserved_critical_fraction),
                event = w.event.as_str()
            )),
        ]);
    }
    head.add_row(vec![
        Cell::new(lang.text("metric-mean-sovereignty")),
        right(format!("{:.2}", m.mean_sovereignty)),
    ]);
    for dim in ["provider", "company", "country"] {
        if let Some(top) = headline::largest(m, dim, s) {
            head.add_row(vec![
                Cell::new(tr!(lang, "metric-max-share", dim = s.dimension_name(dim))),
                right(top),
            ]);
        }
        if dim == "country"
            && let Some((abroad, why)) = headline::largest_abroad(m, s)
        {
            head.add_row(vec![
                Cell::new(tr!(
                    lang,
                    "metric-max-share-abroad",
                    home = s.meta.home.as_str()
                )),
                right(format!("{abroad} ({why})")),
            ]);
        }
        if let Some(n) = m.effective_number.get(dim) {
            head.add_row(vec![
                Cell::new(tr!(lang, "metric-effective", dim = s.dimension_name(dim))),
                right(format!("{n:.2}")),
            ]);
        }
    }
    let _ = writeln!(out, "{}\n{head}\n", lang.text("summary-headline"));

    let stages: Vec<String> = m
        .stages
        .iter()
        .map(|st| {
            let (name, value) = headline::stage(st, s);
            format!("{name} = {value}")
        })
        .collect();
    let line = tr!(lang, "summary-stages", stages = stages.join(" → "));
    let _ = writeln!(out, "{}", wrap(&line, "  "));
    let holds = headline::binding(run);
    if !holds.is_empty() {
        let _ = writeln!(out, "\n{}", lang.text("summary-holds"));
        for line in holds {
            let _ = writeln!(out, "  - {}", wrap(&line, "    "));
        }
    }
    out
}

/// The eligibility report of `check`: for each workload its eligible
/// providers, and for every other provider the first reason it may not serve.
pub fn eligibility_report(s: &Scenario, e: &Eligibility) -> String {
    let mut out = String::new();
    let wrap = wrapper();
    let lang = s.meta.lang;
    let (shown, hidden) = super::shown_workloads(s, TERMINAL_ROWS);
    let file = lang.text("check-plan-json");
    if let Some(note) = super::left_out(hidden, s.workloads.len(), &file, lang) {
        let _ = writeln!(out, "({note})");
    }
    for (wi, w) in shown.iter().map(|&wi| (wi, &s.workloads[wi])) {
        let class = w
            .class
            .as_deref()
            .map(|c| tr!(lang, "check-class", class = c))
            .unwrap_or_default();
        let head = format!(
            "{}  {}  {}",
            w.id,
            s.workload_name(wi),
            tr!(
                lang,
                "check-workload",
                demand = format!("{} {}", amount(w.demand), s.meta.unit),
                capability = w.capability.as_str(),
                class = class
            )
        );
        let _ = writeln!(out, "{}", wrap(&head, "    "));
        let eligible: Vec<&str> = e.eligible[wi]
            .iter()
            .map(|&p| s.providers[p].id.as_str())
            .collect();
        let shown = if eligible.is_empty() {
            lang.text("check-none")
        } else {
            eligible.join(", ")
        };
        let line = tr!(lang, "check-eligible", providers = shown);
        let _ = writeln!(out, "    {}", wrap(&line, "      "));
        for (pi, p) in s.providers.iter().enumerate() {
            if let Some(r) = &e.reasons[wi][pi] {
                let line = format!("{:<12} {}", format!("{}:", p.id), r.text(lang));
                let _ = writeln!(out, "    {}", wrap(&line, "      "));
            }
        }
    }
    out
}

/// Warnings of `check` that do not make the scenario infeasible.
pub fn eligibility_warnings(s: &Scenario, e: &Eligibility) -> Vec<String> {
    s.providers
        .iter()
        .enumerate()
        .filter(|(pi, _)| !e.eligible.iter().any(|row| row.contains(pi)))
        .map(|(_, p)| tr!(s.meta.lang, "check-idle-provider", id = p.id.as_str()))
        .collect()
}
