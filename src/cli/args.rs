//! The command line's arguments: clap definitions, with the examples that
//! `--help` prints (each runs as printed; tests/cli/help.rs runs them).

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::base::error::Error;
use crate::base::lang::Lang;
use crate::model::backend::SolverKind;
use crate::scenario::{LoadOptions, Loaded, SetArg, load};

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

const INIT_EXAMPLES: &str = r"Examples:
  tayoka init
  tayoka init scenarios/my-ministry.toml";
const CHECK_EXAMPLES: &str = r"Examples:
  tayoka check scenarios/japan-gov-2027.toml
  tayoka check scenarios/japan-gov-2027.toml --variant us-cut";
const SOLVE_EXAMPLES: &str = r"Examples:
  tayoka solve scenarios/japan-gov-2027.toml
  tayoka solve scenarios/japan-gov-2027.toml --variant @cost --out cost-plan
  tayoka solve scenarios/japan-gov-2027.toml \
      --set policy.limits.us.max_share=0.4
  tayoka solve scenarios/minimal.toml --format json > plan.json
  tayoka solve scenarios/japan-gov-2027.toml --lang ja --out plan-ja
  tayoka solve scenarios/japan-gov-2027.toml --write-model model";
const SERVE_EXAMPLES: &str = r"Examples:
  tayoka serve scenarios/japan-gov-2027.toml
  tayoka serve scenarios/japan-gov-2027.toml --lang ja --port 8765
  tayoka serve scenarios/minimal.toml --variant cost --open";
const COMPARE_EXAMPLES: &str = r"Examples:
  tayoka compare scenarios/japan-gov-2027.toml
  tayoka compare scenarios/japan-gov-2027.toml \
      --variants base,@sovereignty,@cost
  tayoka compare scenarios/japan-gov-2027.toml \
      --variants economics+@cost,economics
  tayoka compare scenarios/japan-gov-2027.toml --variants sovereignty,us-cut \
      --set policy.budget=4.5e10
  tayoka compare scenarios/minimal.toml scenarios/japan-gov-2027.toml";
const SWEEP_EXAMPLES: &str = r"Examples:
  tayoka sweep scenarios/japan-gov-2027.toml \
      --set policy.limits.any-provider.max_share=0.1..0.5 --steps 9
  tayoka sweep scenarios/japan-gov-2027.toml \
      --set policy.budget=3.6e10,3.8e10,4e10
  tayoka sweep scenarios/japan-gov-2027.toml \
      --set providers.sakura.capacity=0..40000 --steps 5 \
      --set policy.limits.us.max_share=0.4,0.6 \
      --metrics total_cost,home_share";
const TRADEOFF_EXAMPLES: &str = r"Examples:
  tayoka tradeoff scenarios/japan-gov-2027.toml
  tayoka tradeoff scenarios/japan-gov-2027.toml --points 5 --lang ja
  tayoka tradeoff scenarios/japan-gov-2027.toml --set policy.budget=4.2e10

Each point holds the home share at a floor, then runs the diversify stages
(policy.diversify), then cost: from the diversify optimum to the highest
home share any plan reaches.";
const FRONTIER_EXAMPLES: &str = r"Examples:
  tayoka frontier scenarios/japan-gov-2027.toml
  tayoka frontier scenarios/japan-gov-2027.toml \
      --x max_share:country --points 15
  tayoka frontier scenarios/japan-gov-2027.toml --x home_share";
const STRESS_EXAMPLES: &str = r"Examples:
  tayoka stress scenarios/japan-gov-2027.toml
  tayoka stress scenarios/japan-gov-2027.toml --variant resilience \
      --by provider,country
  tayoka stress scenarios/japan-gov-2027.toml --samples 100000
  tayoka stress scenarios/japan-gov-2027.toml --samples 100000 --seed 7 \
      --sampled";
const PATHWAY_EXAMPLES: &str = r"Examples:
  tayoka pathway scenarios/japan-gov-2027.toml --variant transition
  tayoka pathway scenarios/japan-gov-2027.toml --variant transition --myopic
  tayoka pathway scenarios/japan-gov-2027.toml --variant transition \
      --years 4 --set pathway.demand_growth=0
  tayoka pathway scenarios/japan-gov-2027.toml --variant transition \
      --years 20 --set pathway.demand_growth=0 --time-limit 60 --verbose

The years come from [pathway] (start, years, changes by year, demand
growth) and [providers.X.expand] (capacity that may be built); at most
50 years, planned as one model.";
const COMPLETIONS_EXAMPLES: &str = r"Examples:
  tayoka completions bash > tayoka.bash
  tayoka completions zsh > _tayoka
  tayoka completions fish > tayoka.fish

Install: bash reads ~/.local/share/bash-completion/completions/tayoka,
zsh a _tayoka in a folder of $fpath, fish ~/.config/fish/completions/.";
const SCHEMA_EXAMPLES: &str = r"Examples:
  tayoka schema > tayoka.schema.json

Then start a scenario with the line  #:schema ./tayoka.schema.json";
const MAN_EXAMPLES: &str = r"Examples:
  tayoka man > tayoka.1

Then read it with  man ./tayoka.1";
const ALTERNATIVES_EXAMPLES: &str = r"Examples:
  tayoka alternatives scenarios/japan-gov-2027.toml
  tayoka alternatives scenarios/japan-gov-2027.toml --variant @cost \
      --slack 0.05 --dimension country";

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
    #[command(after_help = INIT_EXAMPLES)]
    Init(InitArgs),
    /// Validate a scenario and show which provider may serve which workload, and why not.
    #[command(after_help = format!("{CHECK_EXAMPLES}\n\n{EXIT_CODES}"))]
    Check(CheckArgs),
    /// Solve a scenario: the allocation, its shares and metrics, and the output files.
    #[command(after_help = format!("{SOLVE_EXAMPLES}\n\n{EXIT_CODES}"))]
    Solve(SolveArgs),
    /// Compare the base plan with variants and presets side by side.
    #[command(after_help = format!("{COMPARE_EXAMPLES}\n\n{EXIT_CODES}"))]
    Compare(CompareArgs),
    /// Solve over a range or list of values of one or two numeric paths.
    #[command(after_help = format!("{SWEEP_EXAMPLES}\n\n{EXIT_CODES}"))]
    Sweep(SweepArgs),
    /// Trace the Pareto frontier between cost and concentration (epsilon-constraint).
    #[command(after_help = format!("{FRONTIER_EXAMPLES}\n\n{EXIT_CODES}"))]
    Frontier(FrontierArgs),
    /// Sovereignty against diversification: the home share against the
    /// largest provider share, with cost, and the answer in sentences.
    #[command(after_help = format!("{TRADEOFF_EXAMPLES}\n\n{EXIT_CODES}"))]
    Tradeoff(TradeoffArgs),
    /// Stress-test a plan: single cut-offs of providers, companies, countries; independent outages, exact or sampled.
    #[command(after_help = format!("{STRESS_EXAMPLES}\n\n{EXIT_CODES}"))]
    Stress(StressArgs),
    /// Plan a multi-year transition from today's split under policy.max_change.
    ///
    /// The scenario needs policy.max_change and a `current` split on every
    /// workload; in japan-gov-2027 the `transition` variant sets them.
    #[command(after_help = format!("{PATHWAY_EXAMPLES}\n\n{EXIT_CODES}"))]
    Pathway(PathwayArgs),
    /// A local what-if page that re-solves as the limits move, and its API.
    ///
    /// Prints the page's address, with a token, as the first line of its
    /// output; every request needs that token. Ctrl-C stops it.
    #[command(after_help = SERVE_EXAMPLES)]
    Serve(ServeArgs),
    /// Print a shell completion script: bash, zsh, fish, powershell or elvish.
    #[command(
        after_help = COMPLETIONS_EXAMPLES
    )]
    Completions { shell: clap_complete::Shell },
    /// Print the JSON Schema of the scenario format (for editor completion and checks).
    #[command(
        after_help = SCHEMA_EXAMPLES
    )]
    Schema,
    /// Print the man page (roff) on standard output.
    #[command(after_help = MAN_EXAMPLES)]
    Man,
    /// Near-optimal ranges: how far each share can move while staying close to the optimum.
    #[command(after_help = format!("{ALTERNATIVES_EXAMPLES}\n\n{EXIT_CODES}"))]
    Alternatives(AlternativesArgs),
}

/// Where an analysis writes, and with what.
#[derive(Debug, Args)]
pub struct AnalysisOutput {
    /// Output folder [default: output/<scenario.name>/<command>[-<variant>]].
    #[arg(long, short, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// The solver backend: auto (microlp; HiGHS for a pathway with integer
    /// rules where it is compiled in), microlp, or highs (a `--features
    /// highs` build).
    #[arg(long, default_value = "auto", value_name = "NAME")]
    pub solver: SolverKind,
    /// Skip the charts (SVG and PNG); report.html is written without them.
    #[arg(long)]
    pub no_charts: bool,
    /// What goes to standard output: the summary, the run's JSON (its main
    /// CSV as records where it has none), or its main CSV; the files are
    /// written either way.
    #[arg(long, short, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

#[derive(Debug, Args)]
pub struct CompareArgs {
    /// The scenario TOML file; two or more files: their base plans side by
    /// side (two versions of a scenario, say).
    #[arg(required = true, value_name = "SCENARIO")]
    pub scenarios: Vec<PathBuf>,
    /// Columns, in order: `base`, variant names, presets (@diversify, @sovereignty, @cost)
    /// [default: base and every variant of the file].
    #[arg(long, value_delimiter = ',', value_name = "A,B,...")]
    pub variants: Vec<String>,
    /// Override one value in every column (repeatable).
    #[arg(long = "set", value_name = "PATH=VALUE")]
    pub sets: Vec<SetArg>,
    /// The language of the terminal table, report and charts: en or ja
    /// [default: the scenario's `lang`, else en].
    #[arg(long, value_name = "LANG", value_parser = parse_lang)]
    pub lang: Option<Lang>,
    /// Add rows with the marginal value of the rule whose value is at PATH
    /// (e.g. policy.budget) in each objective stage; 0 where it has slack.
    #[arg(long, value_name = "PATH")]
    pub marginal: Option<String>,
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
    /// Add columns with the marginal value of the rule whose value is at
    /// PATH (e.g. policy.budget) in each objective stage, named
    /// marginal:PATH:STAGE; 0 where it has slack.
    #[arg(long, value_name = "PATH")]
    pub marginal: Option<String>,
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
    /// The measure optimised at each bound on x: minimised (cost, a largest
    /// share) or maximised (home_share).
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
    /// Independent outages of every provider and country by its probability
    /// (0: none): exact where at most this many (and 65,536) failure sets
    /// have a probability above 1e-12, else this many Monte Carlo samples.
    #[arg(long, default_value_t = 0)]
    pub samples: usize,
    /// The Monte Carlo seed: the same seed gives the same samples.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Draw the samples even where the failure sets are few enough to
    /// enumerate exactly.
    #[arg(long, requires = "samples")]
    pub sampled: bool,
    #[command(flatten)]
    pub output: AnalysisOutput,
}

#[derive(Debug, Args)]
pub struct PathwayArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// Years to plan [default: `[pathway] years`, else 10]
    #[arg(long)]
    pub years: Option<usize>,
    /// Plan each year alone from the year before, instead of all years as
    /// one (for comparison: the joint plan never depends more on one
    /// provider, summed over the years)
    #[arg(long)]
    pub myopic: bool,
    /// Stop solving after this many seconds and keep the best plan found
    /// (marked as not proven optimal); without one, solve to optimality.
    #[arg(long, value_name = "SECS")]
    pub time_limit: Option<f64>,
    #[command(flatten)]
    pub output: AnalysisOutput,
}

#[derive(Debug, Args)]
pub struct TradeoffArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// Points on the curve (both ends included).
    #[arg(long, default_value_t = crate::analysis::tradeoff::DEFAULT_POINTS)]
    pub points: usize,
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
    /// A variant from the file's [variants], or a preset: @diversify, @sovereignty, @cost;
    /// `A+B` applies both in order (economics+@cost).
    #[arg(long, short = 'v', value_name = "NAME")]
    pub variant: Option<String>,
    /// Override one value by its TOML path, after the variant (repeatable).
    #[arg(long = "set", value_name = "PATH=VALUE")]
    pub sets: Vec<SetArg>,
    /// The language of the terminal summary, report and charts: en or ja
    /// [default: the scenario's `lang`, else en].
    #[arg(long, value_name = "LANG", value_parser = parse_lang)]
    pub lang: Option<Lang>,
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// The scenario TOML file (read once, when the server starts).
    pub scenario: PathBuf,
    /// The variant the page starts from (the page may pick another).
    #[arg(long, short = 'v', value_name = "NAME")]
    pub variant: Option<String>,
    /// The port to listen on; 0 picks a free one.
    #[arg(long, default_value_t = 0)]
    pub port: u16,
    /// The address to listen on [default: 127.0.0.1, this machine only].
    /// Any other lets others on the network reach the page (with the token).
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1")]
    pub listen: std::net::IpAddr,
    /// The language of the page and its plans: en or ja.
    #[arg(long, value_name = "LANG", value_parser = parse_lang)]
    pub lang: Option<Lang>,
    /// Open the page in the default browser.
    #[arg(long)]
    pub open: bool,
    /// The solver backend (as for solve).
    #[arg(long, default_value = "auto", value_name = "NAME")]
    pub solver: SolverKind,
    /// Seconds a solve may take before it answers with the best plan found.
    #[arg(long, value_name = "SECS", default_value_t = 10.0)]
    pub time_limit: f64,
}

/// `--lang`: a language tayoka writes in.
fn parse_lang(code: &str) -> Result<Lang, String> {
    // `JA` and `ja-JP` (or `ja_JP`, as in LANG) mean Japanese too.
    let base = code.split(['-', '_']).next().unwrap_or(code);
    Lang::parse(&base.to_ascii_lowercase()).ok_or_else(|| {
        format!(
            "`{code}` is not a language tayoka writes in; use {}",
            Lang::CODES.join(" or ")
        )
    })
}

impl InputArgs {
    /// The variant, overrides and language as load options.
    pub fn options(&self) -> LoadOptions {
        LoadOptions::new(self.variant.as_deref(), &self.sets).with_lang(self.lang)
    }

    /// Loads the scenario with the variant and overrides.
    pub fn load(&self) -> Result<Loaded, Error> {
        load(&self.scenario, &self.options())
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
    /// The run's JSON on standard output (plan.json for solve).
    Json,
    /// The run's main CSV on standard output (allocation.csv for solve).
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
    /// The solver backend: auto (microlp; HiGHS for a pathway with integer
    /// rules where it is compiled in), microlp, or highs (a `--features
    /// highs` build).
    #[arg(long, default_value = "auto", value_name = "NAME")]
    pub solver: SolverKind,
    /// Skip the charts (SVG and PNG); report.html is written without them.
    #[arg(long)]
    pub no_charts: bool,
    /// Stop solving after this many seconds and keep the best plan found
    /// (marked as not proven optimal); without one, solve to optimality.
    #[arg(long, value_name = "SECS")]
    pub time_limit: Option<f64>,
    /// With integer rules: stop a stage's branch and bound once its plan is
    /// proven within this fraction of the best possible [default: 0.0001,
    /// as HiGHS's]; 0 proves each stage's optimum exactly (slower).
    #[arg(long, value_name = "FRACTION")]
    pub mip_gap: Option<f64>,
    /// Also write each objective stage's programme, the earlier stages
    /// held, as free MPS and CPLEX LP into DIR (`1-max_share-provider.mps`,
    /// ...), named from the scenario, for any solver to check; with no
    /// plan, the first stage's.
    #[arg(long, value_name = "DIR")]
    pub write_model: Option<PathBuf>,
}
