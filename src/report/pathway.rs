//! `pathway`: the plan year by year (`pathway.csv`,
//! `pathway_allocation.csv`, `investment.csv`), its chart, report and
//! terminal table.

use crate::analysis::pathway::Pathway;
use crate::base::error::Error;
use crate::base::lang::Lang;
use crate::base::units::{percent, tidy};
use crate::chart::canvas::escape;
use crate::chart::{self, Chart, Palette};
use crate::report::csv::{csv_error, finish};
use crate::report::output::{Book, Charts, Output, RunInfo};
use crate::report::page::{Cell, Page, table};

use crate::tr;

/// A pathway, with the colours of its providers.
pub struct PathwayOutput<'a> {
    pub pathway: &'a Pathway,
    palette: Palette,
}

impl<'a> PathwayOutput<'a> {
    pub fn new(pathway: &'a Pathway) -> Self {
        let palette = Palette::new(&pathway.loaded.scenario);
        PathwayOutput { pathway, palette }
    }
}

impl Output for PathwayOutput<'_> {
    fn json_file(&self) -> Option<&'static str> {
        Some("pathway.json")
    }

    fn csv_file(&self) -> Option<&'static str> {
        Some("pathway.csv")
    }

    fn info(&self) -> RunInfo {
        RunInfo {
            lang: self.pathway.lang,
            mip_gap: self.pathway.mip_gap,
        }
    }

    fn files(&self) -> Result<Vec<(&'static str, Vec<u8>)>, Error> {
        Ok(vec![
            ("pathway.csv", self.pathway.csv()?),
            ("pathway.json", pathway_json(self.pathway)?),
            ("pathway_allocation.csv", self.pathway.allocation_csv()?),
            ("investment.csv", self.pathway.investment_csv()?),
        ])
    }

    fn charts(&self) -> Charts<'_> {
        let p = self.pathway;
        vec![Box::new(chart::StackedSharesChart {
            name: "pathway",
            title: crate::tr!(
                p.lang,
                "chart-pathway-title",
                scenario = p.scenario.as_str()
            ),
            subtitle: {
                let moves = crate::tr!(
                    p.lang,
                    "chart-pathway-subtitle",
                    change = crate::base::units::percent(p.max_change)
                );
                match built_short(p) {
                    Some(built) => format!("{moves} {built}"),
                    None => moves,
                }
            },
            scenario: &p.loaded.scenario,
            palette: &self.palette,
            rows: p
                .years
                .iter()
                .map(|y| (p.label(y.year), y.metrics.shares_of("provider")))
                .collect(),
            limits: p.years.iter().map(|y| y.limits.clone()).collect(),
        })]
    }

    fn report(&self, charts: &[Box<dyn Chart + '_>]) -> String {
        pathway_html(self.pathway, charts)
    }

    fn terminal(&self) -> String {
        pathway_terminal(self.pathway)
    }

    fn book(&self) -> Book {
        let p = self.pathway;
        let title = tr!(p.lang, "pathway-page-title", scenario = p.scenario.as_str());
        Book::new("pathway.xlsx", title, pathway_summary(p))
    }
}

fn pathway_rows(p: &Pathway) -> Vec<[String; 8]> {
    let s = &p.loaded.scenario;
    let oku = |x: f64| crate::base::units::money_in_oku(x, s.meta.lang, &s.meta.currency);
    p.years
        .iter()
        .map(|y| {
            let m = &y.metrics;
            let top = m
                .max_share
                .get("provider")
                .map(|t| {
                    let holders: Vec<&str> = t.holders.iter().map(String::as_str).collect();
                    let holders = crate::base::units::names(&holders, 2, p.lang);
                    format!("{} ({holders})", percent(t.share))
                })
                .unwrap_or_default();
            let built: f64 = y.built.iter().sum();
            [
                p.label(y.year),
                oku(m.total_cost).unwrap_or_else(|| s.meta.money(m.total_cost)),
                oku(m.exit_cost).unwrap_or_else(|| s.meta.money_bare(m.exit_cost)),
                crate::base::units::amount(m.moved),
                percent(m.home_share),
                top,
                m.effective_number
                    .get("provider")
                    .map(|n| format!("{n:.2}"))
                    .unwrap_or_default(),
                if built > 0.0 {
                    crate::base::units::amount(built)
                } else {
                    String::new()
                },
            ]
        })
        .collect()
}

/// The table's column names.
fn pathway_header(lang: Lang) -> [String; 8] {
    [
        "pathway-year",
        "metric-total-cost",
        "pathway-exit-cost",
        "pathway-moved",
        "pathway-home-share",
        "pathway-max-share",
        "pathway-effective",
        "pathway-built",
    ]
    .map(|id| lang.text(id))
}

/// The unit of the table's money, where its cells are bare numbers in it
/// (Japanese yen: 億円), said once for the table as JA-STYLE asks.
fn money_unit_note(p: &Pathway) -> String {
    let s = &p.loaded.scenario;
    match crate::base::units::money_in_oku(0.0, s.meta.lang, &s.meta.currency) {
        Some(_) => p.lang.text("pathway-money-in-oku"),
        None => String::new(),
    }
}

fn pathway_end(p: &Pathway) -> String {
    let lang = p.lang;
    match (&p.infeasible, p.settled) {
        (Some((year, d)), _) => format!(
            "{}\n{d}",
            tr!(lang, "pathway-no-plan-in", year = p.label(*year))
        ),
        (None, Some(year)) => tr!(lang, "pathway-settled", year = p.label(year)),
        (None, None) => lang.text("pathway-still-changing"),
    }
}

/// How the years were planned, what was built, and how the joint plan
/// differs from planning year by year: sentences for the terminal and report.
fn pathway_summary(p: &Pathway) -> Vec<String> {
    use crate::analysis::pathway::Method;
    let s = &p.loaded.scenario;
    let lang = p.lang;
    let planned = p.years.iter().filter(|y| y.year > 0).count();
    let asked = p.discount.len();
    let change = percent(p.max_change);
    let mut out = vec![match (p.method, &p.infeasible) {
        (Method::Joint, Some((year, _))) => tr!(
            lang,
            "pathway-joint-infeasible",
            n = asked,
            year = p.label(*year),
            change = change
        ),
        (Method::Joint, None) => tr!(lang, "pathway-joint", n = planned, change = change),
        (Method::Myopic, _) => tr!(lang, "pathway-myopic", change = change),
    }];
    if let Some(sentence) = built_sentence(p) {
        out.push(sentence);
    } else if s
        .providers
        .iter()
        .any(|pr| pr.expand.as_ref().is_some_and(|x| x.max > 0.0))
        && p.method == Method::Joint
    {
        out.push(lang.text("pathway-builds-nothing"));
    }
    if let Some(m) = &p.myopic {
        let t = p.totals();
        let years = |x: Option<usize>| {
            x.map_or(lang.text("pathway-still-changing-short"), |y| {
                tr!(lang, "pathway-settled-after", year = p.label(y))
            })
        };
        let mean = |x: f64| percent(x / planned.max(1) as f64);
        out.push(tr!(
            lang,
            "pathway-against-myopic",
            dep = mean(t.dependence),
            dep_myopic = mean(m.dependence),
            sum = crate::base::units::amount(t.dependence),
            sum_myopic = crate::base::units::amount(m.dependence),
            foreign = mean(t.foreign),
            foreign_myopic = mean(m.foreign),
            moved = crate::base::units::amount(t.moved),
            moved_myopic = crate::base::units::amount(m.moved),
            unit = crate::base::units::after_number(&s.meta.unit),
            cost = s.meta.money(t.cost),
            cost_myopic = s.meta.money(m.cost),
            settled = if t.settled == m.settled {
                tr!(lang, "pathway-settled-both", what = years(t.settled))
            } else {
                tr!(
                    lang,
                    "pathway-settled-vs",
                    joint = years(t.settled),
                    myopic = years(m.settled)
                )
            }
        ));
    }
    out
}

/// pathway in the terminal: its answer, then one column per year (in
/// blocks that fit the terminal), one row per measure.
pub fn pathway_terminal(p: &Pathway) -> String {
    let header = pathway_header(p.lang);
    let years = pathway_rows(p);
    let labels: Vec<String> = years.iter().map(|row| row[0].clone()).collect();
    let rows: Vec<(String, Vec<String>)> = header[1..]
        .iter()
        .enumerate()
        .map(|(i, name)| {
            let cells = years.iter().map(|row| row[i + 1].clone()).collect();
            (name.clone(), cells)
        })
        .collect();
    // Sentences break between words (and Japanese characters) at the
    // terminal's width; piped, each stays one line.
    let width = crate::report::prose::terminal_width();
    let summary: Vec<String> = pathway_summary(p)
        .iter()
        .map(|line| crate::report::prose::wrap(line, width.unwrap_or(usize::MAX)))
        .collect();
    format!(
        "{}\n{}\n\n{}{}\n",
        tr!(
            p.lang,
            "pathway-title",
            scenario = p.scenario.as_str(),
            unit = money_unit_note(p)
        ),
        summary.join("\n"),
        crate::report::prose::blocks_table(&header[0], &labels, &rows, width),
        pathway_end(p)
    )
}

pub fn pathway_html(p: &Pathway, charts: &[Box<dyn Chart + '_>]) -> String {
    let lang = p.lang;
    let mut page = Page::new(
        &tr!(lang, "pathway-page-title", scenario = p.scenario.as_str()),
        lang,
    );
    let gap = lang.sentence_gap();
    page.subtitle(format!(
        "{}{gap}{}",
        escape(&pathway_summary(p).join(gap)),
        escape(pathway_end(p).lines().next().unwrap_or_default())
    ));
    page.gap_note(p.mip_gap, crate::report::headline::GapOf::Analysis);
    page.charts(&lang.text("pathway-shares-by-year"), charts);
    let rows = pathway_rows(p)
        .into_iter()
        .map(|r| {
            let mut cells = vec![Cell::text(&r[0])];
            cells.extend(r[1..].iter().map(|v| Cell::num(v)));
            cells
        })
        .collect();
    let header = pathway_header(lang);
    page.section(
        &(lang.text("pathway-years") + &money_unit_note(p)),
        table(
            &header.each_ref().map(String::as_str),
            &[1, 2, 3, 4, 5, 6, 7],
            rows,
        ),
    );
    if let Some((year, d)) = &p.infeasible {
        page.section(
            &tr!(lang, "pathway-no-plan-section", year = p.label(*year)),
            crate::report::diagnosis::diagnosis_section(d),
        );
    }
    page.render()
}

/// What the pathway builds, per provider and year, and its cost; `None`
/// when it builds nothing.
pub fn built_sentence(p: &Pathway) -> Option<String> {
    let s = &p.loaded.scenario;
    let lang = p.lang;
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
                .map(|&(y, added)| {
                    tr!(
                        lang,
                        "pathway-added-in",
                        amount = crate::base::units::amount(added),
                        year = p.label(y)
                    )
                })
                .collect();
            format!(
                "{} {} ({})",
                b.provider,
                crate::base::units::amount(b.total),
                lang.list(&years)
            )
        })
        .collect();
    let total: f64 = builds.iter().map(|b| b.total).sum();
    let cost: f64 = p.years.iter().map(|y| y.investment).sum();
    Some(tr!(
        lang,
        "pathway-builds",
        total = crate::base::units::with_unit(&crate::base::units::amount(total), &s.meta.unit),
        parts = parts.join("; "),
        cost = s.meta.money_exact(cost)
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
                crate::base::units::compact(b.total)
            )
        })
        .collect();
    (!parts.is_empty()).then(|| tr!(p.lang, "pathway-built-short", parts = p.lang.list(&parts)))
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

impl Pathway {
    /// `pathway.csv`: one row per year: the headline metrics, then the share
    /// of every provider and country.
    pub fn csv(&self) -> Result<Vec<u8>, Error> {
        let s = &self.loaded.scenario;
        let countries = s.values(&crate::scenario::Dimension::Country);
        let mut w = csv::Writer::from_writer(Vec::new());
        let mut header: Vec<String> = [
            "year",
            "label",
            "total_cost",
            "exit_cost",
            "moved",
            "home_share",
            "max_share:provider",
            "max_share:country",
            "effective_number:provider",
            "worst_cutoff",
            "built",
            "investment_cost",
        ]
        .map(String::from)
        .to_vec();
        header.extend(
            s.providers
                .iter()
                .map(|p| format!("share:provider:{}", p.id)),
        );
        header.extend(countries.iter().map(|c| format!("share:country:{c}")));
        w.write_record(&header).map_err(csv_error)?;
        for y in &self.years {
            let m = &y.metrics;
            let share = |dim: &str, v: &str| {
                m.shares_of(dim)
                    .and_then(|d| d.values.iter().find(|r| r.value == v))
                    .map_or(0.0, |r| r.volume_share)
            };
            let mut rec = vec![
                y.year.to_string(),
                self.label_in(y.year, crate::base::lang::Lang::En),
                m.total_cost.to_string(),
                m.exit_cost.to_string(),
                m.moved.to_string(),
                m.home_share.to_string(),
                m.max_share
                    .get("provider")
                    .map_or(0.0, |t| t.share)
                    .to_string(),
                m.max_share
                    .get("country")
                    .map_or(0.0, |t| t.share)
                    .to_string(),
                m.effective_number
                    .get("provider")
                    .copied()
                    .unwrap_or(0.0)
                    .to_string(),
                m.worst_cutoff
                    .as_ref()
                    .map(|w| w.unserved_critical_fraction.to_string())
                    .unwrap_or_default(),
                tidy(y.built.iter().sum()).to_string(),
                y.investment.to_string(),
            ];
            rec.extend(
                s.providers
                    .iter()
                    .map(|p| share("provider", &p.id).to_string()),
            );
            rec.extend(countries.iter().map(|c| share("country", c).to_string()));
            w.write_record(&rec).map_err(csv_error)?;
        }
        finish(w)
    }

    /// `pathway_allocation.csv`: `year,workload,provider,amount`, each year's
    /// plan (year 0: today's split), sorted as `allocation.csv` is.
    pub fn allocation_csv(&self) -> Result<Vec<u8>, Error> {
        let s = &self.loaded.scenario;
        let mut w = csv::Writer::from_writer(Vec::new());
        w.write_record(["year", "workload", "provider", "amount"])
            .map_err(csv_error)?;
        for y in &self.years {
            for (wi, row) in y.allocation.rows.iter().enumerate() {
                for a in row {
                    w.write_record([
                        y.year.to_string(),
                        s.workloads[wi].id.clone(),
                        s.providers[a.provider].id.clone(),
                        a.amount.to_string(),
                    ])
                    .map_err(csv_error)?;
                }
            }
        }
        finish(w)
    }

    /// `investment.csv`: `year,provider,added,cost`, a row per year and
    /// provider that builds.
    pub fn investment_csv(&self) -> Result<Vec<u8>, Error> {
        let s = &self.loaded.scenario;
        let mut w = csv::Writer::from_writer(Vec::new());
        w.write_record(["year", "provider", "added", "cost"])
            .map_err(csv_error)?;
        for y in &self.years {
            for (p, &added) in y.built.iter().enumerate() {
                if added <= 0.0 {
                    continue;
                }
                let unit = s.providers[p].expand.as_ref().map_or(0.0, |x| x.cost);
                w.write_record([
                    y.year.to_string(),
                    s.providers[p].id.clone(),
                    added.to_string(),
                    tidy(added * unit).to_string(),
                ])
                .map_err(csv_error)?;
            }
        }
        finish(w)
    }
}

/// `pathway.json`: every figure the terminal and the report state, at full
/// precision: each year's metrics (today first), what was built, the
/// stages' optima over the whole pathway, and the joint plan against
/// planning year by year.
pub fn pathway_json(p: &Pathway) -> Result<Vec<u8>, Error> {
    use crate::analysis::pathway::{Method, Totals};
    use std::collections::BTreeMap;
    #[derive(serde::Serialize)]
    struct YearRecord<'a> {
        year: usize,
        label: String,
        metrics: &'a crate::plan::metrics::Metrics,
        /// Capacity built this year, by provider (those that built).
        built: BTreeMap<&'a str, f64>,
        investment: f64,
        /// The year's factor on cost (today: none).
        discount: Option<f64>,
    }
    #[derive(serde::Serialize)]
    struct Sums {
        /// The largest provider share, summed over the planned years and
        /// as a yearly mean.
        largest_provider_share_sum: f64,
        largest_provider_share_mean: f64,
        /// The foreign share (1 - home share), summed and as a mean.
        foreign_share_sum: f64,
        foreign_share_mean: f64,
        /// Demand moved in all, in the scenario's unit.
        moved: f64,
        /// Discounted cost with exit costs, plus investment.
        cost: f64,
        /// The last year whose plan changed, when it settled.
        settled: Option<String>,
    }
    #[derive(serde::Serialize)]
    struct Doc<'a> {
        scenario: &'a str,
        variant: &'a str,
        method: &'static str,
        max_change: f64,
        start: Option<i64>,
        planned_years: usize,
        years: Vec<YearRecord<'a>>,
        stages: &'a [crate::plan::metrics::Stage],
        settled: Option<String>,
        /// The first year without a plan, where the pathway ends.
        infeasible_year: Option<String>,
        proven_optimal: bool,
        mip_gap: Option<f64>,
        /// This pathway's sums, and (for a joint plan) planning year by
        /// year's beside them.
        totals: Sums,
        year_by_year: Option<Sums>,
    }
    let s = &p.loaded.scenario;
    let en = crate::base::lang::Lang::En;
    let planned = p.years.iter().filter(|y| y.year > 0).count();
    let sums = |t: &Totals| {
        let mean = |x: f64| crate::base::units::tidy(x / planned.max(1) as f64);
        Sums {
            largest_provider_share_sum: t.dependence,
            largest_provider_share_mean: mean(t.dependence),
            foreign_share_sum: t.foreign,
            foreign_share_mean: mean(t.foreign),
            moved: t.moved,
            cost: t.cost,
            settled: t.settled.map(|y| p.label_in(y, en)),
        }
    };
    let years = p
        .years
        .iter()
        .map(|y| YearRecord {
            year: y.year,
            label: p.label_in(y.year, en),
            metrics: &y.metrics,
            built: y
                .built
                .iter()
                .enumerate()
                .filter(|(_, b)| **b > 0.0)
                .map(|(i, b)| (s.providers[i].id.as_str(), *b))
                .collect(),
            investment: y.investment,
            discount: y
                .year
                .checked_sub(1)
                .and_then(|k| p.discount.get(k).copied()),
        })
        .collect();
    crate::report::json::to_json(&Doc {
        scenario: &p.scenario,
        variant: p.loaded.variant_label(),
        method: match p.method {
            Method::Joint => "joint",
            Method::Myopic => "myopic",
        },
        max_change: p.max_change,
        start: p.start,
        planned_years: planned,
        years,
        stages: &p.stages,
        settled: p.settled.map(|y| p.label_in(y, en)),
        infeasible_year: p.infeasible.as_ref().map(|(y, _)| p.label_in(*y, en)),
        proven_optimal: !p.stopped_early,
        mip_gap: p.mip_gap,
        totals: sums(&p.totals()),
        year_by_year: p.myopic.as_ref().map(sums),
    })
}
