//! Standard output through the one output path: a reader that stops early
//! ends the run quietly, and a full disk is an error, not a panic.

use std::io::Read;
use std::process::{Command, Stdio};

fn tayoka() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_tayoka"));
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"));
    cmd
}

#[test]
fn a_reader_that_stops_early_ends_the_run_quietly() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().to_str().unwrap();
    // The municipal plan.json (about 24 MB) is far more than a pipe holds,
    // so the write meets the closed pipe; the others are small.
    let municipal = [
        "solve",
        "scenarios/japan-municipal-2027.toml",
        "--format",
        "json",
        "--no-charts",
        "--out",
        out,
    ];
    for args in [
        &municipal[..],
        &["completions", "bash"],
        &["schema"],
        &["man"],
        &["check", "scenarios/japan-gov-2027.toml"],
    ] {
        let mut child = tayoka()
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // Read one byte, then hang up, as `| head -c1` does.
        let mut out = child.stdout.take().unwrap();
        let mut byte = [0u8; 1];
        out.read_exact(&mut byte).unwrap();
        drop(out);
        let status = child.wait().unwrap();
        let mut err = String::new();
        child
            .stderr
            .take()
            .unwrap()
            .read_to_string(&mut err)
            .unwrap();
        assert!(!err.contains("panicked"), "{args:?}: {err}");
        assert!(
            status.code() == Some(0),
            "{args:?} exited {:?}: {err}",
            status.code()
        );
    }
}

#[cfg(target_os = "linux")]
#[test]
fn a_full_disk_is_an_error_with_one_line() {
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .unwrap();
    let out = tayoka()
        .args(["completions", "bash"])
        .stdout(full)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    assert!(
        err.starts_with("error: cannot write `<standard output>`: No space left on device"),
        "{err}"
    );
}
