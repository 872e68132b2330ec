//! The command line: clap definitions, turned once into library calls.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::chart::{self, Palette};
use crate::eligibility::Eligibility;
use crate::error::Error;
use crate::plan::solve;
use crate::report::{self, Exporter, table};
use crate::scenario::{LoadOptions, Loaded, SetArg, load};
use crate::solver::SolverKind;

/// Exit code: an error in the input or in reading and writing files.
pub const EXIT_ERROR: u8 = 1;
/// Exit code: no plan satisfies every rule (a diagnosis is printed).
pub const EXIT_INFEASIBLE: u8 = 3;
/// Exit code: stopped by Ctrl-C, SIGTERM or SIGHUP (128 + SIGINT, as shells do).
pub const EXIT_INTERRUPTED: i32 = 130;

const EXIT_CODES: &str = "\
Exit codes:
    0  success
    1  error in the scenario, the overrides, or reading/writing files
    2  usage error (unknown flag, missing argument)
    3  no feasible plan: the diagnosis says which rules conflict
  130  interrupted (Ctrl-C, SIGTERM): files already written are whole, none is half-written";

const EXAMPLES: &str = "\
Examples:
  tayoka init my-scenario.toml
  tayoka check scenarios/japan-gov-2027.toml
  tayoka solve scenarios/japan-gov-2027.toml
  tayoka solve scenarios/japan-gov-2027.toml --variant sovereignty
  tayoka solve scenarios/japan-gov-2027.toml --set providers.aws.capacity=0
  tayoka solve scenarios/minimal.toml --format csv > allocation.csv";

#[derive(Debug, Parser)]
#[command(
    name = "tayoka",
    version,
    about = "Plan how a government spreads its AI workloads across domestic and foreign providers, so that it depends on no single provider, company or country.",
    after_help = format!("{EXAMPLES}\n\n{EXIT_CODES}"),
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
    /// Print nothing but results and errors (no notes, warnings or progress).
    #[arg(long, short, global = true, conflicts_with = "verbose")]
    pub quiet: bool,
    /// Print details: sizes, aggregation, solver, time taken.
    #[arg(long, global = true)]
    pub verbose: bool,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Write a commented starter scenario that solves as written.
    #[command(after_help = "Examples:\n  tayoka init\n  tayoka init scenarios/my-ministry.toml")]
    Init(InitArgs),
    /// Validate a scenario and show which provider may serve which workload, and why not.
    #[command(after_help = format!("Examples:\n  tayoka check scenarios/japan-gov-2027.toml\n  tayoka check scenarios/japan-gov-2027.toml --variant us-cut\n\n{EXIT_CODES}"))]
    Check(CheckArgs),
    /// Solve a scenario: the allocation, its shares and metrics, and the output files.
    #[command(after_help = format!("Examples:\n  tayoka solve scenarios/japan-gov-2027.toml\n  tayoka solve scenarios/japan-gov-2027.toml --variant @cost --out /tmp/cost\n  tayoka solve scenarios/japan-gov-2027.toml --set policy.limits.us.max_share=0.4\n  tayoka solve scenarios/minimal.toml --format json | jq .metrics\n\n{EXIT_CODES}"))]
    Solve(SolveArgs),
    /// Compare the base plan with variants and presets side by side.
    #[command(after_help = format!("Examples:\n  tayoka compare scenarios/japan-gov-2027.toml\n  tayoka compare scenarios/japan-gov-2027.toml --variants base,@sovereignty,@cost\n  tayoka compare scenarios/japan-gov-2027.toml --variants sovereignty,us-cut --set policy.budget=4.5e10\n\n{EXIT_CODES}"))]
    Compare(CompareArgs),
    /// Solve over a range or list of values of one or two numeric paths.
    #[command(after_help = format!("Examples:\n  tayoka sweep scenarios/japan-gov-2027.toml --set policy.limits.any-provider.max_share=0.1..0.5 --steps 9\n  tayoka sweep scenarios/japan-gov-2027.toml --set policy.budget=3.6e10,3.8e10,4e10\n  tayoka sweep scenarios/japan-gov-2027.toml --set providers.sakura.capacity=0..40000 --steps 5 \\\n      --set policy.limits.us.max_share=0.4,0.6 --metrics total_cost,home_share\n\n{EXIT_CODES}"))]
    Sweep(SweepArgs),
    /// Trace the Pareto frontier between cost and concentration (epsilon-constraint).
    #[command(after_help = format!("Examples:\n  tayoka frontier scenarios/japan-gov-2027.toml\n  tayoka frontier scenarios/japan-gov-2027.toml --x max_share:country --points 15\n  tayoka frontier scenarios/japan-gov-2027.toml --x home_share\n\n{EXIT_CODES}"))]
    Frontier(FrontierArgs),
    /// Stress-test a plan: single cut-offs of providers, companies, countries; Monte Carlo outages.
    #[command(after_help = format!("Examples:\n  tayoka stress scenarios/japan-gov-2027.toml\n  tayoka stress scenarios/japan-gov-2027.toml --variant resilience --by provider,country\n  tayoka stress scenarios/japan-gov-2027.toml --samples 100000 --seed 7\n\n{EXIT_CODES}"))]
    Stress(StressArgs),
    /// Plan a multi-year transition from today's split under policy.max_change.
    #[command(after_help = format!("Examples:\n  tayoka pathway scenarios/japan-gov-2027.toml --years 8\n  tayoka pathway scenarios/japan-gov-2027.toml --years 8 --set policy.max_change=0.2\n\n{EXIT_CODES}"))]
    Pathway(PathwayArgs),
    /// Print a shell completion script: bash, zsh, fish, powershell or elvish.
    #[command(
        after_help = "Examples:\n  tayoka completions bash > ~/.local/share/bash-completion/completions/tayoka\n  tayoka completions zsh > ~/.zfunc/_tayoka\n  tayoka completions fish > ~/.config/fish/completions/tayoka.fish"
    )]
    Completions { shell: clap_complete::Shell },
    /// Print the JSON Schema of the scenario format (for editor completion and checks).
    #[command(
        after_help = "Examples:\n  tayoka schema > tayoka.schema.json\n  # then start a scenario with:  #:schema ./tayoka.schema.json"
    )]
    Schema,
    /// Print the man page (roff) on standard output.
    #[command(after_help = "Examples:\n  tayoka man > tayoka.1 && man ./tayoka.1")]
    Man,
    /// Near-optimal ranges: how far each share can move while staying close to the optimum.
    #[command(after_help = format!("Examples:\n  tayoka alternatives scenarios/japan-gov-2027.toml\n  tayoka alternatives scenarios/japan-gov-2027.toml --variant @cost --slack 0.05 --dimension country\n\n{EXIT_CODES}"))]
    Alternatives(AlternativesArgs),
}

/// Where an analysis writes, and with what.
#[derive(Debug, Args)]
pub struct AnalysisOutput {
    /// Output folder [default: output/<scenario.name>/<command>[-<variant>]].
    #[arg(long, short, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// The solver backend.
    #[arg(long, default_value = "microlp", value_name = "NAME")]
    pub solver: SolverKind,
    /// Skip the charts (SVG and PNG); report.html is written without them.
    #[arg(long)]
    pub no_charts: bool,
}

#[derive(Debug, Args)]
pub struct CompareArgs {
    /// The scenario TOML file.
    pub scenario: PathBuf,
    /// Columns, in order: `base`, variant names, presets (@diversify, @sovereignty, @cost)
    /// [default: base and every variant of the file].
    #[arg(long, value_delimiter = ',', value_name = "A,B,...")]
    pub variants: Vec<String>,
    /// Override one value in every column (repeatable).
    #[arg(long = "set", value_name = "PATH=VALUE")]
    pub sets: Vec<SetArg>,
    #[command(flatten)]
    pub output: AnalysisOutput,
}

#[derive(Debug, Args)]
pub struct SweepArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// Points of each FROM..TO range (both ends included).
    #[arg(long, default_value_t = crate::analysis::sweep::DEFAULT_STEPS)]
    pub steps: usize,
    /// Metrics to chart against the parameter.
    #[arg(
        long,
        value_delimiter = ',',
        default_value = "total_cost,max_share:provider,home_share"
    )]
    pub metrics: Vec<String>,
    #[command(flatten)]
    pub output: AnalysisOutput,
}

#[derive(Debug, Args)]
pub struct FrontierArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// The concentration measure: max_share:<dimension> or home_share.
    #[arg(long, default_value = "max_share:provider")]
    pub x: String,
    /// The measure minimised at each cap.
    #[arg(long, default_value = "cost")]
    pub y: String,
    /// Points on the frontier (both ends included).
    #[arg(long, default_value_t = crate::analysis::frontier::DEFAULT_POINTS)]
    pub points: usize,
    #[command(flatten)]
    pub output: AnalysisOutput,
}

#[derive(Debug, Args)]
pub struct StressArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// Dimensions whose values are cut off one at a time
    /// [default: policy.survive.dimensions, or provider,company,country].
    #[arg(long, value_delimiter = ',', value_name = "DIM,...")]
    pub by: Vec<String>,
    /// Monte Carlo samples of independent outages (0: none).
    #[arg(long, default_value_t = 0)]
    pub samples: usize,
    /// The Monte Carlo seed: the same seed gives the same samples.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    #[command(flatten)]
    pub output: AnalysisOutput,
}

#[derive(Debug, Args)]
pub struct PathwayArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// The most years to plan; it stops earlier once the plan no longer changes.
    #[arg(long, default_value_t = 10)]
    pub years: usize,
    #[command(flatten)]
    pub output: AnalysisOutput,
}

#[derive(Debug, Args)]
pub struct AlternativesArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// How far the first stage may move from its optimum: a fraction of cost,
    /// or share points for a share.
    #[arg(long, default_value_t = 0.05)]
    pub slack: f64,
    /// The dimension whose shares get ranges: provider, company, country or a tag.
    #[arg(long, default_value = "provider")]
    pub dimension: String,
    #[command(flatten)]
    pub output: AnalysisOutput,
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// Where to write the scenario.
    #[arg(default_value = "scenario.toml")]
    pub path: PathBuf,
    /// Replace the file if it exists.
    #[arg(long)]
    pub force: bool,
}

/// The scenario and the overrides applied to it.
#[derive(Debug, Args)]
pub struct InputArgs {
    /// The scenario TOML file.
    pub scenario: PathBuf,
    /// A variant from the file's [variants], or a preset: @diversify, @sovereignty, @cost.
    #[arg(long, short = 'v', value_name = "NAME")]
    pub variant: Option<String>,
    /// Override one value by its TOML path, after the variant (repeatable).
    #[arg(long = "set", value_name = "PATH=VALUE")]
    pub sets: Vec<SetArg>,
}

impl InputArgs {
    fn load(&self) -> Result<Loaded, Error> {
        load(
            &self.scenario,
            &LoadOptions {
                variant: self.variant.clone(),
                sets: self.sets.clone(),
            },
        )
    }
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub input: InputArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// A summary for people, on standard output.
    Table,
    /// plan.json on standard output.
    Json,
    /// allocation.csv on standard output.
    Csv,
}

#[derive(Debug, Args)]
pub struct SolveArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// Output folder [default: output/<scenario.name>/<variant|base>].
    #[arg(long, short, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// What to print on standard output; the files are written either way.
    #[arg(long, short, value_enum, default_value_t = Format::Table)]
    pub format: Format,
    /// The solver backend.
    #[arg(long, default_value = "microlp", value_name = "NAME")]
    pub solver: SolverKind,
    /// Skip the charts (SVG and PNG); report.html is written without them.
    #[arg(long)]
    pub no_charts: bool,
    /// Stop solving after this many seconds and keep the best plan found
    /// (marked as not proven optimal); without one, solve to optimality.
    #[arg(long, value_name = "SECS")]
    pub time_limit: Option<f64>,
}

/// Runs one command; errors that a user made in their input are printed here
/// and become exit codes, so the caller only sees unexpected failures.
pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    crate::ui::set_level(cli.quiet, cli.verbose);
    let result = match cli.command {
        Command::Init(args) => init(&args),
        Command::Check(args) => check(&args),
        Command::Solve(args) => solve_command(&args),
        Command::Compare(args) => compare_command(&args),
        Command::Sweep(args) => sweep_command(&args),
        Command::Frontier(args) => frontier_command(&args),
        Command::Alternatives(args) => alternatives_command(&args),
        Command::Stress(args) => stress_command(&args),
        Command::Pathway(args) => pathway_command(&args),
        Command::Completions { shell } => {
            let mut cmd = <Cli as clap::CommandFactory>::command();
            clap_complete::generate(shell, &mut cmd, "tayoka", &mut std::io::stdout());
            Ok(ExitCode::SUCCESS)
        }
        Command::Schema => {
            let mut text = serde_json::to_vec_pretty(&crate::schema::schema())
                .map_err(|e| Error::Solver(format!("JSON output: {e}")))?;
            text.push(b'\n');
            stdout(&text).map(|()| ExitCode::SUCCESS)
        }
        Command::Man => {
            let cmd = <Cli as clap::CommandFactory>::command();
            let mut page = Vec::new();
            clap_mangen::Man::new(cmd)
                .render(&mut page)
                .map_err(|source| Error::Write {
                    path: PathBuf::from("<standard output>"),
                    source,
                })
                .and_then(|()| stdout(&page))
                .map(|()| ExitCode::SUCCESS)
        }
    };
    match result {
        Ok(code) => Ok(code),
        Err(Error::Infeasible(d)) => {
            eprintln!("{}: {d}", crate::ui::error_label());
            Ok(ExitCode::from(EXIT_INFEASIBLE))
        }
        Err(Error::Input(d)) => {
            eprintln!("{d}");
            Ok(ExitCode::from(EXIT_ERROR))
        }
        Err(Error::Usage(m)) => usage(m).map_err(anyhow::Error::from),
        Err(e) => {
            eprintln!("{}: {e}", crate::ui::error_label());
            Ok(ExitCode::from(EXIT_ERROR))
        }
    }
}

/// The starter scenario that `init` writes.
pub const STARTER: &str = include_str!("starter.toml");

fn init(args: &InitArgs) -> Result<ExitCode, Error> {
    if args.path.exists() && !args.force {
        eprintln!(
            "error: `{}` exists; pass --force to replace it, or name another file",
            args.path.display()
        );
        return Ok(ExitCode::from(EXIT_ERROR));
    }
    report::write_atomic(&args.path, STARTER.as_bytes())?;
    let p = args.path.display();
    crate::ui::note(&format!(
        "wrote {p}\nnext:\n  tayoka check {p}\n  tayoka solve {p}"
    ));
    Ok(ExitCode::SUCCESS)
}

fn check(args: &CheckArgs) -> Result<ExitCode, Error> {
    let loaded = args.input.load()?;
    let s = &loaded.scenario;
    let e = Eligibility::compute(s);
    let mut out = table::eligibility_report(s, &e);
    for w in table::eligibility_warnings(s, &e) {
        out.push_str(&format!("warning: {w}\n"));
    }
    // With no variant named, every variant must load too.
    let mut bad_variants = Vec::new();
    if args.input.variant.is_none() {
        for name in s.variants.keys() {
            let opts = LoadOptions {
                variant: Some(name.clone()),
                sets: args.input.sets.clone(),
            };
            if let Err(err) = load(&args.input.scenario, &opts) {
                bad_variants.push(format!("variant `{name}`:\n{err}"));
            }
        }
    }
    print!("{out}");
    if !bad_variants.is_empty() {
        eprintln!("{}", bad_variants.join("\n"));
        return Ok(ExitCode::from(EXIT_ERROR));
    }
    // A plan must exist: the solve finds out, and diagnoses it if not.
    let (workloads, providers) = (s.workloads.len(), s.providers.len());
    let variants = if s.variants.is_empty() || args.input.variant.is_some() {
        String::new()
    } else {
        format!("; {} variants load", s.variants.len())
    };
    solve(loaded, SolverKind::default())?;
    println!(
        "ok: {workloads} workloads, {providers} providers, {} eligible pairs{variants}; a feasible plan exists",
        e.pair_count()
    );
    Ok(ExitCode::SUCCESS)
}

fn solve_command(args: &SolveArgs) -> Result<ExitCode, Error> {
    let started = std::time::Instant::now();
    let loaded = args.input.load()?;
    if let Some(t) = args.time_limit
        && !(t.is_finite() && t > 0.0)
    {
        return usage(format!(
            "--time-limit {t}: expected a positive number of seconds"
        ));
    }
    let spec = crate::plan::Spec {
        time_limit: args.time_limit,
        ..Default::default()
    };
    let run = match crate::plan::solve_spec(loaded, args.solver, &spec) {
        Ok(run) => run,
        Err(Error::Infeasible(d)) => {
            // The diagnosis goes where the plan would have: report and JSON.
            let dir = match &args.out {
                Some(d) => d.clone(),
                None => Path::new("output").join(&d.scenario).join(&d.variant),
            };
            let json = report::json::infeasible_json(&d)?;
            report::write_atomic(&dir.join("diagnosis.json"), &json)?;
            report::write_atomic(
                &dir.join("report.html"),
                report::html::diagnosis_report(&d).as_bytes(),
            )?;
            if args.format == Format::Json {
                stdout(&json)?;
            }
            eprintln!("{}: {d}", crate::ui::error_label());
            crate::ui::note(&format!("wrote the diagnosis to {}", display_dir(&dir)));
            return Ok(ExitCode::from(EXIT_INFEASIBLE));
        }
        Err(e) => return Err(e),
    };
    let dir = report::output_dir(&run, args.out.as_deref());
    let mut written = report::write_plan_files(&run, &dir)?;
    let palette = Palette::new(run.scenario());
    let charts = if args.no_charts {
        Vec::new()
    } else {
        chart::plan_charts(&run, &palette)
    };
    written.extend(chart::write_charts(&charts, &dir)?);
    let report_path = dir.join("report.html");
    report::write_atomic(
        &report_path,
        report::html::plan_report(&run, &charts).as_bytes(),
    )?;
    written.push(report_path);
    match args.format {
        Format::Table => print!("{}", table::summary(&run)),
        Format::Json => stdout(&report::json::PlanJson.render(&run)?)?,
        Format::Csv => stdout(&report::csv::AllocationCsv.render(&run)?)?,
    }
    crate::ui::note(&format!(
        "wrote {} files to {}",
        written.len(),
        display_dir(&dir)
    ));
    let s = run.scenario();
    let merged = run.reduced.as_ref().map_or(String::new(), |r| {
        format!(
            " ({} after merging alike workloads)",
            r.reduced.members.len()
        )
    });
    crate::ui::detail(&format!(
        "{} workloads{merged}, {} providers, {} eligible pairs; {}; solved in {:.1?}",
        s.workloads.len(),
        s.providers.len(),
        run.eligibility.pair_count(),
        run.solver.version(),
        started.elapsed()
    ));
    if !run.proven_optimal {
        crate::ui::warn(
            "the time limit stopped the solver before it proved the optimum; this is the best plan found, and it satisfies every rule",
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// The folder of an analysis: `--out`, or `output/<scenario>/<command>[-<variant>]`.
fn analysis_dir(
    out: &AnalysisOutput,
    scenario: &str,
    command: &str,
    variant: Option<&str>,
) -> PathBuf {
    match &out.out {
        Some(d) => d.clone(),
        None => {
            let leaf = match variant {
                Some(v) => format!("{command}-{v}"),
                None => command.to_string(),
            };
            Path::new("output").join(scenario).join(leaf)
        }
    }
}

/// Writes an analysis's files, its charts (unless --no-charts) and its report.
fn write_analysis(
    dir: &Path,
    files: Vec<(&str, Vec<u8>)>,
    charts: &[Box<dyn chart::Chart + '_>],
    report_html: String,
) -> Result<(), Error> {
    let mut n = 0;
    for (name, bytes) in files {
        report::write_atomic(&dir.join(name), &bytes)?;
        n += 1;
    }
    n += chart::write_charts(charts, dir)?.len();
    report::write_atomic(&dir.join("report.html"), report_html.as_bytes())?;
    crate::ui::note(&format!("wrote {} files to {}", n + 1, display_dir(dir)));
    Ok(())
}

fn usage(message: String) -> Result<ExitCode, Error> {
    eprintln!("{}: {message}", crate::ui::error_label());
    Ok(ExitCode::from(2))
}

fn compare_command(args: &CompareArgs) -> Result<ExitCode, Error> {
    let columns = if args.variants.is_empty() {
        crate::analysis::compare::default_columns(&args.scenario, &args.sets)?
    } else {
        args.variants.iter().map(|v| v.trim().to_string()).collect()
    };
    let cmp = crate::analysis::compare::compare(
        &args.scenario,
        &columns,
        &args.sets,
        args.output.solver,
    )?;
    let first = cmp.columns.iter().find_map(|c| c.outcome.solved());
    let palette = first.map(|r| Palette::new(r.scenario()));
    let charts: Vec<Box<dyn chart::Chart + '_>> = match (&palette, first, args.output.no_charts) {
        (Some(p), Some(run), false) => vec![
            Box::new(chart::CompareMetricsChart { cmp: &cmp }),
            Box::new(chart::StackedSharesChart::compare(&cmp, p, run.scenario())),
        ],
        _ => Vec::new(),
    };
    print!("{}", report::analysis::compare_terminal(&cmp));
    let dir = analysis_dir(&args.output, &cmp.scenario, "compare", None);
    let files = vec![
        ("compare.csv", cmp.csv()?),
        ("compare.json", cmp.json()?),
        ("changes.csv", cmp.moves_csv()?),
    ];
    write_analysis(
        &dir,
        files,
        &charts,
        report::analysis::compare_html(&cmp, &charts),
    )?;
    Ok(ExitCode::SUCCESS)
}

fn sweep_command(args: &SweepArgs) -> Result<ExitCode, Error> {
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
        return usage("sweep needs a --set PATH=FROM..TO or --set PATH=V1,V2,... to sweep".into());
    }
    if axes.len() > 2 {
        return usage(format!(
            "sweep takes one or two swept parameters (a grid), not {}",
            axes.len()
        ));
    }
    let sw = sweep(
        &args.input.scenario,
        args.input.variant.as_deref(),
        &fixed,
        &axes,
        args.output.solver,
    )?;
    let known = sw.metric_names();
    if let Some(bad) = args.metrics.iter().find(|m| !known.contains(m)) {
        return usage(format!(
            "unknown metric `{bad}`; the sweep has {}",
            crate::diagnostic::one_of(&known)
        ));
    }
    let scenario = sw
        .points
        .iter()
        .find_map(|p| p.outcome.solved())
        .map(|r| r.scenario().meta.name.clone());
    let scenario = match scenario {
        Some(name) => name,
        None => {
            load(&args.input.scenario, &LoadOptions::default())?
                .scenario
                .meta
                .name
        }
    };
    let charts: Vec<Box<dyn chart::Chart + '_>> = if args.output.no_charts {
        Vec::new()
    } else {
        vec![Box::new(chart::SweepChart {
            sweep: &sw,
            metrics: &args.metrics,
        })]
    };
    print!("{}", report::analysis::sweep_terminal(&sw, &args.metrics));
    let dir = analysis_dir(
        &args.output,
        &scenario,
        "sweep",
        args.input.variant.as_deref(),
    );
    let html = report::analysis::sweep_html(&sw, &scenario, &args.metrics, &charts);
    write_analysis(&dir, vec![("sweep.csv", sw.csv()?)], &charts, html)?;
    Ok(ExitCode::SUCCESS)
}

fn frontier_command(args: &FrontierArgs) -> Result<ExitCode, Error> {
    use crate::model::Quantity;
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
    let f = crate::analysis::frontier::frontier(
        &args.input.scenario,
        args.input.variant.as_deref(),
        &args.input.sets,
        x,
        y,
        args.points,
        args.output.solver,
    )?;
    let charts: Vec<Box<dyn chart::Chart + '_>> = if args.output.no_charts {
        Vec::new()
    } else {
        vec![Box::new(chart::FrontierChart { frontier: &f })]
    };
    print!("{}", report::analysis::frontier_terminal(&f));
    let dir = analysis_dir(
        &args.output,
        &f.scenario,
        "frontier",
        args.input.variant.as_deref(),
    );
    write_analysis(
        &dir,
        vec![("frontier.csv", f.csv()?)],
        &charts,
        report::analysis::frontier_html(&f, &charts),
    )?;
    Ok(ExitCode::SUCCESS)
}

/// A dimension named on the command line must be defined on every provider.
fn check_dimension_arg(input: &InputArgs, q: &crate::model::Quantity) -> Result<(), Error> {
    let crate::model::Quantity::MaxShare(dim) = q else {
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
    let d = crate::diagnostic::Diagnostic::new(format!(
        "dimension `{dim}` is not provider, company, country or a tag of every provider; these lack it: {}",
        crate::diagnostic::one_of(&lacking)
    ));
    Err(Error::Input(crate::diagnostic::Diagnostics {
        items: vec![d],
        sources: Vec::new(),
    }))
}

fn stress_command(args: &StressArgs) -> Result<ExitCode, Error> {
    use crate::analysis::stress;
    let loaded = args.input.load()?;
    let dims: Vec<crate::scenario::Dimension> = if args.by.is_empty() {
        loaded.scenario.policy.survive_dimensions()
    } else {
        args.by
            .iter()
            .map(|d| crate::scenario::Dimension::parse(d.trim()))
            .collect()
    };
    for d in &dims {
        check_dimension_arg(&args.input, &crate::model::Quantity::MaxShare(d.clone()))?;
    }
    let run = solve(loaded, args.output.solver)?;
    let s = run.scenario();
    let results = stress::plan_cutoffs(&run, &dims, args.output.solver)?;
    let mc = match args.samples {
        0 => None,
        n => Some(stress::monte_carlo(&run, n, args.seed, args.output.solver)?),
    };
    print!(
        "{}",
        report::analysis::stress_terminal(s, &results, mc.as_ref())
    );
    let palette = Palette::new(s);
    let mut charts: Vec<Box<dyn chart::Chart + '_>> = Vec::new();
    if !args.output.no_charts {
        charts = chart::plan_charts(&run, &palette);
        charts.push(Box::new(chart::HeatmapChart {
            scenario: s,
            results: &results,
        }));
        if let Some(mc) = &mc {
            charts.push(Box::new(chart::HistogramChart {
                mc,
                scenario: &s.meta.name,
            }));
        }
    }
    let plan_charts: Vec<Box<dyn chart::Chart + '_>> = if args.output.no_charts {
        Vec::new()
    } else {
        chart::plan_charts(&run, &palette)
    };
    let mut page = report::html::plan_page(&run, &plan_charts);
    report::analysis::stress_sections(&mut page, s, &results, mc.as_ref(), &charts);
    let dir = analysis_dir(
        &args.output,
        &s.meta.name,
        "stress",
        args.input.variant.as_deref(),
    );
    let mut files: Vec<(&str, Vec<u8>)> = Vec::new();
    for e in report::plan_exporters() {
        files.push((e.file_name(), e.render(&run)?));
    }
    files.push(("stress.csv", stress::events_csv(s, &results)?));
    files.push(("stress-workloads.csv", stress::impacts_csv(s, &results)?));
    if let Some(mc) = &mc {
        files.push(("montecarlo.csv", stress::montecarlo_csv(s, mc)?));
    }
    write_analysis(&dir, files, &charts, page.render())?;
    Ok(ExitCode::SUCCESS)
}

fn pathway_command(args: &PathwayArgs) -> Result<ExitCode, Error> {
    use crate::analysis::pathway::{Pathway, pathway};
    if args.years == 0 {
        return usage("--years must be at least 1".into());
    }
    let p = pathway(
        &args.input.scenario,
        args.input.variant.as_deref(),
        &args.input.sets,
        args.years,
        args.output.solver,
    )?;
    let s = &p.loaded.scenario;
    let palette = Palette::new(s);
    let charts: Vec<Box<dyn chart::Chart + '_>> = if args.output.no_charts {
        Vec::new()
    } else {
        vec![Box::new(chart::StackedSharesChart {
            name: "pathway",
            title: format!("Provider shares year by year — {}", p.scenario),
            subtitle: format!(
                "From today's split, at most {} of each workload moves each year.",
                report::percent(p.max_change)
            ),
            scenario: s,
            palette: &palette,
            rows: p
                .years
                .iter()
                .map(|y| (Pathway::label(y.year), y.metrics.shares_of("provider")))
                .collect(),
        })]
    };
    print!("{}", report::analysis::pathway_terminal(&p));
    let dir = analysis_dir(
        &args.output,
        &p.scenario,
        "pathway",
        args.input.variant.as_deref(),
    );
    write_analysis(
        &dir,
        vec![("pathway.csv", p.csv()?)],
        &charts,
        report::analysis::pathway_html(&p, &charts),
    )?;
    Ok(ExitCode::SUCCESS)
}

fn alternatives_command(args: &AlternativesArgs) -> Result<ExitCode, Error> {
    if !(0.0..=1.0).contains(&args.slack) {
        return usage(format!(
            "--slack {}: expected a fraction in [0, 1]",
            args.slack
        ));
    }
    let dim = crate::scenario::Dimension::parse(&args.dimension);
    check_dimension_arg(&args.input, &crate::model::Quantity::MaxShare(dim.clone()))?;
    let a = crate::analysis::alternatives::alternatives(
        &args.input.scenario,
        args.input.variant.as_deref(),
        &args.input.sets,
        &dim,
        args.slack,
        args.output.solver,
    )?;
    let charts: Vec<Box<dyn chart::Chart + '_>> = if args.output.no_charts {
        Vec::new()
    } else {
        vec![Box::new(chart::RangeChart { alt: &a })]
    };
    print!("{}", report::analysis::alternatives_terminal(&a));
    let dir = analysis_dir(
        &args.output,
        &a.scenario,
        "alternatives",
        args.input.variant.as_deref(),
    );
    write_analysis(
        &dir,
        vec![("alternatives.csv", a.csv()?)],
        &charts,
        report::analysis::alternatives_html(&a, &charts),
    )?;
    Ok(ExitCode::SUCCESS)
}

fn display_dir(dir: &Path) -> String {
    format!("{}/", dir.display())
}

fn stdout(bytes: &[u8]) -> Result<(), Error> {
    let mut out = std::io::stdout().lock();
    out.write_all(bytes)
        .and_then(|()| out.flush())
        .map_err(|source| Error::Write {
            path: PathBuf::from("<standard output>"),
            source,
        })
}
