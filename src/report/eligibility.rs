//! The eligibility report of `check`: which providers may serve each
//! workload, and the warnings a planner should read before solving.

use crate::base::units::amount;
use crate::report::prose::{TERMINAL_ROWS, wrapper};
use crate::scenario::Scenario;
use crate::scenario::eligibility::Eligibility;
use crate::tr;
use std::fmt::Write;

/// The eligibility report of `check`: for each workload its eligible
/// providers, and for every other provider the first reason it may not serve.
pub fn eligibility_report(s: &Scenario, e: &Eligibility) -> String {
    let mut out = String::new();
    let wrap = wrapper();
    let lang = s.meta.lang;
    let (shown, hidden) = crate::report::shown_workloads(s, TERMINAL_ROWS);
    let file = lang.text("check-plan-json");
    if let Some(note) = crate::report::left_out(hidden, s.workloads.len(), &file, lang) {
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
                demand = crate::base::units::with_unit(&amount(w.demand), &s.meta.unit),
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
                let line = format!("{:<12} {}", format!("{}:", p.id), r.text(s));
                let _ = writeln!(out, "    {}", wrap(&line, "      "));
            }
        }
    }
    out
}

/// Warnings of `check` that do not make the scenario infeasible.
pub fn eligibility_warnings(s: &Scenario, e: &Eligibility) -> Vec<String> {
    let idle = s
        .providers
        .iter()
        .enumerate()
        .filter(|(pi, _)| !e.eligible.iter().any(|row| row.contains(pi)))
        .map(|(_, p)| tr!(s.meta.lang, "check-idle-provider", id = p.id.as_str()));
    // A workload's price on a provider it may not use is never paid.
    let unused_prices = s.workloads.iter().enumerate().flat_map(move |(wi, w)| {
        w.prices.keys().filter_map(move |id| {
            let pi = s.provider_index(id)?;
            let reason = e.reasons[wi][pi].as_ref()?;
            Some(tr!(
                s.meta.lang,
                "check-unused-price",
                workload = w.id.as_str(),
                provider = id.as_str(),
                reason = reason.text(s)
            ))
        })
    });
    idle.chain(unused_prices).collect()
}
