//! From a loaded scenario to a plan: eligibility, the model, the objective
//! stages, the allocation and its metrics.

use std::sync::Arc;
use std::time::{Duration, Instant};

pub mod aggregate;
pub mod answer;
pub mod crossover;
pub mod infeasible;
pub mod marginals;
pub mod resilience;

use crate::base::error::Error;
use crate::model::backend::SolverKind;
use crate::model::{
    Model, Outcome, Quantity, Settings, SolveFailure, StageSolution, Stop, optimise_stages,
};
pub use crate::plan::allocation::{Allocation, Assignment};
use crate::plan::metrics::Metrics;
use crate::scenario::eligibility::Eligibility;
use crate::scenario::{Loaded, Scenario};
use crate::solve::crossover::Crossed;
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
    /// What holds the plan, when [`Spec::marginals`] asked for it (the
    /// `solve` command does; analyses' many solves do not).
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
    /// The cost of the cheapest plan within every rule, when
    /// [`Spec::cheapest`] asked for it: what the plan's answer measures
    /// its cost against.
    pub cheapest: Option<f64>,
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
    /// Find what holds the plan ([`Solved::binding`], by
    /// [`marginals::binding`]): a re-solve per rule at its bound, so off
    /// for an analysis's many solves. A plan the time limit stopped has no
    /// optimum to take marginals of, and gets none.
    pub marginals: bool,
    /// Solve the cheapest plan within every rule too ([`Solved::cheapest`]),
    /// for the answer a plan's summary opens with (the `solve` command).
    pub cheapest: bool,
    /// A caller's word to stop early ([`Stop`]): what is left ends as at
    /// the time limit.
    pub stop: Option<Stop>,
}

impl Spec {
    /// How the model's solves run, the deadline counted from now.
    fn settings(&self) -> Settings {
        let mut settings = Settings {
            deadline: self
                .time_limit
                .map(|t| Instant::now() + Duration::from_secs_f64(t.max(0.0))),
            stop: self.stop.clone(),
            ..Settings::default()
        };
        if let Some(n) = self.interior_above {
            settings.interior_above = n;
        }
        if let Some(gap) = self.mip_gap.filter(|g| g.is_finite() && *g >= 0.0) {
            settings.mip_gap = gap;
        }
        settings
    }
}

/// Plans a loaded scenario with extra stages or caps.
pub fn solve_spec(loaded: Loaded, solver: SolverKind, spec: &Spec) -> Result<Solved, Error> {
    let solver = solver.for_plan();
    let began = Instant::now();
    let eligibility = Eligibility::compute(&loaded.scenario);
    let infeasible = || Error::Infeasible(Box::new(Diagnosis::full(&loaded, &eligibility, solver)));
    if !crate::solve::infeasible::structural_causes(&loaded, &eligibility).is_empty() {
        return Err(infeasible());
    }
    let s = &loaded.scenario;
    let reduced = reduce(spec, s, &eligibility)?;
    let (ms, me) = match &reduced {
        Some(r) => (&r.scenario, &r.eligibility),
        None => (s, &eligibility),
    };
    let quantities = spec
        .stages
        .clone()
        .unwrap_or_else(|| crate::model::stages_for(&s.policy));
    let mut timings = Vec::new();
    let mut staged = plan_stages(ms, me, solver, spec, &quantities, &mut timings)
        .map_err(|failure| failure.into_error(infeasible, spec.time_limit))?;
    let solved = staged.plan;
    let allocation = match &reduced {
        Some(r) => r.expand(s, &solved),
        None => solved.clone(),
    };
    let interior = staged.outcome.interior;
    let interior_plans = std::mem::take(&mut staged.solution.interior_plans);
    let interior_optima = if interior {
        staged.solution.stages.iter().map(|st| st.value).collect()
    } else {
        Vec::new()
    };
    let stopped = staged.solution.stopped.clone();
    let mut metrics = Metrics::compute(s, &allocation, staged.solution.stages);
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
    let cheapest = match (spec.cheapest && staged.outcome.proven(), quantities.first()) {
        (false, _) => None,
        // The plan is the cheapest itself.
        (true, Some(Quantity::Cost)) => Some(metrics.total_cost),
        (true, _) => {
            // Within what is left of the time limit, not a second one.
            let left = spec.time_limit.map(|t| t - began.elapsed().as_secs_f64());
            match left {
                Some(t) if t <= 0.0 => None,
                _ => {
                    let spec = Spec {
                        time_limit: left,
                        ..spec.clone()
                    };
                    cheapest(ms, me, solver, &spec, &mut timings)
                }
            }
        }
    };
    let reduced = reduced.map(|r| Reduction {
        reduced: r,
        allocation: solved,
    });
    let mut run = Solved {
        loaded,
        eligibility,
        allocation,
        metrics,
        solver,
        proven_optimal: staged.outcome.proven(),
        mip_gap: staged.outcome.within_gap,
        stopped,
        reduced,
        binding: None,
        timings,
        interior,
        interior_plan: staged.interior_plan,
        interior_optima,
        interior_plans,
        interior_by_default: spec.interior_above.is_none(),
        cheapest,
    };
    if spec.marginals && run.proven_optimal {
        let started = Instant::now();
        run.binding = Some(marginals::binding(&run)?);
        run.timings
            .push(Timing::since("what holds the plan", started));
    }
    Ok(run)
}

/// The cost of the cheapest plan within every rule; `None` where that
/// solve does not prove its optimum (the time limit).
fn cheapest(
    ms: &Scenario,
    me: &Eligibility,
    solver: SolverKind,
    spec: &Spec,
    timings: &mut Vec<Timing>,
) -> Option<f64> {
    let started = Instant::now();
    let staged = plan_stages(ms, me, solver, spec, &[Quantity::Cost], &mut Vec::new()).ok()?;
    timings.push(Timing::since("the cheapest plan", started));
    let stage = staged.solution.stages.first()?;
    staged
        .outcome
        .proven()
        .then_some(crate::base::units::tidy(stage.value))
}

/// Alike workloads merged (exact: see aggregate.rs), unless `spec.plain`;
/// a model too large to build is an error here, before it is built.
fn reduce(
    spec: &Spec,
    s: &Scenario,
    eligibility: &Eligibility,
) -> Result<Option<Arc<crate::solve::aggregate::Reduced>>, Error> {
    let reduced = if spec.plain {
        None
    } else {
        crate::solve::aggregate::reduce(s, eligibility).map(Arc::new)
    };
    let pairs = reduced
        .as_ref()
        .map_or(eligibility, |r| &r.eligibility)
        .pair_count();
    if pairs > MAX_MODEL_PAIRS {
        return Err(Error::TooLarge(format!(
            "the model would have {pairs} eligible workload-provider pairs after merging alike workloads (about {} GB); the most tayoka builds is {MAX_MODEL_PAIRS}: narrow eligibility (classes, `only`, `exclude`), let more workloads merge, or split the scenario",
            pairs.saturating_mul(PAIR_BYTES).div_ceil(1_000_000_000)
        )));
    }
    Ok(reduced)
}

/// The stages solved on the model of `(ms, me)`, and its plan.
struct Staged {
    solution: StageSolution,
    /// The plan of the model solved (merged where alike workloads were).
    plan: Allocation,
    /// What the solves found, the crossover's simplex included.
    outcome: Outcome,
    /// The interior-point plan was kept (see [`Solved::interior_plan`]).
    interior_plan: bool,
}

/// Builds the model, runs its stages and, after the interior-point engine,
/// finds a vertex plan ([`crossover::cross`]); each step's time goes into
/// `timings`.
fn plan_stages(
    ms: &Scenario,
    me: &Eligibility,
    solver: SolverKind,
    spec: &Spec,
    quantities: &[Quantity],
    timings: &mut Vec<Timing>,
) -> Result<Staged, SolveFailure> {
    let mut model = Model::build(ms, me, solver);
    model.configure(spec.settings());
    for (q, bound) in &spec.caps {
        model.cap(q, *bound);
    }
    let (vars, rows) = model.size();
    let engine = if model.interior() {
        "interior point"
    } else {
        solver.name()
    };
    let solution = optimise_stages(&mut model, quantities)?;
    for (st, secs) in solution.stages.iter().zip(&solution.seconds) {
        timings.push(Timing {
            step: format!(
                "stage {} ({engine}, {vars} variables, {rows} rows)",
                st.name
            ),
            seconds: *secs,
        });
    }
    let mut outcome = solution.outcome;
    if !outcome.interior {
        let plan = model.allocation(&solution.values);
        return Ok(Staged {
            solution,
            plan,
            outcome,
            interior_plan: false,
        });
    }
    let started = Instant::now();
    let (plan, interior_plan) = match crossover::cross(&model, &solution, quantities, &spec.caps)? {
        Crossed::Vertex(plan, c) => {
            timings.push(Timing::since(
                format!(
                    "vertex: {} pairs kept, {} workloads settled, simplex on {}",
                    c.pairs, c.settled, c.solved
                ),
                started,
            ));
            (plan, false)
        }
        Crossed::Simplex(plan, exact) => {
            timings.push(Timing::since("vertex: the whole model by simplex", started));
            outcome.stopped_early = exact.stopped_early;
            (plan, false)
        }
        Crossed::Interior(plan) => {
            outcome.stopped_early = true;
            (plan, true)
        }
    };
    Ok(Staged {
        solution,
        plan,
        outcome,
        interior_plan,
    })
}
