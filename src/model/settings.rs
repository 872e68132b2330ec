//! How a model's solves run (deadline, MIP gap, engine threshold) and what
//! they found besides their plans.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

/// The relative gap at which a branch and bound stops by default: its plan
/// is proven within 0.01% of the best possible, HiGHS's default too.
/// microlp's branch and bound has no cutting planes, so the last 0.01%
/// is where it spends its time (200 workloads with `max_providers`: 6 s to
/// 1e-4, 39 s to 1e-5, more than 300 s to prove the optimum).
pub const MIP_GAP: f64 = 1e-4;

/// The size (variables) above which the default build solves a linear model
/// with Clarabel's interior-point method instead of microlp's simplex:
/// microlp's time grows about as the square of the size, Clarabel's almost
/// linearly (benches/heterogeneous.sh). An interior-point solution is not a
/// vertex (it splits workloads among every equally good provider), so a plan
/// made this way is finished by `crate::solve::crossover`.
pub const INTERIOR_ABOVE: usize = 8_000;

/// How a model's solves run: set by its caller before solving, never by a
/// solve.
#[derive(Debug, Clone, PartialEq)]
pub struct Settings {
    /// When `--time-limit` runs out.
    pub deadline: Option<Instant>,
    /// A caller's word to stop early, as if the time were up (a newer
    /// what-if supersedes the one being solved in `tayoka serve`).
    pub stop: Option<Stop>,
    /// The relative gap at which a branch and bound stops ([`MIP_GAP`]).
    pub mip_gap: f64,
    /// A model with more variables than this and no integer variables is
    /// solved by the interior-point engine ([`INTERIOR_ABOVE`]; 0: always,
    /// `usize::MAX`: never).
    pub interior_above: usize,
    /// Whether integer rules get the dive and the lock-in links (off: the
    /// formulation as DESIGN 4.2 writes it, by branch and bound alone; a
    /// reference for tests).
    pub strengthened: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            deadline: None,
            stop: None,
            mip_gap: MIP_GAP,
            interior_above: INTERIOR_ABOVE,
            strengthened: true,
        }
    }
}

/// A flag another thread raises to stop a run's solves: each solve not yet
/// started ends as at the time limit, and a branch and bound waited on is
/// left behind.
#[derive(Debug, Clone, Default)]
pub struct Stop(Arc<AtomicBool>);

impl Stop {
    pub fn new() -> Self {
        Stop::default()
    }

    /// Asks every solve that holds this flag to stop.
    pub fn raise(&self) {
        self.0.store(true, Ordering::Relaxed);
    }

    pub fn raised(&self) -> bool {
        self.0.load(Ordering::Relaxed)
    }
}

impl PartialEq for Stop {
    /// Two flags are the same when they are one flag.
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

/// What a model's solves found besides their plans, as
/// [`Model::outcome`] reports it and [`StageSolution::outcome`] returns it.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Outcome {
    /// A stage the time limit stopped before it proved its optimum: the
    /// plan is the best found.
    pub stopped_early: bool,
    /// The MIP gap, when some branch and bound stopped within it of its
    /// bound instead of proving its optimum exactly.
    pub within_gap: Option<f64>,
    /// Whether some solve took the interior-point engine (its solution
    /// may not be a vertex).
    pub interior: bool,
}

impl Outcome {
    /// Whether every solve proved its optimum (none hit the time limit),
    /// exactly or within the MIP gap.
    pub fn proven(&self) -> bool {
        !self.stopped_early
    }
}
