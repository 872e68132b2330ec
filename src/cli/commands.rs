//! One handler per command: arguments in, a library call, and the result out
//! through [`deliver`]. Usage problems are returned as [`Error::Usage`] and
//! become exit code 2 in one place (`run`).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::args::*;
use super::output::{deliver, display_dir, stdout};
use super::settle::{usage, within};
use super::{EXIT_ERROR, EXIT_INFEASIBLE, ui};
use crate::analysis;
use crate::base::error::Error;
use crate::base::lang::Lang;
use crate::model::Quantity;
use crate::model::backend::SolverKind;
use crate::report::headline::GapOf;
use crate::report::{
    self, CompareOutput, Output, PathwayOutput, PlanOutput, RunName, StressOutput,
};
use crate::scenario::eligibility::Eligibility;
use crate::scenario::{Dimension, LoadOptions, load};
use crate::solve::{Solved, Spec, solve, solve_spec};
use crate::tr;

/// The starter scenario that `init` writes.
pub const STARTER: &str = include_str!("../starter.toml");

pub fn init(args: &InitArgs) -> Result<ExitCode, Error> {
    // `--force` replaces a regular file only: never a device, a FIFO, a
    // folder or a link (whose rename would replace the link, not its file).
    if let Ok(meta) = std::fs::symlink_metadata(&args.path) {
        let what = if !meta.is_file() {
            Some(format!(
                "`{}` is {}, not a regular file; init writes a scenario file only: name a new file",
                args.path.display(),
                file_kind(&meta)
            ))
        } else if !args.force {
            Some(format!(
                "`{}` exists; pass --force to replace it, or name another file",
                args.path.display()
            ))
        } else {
            None
        };
        if let Some(what) = what {
            ui::error(&what);
            return Ok(ExitCode::from(EXIT_ERROR));
        }
    }
    crate::base::atomic::write_atomic(&args.path, STARTER.as_bytes())?;
    let p = args.path.display();
    ui::note(&format!(
        "wrote {p}\nnext:\n  tayoka check {p}\n  tayoka solve {p}"
    ));
    Ok(ExitCode::SUCCESS)
}

/// What a path that is not a regular file is, for a refusal.
fn file_kind(meta: &std::fs::Metadata) -> &'static str {
    let t = meta.file_type();
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_char_device() || t.is_block_device() {
            return "a device";
        }
        if t.is_fifo() {
            return "a FIFO (named pipe)";
        }
        if t.is_socket() {
            return "a socket";
        }
    }
    if t.is_symlink() {
        "a symbolic link"
    } else if t.is_dir() {
        "a folder"
    } else {
        "not a regular file"
    }
}

pub fn check(args: &CheckArgs) -> Result<ExitCode, Error> {
    let loaded = args.input.load()?;
    let s = &loaded.scenario;
    let e = Eligibility::compute(s);
    let mut out = report::eligibility::eligibility_report(s, &e);
    for w in report::eligibility::eligibility_warnings(s, &e) {
        out.push_str(&format!("{}: {w}\n", s.meta.lang.text("warning")));
    }
    // With no variant named, every variant must load too.
    let mut bad_variants = Vec::new();
    if args.input.variant.is_none() {
        for name in s.variants.keys() {
            let opts = args.input.options().with_variant(Some(name));
            if let Err(err) = load(&args.input.scenario, &opts) {
                bad_variants.push(format!("variant `{name}`:\n{err}"));
            }
        }
    }
    // Each year of a pathway loads its changes, as `pathway` would: the
    // first year whose changes do not load is the one it would stop at.
    let change_years = s.pathway.as_ref().map_or(&[][..], |p| &p.change_years);
    for &year in change_years {
        if let Err(err) = load(&args.input.scenario, &args.input.options().in_year(year)) {
            bad_variants.push(format!("[pathway.changes.{year}]:\n{err}"));
            break;
        }
    }
    stdout(ui::printable(&out).as_bytes())?;
    if !bad_variants.is_empty() {
        ui::message(&bad_variants.join("\n"));
        return Ok(ExitCode::from(EXIT_ERROR));
    }
    // A plan must exist: the solve finds out, and diagnoses it if not.
    let (workloads, providers) = (s.workloads.len(), s.providers.len());
    let lang = s.meta.lang;
    let variants = if s.variants.is_empty() || args.input.variant.is_some() {
        String::new()
    } else {
        tr!(lang, "check-variants-load", n = s.variants.len())
    };
    let pairs = e.pair_count();
    solve(loaded, SolverKind::default())?;
    let ok = tr!(
        lang,
        "check-ok",
        workloads = tr!(lang, "n-workloads", n = workloads),
        providers = tr!(lang, "n-providers", n = providers),
        pairs = pairs,
        variants = variants
    );
    let width = report::prose::terminal_width().unwrap_or(usize::MAX);
    stdout(format!("{}\n", report::prose::wrap(&ok, width)).as_bytes())?;
    Ok(ExitCode::SUCCESS)
}

pub fn solve_command(args: &SolveArgs) -> Result<ExitCode, Error> {
    let started = std::time::Instant::now();
    let loaded = args.input.load()?;
    let spec = Spec {
        time_limit: args.time_limit,
        mip_gap: args.mip_gap,
        marginals: true,
        cheapest: true,
        ..Default::default()
    };
    let dir = report::RunName::of_plan(&loaded).folder(args.out.as_deref());
    crate::base::atomic::check_destination(&dir, report::output::is_run_file)?;
    if let Some(model_dir) = &args.write_model {
        check_model_folder(model_dir, &dir, loaded.scenario.meta.lang)?;
    }
    let run = match solve_spec(loaded, args.solver, &spec) {
        Ok(run) => run,
        Err(Error::Infeasible(d)) => {
            if let Some(model_dir) = &args.write_model {
                // The first stage's programme, for another solver to find
                // no plan either.
                let loaded = args.input.load()?;
                let e = Eligibility::compute(&loaded.scenario);
                write_model(model_dir, &loaded.scenario, &e, &[])?;
            }
            return solve_infeasible(args, &dir, &d);
        }
        Err(e) => return Err(e),
    };
    let plan = PlanOutput::new(&run);
    deliver(&dir, &plan, !args.no_charts, args.format)?;
    if let Some(model_dir) = &args.write_model {
        let optima: Vec<f64> = run.metrics.stages.iter().map(|st| st.value).collect();
        write_model(model_dir, run.scenario(), &run.eligibility, &optima)?;
    }
    solve_details(&run, started);
    Ok(ExitCode::SUCCESS)
}

/// `--write-model DIR` must be a folder of its own (each folder holds one
/// run's files), and one tayoka may replace.
fn check_model_folder(model_dir: &Path, plan_dir: &Path, lang: Lang) -> Result<(), Error> {
    use crate::base::atomic::{check_destination, destination};
    let absolute = |p: &Path| {
        destination(p)
            .and_then(|d| std::path::absolute(&d).map_err(|source| Error::Read { path: d, source }))
    };
    if absolute(model_dir)? == absolute(plan_dir)? {
        return Err(Error::Usage(tr!(
            lang,
            "model-same-folder",
            dir = display_dir(plan_dir)
        )));
    }
    match check_destination(model_dir, crate::model::file::is_model_file) {
        Err(Error::NotAFolder(path)) => Err(Error::Usage(tr!(
            lang,
            "model-not-a-folder",
            path = path.display().to_string()
        ))),
        other => other,
    }
}

/// Writes each stage's programme into `model_dir`, replacing an earlier
/// run's model files whole.
fn write_model(
    model_dir: &Path,
    s: &crate::scenario::Scenario,
    e: &Eligibility,
    optima: &[f64],
) -> Result<(), Error> {
    use crate::model::file::{each_stage, is_model_file};
    let quantities = crate::model::stages_for(&s.policy);
    let mut folder = crate::base::atomic::RunFolder::create(model_dir, is_model_file)?;
    let stages = each_stage(s, e, &quantities, optima, |stem, programme| {
        folder.write_with(&format!("{stem}.mps"), |w| programme.write_mps(w))?;
        folder.write_with(&format!("{stem}.lp"), |w| programme.write_lp(w))?;
        Ok::<(), Error>(())
    })?;
    folder.commit()?;
    ui::note(&tr!(
        s.meta.lang,
        "wrote-model",
        stages = stages,
        dir = display_dir(model_dir)
    ));
    Ok(())
}

/// No plan: the diagnosis goes where the plan would have (diagnosis.json and
/// the report), and on standard error.
fn solve_infeasible(
    args: &SolveArgs,
    dir: &Path,
    d: &crate::base::diagnosis::Diagnosis,
) -> Result<ExitCode, Error> {
    if args.format == Format::Json {
        stdout(&report::diagnosis::infeasible_json(d)?)?;
    }
    no_plan(dir, d)
}

/// A run without a plan: its diagnosis replaces whatever an earlier run left
/// in `dir` (diagnosis.json and the report), and goes on standard error.
fn no_plan(dir: &Path, d: &crate::base::diagnosis::Diagnosis) -> Result<ExitCode, Error> {
    super::output::write_result(dir, d, false)?;
    ui::error(&d.to_string());
    ui::note(&tr!(d.lang, "wrote-diagnosis", dir = display_dir(dir)));
    Ok(ExitCode::from(EXIT_INFEASIBLE))
}

/// Runs an analysis into `dir`: the folder is checked before the work, and
/// when the work finds no plan the folder holds its diagnosis, never an
/// earlier run's results.
fn in_folder(
    dir: &Path,
    format: Format,
    work: impl FnOnce(&Path) -> Result<ExitCode, Error>,
) -> Result<ExitCode, Error> {
    crate::base::atomic::check_destination(dir, report::output::is_run_file)?;
    match work(dir) {
        Err(Error::Infeasible(d)) => {
            // `--format json` prints the diagnosis, as `solve` does.
            if format == Format::Json {
                stdout(&report::diagnosis::infeasible_json(&d)?)?;
            }
            no_plan(dir, &d)
        }
        other => other,
    }
}

/// The folder of the analysis `command` on `input` (its scenario's name
/// needs the scenario read, with its variant and overrides).
fn analysis_folder(
    out: &AnalysisOutput,
    command: &'static str,
    input: &InputArgs,
) -> Result<PathBuf, Error> {
    let name = input.load()?.scenario.meta.name;
    Ok(input_run(&name, command, input).folder(out.out.as_deref()))
}

/// With `--verbose`: sizes, merging, the solver and the time taken.
fn solve_details(run: &Solved, started: std::time::Instant) {
    let s = run.scenario();
    let merged = run.reduced.as_ref().map_or(String::new(), |r| {
        format!(
            " ({} after merging alike workloads)",
            r.reduced.members.len()
        )
    });
    ui::detail(&format!(
        "{} workloads{merged}, {} providers, {} eligible pairs; {}; solved in {:.1?}",
        s.workloads.len(),
        s.providers.len(),
        run.eligibility.pair_count(),
        run.engine(),
        started.elapsed()
    ));
    for t in &run.timings {
        ui::detail(&format!("  {:>8.3} s  {}", t.seconds, t.step));
    }
    let lang = run.scenario().meta.lang;
    if let Some(line) = report::headline::gap_note(lang, run.mip_gap, GapOf::Plan) {
        ui::note(&line);
    }
    if !run.proven_optimal {
        ui::warn(&lang.text("time-limit-warning"));
        if let Some(line) = report::headline::stopped(run) {
            ui::warn(&line);
        }
        if run.interior_plan {
            ui::warn(&lang.text("interior-plan-warning"));
        }
    }
}

/// Ends an analysis: its result through the one output path into `dir`.
fn finish_analysis(
    out: &AnalysisOutput,
    dir: &Path,
    result: &dyn Output,
) -> Result<ExitCode, Error> {
    deliver(dir, result, !out.no_charts, out.format)?;
    let info = result.info();
    if let Some(line) = report::headline::gap_note(info.lang, info.mip_gap, GapOf::Analysis) {
        ui::note(&line);
    }
    Ok(ExitCode::SUCCESS)
}

/// The run of an analysis on one scenario input.
fn input_run<'a>(scenario: &'a str, command: &'static str, input: &'a InputArgs) -> RunName<'a> {
    RunName::of_analysis(scenario, command, input.variant.as_deref(), &input.sets)
}

pub fn compare_command(args: &CompareArgs) -> Result<ExitCode, Error> {
    if args.scenarios.len() > 1 {
        return compare_files_command(args);
    }
    let scenario = &args.scenarios[0];
    let columns = if args.variants.is_empty() {
        analysis::compare::default_columns(scenario, &compare_options(args))?
    } else {
        args.variants.iter().map(|v| v.trim().to_string()).collect()
    };
    within(
        "--variants",
        columns.len(),
        1,
        analysis::MAX_COLUMNS,
        "each column is a whole plan kept for the report",
    )?;
    let opts = compare_options(args);
    let cmp = analysis::compare::compare(scenario, &columns, &opts, args.output.solver)?;
    finish_compare(args, cmp, None)
}

/// `compare A.toml B.toml ...`: each file's base plan is a column.
fn compare_files_command(args: &CompareArgs) -> Result<ExitCode, Error> {
    if !args.variants.is_empty() {
        return usage(format!(
            "--variants compares the variants of one file; with {} files each column is a file's base plan (to compare a variant of each, give it in the file or use --set)",
            args.scenarios.len()
        ));
    }
    within(
        "scenario files",
        args.scenarios.len(),
        2,
        analysis::MAX_COLUMNS,
        "each column is a whole plan kept for the report",
    )?;
    let opts = compare_options(args);
    let cmp = analysis::compare::compare_files(&args.scenarios, &opts, args.output.solver)?;
    // The folder is the first file's, named after the files compared.
    let paths: Vec<String> = args
        .scenarios
        .iter()
        .map(|p| p.display().to_string())
        .collect();
    let paths: Vec<&str> = paths.iter().map(String::as_str).collect();
    let tag = crate::scenario::overrides_tag(&paths).unwrap_or_default();
    finish_compare(args, cmp, Some(format!("files-{tag}")))
}

/// compare's `--set` and `--lang`; each column brings its own variant.
fn compare_options(args: &CompareArgs) -> LoadOptions {
    LoadOptions::new(None, &args.sets).with_lang(args.lang)
}

fn finish_compare(
    args: &CompareArgs,
    mut cmp: analysis::compare::Comparison,
    variant: Option<String>,
) -> Result<ExitCode, Error> {
    if let Some(path) = &args.marginal {
        analysis::keep_marginals_all(cmp.columns.iter_mut().map(|c| &mut c.outcome), path)?;
    }
    let result = CompareOutput::new(&cmp);
    let run = RunName::of_analysis(&cmp.scenario, "compare", variant.as_deref(), &args.sets);
    finish_analysis(
        &args.output,
        &run.folder(args.output.out.as_deref()),
        &result,
    )
}

pub fn sweep_command(args: &SweepArgs) -> Result<ExitCode, Error> {
    use crate::analysis::sweep::{Axis, sweep};
    let mut axes = Vec::new();
    let mut fixed = Vec::new();
    for set in &args.input.sets {
        match Axis::parse(set, args.steps) {
            Ok(Some(axis)) => axes.push(axis),
            Ok(None) => fixed.push(set.clone()),
            Err(e) => return usage(e),
        }
    }
    if axes.is_empty() {
        return usage("sweep needs a --set PATH=FROM..TO or --set PATH=V1,V2,... to sweep");
    }
    if axes.len() > 2 {
        return usage(format!(
            "sweep takes one or two swept parameters (a grid), not {}",
            axes.len()
        ));
    }
    let points = axes
        .iter()
        .fold(1usize, |n, a| n.saturating_mul(a.values.len()));
    within(
        "a grid of",
        points,
        1,
        analysis::MAX_SOLVES,
        "points, each a whole solve: take fewer --steps or values",
    )?;
    let variant = args.input.variant.as_deref();
    let opts = LoadOptions::new(variant, &fixed).with_lang(args.input.lang);
    if let Some(path) = &args.marginal {
        // Before the points are solved, on the first point (a swept rule
        // may be one the base lacks, such as a budget).
        let mut first = fixed.clone();
        for a in &axes {
            if let Ok(set) = format!("{}={}", a.path, a.values[0]).parse() {
                first.push(set);
            }
        }
        let at_first = LoadOptions::new(variant, &first).with_lang(args.input.lang);
        analysis::check_marginal([&load(&args.input.scenario, &at_first)?.scenario], path)?;
    }
    let mut sw = sweep(&args.input.scenario, &opts, &axes, args.output.solver)?;
    if let Some(path) = &args.marginal {
        analysis::keep_marginals_all(sw.points.iter_mut().map(|p| &mut p.outcome), path)?;
    }
    // With no plan at any point there are no metrics to check against: the
    // points, each with its diagnosis, are the result (and exit 3).
    let any_plan = sw.points.iter().any(|p| p.outcome.solved().is_some());
    let known = sw.metric_names();
    if let Some(bad) = args.metrics.iter().find(|m| any_plan && !known.contains(m)) {
        return usage(format!(
            "unknown metric `{bad}`; the sweep has {}",
            crate::base::located::one_of(&known)
        ));
    }
    let scenario = match sw.points.iter().find_map(|p| p.outcome.solved()) {
        Some(run) => run.scenario().meta.name.clone(),
        None => {
            load(&args.input.scenario, &LoadOptions::default())?
                .scenario
                .meta
                .name
        }
    };
    let result = report::SweepOutput {
        sweep: &sw,
        scenario: scenario.clone(),
        metrics: &args.metrics,
    };
    let run = RunName::of_analysis(&scenario, "sweep", variant, &fixed);
    let code = finish_analysis(
        &args.output,
        &run.folder(args.output.out.as_deref()),
        &result,
    )?;
    if !any_plan {
        ui::error(&tr!(sw.lang, "sweep-no-plan", n = sw.points.len()));
        return Ok(ExitCode::from(EXIT_INFEASIBLE));
    }
    Ok(code)
}

pub fn frontier_command(args: &FrontierArgs) -> Result<ExitCode, Error> {
    let x = match Quantity::parse(&args.x) {
        Some(q @ (Quantity::MaxShare(_) | Quantity::HomeShare)) => q,
        _ => {
            return usage(format!(
                "--x `{}`: expected max_share:<dimension> or home_share",
                args.x
            ));
        }
    };
    let y = match Quantity::parse(&args.y) {
        Some(q) if q != x && q != Quantity::ProviderHhi => q,
        _ => {
            return usage(format!(
                "--y `{}`: expected cost, home_share or max_share:<dimension>, other than --x",
                args.y
            ));
        }
    };
    check_dimension_arg(&args.input, &x)?;
    let dir = analysis_folder(&args.output, "frontier", &args.input)?;
    in_folder(&dir, args.output.format, |dir| {
        let f = analysis::frontier::frontier(
            &args.input.scenario,
            &args.input.options(),
            x,
            y,
            args.points,
            args.output.solver,
        )?;
        finish_analysis(&args.output, dir, &f)
    })
}

pub fn tradeoff_command(args: &TradeoffArgs) -> Result<ExitCode, Error> {
    let dir = analysis_folder(&args.output, "tradeoff", &args.input)?;
    in_folder(&dir, args.output.format, |dir| {
        let t = analysis::tradeoff::tradeoff(
            &args.input.scenario,
            &args.input.options(),
            args.points,
            args.output.solver,
        )?;
        finish_analysis(&args.output, dir, &t)
    })
}

/// A dimension named on the command line must be defined on every provider.
fn check_dimension_arg(input: &InputArgs, q: &Quantity) -> Result<(), Error> {
    let Quantity::MaxShare(dim) = q else {
        return Ok(());
    };
    let loaded = input.load()?;
    let s = &loaded.scenario;
    let lacking: Vec<&str> = s
        .providers
        .iter()
        .filter(|p| dim.value_of(p).is_none())
        .map(|p| p.id.as_str())
        .collect();
    if lacking.is_empty() {
        return Ok(());
    }
    let d = crate::base::located::Diagnostic::new(format!(
        "dimension `{dim}` is not provider, company, country or a tag of every provider; these lack it: {}",
        crate::base::located::one_of(&lacking)
    ));
    Err(Error::Input(crate::base::located::Diagnostics {
        items: vec![d],
        sources: Vec::new(),
    }))
}

pub fn stress_command(args: &StressArgs) -> Result<ExitCode, Error> {
    use crate::analysis::stress;
    let loaded = args.input.load()?;
    let dims: Vec<Dimension> = if args.by.is_empty() {
        loaded.scenario.policy.survive_dimensions()
    } else {
        args.by.iter().map(|d| Dimension::parse(d.trim())).collect()
    };
    for d in &dims {
        check_dimension_arg(&args.input, &Quantity::MaxShare(d.clone()))?;
    }
    let dir = input_run(&loaded.scenario.meta.name, "stress", &args.input)
        .folder(args.output.out.as_deref());
    in_folder(&dir, args.output.format, |dir| {
        let run = solve(loaded, args.output.solver)?;
        let results = stress::plan_cutoffs(&run, &dims, args.output.solver)?;
        let mc = match args.samples {
            0 => None,
            n => Some(stress::monte_carlo(
                &run,
                n,
                args.seed,
                args.sampled,
                args.output.solver,
            )?),
        };
        let result = StressOutput {
            plan: PlanOutput::new(&run),
            results: &results,
            monte_carlo: mc.as_ref(),
        };
        finish_analysis(&args.output, dir, &result)
    })
}

pub fn pathway_command(args: &PathwayArgs) -> Result<ExitCode, Error> {
    let method = if args.myopic {
        analysis::pathway::Method::Myopic
    } else {
        analysis::pathway::Method::Joint
    };
    let dir = analysis_folder(&args.output, "pathway", &args.input)?;
    in_folder(&dir, args.output.format, |dir| {
        let p = analysis::pathway::pathway(
            &args.input.scenario,
            &args.input.options(),
            args.years,
            method,
            args.output.solver,
            args.time_limit,
        )?;
        finish_analysis(&args.output, dir, &PathwayOutput::new(&p))?;
        if p.stopped_early {
            ui::warn(&p.lang.text("time-limit-warning"));
        }
        // The years before stand in the files; the year without a plan is an error.
        if let Some((year, d)) = &p.infeasible {
            ui::error(&tr!(
                p.lang,
                "pathway-error",
                label = p.label(*year),
                year = *year,
                diagnosis = d.to_string()
            ));
            return Ok(ExitCode::from(EXIT_INFEASIBLE));
        }
        Ok(ExitCode::SUCCESS)
    })
}

pub fn alternatives_command(args: &AlternativesArgs) -> Result<ExitCode, Error> {
    if !(0.0..=1.0).contains(&args.slack) {
        return usage(format!(
            "--slack {}: expected a fraction in [0, 1]",
            args.slack
        ));
    }
    let dim = Dimension::parse(&args.dimension);
    check_dimension_arg(&args.input, &Quantity::MaxShare(dim.clone()))?;
    let dir = analysis_folder(&args.output, "alternatives", &args.input)?;
    in_folder(&dir, args.output.format, |dir| {
        let a = analysis::alternatives::alternatives(
            &args.input.scenario,
            &args.input.options(),
            &dim,
            args.slack,
            args.output.solver,
        )?;
        finish_analysis(&args.output, dir, &a)
    })
}

pub fn serve_command(args: &ServeArgs) -> Result<ExitCode, Error> {
    if !(args.time_limit.is_finite() && args.time_limit > 0.0) {
        return usage(format!(
            "--time-limit {}: a solve needs a positive number of seconds",
            args.time_limit
        ));
    }
    let config = crate::serve::Config {
        scenario: args.scenario.clone(),
        variant: args.variant.clone(),
        listen: args.listen,
        port: args.port,
        lang: args.lang,
        solver: args.solver,
        time_limit: args.time_limit,
    };
    let open = args.open;
    crate::serve::serve(config, |url, lang| {
        // The first line of standard output, for scripts to read. Where
        // it cannot be written, only a browser opened here has the token.
        let printed = stdout(format!("{url}\n").as_bytes());
        if !open {
            printed?;
        }
        ui::note(&lang.text("serve-stop"));
        if open {
            open_browser(url, lang);
        }
        Ok(())
    })?;
    Ok(ExitCode::SUCCESS)
}

/// Opens `url` in the desktop's browser, where there is one (a note
/// otherwise: the address is printed either way).
fn open_browser(url: &str, lang: Lang) {
    let opener = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(windows) {
        "explorer"
    } else {
        "xdg-open"
    };
    if std::process::Command::new(opener)
        .arg(url)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .is_err()
    {
        ui::note(&tr!(lang, "serve-no-browser", opener = opener));
    }
}
