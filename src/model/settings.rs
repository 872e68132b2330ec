//! How a model's solves run (deadline, MIP gap, engine threshold) and what
//! they found besides their plans.

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
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Settings {
    /// When `--time-limit` runs out.
    pub deadline: Option<Instant>,
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
            mip_gap: MIP_GAP,
            interior_above: INTERIOR_ABOVE,
            strengthened: true,
        }
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
