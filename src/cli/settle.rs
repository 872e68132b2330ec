//! Flags settled before any file is read: every number a command takes is
//! checked here, once, so that a usage error exits 2 without loading the
//! scenario (as ripgrep turns its low-level arguments into high-level ones
//! in one place).

use super::args::Command;
use crate::analysis;
use crate::base::error::Error;

/// The longest `--time-limit`: any longer is no limit a run will meet, and
/// beyond what the clock's arithmetic holds.
const MAX_TIME_LIMIT: f64 = 1e9;

/// Checks every flag value of `command` against its domain.
pub fn settle(command: &Command) -> Result<(), Error> {
    match command {
        Command::Solve(a) => {
            time_limit(a.time_limit)?;
            if let Some(g) = a.mip_gap
                && !(g.is_finite() && (0.0..1.0).contains(&g))
            {
                return usage(format!(
                    "--mip-gap {g}: expected a fraction from 0 (prove the optimum) up to but not including 1, such as 0.0001 (0.01%)"
                ));
            }
            Ok(())
        }
        Command::Frontier(a) => points_within(a.points),
        Command::Tradeoff(a) => points_within(a.points),
        Command::Stress(a) => within(
            "--samples",
            a.samples,
            0,
            analysis::MAX_SAMPLES,
            "about ten minutes of sampling on a national scenario",
        ),
        Command::Pathway(a) => {
            time_limit(a.time_limit)?;
            match a.years {
                Some(years) => within(
                    "--years",
                    years,
                    1,
                    analysis::MAX_YEARS,
                    "the years are planned as one model",
                ),
                None => Ok(()),
            }
        }
        _ => Ok(()),
    }
}

/// `--time-limit`: a positive number of seconds the clock can hold.
fn time_limit(t: Option<f64>) -> Result<(), Error> {
    match t {
        Some(t) if !(t.is_finite() && t > 0.0 && t <= MAX_TIME_LIMIT) => usage(format!(
            "--time-limit {}: expected a positive number of seconds, at most {MAX_TIME_LIMIT:e} (about 31 years)",
            crate::base::units::plain(t)
        )),
        _ => Ok(()),
    }
}

/// `--points` of a frontier or trade-off: at least the two ends.
fn points_within(points: usize) -> Result<(), Error> {
    within(
        "--points",
        points,
        2,
        analysis::MAX_SOLVES,
        "each point is a whole solve",
    )
}

/// A count given on the command line must be within `min..=max`.
pub fn within(flag: &str, n: usize, min: usize, max: usize, why: &str) -> Result<(), Error> {
    if n < min {
        return usage(format!("{flag} {n}: expected at least {min}"));
    }
    if n > max {
        return usage(format!("{flag} {n}: at most {max} ({why})"));
    }
    Ok(())
}

pub fn usage<T>(message: impl Into<String>) -> Result<T, Error> {
    Err(Error::Usage(message.into()))
}
