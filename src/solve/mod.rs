//! From a loaded scenario to a plan: eligibility, the model, the objective
//! stages, the allocation and its metrics.

use std::sync::Arc;
use std::time::{Duration, Instant};

pub mod aggregate;
pub mod crossover;
pub mod infeasible;
pub mod marginals;
pub mod resilience;

use crate::base::error::Error;
use crate::model::backend::SolverKind;
use crate::model::{Model, Quantity, SolveFailure, optimise_stages};
pub use crate::plan::allocation::{Allocation, Assignment};
use crate::plan::metrics::Metrics;
use crate::scenario::eligibility::Eligibility;
use crate::scenario::{Loaded, Scenario};
use crate::solve::infeasible::Diagnosis;

/// A solved scenario: everything the outputs need.
#[derive(Debug, Clone)]
pub struct Solved {
    pub loaded: Loaded,
    pub eligibility: Eligibility,
    pub allocation: Allocation,
    pub metrics: Metrics,
    pub solver: SolverKind,
    /// False when `--time-limit` stopped a stage before it proved its optimum:
    /// the plan is the best found, and satisfies every rule.
    pub proven_optimal: bool,
    /// The MIP gap within which a stage's branch and bound stopped instead
    /// of proving its optimum exactly (`None`: every stage proved it).
    pub mip_gap: Option<f64>,
    /// The stage the time limit stopped: the plan's value and the bound its
    /// optimum lies above (integer rules; `None` when it could not tell).
    pub stopped: Option<crate::plan::metrics::StoppedStage>,
    /// The aggregated scenario the model solved, when alike workloads were merged.
    pub reduced: Option<Reduction>,
    /// What holds the plan, once [`crate::solve::marginals::binding`] has found it
    /// (the `solve` command does; analyses' many solves do not).
    pub binding: Option<Vec<crate::plan::metrics::Binding>>,
    /// Where the time went, step by step (for `--verbose`).
    pub timings: Vec<Timing>,
    /// Whether the stages were solved by the interior-point engine (the plan
    /// then comes from [`crate::solve::crossover`]).
    pub interior: bool,
    /// The interior-point plan was kept (the vertex search ran out of time):
    /// it reaches every stage's optimum but splits workloads among the
    /// providers that tie for them.
    pub interior_plan: bool,
    /// Each stage's optimum as the interior-point engine found it (the
    /// metrics hold the vertex plan's own values): what re-solves of the
    /// same engine compare with.
    pub interior_optima: Vec<f64>,
    /// Each stage's interior-point plan, of the model solved (merged when
    /// alike workloads were): which rules no optimum of that stage needs
    /// (see [`crate::solve::marginals`]).
    pub interior_plans: Vec<Allocation>,
    /// The engine was chosen by the default size threshold, not by
    /// [`Spec::interior_above`]: a re-solve of the same model (what holds the
    /// plan) takes the same engine, and can start from `interior_optima`.
    pub interior_by_default: bool,
}

/// One step of a solve and the time it took.
#[derive(Debug, Clone)]
pub struct Timing {
    pub step: String,
    pub seconds: f64,
}

impl Timing {
    fn since(step: impl Into<String>, started: Instant) -> Self {
        Timing {
            step: step.into(),
            seconds: started.elapsed().as_secs_f64(),
        }
    }
}

/// The aggregated scenario and its plan (before splitting back).
#[derive(Debug, Clone)]
pub struct Reduction {
    pub reduced: Arc<crate::solve::aggregate::Reduced>,
    pub allocation: Allocation,
}

/// A scenario, its eligibility and a plan of it: what re-routing and the
/// elastic model work on (the aggregated scenario where there is one).
pub struct View<'a> {
    pub scenario: &'a Scenario,
    pub eligibility: &'a Eligibility,
    pub allocation: &'a Allocation,
    /// For each workload of the view, the original workloads it stands for.
    pub members: Option<&'a [Vec<usize>]>,
}

impl Solved {
    pub fn scenario(&self) -> &Scenario {
        &self.loaded.scenario
    }

    /// The engines that made the plan, with versions, for the run record.
    pub fn engine(&self) -> String {
        let version = self.solver.version();
        if self.interior {
            format!(
                "{version}, stages by Clarabel {} (interior point)",
                env!("TAYOKA_CLARABEL_VERSION")
            )
        } else {
            version
        }
    }

    /// The smallest exact form of the plan, for re-routing analyses.
    pub fn view(&self) -> View<'_> {
        match &self.reduced {
            Some(r) => View {
                scenario: &r.reduced.scenario,
                eligibility: &r.reduced.eligibility,
                allocation: &r.allocation,
                members: Some(&r.reduced.members),
            },
            None => View {
                scenario: self.scenario(),
                eligibility: &self.eligibility,
                allocation: &self.allocation,
                members: None,
            },
        }
    }
}

/// The most eligible pairs a model is built with (after merging alike
/// workloads): about [`PAIR_BYTES`] each in the solver, measured.
pub const MAX_MODEL_PAIRS: usize = 4_000_000;
/// Memory one eligible pair takes in a built and solved model (microlp).
const PAIR_BYTES: usize = 600;

/// Plans a loaded scenario; an infeasible one gives [`Error::Infeasible`] with
/// its diagnosis.
pub fn solve(loaded: Loaded, solver: SolverKind) -> Result<Solved, Error> {
    solve_spec(loaded, solver, &Spec::default())
}

/// What an analysis asks of a solve beyond the scenario's own policy.
#[derive(Debug, Clone, Default)]
pub struct Spec {
    /// Stages to run instead of the policy objective's.
    pub stages: Option<Vec<Quantity>>,
    /// Bounds on quantities, in their better direction (see [`Model::cap`]).
    pub caps: Vec<(Quantity, f64)>,
    /// Seconds after which solving stops with the best plan found so far.
    pub time_limit: Option<f64>,
    /// Solve every workload on its own, without merging alike ones (for
    /// checking that aggregation changes nothing).
    pub plain: bool,
    /// The size (variables) above which linear stages are solved by the
    /// interior-point engine; `None`: [`crate::model::INTERIOR_ABOVE`].
    pub interior_above: Option<usize>,
    /// The relative gap at which branch and bound stops (integer rules);
    /// `None`: [`crate::model::MIP_GAP`].
    pub mip_gap: Option<f64>,
}

/// Plans a loaded scenario with extra stages or caps.
pub fn solve_spec(loaded: Loaded, solver: SolverKind, spec: &Spec) -> Result<Solved, Error> {
    let eligibility = Eligibility::compute(&loaded.scenario);
    let infeasible = || Error::Infeasible(Box::new(Diagnosis::full(&loaded, &eligibility, solver)));
    if !crate::solve::infeasible::structural_causes(&loaded, &eligibility).is_empty() {
        return Err(infeasible());
    }
    let s = &loaded.scenario;
    // Alike workloads are solved as one (exact: see aggregate.rs).
    let reduced = if spec.plain {
        None
    } else {
        crate::solve::aggregate::reduce(s, &eligibility).map(Arc::new)
    };
    let (ms, me) = match &reduced {
        Some(r) => (&r.scenario, &r.eligibility),
        None => (s, &eligibility),
    };
    let pairs = me.pair_count();
    if pairs > MAX_MODEL_PAIRS {
        return Err(Error::TooLarge(format!(
            "the model would have {pairs} eligible workload-provider pairs after merging alike workloads (about {} GB); the most tayoka builds is {MAX_MODEL_PAIRS}: narrow eligibility (classes, `only`, `exclude`), let more workloads merge, or split the scenario",
            pairs.saturating_mul(PAIR_BYTES).div_ceil(1_000_000_000)
        )));
    }
    let mut timings = Vec::new();
    let mut model = Model::build(ms, me, solver);
    let deadline = spec
        .time_limit
        .map(|t| Instant::now() + Duration::from_secs_f64(t.max(0.0)));
    let prepare = |model: &mut Model<'_>| {
        model.set_deadline(deadline);
        if let Some(n) = spec.interior_above {
            model.set_interior_above(n);
        }
        if let Some(gap) = spec.mip_gap {
            model.set_mip_gap(gap);
        }
        for (q, bound) in &spec.caps {
            model.cap(q, *bound);
        }
    };
    prepare(&mut model);
    let quantities = spec
        .stages
        .clone()
        .unwrap_or_else(|| crate::model::stages_for(&s.policy));
    let (vars, rows) = model.size();
    let engine = if model.interior() {
        "interior point"
    } else {
        solver.name()
    };
    let mut solution = optimise_stages(&mut model, &quantities)
        .map_err(|failure| failure.into_error(infeasible, spec.time_limit))?;
    for (st, secs) in solution.stages.iter().zip(&solution.seconds) {
        timings.push(Timing {
            step: format!(
                "stage {} ({engine}, {vars} variables, {rows} rows)",
                st.name
            ),
            seconds: *secs,
        });
    }
    let interior = model.used_interior();
    let mut proven_optimal = model.proven();
    let mip_gap = model.within_gap();
    let mut interior_plan = false;
    let solved = if interior {
        let started = Instant::now();
        match crate::solve::crossover::vertex(
            &model,
            &solution.values,
            &quantities,
            &solution.stages,
            &spec.caps,
        ) {
            Ok((plan, c)) => {
                timings.push(Timing::since(
                    format!(
                        "vertex: {} pairs kept, {} workloads settled, simplex on {}",
                        c.pairs, c.settled, c.solved
                    ),
                    started,
                ));
                plan
            }
            // Out of time: the interior plan stands, unproven.
            Err(SolveFailure::TimeLimit) => {
                proven_optimal = false;
                interior_plan = true;
                model.allocation(&solution.values)
            }
            // The kept pairs missed the optimum: the whole model by simplex.
            Err(_) => {
                let mut exact = Model::build(ms, me, solver);
                prepare(&mut exact);
                exact.set_interior_above(usize::MAX);
                match optimise_stages(&mut exact, &quantities) {
                    Ok(again) => {
                        timings.push(Timing::since("vertex: the whole model by simplex", started));
                        proven_optimal = exact.proven();
                        exact.allocation(&again.values)
                    }
                    // Out of time there too: the interior plan stands, unproven.
                    Err(SolveFailure::TimeLimit) => {
                        proven_optimal = false;
                        interior_plan = true;
                        model.allocation(&solution.values)
                    }
                    Err(failure) => return Err(failure.into_error(infeasible, spec.time_limit)),
                }
            }
        }
    } else {
        model.allocation(&solution.values)
    };
    drop(model);
    let allocation = match &reduced {
        Some(r) => r.expand(s, &solved),
        None => solved.clone(),
    };
    let interior_plans = std::mem::take(&mut solution.interior_plans);
    let interior_optima = if interior {
        solution.stages.iter().map(|st| st.value).collect()
    } else {
        Vec::new()
    };
    let stopped = solution.stopped.clone();
    let mut metrics = Metrics::compute(s, &allocation, solution.stages);
    let started = Instant::now();
    metrics.worst_cutoff = crate::solve::resilience::worst_cutoff(ms, me, &solved, solver)?;
    timings.push(Timing::since("worst single cut-off", started));
    if interior {
        // The plan's own values, measured the way each stage defines them.
        let values: Vec<f64> = quantities
            .iter()
            .take(metrics.stages.len())
            .map(|q| q.value_in(s, &metrics))
            .collect();
        for (st, v) in metrics.stages.iter_mut().zip(values) {
            st.value = v;
        }
    }
    let reduced = reduced.map(|r| Reduction {
        reduced: r,
        allocation: solved,
    });
    Ok(Solved {
        loaded,
        eligibility,
        allocation,
        metrics,
        solver,
        proven_optimal,
        mip_gap,
        stopped,
        reduced,
        binding: None,
        timings,
        interior,
        interior_plan,
        interior_optima,
        interior_plans,
        interior_by_default: spec.interior_above.is_none(),
    })
}
