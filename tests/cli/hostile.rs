//! What an adversary tries: full disks, closed pipes, endless streams,
//! numbers too small or counts too large to hold, escape sequences, and
//! overrides that would be ignored. Every one ends with exit 0, 1, 2 or 3 and
//! a message; never a panic (101) or an abort (134).

use crate::common;

use std::io::Read;
use std::path::Path;
use std::process::{Command, Stdio};

use common::{scenarios, tayoka};
use predicates::prelude::*;

fn gov() -> String {
    scenarios()
        .join("japan-gov-2027.toml")
        .to_string_lossy()
        .into_owned()
}

fn minimal() -> String {
    scenarios()
        .join("minimal.toml")
        .to_string_lossy()
        .into_owned()
}

/// Every command that prints, with arguments that keep it short.
fn printing_commands(out: &Path) -> Vec<Vec<String>> {
    let out = out.to_string_lossy().into_owned();
    let (g, m) = (gov(), minimal());
    let with_out = |args: &[&str], dir: &str| {
        let mut v: Vec<String> = args.iter().map(|s| s.to_string()).collect();
        v.extend(["--out".to_string(), format!("{out}/{dir}")]);
        v
    };
    vec![
        vec!["check".into(), m.clone()],
        with_out(&["solve", &m], "solve"),
        with_out(&["solve", &m, "--format", "json"], "json"),
        with_out(&["compare", &m, "--no-charts"], "compare"),
        with_out(
            &[
                "sweep",
                &m,
                "--set",
                "policy.budget=1500,2000",
                "--no-charts",
            ],
            "sweep",
        ),
        with_out(
            &["frontier", &m, "--points", "2", "--no-charts"],
            "frontier",
        ),
        with_out(&["stress", &m, "--no-charts"], "stress"),
        with_out(
            &[
                "pathway",
                &g,
                "--variant",
                "transition",
                "--years",
                "1",
                "--no-charts",
            ],
            "pathway",
        ),
        with_out(&["alternatives", &m, "--no-charts"], "alternatives"),
        vec!["completions".into(), "bash".into()],
        vec!["schema".into()],
        vec!["man".into()],
    ]
}

#[cfg(target_os = "linux")]
#[test]
fn every_printing_command_reports_a_full_disk_in_one_line() {
    let dir = tempfile::tempdir().unwrap();
    // A server whose address reaches no one does not start serving. (On a
    // closed pipe it serves on: its one line was written whole.)
    let serve = ["serve", &minimal(), "--port", "0"]
        .map(String::from)
        .to_vec();
    for args in printing_commands(dir.path()).into_iter().chain([serve]) {
        let full = std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .unwrap();
        let out = Command::new(env!("CARGO_BIN_EXE_tayoka"))
            .args(&args)
            .stdout(full)
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {err}");
        assert!(
            err.lines()
                .any(|l| l == "error: cannot write `<standard output>`: No space left on device (os error 28)"),
            "{args:?}: {err}"
        );
        assert!(!err.contains("panicked"), "{args:?}: {err}");
    }
}

#[test]
fn every_printing_command_ends_quietly_on_a_closed_pipe() {
    let dir = tempfile::tempdir().unwrap();
    // The municipal plan.json (about 24 MB) is far more than a pipe holds,
    // so its write surely meets the closed pipe; the others are small.
    let municipal: Vec<String> = [
        "solve",
        &scenarios()
            .join("japan-municipal-2027.toml")
            .to_string_lossy(),
        "--format",
        "json",
        "--no-charts",
        "--out",
        &dir.path().join("municipal").to_string_lossy(),
    ]
    .map(String::from)
    .to_vec();
    for args in printing_commands(dir.path()).into_iter().chain([municipal]) {
        let mut child = Command::new(env!("CARGO_BIN_EXE_tayoka"))
            .args(&args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // Read one byte, then hang up, as `| head -c1` does.
        let mut first = [0u8; 1];
        let mut out = child.stdout.take().unwrap();
        out.read_exact(&mut first).unwrap();
        drop(out);
        let status = child.wait().unwrap();
        let mut err = String::new();
        child
            .stderr
            .take()
            .unwrap()
            .read_to_string(&mut err)
            .unwrap();
        assert_eq!(status.code(), Some(0), "{args:?}: {err}");
        assert!(!err.contains("panicked"), "{args:?}: {err}");
    }
}

#[test]
fn numbers_too_small_to_mean_anything_are_refused_where_they_are_written() {
    let dir = tempfile::tempdir().unwrap();
    for set in ["providers.onprem.capacity=1e-320", "policy.budget=1e-320"] {
        tayoka(dir.path())
            .args(["solve", &minimal(), "--set", set])
            .assert()
            .code(1)
            .stderr(predicate::str::contains("is too small to mean anything"))
            .stderr(predicate::str::contains(
                "a number in a scenario is 0 or at least 1e-300 in size",
            ))
            .stderr(predicate::str::contains(format!("from `--set {set}`")));
    }
    let text = std::fs::read_to_string(scenarios().join("minimal.toml"))
        .unwrap()
        .replace("capacity = 30", "capacity = 1e-320");
    std::fs::write(dir.path().join("tiny.toml"), &text).unwrap();
    let line = text.lines().position(|l| l.contains("1e-320")).unwrap() + 1;
    tayoka(dir.path())
        .args(["check", "tiny.toml"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(format!("tiny.toml:{line}:12")));
}

#[test]
fn counts_beyond_what_a_run_can_hold_are_usage_errors() {
    let dir = tempfile::tempdir().unwrap();
    let g = gov();
    let cases: [(&[&str], &str); 8] = [
        (
            &[
                "sweep",
                &g,
                "--set",
                "policy.budget=1..2",
                "--steps",
                "4000000000",
            ],
            "--steps 4000000000: a sweep solves at most 10000 points",
        ),
        (
            &[
                "sweep",
                &g,
                "--set",
                "policy.budget=1..2",
                "--set",
                "providers.aws.capacity=1..2",
                "--steps",
                "200",
            ],
            "a grid of 40000: at most 10000",
        ),
        (
            &["frontier", &g, "--points", "4000000000"],
            "--points 4000000000: at most 10000",
        ),
        (
            &["frontier", &g, "--points", "0"],
            "--points 0: expected at least 2",
        ),
        (
            &["stress", &g, "--samples", "4000000000"],
            "--samples 4000000000: at most 1000000000",
        ),
        (
            &["solve", &g, "--time-limit", "1e19"],
            "--time-limit 10000000000000000000: expected a positive number of seconds, at most 1e9",
        ),
        (
            &["solve", &g, "--time-limit", "1e20"],
            "expected a positive number of seconds, at most 1e9",
        ),
        (
            &["pathway", &g, "--variant", "transition", "--years", "1000"],
            "--years 1000: at most 50",
        ),
    ];
    for (args, message) in cases {
        tayoka(dir.path())
            .args(args)
            .assert()
            .code(2)
            .stderr(predicate::str::contains(message));
    }
}

#[cfg(unix)]
#[test]
fn endless_streams_are_refused_not_read_until_memory_runs_out() {
    let dir = tempfile::tempdir().unwrap();
    tayoka(dir.path())
        .args(["check", "/dev/zero"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "the scenario file is over 16777216 bytes",
        ));
    let text = std::fs::read_to_string(scenarios().join("minimal.toml")).unwrap();
    let text = text.replacen(
        "[scenario]",
        "[[import]]\nworkloads = \"/dev/zero\"\n\n[scenario]",
        1,
    );
    std::fs::write(dir.path().join("zero.toml"), text).unwrap();
    tayoka(dir.path())
        .args(["check", "zero.toml"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "`/dev/zero` is over 268435456 bytes",
        ));
}

fn scenario_of(workloads: usize, providers: usize, distinct: bool) -> String {
    let mut text = String::from("[scenario]\nname = \"big\"\nhome = \"JP\"\n");
    for p in 0..providers {
        text += &format!(
            "[providers.p{p}]\ncountry = \"JP\"\ncapacity = 1000000\nprice = 1.0\ncapabilities = {{ llm = 1.0 }}\n"
        );
    }
    for w in 0..workloads {
        // Distinct weights keep alike workloads from merging.
        let weight = if distinct { 1.0 + w as f64 * 1e-6 } else { 1.0 };
        text += &format!("[workloads.w{w}]\ncapability = \"llm\"\ndemand = 1\nweight = {weight}\n");
    }
    text
}

#[test]
fn a_scenario_too_large_to_check_is_refused_at_load() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("big.toml"), scenario_of(5000, 5000, false)).unwrap();
    for cmd in ["check", "solve"] {
        tayoka(dir.path())
            .args([cmd, "big.toml"])
            .assert()
            .code(1)
            .stderr(predicate::str::contains(
                "the scenario has 5000 workloads x 5000 providers = 25000000 pairs to check (about 1000 MB); the most tayoka checks is 20000000",
            ));
    }
}

#[test]
fn a_model_too_large_to_build_is_refused_with_its_size() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("big.toml"), scenario_of(4100, 1000, true)).unwrap();
    tayoka(dir.path())
        .args(["solve", "big.toml"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "the model would have 4100000 eligible workload-provider pairs after merging alike workloads (about 3 GB); the most tayoka builds is 4000000",
        ));
}

#[test]
fn repeated_csv_columns_and_keys_are_errors() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(scenarios().join("minimal.toml"))
        .unwrap()
        .replacen(
            "[scenario]",
            "[[import]]\nworkloads = \"w.csv\"\n\n[scenario]",
            1,
        );
    std::fs::write(dir.path().join("s.toml"), text).unwrap();
    std::fs::write(
        dir.path().join("w.csv"),
        "id,capability,demand,demand\nx,llm,1,2\n",
    )
    .unwrap();
    tayoka(dir.path())
        .args(["check", "s.toml"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "column `demand` appears twice in the header",
        ))
        .stderr(predicate::str::contains("w.csv:1:22"));
    std::fs::write(
        dir.path().join("w.csv"),
        "id,capability,demand,current\nx,llm,1,cloud-us:0.5;cloud-us:0.5\n",
    )
    .unwrap();
    tayoka(dir.path())
        .args(["check", "s.toml"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "row 2, column `current`: `cloud-us` appears twice; each key takes one value",
        ));
}

#[test]
fn a_whole_number_too_large_says_its_range() {
    let dir = tempfile::tempdir().unwrap();
    tayoka(dir.path())
        .args([
            "check",
            &minimal(),
            "--set",
            "policy.mosaic_max_categories=99999999999",
        ])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "must be a whole number in 0..=4294967295, found 99999999999",
        ));
}

#[test]
fn pathway_problems_are_input_errors_and_a_year_without_a_plan_is_exit_3() {
    let dir = tempfile::tempdir().unwrap();
    tayoka(dir.path())
        .args(["pathway", &gov(), "--years", "8"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "pathway needs `policy.max_change`",
        ))
        .stderr(predicate::str::contains("japan-gov-2027.toml:"));
    tayoka(dir.path())
        .args([
            "pathway",
            &gov(),
            "--variant",
            "transition",
            "--set",
            "policy.budget=1",
            "--no-charts",
        ])
        .assert()
        .code(3)
        .stderr(predicate::str::contains(
            "2027 (year 1 of the pathway) has no feasible plan",
        ));
}

#[test]
fn escape_sequences_reach_the_terminal_as_text() {
    let dir = tempfile::tempdir().unwrap();
    let out = tayoka(dir.path())
        .args(["solve", &minimal(), "--variant", "\x1b]0;owned\x07\x1b[2J"])
        .assert()
        .code(1)
        .get_output()
        .clone();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!err.contains('\x1b'), "{err:?}");
    assert!(err.contains("\\u{1b}]0;owned\\u{7}\\u{1b}[2J"), "{err}");
    // A scenario's own text, printed in the summary, too.
    let text = std::fs::read_to_string(scenarios().join("minimal.toml"))
        .unwrap()
        .replace(
            "name = \"Staff chat assistant\"",
            "name = \"Staff chat\\u001b[31m assistant\"",
        );
    std::fs::write(dir.path().join("esc.toml"), text).unwrap();
    let out = tayoka(dir.path())
        .args(["solve", "esc.toml", "--no-charts"])
        .assert()
        .code(0)
        .get_output()
        .clone();
    let summary = String::from_utf8_lossy(&out.stdout);
    assert!(!summary.contains('\x1b'), "{summary:?}");
    assert!(summary.contains("Staff chat\\u{1b}[31m"), "{summary}");
}

#[test]
fn a_variant_cannot_be_changed_with_set() {
    let dir = tempfile::tempdir().unwrap();
    tayoka(dir.path())
        .args([
            "solve",
            &gov(),
            "--set",
            "variants.cost.policy.objective=cost",
        ])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "`--set variants.cost.policy.objective=cost` cannot change a variant",
        ))
        .stderr(predicate::str::contains(
            "--variant cost --set policy.objective=...",
        ));
}
