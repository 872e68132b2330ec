//! `tayoka alternatives`: near-optimal ranges (modelling to generate
//! alternatives). With the first objective stage held within a slack of its
//! optimum, how small and how large can each value's share be?

use std::path::Path;

use rayon::prelude::*;
use serde::Serialize;

use crate::base::error::Error;
use crate::base::lang::Lang;
use crate::base::units::tidy;
use crate::model::backend::SolverKind;
use crate::model::{Model, Quantity, Sense, stages_for};
use crate::scenario::eligibility::Eligibility;
use crate::scenario::{Dimension, LoadOptions, Scope, load};
use crate::solve::solve;

/// The near-optimal range of one value's share.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Range {
    pub value: String,
    /// Its share in the optimal plan.
    pub optimal: f64,
    pub min: f64,
    pub max: f64,
}

#[derive(Debug, Clone, Serialize)]
pub struct Alternatives {
    pub scenario: String,
    /// The language of its texts for people.
    pub lang: Lang,
    /// The scenario's currency, for its money.
    pub currency: String,
    pub dimension: String,
    pub slack: f64,
    /// The first stage, its optimum, and the bound it was held to.
    pub stage: String,
    pub optimum: f64,
    pub bound: f64,
    pub ranges: Vec<Range>,
    /// The widest MIP gap its plans and range ends were proven within
    /// (integer rules).
    #[serde(skip)]
    pub mip_gap: Option<f64>,
}

impl Alternatives {
    /// The dimension and the stage in words, as its texts for people name
    /// them (`provider`, `largest provider share`; 事業者, 最大事業者シェア).
    pub fn words(&self) -> (String, String) {
        (
            crate::tr!(self.lang, "dim-value", dim = self.dimension.as_str()),
            self.lang.stage_name(&self.stage),
        )
    }
}

/// The bound that keeps a stage within `slack` of its optimum: relative for
/// cost, absolute share points for a share.
pub fn near_optimal_bound(q: &Quantity, optimum: f64, slack: f64) -> f64 {
    match q {
        Quantity::Cost | Quantity::ProviderHhi => optimum * (1.0 + slack),
        Quantity::WorstCutoff => (optimum + slack).min(1.0),
        Quantity::HomeShare => (optimum - slack).max(0.0),
        Quantity::MaxShare(_) => (optimum + slack).min(1.0),
    }
}

pub fn alternatives(
    path: &Path,
    opts: &LoadOptions,
    dimension: &Dimension,
    slack: f64,
    solver: SolverKind,
) -> Result<Alternatives, Error> {
    let loaded = load(path, opts)?;
    let optimal = solve(loaded.clone(), solver)?;
    let s = &loaded.scenario;
    let eligibility = Eligibility::compute(s);
    let Some(first) = stages_for(&s.policy).into_iter().next() else {
        return Err(Error::Solver("the objective has no stage".into()));
    };
    let optimum = optimal
        .metrics
        .stages
        .first()
        .map(|st| st.value)
        .unwrap_or(0.0);
    let bound = near_optimal_bound(&first, optimum, slack);
    let values = s.values(dimension);
    let gaps = super::GapSeen::default();
    gaps.saw(optimal.mip_gap);
    let ranges = values
        .par_iter()
        .map(|v| {
            let mut model = Model::build(s, &eligibility, solver);
            model.cap(&first, bound);
            let share = model.share(dimension, v, Scope::All);
            let extreme = |model: &mut Model<'_>, sense| -> Result<f64, Error> {
                let values = model.solve(&share, sense).map_err(|failure| {
                    let empty = || {
                        Error::Solver(format!(
                            "the near-optimal region of stage {} is empty; try a larger --slack",
                            first.name()
                        ))
                    };
                    failure.into_error(empty, None)
                })?;
                Ok(tidy(share.eval_with(&values)))
            };
            let min = extreme(&mut model, Sense::Minimise)?;
            let max = extreme(&mut model, Sense::Maximise)?;
            gaps.saw(model.outcome().within_gap);
            let optimal_share = optimal
                .metrics
                .shares_of(dimension.name())
                .and_then(|d| d.values.iter().find(|r| r.value == *v))
                .map_or(0.0, |r| r.volume_share);
            Ok(Range {
                value: v.clone(),
                optimal: optimal_share,
                min,
                max,
            })
        })
        .collect::<Result<Vec<_>, Error>>()?;
    Ok(Alternatives {
        scenario: s.meta.name.clone(),
        lang: s.meta.lang,
        currency: s.meta.currency.clone(),
        dimension: dimension.name().to_string(),
        slack,
        stage: first.name(),
        optimum,
        bound: tidy(bound),
        ranges,
        mip_gap: gaps.widest(),
    })
}
