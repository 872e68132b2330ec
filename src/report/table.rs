//! What a planner reads in the terminal: the plan summary of `solve` and the
//! eligibility report of `check`.

use std::fmt::Write;

use comfy_table::{Cell, CellAlignment, ContentArrangement, Table, presets};

use super::headline;
use crate::eligibility::Eligibility;
use crate::metrics::scoped_share;
use crate::plan::Solved;
use crate::scenario::{Dimension, Limit, Scenario, Scope};
use crate::units::{amount, percent};

fn table(header: &[&str]) -> Table {
    let mut t = Table::new();
    t.load_preset(presets::UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_header(header.iter().map(Cell::new));
    t
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
            .map_or(value.to_string(), |i| s.providers[i].name.clone()),
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
                format!("critical: {} ", percent(share))
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

/// The terminal summary of a solved plan.
pub fn summary(run: &Solved) -> String {
    let s = run.scenario();
    let m = &run.metrics;
    let mut out = String::new();
    // Lines of prose break between words at the terminal's width.
    let width = super::prose::terminal_width().unwrap_or(usize::MAX);
    let wrap = |text: &str, indent: &str| {
        super::prose::wrap(text, width.saturating_sub(indent.len()).max(20))
            .replace('\n', &format!("\n{indent}"))
    };
    let title = s.meta.title.as_deref().unwrap_or(&s.meta.name);
    let line = format!(
        "{title}  [{} / {}]  objective: {}, solver: {}",
        s.meta.name,
        run.loaded.run_label(),
        s.policy.objective.name(),
        run.solver
    );
    let _ = writeln!(out, "{}", wrap(&line, ""));
    if !run.loaded.sets().is_empty() {
        let _ = writeln!(out, "with {}", run.loaded.sets_text());
    }
    out.push('\n');

    let mut alloc = table(&[
        "workload",
        "owner",
        &format!("demand ({})", s.meta.unit),
        "providers",
    ]);
    let (shown, hidden) = super::shown_workloads(s, TERMINAL_ROWS);
    for (w, row) in shown
        .iter()
        .map(|&wi| (&s.workloads[wi], &run.allocation.rows[wi]))
    {
        let parts: Vec<String> = row
            .iter()
            .map(|a| format!("{} {}", s.providers[a.provider].id, percent(a.fraction)))
            .collect();
        let label = if w.name == w.id {
            w.id.clone()
        } else {
            format!("{} ({})", w.id, w.name)
        };
        alloc.add_row(vec![
            Cell::new(label),
            Cell::new(w.owner.as_deref().unwrap_or("")),
            right(amount(w.demand)),
            Cell::new(parts.join(", ")),
        ]);
    }
    let note = super::left_out(hidden, s.workloads.len(), "allocation.csv")
        .map(|n| format!(" ({n})"))
        .unwrap_or_default();
    let _ = writeln!(out, "Allocation{note}\n{alloc}\n");

    let mut shares = table(&[
        "dimension",
        "value",
        "volume share",
        "spend share",
        "limits",
    ]);
    for dim in [Dimension::Provider, Dimension::Company, Dimension::Country] {
        let Some(d) = m.shares_of(dim.name()) else {
            continue;
        };
        for r in &d.values {
            let home = dim == Dimension::Country && r.value == s.meta.home;
            let value = if home {
                format!("{} (home)", r.value)
            } else {
                r.value.clone()
            };
            shares.add_row(vec![
                Cell::new(dim.name()),
                Cell::new(value),
                right(percent(r.volume_share)),
                right(percent(r.spend_share)),
                Cell::new(limits_for(run, &dim, &r.value)),
            ]);
        }
    }
    let _ = writeln!(out, "Shares\n{shares}\n");

    let mut head = table(&["metric", "value"]);
    head.add_row(vec![
        Cell::new("total cost"),
        right(format!("{} {}", amount(m.total_cost), s.meta.currency)),
    ]);
    if let Some(b) = s.policy.budget {
        head.add_row(vec![
            Cell::new("budget"),
            right(format!("{} {}", amount(b), s.meta.currency)),
        ]);
    }
    head.add_row(vec![
        Cell::new(format!("home share ({})", s.meta.home)),
        right(percent(m.home_share)),
    ]);
    if s.workloads.iter().any(|w| !w.current.is_empty()) {
        head.add_row(vec![
            Cell::new("moved from today's split"),
            right(headline::moved(m, s)),
        ]);
    }
    if s.workloads.iter().any(|w| !w.data.is_empty()) {
        head.add_row(vec![
            Cell::new("mosaic exposure"),
            right(headline::mosaic(m)),
        ]);
    }
    if let Some(w) = &m.worst_cutoff {
        head.add_row(vec![
            Cell::new("worst single cut-off"),
            right(format!(
                "{} critical unserved ({})",
                percent(w.unserved_critical_fraction),
                w.event
            )),
        ]);
    }
    head.add_row(vec![
        Cell::new("mean sovereignty level"),
        right(format!("{:.2}", m.mean_sovereignty)),
    ]);
    for dim in ["provider", "company", "country"] {
        if let Some(top) = headline::largest(m, dim) {
            head.add_row(vec![Cell::new(format!("max {dim} share")), right(top)]);
        }
        if dim == "country"
            && let Some((abroad, why)) = headline::largest_abroad(m, s)
        {
            head.add_row(vec![
                Cell::new(format!("max country share besides {}", s.meta.home)),
                right(format!("{abroad} ({why})")),
            ]);
        }
        if let Some(n) = m.effective_number.get(dim) {
            head.add_row(vec![
                Cell::new(format!("effective number ({dim})")),
                right(format!("{n:.2}")),
            ]);
        }
    }
    let _ = writeln!(out, "Headline\n{head}\n");

    let stages: Vec<String> = m
        .stages
        .iter()
        .map(|st| {
            let (name, value) = headline::stage(st, s);
            format!("{name} = {value}")
        })
        .collect();
    let line = format!("Objective stages: {}", stages.join(" → "));
    let _ = writeln!(out, "{}", wrap(&line, "  "));
    let holds = headline::binding(run);
    if !holds.is_empty() {
        let _ = writeln!(out, "\nWhat holds the plan (marginal values, per stage):");
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
    let (shown, hidden) = super::shown_workloads(s, TERMINAL_ROWS);
    if let Some(note) =
        super::left_out(hidden, s.workloads.len(), "the plan.json of `tayoka solve`")
    {
        let _ = writeln!(out, "({note})");
    }
    for (wi, w) in shown.iter().map(|&wi| (wi, &s.workloads[wi])) {
        let class = w
            .class
            .as_deref()
            .map(|c| format!(", class {c}"))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "{}  {}  ({} {}, capability {}{class})",
            w.id,
            w.name,
            amount(w.demand),
            s.meta.unit,
            w.capability
        );
        let eligible: Vec<&str> = e.eligible[wi]
            .iter()
            .map(|&p| s.providers[p].id.as_str())
            .collect();
        let shown = if eligible.is_empty() {
            "(none)".to_string()
        } else {
            eligible.join(", ")
        };
        let _ = writeln!(out, "    eligible: {shown}");
        for (pi, p) in s.providers.iter().enumerate() {
            if let Some(r) = &e.reasons[wi][pi] {
                let _ = writeln!(out, "    {:<12} {r}", format!("{}:", p.id));
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
        .map(|(_, p)| {
            format!(
                "provider '{}' serves no workload: it is eligible for none",
                p.id
            )
        })
        .collect()
}
