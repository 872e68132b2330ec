//! The JSON writers: the plan's `plan.json` and `metrics.json`, and the
//! one serialiser every JSON file goes through.

use crate::base::error::Error;
use crate::base::units::tidy;
use crate::plan::allocation::Allocation;
use crate::plan::metrics::{DimensionShares, Metrics};
use crate::report::Exporter;
use crate::scenario::{AppliedOverride, InputFile, Objective};
use crate::solve::Solved;
use serde::Serialize;
use std::collections::BTreeMap;

/// Pretty JSON with a final newline.
pub(crate) fn to_json<T: Serialize>(value: &T) -> Result<Vec<u8>, Error> {
    let mut bytes = serde_json::to_vec_pretty(value).map_err(|e| Error::output("JSON", e))?;
    bytes.push(b'\n');
    Ok(bytes)
}

/// A CSV as JSON records, one object per row keyed by its header: numbers
/// as numbers, empty cells as null, the rest as text (`--format json` of a
/// run whose data is a CSV).
pub fn csv_records(csv_bytes: &[u8]) -> Result<Vec<u8>, Error> {
    let bad = |e: csv::Error| Error::output("CSV", e);
    let mut r = csv::Reader::from_reader(csv_bytes);
    let headers = r.headers().map_err(bad)?.clone();
    let mut rows = Vec::new();
    for rec in r.records() {
        let rec = rec.map_err(bad)?;
        let row: serde_json::Map<String, serde_json::Value> = headers
            .iter()
            .zip(rec.iter())
            .map(|(h, cell)| {
                let value = match cell.parse::<f64>() {
                    _ if cell.is_empty() => serde_json::Value::Null,
                    Ok(x) if x.is_finite() => serde_json::json!(x),
                    _ => serde_json::Value::String(cell.to_string()),
                };
                (h.to_string(), value)
            })
            .collect();
        rows.push(serde_json::Value::Object(row));
    }
    to_json(&rows)
}

pub struct MetricsJson;

impl Exporter for MetricsJson {
    fn file_name(&self) -> &'static str {
        "metrics.json"
    }

    fn render(&self, run: &Solved) -> Result<Vec<u8>, Error> {
        to_json(&run.metrics)
    }
}

#[derive(Serialize)]
struct SolverRecord<'a> {
    name: &'static str,
    version: String,
    /// False when --time-limit stopped it before it proved the optimum.
    proven_optimal: bool,
    /// The MIP gap a stage's branch and bound stopped within (integer
    /// rules), when one did not prove its optimum exactly.
    #[serde(skip_serializing_if = "Option::is_none")]
    mip_gap: Option<f64>,
    /// The stage it stopped in, with the plan's value and a bound.
    #[serde(skip_serializing_if = "Option::is_none")]
    stopped: Option<&'a crate::plan::metrics::StoppedStage>,
    /// True when the interior-point plan was kept (no vertex found in time).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    interior_plan: bool,
}

#[derive(Serialize)]
struct Part {
    provider: String,
    amount: f64,
    fraction: f64,
    cost: f64,
}

#[derive(Serialize)]
struct WorkloadPlan {
    workload: String,
    name: String,
    owner: Option<String>,
    demand: f64,
    providers: Vec<Part>,
}

/// Everything needed to audit a run.
#[derive(Serialize)]
struct PlanRecord<'a> {
    tayoka_version: &'static str,
    scenario: &'a str,
    title: Option<&'a str>,
    variant: &'a str,
    overrides: &'a [AppliedOverride],
    inputs: &'a [InputFile],
    solver: SolverRecord<'a>,
    objective: Objective,
    unit: &'a str,
    currency: &'a str,
    /// What the summary and report open with (see [`crate::solve::answer`]).
    answer: crate::solve::answer::Answer,
    metrics: &'a Metrics,
    shares: &'a [DimensionShares],
    /// What holds the plan (DESIGN 4.8), where it was found.
    #[serde(skip_serializing_if = "Option::is_none")]
    binding: Option<&'a [crate::plan::metrics::Binding]>,
    /// The budget against the plan's cost, where there is one.
    budget: Option<BudgetStatus>,
    /// Every bound of every limit: the value reached, its holder, the slack.
    limits: Vec<crate::plan::limits::LimitStatus>,
    /// The home country's share of the critical workloads' weighted demand;
    /// none when no workload is critical.
    critical_home_share: Option<f64>,
    /// Today's split (every workload's `current`) and its metrics, when
    /// every workload has one.
    today: Option<Today>,
    allocation: Vec<WorkloadPlan>,
    /// workload -> provider -> `eligible` or the first reason it is not.
    eligibility: BTreeMap<&'a str, BTreeMap<&'a str, String>>,
}

#[derive(Serialize)]
struct BudgetStatus {
    bound: f64,
    total_cost: f64,
    /// What is left (0 where it binds).
    slack: f64,
    binding: bool,
}

#[derive(Serialize)]
struct Today {
    allocation: Vec<WorkloadPlan>,
    metrics: Metrics,
}

/// Each workload's part of `allocation`, with its cost.
fn workload_plans(s: &crate::scenario::Scenario, allocation: &Allocation) -> Vec<WorkloadPlan> {
    s.workloads
        .iter()
        .zip(&allocation.rows)
        .enumerate()
        .map(|(wi, (w, row))| WorkloadPlan {
            workload: w.id.clone(),
            name: w.name.clone(),
            owner: w.owner.clone(),
            demand: w.demand,
            providers: row
                .iter()
                .map(|a| Part {
                    provider: s.providers[a.provider].id.clone(),
                    amount: a.amount,
                    fraction: a.fraction,
                    cost: tidy(a.amount * s.price(wi, a.provider)),
                })
                .collect(),
        })
        .collect()
}

pub struct PlanJson;

impl Exporter for PlanJson {
    fn file_name(&self) -> &'static str {
        "plan.json"
    }

    fn render(&self, run: &Solved) -> Result<Vec<u8>, Error> {
        let s = run.scenario();
        let allocation = workload_plans(s, &run.allocation);
        let budget = s.policy.budget.map(|b| {
            let used = run.metrics.total_cost;
            let binding = (used - b).abs() <= 1e-6 * b.abs().max(1.0);
            BudgetStatus {
                bound: b,
                total_cost: used,
                slack: if binding { 0.0 } else { tidy(b - used) },
                binding,
            }
        });
        let today = Allocation::today(s).map(|a| Today {
            allocation: workload_plans(s, &a),
            metrics: Metrics::compute(s, &a, Vec::new()),
        });
        let home = crate::scenario::Dimension::Country;
        let critical_home_share = s.workloads.iter().any(|w| w.critical).then(|| {
            crate::plan::metrics::scoped_share(
                s,
                &run.allocation,
                &home,
                &s.meta.home,
                crate::scenario::Scope::Critical,
            )
        });
        let eligibility = s
            .workloads
            .iter()
            .enumerate()
            .map(|(wi, w)| {
                let row = s
                    .providers
                    .iter()
                    .enumerate()
                    .map(|(pi, p)| {
                        let verdict = match &run.eligibility.reasons[wi][pi] {
                            None => "eligible".to_string(),
                            Some(r) => r.to_string(),
                        };
                        (p.id.as_str(), verdict)
                    })
                    .collect();
                (w.id.as_str(), row)
            })
            .collect();
        to_json(&PlanRecord {
            tayoka_version: env!("CARGO_PKG_VERSION"),
            scenario: &s.meta.name,
            title: s.meta.title.as_deref(),
            variant: run.loaded.variant_label(),
            overrides: &run.loaded.overrides,
            inputs: &run.loaded.inputs,
            solver: SolverRecord {
                name: run.solver.name(),
                version: run.engine(),
                proven_optimal: run.proven_optimal,
                mip_gap: run.mip_gap,
                stopped: run.stopped.as_ref(),
                interior_plan: run.interior_plan,
            },
            objective: s.policy.objective,
            unit: &s.meta.unit,
            currency: &s.meta.currency,
            answer: crate::solve::answer::Answer::of(run),
            metrics: &run.metrics,
            shares: &run.metrics.shares,
            binding: run.binding.as_deref(),
            budget,
            limits: crate::plan::limits::limit_statuses(s, &run.allocation),
            critical_home_share,
            today,
            allocation,
            eligibility,
        })
    }
}
