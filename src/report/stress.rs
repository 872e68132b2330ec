//! `stress` for people: each single cut-off and the Monte Carlo summary, in
//! the terminal and in the report.

use std::fmt::Write;

use comfy_table::Cell as TCell;

use super::html::{Cell, Page, figure, table};
use super::prose::{right, terminal_table, to_terminal};
use crate::base::lang::Lang;
use crate::base::units::percent;
use crate::chart::Chart;
use crate::tr;

/// The first `n` names, then how many more.
fn capped(names: Vec<String>, n: usize, lang: Lang) -> String {
    let refs: Vec<&str> = names.iter().map(String::as_str).collect();
    crate::base::units::names(&refs, n, lang)
}

/// The stress sections: each single cut-off, and the Monte Carlo summary.
pub fn stress_sections(
    page: &mut Page,
    s: &crate::scenario::Scenario,
    results: &[(crate::model::Event, crate::analysis::stress::Damage)],
    mc: Option<&crate::analysis::stress::MonteCarlo>,
    charts: &[Box<dyn Chart + '_>],
) {
    let amount = crate::base::units::amount;
    let lang = s.meta.lang;
    let t = |id: &str| lang.text(id);
    let rows = results
        .iter()
        .map(|(ev, d)| {
            let short: Vec<String> = d
                .impacts
                .iter()
                .filter(|i| i.unserved > 0.0)
                .map(|i| format!("{} ({})", s.workload_name(i.workload), amount(i.unserved)))
                .collect();
            let short = capped(short, 10, lang);
            let event = if ev.aliases.is_empty() {
                ev.label.clone()
            } else {
                format!("{} (= {})", ev.label, ev.aliases.join(", "))
            };
            vec![
                Cell::text(&event),
                Cell::num(&format!(
                    "{} ({})",
                    amount(d.lost),
                    percent(d.lost_fraction)
                )),
                Cell::num(&percent(d.lost_critical_fraction)),
                Cell::num(&format!(
                    "{} ({})",
                    amount(d.unserved),
                    percent(d.unserved_fraction)
                )),
                Cell::num(&percent(d.unserved_critical_fraction)),
                Cell::text(&short),
            ]
        })
        .collect();
    let mut html = format!("<p>{}</p>", t("stress-intro"));
    let headers = [
        "th-event",
        "th-lost-before",
        "th-lost-critical",
        "th-unserved-after",
        "th-unserved-critical",
        "th-workloads-short",
    ]
    .map(t);
    html.push_str(&table(
        &headers.each_ref().map(String::as_str),
        &[1, 2, 3, 4],
        rows,
    ));
    for c in charts.iter().filter(|c| c.name() == "stress") {
        html.push_str(&figure(c.as_ref(), ""));
    }
    page.section(&t("stress-single-section"), html);
    if let Some(mc) = mc {
        let items = vec![
            (
                t("card-expected-unserved"),
                percent(mc.expected_unserved_critical_fraction),
                tr!(
                    lang,
                    "card-all-demand",
                    share = percent(mc.expected_unserved_fraction)
                ),
            ),
            (
                t("card-p-critical"),
                percent(mc.probability_critical_unserved),
                tr!(
                    lang,
                    "card-samples",
                    n = mc.samples,
                    seed = mc.seed.to_string()
                ),
            ),
            (
                t("card-cvar"),
                percent(mc.cvar95_unserved_critical_fraction),
                tr!(
                    lang,
                    "card-all-demand",
                    share = percent(mc.cvar95_unserved_fraction)
                ),
            ),
            (
                t("card-failure-sets"),
                mc.outcomes.len().to_string(),
                t("card-each-solved"),
            ),
        ];
        let mut html = super::html::cards(&items);
        for c in charts.iter().filter(|c| c.name() == "montecarlo") {
            html.push_str(&figure(c.as_ref(), ""));
        }
        let rows = mc
            .outcomes
            .iter()
            .take(15)
            .map(|o| {
                let failed: Vec<&str> = o
                    .failed
                    .iter()
                    .map(|&p| s.providers[p].id.as_str())
                    .collect();
                let failed = if failed.is_empty() {
                    t("check-none")
                } else {
                    failed.join(", ")
                };
                vec![
                    Cell::text(&failed),
                    Cell::num(&percent(o.samples as f64 / mc.samples.max(1) as f64)),
                    Cell::num(&percent(o.unserved_critical_fraction)),
                ]
            })
            .collect();
        let headers = ["th-failed", "th-probability", "th-unserved-critical"].map(t);
        html.push_str(&table(
            &headers.each_ref().map(String::as_str),
            &[1, 2],
            rows,
        ));
        page.section(&t("stress-mc-section"), html);
    }
}

/// stress in the terminal.
pub fn stress_terminal(
    s: &crate::scenario::Scenario,
    results: &[(crate::model::Event, crate::analysis::stress::Damage)],
    mc: Option<&crate::analysis::stress::MonteCarlo>,
) -> String {
    let amount = crate::base::units::amount;
    let lang = s.meta.lang;
    let mut t = terminal_table(
        [
            "col-event",
            "col-lost",
            "col-lost-critical",
            "col-unserved",
            "col-unserved-critical",
            "col-workloads-short",
        ]
        .map(|id| lang.text(id))
        .to_vec(),
    );
    for (ev, d) in results {
        let short: Vec<String> = d
            .impacts
            .iter()
            .filter(|i| i.unserved > 0.0)
            .map(|i| s.workloads[i.workload].id.clone())
            .collect();
        let short = capped(short, 8, lang);
        t.add_row(vec![
            TCell::new(&ev.label),
            right(format!("{} ({})", amount(d.lost), percent(d.lost_fraction))),
            right(percent(d.lost_critical_fraction)),
            right(format!(
                "{} ({})",
                amount(d.unserved),
                percent(d.unserved_fraction)
            )),
            right(percent(d.unserved_critical_fraction)),
            TCell::new(short),
        ]);
    }
    let title = tr!(lang, "stress-title", scenario = s.meta.name.as_str());
    let mut out = format!("{}\n{t}\n", to_terminal(&title));
    if let Some(mc) = mc {
        let _ = writeln!(
            out,
            "{}",
            to_terminal(&tr!(
                lang,
                "stress-mc",
                samples = mc.samples,
                seed = mc.seed.to_string(),
                sets = mc.outcomes.len(),
                expected_critical = percent(mc.expected_unserved_critical_fraction),
                expected_all = percent(mc.expected_unserved_fraction),
                p_critical = percent(mc.probability_critical_unserved),
                cvar_critical = percent(mc.cvar95_unserved_critical_fraction),
                cvar_all = percent(mc.cvar95_unserved_fraction)
            ))
        );
    }
    out
}
