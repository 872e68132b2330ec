//! Analyses built on the one model builder: compare variants, sweep
//! parameters, trace the cost-concentration frontier, find near-optimal ranges.

pub mod alternatives;
pub mod bend;
pub mod compare;
pub mod frontier;
pub mod pathway;
pub mod stress;
pub mod sweep;
pub mod tradeoff;

use crate::base::error::Error;
use crate::plan::metrics::Metrics;
use crate::solve::Solved;
use crate::solve::infeasible::Diagnosis;

/// The most solves one analysis may run (sweep grid points, frontier points,
/// compare columns): each is a whole solve whose plan is kept until the
/// report is written, so more would take hours and memory without end.
pub const MAX_SOLVES: usize = 10_000;
/// The most columns `compare` keeps side by side.
pub const MAX_COLUMNS: usize = 100;
/// The most Monte Carlo samples (about a minute per hundred million on
/// japan-gov-2027; distinct failure sets are solved once).
pub const MAX_SAMPLES: usize = 1_000_000_000;
/// The most years a pathway plans.
pub use crate::scenario::MAX_YEARS;

/// The widest MIP gap the solves of an analysis stopped within (integer
/// rules: a branch and bound stops once its plan is proven within the gap),
/// gathered from solves that may run in parallel.
#[derive(Debug, Default)]
pub struct GapSeen(std::sync::Mutex<Option<f64>>);

impl GapSeen {
    /// Notes the gap a solve stopped within, if it did.
    pub fn saw(&self, gap: Option<f64>) {
        if let Some(g) = gap {
            let mut widest = self.0.lock().unwrap_or_else(|e| e.into_inner());
            *widest = Some(widest.map_or(g, |w| w.max(g)));
        }
    }

    /// The widest gap seen; `None` when every solve proved its optimum.
    pub fn widest(self) -> Option<f64> {
        self.0.into_inner().unwrap_or_else(|e| e.into_inner())
    }
}

/// The widest gap of these outcomes' plans (compare's columns, a sweep's
/// points).
fn widest_gap<'a>(outcomes: impl Iterator<Item = &'a Outcome>) -> Option<f64> {
    outcomes
        .filter_map(|o| o.solved().and_then(|r| r.mip_gap))
        .reduce(f64::max)
}

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

    /// The language its texts for people are written in.
    pub fn lang(&self) -> crate::base::lang::Lang {
        match self {
            Outcome::Solved(run) => run.scenario().meta.lang,
            Outcome::Infeasible(d) => d.lang,
        }
    }

    /// The currency of its scenario's money.
    pub fn currency(&self) -> &str {
        match self {
            Outcome::Solved(run) => &run.scenario().meta.currency,
            Outcome::Infeasible(d) => &d.currency,
        }
    }

    /// `optimal` or `infeasible` in the outcome's language.
    pub fn status_text(&self) -> String {
        self.lang().text(match self {
            Outcome::Solved(_) => "status-optimal",
            Outcome::Infeasible(_) => "status-infeasible",
        })
    }

    pub fn status(&self) -> &'static str {
        match self {
            Outcome::Solved(_) => "optimal",
            Outcome::Infeasible(_) => "infeasible",
        }
    }
}

/// A plan's numeric values for the analyses' tables: its metrics, then the
/// marginal values kept by [`keep_marginals`] (`marginal:<path>:<stage>`).
pub fn run_values(run: &Solved) -> Vec<(String, f64)> {
    let mut out = metric_values(&run.metrics);
    for b in run.binding.iter().flatten() {
        out.push((format!("marginal:{}:{}", b.set, b.stage), b.marginal));
    }
    out
}

/// Finds what holds the plan and keeps the marginal value of the rule whose
/// value is at `path` in every stage: 0 where the rule has slack (for a
/// column of `compare` or `sweep`).
pub fn keep_marginals(run: &mut Solved, path: &str) -> Result<(), Error> {
    let found = crate::solve::marginals::binding(run)?;
    let kept = run
        .metrics
        .stages
        .iter()
        .map(|st| {
            found
                .iter()
                .find(|b| b.set == path && b.stage == st.name)
                .cloned()
                .unwrap_or_else(|| crate::plan::metrics::Binding {
                    rule: path.to_string(),
                    set: path.to_string(),
                    value: 0.0,
                    stage: st.name.clone(),
                    marginal: 0.0,
                })
        })
        .collect();
    run.binding = Some(kept);
    Ok(())
}

/// `--marginal PATH` must name the value of a rule of one of `scenarios`
/// (a price, a name or a path that is not there has no marginal value to
/// measure); the refusal lists the values that have one.
pub fn check_marginal<'s>(
    scenarios: impl IntoIterator<Item = &'s crate::scenario::Scenario>,
    path: &str,
) -> Result<(), Error> {
    let mut valid: Vec<String> = Vec::new();
    let mut name = String::new();
    for s in scenarios {
        name.clone_from(&s.meta.name);
        for p in crate::solve::marginals::rule_paths(s) {
            if !valid.contains(&p) {
                valid.push(p);
            }
        }
    }
    if valid.iter().any(|v| v == path) {
        return Ok(());
    }
    Err(Error::Usage(format!(
        "--marginal `{path}`: not the value of a rule of `{name}`; a marginal value is measured for a rule's value: {}",
        crate::base::located::one_of(&valid)
    )))
}

/// [`keep_marginals`] on every solved outcome (a compare column, a sweep point).
pub fn keep_marginals_all<'a>(
    outcomes: impl Iterator<Item = &'a mut Outcome>,
    path: &str,
) -> Result<(), Error> {
    let mut solved: Vec<&mut Solved> = outcomes
        .filter_map(|o| match o {
            Outcome::Solved(run) => Some(run.as_mut()),
            Outcome::Infeasible(_) => None,
        })
        .collect();
    if !solved.is_empty() {
        check_marginal(solved.iter().map(|r| r.scenario()), path)?;
    }
    for run in &mut solved {
        keep_marginals(run, path)?;
    }
    Ok(())
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

/// Hears about long work in the analyses (a sweep's points, Monte Carlo's
/// failure sets). Like `log`'s logger it is set once by the program (the
/// command line draws a bar on a terminal); the library itself shows nothing.
pub trait Progress: Sync {
    /// Long work of `len` steps, called `what`, begins.
    fn begin(&self, what: &str, len: usize) -> Box<dyn Step>;

    /// A detail of long work (a size, a step's time), for `--verbose`.
    fn detail(&self, _line: &str) {}
}

/// One piece of long work under way; dropping it ends it.
pub trait Step: Send + Sync {
    /// `n` more steps are done.
    fn advance(&self, n: u64);
}

static PROGRESS: std::sync::OnceLock<&'static dyn Progress> = std::sync::OnceLock::new();

/// Sets where progress goes, once per process; later calls are ignored.
pub fn set_progress(observer: &'static dyn Progress) {
    let _ = PROGRESS.set(observer);
}

/// A piece of long work, reported to the observer if there is one.
pub struct Task(Option<Box<dyn Step>>);

impl Task {
    pub fn inc(&self, n: u64) {
        if let Some(step) = &self.0 {
            step.advance(n);
        }
    }

    pub fn finish_and_clear(self) {}
}

/// Reports a detail of long work to the observer, if there is one.
pub fn detail(line: &str) {
    if let Some(p) = PROGRESS.get() {
        p.detail(line);
    }
}

/// Starts reporting `len` steps of `what`.
pub fn progress(len: usize, what: &str) -> Task {
    Task(PROGRESS.get().map(|p| p.begin(what, len)))
}

impl compare::Comparison {
    /// The widest MIP gap its plans were proven within (integer rules).
    pub fn mip_gap(&self) -> Option<f64> {
        widest_gap(self.columns.iter().map(|c| &c.outcome))
    }
}

impl sweep::Sweep {
    /// The widest MIP gap its plans were proven within (integer rules).
    pub fn mip_gap(&self) -> Option<f64> {
        widest_gap(self.points.iter().map(|p| &p.outcome))
    }
}
