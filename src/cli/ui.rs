//! What the command line says besides its results: notes (`wrote ...`),
//! details with `--verbose`, nothing but errors with `--quiet`, and colour
//! only on a terminal and never when `NO_COLOR` is set.

use std::io::{IsTerminal, Write};
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

/// A line on standard error. A closed or full standard error loses the
/// line rather than stopping the program (`eprintln!` would panic).
fn emit(line: &str) {
    let mut err = std::io::stderr().lock();
    let _ = writeln!(err, "{line}");
}

/// A message on standard error, with control characters shown, not obeyed.
pub fn message(text: &str) {
    emit(&printable(text));
}

/// An error on standard error, always.
pub fn error(text: &str) {
    emit(&format!("{}: {}", error_label(), printable(text)));
}

/// Text from a scenario or the command line, safe for a terminal (see
/// [`crate::base::text::printable`]).
pub use crate::base::text::printable;

/// A note on standard error (files written), unless `--quiet`.
pub fn note(text: &str) {
    if LEVEL.load(Ordering::Relaxed) >= 1 {
        message(text);
    }
}

/// A detail on standard error, with `--verbose` only.
pub fn detail(text: &str) {
    if LEVEL.load(Ordering::Relaxed) >= 2 {
        message(text);
    }
}

/// A warning on standard error, unless `--quiet`.
pub fn warn(text: &str) {
    if !quiet() {
        emit(&format!("{}: {}", paint("warning", "33"), printable(text)));
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
