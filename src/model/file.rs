//! Each objective stage's programme as a file any solver reads: free MPS
//! and CPLEX LP, its variables and rows named from the domain
//! (see [`super::names`]), so that HiGHS, Gurobi, CPLEX or SCIP can
//! reproduce a stage's optimum and a reader can see which rule is which.

use std::collections::HashMap;
use std::io::{self, Write};

use good_lp::{Constraint, Expression, IntoAffineExpression};

use super::names::{Unique, lp_form};
use super::objectives::{HOLD_TOLERANCES, Quantity, expression};
use super::{Model, Name, Sense};
use crate::scenario::Scenario;
use crate::scenario::eligibility::Eligibility;

/// One stage's programme, ready to be written.
pub struct Programme {
    /// Comment lines at the top of each file.
    pub comments: Vec<String>,
    /// The MPS `NAME`.
    pub name: String,
    pub sense: Sense,
    objective: Row,
    columns: Vec<Column>,
    rows: Vec<Row>,
}

struct Column {
    name: String,
    min: f64,
    max: f64,
    integer: bool,
}

impl Column {
    fn is_binary(&self) -> bool {
        self.integer && self.min == 0.0 && self.max == 1.0
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Le,
    Ge,
    Eq,
}

/// A row `terms kind rhs` (the objective: `terms + constant`, in `rhs`).
struct Row {
    name: String,
    terms: Vec<(usize, f64)>,
    kind: Kind,
    rhs: f64,
}

/// A stage's model files: `(file name, text)`, MPS then LP for each stage
/// in stage order (`1-max_share-provider.mps`, ...).
pub type ModelFiles = Vec<(String, String)>;

/// Every stage whose earlier stages have an optimum in `optima` (in each
/// quantity's own units, as `metrics.json` gives them), one at a time, to
/// `each` with its file stem (`1-max_share-provider`): stage `k` holds
/// stages 1..k within [`HELD_WITHIN`] of theirs, so that its optimum is
/// stage `k`'s value. With no optima (no plan), the first stage alone.
/// Every integer rule is in the programmes from the start. Returns how
/// many stages `each` was given.
pub fn each_stage<E>(
    s: &Scenario,
    e: &Eligibility,
    quantities: &[Quantity],
    optima: &[f64],
    mut each: impl FnMut(&str, &Programme) -> Result<(), E>,
) -> Result<usize, E> {
    let mut model = Model::build_whole(s, e);
    model.set_hold_tolerance(HELD_WITHIN);
    let last = optima.len().min(quantities.len().saturating_sub(1));
    let mut n = 0;
    for (k, q) in quantities.iter().enumerate().take(last + 1) {
        let (expr, sense, scale) = expression(&mut model, q);
        let stem = format!("{}-{}", k + 1, q.name().replace(':', "-"));
        let mut comments = vec![
            format!(
                "tayoka {}: scenario {}, stage {} of {}: {} ({}).",
                env!("CARGO_PKG_VERSION"),
                s.meta.name,
                k + 1,
                quantities.len(),
                q.name(),
                match sense {
                    Sense::Minimise => "minimised",
                    Sense::Maximise => "maximised",
                }
            ),
            "x[w,p] is the fraction of workload w's demand that provider p serves.".into(),
        ];
        if let Some(v) = optima.get(k) {
            comments.push(format!("Its optimum is tayoka's value of this stage: {v}."));
        }
        for (j, held) in quantities.iter().zip(optima).take(k).enumerate() {
            comments.push(format!(
                "Row held[{}] holds stage {} ({}) at {} (relative tolerance {:e}).",
                j + 1,
                j + 1,
                held.0.name(),
                held.1,
                HELD_WITHIN.0
            ));
        }
        let programme = model.programme(&stem, comments, &(expr.clone() * scale), sense);
        each(&stem, &programme)?;
        n += 1;
        if let Some(&v) = optima.get(k) {
            model.hold(expr, sense, v / scale);
        }
    }
    Ok(n)
}

/// [`each_stage`]'s files in memory (small scenarios, tests).
pub fn stage_files(
    s: &Scenario,
    e: &Eligibility,
    quantities: &[Quantity],
    optima: &[f64],
) -> ModelFiles {
    let mut files = Vec::new();
    let _ = each_stage(s, e, quantities, optima, |stem, p| {
        files.push((format!("{stem}.mps"), p.mps()));
        files.push((format!("{stem}.lp"), p.lp()));
        Ok::<(), ()>(())
    });
    files
}

/// The tolerance (relative, absolute) within which a file holds each
/// earlier stage's optimum: tayoka's own, unless floating-point error
/// widens it (see [`HOLD_TOLERANCES`]).
pub const HELD_WITHIN: (f64, f64) = HOLD_TOLERANCES[1];

/// Whether `name` is a file [`stage_files`] writes (so that a folder of
/// them may be replaced by the next run's).
pub fn is_model_file(name: &str) -> bool {
    let Some((k, rest)) = name.split_once('-') else {
        return false;
    };
    !k.is_empty()
        && k.bytes().all(|b| b.is_ascii_digit())
        && (rest.ends_with(".mps") || rest.ends_with(".lp"))
}

impl Model<'_> {
    /// The programme of the model now, minimising or maximising `objective`,
    /// with every rule and hold, each named.
    pub fn programme(
        &self,
        name: &str,
        comments: Vec<String>,
        objective: &Expression,
        sense: Sense,
    ) -> Programme {
        let s = self.scenario;
        let index = self.column_index();
        let mut unique = Unique::default();
        let columns = self
            .vars
            .iter_variables_with_def()
            .zip(&self.var_names)
            .map(|((_, def), n)| Column {
                name: unique.name(n.text(s, &self.cut_sets)),
                min: def.get_min(),
                max: def.get_max(),
                integer: def.is_integer(),
            })
            .collect();
        let mut unique = Unique::default();
        let named = self
            .constraints
            .named()
            .map(|(n, c)| (n.clone(), c.clone()));
        let held = self
            .hold_constraints()
            .enumerate()
            .map(|(k, c)| (Name::Held(k), c));
        let rows = named
            .chain(held)
            .map(|(n, c)| row(unique.name(n.text(s, &self.cut_sets)), &c, &index))
            .collect();
        let mut terms = sorted_terms(objective, &index);
        terms.retain(|t| t.1 != 0.0);
        Programme {
            comments,
            name: name.to_string(),
            sense,
            objective: Row {
                name: "objective".into(),
                terms,
                kind: Kind::Eq,
                rhs: objective.constant(),
            },
            columns,
            rows,
        }
    }
}

fn sorted_terms(e: &Expression, index: &HashMap<good_lp::Variable, usize>) -> Vec<(usize, f64)> {
    let mut terms: Vec<(usize, f64)> = e
        .linear_coefficients()
        .filter_map(|(v, c)| Some((*index.get(&v)?, c)))
        .collect();
    terms.sort_unstable_by_key(|t| t.0);
    terms
}

/// A constraint as a row: good_lp keeps `expr <= 0` (or `= 0`); a row
/// most of whose coefficients are negative reads better as `>=`.
fn row(name: String, c: &Constraint, index: &HashMap<good_lp::Variable, usize>) -> Row {
    let e = c.expression();
    let mut terms = sorted_terms(e, index);
    terms.retain(|t| t.1 != 0.0);
    let mut rhs = -e.constant();
    let negative = terms.iter().filter(|t| t.1 < 0.0).count();
    let flip = 2 * negative > terms.len();
    if flip {
        for t in &mut terms {
            t.1 = -t.1;
        }
        rhs = -rhs;
    }
    let kind = match (c.is_equality(), flip) {
        (true, _) => Kind::Eq,
        (false, false) => Kind::Le,
        (false, true) => Kind::Ge,
    };
    Row {
        name,
        terms,
        kind,
        rhs: rhs + 0.0,
    }
}

/// A number as both formats read it, exactly (shortest round trip).
fn num(v: f64) -> String {
    let a = v.abs();
    if a == 0.0 {
        "0".into()
    } else if (1e-4..1e15).contains(&a) {
        format!("{v}")
    } else {
        format!("{v:e}")
    }
}

/// Lines of an LP file are kept short (readers allow about 500 characters).
const LP_LINE: usize = 200;

impl Programme {
    /// Free MPS, in memory.
    pub fn mps(&self) -> String {
        text(|w| self.write_mps(w))
    }

    /// CPLEX LP, in memory.
    pub fn lp(&self) -> String {
        text(|w| self.write_lp(w))
    }

    /// Free MPS, with `OBJSENSE MAX` for a maximisation and `BV` bounds for
    /// binaries.
    pub fn write_mps(&self, out: &mut dyn Write) -> io::Result<()> {
        for c in &self.comments {
            writeln!(out, "* {c}")?;
        }
        writeln!(out, "NAME {}", self.name)?;
        if self.sense == Sense::Maximise {
            out.write_all(b"OBJSENSE\n    MAX\n")?;
        }
        out.write_all(b"ROWS\n N  objective\n")?;
        for r in &self.rows {
            let kind = match r.kind {
                Kind::Le => "L",
                Kind::Ge => "G",
                Kind::Eq => "E",
            };
            writeln!(out, " {kind}  {}", r.name)?;
        }
        let mut by_column: Vec<Vec<(&str, f64)>> = vec![Vec::new(); self.columns.len()];
        for &(j, a) in &self.objective.terms {
            by_column[j].push(("objective", a));
        }
        for r in &self.rows {
            for &(j, a) in &r.terms {
                by_column[j].push((&r.name, a));
            }
        }
        out.write_all(b"COLUMNS\n")?;
        for (c, entries) in self.columns.iter().zip(&by_column) {
            if entries.is_empty() {
                writeln!(out, "    {} objective 0", c.name)?;
            }
            // Two entries a line, as free MPS allows.
            for pair in entries.chunks(2) {
                write!(out, "    {}", c.name)?;
                for (row, a) in pair {
                    write!(out, " {row} {}", num(*a))?;
                }
                out.write_all(b"\n")?;
            }
        }
        out.write_all(b"RHS\n")?;
        // The objective's constant is the negated right-hand side of its row.
        if self.objective.rhs != 0.0 {
            writeln!(out, "    RHS objective {}", num(-self.objective.rhs))?;
        }
        for r in self.rows.iter().filter(|r| r.rhs != 0.0) {
            writeln!(out, "    RHS {} {}", r.name, num(r.rhs))?;
        }
        out.write_all(b"BOUNDS\n")?;
        for c in &self.columns {
            let n = &c.name;
            match (c.integer, c.min, c.max) {
                (true, 0.0, 1.0) => {
                    writeln!(out, " BV BND {n}")?;
                }
                (true, lo, hi) => {
                    writeln!(out, " LI BND {n} {}", num(lo))?;
                    if hi.is_finite() {
                        writeln!(out, " UI BND {n} {}", num(hi))?;
                    }
                }
                (false, lo, hi) if lo == hi => {
                    writeln!(out, " FX BND {n} {}", num(lo))?;
                }
                (false, lo, hi) => {
                    match (lo.is_finite(), hi.is_finite()) {
                        (false, false) => {
                            writeln!(out, " FR BND {n}")?;
                        }
                        (false, true) => {
                            writeln!(out, " MI BND {n}")?;
                        }
                        _ if lo != 0.0 => {
                            writeln!(out, " LO BND {n} {}", num(lo))?;
                        }
                        _ => {}
                    }
                    if hi.is_finite() {
                        writeln!(out, " UP BND {n} {}", num(hi))?;
                    }
                }
            }
        }
        out.write_all(b"ENDATA\n")
    }

    /// CPLEX LP, with names in their LP form (see [`lp_form`]).
    pub fn write_lp(&self, out: &mut dyn Write) -> io::Result<()> {
        let names: Vec<String> = self.columns.iter().map(|c| lp_form(&c.name)).collect();
        for c in &self.comments {
            writeln!(out, "\\ {c}")?;
        }
        writeln!(
            out,
            "\\ Names as in the MPS file, with ( ) for [ ] and . for -."
        )?;
        out.write_all(match self.sense {
            Sense::Minimise => b"Minimize\n",
            Sense::Maximise => b"Maximize\n",
        })?;
        let mut line = String::from(" objective:");
        expression_lp(out, &mut line, &self.objective.terms, &names)?;
        if self.objective.rhs != 0.0 {
            push_lp(out, &mut line, &signed(self.objective.rhs, ""))?;
        }
        out.write_all(line.as_bytes())?;
        out.write_all(b"\nSubject To\n")?;
        for r in &self.rows {
            let mut line = format!(" {}:", lp_form(&r.name));
            expression_lp(out, &mut line, &r.terms, &names)?;
            let kind = match r.kind {
                Kind::Le => "<=",
                Kind::Ge => ">=",
                Kind::Eq => "=",
            };
            push_lp(out, &mut line, &format!(" {kind} {}", num(r.rhs)))?;
            out.write_all(line.as_bytes())?;
            out.write_all(b"\n")?;
        }
        out.write_all(b"Bounds\n")?;
        for (c, n) in self.columns.iter().zip(&names) {
            if c.is_binary() {
                continue;
            }
            match (c.min.is_finite(), c.max.is_finite()) {
                (false, false) => writeln!(out, " {n} free"),
                (false, true) => writeln!(out, " -inf <= {n} <= {}", num(c.max)),
                (true, true) => writeln!(out, " {} <= {n} <= {}", num(c.min), num(c.max)),
                (true, false) if c.min != 0.0 => writeln!(out, " {n} >= {}", num(c.min)),
                (true, false) => Ok(()),
            }?;
        }
        self.integer_section(out, &names, "Binaries", |c| c.is_binary())?;
        self.integer_section(out, &names, "Generals", |c| c.integer && !c.is_binary())?;
        out.write_all(b"End\n")
    }

    /// An LP file's `Binaries` or `Generals`: the columns `which` picks.
    fn integer_section(
        &self,
        out: &mut dyn Write,
        names: &[String],
        title: &str,
        which: impl Fn(&Column) -> bool,
    ) -> io::Result<()> {
        let mut picked = self.columns.iter().zip(names).filter(|(c, _)| which(c));
        if let Some((_, first)) = picked.next() {
            writeln!(out, "{title}\n {first}")?;
            for (_, n) in picked {
                writeln!(out, " {n}")?;
            }
        }
        Ok(())
    }
}

/// ` + 2 x` or ` - 2 x` (` + x` for a coefficient of 1).
fn signed(a: f64, name: &str) -> String {
    let sign = if a < 0.0 { '-' } else { '+' };
    match (a.abs() == 1.0 && !name.is_empty(), name.is_empty()) {
        (true, _) => format!(" {sign} {name}"),
        (false, true) => format!(" {sign} {}", num(a.abs())),
        (false, false) => format!(" {sign} {} {name}", num(a.abs())),
    }
}

/// The terms of a row in LP form; a row without any is `0 <first column>`.
fn expression_lp(
    out: &mut dyn Write,
    line: &mut String,
    terms: &[(usize, f64)],
    names: &[String],
) -> io::Result<()> {
    if terms.is_empty() {
        if let Some(first) = names.first() {
            push_lp(out, line, &format!(" 0 {first}"))?;
        }
        return Ok(());
    }
    for &(j, a) in terms {
        push_lp(out, line, &signed(a, &names[j]))?;
    }
    Ok(())
}

/// Adds `piece` to the line, starting a new line when it would grow long.
fn push_lp(out: &mut dyn Write, line: &mut String, piece: &str) -> io::Result<()> {
    if line.len() + piece.len() > LP_LINE && !line.trim().is_empty() {
        out.write_all(line.as_bytes())?;
        out.write_all(b"\n")?;
        line.clear();
    }
    line.push_str(piece);
    Ok(())
}

/// What a writer wrote, as text.
fn text(write: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> String {
    let mut bytes = Vec::new();
    // Writing into memory does not fail.
    let _ = write(&mut bytes);
    String::from_utf8_lossy(&bytes).into_owned()
}
