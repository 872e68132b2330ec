//! What a planner reads in the terminal after `solve`: the plan summary.

use crate::base::units::{amount, percent};
use crate::plan::metrics::{limit_measure, scoped_share};
use crate::report::headline;
use crate::report::prose::{TERMINAL_ROWS, header_table, right, wrapper};
use crate::scenario::{Dimension, Limit, Scope, Side};
use crate::solve::Solved;
use crate::tr;
use comfy_table::{Cell, Table};
use std::fmt::Write;

/// The limits that bound a value of a dimension, as `≤ 35% (us)`. A limit
/// on every value is said once, on the dimension's first row (`first`):
/// `≤ 35% each (any-provider)`. A limit over critical workloads bounds
/// another share than the row's (all workloads), so it shows that share
/// beside it: `critical: 62.3% ≥ 50% (...)`.
fn limits_for(run: &Solved, dim: &Dimension, value: &str, first: bool) -> String {
    let s = run.scenario();
    let applies = |l: &&Limit| {
        l.dimension == *dim
            && match l.value.as_deref() {
                Some(v) => v == value,
                None => first,
            }
    };
    s.policy
        .limits
        .iter()
        .filter(applies)
        .flat_map(|l| {
            let over = if l.on_amounts() {
                let amount = limit_measure(s, &run.allocation, l, value);
                tr!(
                    s.meta.lang,
                    "limits-amount",
                    amount = l.show(amount, &s.meta.unit)
                )
            } else if l.scope == Scope::Critical {
                let share = scoped_share(s, &run.allocation, dim, value, Scope::Critical);
                tr!(s.meta.lang, "limits-critical", share = percent(share))
            } else {
                String::new()
            };
            l.bounds().map(move |(side, _, bound)| {
                let sign = if side == Side::Max { "≤" } else { "≥" };
                let bound = format!("{sign} {}", l.show(bound, &s.meta.unit));
                match l.value {
                    Some(_) => format!("{over}{bound} ({})", l.id),
                    None => tr!(
                        s.meta.lang,
                        "limits-each",
                        bound = bound,
                        id = l.id.as_str()
                    ),
                }
            })
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// The terminal summary of a solved plan: its title, the allocation, the
/// shares, the headline figures, the stages and what holds the plan.
pub fn summary(run: &Solved) -> String {
    // Lines of prose break between words at the terminal's width.
    let wrap = wrapper();
    let mut out = title_lines(run, &wrap);
    let lang = run.scenario().meta.lang;
    let _ = writeln!(out, "{}\n", allocation_table(run));
    let _ = writeln!(
        out,
        "{}\n{}\n",
        lang.text("summary-shares"),
        shares_table(run)
    );
    let _ = writeln!(
        out,
        "{}\n{}\n",
        lang.text("summary-headline"),
        headline_table(run)
    );
    out.push_str(&stages_and_holds(run, &wrap));
    out
}

/// The run's title line, and the overrides it was solved with.
fn title_lines(run: &Solved, wrap: &impl Fn(&str, &str) -> String) -> String {
    let s = run.scenario();
    let mut out = String::new();
    let title = s.meta.title.as_deref().unwrap_or(&s.meta.name);
    let lang = s.meta.lang;
    let line = tr!(
        lang,
        "summary-title",
        title = title,
        name = s.meta.name.as_str(),
        label = run.loaded.run_label(),
        objective = tr!(
            lang,
            "objective-name",
            objective = s.policy.objective.name()
        ),
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
    // The answer first, in three lines: what a reader decides on, before
    // any table (the report and workbook say it in full).
    for line in headline::brief(run) {
        let _ = writeln!(out, "{}", wrap(&line, "  "));
    }
    out.push('\n');
    out
}

/// The allocation's heading and table, the largest workloads first.
fn allocation_table(run: &Solved) -> String {
    let s = run.scenario();
    let lang = s.meta.lang;
    let mut alloc = header_table(&[
        &lang.text("col-workload"),
        &lang.text("col-owner"),
        &tr!(lang, "col-demand", unit = s.meta.unit.as_str()),
        &lang.text("col-providers"),
    ]);
    let (shown, hidden) = crate::report::shown_workloads(s, TERMINAL_ROWS);
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
            Cell::new(s.owner_name(wi).unwrap_or("")),
            right(amount(w.demand)),
            Cell::new(parts.join(", ")),
        ]);
    }
    let note = crate::report::left_out(hidden, s.workloads.len(), "allocation.csv", lang)
        .map(|n| format!(" ({n})"))
        .unwrap_or_default();
    crate::report::prose::keep_words(&mut alloc);
    let title = format!("{}{note}", lang.text("summary-allocation"));
    format!("{}\n{alloc}", crate::report::prose::to_terminal(&title))
}

/// Each provider's, company's and country's shares, with their limits.
fn shares_table(run: &Solved) -> Table {
    let (s, m) = (run.scenario(), &run.metrics);
    let lang = s.meta.lang;
    let mut shares = header_table(&[
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
        for (k, r) in d.values.iter().enumerate() {
            let home = dim == Dimension::Country && r.value == s.meta.home;
            let value = if home {
                tr!(lang, "value-home", value = r.value.as_str())
            } else {
                r.value.clone()
            };
            let name = if k == 0 {
                s.dimension_name(dim.name())
            } else {
                String::new()
            };
            shares.add_row(vec![
                Cell::new(name),
                Cell::new(value),
                right(percent(r.volume_share)),
                right(percent(r.spend_share)),
                Cell::new(limits_for(run, &dim, &r.value, k == 0)),
            ]);
        }
    }
    crate::report::prose::keep_words(&mut shares);
    shares
}

/// The headline figures: cost, budget, home share, moves, mosaic, worst
/// cut-off, sovereignty, the largest shares and effective numbers.
fn headline_table(run: &Solved) -> Table {
    let (s, m) = (run.scenario(), &run.metrics);
    let lang = s.meta.lang;
    let mut head = header_table(&[&lang.text("col-metric"), &lang.text("col-value")]);
    head.add_row(vec![
        Cell::new(lang.text("metric-total-cost")),
        right(s.meta.money_exact(m.total_cost)),
    ]);
    if let Some(b) = s.policy.budget {
        head.add_row(vec![
            Cell::new(lang.text("metric-budget")),
            right(s.meta.money_exact(b)),
        ]);
    }
    head.add_row(vec![
        Cell::new(tr!(lang, "metric-home-share", home = s.meta.home.as_str())),
        right(percent(m.home_share)),
    ]);
    if headline::has_sourcing(s) {
        head.add_row(vec![
            Cell::new(lang.text("metric-contracts")),
            right(headline::contracts(m, s)),
        ]);
        head.add_row(vec![
            Cell::new(lang.text("metric-discounts")),
            right(headline::discounts(m, s)),
        ]);
    }
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
                event = crate::model::cutoff_name(&w.event, s)
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
    head
}

/// The stages' optima in order, then what holds the plan.
fn stages_and_holds(run: &Solved, wrap: &impl Fn(&str, &str) -> String) -> String {
    let (s, m) = (run.scenario(), &run.metrics);
    let lang = s.meta.lang;
    let mut out = String::new();
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
