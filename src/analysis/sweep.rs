//! `tayoka sweep`: full solves over a range or list of values of one or two
//! numeric TOML paths, with every metric per point.

use std::path::Path;

use rayon::prelude::*;
use toml::Value;

use super::{Outcome, run_values};
use crate::base::error::Error;
use crate::base::lang::Lang;
use crate::model::backend::SolverKind;
use crate::scenario::{LoadOptions, SetArg, load};
use crate::solve::solve;

/// Points a range gets when `--steps` is not given.
pub const DEFAULT_STEPS: usize = 11;

/// One swept parameter: a TOML path and the values it takes.
#[derive(Debug, Clone, PartialEq)]
pub struct Axis {
    pub path: String,
    pub values: Vec<f64>,
}

impl Axis {
    /// Reads `PATH=FROM..TO` (with `steps` points) or `PATH=V1,V2,...`;
    /// `Ok(None)` for a plain `PATH=VALUE`, which is a fixed override.
    pub fn parse(arg: &SetArg, steps: usize) -> Result<Option<Axis>, String> {
        let raw = arg.raw.split_once('=').map(|(_, v)| v.trim()).unwrap_or("");
        let number = |s: &str| s.trim().parse::<f64>().ok().filter(|x| x.is_finite());
        if let Some((from, to)) = raw.split_once("..") {
            let (Some(a), Some(b)) = (number(from), number(to)) else {
                return Err(format!(
                    "`{}`: a range is FROM..TO with two numbers, e.g. 0.2..0.6",
                    arg.raw
                ));
            };
            if steps < 2 {
                return Err(format!(
                    "`{}`: a range needs --steps of at least 2",
                    arg.raw
                ));
            }
            // Checked before the values are made: each is a whole solve.
            if steps > super::MAX_SOLVES {
                return Err(format!(
                    "--steps {steps}: a sweep solves at most {} points (each a whole solve); take fewer steps",
                    super::MAX_SOLVES
                ));
            }
            let values: Vec<f64> = (0..steps)
                .map(|i| a + (b - a) * i as f64 / (steps - 1) as f64)
                .collect();
            return Ok(Some(Axis {
                path: arg.path.clone(),
                values,
            }));
        }
        if raw.contains(',') && !raw.starts_with('[') {
            let values: Option<Vec<f64>> = raw.split(',').map(number).collect();
            let Some(values) = values else {
                return Err(format!(
                    "`{}`: a list of values is V1,V2,... of numbers, e.g. 0.3,0.4,0.5",
                    arg.raw
                ));
            };
            return Ok(Some(Axis {
                path: arg.path.clone(),
                values,
            }));
        }
        Ok(None)
    }

    /// The override of one point: a whole value is a TOML integer (which a
    /// count such as `max_providers` needs and an amount accepts), any
    /// other a float (which a count refuses, naming the point).
    fn set(&self, v: f64) -> SetArg {
        const EXACT: f64 = 9_007_199_254_740_992.0; // 2^53
        let value = if v.fract() == 0.0 && v.abs() < EXACT {
            Value::Integer(v as i64)
        } else {
            Value::Float(v)
        };
        SetArg {
            path: self.path.clone(),
            raw: format!("{}={value}", self.path),
            value,
        }
    }
}

/// One point of the sweep: its parameter values and its outcome.
#[derive(Debug, Clone)]
pub struct Point {
    pub params: Vec<f64>,
    pub outcome: Outcome,
}

#[derive(Debug, Clone)]
pub struct Sweep {
    /// The language of its texts for people.
    pub lang: Lang,
    /// The scenario's currency, for its money.
    pub currency: String,
    pub axes: Vec<Axis>,
    pub points: Vec<Point>,
}

/// Solves every point of the grid of `axes` (in parallel), on top of the
/// variant and the fixed overrides.
pub fn sweep(
    path: &Path,
    opts: &LoadOptions,
    axes: &[Axis],
    solver: SolverKind,
) -> Result<Sweep, Error> {
    let mut grid: Vec<Vec<f64>> = vec![Vec::new()];
    for axis in axes {
        grid = grid
            .into_iter()
            .flat_map(|p| {
                axis.values
                    .iter()
                    .map(move |v| [p.clone(), vec![*v]].concat())
            })
            .collect();
    }
    // Every point is read before any is solved, and the first in the
    // grid's order that cannot be read is the one reported (the same on
    // every run, and before minutes of solving).
    let loaded = grid
        .par_iter()
        .map(|params| {
            let mut opts = opts.clone();
            opts.sets
                .extend(axes.iter().zip(params).map(|(a, v)| a.set(*v)));
            load(path, &opts)
        })
        .collect::<Vec<_>>()
        .into_iter()
        .collect::<Result<Vec<_>, Error>>()?;
    let bar = super::progress(grid.len(), "sweep");
    let points = grid
        .into_par_iter()
        .zip(loaded)
        .map(|(params, loaded)| {
            let outcome = Outcome::of(solve(loaded, solver))?;
            bar.inc(1);
            Ok(Point { params, outcome })
        })
        .collect::<Vec<_>>()
        .into_iter()
        .collect::<Result<Vec<_>, Error>>()?;
    bar.finish_and_clear();
    Ok(Sweep {
        lang: points.first().map(|p| p.outcome.lang()).unwrap_or_default(),
        currency: points
            .first()
            .map(|p| p.outcome.currency().to_string())
            .unwrap_or_default(),
        axes: axes.to_vec(),
        points,
    })
}

impl Sweep {
    /// Column names after the parameters and `status`: every metric, then
    /// each stage of the objective (`stage:<name>`).
    pub fn metric_names(&self) -> Vec<String> {
        let mut names: Vec<String> = Vec::new();
        for run in self.points.iter().filter_map(|p| p.outcome.solved()) {
            let stages = run
                .metrics
                .stages
                .iter()
                .map(|s| format!("stage:{}", s.name));
            for n in run_values(run).into_iter().map(|(n, _)| n).chain(stages) {
                if !names.contains(&n) {
                    names.push(n);
                }
            }
        }
        names
    }

    /// A metric's value at a point (`None` where infeasible or not defined).
    pub fn value(&self, point: &Point, name: &str) -> Option<f64> {
        let run = point.outcome.solved()?;
        match name.strip_prefix("stage:") {
            Some(stage) => run
                .metrics
                .stages
                .iter()
                .find(|s| s.name == stage)
                .map(|s| s.value),
            None => run_values(run)
                .into_iter()
                .find(|(n, _)| n == name)
                .map(|(_, v)| v),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn axis(arg: &str, steps: usize) -> Result<Option<Axis>, String> {
        Axis::parse(&arg.parse::<SetArg>().unwrap(), steps)
    }

    #[test]
    fn ranges_lists_and_fixed_values() {
        let a = axis("policy.budget=1e10..2e10", 3).unwrap().unwrap();
        assert_eq!(a.values, [1e10, 1.5e10, 2e10]);
        let a = axis("providers.aws.capacity=0,100,200", 11)
            .unwrap()
            .unwrap();
        assert_eq!(a.values, [0.0, 100.0, 200.0]);
        let a = axis("workloads.w.max_providers=1..3", 5).unwrap().unwrap();
        // Whole points are integers, whatever the others are.
        let values: Vec<Value> = a.values.iter().map(|v| a.set(*v).value).collect();
        assert_eq!(
            values,
            [
                Value::Integer(1),
                Value::Float(1.5),
                Value::Integer(2),
                Value::Float(2.5),
                Value::Integer(3)
            ]
        );
        assert_eq!(axis("policy.objective=cost", 11).unwrap(), None);
        assert_eq!(axis("workloads.w.only=[\"a\",\"b\"]", 11).unwrap(), None);
        assert!(
            axis("policy.budget=a..b", 11)
                .unwrap_err()
                .contains("FROM..TO")
        );
        assert!(
            axis("policy.budget=1..2", 1)
                .unwrap_err()
                .contains("--steps")
        );
    }
}
