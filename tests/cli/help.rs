//! Every example that `--help` prints runs as printed, in a folder that holds
//! only the bundled scenarios, and no example line is long enough for a
//! terminal of 80 columns to wrap it.

use std::path::{Path, PathBuf};
use std::process::Command;

const SUBCOMMANDS: &[&str] = &[
    "init",
    "check",
    "solve",
    "compare",
    "sweep",
    "frontier",
    "tradeoff",
    "stress",
    "pathway",
    "alternatives",
    "completions",
    "schema",
    "man",
];

fn tayoka() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_tayoka"))
}

fn help(sub: Option<&str>) -> String {
    let mut cmd = Command::new(tayoka());
    cmd.args(sub).arg("--help");
    let out = cmd.output().unwrap();
    assert!(out.status.success(), "{sub:?} --help failed");
    String::from_utf8(out.stdout).unwrap()
}

/// The indented lines under `Examples:` up to the first blank line.
fn example_lines(help: &str) -> Vec<String> {
    help.lines()
        .skip_while(|l| l.trim() != "Examples:")
        .skip(1)
        .take_while(|l| !l.trim().is_empty())
        .map(str::to_string)
        .collect()
}

/// Commands, with `\` continuations joined as a shell would.
fn commands(lines: &[String]) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    for l in lines {
        let l = l.trim();
        match l.strip_suffix('\\') {
            Some(head) => current.push_str(head),
            None => {
                current.push_str(l);
                out.push(std::mem::take(&mut current));
            }
        }
    }
    out
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

#[test]
fn every_help_example_runs_as_printed() {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios"),
        &dir.path().join("scenarios"),
    );
    let bin_dir = tayoka().parent().unwrap().to_path_buf();
    let path = format!(
        "{}:{}",
        bin_dir.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let mut ran = 0;
    for sub in std::iter::once(None).chain(SUBCOMMANDS.iter().map(Some)) {
        let lines = example_lines(&help(sub.copied()));
        assert!(!lines.is_empty(), "{sub:?} --help has no examples");
        for line in &lines {
            assert!(
                line.chars().count() <= 80,
                "{sub:?}: an example line of {} characters wraps in an 80-column terminal: {line}",
                line.chars().count()
            );
        }
        for cmd in commands(&lines) {
            assert!(cmd.starts_with("tayoka "), "{cmd}");
            let out = Command::new("sh")
                .arg("-c")
                .arg(&cmd)
                .current_dir(dir.path())
                .env("PATH", &path)
                .env("NO_COLOR", "1")
                .output()
                .unwrap();
            assert!(
                out.status.success(),
                "`{cmd}` exited {:?}:\n{}",
                out.status.code(),
                String::from_utf8_lossy(&out.stderr)
            );
            ran += 1;
        }
    }
    assert!(ran >= 25, "only {ran} examples ran");
}

#[test]
fn continuation_lines_join_into_one_command() {
    let lines: Vec<String> = [
        "  tayoka a \\",
        "      --b 1 \\",
        "      --c 2",
        "  tayoka d",
    ]
    .map(String::from)
    .to_vec();
    assert_eq!(commands(&lines), ["tayoka a --b 1 --c 2", "tayoka d"]);
}
