//! The command line: [`args`] defines it with clap, [`run`] dispatches to
//! the handlers in `commands` and turns errors into exit codes, and every
//! handler ends through the one output path in `output`.

pub mod args;
mod commands;
pub mod output;
mod settle;
pub mod ui;

use std::path::PathBuf;
use std::process::ExitCode;

pub use args::*;
pub use commands::STARTER;

use crate::base::error::Error;

/// Exit code: an error in the input or in reading and writing files.
pub const EXIT_ERROR: u8 = 1;
/// Exit code: the command line itself is wrong (as clap's own errors).
pub const EXIT_USAGE: u8 = 2;
/// Exit code: no plan satisfies every rule (a diagnosis is printed).
pub const EXIT_INFEASIBLE: u8 = 3;
/// Exit code: stopped by Ctrl-C, SIGTERM or SIGHUP (128 + SIGINT, as shells do).
pub const EXIT_INTERRUPTED: i32 = 130;

/// Runs one command; errors that a user made in their input are printed here
/// and become exit codes, so the caller only sees unexpected failures.
pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    ui::set_level(cli.quiet, cli.verbose);
    crate::analysis::set_progress(&output::TerminalProgress);
    crate::model::quiet_solver_panics();
    let result = settle::settle(&cli.command).and_then(|()| match cli.command {
        Command::Init(args) => commands::init(&args),
        Command::Check(args) => commands::check(&args),
        Command::Solve(args) => commands::solve_command(&args),
        Command::Compare(args) => commands::compare_command(&args),
        Command::Sweep(args) => commands::sweep_command(&args),
        Command::Frontier(args) => commands::frontier_command(&args),
        Command::Tradeoff(args) => commands::tradeoff_command(&args),
        Command::Alternatives(args) => commands::alternatives_command(&args),
        Command::Stress(args) => commands::stress_command(&args),
        Command::Pathway(args) => commands::pathway_command(&args),
        Command::Serve(args) => commands::serve_command(&args),
        Command::Completions { shell } => {
            let mut cmd = <Cli as clap::CommandFactory>::command();
            let mut script = Vec::new();
            clap_complete::generate(shell, &mut cmd, "tayoka", &mut script);
            output::stdout(&script).map(|()| ExitCode::SUCCESS)
        }
        Command::Schema => {
            let text = crate::report::json::to_json(&crate::scenario::schema::schema())?;
            output::stdout(&text).map(|()| ExitCode::SUCCESS)
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
                .and_then(|()| output::stdout(&page))
                .map(|()| ExitCode::SUCCESS)
        }
    });
    match result {
        Ok(code) => Ok(code),
        Err(Error::Infeasible(d)) => {
            ui::error(&d.to_string());
            Ok(ExitCode::from(EXIT_INFEASIBLE))
        }
        Err(Error::Input(d)) => {
            ui::message(&d.to_string());
            Ok(ExitCode::from(EXIT_ERROR))
        }
        // A reader that stopped reading (`| head`) is no failure.
        Err(Error::Write { source, .. }) if source.kind() == std::io::ErrorKind::BrokenPipe => {
            Ok(ExitCode::SUCCESS)
        }
        Err(Error::Usage(m)) => {
            ui::error(&m);
            Ok(ExitCode::from(EXIT_USAGE))
        }
        Err(e) => {
            ui::error(&e.to_string());
            Ok(ExitCode::from(EXIT_ERROR))
        }
    }
}
