//! The command line: clap definitions, turned once into library calls.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::chart::{self, Palette};
use crate::diagnose::Diagnosis;
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

const EXIT_CODES: &str = "\
Exit codes:
  0  success
  1  error in the scenario, the overrides, or reading/writing files
  2  usage error (unknown flag, missing argument)
  3  no feasible plan: the diagnosis says which rules conflict";

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
}

/// Runs one command; errors that a user made in their input are printed here
/// and become exit codes, so the caller only sees unexpected failures.
pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    let result = match cli.command {
        Command::Init(args) => init(&args),
        Command::Check(args) => check(&args),
        Command::Solve(args) => solve_command(&args),
    };
    match result {
        Ok(code) => Ok(code),
        Err(Error::Infeasible(d)) => {
            eprintln!("error: {d}");
            Ok(ExitCode::from(EXIT_INFEASIBLE))
        }
        Err(Error::Input(d)) => {
            eprintln!("{d}");
            Ok(ExitCode::from(EXIT_ERROR))
        }
        Err(e) => {
            eprintln!("error: {e}");
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
    eprintln!("wrote {p}\nnext:\n  tayoka check {p}\n  tayoka solve {p}");
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
    let diagnosis = Diagnosis::structural(&loaded, &e);
    if !bad_variants.is_empty() {
        eprintln!("{}", bad_variants.join("\n"));
        return Ok(ExitCode::from(EXIT_ERROR));
    }
    if !diagnosis.causes.is_empty() {
        return Err(Error::Infeasible(Box::new(diagnosis)));
    }
    println!(
        "ok: {} workloads, {} providers, {} eligible pairs{}",
        s.workloads.len(),
        s.providers.len(),
        e.pair_count(),
        if s.variants.is_empty() || args.input.variant.is_some() {
            String::new()
        } else {
            format!("; {} variants load", s.variants.len())
        }
    );
    Ok(ExitCode::SUCCESS)
}

fn solve_command(args: &SolveArgs) -> Result<ExitCode, Error> {
    let loaded = args.input.load()?;
    let run = match solve(loaded, args.solver) {
        Ok(run) => run,
        Err(Error::Infeasible(d)) if args.format == Format::Json => {
            stdout(&report::json::infeasible_json(&d)?)?;
            eprintln!("error: {d}");
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
    eprintln!("wrote {} files to {}", written.len(), display_dir(&dir));
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
