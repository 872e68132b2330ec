use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = tayoka::cli::Cli::parse();
    match tayoka::cli::run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("{}: {e:#}", tayoka::ui::error_label());
            ExitCode::from(tayoka::cli::EXIT_ERROR)
        }
    }
}
