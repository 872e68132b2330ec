//! Every result a command gives, as one [`Output`]: its data files, its
//! charts, its report and its terminal summary. The command line ends every
//! command through the same path with it, so a new analysis only says what
//! it shows, never how files are written.

use super::analysis as text;
use super::html;
use crate::analysis::alternatives::Alternatives;
use crate::analysis::compare::Comparison;
use crate::analysis::frontier::Frontier;
use crate::analysis::pathway::Pathway;
use crate::analysis::stress::{Damage, MonteCarlo};
use crate::analysis::sweep::Sweep;
use crate::base::diagnosis::Diagnosis;
use crate::base::error::Error;
use crate::base::lang::Lang;
use crate::chart::{self, Chart, Palette};
use crate::model::Event;
use crate::solve::Solved;

/// The name of every file tayoka writes into a run folder: a folder holding
/// only these may be replaced by a new run; any other file is the user's.
pub const FILE_NAMES: &[&str] = &[
    "plan.json",
    "allocation.csv",
    "shares.csv",
    "metrics.json",
    "diagnosis.json",
    "report.html",
    "compare.csv",
    "compare.json",
    "changes.csv",
    "sweep.csv",
    "frontier.csv",
    "tradeoff.csv",
    "alternatives.csv",
    "stress.csv",
    "stress-workloads.csv",
    "montecarlo.csv",
    "pathway.csv",
    "pathway_allocation.csv",
    "investment.csv",
    "allocation.svg",
    "allocation.png",
    "shares.svg",
    "shares.png",
    "concentration.svg",
    "concentration.png",
    "compare-metrics.svg",
    "compare-metrics.png",
    "compare-shares.svg",
    "compare-shares.png",
    "sweep.svg",
    "sweep.png",
    "frontier.svg",
    "frontier.png",
    "tradeoff.svg",
    "tradeoff.png",
    "alternatives.svg",
    "alternatives.png",
    "stress.svg",
    "stress.png",
    "montecarlo.svg",
    "montecarlo.png",
    "pathway.svg",
    "pathway.png",
];

/// The charts of one result: boxed, each borrowing from the result.
pub type Charts<'a> = Vec<Box<dyn Chart + 'a>>;

/// What one result gives a person and a program.
pub trait Output {
    /// The data files, as (file name, bytes), in the order they are written.
    fn files(&self) -> Result<Vec<(&'static str, Vec<u8>)>, Error>;
    /// The charts, each written as SVG and PNG (none where it has none).
    fn charts(&self) -> Charts<'_> {
        Vec::new()
    }
    /// `report.html`, with the charts drawn inline.
    fn report(&self, charts: &[Box<dyn Chart + '_>]) -> String;
    /// The summary for a terminal.
    fn terminal(&self) -> String;
    /// The language its texts for people are written in.
    fn lang(&self) -> Lang;
    /// The widest MIP gap an analysis's plans were proven within, where
    /// integer rules stopped a branch and bound there (see `--mip-gap`).
    fn mip_gap(&self) -> Option<f64> {
        None
    }
}

/// A solved plan, with the colours its charts share.
pub struct PlanOutput<'a> {
    pub run: &'a Solved,
    pub palette: Palette,
}

impl<'a> PlanOutput<'a> {
    pub fn new(run: &'a Solved) -> Self {
        PlanOutput {
            run,
            palette: Palette::new(run.scenario()),
        }
    }
}

impl Output for PlanOutput<'_> {
    fn lang(&self) -> Lang {
        self.run.scenario().meta.lang
    }

    fn files(&self) -> Result<Vec<(&'static str, Vec<u8>)>, Error> {
        super::plan_exporters()
            .iter()
            .map(|e| Ok((e.file_name(), e.render(self.run)?)))
            .collect()
    }

    fn charts(&self) -> Charts<'_> {
        chart::plan_charts(self.run, &self.palette)
    }

    fn report(&self, charts: &[Box<dyn Chart + '_>]) -> String {
        html::plan_report(self.run, charts)
    }

    fn terminal(&self) -> String {
        super::table::summary(self.run)
    }
}

/// No plan: the diagnosis goes where the plan would have gone.
impl Output for Diagnosis {
    fn lang(&self) -> Lang {
        self.lang
    }

    fn files(&self) -> Result<Vec<(&'static str, Vec<u8>)>, Error> {
        Ok(vec![(
            "diagnosis.json",
            super::json::infeasible_json(self)?,
        )])
    }

    fn report(&self, _: &[Box<dyn Chart + '_>]) -> String {
        html::diagnosis_report(self)
    }

    fn terminal(&self) -> String {
        self.to_string()
    }
}

/// A comparison, with the colours of its first plan.
pub struct CompareOutput<'a> {
    pub cmp: &'a Comparison,
    palette: Option<Palette>,
}

impl<'a> CompareOutput<'a> {
    pub fn new(cmp: &'a Comparison) -> Self {
        let palette = first_plan(cmp).map(|r| Palette::new(r.scenario()));
        CompareOutput { cmp, palette }
    }
}

fn first_plan(cmp: &Comparison) -> Option<&Solved> {
    cmp.columns.iter().find_map(|c| c.outcome.solved())
}

impl Output for CompareOutput<'_> {
    fn lang(&self) -> Lang {
        self.cmp.lang
    }

    fn mip_gap(&self) -> Option<f64> {
        self.cmp.mip_gap()
    }

    fn files(&self) -> Result<Vec<(&'static str, Vec<u8>)>, Error> {
        Ok(vec![
            ("compare.csv", self.cmp.csv()?),
            ("compare.json", self.cmp.json()?),
            ("changes.csv", self.cmp.moves_csv()?),
        ])
    }

    fn charts(&self) -> Charts<'_> {
        match (&self.palette, first_plan(self.cmp)) {
            (Some(p), Some(run)) => vec![
                Box::new(chart::CompareMetricsChart { cmp: self.cmp }),
                Box::new(chart::StackedSharesChart::compare(
                    self.cmp,
                    p,
                    run.scenario(),
                )),
            ],
            _ => Vec::new(),
        }
    }

    fn report(&self, charts: &[Box<dyn Chart + '_>]) -> String {
        text::compare_html(self.cmp, charts)
    }

    fn terminal(&self) -> String {
        text::compare_terminal(self.cmp)
    }
}

/// A sweep, with the metrics its chart and table show.
pub struct SweepOutput<'a> {
    pub sweep: &'a Sweep,
    pub scenario: String,
    pub metrics: &'a [String],
}

impl Output for SweepOutput<'_> {
    fn lang(&self) -> Lang {
        self.sweep.lang
    }

    fn mip_gap(&self) -> Option<f64> {
        self.sweep.mip_gap()
    }

    fn files(&self) -> Result<Vec<(&'static str, Vec<u8>)>, Error> {
        Ok(vec![("sweep.csv", self.sweep.csv()?)])
    }

    fn charts(&self) -> Charts<'_> {
        vec![Box::new(chart::SweepChart {
            sweep: self.sweep,
            metrics: self.metrics,
        })]
    }

    fn report(&self, charts: &[Box<dyn Chart + '_>]) -> String {
        text::sweep_html(self.sweep, &self.scenario, self.metrics, charts)
    }

    fn terminal(&self) -> String {
        text::sweep_terminal(self.sweep, self.metrics)
    }
}

impl Output for Frontier {
    fn lang(&self) -> Lang {
        self.lang
    }

    fn mip_gap(&self) -> Option<f64> {
        self.mip_gap
    }

    fn files(&self) -> Result<Vec<(&'static str, Vec<u8>)>, Error> {
        Ok(vec![("frontier.csv", self.csv()?)])
    }

    fn charts(&self) -> Charts<'_> {
        vec![Box::new(chart::FrontierChart::of(self))]
    }

    fn report(&self, charts: &[Box<dyn Chart + '_>]) -> String {
        text::frontier_html(self, charts)
    }

    fn terminal(&self) -> String {
        text::frontier_terminal(self)
    }
}

impl Output for Alternatives {
    fn lang(&self) -> Lang {
        self.lang
    }

    fn mip_gap(&self) -> Option<f64> {
        self.mip_gap
    }

    fn files(&self) -> Result<Vec<(&'static str, Vec<u8>)>, Error> {
        Ok(vec![("alternatives.csv", self.csv()?)])
    }

    fn charts(&self) -> Charts<'_> {
        vec![Box::new(chart::RangeChart { alt: self })]
    }

    fn report(&self, charts: &[Box<dyn Chart + '_>]) -> String {
        text::alternatives_html(self, charts)
    }

    fn terminal(&self) -> String {
        text::alternatives_terminal(self)
    }
}

/// A stress test: the plan, its single cut-offs and any Monte Carlo run.
pub struct StressOutput<'a> {
    pub plan: PlanOutput<'a>,
    pub results: &'a [(Event, Damage)],
    pub monte_carlo: Option<&'a MonteCarlo>,
}

impl Output for StressOutput<'_> {
    fn lang(&self) -> Lang {
        self.plan.lang()
    }

    fn mip_gap(&self) -> Option<f64> {
        self.plan.run.mip_gap
    }

    fn files(&self) -> Result<Vec<(&'static str, Vec<u8>)>, Error> {
        let s = self.plan.run.scenario();
        let mut files = self.plan.files()?;
        files.push(("stress.csv", super::files::events_csv(s, self.results)?));
        files.push((
            "stress-workloads.csv",
            super::files::impacts_csv(s, self.results)?,
        ));
        if let Some(mc) = self.monte_carlo {
            files.push(("montecarlo.csv", super::files::montecarlo_csv(s, mc)?));
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
        let mut page = html::plan_page(
            self.plan.run,
            &plan_charts,
            super::headline::GapOf::Analysis,
        );
        let s = self.plan.run.scenario();
        super::stress::stress_sections(&mut page, s, self.results, self.monte_carlo, charts);
        page.render()
    }

    fn terminal(&self) -> String {
        super::stress::stress_terminal(self.plan.run.scenario(), self.results, self.monte_carlo)
    }
}

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
    fn lang(&self) -> Lang {
        self.pathway.lang
    }

    fn mip_gap(&self) -> Option<f64> {
        self.pathway.mip_gap
    }

    fn files(&self) -> Result<Vec<(&'static str, Vec<u8>)>, Error> {
        Ok(vec![
            ("pathway.csv", self.pathway.csv()?),
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
                match super::pathway::built_short(p) {
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
        })]
    }

    fn report(&self, charts: &[Box<dyn Chart + '_>]) -> String {
        super::pathway::pathway_html(self.pathway, charts)
    }

    fn terminal(&self) -> String {
        super::pathway::pathway_terminal(self.pathway)
    }
}
