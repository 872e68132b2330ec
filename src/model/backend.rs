//! The solver backends a plan can be made with.

use std::fmt;
use std::str::FromStr;

use crate::scenario::Scenario;

/// What `auto` takes for a plan with integer rules: HiGHS where the build
/// has it.
#[cfg(feature = "highs")]
const FOR_INTEGER_RULES: SolverKind = SolverKind::Highs;
#[cfg(not(feature = "highs"))]
const FOR_INTEGER_RULES: SolverKind = SolverKind::Microlp;

/// A linear/integer programming backend behind good_lp.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SolverKind {
    /// The backend for each model ([`SolverKind::for_plan`],
    /// [`SolverKind::for_years`]).
    #[default]
    Auto,
    /// microlp: pure Rust, needs nothing but the Rust toolchain.
    Microlp,
    /// HiGHS, with the `highs` cargo feature.
    #[cfg(feature = "highs")]
    Highs,
}

impl SolverKind {
    /// The backends of this build.
    pub const NAMES: &'static [&'static str] = &[
        "auto",
        "microlp",
        #[cfg(feature = "highs")]
        "highs",
    ];

    pub fn name(self) -> &'static str {
        match self {
            SolverKind::Auto => "auto",
            SolverKind::Microlp => "microlp",
            #[cfg(feature = "highs")]
            SolverKind::Highs => "highs",
        }
    }

    /// The backend that solves one plan: the one asked for, and for
    /// `auto` microlp. Measured on one machine in one run, a HiGHS build was
    /// slower on every single plan, integer rules too: 60 workloads with
    /// `max_providers` 29 s against 1.65 s, the economics variant 1.44 s
    /// against 0.09 s (HiGHS starts afresh for each stage and each re-solve
    /// of what holds the plan); on large linear models its simplex took
    /// minutes where microlp's interior point takes seconds.
    pub fn for_plan(self) -> SolverKind {
        match self {
            SolverKind::Auto => SolverKind::Microlp,
            other => other,
        }
    }

    /// The backend that solves a joint pathway over the years of `s`: for
    /// `auto`, HiGHS where it is compiled in and `s` has integer rules
    /// (there every year's binaries are one branch and bound, which
    /// microlp, without cuts, did not finish in 5 minutes on the economics
    /// sovereignty pathway and HiGHS solves in 18 s), else as a plan.
    pub fn for_years(self, s: &Scenario) -> SolverKind {
        match self {
            SolverKind::Auto if s.has_integer_rules() => FOR_INTEGER_RULES,
            other => other.for_plan(),
        }
    }

    /// The backend's version, with good_lp's, for the run record.
    pub fn version(self) -> String {
        let good_lp = env!("TAYOKA_GOOD_LP_VERSION");
        match self {
            SolverKind::Auto => "auto".into(),
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
            "auto" => Ok(SolverKind::Auto),
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::{LoadOptions, load};

    fn gov(variant: Option<&str>) -> Scenario {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/scenarios/japan-gov-2027.toml");
        let opts = LoadOptions {
            variant: variant.map(String::from),
            ..Default::default()
        };
        load(std::path::Path::new(path), &opts).unwrap().scenario
    }

    /// `auto` takes HiGHS only for a joint pathway with integer rules (the
    /// economics variant's contracts and discounts) where it is built in;
    /// a plan is microlp's; a named solver is kept.
    #[test]
    fn auto_takes_highs_for_a_pathway_with_integer_rules_where_it_is_built_in() {
        let (base, economics) = (gov(None), gov(Some("economics")));
        assert!(!base.has_integer_rules());
        assert!(economics.has_integer_rules());
        assert_eq!(SolverKind::Auto.for_plan(), SolverKind::Microlp);
        assert_eq!(SolverKind::Auto.for_years(&base), SolverKind::Microlp);
        #[cfg(feature = "highs")]
        {
            assert_eq!(SolverKind::Auto.for_years(&economics), SolverKind::Highs);
            assert_eq!(SolverKind::Highs.for_plan(), SolverKind::Highs);
        }
        #[cfg(not(feature = "highs"))]
        assert_eq!(SolverKind::Auto.for_years(&economics), SolverKind::Microlp);
        assert_eq!(
            SolverKind::Microlp.for_years(&economics),
            SolverKind::Microlp
        );
    }
}
