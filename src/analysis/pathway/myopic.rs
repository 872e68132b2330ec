//! The year-by-year plan (`--myopic`, and the start the joint plan is
//! seeded with): each year alone from the year before, building what
//! `[providers.X.expand]` still allows; and a year without a plan told in
//! the terms a planner sets (the base demand before growth, the capacity the
//! scenario gives before what may be built).

use super::{Failure, Pathway, Year, joint, set_current};
use crate::base::error::Error;
use crate::base::units::tidy;
use crate::model::backend::SolverKind;
use crate::scenario::{Loaded, Scenario};
use crate::solve::infeasible::Diagnosis;
use crate::solve::solve;

/// Each year alone from the year before; stops at a year with no plan. A
/// year may build what `[providers.X.expand]` still allows (what the years
/// before built is capacity from then on).
pub(super) fn myopic(
    pathway: &Pathway,
    years: &[Loaded],
    solver: SolverKind,
    bar: &crate::analysis::Task,
    gaps: &crate::analysis::GapSeen,
) -> Result<(Vec<Year>, Option<Failure>, bool), Error> {
    let mut out: Vec<Year> = Vec::with_capacity(years.len());
    let mut built = Built::default();
    let mut stopped = false;
    for (k, year) in years.iter().enumerate() {
        let mut this = year.clone();
        let providers = this.scenario.providers.len();
        if let Some(prev) = out.last() {
            set_current(&mut this.scenario, &prev.allocation);
        }
        if built.carry_into(&mut this.scenario) {
            let planned = joint(pathway, std::slice::from_ref(&this), k, solver, gaps, None)?;
            let Some((mut planned, _, stopped_here)) = planned else {
                let calendar = pathway.start.map(|y| y + k as i64);
                let mut d = buildable_diagnosis(&this, &year.scenario, calendar, solver)?;
                in_base_terms(&mut d, &this.scenario, k);
                return Ok((out, Some((k + 1, d)), stopped));
            };
            stopped |= stopped_here;
            let y = planned.remove(0);
            built.add(&y);
            bar.inc(1);
            out.push(y);
            continue;
        }
        let spec = crate::solve::Spec {
            time_limit: pathway.limit.left()?,
            ..Default::default()
        };
        let run = match crate::solve::solve_spec(this, solver, &spec) {
            Ok(run) => run,
            Err(Error::Infeasible(mut d)) => {
                in_base_terms(&mut d, &year.scenario, k);
                return Ok((out, Some((k + 1, d)), stopped));
            }
            Err(Error::TimeLimit(_)) => {
                return Err(Error::TimeLimit(pathway.limit.secs.unwrap_or(0.0)));
            }
            Err(e) => return Err(e),
        };
        stopped |= !run.proven_optimal;
        gaps.saw(run.mip_gap);
        bar.inc(1);
        out.push(Year {
            year: k + 1,
            allocation: run.allocation.clone(),
            metrics: run.metrics.clone(),
            built: vec![0.0; providers],
            investment: 0.0,
            limits: super::YearLimits::of(run.scenario()),
        });
    }
    Ok((out, None, stopped))
}

/// What the year-by-year plan has built so far, per provider, and spent.
#[derive(Default)]
struct Built {
    units: Vec<f64>,
    spent: f64,
}

impl Built {
    /// Makes what was built capacity of `s` (a later year), with as much
    /// less left to build and to spend; whether anything may still be built.
    fn carry_into(&self, s: &mut Scenario) -> bool {
        let mut may_build = false;
        for (p, pr) in s.providers.iter_mut().enumerate() {
            let done = self.units.get(p).copied().unwrap_or(0.0);
            pr.capacity += done;
            if let Some(x) = &mut pr.expand {
                x.max = (x.max - done).max(0.0);
                may_build |= x.max > 0.0;
            }
        }
        if let Some(b) = s
            .pathway
            .as_mut()
            .and_then(|p| p.investment_budget.as_mut())
        {
            *b = (*b - self.spent).max(0.0);
        }
        may_build
    }

    fn add(&mut self, y: &Year) {
        self.units.resize(y.built.len(), 0.0);
        for (u, b) in self.units.iter_mut().zip(&y.built) {
            *u += b;
        }
        self.spent += y.investment;
    }
}

/// Why a year has no plan even with what it may build (in `year`, its
/// calendar year; `given`, the year as the scenario gives it, before what
/// earlier years built): the diagnosis of the year with that capacity added, so
/// that it counts what may be built; when that has a plan (the investment
/// budget or the build's cost stands in the way), the year's own.
fn buildable_diagnosis(
    this: &Loaded,
    given: &Scenario,
    year: Option<i64>,
    solver: SolverKind,
) -> Result<Box<Diagnosis>, Error> {
    let mut grown = this.clone();
    for p in &mut grown.scenario.providers {
        if let Some(x) = &p.expand
            && x.from.zip(year).is_none_or(|(from, y)| from <= y)
        {
            p.capacity += x.max;
        }
    }
    match solve(grown, solver) {
        Err(Error::Infeasible(mut d)) => {
            as_given_capacity(&mut d, &this.scenario, given, year);
            return Ok(d);
        }
        Err(e) => return Err(e),
        Ok(_) => {}
    }
    if let Err(e) = solve(this.clone(), solver) {
        return match e {
            Error::Infeasible(d) => Ok(d),
            e => Err(e),
        };
    }
    Err(Error::Solver(
        "the year has no plan with what it may build, yet one without building".into(),
    ))
}

/// A diagnosis of a year with its buildable capacity added, told in the
/// capacity the scenario gives: a suggested capacity is what to give, with
/// what may be built on top.
fn as_given_capacity(d: &mut Diagnosis, s: &Scenario, given: &Scenario, year: Option<i64>) {
    for b in d.relaxations.iter_mut().flat_map(|r| &mut r.bends) {
        let Some(p) = b
            .path
            .strip_prefix("providers.")
            .and_then(|rest| rest.strip_suffix(".capacity"))
            .and_then(|id| s.provider_index(id))
        else {
            continue;
        };
        let pr = &s.providers[p];
        let Some(x) = pr
            .expand
            .as_ref()
            .filter(|x| x.from.zip(year).is_none_or(|(from, y)| from <= y))
        else {
            continue;
        };
        // `s` holds what earlier years built as capacity; `given` does not.
        let was = &given.providers[p];
        let added = pr.capacity + x.max - was.capacity;
        b.value = was.capacity;
        b.suggested = tidy(b.suggested - added);
        b.rule = crate::tr!(
            s.meta.lang,
            "rule-capacity-buildable",
            id = pr.id.as_str(),
            capacity = crate::base::units::amount(was.capacity),
            unit = crate::base::units::after_number(&s.meta.unit),
            buildable = crate::base::units::amount(added)
        );
        if b.set.is_some() {
            b.set = Some(format!("{}={}", b.path, b.suggested));
        }
    }
}

/// A year's suggested demand as a `--set` of the base demand, which grows
/// by `pathway.demand_growth` to year `k` (from 0): applied as printed, the
/// year's demand is at most the suggested one.
fn in_base_terms(d: &mut Diagnosis, year: &Scenario, k: usize) {
    let growth = year.pathway.as_ref().map_or(0.0, |p| p.demand_growth);
    if growth == 0.0 || k == 0 {
        return;
    }
    let factor = (1.0 + growth).powi(k as i32);
    for b in d.relaxations.iter_mut().flat_map(|r| &mut r.bends) {
        let is_demand = b.path.starts_with("workloads.") && b.path.ends_with(".demand");
        if is_demand && b.set.is_some() {
            b.set = Some(format!(
                "{}={}",
                b.path,
                crate::solve::infeasible::down(b.suggested / factor)
            ));
        }
    }
}
