//! `tayoka pathway`: the way out of today's split over several years
//! (DESIGN 4.7).
//!
//! Year k's scenario is the base, then the variant, then every
//! `[pathway.changes.Y]` up to that year, then `demand_growth`. By default
//! every year is planned in one model (perfect foresight, [`Years`]): each
//! year's rules, at most `max_change` of each workload moving from one year
//! to the next, capacity built where `[providers.X.expand]` allows, and the
//! scenario's stages summed over the years. `--myopic` plans each year alone
//! from the year before, for comparison.

use std::collections::BTreeMap;
use std::path::Path;
use std::time::{Duration, Instant};

use crate::base::error::Error;
use crate::base::lang::Lang;
use crate::base::located::{Diagnostic, Diagnostics};
use crate::base::units::tidy;
use crate::model::backend::SolverKind;
use crate::model::{Money, SolveFailure, Years, stages_for};
use crate::plan::allocation::{Allocation, Assignment, at_demand};
use crate::plan::metrics::{Metrics, Stage};
use crate::scenario::MAX_MAGNITUDE;
use crate::scenario::eligibility::Eligibility;
use crate::scenario::{LoadOptions, Loaded, Scenario, load};
use crate::solve::aggregate;
use crate::solve::infeasible::Diagnosis;

mod myopic;
use myopic::myopic;

/// Two plans are the same when no fraction differs by more than this.
const SAME_PLAN: f64 = 1e-6;

/// The planned years, the stages' optima over them, and whether the time
/// limit stopped the solve (the plan is then the best found).
type Planned = (Vec<Year>, Vec<Stage>, bool);
/// The first year without a plan, and why.
type Failure = (usize, Box<Diagnosis>);

/// Years planned when neither `--years` nor `[pathway] years` says.
pub const DEFAULT_YEARS: usize = 10;

/// How the years are planned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    /// One model over every year (perfect foresight).
    Joint,
    /// Each year alone, from the year before.
    Myopic,
}

/// A year of the pathway: year 0 is today's split.
#[derive(Debug, Clone)]
pub struct Year {
    pub year: usize,
    pub allocation: Allocation,
    pub metrics: Metrics,
    /// Units of capacity built this year, per provider.
    pub built: Vec<f64>,
    /// Their one-off cost.
    pub investment: f64,
    /// The year's limits its chart draws.
    pub limits: YearLimits,
}

/// The limits of a year that the pathway chart draws: the floor on the home
/// country's share and the cap on every provider's share (over all
/// workloads), as `[pathway.changes]` set them that year.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct YearLimits {
    pub home_floor: Option<f64>,
    pub provider_cap: Option<f64>,
}

impl YearLimits {
    pub fn of(s: &Scenario) -> Self {
        let all = |l: &&crate::scenario::Limit| l.scope == crate::scenario::Scope::All;
        let home_floor = s
            .policy
            .limits
            .iter()
            .filter(all)
            .filter(|l| {
                l.dimension == crate::scenario::Dimension::Country
                    && l.value.as_deref() == Some(s.meta.home.as_str())
            })
            .filter_map(|l| l.min_share)
            .reduce(f64::max);
        let provider_cap = s
            .policy
            .limits
            .iter()
            .filter(all)
            .filter(|l| l.dimension == crate::scenario::Dimension::Provider && l.value.is_none())
            .filter_map(|l| l.max_share)
            .reduce(f64::min);
        YearLimits {
            home_floor,
            provider_cap,
        }
    }
}

/// What a pathway adds up to, for comparing the two methods.
#[derive(Debug, Clone, PartialEq)]
pub struct Totals {
    /// The sum over the years of the largest provider share.
    pub dependence: f64,
    /// The sum over the years of the foreign share (1 - home share).
    pub foreign: f64,
    /// Demand moved, summed over the years, in the scenario's unit.
    pub moved: f64,
    /// Discounted yearly cost (with exit costs) plus investment.
    pub cost: f64,
    /// The last year in which the plan changed, when it settled.
    pub settled: Option<usize>,
}

#[derive(Debug, Clone)]
pub struct Pathway {
    pub scenario: String,
    /// The language of its texts for people.
    pub lang: Lang,
    pub method: Method,
    pub max_change: f64,
    /// The calendar year of year 1, from `[pathway] start`.
    pub start: Option<i64>,
    /// Today (when every workload has a `current` split), then each year.
    pub years: Vec<Year>,
    /// The last year whose plan changed, when the plan settled within the
    /// years asked for.
    pub settled: Option<usize>,
    /// A year with no feasible plan: the pathway ends there.
    pub infeasible: Option<(usize, Box<Diagnosis>)>,
    /// The stages' optima over the whole pathway (joint plans).
    pub stages: Vec<Stage>,
    /// Each year's factor on cost.
    pub discount: Vec<f64>,
    /// The year-by-year plan's totals beside a joint plan (None: not run, or
    /// it found no plan in some year).
    pub myopic: Option<Totals>,
    /// The scenario of the first year, for labels and colours.
    pub loaded: Loaded,
    /// The widest MIP gap its plans were proven within (integer rules).
    pub mip_gap: Option<f64>,
    /// `--time-limit` stopped a solve before it proved its optimum: the
    /// plan is the best found.
    pub stopped_early: bool,
    limit: Limit,
}

/// When a pathway's solving stops: `--time-limit`.
#[derive(Debug, Clone, Copy)]
struct Limit {
    secs: Option<f64>,
    deadline: Option<Instant>,
}

impl Limit {
    fn new(secs: Option<f64>) -> Self {
        let deadline = secs.and_then(|s| Instant::now().checked_add(Duration::from_secs_f64(s)));
        Limit { secs, deadline }
    }

    /// Seconds left for the next solve; an error once none are.
    fn left(&self) -> Result<Option<f64>, Error> {
        let (Some(secs), Some(deadline)) = (self.secs, self.deadline) else {
            return Ok(None);
        };
        match deadline.checked_duration_since(Instant::now()) {
            Some(left) if !left.is_zero() => Ok(Some(left.as_secs_f64())),
            _ => Err(Error::TimeLimit(secs)),
        }
    }
}

/// Plans `years` years (or `[pathway] years`, or [`DEFAULT_YEARS`]);
/// solving stops after `time_limit` seconds with the best plan found.
pub fn pathway(
    path: &Path,
    opts: &LoadOptions,
    years: Option<usize>,
    method: Method,
    solver: SolverKind,
    time_limit: Option<f64>,
) -> Result<Pathway, Error> {
    let limit = Limit::new(time_limit);
    let loaded = load(path, opts)?;
    let max_change = required(&loaded)?;
    let spec = loaded.scenario.pathway.clone();
    let n = years
        .or_else(|| spec.as_ref().and_then(|p| p.years).map(|y| y as usize))
        .unwrap_or(DEFAULT_YEARS);
    let loaded_years = year_scenarios(path, opts, &loaded, n)?;
    let rate = spec.as_ref().map_or(0.0, |p| p.discount_rate);
    let discount: Vec<f64> = (0..n).map(|k| (1.0 + rate).powi(-(k as i32))).collect();
    let mut out = Pathway {
        scenario: loaded.scenario.meta.name.clone(),
        lang: loaded.scenario.meta.lang,
        method,
        max_change,
        start: spec.as_ref().map(|p| p.start),
        years: today(&loaded).into_iter().collect(),
        settled: None,
        infeasible: None,
        stages: Vec::new(),
        discount,
        myopic: None,
        loaded,
        mip_gap: None,
        stopped_early: false,
        limit,
    };
    let bar = super::progress(n, "pathway");
    let gaps = super::GapSeen::default();
    let (myopic_years, myopic_failure, myopic_stopped) =
        myopic(&out, &loaded_years, solver, &bar, &gaps)?;
    out.stopped_early = myopic_stopped;
    bar.finish_and_clear();
    match method {
        Method::Myopic => {
            out.years.extend(myopic_years);
            out.infeasible = myopic_failure;
        }
        Method::Joint => {
            let myopic_totals = out.totals_of(&myopic_years);
            let start = myopic_failure.is_none().then_some(myopic_years.as_slice());
            match joint(&out, &loaded_years, 0, solver, &gaps, start)? {
                Some((years, stages, stopped)) => {
                    out.stopped_early |= stopped;
                    out.years.extend(years);
                    out.stages = stages;
                    out.myopic = myopic_failure.is_none().then_some(myopic_totals);
                }
                // No plan over the years: the first year the year-by-year
                // plan cannot meet says which rules conflict.
                None => match myopic_failure {
                    Some(failure) => {
                        out.years.extend(myopic_years);
                        out.infeasible = Some(failure);
                    }
                    // The year-by-year plan is a plan over the years too:
                    // only rounding can make the joint model miss it.
                    None => {
                        return Err(Error::Solver(
                            "the joint pathway found no plan although the year-by-year plan meets every year's rules; run with --myopic".into(),
                        ));
                    }
                },
            }
        }
    }
    out.settled = out.settled_year();
    out.mip_gap = gaps.widest();
    Ok(out)
}

/// `policy.max_change` and today's split, which a pathway needs.
fn required(loaded: &Loaded) -> Result<f64, Error> {
    let s = &loaded.scenario;
    // What the scenario lacks is a problem of the scenario (exit 1), located.
    let lacking = |path: &str, message: &str, help: &str| {
        Error::Input(Diagnostics {
            items: vec![
                Diagnostic::new(message)
                    .at(loaded.origin(path))
                    .with_help(help),
            ],
            sources: loaded.sources.clone(),
        })
    };
    let Some(max_change) = s.policy.max_change else {
        return Err(lacking(
            "policy",
            "pathway needs `policy.max_change`: how much of each workload may move in a year",
            "set it in [policy], or run with --set policy.max_change=0.3 (in japan-gov-2027: --variant transition)",
        ));
    };
    if s.workloads.iter().all(|w| w.current.is_empty()) {
        return Err(lacking(
            "workloads",
            "pathway needs today's split: no workload has a `current` table",
            "give the workloads today's split, e.g. current = { aws = 1.0 }",
        ));
    }
    Ok(max_change)
}

/// Each year's scenario: the base with the variant, the changes up to that
/// year and `--set`, then demand growth; loaded, so that a diagnosis points
/// at the change that set a value. A year without a new change re-uses the
/// year before.
fn year_scenarios(
    path: &Path,
    opts: &LoadOptions,
    base: &Loaded,
    n: usize,
) -> Result<Vec<Loaded>, Error> {
    let spec = base.scenario.pathway.as_ref();
    let growth = spec.map_or(0.0, |p| p.demand_growth);
    let mut out: Vec<Loaded> = Vec::with_capacity(n);
    let mut last = base.clone();
    let mut applied = 0;
    for k in 0..n {
        if let Some(p) = spec {
            let year = p.start + k as i64;
            let due = p.change_years.iter().filter(|&&y| y <= year).count();
            if due != applied {
                last = load(path, &opts.in_year(year))?;
                applied = due;
            }
        }
        let factor = (1.0 + growth).powi(k as i32);
        check_grown(&last, k, factor)?;
        let mut s = last.clone();
        for w in &mut s.scenario.workloads {
            w.demand *= factor;
        }
        out.push(s);
    }
    Ok(out)
}

/// Grown demand is held to the limits a given demand is: year `k` (from 0)
/// of `year` (its demand as given), whose demand growth by `factor` lifts
/// past [`MAX_MAGNITUDE`], is refused at `pathway.demand_growth`, with the
/// years that stay within it.
fn check_grown(year: &Loaded, k: usize, factor: f64) -> Result<(), Error> {
    let s = &year.scenario;
    let grown = |d: f64| d * factor;
    let Some(w) = s
        .workloads
        .iter()
        .find(|w| !(grown(w.demand).is_finite() && grown(w.demand) <= MAX_MAGNITUDE))
    else {
        return Ok(());
    };
    let rate = s.pathway.as_ref().map_or(0.0, |p| p.demand_growth);
    let base = w.demand;
    // Years 1..=n keep demand within the limit while base * (1+rate)^(n-1) <= MAX.
    let within = ((MAX_MAGNITUDE / base).ln() / (1.0 + rate).ln()).floor() as usize + 1;
    Err(Error::Input(Diagnostics {
        items: vec![
            Diagnostic::new(format!(
                "in year {} workload `{}`'s demand grows to {:e} (from {} by {} a year), past the largest amount a scenario may hold ({MAX_MAGNITUDE:e})",
                k + 1,
                w.id,
                tidy(grown(base)),
                tidy(base),
                tidy(rate)
            ))
            .at(year.origin("pathway.demand_growth"))
            .with_help(format!(
                "plan at most {within} years (--years {within}), or lower pathway.demand_growth"
            )),
        ],
        sources: year.sources.clone(),
    }))
}

/// Eligibility in a pathway: a provider with no capacity yet counts as
/// having what it may build.
fn year_eligibility(s: &Scenario) -> Eligibility {
    if !s
        .providers
        .iter()
        .any(|p| p.capacity <= 0.0 && p.expand.is_some())
    {
        return Eligibility::compute(s);
    }
    let mut grown = s.clone();
    for p in &mut grown.providers {
        if p.capacity <= 0.0
            && let Some(x) = &p.expand
        {
            p.capacity = x.max;
        }
    }
    Eligibility::compute(&grown)
}

/// The joint plan of `loaded_years`, the pathway's years from index `first`
/// on (0: all of them; the year-by-year plan plans one at a time); `None`
/// when no plan meets every year's rules.
fn joint(
    out: &Pathway,
    loaded_years: &[Loaded],
    first: usize,
    solver: SolverKind,
    gaps: &super::GapSeen,
    start: Option<&[Year]>,
) -> Result<Option<Planned>, Error> {
    let scenarios: Vec<&Scenario> = loaded_years.iter().map(|l| &l.scenario).collect();
    let eligibility: Vec<Eligibility> = scenarios.iter().map(|s| year_eligibility(s)).collect();
    let pairs: Vec<(&Scenario, &Eligibility)> =
        scenarios.iter().copied().zip(&eligibility).collect();
    // Workloads alike in every year are solved as one (exact).
    let reduced = aggregate::reduce_years(&pairs);
    let model_years: Vec<(&Scenario, &Eligibility)> = match &reduced {
        Some(r) => r.iter().map(|y| (&y.scenario, &y.eligibility)).collect(),
        None => pairs.clone(),
    };
    let open = open_years(out.start.map(|y| y + first as i64), &scenarios);
    let money = Money {
        discount: out.discount[first.min(out.discount.len())..].to_vec(),
        investment_budget: scenarios[0]
            .pathway
            .as_ref()
            .and_then(|p| p.investment_budget),
    };
    let quantities = stages_for(&scenarios[0].policy);
    let mut model = Years::build(&model_years, &open, money, solver);
    model
        .model
        .set_deadline(out.limit.left()?.and(out.limit.deadline));
    // The year-by-year plan is a plan over the years too (see seed_plans).
    if let Some(years) = start {
        model.seed_with(&seed_plans(years, reduced.as_deref()));
    }
    let Some(solution) = optimise_joint(&mut model, &quantities, scenarios.len(), out.limit.secs)?
    else {
        return Ok(None);
    };
    drop(model);
    gaps.saw(solution.mip_gap);
    let mut years = Vec::with_capacity(scenarios.len());
    let mut previous: Option<Allocation> = None;
    for (k, plan) in solution.allocations.iter().enumerate() {
        let s = pairs[k].0;
        let (ms, me) = model_years[k];
        let mut allocation = match &reduced {
            Some(r) => r[k].expand(s, plan),
            None => plan.clone(),
        };
        if let Some(prev) = &previous {
            keep_unmoved(s, prev, &mut allocation);
        }
        let mut s = s.clone();
        if let Some(prev) = &previous {
            set_current(&mut s, prev);
        }
        let mut metrics = Metrics::compute(&s, &allocation, Vec::new());
        metrics.worst_cutoff = crate::solve::resilience::worst_cutoff(ms, me, plan, solver)?;
        let built = solution.built[k].clone();
        let investment = tidy(
            built
                .iter()
                .zip(&s.providers)
                .map(|(b, p)| b * p.expand.as_ref().map_or(0.0, |x| x.cost))
                .sum(),
        );
        previous = Some(allocation.clone());
        years.push(Year {
            year: first + k + 1,
            allocation,
            metrics,
            built,
            investment,
            limits: YearLimits::of(&s),
        });
    }
    Ok(Some((years, solution.stages, solution.stopped_early)))
}

/// Runs the joint model's stages, showing each as it ends (a pathway of many
/// years is one long solve); `None` when it has no plan.
fn optimise_joint(
    model: &mut Years<'_>,
    quantities: &[crate::model::Quantity],
    years: usize,
    time_limit: Option<f64>,
) -> Result<Option<crate::model::YearsSolution>, Error> {
    let (variables, rules) = model.model.size();
    if years > 1 {
        super::detail(&format!(
            "joint model over {years} years: {variables} variables, {rules} rules; {} stages",
            quantities.len()
        ));
    }
    let bar = (years > 1).then(|| super::progress(quantities.len(), "joint plan, stage"));
    let result = model.optimise(quantities, |stage, took| {
        if let Some(bar) = &bar {
            bar.inc(1);
            super::detail(&format!(
                "  stage {}: {} in {:.1?}",
                stage.name,
                tidy(stage.value),
                took
            ));
        }
    });
    match result {
        Ok(s) => Ok(Some(s)),
        Err(SolveFailure::Infeasible) => Ok(None),
        Err(f) => Err(f.into_error(
            || Error::Solver("the pathway model has no solution".into()),
            time_limit,
        )),
    }
}

/// Per year, whether each provider is open to be built on that year (its
/// `expand.from` reached; every provider where the pathway has no start).
fn open_years(start: Option<i64>, scenarios: &[&Scenario]) -> Vec<Vec<bool>> {
    (0..scenarios.len())
        .map(|k| {
            let year = start.map(|s| s + k as i64);
            scenarios[k]
                .providers
                .iter()
                .map(|p| {
                    let from = p.expand.as_ref().and_then(|x| x.from);
                    match (from, year) {
                        (Some(f), Some(y)) => f <= y,
                        _ => true,
                    }
                })
                .collect()
        })
        .collect()
}

/// The year-by-year plan as a plan over the years, per year and per
/// workload of the model: the rounding of integer rules falls back on it
/// (a merged workload as its first member was planned).
fn seed_plans(
    years: &[Year],
    reduced: Option<&[aggregate::Reduced]>,
) -> Vec<Vec<Vec<(usize, f64)>>> {
    let split = |a: &Allocation, w: usize| -> Vec<(usize, f64)> {
        a.rows[w].iter().map(|x| (x.provider, x.fraction)).collect()
    };
    years
        .iter()
        .enumerate()
        .map(|(k, y)| match reduced {
            Some(r) => r[k]
                .members
                .iter()
                .map(|m| split(&y.allocation, m[0]))
                .collect(),
            None => (0..y.allocation.rows.len())
                .map(|w| split(&y.allocation, w))
                .collect(),
        })
        .collect()
}

/// A workload whose fractions differ from the year before by no more than
/// the solver's tolerance keeps them: a move of a millionth is no move.
fn keep_unmoved(s: &Scenario, previous: &Allocation, plan: &mut Allocation) {
    for (wi, row) in plan.rows.iter_mut().enumerate() {
        let before = &previous.rows[wi];
        if same_row(before, row) {
            *row = at_demand(before, s.workloads[wi].demand);
        }
    }
}

/// Makes `plan` the scenario's `current` split (the start of the next year).
fn set_current(s: &mut Scenario, plan: &Allocation) {
    let ids: Vec<String> = s.providers.iter().map(|p| p.id.clone()).collect();
    for (w, row) in s.workloads.iter_mut().zip(&plan.rows) {
        w.current = row
            .iter()
            .map(|a| (ids[a.provider].clone(), a.fraction))
            .collect();
    }
}

/// Today's split as year 0, when every workload has one.
fn today(loaded: &Loaded) -> Option<Year> {
    let s = &loaded.scenario;
    let allocation = Allocation::today(s)?;
    let metrics = Metrics::compute(s, &allocation, Vec::new());
    Some(Year {
        year: 0,
        allocation,
        metrics,
        built: vec![0.0; s.providers.len()],
        investment: 0.0,
        // Today's split was made under no limit of the pathway's.
        limits: YearLimits::default(),
    })
}

fn same(a: &Allocation, b: &Allocation) -> bool {
    a.rows.iter().zip(&b.rows).all(|(ra, rb)| same_row(ra, rb))
}

/// One workload's fractions agree within [`SAME_PLAN`].
fn same_row(a: &[Assignment], b: &[Assignment]) -> bool {
    let as_map = |row: &[Assignment]| {
        row.iter()
            .map(|x| (x.provider, x.fraction))
            .collect::<BTreeMap<_, _>>()
    };
    let (ma, mb) = (as_map(a), as_map(b));
    ma.keys().chain(mb.keys()).all(|p| {
        (ma.get(p).copied().unwrap_or(0.0) - mb.get(p).copied().unwrap_or(0.0)).abs() <= SAME_PLAN
    })
}

/// The last year whose plan differs from the year before, when a later
/// year exists that repeats it.
fn settled_in(years: &[Year]) -> Option<usize> {
    let planned: Vec<&Year> = years.iter().filter(|y| y.year > 0).collect();
    let last = planned.last()?;
    let mut settled = last.year;
    for pair in planned.windows(2).rev() {
        if same(&pair[0].allocation, &pair[1].allocation) {
            settled = pair[0].year;
        } else {
            break;
        }
    }
    (settled < last.year).then_some(settled)
}

impl Pathway {
    /// A row label: `today`, the calendar year, or `year N`.
    pub fn label(&self, year: usize) -> String {
        self.label_in(year, self.lang)
    }

    /// A year's label in `lang` (`pathway.csv` keeps English ones).
    pub fn label_in(&self, year: usize, lang: Lang) -> String {
        let fiscal = self.loaded.scenario.meta.fiscal_years;
        match (year, self.start) {
            (0, _) => lang.text("year-today"),
            (k, Some(start)) if fiscal => {
                let year = (start + k as i64 - 1).to_string();
                crate::tr!(lang, "year-fiscal", year = year)
            }
            (k, Some(start)) => (start + k as i64 - 1).to_string(),
            (k, None) => crate::tr!(lang, "year-k", k = k),
        }
    }

    fn settled_year(&self) -> Option<usize> {
        if self.infeasible.is_some() {
            return None;
        }
        settled_in(&self.years)
    }

    /// This pathway's totals.
    pub fn totals(&self) -> Totals {
        self.totals_of(&self.years)
    }

    fn totals_of(&self, years: &[Year]) -> Totals {
        let planned = years.iter().filter(|y| y.year > 0);
        let mut t = Totals {
            dependence: 0.0,
            foreign: 0.0,
            moved: 0.0,
            cost: 0.0,
            settled: settled_in(years),
        };
        for y in planned {
            let m = &y.metrics;
            let d = self.discount.get(y.year - 1).copied().unwrap_or(1.0);
            t.dependence += m.max_share.get("provider").map_or(0.0, |x| x.share);
            t.foreign += 1.0 - m.home_share;
            t.moved += m.moved;
            t.cost += d * (m.total_cost + y.investment);
        }
        t.dependence = tidy(t.dependence);
        t.foreign = tidy(t.foreign);
        t.moved = tidy(t.moved);
        t.cost = tidy(t.cost);
        t
    }

    /// Units built over the whole pathway, per provider.
    pub fn built(&self) -> Vec<f64> {
        let n = self.loaded.scenario.providers.len();
        let mut total = vec![0.0; n];
        for y in &self.years {
            for (t, b) in total.iter_mut().zip(&y.built) {
                *t += b;
            }
        }
        total
    }
}
