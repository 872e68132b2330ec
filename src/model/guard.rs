//! Solver calls that cannot take the process down: a panic inside the
//! solver becomes a failed solve, and a branch and bound that ignores its
//! time limit is left behind on a thread of its own.

use std::cell::Cell;
use std::sync::mpsc::RecvTimeoutError;
use std::time::{Duration, Instant};

use good_lp::{ResolutionError, SolverModel};

thread_local! {
    /// Whether this thread is inside a solver call (see [`guarded`]).
    static IN_SOLVER: Cell<bool> = const { Cell::new(false) };
}

/// Runs a solver call; a panic inside it is caught and returns `None`.
pub(super) fn guarded<T>(f: impl FnOnce() -> T) -> Option<T> {
    IN_SOLVER.with(|s| s.set(true));
    let out = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).ok();
    IN_SOLVER.with(|s| s.set(false));
    out
}

/// `model` solved on a thread of its own, or a time-limit error after `secs`
/// or once `stop` is raised (the thread is left to finish or to end with the
/// process).
pub(super) fn solve_within<M>(
    model: M,
    secs: f64,
    stop: Option<&super::Stop>,
) -> Result<M::Solution, ResolutionError>
where
    M: SolverModel + Send + 'static,
    M::Solution: Send + 'static,
    M::Error: Into<ResolutionError>,
{
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(guarded(|| model.solve().map_err(Into::into)));
    });
    let until = Instant::now() + Duration::from_secs_f64(secs);
    // Without a stop flag one wait does; with one, it is looked at every
    // 20 ms.
    let slice = match stop {
        Some(_) => Duration::from_millis(20),
        None => Duration::MAX,
    };
    loop {
        let left = until.saturating_duration_since(Instant::now());
        match rx.recv_timeout(left.min(slice)) {
            Ok(Some(result)) => return result,
            Ok(None) => return Err(ResolutionError::Other("the solver broke down")),
            Err(RecvTimeoutError::Timeout)
                if !left.is_zero() && !stop.is_some_and(super::Stop::raised) => {}
            Err(_) => return Err(ResolutionError::Other("Time limit reached")),
        }
    }
}

/// Keeps the panic message of a solver call that [`guarded`] catches off
/// standard error (the failure is reported as an error instead); every other
/// panic is reported as before. For programs: call once at start.
pub fn quiet_solver_panics() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if !IN_SOLVER.with(Cell::get) {
            previous(info);
        }
    }));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_solver_panic_becomes_a_failed_solve() {
        assert_eq!(guarded(|| 7), Some(7));
        assert_eq!(guarded(|| -> u8 { panic!("dual_edge_sq_norms") }), None);
        // The flag is down again: later panics are reported as usual.
        assert!(!IN_SOLVER.with(Cell::get));
    }
}
