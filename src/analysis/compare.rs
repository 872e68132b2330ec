//! `tayoka compare`: the base plan and variants (or presets) side by side,
//! with the allocation changes of each against the first column.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::Serialize;

use super::{Outcome, run_values};
use crate::base::error::Error;
use crate::base::lang::Lang;
use crate::base::units::tidy;
use crate::model::backend::SolverKind;
use crate::plan::cost::CostChange;
use crate::scenario::{AppliedOverride, LoadOptions, load};
use crate::solve::solve;

/// One column: the base scenario or a variant, and its outcome.
#[derive(Debug, Clone)]
pub struct Column {
    /// `base`, a variant name, or a preset such as `@cost`.
    pub label: String,
    /// As the file gives it (`compare.json` keeps it in every language).
    pub description: Option<String>,
    /// In the run's language, for people (`description_ja` under `--lang ja`).
    pub shown_description: Option<String>,
    pub overrides: Vec<AppliedOverride>,
    pub outcome: Outcome,
}

/// Demand of one workload moved from one provider to another, against the
/// first column. `from` is `None` for demand the first column did not place.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Move {
    pub variant: String,
    pub workload: String,
    pub from: Option<String>,
    pub to: Option<String>,
    pub amount: f64,
}

#[derive(Debug, Clone)]
pub struct Comparison {
    pub scenario: String,
    /// The language of its texts for people.
    pub lang: Lang,
    /// The scenario's currency, for its money.
    pub currency: String,
    pub columns: Vec<Column>,
    pub moves: Vec<Move>,
}

/// The column label for "no variant".
pub const BASE: &str = "base";

/// The default columns: the base scenario, then every variant of the file.
pub fn default_columns(path: &Path, opts: &LoadOptions) -> Result<Vec<String>, Error> {
    let base = load(path, &opts.with_variant(None))?;
    Ok(std::iter::once(BASE.to_string())
        .chain(base.scenario.variants.keys().cloned())
        .collect())
}

/// What one column solves: a scenario file with a variant (or none).
struct Source<'a> {
    label: String,
    path: &'a Path,
    variant: Option<String>,
    /// Said under the label (a variant's description, a file's path).
    description: Option<String>,
}

/// Solves every column (in parallel) and finds the allocation changes.
pub fn compare(
    path: &Path,
    columns: &[String],
    opts: &LoadOptions,
    solver: SolverKind,
) -> Result<Comparison, Error> {
    let sources = columns
        .iter()
        .map(|label| Source {
            label: label.clone(),
            path,
            variant: (label != BASE).then(|| label.clone()),
            description: None,
        })
        .collect();
    compare_sources(sources, opts, solver)
}

/// The base plans of several scenario files side by side (two versions of
/// a scenario, say), with the moves from the first; `--set` applies to each.
pub fn compare_files(
    paths: &[PathBuf],
    opts: &LoadOptions,
    solver: SolverKind,
) -> Result<Comparison, Error> {
    // Named after the first file's scenario, whichever columns solve.
    let Some(first) = paths.first() else {
        return Err(Error::Usage("compare needs a scenario file".into()));
    };
    let name = load(first, &opts.with_variant(None))?.scenario.meta.name;
    let labels = file_labels(paths);
    let sources = paths
        .iter()
        .zip(labels)
        .map(|(path, label)| Source {
            label,
            path,
            variant: None,
            description: Some(path.display().to_string()),
        })
        .collect();
    let mut cmp = compare_sources(sources, opts, solver)?;
    cmp.scenario = name;
    Ok(cmp)
}

/// Each file's column label: its name without `.toml`, or its whole path
/// where two names are the same.
pub fn file_labels(paths: &[PathBuf]) -> Vec<String> {
    let stem = |p: &PathBuf| {
        p.file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| p.display().to_string())
    };
    let stems: Vec<String> = paths.iter().map(stem).collect();
    paths
        .iter()
        .zip(&stems)
        .map(|(p, s)| {
            if stems.iter().filter(|t| *t == s).count() > 1 {
                p.display().to_string()
            } else {
                s.clone()
            }
        })
        .collect()
}

fn compare_sources(
    sources: Vec<Source<'_>>,
    opts: &LoadOptions,
    solver: SolverKind,
) -> Result<Comparison, Error> {
    let bar = super::progress(sources.len(), "compare");
    let solved: Vec<Column> = sources
        .par_iter()
        .map(|src| {
            let loaded = load(src.path, &opts.with_variant(src.variant.as_deref()))?;
            let description = src.description.clone().or_else(|| {
                let v = src.variant.as_ref()?;
                loaded.scenario.variants.get(v).cloned().flatten()
            });
            let shown_description = src.description.clone().or_else(|| {
                let v = src.variant.as_ref()?;
                Some(loaded.scenario.variant_description(v)?.to_string())
            });
            let overrides = loaded.overrides.clone();
            let outcome = Outcome::of(solve(loaded, solver))?;
            bar.inc(1);
            Ok(Column {
                label: src.label.clone(),
                description,
                shown_description,
                overrides,
                outcome,
            })
        })
        .collect::<Result<_, Error>>()?;
    bar.finish_and_clear();
    let scenario = solved
        .iter()
        .map(|c| match &c.outcome {
            Outcome::Solved(r) => r.scenario().meta.name.clone(),
            // No column has a plan: the diagnoses still name it.
            Outcome::Infeasible(d) => d.scenario.clone(),
        })
        .next()
        .unwrap_or_default();
    let moves = match solved.first().and_then(|c| c.outcome.solved()) {
        Some(first) => solved[1..]
            .iter()
            .filter_map(|c| c.outcome.solved().map(|r| (c, r)))
            .flat_map(|(c, r)| moves(&c.label, first, r))
            .collect(),
        None => Vec::new(),
    };
    Ok(Comparison {
        scenario,
        lang: solved.first().map(|c| c.outcome.lang()).unwrap_or_default(),
        currency: solved
            .first()
            .map(|c| c.outcome.currency().to_string())
            .unwrap_or_default(),
        columns: solved,
        moves,
    })
}

/// Amounts by workload id, then provider id.
fn amounts(run: &crate::solve::Solved) -> BTreeMap<&str, BTreeMap<&str, f64>> {
    let s = run.scenario();
    s.workloads
        .iter()
        .zip(&run.allocation.rows)
        .map(|(w, row)| {
            let by_provider = row
                .iter()
                .map(|a| (s.providers[a.provider].id.as_str(), a.amount))
                .collect();
            (w.id.as_str(), by_provider)
        })
        .collect()
}

/// The moves that turn `first`'s allocation into `other`'s, workload by
/// workload: decreases paired with increases in provider id order.
fn moves(label: &str, first: &crate::solve::Solved, other: &crate::solve::Solved) -> Vec<Move> {
    let (a, b) = (amounts(first), amounts(other));
    let empty = BTreeMap::new();
    let mut out = Vec::new();
    let workloads: std::collections::BTreeSet<&str> = a.keys().chain(b.keys()).copied().collect();
    for w in workloads {
        let (before, after) = (a.get(w).unwrap_or(&empty), b.get(w).unwrap_or(&empty));
        let providers: std::collections::BTreeSet<&str> =
            before.keys().chain(after.keys()).copied().collect();
        let demand: f64 = before
            .values()
            .sum::<f64>()
            .max(after.values().sum::<f64>());
        let noise = 1e-7 * demand.max(1.0);
        let mut down: Vec<(&str, f64)> = Vec::new();
        let mut up: Vec<(&str, f64)> = Vec::new();
        for p in providers {
            let d = after.get(p).copied().unwrap_or(0.0) - before.get(p).copied().unwrap_or(0.0);
            if d < -noise {
                down.push((p, -d));
            } else if d > noise {
                up.push((p, d));
            }
        }
        let (mut i, mut j) = (0, 0);
        while i < down.len() && j < up.len() {
            let m = down[i].1.min(up[j].1);
            out.push(Move {
                variant: label.to_string(),
                workload: w.to_string(),
                from: Some(down[i].0.to_string()),
                to: Some(up[j].0.to_string()),
                amount: tidy(m),
            });
            down[i].1 -= m;
            up[j].1 -= m;
            if down[i].1 <= noise {
                i += 1;
            }
            if up[j].1 <= noise {
                j += 1;
            }
        }
        // Demand that changed (a variant may change demand) without a partner.
        for (p, m) in down.iter().skip(i).filter(|(_, m)| *m > noise) {
            out.push(Move {
                variant: label.to_string(),
                workload: w.to_string(),
                from: Some(p.to_string()),
                to: None,
                amount: tidy(*m),
            });
        }
        for (p, m) in up.iter().skip(j).filter(|(_, m)| *m > noise) {
            out.push(Move {
                variant: label.to_string(),
                workload: w.to_string(),
                from: None,
                to: Some(p.to_string()),
                amount: tidy(*m),
            });
        }
    }
    out
}

impl Comparison {
    /// The first column's plan, which the others are measured against.
    fn first_plan(&self) -> Option<&crate::solve::Solved> {
        self.columns.first().and_then(|c| c.outcome.solved())
    }

    /// Each solved column after the first with how its cost differs from
    /// the first's, part by part.
    pub fn cost_changes(&self) -> Vec<(&Column, CostChange)> {
        let Some(first) = self.first_plan() else {
            return Vec::new();
        };
        self.columns
            .iter()
            .skip(1)
            .filter_map(|c| {
                let run = c.outcome.solved()?;
                Some((c, run.metrics.cost_change_from(&first.metrics)))
            })
            .collect()
    }

    /// The metric rows of the side-by-side table: name, then one value per
    /// column (`None` where the column is infeasible).
    pub fn rows(&self) -> Vec<(String, Vec<Option<String>>)> {
        let first = self.first_plan().map(|r| &r.metrics);
        let per_column: Vec<Vec<(String, String)>> = self
            .columns
            .iter()
            .map(|c| column_values(c, first))
            .collect();
        let mut names: Vec<&String> = Vec::new();
        for (name, _) in per_column.iter().flatten() {
            if !names.contains(&name) {
                names.push(name);
            }
        }
        names
            .into_iter()
            .map(|n| {
                let values = per_column
                    .iter()
                    .map(|col| col.iter().find(|(k, _)| k == n).map(|(_, v)| v.clone()))
                    .collect();
                (n.clone(), values)
            })
            .collect()
    }
}

/// The rows that break `cost_change` down (in `compare.csv` and
/// `compare.json`; people read them as a sentence).
pub const COST_CHANGE_PARTS: [&str; 5] = [
    "cost_change_usage",
    "cost_change_discounts_given_up",
    "cost_change_contracts",
    "contracts_added",
    "cost_change_exit",
];

/// One column's rows: status, then every metric, with the cost change against
/// the first column (and its parts) and who holds each largest share.
fn column_values(
    c: &Column,
    first: Option<&crate::plan::metrics::Metrics>,
) -> Vec<(String, String)> {
    let mut out = vec![("status".to_string(), c.outcome.status().to_string())];
    let Some(run) = c.outcome.solved() else {
        return out;
    };
    let m = &run.metrics;
    for (name, v) in run_values(run) {
        out.push((name.clone(), v.to_string()));
        if name == "total_cost"
            && let Some(f) = first
        {
            let change = m.cost_change_from(f);
            let f = f.total_cost;
            out.push(("cost_change".into(), tidy(v - f).to_string()));
            let fraction = if f > 0.0 { tidy((v - f) / f) } else { 0.0 };
            out.push(("cost_change_fraction".into(), fraction.to_string()));
            let parts = [
                change.usage,
                change.discounts_given_up,
                change.contracts,
                change.contracts_added as f64,
                change.exit,
            ];
            for (name, value) in COST_CHANGE_PARTS.iter().zip(parts) {
                out.push((name.to_string(), value.to_string()));
            }
        }
        if name == "worst_cutoff"
            && let Some(w) = &m.worst_cutoff
        {
            out.push(("worst_cutoff_event".into(), w.event.clone()));
        }
        if let Some(dim) = name.strip_prefix("max_share:") {
            let holder = m
                .max_share
                .get(dim)
                .map(|t| t.holders.join(", "))
                .unwrap_or_default();
            out.push((format!("max_share_holder:{dim}"), holder));
        }
    }
    out
}
