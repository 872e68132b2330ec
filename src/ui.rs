//! What the command line says besides its results: notes (`wrote ...`),
//! details with `--verbose`, nothing but errors with `--quiet`, and colour
//! only on a terminal and never when `NO_COLOR` is set.

use std::io::IsTerminal;
use std::sync::atomic::{AtomicU8, Ordering};

/// 0 quiet, 1 normal, 2 verbose.
static LEVEL: AtomicU8 = AtomicU8::new(1);

pub fn set_level(quiet: bool, verbose: bool) {
    LEVEL.store(
        if quiet {
            0
        } else if verbose {
            2
        } else {
            1
        },
        Ordering::Relaxed,
    );
}

pub fn quiet() -> bool {
    LEVEL.load(Ordering::Relaxed) == 0
}

/// A note on standard error (files written), unless `--quiet`.
pub fn note(message: &str) {
    if LEVEL.load(Ordering::Relaxed) >= 1 {
        eprintln!("{message}");
    }
}

/// A detail on standard error, with `--verbose` only.
pub fn detail(message: &str) {
    if LEVEL.load(Ordering::Relaxed) >= 2 {
        eprintln!("{message}");
    }
}

/// A warning on standard error, unless `--quiet`.
pub fn warn(message: &str) {
    if !quiet() {
        eprintln!("{}: {message}", paint("warning", "33"));
    }
}

/// Whether standard error may carry colour.
pub fn colour() -> bool {
    std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) && std::io::stderr().is_terminal()
}

/// `text` in an ANSI colour (`31` red, `33` yellow) when colour is on.
pub fn paint(text: &str, code: &str) -> String {
    if colour() {
        format!("\x1b[1;{code}m{text}\x1b[0m")
    } else {
        text.to_string()
    }
}

/// `error` in red when colour is on.
pub fn error_label() -> String {
    paint("error", "31")
}
