//! `tayoka._tayoka`: the Rust library behind the Python package. Every
//! call loads the scenario with the same loader as the command line, runs
//! the same analysis and hands back the same files (CSV and JSON bytes,
//! which `tayoka/__init__.py` turns into DataFrames and dicts): one model,
//! no subprocess. Long work runs on a thread of its own while the caller
//! waits without the GIL, so that Ctrl-C raises `KeyboardInterrupt`.

use std::path::PathBuf;
use std::time::Duration;

use pyo3::prelude::*;
use tayoka::analysis;
use tayoka::base::error::Error;
use tayoka::base::lang::Lang;
use tayoka::model::Stop;
use tayoka::model::backend::SolverKind;
use tayoka::report::{CompareOutput, Output, PlanOutput, SweepOutput};
use tayoka::scenario::{LoadOptions, Loaded, SetArg, load, load_str};
use tayoka::solve::{Solved, Spec, solve_spec};

/// Where a scenario comes from: a file, or TOML text (named `path` in
/// messages).
#[derive(Clone)]
struct Source {
    path: PathBuf,
    text: Option<String>,
}

/// What a call asks of the loader: variant, `--set` overrides, language.
#[derive(Clone)]
struct Options {
    variant: Option<String>,
    sets: Vec<String>,
    lang: Option<String>,
}

impl Options {
    fn new(variant: Option<String>, sets: Vec<String>, lang: Option<String>) -> Self {
        Options {
            variant,
            sets,
            lang,
        }
    }

    fn load_options(&self) -> Result<LoadOptions, Error> {
        let sets = parse_sets(&self.sets)?;
        let lang = match &self.lang {
            None => None,
            Some(l) => Some(Lang::parse(l).ok_or_else(|| {
                Error::Usage(format!("lang `{l}`: expected one of {:?}", Lang::CODES))
            })?),
        };
        Ok(LoadOptions::new(self.variant.as_deref(), &sets).with_lang(lang))
    }
}

fn parse_sets(sets: &[String]) -> Result<Vec<SetArg>, Error> {
    sets.iter()
        .map(|s| s.parse::<SetArg>().map_err(Error::Usage))
        .collect()
}

impl Source {
    fn load(&self, opts: &Options) -> Result<Loaded, Error> {
        let opts = opts.load_options()?;
        match &self.text {
            Some(text) => load_str(&self.path, text.clone(), &opts),
            None => load(&self.path, &opts),
        }
    }
}

/// A Python exception of `tayoka._errors` for a library error.
fn to_py(py: Python<'_>, e: Error) -> PyErr {
    let errors = match py.import("tayoka._errors") {
        Ok(m) => m,
        Err(err) => return err,
    };
    let message = e.to_string();
    let (class, args): (&str, (String, Option<String>)) = match &e {
        Error::Input(_) => ("ScenarioError", (message, None)),
        Error::Infeasible(d) => {
            let json = tayoka::report::diagnosis::infeasible_json(d)
                .ok()
                .map(|b| String::from_utf8_lossy(&b).into_owned());
            ("InfeasibleError", (message, json))
        }
        Error::Usage(_) => ("UsageError", (message, None)),
        _ => ("TayokaError", (message, None)),
    };
    match errors.getattr(class).and_then(|c| c.call1(args)) {
        Ok(instance) => PyErr::from_value(instance),
        Err(err) => err,
    }
}

/// Runs `work` on a thread of its own; the caller waits without the GIL
/// for its result, checking for signals every 20 ms, so that Ctrl-C raises
/// `KeyboardInterrupt` (the thread finishes on its own and its result is
/// dropped). The result is taken the moment it is ready.
fn interruptible<T: Send + 'static>(
    py: Python<'_>,
    work: impl FnOnce() -> Result<T, Error> + Send + 'static,
) -> PyResult<T> {
    stoppable(py, None, work)
}

/// [`interruptible`], raising `stop` on Ctrl-C so that the solves left end
/// at once instead of running on behind the interpreter.
fn stoppable<T: Send + 'static>(
    py: Python<'_>,
    stop: Option<Stop>,
    work: impl FnOnce() -> Result<T, Error> + Send + 'static,
) -> PyResult<T> {
    use std::sync::mpsc::{RecvTimeoutError, channel};
    let (send, receive) = channel();
    std::thread::spawn(move || {
        let _ = send.send(work());
    });
    let mut receive = receive;
    loop {
        // The receiver goes into the wait without the GIL, and back.
        let (got, back) = py.detach(move || {
            let got = receive.recv_timeout(Duration::from_millis(20));
            (got, receive)
        });
        receive = back;
        match got {
            Ok(result) => return result.map_err(|e| to_py(py, e)),
            Err(RecvTimeoutError::Timeout) => {
                if let Err(signal) = py.check_signals() {
                    if let Some(stop) = &stop {
                        stop.raise();
                    }
                    return Err(signal);
                }
            }
            // The thread ended without a result: it panicked.
            Err(RecvTimeoutError::Disconnected) => {
                return Err(to_py(
                    py,
                    Error::Solver("the solver broke down on this scenario".into()),
                ));
            }
        }
    }
}

/// A result's data files, `(name, bytes)`, and the summary the command
/// line prints (its opening sentences first).
type Files = (Vec<(String, Vec<u8>)>, String);

fn files_of(result: &dyn Output) -> Result<Files, Error> {
    let files = result
        .files()?
        .into_iter()
        .map(|(name, bytes)| (name.to_string(), bytes))
        .collect();
    Ok((files, result.terminal()))
}

/// A solved plan: its files, and the run folder the command line writes.
#[pyclass(frozen, module = "tayoka._tayoka")]
struct Plan {
    run: Solved,
}

#[pymethods]
impl Plan {
    /// The run's data files as `solve` writes them (plan.json,
    /// allocation.csv, shares.csv, metrics.json), and its summary.
    fn files(&self, py: Python<'_>) -> PyResult<Files> {
        files_of(&PlanOutput::new(&self.run)).map_err(|e| to_py(py, e))
    }

    /// Writes the run folder `solve --out DIR` writes (files, charts unless
    /// `charts` is false, report, workbook); returns the paths written.
    #[pyo3(signature = (dir, charts = true))]
    fn write(&self, py: Python<'_>, dir: PathBuf, charts: bool) -> PyResult<Vec<String>> {
        let plan = PlanOutput::new(&self.run);
        let written = tayoka::cli::output::write_result(&dir, &plan, charts)
            .map_err(|e| to_py(py, e))?
            .0;
        Ok(written.iter().map(|p| p.display().to_string()).collect())
    }
}

/// Loads a scenario (the variant and overrides applied) and returns its
/// name: every problem raises `ScenarioError` with its line and column.
#[pyfunction]
#[pyo3(signature = (path, text = None, variant = None, sets = Vec::new(), lang = None))]
fn check(
    py: Python<'_>,
    path: PathBuf,
    text: Option<String>,
    variant: Option<String>,
    sets: Vec<String>,
    lang: Option<String>,
) -> PyResult<String> {
    let source = Source { path, text };
    let opts = Options::new(variant, sets, lang);
    let loaded = source.load(&opts).map_err(|e| to_py(py, e))?;
    Ok(loaded.scenario.meta.name)
}

/// Solves a scenario as `tayoka solve` does (what holds the plan and the
/// cheapest plan included).
#[pyfunction]
#[pyo3(signature = (path, text = None, variant = None, sets = Vec::new(), lang = None, solver = "auto", time_limit = None))]
#[allow(clippy::too_many_arguments)]
fn solve(
    py: Python<'_>,
    path: PathBuf,
    text: Option<String>,
    variant: Option<String>,
    sets: Vec<String>,
    lang: Option<String>,
    solver: &str,
    time_limit: Option<f64>,
) -> PyResult<Plan> {
    let source = Source { path, text };
    let opts = Options::new(variant, sets, lang);
    let solver: SolverKind = solver
        .parse()
        .map_err(|e: String| to_py(py, Error::Usage(e)))?;
    let stop = Stop::new();
    let raised = stop.clone();
    let run = stoppable(py, Some(raised), move || {
        let loaded = source.load(&opts)?;
        let spec = Spec {
            time_limit,
            marginals: true,
            cheapest: true,
            stop: Some(stop),
            ..Default::default()
        };
        solve_spec(loaded, solver, &spec)
    })?;
    Ok(Plan { run })
}

/// `tayoka compare`: the columns (variants, presets) side by side; its
/// files (compare.csv, compare-wide.csv, compare.json, changes.csv).
#[pyfunction]
#[pyo3(signature = (path, variants, sets = Vec::new(), lang = None))]
fn compare(
    py: Python<'_>,
    path: PathBuf,
    variants: Vec<String>,
    sets: Vec<String>,
    lang: Option<String>,
) -> PyResult<Files> {
    let opts = Options::new(None, sets, lang);
    interruptible(py, move || {
        let load_opts = opts.load_options()?;
        let columns = if variants.is_empty() {
            analysis::compare::default_columns(&path, &load_opts)?
        } else {
            variants
        };
        let cmp = analysis::compare::compare(&path, &columns, &load_opts, SolverKind::Auto)?;
        files_of(&CompareOutput::new(&cmp))
    })
}

/// `tayoka sweep`: `axes` are `PATH=FROM..TO` (with `steps`) or
/// `PATH=V1,V2,...`; `sets` stay fixed. Its files (sweep.csv).
#[pyfunction]
#[pyo3(signature = (path, axes, steps = analysis::sweep::DEFAULT_STEPS, variant = None, sets = Vec::new(), lang = None))]
fn sweep(
    py: Python<'_>,
    path: PathBuf,
    axes: Vec<String>,
    steps: usize,
    variant: Option<String>,
    sets: Vec<String>,
    lang: Option<String>,
) -> PyResult<Files> {
    use analysis::sweep::Axis;
    let mut parsed = Vec::new();
    for axis in parse_sets(&axes).map_err(|e| to_py(py, e))? {
        match Axis::parse(&axis, steps) {
            Ok(Some(a)) => parsed.push(a),
            Ok(None) => {
                return Err(to_py(
                    py,
                    Error::Usage(format!(
                        "`{}` is one value: a swept parameter takes FROM..TO or V1,V2,...",
                        axis.raw
                    )),
                ));
            }
            Err(e) => return Err(to_py(py, Error::Usage(e))),
        }
    }
    let opts = Options::new(variant, sets, lang);
    interruptible(py, move || {
        let load_opts = opts.load_options()?;
        let sw = analysis::sweep::sweep(&path, &load_opts, &parsed, SolverKind::Auto)?;
        let scenario = load(&path, &load_opts)?.scenario.meta.name;
        files_of(&SweepOutput {
            sweep: &sw,
            scenario,
            metrics: &[],
        })
    })
}

/// `tayoka stress`: the plan, every single cut-off of `by` (default: the
/// policy's) and, with `samples`, independent outages (exact where the
/// failure sets are few, unless `sampled`). Its files (stress.csv,
/// stress-workloads.csv, montecarlo.csv, stress.json).
#[pyfunction]
#[pyo3(signature = (path, text = None, variant = None, sets = Vec::new(), lang = None, by = Vec::new(), samples = 0, seed = 1, sampled = false))]
#[allow(clippy::too_many_arguments)]
fn stress(
    py: Python<'_>,
    path: PathBuf,
    text: Option<String>,
    variant: Option<String>,
    sets: Vec<String>,
    lang: Option<String>,
    by: Vec<String>,
    samples: usize,
    seed: u64,
    sampled: bool,
) -> PyResult<Files> {
    use tayoka::analysis::stress as st;
    use tayoka::scenario::Dimension;
    let source = Source { path, text };
    let opts = Options::new(variant, sets, lang);
    interruptible(py, move || {
        let loaded = source.load(&opts)?;
        let dims: Vec<Dimension> = if by.is_empty() {
            loaded.scenario.policy.survive_dimensions()
        } else {
            by.iter().map(|d| Dimension::parse(d.trim())).collect()
        };
        let run = tayoka::solve::solve(loaded, SolverKind::Auto)?;
        let results = st::plan_cutoffs(&run, &dims, SolverKind::Auto)?;
        let mc = match samples {
            0 => None,
            n => Some(st::monte_carlo(&run, n, seed, sampled, SolverKind::Auto)?),
        };
        files_of(&tayoka::report::StressOutput {
            plan: PlanOutput::new(&run),
            results: &results,
            monte_carlo: mc.as_ref(),
        })
    })
}

/// `tayoka pathway`: the years planned as one (or year by year with
/// `myopic`). Its files (pathway.csv, pathway.json, investment.csv); a
/// year without a plan raises `InfeasibleError` naming it.
#[pyfunction]
#[pyo3(signature = (path, variant = None, sets = Vec::new(), lang = None, years = None, myopic = false, time_limit = None))]
#[allow(clippy::too_many_arguments)]
fn pathway(
    py: Python<'_>,
    path: PathBuf,
    variant: Option<String>,
    sets: Vec<String>,
    lang: Option<String>,
    years: Option<usize>,
    myopic: bool,
    time_limit: Option<f64>,
) -> PyResult<Files> {
    use tayoka::analysis::pathway::{Method, pathway};
    let opts = Options::new(variant, sets, lang);
    let method = if myopic {
        Method::Myopic
    } else {
        Method::Joint
    };
    interruptible(py, move || {
        let load_opts = opts.load_options()?;
        let mut p = pathway(
            &path,
            &load_opts,
            years,
            method,
            SolverKind::Auto,
            time_limit,
        )?;
        if let Some((_, d)) = p.infeasible.take() {
            return Err(Error::Infeasible(d));
        }
        files_of(&tayoka::report::PathwayOutput::new(&p))
    })
}

/// `tayoka tradeoff`: the home share against the largest provider share,
/// with cost, at `points` points. Its files (tradeoff.csv, tradeoff.json).
#[pyfunction]
#[pyo3(signature = (path, variant = None, sets = Vec::new(), lang = None, points = analysis::tradeoff::DEFAULT_POINTS))]
fn tradeoff(
    py: Python<'_>,
    path: PathBuf,
    variant: Option<String>,
    sets: Vec<String>,
    lang: Option<String>,
    points: usize,
) -> PyResult<Files> {
    let opts = Options::new(variant, sets, lang);
    interruptible(py, move || {
        let load_opts = opts.load_options()?;
        let t = analysis::tradeoff::tradeoff(&path, &load_opts, points, SolverKind::Auto)?;
        files_of(&t)
    })
}

#[pymodule]
fn _tayoka(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<Plan>()?;
    m.add_function(wrap_pyfunction!(check, m)?)?;
    m.add_function(wrap_pyfunction!(solve, m)?)?;
    m.add_function(wrap_pyfunction!(compare, m)?)?;
    m.add_function(wrap_pyfunction!(sweep, m)?)?;
    m.add_function(wrap_pyfunction!(stress, m)?)?;
    m.add_function(wrap_pyfunction!(pathway, m)?)?;
    m.add_function(wrap_pyfunction!(tradeoff, m)?)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
