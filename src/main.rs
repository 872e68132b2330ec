use std::io::Write;
use std::process::ExitCode;

use clap::Parser;
use clap::error::ErrorKind;

fn main() -> ExitCode {
    // Ctrl-C, SIGTERM or SIGHUP: remove the half-written temporary files and
    // stop; finished output files stay whole (they are renamed into place).
    let _ = ctrlc::set_handler(|| {
        tayoka::report::abandon_writes();
        tayoka::ui::error("interrupted");
        std::process::exit(tayoka::cli::EXIT_INTERRUPTED);
    });
    let cli = match tayoka::cli::Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return clap_exit(&e),
    };
    match tayoka::cli::run(cli) {
        Ok(code) => code,
        Err(e) => {
            tayoka::ui::error(&format!("{e:#}"));
            ExitCode::from(tayoka::cli::EXIT_ERROR)
        }
    }
}

/// What clap has to say instead of a command: help and the version on
/// standard output (a full disk is an error, a closed pipe is not), and
/// usage errors on standard error with the command line's escapes shown as
/// text (a value can hold a sequence that would retitle the terminal).
fn clap_exit(e: &clap::Error) -> ExitCode {
    let text = e.render().to_string();
    match e.kind() {
        ErrorKind::DisplayHelp
        | ErrorKind::DisplayVersion
        | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            let mut out = std::io::stdout().lock();
            match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
                Err(err) if err.kind() != std::io::ErrorKind::BrokenPipe => {
                    tayoka::ui::error(&format!("cannot write to standard output: {err}"));
                    ExitCode::from(tayoka::cli::EXIT_ERROR)
                }
                _ if e.kind() == ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
                    ExitCode::from(tayoka::cli::EXIT_USAGE)
                }
                _ => ExitCode::SUCCESS,
            }
        }
        _ => {
            // Rendered plain and in full: a styled rendering strips an
            // escape sequence in a value without a trace, where the planner
            // should see what they typed.
            let plain = <tayoka::cli::Cli as clap::CommandFactory>::command()
                .styles(clap::builder::Styles::plain())
                .try_get_matches()
                .err()
                .map_or(text, |e| e.render().ansi().to_string());
            let plain = plain.strip_prefix("error: ").unwrap_or(&plain);
            tayoka::ui::error(plain.trim_end());
            ExitCode::from(tayoka::cli::EXIT_USAGE)
        }
    }
}
