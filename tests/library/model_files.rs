//! `--write-model`: each stage's programme as free MPS and CPLEX LP. The
//! files are read back here by a reader of their own (and, in the `highs`
//! build, by HiGHS itself) and solved: each one's optimum is tayoka's value
//! of that stage.

use std::collections::HashMap;

use good_lp::{Expression, ProblemVariables, SolverModel, Variable, variable};
use tayoka::model::backend::SolverKind;
use tayoka::model::file::stage_files;
use tayoka::model::stages_for;
use tayoka::scenario::{LoadOptions, load};
use tayoka::solve::{Solved, Spec, solve_spec};

use crate::common::scenarios;

/// A scenario of `scenarios/` solved exactly (every branch and bound to
/// its proven optimum, so that another solver's optimum is the same).
fn solved(file: &str, variant: Option<&str>, sets: &[&str]) -> Solved {
    let opts = LoadOptions {
        variant: variant.map(str::to_string),
        sets: sets.iter().map(|s| s.parse().unwrap()).collect(),
        ..Default::default()
    };
    let loaded = load(&scenarios().join(file), &opts).unwrap();
    let exact = Spec {
        mip_gap: Some(0.0),
        ..Default::default()
    };
    solve_spec(loaded, SolverKind::Microlp, &exact).unwrap()
}

/// The files of a solved plan, and each stage's value.
fn files_of(run: &Solved) -> (Vec<(String, String)>, Vec<f64>) {
    let s = run.scenario();
    let optima: Vec<f64> = run.metrics.stages.iter().map(|st| st.value).collect();
    let files = stage_files(s, &run.eligibility, &stages_for(&s.policy), &optima);
    (files, optima)
}

/// Whether `a` is `b` within what two solvers' tolerances allow.
fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-6 * b.abs().max(1.0)
}

/// A free MPS file as this test reads it: rows, columns, bounds, sense.
#[derive(Default)]
struct Mps {
    maximise: bool,
    rows: Vec<(String, char)>,
    columns: Vec<String>,
    entries: HashMap<(String, String), f64>,
    rhs: HashMap<String, f64>,
    lower: HashMap<String, f64>,
    upper: HashMap<String, f64>,
    binary: Vec<String>,
}

fn read_mps(text: &str) -> Mps {
    let mut m = Mps::default();
    let mut section = "";
    for line in text.lines() {
        if line.starts_with('*') || line.trim().is_empty() {
            continue;
        }
        let f: Vec<&str> = line.split_whitespace().collect();
        if !line.starts_with(' ') {
            section = f[0];
            continue;
        }
        match section {
            "OBJSENSE" => m.maximise = f[0] == "MAX",
            "ROWS" => m
                .rows
                .push((f[1].to_string(), f[0].chars().next().unwrap())),
            "COLUMNS" => {
                if m.columns.last() != Some(&f[0].to_string()) {
                    m.columns.push(f[0].to_string());
                }
                for pair in f[1..].chunks(2) {
                    let v: f64 = pair[1].parse().unwrap();
                    m.entries.insert((pair[0].to_string(), f[0].to_string()), v);
                }
            }
            "RHS" => {
                m.rhs.insert(f[1].to_string(), f[2].parse().unwrap());
            }
            "BOUNDS" => {
                let (kind, col) = (f[0], f[2].to_string());
                let value = || f[3].parse::<f64>().unwrap();
                match kind {
                    "UP" => drop(m.upper.insert(col, value())),
                    "LO" => drop(m.lower.insert(col, value())),
                    "FX" => {
                        m.lower.insert(col.clone(), value());
                        m.upper.insert(col, value());
                    }
                    "MI" => drop(m.lower.insert(col, f64::NEG_INFINITY)),
                    "FR" => {
                        m.lower.insert(col.clone(), f64::NEG_INFINITY);
                        m.upper.insert(col, f64::INFINITY);
                    }
                    "BV" => m.binary.push(col),
                    other => panic!("bound {other} not read here"),
                }
            }
            other => panic!("section {other} not read here"),
        }
    }
    m
}

/// Solves an MPS file's programme with microlp through good_lp, built
/// from the file alone; its optimum.
fn solve_mps(m: &Mps) -> f64 {
    let mut vars = ProblemVariables::new();
    let cols: HashMap<&str, Variable> = m
        .columns
        .iter()
        .map(|c| {
            let mut def = variable()
                .min(m.lower.get(c).copied().unwrap_or(0.0))
                .max(m.upper.get(c).copied().unwrap_or(f64::INFINITY));
            if m.binary.contains(c) {
                def = variable().binary();
            }
            (c.as_str(), vars.add(def))
        })
        .collect();
    let expr_of = |row: &str| {
        let mut e = Expression::default();
        for ((r, c), v) in &m.entries {
            if r == row {
                e.add_mul(*v, cols[c.as_str()]);
            }
        }
        e
    };
    let objective = expr_of("objective") - m.rhs.get("objective").copied().unwrap_or(0.0);
    let problem = if m.maximise {
        vars.maximise(objective.clone())
    } else {
        vars.minimise(objective.clone())
    };
    let mut model = problem.using(good_lp::microlp);
    for (name, kind) in m.rows.iter().filter(|r| r.1 != 'N') {
        let (e, b) = (expr_of(name), m.rhs.get(name).copied().unwrap_or(0.0));
        model.add_constraint(match kind {
            'L' => e.leq(b),
            'G' => e.geq(b),
            _ => e.eq(b),
        });
    }
    let solution = model.solve().unwrap();
    objective.eval_with(&solution)
}

#[test]
fn every_stage_file_solves_to_the_stage_value_read_back_from_its_mps() {
    for (file, variant) in [
        ("minimal.toml", None),
        ("japan-gov-2027.toml", None),
        ("japan-gov-2027.toml", Some("@sovereignty")),
    ] {
        let run = solved(file, variant, &[]);
        let (files, optima) = files_of(&run);
        let mps: Vec<&(String, String)> = files.iter().filter(|f| f.0.ends_with(".mps")).collect();
        assert_eq!(mps.len(), optima.len(), "{file} {variant:?}");
        for (k, (name, text)) in mps.into_iter().enumerate() {
            let optimum = solve_mps(&read_mps(text));
            assert!(
                close(optimum, optima[k]),
                "{file} {variant:?} {name}: {optimum} against tayoka's {}",
                optima[k]
            );
        }
    }
}

#[test]
fn the_files_name_rows_and_columns_from_the_scenario() {
    let run = solved("japan-gov-2027.toml", None, &[]);
    let (files, _) = files_of(&run);
    let names: Vec<&str> = files.iter().map(|f| f.0.as_str()).collect();
    assert_eq!(
        names,
        [
            "1-max_share-provider.mps",
            "1-max_share-provider.lp",
            "2-max_share-company.mps",
            "2-max_share-company.lp",
            "3-max_share-country.mps",
            "3-max_share-country.lp",
            "4-max_share-group.mps",
            "4-max_share-group.lp",
            "5-cost.mps",
            "5-cost.lp",
        ]
    );
    let (mps, lp) = (&files[8].1, &files[9].1);
    for name in [
        "x[gennai,aws]",
        "demand[diet-answers]",
        "capacity[aws]",
        "limit[any-provider,aws]",
        "floor[domestic-floor,JP]",
        "held[1]",
        "held[4]",
    ] {
        assert!(mps.contains(&format!(" {name} ")), "{name} in the MPS file");
    }
    for name in [
        "x(gennai,aws)",
        "demand(diet.answers):",
        "limit(any.provider,aws):",
        "held(4):",
    ] {
        assert!(lp.contains(name), "{name} in the LP file");
    }
    // The cost stage's objective is in yen, not scaled.
    assert!(mps.contains("NAME 5-cost\n") && !mps.contains("OBJSENSE"));
    assert!(files[0].1.lines().any(|l| l.starts_with("* Its optimum")));
    // Every row and column of the MPS file is in the LP file too.
    let rows = mps
        .lines()
        .skip_while(|l| *l != "ROWS")
        .take_while(|l| *l != "COLUMNS");
    let lp_rows = lp
        .lines()
        .skip_while(|l| *l != "Subject To")
        .take_while(|l| *l != "Bounds")
        .filter(|l| l.contains(':'));
    assert_eq!(rows.count() - 2, lp_rows.count());
}

#[test]
fn a_maximised_stage_is_written_as_a_maximisation() {
    let run = solved("japan-gov-2027.toml", Some("@sovereignty"), &[]);
    let (files, optima) = files_of(&run);
    assert!(files[0].0 == "1-home_share.mps" && files[0].1.contains("OBJSENSE\n    MAX\n"));
    assert!(files[1].1.contains("\nMaximize\n"));
    assert!(optima[0] > 0.5);
}

#[cfg(feature = "highs")]
mod highs {
    //! HiGHS reads every written file itself.
    use std::ffi::{CString, c_char, c_void};

    type HighsInt = i32;
    const OPTIMAL: HighsInt = 7;

    unsafe extern "C" {
        fn Highs_create() -> *mut c_void;
        fn Highs_destroy(highs: *mut c_void);
        fn Highs_readModel(highs: *mut c_void, filename: *const c_char) -> HighsInt;
        fn Highs_run(highs: *mut c_void) -> HighsInt;
        fn Highs_getModelStatus(highs: *const c_void) -> HighsInt;
        fn Highs_getObjectiveValue(highs: *const c_void) -> f64;
        fn Highs_setBoolOptionValue(
            highs: *mut c_void,
            option: *const c_char,
            value: HighsInt,
        ) -> HighsInt;
        fn Highs_setDoubleOptionValue(
            highs: *mut c_void,
            option: *const c_char,
            value: f64,
        ) -> HighsInt;
    }

    /// HiGHS's optimum of a model file, or why there is none.
    pub fn optimum(path: &std::path::Path) -> Result<f64, String> {
        let file = CString::new(path.to_str().unwrap()).unwrap();
        let quiet = CString::new("output_flag").unwrap();
        let gap = CString::new("mip_rel_gap").unwrap();
        // SAFETY: one HiGHS instance, created and destroyed here, used by
        // this thread only, with NUL-terminated strings that outlive it.
        unsafe {
            let h = Highs_create();
            Highs_setBoolOptionValue(h, quiet.as_ptr(), 0);
            Highs_setDoubleOptionValue(h, gap.as_ptr(), 0.0);
            let read = Highs_readModel(h, file.as_ptr());
            let result = if read < 0 {
                Err(format!("HiGHS could not read it ({read})"))
            } else {
                Highs_run(h);
                match Highs_getModelStatus(h) {
                    OPTIMAL => Ok(Highs_getObjectiveValue(h)),
                    status => Err(format!("HiGHS model status {status}")),
                }
            };
            Highs_destroy(h);
            result
        }
    }
}

/// Every bundled scenario (all but the largest) and variant, and the
/// objectives they do not use themselves: each file, MPS and LP alike,
/// solves in HiGHS to tayoka's stage value.
#[cfg(feature = "highs")]
#[test]
fn highs_reproduces_every_stage_of_every_bundled_scenario_from_the_files() {
    let dir = tempfile::tempdir().unwrap();
    let mut cases: Vec<(String, Option<String>, Vec<&str>)> = Vec::new();
    for entry in std::fs::read_dir(scenarios()).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "toml") {
            continue;
        }
        let base = load(&path, &LoadOptions::default()).unwrap();
        // The municipal estates' files hold 313,473 pairs each (tayoka
        // solves them merged into 52 workloads): HiGHS takes minutes on
        // every stage of them.
        let pairs =
            tayoka::scenario::eligibility::Eligibility::compute(&base.scenario).pair_count();
        if pairs > 20_000 {
            continue;
        }
        let file = path.file_name().unwrap().to_str().unwrap().to_string();
        let variants =
            std::iter::once(None).chain(base.scenario.variants.keys().cloned().map(Some));
        for v in variants {
            cases.push((file.clone(), v, Vec::new()));
        }
        for preset in ["@resilience", "@sovereignty"] {
            cases.push((file.clone(), Some(preset.into()), Vec::new()));
        }
        cases.push((file, None, vec!["policy.tie_break=balance"]));
    }
    // Integer rules on every workload (binaries, their links to today's
    // split) and the mosaic rule.
    cases.push(("../tests/data/integer-20.toml".into(), None, Vec::new()));
    cases.push((
        "japan-gov-2027.toml".into(),
        None,
        vec!["policy.mosaic_max_categories=0"],
    ));
    let mut checked = 0;
    for (file, variant, sets) in &cases {
        let run = solved(file, variant.as_deref(), sets);
        let (files, optima) = files_of(&run);
        for (name, text) in &files {
            let path = dir.path().join(name);
            std::fs::write(&path, text).unwrap();
            let k: usize = name.split('-').next().unwrap().parse().unwrap();
            let got = highs::optimum(&path)
                .unwrap_or_else(|e| panic!("{file} {variant:?} {sets:?} {name}: {e}"));
            assert!(
                close(got, optima[k - 1]),
                "{file} {variant:?} {sets:?} {name}: HiGHS {got}, tayoka {}",
                optima[k - 1]
            );
            checked += 1;
        }
    }
    assert!(checked > 40, "only {checked} files checked");
}
