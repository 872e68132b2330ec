//! `tayoka pathway`: a multi-year transition out of concentration. Year 1
//! plans from today's split (`current`) under `policy.max_change`; each next
//! year starts from the previous year's plan; it stops once the plan no
//! longer changes.

use std::collections::BTreeMap;
use std::path::Path;

use crate::allocation::{Allocation, Assignment};
use crate::diagnose::Diagnosis;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::error::Error;
use crate::metrics::Metrics;
use crate::plan::{Solved, solve};
use crate::scenario::{LoadOptions, Loaded, SetArg, load};
use crate::solver::SolverKind;
use crate::units::tidy;

/// Two plans are the same when no fraction differs by more than this.
const SAME_PLAN: f64 = 1e-6;

/// A year of the pathway: year 0 is today's split.
#[derive(Debug, Clone)]
pub struct Year {
    pub year: usize,
    pub allocation: Allocation,
    pub metrics: Metrics,
}

#[derive(Debug, Clone)]
pub struct Pathway {
    pub scenario: String,
    pub max_change: f64,
    /// Today (when every workload has a `current` split), then each year.
    pub years: Vec<Year>,
    /// The last year whose plan changed, when the pathway settled within the
    /// years asked for.
    pub settled: Option<usize>,
    /// A year with no feasible plan ends the pathway.
    pub infeasible: Option<(usize, Box<Diagnosis>)>,
    /// The scenario of the first year, for labels and colours.
    pub loaded: Loaded,
}

/// Today's split as an allocation, when every workload has one.
fn today(loaded: &Loaded) -> Option<Allocation> {
    let s = &loaded.scenario;
    let rows = s
        .workloads
        .iter()
        .map(|w| {
            if w.current.is_empty() {
                return None;
            }
            Some(
                w.current
                    .iter()
                    .filter(|(_, f)| **f > 0.0)
                    .filter_map(|(id, &f)| {
                        s.provider_index(id).map(|p| Assignment {
                            provider: p,
                            amount: tidy(f * w.demand),
                            fraction: f,
                        })
                    })
                    .collect::<Vec<_>>(),
            )
        })
        .collect::<Option<Vec<_>>>()?;
    let mut rows = rows;
    for row in &mut rows {
        row.sort_by_key(|a| a.provider);
    }
    Some(Allocation { rows })
}

fn same(a: &Allocation, b: &Allocation) -> bool {
    let as_map = |row: &Vec<Assignment>| {
        row.iter()
            .map(|x| (x.provider, x.fraction))
            .collect::<BTreeMap<_, _>>()
    };
    a.rows.iter().zip(&b.rows).all(|(ra, rb)| {
        let (ma, mb) = (as_map(ra), as_map(rb));
        ma.keys().chain(mb.keys()).all(|p| {
            (ma.get(p).copied().unwrap_or(0.0) - mb.get(p).copied().unwrap_or(0.0)).abs()
                <= SAME_PLAN
        })
    })
}

/// Plans up to `years` years.
pub fn pathway(
    path: &Path,
    variant: Option<&str>,
    sets: &[SetArg],
    years: usize,
    solver: SolverKind,
) -> Result<Pathway, Error> {
    let loaded = load(path, &LoadOptions::new(variant, sets))?;
    let s = &loaded.scenario;
    // What the scenario lacks is a problem of the scenario (exit 1), located.
    let lacking = |path: &str, message: &str, help: &str| {
        Error::Input(Diagnostics {
            items: vec![
                Diagnostic::new(message)
                    .at(loaded.origin(path))
                    .with_help(help),
            ],
            sources: loaded.sources.clone(),
        })
    };
    let Some(max_change) = s.policy.max_change else {
        return Err(lacking(
            "policy",
            "pathway needs `policy.max_change`: how much of each workload may move in a year",
            "set it in [policy], or run with --set policy.max_change=0.3 (in japan-gov-2027: --variant transition)",
        ));
    };
    if s.workloads.iter().all(|w| w.current.is_empty()) {
        return Err(lacking(
            "workloads",
            "pathway needs today's split: no workload has a `current` table",
            "give the workloads today's split, e.g. current = { aws = 1.0 }",
        ));
    }
    let mut out = Vec::new();
    if let Some(alloc) = today(&loaded) {
        let metrics = Metrics::compute(s, &alloc, Vec::new());
        out.push(Year {
            year: 0,
            allocation: alloc,
            metrics,
        });
    }
    let mut this_year = loaded.clone();
    let mut previous: Option<Solved> = None;
    let mut settled = None;
    let mut infeasible = None;
    let bar = super::progress(years, "pathway");
    for year in 1..=years {
        let run = match solve(this_year.clone(), solver) {
            Ok(run) => run,
            Err(Error::Infeasible(d)) => {
                infeasible = Some((year, d));
                break;
            }
            Err(e) => return Err(e),
        };
        bar.inc(1);
        if let Some(prev) = &previous
            && same(&prev.allocation, &run.allocation)
        {
            settled = Some(year - 1);
            break;
        }
        // Next year starts from this year's plan.
        let s = run.scenario();
        for (w, row) in this_year
            .scenario
            .workloads
            .iter_mut()
            .zip(&run.allocation.rows)
        {
            w.current = row
                .iter()
                .map(|a| (s.providers[a.provider].id.clone(), a.fraction))
                .collect();
        }
        out.push(Year {
            year,
            allocation: run.allocation.clone(),
            metrics: run.metrics.clone(),
        });
        previous = Some(run);
    }
    bar.finish_and_clear();
    Ok(Pathway {
        scenario: s.meta.name.clone(),
        max_change,
        years: out,
        settled,
        infeasible,
        loaded,
    })
}

impl Pathway {
    /// A row label: `today` or `year N`.
    pub fn label(year: usize) -> String {
        if year == 0 {
            "today".to_string()
        } else {
            format!("year {year}")
        }
    }
}
