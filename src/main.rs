use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    // Ctrl-C, SIGTERM or SIGHUP: remove the half-written temporary files and
    // stop; finished output files stay whole (they are renamed into place).
    let _ = ctrlc::set_handler(|| {
        tayoka::report::abandon_writes();
        tayoka::ui::error("interrupted");
        std::process::exit(tayoka::cli::EXIT_INTERRUPTED);
    });
    let cli = tayoka::cli::Cli::parse();
    match tayoka::cli::run(cli) {
        Ok(code) => code,
        Err(e) => {
            tayoka::ui::error(&format!("{e:#}"));
            ExitCode::from(tayoka::cli::EXIT_ERROR)
        }
    }
}
