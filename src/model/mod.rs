//! The one model builder every analysis uses (DESIGN 4.2).
//!
//! Variables are the *fractions* `f_wp = x_wp / d_w` of each workload's demand
//! served by each eligible provider, so every coefficient is of order one
//! whatever the scenario's units; rows are scaled by their right-hand side for
//! the same reason. Amounts are `d_w * f_wp`.

pub mod backend;
mod cutoff;
mod economics;
mod elastic;
mod engines;
pub mod file;
mod guard;
mod integer;
mod limits;
pub mod names;
mod objectives;
mod rules;
mod settings;
mod sparse;
mod years;

pub use elastic::{Bending, Rule, Slack};
pub use names::Name;
use names::NamedRows;
pub use rules::MIN_SERVING_FRACTION;
pub use settings::{INTERIOR_ABOVE, MIP_GAP, Outcome, Settings, Stop};
pub use years::{Money, Years, YearsSolution};

/// Where stage optima used to live; they are plan values now.
pub use crate::plan::metrics::Stage;
pub use cutoff::{Event, events, in_resilience_scope, name_of as cutoff_name};
use engines::{Engine, Found, Job, Rows};
use guard::guarded;
pub use guard::quiet_solver_panics;

pub use objectives::{
    HOLD_TOLERANCES, Quantity, StageSolution, expression, optimise, optimise_held, optimise_stages,
    solve_holding, stage, stage_optimum, stages_for,
};

use std::collections::HashMap;
use std::time::Instant;

use good_lp::{
    Constraint, Expression, ProblemVariables, ResolutionError, SolutionStatus, Variable, variable,
};

use crate::base::error::Error;
use crate::base::units::tidy;
use crate::model::backend::SolverKind;
use crate::plan::allocation::{Allocation, Assignment, MIN_FRACTION};
use crate::scenario::Scenario;
use crate::scenario::eligibility::Eligibility;

/// Variable values of one solve.
pub type Values = HashMap<Variable, f64>;

/// Why a solve produced no plan.
#[derive(Debug, Clone, PartialEq)]
pub enum SolveFailure {
    Infeasible,
    /// The time limit ran out before any feasible solution was found.
    TimeLimit,
    /// The interior-point engine stopped short of an optimum (no progress,
    /// numerical trouble, too many iterations): most often the thin set of
    /// plans that holds earlier stages tightly, which wider holds widen.
    Stalled(String),
    Other(String),
}

/// An upper bound on any plan's cost (the dearest price for all demand):
/// cost expressions are divided by it, and the elastic budget's slack is in
/// its units.
pub fn cost_scale_of(s: &Scenario) -> f64 {
    let workload_prices = s.workloads.iter().flat_map(|w| w.prices.values().copied());
    let max_price = s
        .providers
        .iter()
        .map(|p| p.price)
        .chain(workload_prices)
        .fold(0.0, f64::max);
    let total_demand: f64 = s.workloads.iter().map(|w| w.demand).sum();
    let contracts: f64 = s.providers.iter().map(|p| p.contract_cost).sum();
    (max_price * total_demand + contracts).max(1.0)
}

impl SolveFailure {
    /// The error a user sees: the one place solver failures become errors.
    /// `infeasible` says what no solution means to the caller (a diagnosis for
    /// a plan; a fault where a solution always exists); `time_limit` is the
    /// `--time-limit` in force, if any.
    pub fn into_error(self, infeasible: impl FnOnce() -> Error, time_limit: Option<f64>) -> Error {
        match self {
            SolveFailure::Infeasible => infeasible(),
            SolveFailure::TimeLimit => match time_limit {
                Some(secs) => Error::TimeLimit(secs),
                None => Error::Solver("the solver ran out of time".into()),
            },
            SolveFailure::Stalled(m) => {
                Error::Solver(format!("the interior-point engine stopped: {m}"))
            }
            SolveFailure::Other(message) => Error::Solver(message),
        }
    }
}

/// Direction of one objective stage.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sense {
    Minimise,
    Maximise,
}

/// Variables and constraints for one scenario.
pub struct Model<'a> {
    pub scenario: &'a Scenario,
    pub eligibility: &'a Eligibility,
    solver: SolverKind,
    vars: ProblemVariables,
    all_vars: Vec<Variable>,
    /// What each of `all_vars` stands for (for the model files).
    var_names: Vec<Name>,
    /// Per workload: (provider index, fraction variable) for each eligible provider.
    pub x: Vec<Vec<(usize, Variable)>>,
    /// A fixed plan's fractions instead of `x` (see [`Model::fixed`]).
    fixed: Option<Vec<Vec<(usize, f64)>>>,
    /// Demand moved away from today's split: (workload, provider, variable).
    moved: Vec<(usize, usize, Variable)>,
    /// Recourse already added per cut-off provider set: each affected
    /// workload's served fraction.
    cutoffs: HashMap<Vec<usize>, Vec<(usize, Expression)>>,
    /// Each cut-off's providers, in the order they were added (names).
    cut_sets: Vec<Vec<usize>>,
    constraints: NamedRows,
    /// Earlier stages' optima, held within `hold_tolerance` in later stages.
    holds: Vec<(Expression, Sense, f64)>,
    hold_tolerance: (f64, f64),
    /// Cost expressions are divided by this (an upper bound on total cost).
    cost_scale: f64,
    /// How its solves run (deadline, MIP gap, engine threshold).
    settings: Settings,
    /// What its solves found so far besides their plans.
    outcome: Outcome,
    /// The elastic copy (DESIGN 4.5): rules bend by slacks.
    elastic: bool,
    slacks: Vec<Slack>,
    /// Which rules may bend in this elastic model.
    bending: Bending,
    /// The plan the last solve the time limit stopped had found (a branch
    /// and bound's incumbent), taken by [`Model::solve`].
    incumbent: Option<Values>,
    /// Whether the model has binary variables (integer rules, mosaic).
    integers: bool,
    /// Each integer rule's pair: (workload, fraction, "serves it" binary).
    serving: Vec<(usize, Variable, Variable)>,
    /// The last plan solved under integer rules: a dive's fallback (see
    /// [`integer`]).
    last_plan: Option<Values>,
    /// A plan's fractions that the dive also rounds to (a pathway's
    /// year-by-year plan; see [`integer`]).
    seed: Option<Values>,
    /// The plan a branch and bound started from when the time limit
    /// stopped it (see [`Model::take_best_found`]).
    best_found: Option<Values>,
    /// Every workload's integer rules (a pathway's: in every year), for
    /// the dive (see [`integer`]).
    ruled: Vec<rules::Ruled>,
    /// Workloads whose integer rules are not in the model yet (added once
    /// a solve breaks them; see [`Model::solve`]).
    integer_pending: Vec<usize>,
    /// Every integer rule from the start (the elastic copy, the pathway's
    /// joint model, whose years share one set of workload indices).
    eager_integers: bool,
    /// Per provider, capacity built by a pathway so far (empty: none).
    extra_capacity: Vec<Expression>,
    /// A pathway's previous year's fractions, which lock-in moves away
    /// from instead of `current`.
    previous: Option<Vec<Vec<(usize, Variable)>>>,
    /// Contracts and volume discounts (a pathway's: the year swapped in).
    terms: economics::Terms,
    /// Every year's contract and level binaries with their loads, for a
    /// branch and bound's start (see [`Model::start_from`]); empty when no
    /// year has any (then neither the dive's rounding nor the levels' rule
    /// out is needed).
    hints: Vec<economics::Hint>,
}

/// The unit of a capacity row that a pathway may grow: the capacity, or
/// the most that may be built when there is none yet.
fn built_scale(p: &crate::scenario::Provider) -> f64 {
    let most = p.expand.as_ref().map_or(0.0, |x| x.max);
    if p.capacity > 0.0 {
        p.capacity
    } else {
        most.max(1.0)
    }
}

impl<'a> Model<'a> {
    /// A model with no variables or rules yet.
    fn empty(scenario: &'a Scenario, eligibility: &'a Eligibility, solver: SolverKind) -> Self {
        let s = scenario;
        Model {
            scenario,
            eligibility,
            solver: solver.for_plan(),
            vars: ProblemVariables::new(),
            all_vars: Vec::with_capacity(eligibility.pair_count() + 8),
            var_names: Vec::with_capacity(eligibility.pair_count() + 8),
            x: Vec::with_capacity(s.workloads.len()),
            fixed: None,
            moved: Vec::new(),
            cutoffs: HashMap::new(),
            cut_sets: Vec::new(),
            constraints: NamedRows::default(),
            holds: Vec::new(),
            hold_tolerance: HOLD_TOLERANCES[0],
            cost_scale: cost_scale_of(s),
            settings: Settings::default(),
            outcome: Outcome::default(),
            elastic: false,
            slacks: Vec::new(),
            bending: Bending::AllBut(Vec::new()),
            incumbent: None,
            integers: false,
            serving: Vec::new(),
            last_plan: None,
            seed: None,
            best_found: None,
            ruled: Vec::new(),
            integer_pending: Vec::new(),
            eager_integers: false,
            extra_capacity: Vec::new(),
            previous: None,
            terms: economics::Terms::default(),
            hints: Vec::new(),
        }
    }

    /// Builds the allocation variables and every rule of the scenario.
    pub fn build(scenario: &'a Scenario, eligibility: &'a Eligibility, solver: SolverKind) -> Self {
        Model::build_with(
            scenario,
            eligibility,
            solver,
            false,
            Bending::AllBut(Vec::new()),
        )
    }

    /// Every rule from the start, integer rules included (a plan's model
    /// adds a workload's only once a solve breaks them): the model files.
    pub fn build_whole(scenario: &'a Scenario, eligibility: &'a Eligibility) -> Self {
        let mut m = Model::empty(scenario, eligibility, SolverKind::Microlp);
        m.eager_integers = true;
        m.add_rules();
        m
    }

    /// The elastic copy: every rule but the `frozen` ones may bend.
    pub fn build_elastic(
        scenario: &'a Scenario,
        eligibility: &'a Eligibility,
        solver: SolverKind,
        frozen: &[Rule],
    ) -> Self {
        let bending = Bending::AllBut(frozen.to_vec());
        Model::build_with(scenario, eligibility, solver, true, bending)
    }

    /// The elastic copy in which `rule` alone may bend: minimising its slack
    /// gives the exact smallest change of that rule that makes a plan possible.
    pub fn build_bending(
        scenario: &'a Scenario,
        eligibility: &'a Eligibility,
        solver: SolverKind,
        rule: &Rule,
    ) -> Self {
        let bending = Bending::Only(rule.clone());
        Model::build_with(scenario, eligibility, solver, true, bending)
    }

    fn build_with(
        scenario: &'a Scenario,
        eligibility: &'a Eligibility,
        solver: SolverKind,
        elastic: bool,
        bending: Bending,
    ) -> Self {
        let mut m = Model::empty(scenario, eligibility, solver);
        m.elastic = elastic;
        m.bending = bending;
        m.add_rules();
        m
    }

    /// The allocation variables and every rule of the scenario in force.
    fn add_rules(&mut self) {
        let (s, e) = (self.scenario, self.eligibility);
        for (wi, w) in s.workloads.iter().enumerate() {
            let cap = w.max_provider_fraction.unwrap_or(1.0);
            let row: Vec<(usize, Variable)> = e.eligible[wi]
                .iter()
                .map(|&p| {
                    let name = Name::Fraction(wi, p);
                    (p, self.add_var(name, variable().min(0.0).max(cap)))
                })
                .collect();
            self.x.push(row);
        }
        let m = self;
        m.add_demand();
        m.add_capacity();
        m.add_lock_in();
        m.add_economics();
        m.add_budget();
        m.add_limits();
        m.add_survive();
        m.add_integer_rules();
        m.add_mosaic();
    }

    fn add_var(&mut self, name: Name, def: good_lp::VariableDefinition) -> Variable {
        let v = self.vars.add(def);
        self.all_vars.push(v);
        self.var_names.push(name);
        v
    }

    /// Adds a binary variable (an integer rule's "serves it" or "sees it").
    fn add_binary(&mut self, name: Name) -> Variable {
        self.integers = true;
        self.add_var(name, variable().binary())
    }

    /// Adds a non-negative auxiliary variable (a stage's epigraph variable).
    pub fn add_aux(&mut self, name: Name) -> Variable {
        self.add_var(name, variable().min(0.0))
    }

    /// Adds an auxiliary variable within [lo, hi].
    pub fn add_bounded(&mut self, name: Name, lo: f64, hi: f64) -> Variable {
        self.add_var(name, variable().min(lo).max(hi))
    }

    /// What variable `v` stands for.
    fn var_name(&self, v: Variable) -> Option<&Name> {
        let i = self.all_vars.iter().position(|&u| u == v)?;
        self.var_names.get(i)
    }

    pub fn add_constraint(&mut self, name: Name, c: Constraint) {
        self.constraints.push(name, c);
    }

    fn add_demand(&mut self) {
        for wi in 0..self.x.len() {
            let mut e = Expression::with_capacity(self.x[wi].len() + 1);
            for &(_, v) in &self.x[wi] {
                e.add_mul(1.0, v);
            }
            // Elastic: the unserved fraction.
            e += self.slack(Rule::Demand(wi), 1.0);
            self.constraints.push(Name::Demand(wi), e.eq(1.0));
        }
    }

    /// `Σ_w d_w f_wp <= c_p` (plus what a pathway has built so far), in
    /// units of the capacity (or of the most that may be built, for a
    /// provider with none yet).
    fn add_capacity(&mut self) {
        let s = self.scenario;
        let scale: Vec<f64> = s
            .providers
            .iter()
            .enumerate()
            .map(|(p, pr)| match self.extra_capacity.get(p) {
                Some(_) => built_scale(pr),
                None => pr.capacity,
            })
            .collect();
        let mut used: Vec<Expression> = vec![Expression::default(); s.providers.len()];
        let mut any = vec![false; s.providers.len()];
        for (wi, row) in self.x.iter().enumerate() {
            for &(p, v) in row {
                used[p].add_mul(s.workloads[wi].demand / scale[p], v);
                any[p] = true;
            }
        }
        for (p, e) in used.into_iter().enumerate() {
            if any[p] {
                let slack = self.slack(Rule::Capacity(p), 1.0);
                let built = match self.extra_capacity.get(p) {
                    Some(b) => b.clone() * (1.0 / scale[p]),
                    None => Expression::default(),
                };
                let row = (e - slack - built).leq(s.providers[p].capacity / scale[p]);
                self.constraints.push(Name::Capacity(p), row);
            }
        }
    }

    fn add_budget(&mut self) {
        let Some(budget) = self.scenario.policy.budget else {
            return;
        };
        let cost = self.raw_cost();
        // Elastic: the slack is in units of the cost scale, so that a budget
        // far too small (or zero) still gives well-scaled numbers.
        let scale = self.cost_scale;
        let slack = self.slack(Rule::Budget, 1.0);
        let row = if self.elastic || budget <= 0.0 {
            (cost * (1.0 / scale) - slack).leq(budget / scale)
        } else {
            (cost * (1.0 / budget) - slack).leq(1.0)
        };
        self.constraints.push(Name::Budget, row);
    }

    /// Total cost in the scenario's currency: what the providers charge,
    /// less volume discounts, plus contracts and the exit cost of demand
    /// moved away from today's split.
    fn raw_cost(&self) -> Expression {
        let s = self.scenario;
        let mut e = Expression::with_capacity(self.eligibility.pair_count() + self.moved.len());
        for (wi, row) in self.x.iter().enumerate() {
            for &(p, v) in row {
                e.add_mul(s.price(wi, p) * s.workloads[wi].demand, v);
            }
        }
        for &(wi, p, m) in &self.moved {
            let exit = s.providers[p].exit_cost;
            if exit > 0.0 {
                e.add_mul(exit * s.workloads[wi].demand, m);
            }
        }
        self.terms.add_to_cost(&mut e);
        e
    }

    /// Total cost divided by [`Model::cost_scale`], for objectives.
    pub fn scaled_cost(&self) -> Expression {
        self.raw_cost() * (1.0 / self.cost_scale)
    }

    pub fn cost_scale(&self) -> f64 {
        self.cost_scale
    }

    /// Bounds a quantity in its better direction: at most `bound` for one
    /// that is minimised, at least `bound` for one that is maximised (in the
    /// quantity's own units: a share as a fraction, cost in currency).
    pub fn cap(&mut self, q: &Quantity, bound: f64) {
        let (expr, sense, scale) = expression(self, q);
        let scaled = bound / scale;
        let row = match sense {
            Sense::Minimise => expr.leq(scaled),
            Sense::Maximise => expr.geq(scaled),
        };
        self.constraints.push(Name::Cap(q.name()), row);
    }

    /// Holds a stage's quantity at its optimum in every later solve.
    pub fn hold(&mut self, expr: Expression, sense: Sense, optimum: f64) {
        self.holds.push((expr, sense, optimum));
    }

    pub fn has_holds(&self) -> bool {
        !self.holds.is_empty()
    }

    pub fn hold_tolerance(&self) -> (f64, f64) {
        self.hold_tolerance
    }

    /// (relative, absolute) tolerance of the holds.
    pub fn set_hold_tolerance(&mut self, tolerance: (f64, f64)) {
        self.hold_tolerance = tolerance;
    }

    fn hold_constraints(&self) -> impl Iterator<Item = Constraint> + '_ {
        let (relative, absolute) = self.hold_tolerance;
        self.holds.iter().map(move |(expr, sense, optimum)| {
            let slack = (relative * optimum.abs()).max(absolute);
            match sense {
                Sense::Minimise => expr.clone().leq(optimum + slack),
                Sense::Maximise => expr.clone().geq(optimum - slack),
            }
        })
    }

    /// Sets the size above which linear solves use the interior-point
    /// engine: 0 for always, `usize::MAX` for never (microlp's simplex).
    pub fn set_interior_above(&mut self, variables: usize) {
        self.settings.interior_above = variables;
    }

    /// Whether the next solve uses the interior-point engine.
    pub fn interior(&self) -> bool {
        self.solver == SolverKind::Microlp
            && !self.integers
            && self.integer_pending.is_empty()
            && self.all_vars.len() > self.settings.interior_above
    }

    /// The engine the next solve takes.
    fn engine(&self) -> Engine {
        match self.solver {
            SolverKind::Microlp if self.interior() => engines::interior,
            // `Auto` is resolved when the model is made (see `empty`).
            SolverKind::Auto | SolverKind::Microlp => engines::simplex,
            #[cfg(feature = "highs")]
            SolverKind::Highs => engines::highs,
        }
    }

    /// Variables and rows the next solve has (for `--verbose`).
    pub fn size(&self) -> (usize, usize) {
        (
            self.all_vars.len(),
            self.constraints.len() + self.holds.len(),
        )
    }

    /// One solve with the rules in the model now; `relaxed`: binaries
    /// continuous; `start`: binaries' values to start the branch and bound
    /// from (microlp ignores a start that breaks a rule).
    fn solve_once(
        &mut self,
        objective: &Expression,
        sense: Sense,
        relaxed: bool,
        start: &[(Variable, f64)],
    ) -> Result<Values, SolveFailure> {
        // A model without variables (re-routing where nothing can move) has
        // nothing to optimise; some backends (HiGHS) refuse an empty model.
        if self.all_vars.is_empty() {
            return Ok(Values::new());
        }
        self.incumbent = None;
        if self.settings.stop.as_ref().is_some_and(Stop::raised) {
            return Err(SolveFailure::TimeLimit);
        }
        let seconds = match self.settings.deadline {
            Some(d) => match d.checked_duration_since(Instant::now()) {
                Some(left) if !left.is_zero() => Some(left.as_secs_f64()),
                _ => return Err(SolveFailure::TimeLimit),
            },
            None => None,
        };
        let interior = self.interior();
        self.outcome.interior |= interior;
        let job = Job {
            integers: self.integers && !relaxed,
            mip_gap: self.settings.mip_gap,
            start,
            seconds,
            stop: self.settings.stop.as_ref(),
            variables: &self.all_vars,
        };
        let engine = self.engine();
        let mut vars = self.programme_variables(relaxed);
        let rows = self.rows(&mut vars, interior);
        let problem = match sense {
            Sense::Minimise => vars.minimise(objective.clone()),
            Sense::Maximise => vars.maximise(objective.clone()),
        };
        // A solver's internal assertion (numbers too far apart for its
        // arithmetic) becomes a failure of this solve, not a crash.
        let Some(result) = guarded(|| engine(problem, rows, &job)) else {
            return Err(SolveFailure::Other(
                "the solver broke down on this model (its numbers may span too many orders of magnitude: check very large or very small values)".into(),
            ));
        };
        let found = result.map_err(failure_of)?;
        self.found(found).ok_or(SolveFailure::TimeLimit)
    }

    /// The programme's variables, none of them integer when `relaxed`
    /// (the same variables in the same order).
    fn programme_variables(&self, relaxed: bool) -> ProblemVariables {
        if !relaxed {
            return self.vars.clone();
        }
        let mut vars = ProblemVariables::new();
        for (_, def) in self.vars.iter_variables_with_def() {
            vars.add(variable().min(def.get_min()).max(def.get_max()));
        }
        vars
    }

    /// Every rule and hold as rows: one at a time for the simplex (no
    /// second copy of them all), with long rows split for the interior
    /// point (which adds their parts' variables to `vars`).
    fn rows(&self, vars: &mut ProblemVariables, interior: bool) -> Rows<'_> {
        let rows = self
            .constraints
            .iter()
            .cloned()
            .chain(self.hold_constraints());
        if !interior {
            return Box::new(rows);
        }
        let rank = self.column_index();
        Box::new(sparse::split_long_rows(vars, rows.collect(), &rank).into_iter())
    }

    /// Each variable's place in the programme's columns.
    fn column_index(&self) -> HashMap<Variable, usize> {
        self.all_vars
            .iter()
            .enumerate()
            .map(|(i, &v)| (v, i))
            .collect()
    }

    /// Stops every later solve at `deadline` (see `--time-limit`).
    pub fn set_deadline(&mut self, deadline: Option<Instant>) {
        self.settings.deadline = deadline;
    }

    pub fn deadline(&self) -> Option<Instant> {
        self.settings.deadline
    }

    /// Sets how its solves run, all at once.
    pub fn configure(&mut self, settings: Settings) {
        self.settings = settings;
    }

    /// Solves the rest by simplex: the interior-point engine gave up.
    pub fn use_simplex(&mut self) {
        self.settings.interior_above = usize::MAX;
    }

    /// The backend it was built for.
    pub fn solver(&self) -> SolverKind {
        self.solver
    }

    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// What its solves found so far: whether each proved its optimum,
    /// within the MIP gap or exactly, and the engine they took.
    pub fn outcome(&self) -> Outcome {
        self.outcome
    }

    /// Sets the relative gap at which a branch and bound stops (0: prove
    /// the optimum); a gap that is negative or not a number is ignored.
    pub fn set_mip_gap(&mut self, gap: f64) {
        if gap.is_finite() && gap >= 0.0 {
            self.settings.mip_gap = gap;
        }
    }

    /// Notes that a stage ran out of time: the plan is the best found.
    fn mark_unproven(&mut self) {
        self.outcome.stopped_early = true;
    }

    /// Notes that a branch and bound stopped within the MIP gap.
    fn mark_within_gap(&mut self) {
        self.outcome.within_gap = Some(self.settings.mip_gap);
    }

    /// An engine's values; one the time limit stopped is kept aside as the
    /// incumbent and `None`: a stage's optimum is never one a search did
    /// not finish.
    fn found(&mut self, found: Found) -> Option<Values> {
        match found.status {
            SolutionStatus::Optimal => {}
            SolutionStatus::GapLimit => self.mark_within_gap(),
            SolutionStatus::TimeLimit => {
                self.incumbent = Some(found.values);
                return None;
            }
        }
        Some(found.values)
    }

    /// The plan a solve's values describe: amounts and fractions per workload.
    pub fn allocation(&self, values: &Values) -> Allocation {
        let s = self.scenario;
        let rows = self
            .x
            .iter()
            .enumerate()
            .map(|(wi, row)| {
                let row: Vec<Assignment> = row
                    .iter()
                    .filter_map(|&(p, v)| {
                        let fraction = tidy(values.get(&v).copied().unwrap_or(0.0));
                        (fraction > MIN_FRACTION).then(|| Assignment {
                            provider: p,
                            amount: tidy(fraction * s.workloads[wi].demand),
                            fraction,
                        })
                    })
                    .collect();
                whole(row, s.workloads[wi].demand)
            })
            .collect();
        Allocation { rows }
    }
}

/// A workload's parts with the engine's noise taken out where the exact
/// value is known: every workload is served in full, so parts that add up
/// to within 1e-7 of the whole add up to it exactly (the largest part takes
/// the difference), and a workload on one provider is on it wholly (1, not
/// 0.999999998).
fn whole(mut row: Vec<Assignment>, demand: f64) -> Vec<Assignment> {
    let total: f64 = row.iter().map(|a| a.fraction).sum();
    if row.is_empty() || (total - 1.0).abs() > MIN_FRACTION {
        return row;
    }
    let largest = (0..row.len())
        .max_by(|&a, &b| row[a].fraction.total_cmp(&row[b].fraction))
        .unwrap_or(0);
    let (mut fraction, mut amount) = (1.0, demand);
    for (i, a) in row.iter().enumerate() {
        if i != largest {
            fraction -= a.fraction;
            amount -= a.amount;
        }
    }
    row[largest].fraction = tidy(fraction);
    row[largest].amount = tidy(amount);
    row
}

/// What an engine's refusal means to the caller.
fn failure_of(e: ResolutionError) -> SolveFailure {
    match e {
        ResolutionError::Infeasible => SolveFailure::Infeasible,
        ResolutionError::Other(m) if m.contains("Time limit") => SolveFailure::TimeLimit,
        ResolutionError::Other(m)
            if m.contains("Max iterations")
                || m.contains("progress")
                || m.contains("Numerical") =>
        {
            SolveFailure::Stalled(m.to_string())
        }
        other => SolveFailure::Other(other.to_string()),
    }
}
