//! Analyses built on the one model builder: compare variants, sweep
//! parameters, trace the cost-concentration frontier, find near-optimal ranges.

pub mod alternatives;
pub mod compare;
pub mod frontier;
pub mod pathway;
pub mod stress;
pub mod sweep;

use std::io::IsTerminal;

use indicatif::{ProgressBar, ProgressStyle};

use crate::diagnose::Diagnosis;
use crate::error::Error;
use crate::metrics::Metrics;
use crate::plan::Solved;

/// A solve that may have no feasible plan: that is a result, not an error.
#[derive(Debug, Clone)]
pub enum Outcome {
    Solved(Box<Solved>),
    Infeasible(Box<Diagnosis>),
}

impl Outcome {
    /// Keeps infeasibility as an outcome; other errors stay errors.
    pub fn of(result: Result<Solved, Error>) -> Result<Self, Error> {
        match result {
            Ok(run) => Ok(Outcome::Solved(Box::new(run))),
            Err(Error::Infeasible(d)) => Ok(Outcome::Infeasible(d)),
            Err(e) => Err(e),
        }
    }

    pub fn solved(&self) -> Option<&Solved> {
        match self {
            Outcome::Solved(run) => Some(run),
            Outcome::Infeasible(_) => None,
        }
    }

    pub fn status(&self) -> &'static str {
        match self {
            Outcome::Solved(_) => "optimal",
            Outcome::Infeasible(_) => "infeasible",
        }
    }
}

/// The numeric metrics of a plan as (name, value), in a fixed order: the
/// columns of compare.csv and sweep.csv.
pub fn metric_values(m: &Metrics) -> Vec<(String, f64)> {
    let mut out = vec![
        ("total_cost".to_string(), m.total_cost),
        ("home_share".to_string(), m.home_share),
        ("mean_sovereignty".to_string(), m.mean_sovereignty),
    ];
    for (d, top) in &m.max_share {
        out.push((format!("max_share:{d}"), top.share));
    }
    for (d, h) in &m.hhi {
        out.push((format!("hhi:{d}"), *h));
    }
    for (d, n) in &m.effective_number {
        out.push((format!("effective_number:{d}"), *n));
    }
    if let Some(w) = &m.worst_cutoff {
        out.push(("worst_cutoff".to_string(), w.unserved_critical_fraction));
    }
    out
}

/// A progress bar on a terminal's standard error; none when it is piped.
pub fn progress(len: usize, what: &str) -> ProgressBar {
    if !std::io::stderr().is_terminal() || crate::ui::quiet() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(len as u64);
    if let Ok(style) = ProgressStyle::with_template("{msg} [{bar:30}] {pos}/{len} ({elapsed})") {
        bar.set_style(style.progress_chars("=> "));
    }
    bar.set_message(what.to_string());
    bar
}
