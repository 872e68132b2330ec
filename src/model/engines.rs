//! The engines that solve a model's programme, one function each behind one
//! signature ([`Engine`]): microlp's simplex (and branch and bound),
//! Clarabel's interior point, and HiGHS where it is compiled in. Which one a
//! solve takes is [`super::Model`]'s choice; what it found comes back as a
//! [`Found`], never through the model.

use good_lp::variable::UnsolvedProblem;
use good_lp::{
    Constraint, ResolutionError, Solution, SolutionStatus, SolverModel, Variable,
    WithInitialSolution, WithMipGap, WithTimeLimit,
};

use super::Values;
use super::guard::solve_within;

/// The rows of one solve, taken one at a time.
pub(super) type Rows<'a> = Box<dyn Iterator<Item = Constraint> + 'a>;

/// One engine: a programme and its rows in, what it found out.
pub(super) type Engine = fn(UnsolvedProblem, Rows<'_>, &Job<'_>) -> Result<Found, ResolutionError>;

/// What an engine needs beyond the programme.
pub(super) struct Job<'a> {
    /// Whether the programme has integer variables (a branch and bound).
    pub integers: bool,
    /// The relative gap at which a branch and bound stops.
    pub mip_gap: f64,
    /// Binaries' values to start a branch and bound from.
    pub start: &'a [(Variable, f64)],
    /// Seconds left before `--time-limit` runs out.
    pub seconds: Option<f64>,
    /// A caller's word to stop waiting (see [`super::Stop`]).
    pub stop: Option<&'a super::Stop>,
    /// Every variable, in the order values are read back.
    pub variables: &'a [Variable],
}

/// One engine's values and how its search ended (optimal, within the MIP
/// gap, or stopped by the time limit with its incumbent).
#[derive(Debug, Clone)]
pub(super) struct Found {
    pub values: Values,
    pub status: SolutionStatus,
}

impl Job<'_> {
    fn found(&self, sol: &impl Solution) -> Found {
        Found {
            values: self.variables.iter().map(|&v| (v, sol.value(v))).collect(),
            status: sol.status(),
        }
    }
}

/// A gap the backend refuses ([`super::Model::set_mip_gap`] keeps only
/// valid ones).
const GAP_REFUSED: ResolutionError =
    ResolutionError::Other("the MIP gap is not a finite, non-negative number");

/// microlp's simplex, and its branch and bound for integer variables.
pub(super) fn simplex(
    problem: UnsolvedProblem,
    rows: Rows<'_>,
    job: &Job<'_>,
) -> Result<Found, ResolutionError> {
    let mut m = problem.using(good_lp::microlp);
    if job.integers {
        m = m
            .with_mip_gap(job.mip_gap as f32)
            .map_err(|_| GAP_REFUSED)?;
        if !job.start.is_empty() {
            m = m.with_initial_solution(job.start.iter().copied());
        }
    }
    if let Some(secs) = job.seconds {
        // A little before the thread's limit below: where the branch and
        // bound does stop at its own limit (it looks between nodes), it
        // returns its best plan.
        let own = if job.integers { secs * 0.9 } else { secs };
        m = m.with_time_limit(own);
    }
    for c in rows {
        m.add_constraint(c);
    }
    match job.seconds {
        // microlp does not always stop at its time limit (never inside a
        // long linear solve): the solve runs on a thread of its own, left
        // behind when the time is up.
        Some(secs) => solve_within(m, secs, job.stop).map(|sol| job.found(&sol)),
        None => m.solve().map(|sol| job.found(&sol)),
    }
}

/// Clarabel's interior point, for large linear programmes.
pub(super) fn interior(
    problem: UnsolvedProblem,
    rows: Rows<'_>,
    job: &Job<'_>,
) -> Result<Found, ResolutionError> {
    let mut m = problem.using(good_lp::clarabel);
    if let Some(secs) = job.seconds {
        m.settings().time_limit(secs);
    }
    for c in rows {
        m.add_constraint(c);
    }
    m.solve().map(|sol| job.found(&sol))
}

/// HiGHS, linear and integer alike.
#[cfg(feature = "highs")]
pub(super) fn highs(
    problem: UnsolvedProblem,
    rows: Rows<'_>,
    job: &Job<'_>,
) -> Result<Found, ResolutionError> {
    let mut m = problem.using(good_lp::highs);
    if job.integers {
        m = m
            .with_mip_gap(job.mip_gap as f32)
            .map_err(|_| GAP_REFUSED)?;
    }
    if let Some(secs) = job.seconds {
        m = m.with_time_limit(secs);
    }
    for c in rows {
        m.add_constraint(c);
    }
    m.solve().map(|sol| job.found(&sol))
}
