//! Long rows split for the interior-point engine.
//!
//! A row that sums over many workloads (a provider's capacity or share) is a
//! node of high degree in the system Clarabel factorises at every step. Its
//! fill-reducing ordering (AMD) sets apart the rows denser than
//! [`dense_above`] and orders them last, which suits them; the long rows just
//! below that, one or two per provider, took most of its time (44% of a
//! 4,000-workload run, measured with perf). Each of them is rewritten with
//! partial sums: `y_j = Σ_{i in chunk j} a_i x_i` (one equality row per
//! chunk of [`CHUNK`] terms, in the model's order of variables, which keeps
//! a chunk to a run of neighbouring workloads), and the row itself over the
//! `y_j`. The plans it allows are the same; the extra variables are free and
//! only the engine sees them. Splitting the denser rows as well was slower
//! (more fill in the factor), and so were chunks of 128 or 512 terms.

use std::collections::HashMap;

use good_lp::{Constraint, Expression, IntoAffineExpression, ProblemVariables, Variable, variable};

/// The terms of a chunk.
pub const CHUNK: usize = 256;

/// Rows with more terms than this are dense to AMD in Clarabel 0.11: ten
/// times the square root of the system's order, times Clarabel's 1.5.
pub fn dense_above(variables: usize, rows: usize) -> usize {
    (15.0 * ((variables + rows) as f64).sqrt()) as usize
}

/// `constraints` with every row of more than [`CHUNK`] terms and at most
/// [`dense_above`] split into partial sums, whose variables are added to
/// `vars`; `rank` orders the model's variables.
pub fn split_long_rows(
    vars: &mut ProblemVariables,
    constraints: Vec<Constraint>,
    rank: &HashMap<Variable, usize>,
) -> Vec<Constraint> {
    let dense = dense_above(vars.len(), constraints.len());
    let mut out = Vec::with_capacity(constraints.len());
    for c in constraints {
        let expr = c.expression();
        let mut terms: Vec<(Variable, f64)> = expr.linear_coefficients().collect();
        let n = terms.len();
        if n <= CHUNK || n > dense {
            out.push(c);
            continue;
        }
        terms.sort_unstable_by_key(|(v, _)| rank.get(v).copied().unwrap_or(usize::MAX));
        let mut row = Expression::with_capacity(n.div_ceil(CHUNK) + 1);
        for chunk in terms.chunks(CHUNK) {
            let y = vars.add(variable());
            let mut sum = Expression::with_capacity(chunk.len() + 1);
            for &(v, a) in chunk {
                sum.add_mul(a, v);
            }
            out.push((sum - y).eq(0.0));
            row.add_mul(1.0, y);
        }
        let row = row + expr.constant();
        out.push(if c.is_equality() {
            row.eq(0.0)
        } else {
            row.leq(0.0)
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use good_lp::{Solution, SolverModel, clarabel, microlp};

    /// A budget over 300 of 1,000 variables is split into chunks of 256 and
    /// 44; the optimum and the budget are unchanged; a row of 500 terms,
    /// dense to AMD here, is kept whole.
    #[test]
    fn a_split_row_keeps_the_optimum_and_the_budget() {
        let mut vars = ProblemVariables::new();
        let x: Vec<Variable> = (0..1000)
            .map(|_| vars.add(variable().min(0.0).max(1.0)))
            .collect();
        let rank = x.iter().enumerate().map(|(i, &v)| (v, i)).collect();
        let weight = |i: usize| 1.0 + (i % 7) as f64;
        let budget: Expression = (0..300).map(|i| weight(i) * x[i]).sum();
        let dense: Expression = (0..500).map(|i| x[i]).sum();
        let value: Expression = (0..1000).map(|i| (1.0 + (i % 13) as f64) * x[i]).sum();
        let rows = vec![budget.clone().leq(200.0), dense.leq(400.0)];
        let plain = vars
            .clone()
            .maximise(value.clone())
            .using(microlp)
            .with_all(rows.clone())
            .solve()
            .unwrap();
        let mut split_vars = vars.clone();
        let split = split_long_rows(&mut split_vars, rows, &rank);
        assert_eq!(dense_above(1000, 2), 474);
        // Two chunk rows and the budget over them; the dense row as it was.
        assert_eq!(split.len(), 4);
        assert_eq!(split_vars.len(), 1002);
        let solved = split_vars
            .maximise(value.clone())
            .using(clarabel)
            .with_all(split)
            .solve()
            .unwrap();
        let (a, b) = (value.clone().eval_with(&plain), value.eval_with(&solved));
        assert!((a - b).abs() <= 1e-6 * a, "{a} vs {b}");
        let spent: f64 = (0..300).map(|i| weight(i) * solved.value(x[i])).sum();
        assert!(spent <= 200.0 + 1e-6, "{spent}");
    }
}
