//! The library's error type: what went wrong, in terms a planner can act on.

use std::path::PathBuf;

use crate::base::diagnosis::Diagnosis;
use crate::base::located::Diagnostics;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("cannot read `{}`: {source}", path.display())]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("cannot write `{}`: {source}", path.display())]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
    /// An output folder holds files tayoka did not write; they are never
    /// deleted, so the run does not replace the folder.
    #[error("`{}` holds files tayoka did not write: {}. A run replaces its whole output folder, so tayoka leaves this one alone: move those files, or name another folder with --out", dir.display(), files.join(", "))]
    NotOurs { dir: PathBuf, files: Vec<String> },
    /// An output folder the user may not write, or made read-only: a run
    /// would replace it whole, so it is left as it is.
    #[error("`{}` is not a folder this run may replace: {why}. Make it writable, or name another folder with --out", dir.display())]
    ReadOnly { dir: PathBuf, why: String },
    /// An output folder's path names a file.
    #[error("`{}` is a file, not a folder: name a folder for the run's files with --out", .0.display())]
    NotAFolder(PathBuf),
    /// Problems with the scenario or the overrides, each located.
    #[error("{0}")]
    Input(Diagnostics),
    /// No plan satisfies every rule; the diagnosis says why.
    #[error("{0}")]
    Infeasible(Box<Diagnosis>),
    /// The command cannot run with these arguments and this scenario.
    #[error("{0}")]
    Usage(String),
    /// `--time-limit` ran out before any plan was found.
    #[error("the time limit of {} s ran out before any plan was found; raise --time-limit", crate::base::units::plain(*.0))]
    TimeLimit(f64),
    /// An output document (CSV, JSON, a man page) could not be produced.
    #[error("cannot produce the {what} output: {message}")]
    Output { what: &'static str, message: String },
    /// The model would be too large for this machine; the message says by how much.
    #[error("{0}")]
    TooLarge(String),
    /// The solver failed for a reason other than infeasibility.
    #[error("the solver failed: {0}")]
    Solver(String),
}

impl Error {
    /// A failure to produce an output document of kind `what` (CSV, JSON).
    pub fn output(what: &'static str, e: impl std::fmt::Display) -> Self {
        Error::Output {
            what,
            message: e.to_string(),
        }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
