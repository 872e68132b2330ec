//! The solver backends a plan can be made with.

use std::fmt;
use std::str::FromStr;

/// A linear/integer programming backend behind good_lp.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SolverKind {
    /// microlp: pure Rust, needs nothing but the Rust toolchain.
    #[default]
    Microlp,
    /// HiGHS, with the `highs` cargo feature.
    #[cfg(feature = "highs")]
    Highs,
}

impl SolverKind {
    /// The backends of this build.
    pub const NAMES: &'static [&'static str] = &[
        "microlp",
        #[cfg(feature = "highs")]
        "highs",
    ];

    pub fn name(self) -> &'static str {
        match self {
            SolverKind::Microlp => "microlp",
            #[cfg(feature = "highs")]
            SolverKind::Highs => "highs",
        }
    }

    /// The backend's version, with good_lp's, for the run record.
    pub fn version(self) -> String {
        let good_lp = env!("TAYOKA_GOOD_LP_VERSION");
        match self {
            SolverKind::Microlp => {
                format!(
                    "microlp {} (good_lp {good_lp})",
                    env!("TAYOKA_MICROLP_VERSION")
                )
            }
            #[cfg(feature = "highs")]
            SolverKind::Highs => format!(
                "HiGHS (highs-sys {}, good_lp {good_lp})",
                env!("TAYOKA_HIGHS_VERSION")
            ),
        }
    }
}

impl fmt::Display for SolverKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for SolverKind {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "microlp" => Ok(SolverKind::Microlp),
            #[cfg(feature = "highs")]
            "highs" => Ok(SolverKind::Highs),
            #[cfg(not(feature = "highs"))]
            "highs" => Err("this build has no HiGHS: rebuild with `--features highs` (needs cmake and libclang-dev)".into()),
            other => Err(format!(
                "unknown solver `{other}`; this build has: {}",
                SolverKind::NAMES.join(", ")
            )),
        }
    }
}
