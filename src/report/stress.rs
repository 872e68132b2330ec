//! `stress`: the plan under every cut-off and any Monte Carlo run
//! (`stress.csv`, `stress-workloads.csv`, `montecarlo.csv`), its charts,
//! report sections and terminal table.

use crate::analysis::stress::{Damage, Method, MonteCarlo};
use crate::base::error::Error;
use crate::base::lang::Lang;
use crate::base::units::{percent, tidy};
use crate::chart::{self, Chart};
use crate::model::Event;
use crate::report::csv::{csv_error, finish};
use crate::report::output::{Book, Charts, Output, RunInfo};
use crate::report::page::{Cell, Page, figure, table};
use crate::report::plan::PlanOutput;
use crate::report::prose::{answer_block, right, terminal_table, to_terminal};
use crate::scenario::Scenario;
use crate::tr;
use comfy_table::Cell as TCell;
use std::fmt::Write;

/// A stress test: the plan, its single cut-offs and any Monte Carlo run.
pub struct StressOutput<'a> {
    pub plan: PlanOutput<'a>,
    pub results: &'a [(Event, Damage)],
    pub monte_carlo: Option<&'a MonteCarlo>,
}

impl Output for StressOutput<'_> {
    fn json_file(&self) -> Option<&'static str> {
        Some("stress.json")
    }

    fn csv_file(&self) -> Option<&'static str> {
        Some("stress.csv")
    }

    fn info(&self) -> RunInfo {
        RunInfo {
            lang: self.plan.run.scenario().meta.lang,
            mip_gap: self.plan.run.mip_gap,
        }
    }

    fn files(&self) -> Result<Vec<(&'static str, Vec<u8>)>, Error> {
        let s = self.plan.run.scenario();
        let mut files = self.plan.files()?;
        files.push(("stress.csv", events_csv(s, self.results)?));
        files.push(("stress-workloads.csv", impacts_csv(s, self.results)?));
        files.push((
            "stress.json",
            stress_json(s, self.results, self.monte_carlo)?,
        ));
        if let Some(mc) = self.monte_carlo {
            files.push(("montecarlo.csv", montecarlo_csv(s, mc)?));
        }
        Ok(files)
    }

    fn charts(&self) -> Charts<'_> {
        let s = self.plan.run.scenario();
        let mut charts = self.plan.charts();
        charts.push(Box::new(chart::HeatmapChart {
            scenario: s,
            results: self.results,
        }));
        if let Some(mc) = self.monte_carlo {
            charts.push(Box::new(chart::HistogramChart {
                mc,
                scenario: &s.meta.name,
                lang: s.meta.lang,
            }));
        }
        charts
    }

    fn report(&self, charts: &[Box<dyn Chart + '_>]) -> String {
        // The plan's own section shows the plan's charts (drawn anew: the
        // ones given are the whole set, cut-offs included).
        let plan_charts = if charts.is_empty() {
            Vec::new()
        } else {
            self.plan.charts()
        };
        let mut page = crate::report::plan::page::plan_page(
            self.plan.run,
            &plan_charts,
            crate::report::headline::GapOf::Analysis,
        );
        let s = self.plan.run.scenario();
        page.set_answer(self.answer());
        stress_sections(&mut page, s, self.results, self.monte_carlo, charts);
        page.render()
    }

    fn terminal(&self) -> String {
        stress_terminal(self.plan.run.scenario(), self.results, self.monte_carlo)
    }

    fn book(&self) -> Book {
        self.plan.book_named("stress.xlsx", self.answer())
    }
}

impl StressOutput<'_> {
    /// What the stress test found first, then the plan's answer without its
    /// worst cut-off, which the stress answer has said.
    fn answer(&self) -> Vec<String> {
        let s = self.plan.run.scenario();
        let mut answer = stress_answer(s, self.results, self.monte_carlo);
        answer.extend(crate::report::headline::answer_of(self.plan.run, false));
        answer
    }
}

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
    let before = page.section_count();
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
            let event = ev.full_name(s);
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
        monte_carlo_section(page, s, mc, charts);
    }
    page.bring_forward(before);
}

/// What the stress test found, in a sentence or two: the worst single
/// cut-off and how many events leave critical demand unserved, and the
/// Monte Carlo risk where it was run.
pub fn stress_answer(
    s: &crate::scenario::Scenario,
    results: &[(crate::model::Event, crate::analysis::stress::Damage)],
    mc: Option<&crate::analysis::stress::MonteCarlo>,
) -> Vec<String> {
    let lang = s.meta.lang;
    let mut out = Vec::new();
    // The last of tied worst cut-offs, as the sentence has always named.
    let worst = worst_cutoffs(results).and_then(|w| w.last().copied());
    if let Some((ev, d)) = worst {
        let hurt = critical_hurt(results);
        out.push(tr!(
            lang,
            "stress-answer-worst",
            event = ev.name(s),
            critical = percent(d.unserved_critical_fraction),
            all = percent(d.unserved_fraction),
            hurt = hurt,
            events = results.len()
        ));
    }
    if let Some(mc) = mc {
        let p_critical = percent(mc.probability_critical_unserved);
        let expected_critical = percent(mc.expected_unserved_critical_fraction);
        let cvar_critical = percent(mc.cvar95_unserved_critical_fraction);
        out.push(match mc.method {
            Method::Sampled => tr!(
                lang,
                "stress-answer-mc",
                samples = crate::base::units::amount(mc.samples as f64),
                p_critical = p_critical,
                expected_critical = expected_critical,
                cvar_critical = cvar_critical
            ),
            Method::Exact => tr!(
                lang,
                "stress-answer-mc-exact",
                p_critical = p_critical,
                expected_critical = expected_critical,
                cvar_critical = cvar_critical
            ),
        });
    }
    out
}

/// The Monte Carlo section: its cards, histogram and likeliest failure sets.
fn monte_carlo_section(
    page: &mut Page,
    s: &crate::scenario::Scenario,
    mc: &crate::analysis::stress::MonteCarlo,
    charts: &[Box<dyn Chart + '_>],
) {
    let lang = s.meta.lang;
    let t = |id: &str| lang.text(id);
    // Sampled figures carry their standard error.
    let se = mc.standard_errors.as_ref();
    let with_se = |note: String, of: Option<f64>| match of {
        Some(e) => format!(
            "{note} · {}",
            tr!(lang, "card-standard-error", se = percent_2(e))
        ),
        None => note,
    };
    let all_demand = |x: f64| tr!(lang, "card-all-demand", share = percent(x));
    let items = vec![
        (
            t("card-expected-unserved"),
            percent(mc.expected_unserved_critical_fraction),
            with_se(
                all_demand(mc.expected_unserved_fraction),
                se.map(|e| e.expected_unserved_critical),
            ),
        ),
        (
            t("card-p-critical"),
            percent(mc.probability_critical_unserved),
            with_se(
                crate::chart::outage_basis(mc, lang),
                se.map(|e| e.p_any_critical_unserved),
            ),
        ),
        (
            t("card-cvar"),
            percent(mc.cvar95_unserved_critical_fraction),
            with_se(
                all_demand(mc.cvar95_unserved_fraction),
                se.map(|e| e.cvar95_critical),
            ),
        ),
        (
            t("card-failure-sets"),
            crate::base::units::amount(mc.outcomes.len() as f64),
            t("card-each-solved"),
        ),
    ];
    let mut html = crate::report::page::cards(&items);
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
                Cell::num(&percent(o.probability)),
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
            TCell::new(ev.name(s)),
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
    let answer = answer_block(&stress_answer(s, results, mc), lang);
    crate::report::prose::keep_words(&mut t);
    let mut out = format!("{answer}{}\n{t}\n", to_terminal(&title));
    if let Some(mc) = mc {
        out.push_str(&monte_carlo_terminal(mc, lang));
    }
    out
}

/// The outage figures in the terminal: how they were found, the figures,
/// and for samples their standard errors.
fn monte_carlo_terminal(mc: &MonteCarlo, lang: Lang) -> String {
    let sets = crate::base::units::amount(mc.outcomes.len() as f64);
    let head = match mc.method {
        Method::Sampled => tr!(
            lang,
            "stress-mc",
            samples = crate::base::units::amount(mc.samples as f64),
            seed = mc.seed.to_string(),
            sets = sets
        ),
        Method::Exact => tr!(
            lang,
            "stress-mc-exact",
            sets = sets,
            neglected = small_probability(mc.neglected_probability)
        ),
    };
    let figures = tr!(
        lang,
        "stress-mc-figures",
        expected_critical = percent(mc.expected_unserved_critical_fraction),
        expected_all = percent(mc.expected_unserved_fraction),
        p_critical = percent(mc.probability_critical_unserved),
        cvar_critical = percent(mc.cvar95_unserved_critical_fraction),
        cvar_all = percent(mc.cvar95_unserved_fraction)
    );
    let mut out = format!("{}\n{}\n", to_terminal(&head), to_terminal(&figures));
    if let Some(se) = &mc.standard_errors {
        let errors = tr!(
            lang,
            "stress-mc-errors",
            expected_critical = percent_2(se.expected_unserved_critical),
            p_critical = percent_2(se.p_any_critical_unserved),
            cvar_critical = percent_2(se.cvar95_critical)
        );
        let _ = writeln!(out, "{}", to_terminal(&errors));
    }
    out
}

/// A percentage to two significant figures (`0.039%`, `1.5%`): a standard
/// error is far smaller than the figure it belongs to.
fn percent_2(x: f64) -> String {
    let p = x * 100.0;
    if p <= 0.0 {
        return "0%".to_string();
    }
    let decimals = (1 - p.log10().floor() as i32).clamp(0, 8) as usize;
    format!("{p:.decimals$}%")
}

/// A probability far below a percent, as people write one: `3.1e-10`, or
/// `0`.
fn small_probability(p: f64) -> String {
    if p <= 0.0 {
        "0".to_string()
    } else {
        format!("{p:.1e}")
    }
}

/// `stress.csv`: one row per event.
pub fn events_csv(s: &Scenario, results: &[(Event, Damage)]) -> Result<Vec<u8>, Error> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record([
        "event",
        "also",
        "providers",
        "lost",
        "lost_fraction",
        "lost_critical",
        "lost_critical_fraction",
        "unserved",
        "unserved_fraction",
        "unserved_critical",
        "unserved_critical_fraction",
        "workloads_short",
    ])
    .map_err(csv_error)?;
    for (ev, d) in results {
        let providers: Vec<&str> = ev
            .providers
            .iter()
            .map(|&p| s.providers[p].id.as_str())
            .collect();
        let short: Vec<&str> = d
            .impacts
            .iter()
            .filter(|i| i.unserved > 0.0)
            .map(|i| s.workloads[i.workload].id.as_str())
            .collect();
        w.write_record([
            ev.label.clone(),
            ev.aliases.join(";"),
            providers.join(";"),
            d.lost.to_string(),
            d.lost_fraction.to_string(),
            d.lost_critical.to_string(),
            d.lost_critical_fraction.to_string(),
            d.unserved.to_string(),
            d.unserved_fraction.to_string(),
            d.unserved_critical.to_string(),
            d.unserved_critical_fraction.to_string(),
            short.join(";"),
        ])
        .map_err(csv_error)?;
    }
    finish(w)
}

/// `stress-workloads.csv`: every workload that loses demand in an event.
pub fn impacts_csv(s: &Scenario, results: &[(Event, Damage)]) -> Result<Vec<u8>, Error> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record([
        "event",
        "workload",
        "critical",
        "lost",
        "unserved",
        "unserved_fraction",
    ])
    .map_err(csv_error)?;
    for (ev, d) in results {
        for i in &d.impacts {
            let wl = &s.workloads[i.workload];
            w.write_record([
                ev.label.clone(),
                wl.id.clone(),
                wl.critical.to_string(),
                i.lost.to_string(),
                i.unserved.to_string(),
                tidy(i.unserved / wl.demand).to_string(),
            ])
            .map_err(csv_error)?;
        }
    }
    finish(w)
}

/// `montecarlo.csv`: one row per distinct failure set, likeliest first
/// (`samples` empty when the probabilities are exact).
pub fn montecarlo_csv(s: &Scenario, mc: &MonteCarlo) -> Result<Vec<u8>, Error> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record([
        "failed",
        "samples",
        "probability",
        "unserved_fraction",
        "unserved_critical_fraction",
    ])
    .map_err(csv_error)?;
    for o in &mc.outcomes {
        let failed: Vec<&str> = o
            .failed
            .iter()
            .map(|&p| s.providers[p].id.as_str())
            .collect();
        w.write_record([
            failed.join(";"),
            o.samples.map(|k| k.to_string()).unwrap_or_default(),
            o.probability.to_string(),
            o.unserved_fraction.to_string(),
            o.unserved_critical_fraction.to_string(),
        ])
        .map_err(csv_error)?;
    }
    finish(w)
}

/// `stress.json`: every figure the terminal and the report state, at full
/// precision: each cut-off, the worst ones (ties all named), and the
/// outage figures with how they were found.
pub fn stress_json(
    s: &Scenario,
    results: &[(Event, Damage)],
    mc: Option<&MonteCarlo>,
) -> Result<Vec<u8>, Error> {
    #[derive(serde::Serialize)]
    struct Cutoff<'a> {
        event: &'a str,
        also: &'a [String],
        providers: Vec<&'a str>,
        lost: f64,
        lost_fraction: f64,
        lost_critical: f64,
        lost_critical_fraction: f64,
        unserved: f64,
        unserved_fraction: f64,
        unserved_critical: f64,
        unserved_critical_fraction: f64,
        workloads_short: Vec<&'a str>,
    }
    #[derive(serde::Serialize)]
    struct Worst<'a> {
        /// Every cut-off that leaves the most critical demand (then all
        /// demand) unserved.
        events: Vec<&'a str>,
        unserved_critical_fraction: f64,
        unserved_fraction: f64,
    }
    #[derive(serde::Serialize)]
    struct Outages<'a> {
        method: crate::analysis::stress::Method,
        samples: usize,
        seed: u64,
        failure_sets: usize,
        expected_unserved: f64,
        expected_unserved_critical: f64,
        p_any_critical_unserved: f64,
        cvar95: f64,
        cvar95_critical: f64,
        standard_errors: Option<&'a crate::analysis::stress::StandardErrors>,
        neglected_probability: f64,
    }
    #[derive(serde::Serialize)]
    struct Doc<'a> {
        scenario: &'a str,
        cutoffs: Vec<Cutoff<'a>>,
        /// How many cut-offs leave some critical demand unserved.
        cutoffs_critical_unserved: usize,
        worst: Option<Worst<'a>>,
        monte_carlo: Option<Outages<'a>>,
    }
    let cutoffs = results
        .iter()
        .map(|(ev, d)| Cutoff {
            event: &ev.label,
            also: &ev.aliases,
            providers: ev
                .providers
                .iter()
                .map(|&p| s.providers[p].id.as_str())
                .collect(),
            lost: d.lost,
            lost_fraction: d.lost_fraction,
            lost_critical: d.lost_critical,
            lost_critical_fraction: d.lost_critical_fraction,
            unserved: d.unserved,
            unserved_fraction: d.unserved_fraction,
            unserved_critical: d.unserved_critical,
            unserved_critical_fraction: d.unserved_critical_fraction,
            workloads_short: d
                .impacts
                .iter()
                .filter(|i| i.unserved > 0.0)
                .map(|i| s.workloads[i.workload].id.as_str())
                .collect(),
        })
        .collect();
    let worst = worst_cutoffs(results).map(|tied| Worst {
        events: tied.iter().map(|(ev, _)| ev.label.as_str()).collect(),
        unserved_critical_fraction: tied[0].1.unserved_critical_fraction,
        unserved_fraction: tied[0].1.unserved_fraction,
    });
    let monte_carlo = mc.map(|mc| Outages {
        method: mc.method,
        samples: mc.samples,
        seed: mc.seed,
        failure_sets: mc.outcomes.len(),
        expected_unserved: mc.expected_unserved_fraction,
        expected_unserved_critical: mc.expected_unserved_critical_fraction,
        p_any_critical_unserved: mc.probability_critical_unserved,
        cvar95: mc.cvar95_unserved_fraction,
        cvar95_critical: mc.cvar95_unserved_critical_fraction,
        standard_errors: mc.standard_errors.as_ref(),
        neglected_probability: mc.neglected_probability,
    });
    crate::report::json::to_json(&Doc {
        scenario: &s.meta.name,
        cutoffs,
        cutoffs_critical_unserved: critical_hurt(results),
        worst,
        monte_carlo,
    })
}

/// The cut-offs that leave the most critical demand (then all demand)
/// unserved, in order; none without cut-offs.
fn worst_cutoffs(results: &[(Event, Damage)]) -> Option<Vec<&(Event, Damage)>> {
    let key = |d: &Damage| (d.unserved_critical_fraction, d.unserved_fraction);
    let most = results
        .iter()
        .map(|(_, d)| key(d))
        .max_by(|a, b| a.0.total_cmp(&b.0).then(a.1.total_cmp(&b.1)))?;
    Some(results.iter().filter(|(_, d)| key(d) == most).collect())
}

/// How many cut-offs leave some critical demand unserved.
fn critical_hurt(results: &[(Event, Damage)]) -> usize {
    results
        .iter()
        .filter(|(_, d)| d.unserved_critical > 0.0)
        .count()
}
