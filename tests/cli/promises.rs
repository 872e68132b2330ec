//! The promises an adversary's battery broke (issue 29), each reproduced as
//! it was found: files a user owns are never destroyed, a folder never shows
//! an earlier run beside a run without a plan, no plan means exit 3 with a
//! diagnosis, the pathway keeps its promises, accepted input means something,
//! and what reaches a terminal or a file is safe.

use crate::common;

use std::path::{Path, PathBuf};

use common::{HEAD, provider, scenarios, tayoka, workload};
use predicates::prelude::*;

fn bundled(name: &str) -> String {
    scenarios().join(name).to_string_lossy().into_owned()
}

fn names(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

fn stderr_of(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Runs tayoka in `dir` with `args`; it must exit `code`. Its standard error.
fn exits(dir: &Path, args: &[&str], code: i32) -> String {
    let run = tayoka(dir).args(args).output().unwrap();
    let err = stderr_of(&run);
    assert_eq!(run.status.code(), Some(code), "{args:?}: {err}");
    err
}

/// `err` says every one of `parts`.
fn says(err: &str, parts: &[&str]) {
    for part in parts {
        assert!(err.contains(part), "no `{part}` in:\n{err}");
    }
}

// ---- Files a user owns are never destroyed ------------------------------

#[cfg(unix)]
#[test]
fn init_force_replaces_a_regular_file_only() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("fifo");
    assert!(
        std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    tayoka(dir.path())
        .args(["init", "fifo", "--force"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "`fifo` is a FIFO (named pipe), not a regular file",
        ));
    use std::os::unix::fs::FileTypeExt;
    let kind = std::fs::symlink_metadata(&fifo).unwrap().file_type();
    assert!(kind.is_fifo(), "the FIFO is left as it was");

    // A link is not replaced by a file either (its target stays as it was).
    write(dir.path(), "target.toml", "mine");
    std::os::unix::fs::symlink("target.toml", dir.path().join("link.toml")).unwrap();
    tayoka(dir.path())
        .args(["init", "link.toml", "--force"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("is a symbolic link"));
    assert_eq!(
        std::fs::read_to_string(dir.path().join("target.toml")).unwrap(),
        "mine"
    );

    // A regular file is replaced, as --force says.
    write(dir.path(), "old.toml", "old");
    tayoka(dir.path())
        .args(["init", "old.toml", "--force"])
        .assert()
        .code(0);
    let text = std::fs::read_to_string(dir.path().join("old.toml")).unwrap();
    assert!(text.contains("[scenario]"));
}

#[cfg(unix)]
#[test]
fn a_read_only_output_folder_is_refused_and_left_whole() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("ro");
    let o = out.to_str().unwrap();
    let m = bundled("minimal.toml");
    tayoka(dir.path())
        .args(["solve", &m, "--out", o, "--no-charts"])
        .assert()
        .code(0);
    let before = common::files(&out);
    for f in names(&out) {
        std::fs::set_permissions(out.join(f), std::fs::Permissions::from_mode(0o444)).unwrap();
    }
    std::fs::set_permissions(&out, std::fs::Permissions::from_mode(0o555)).unwrap();
    let run = tayoka(dir.path())
        .args([
            "solve",
            &m,
            "--out",
            o,
            "--no-charts",
            "--set",
            "policy.budget=1600",
        ])
        .output()
        .unwrap();
    std::fs::set_permissions(&out, std::fs::Permissions::from_mode(0o755)).unwrap();
    assert_eq!(run.status.code(), Some(1), "{}", stderr_of(&run));
    assert!(
        stderr_of(&run).contains("is not a folder this run may replace: the folder is read-only"),
        "{}",
        stderr_of(&run)
    );
    assert_eq!(common::files(&out), before, "the folder is as it was");
    assert_eq!(
        names(dir.path()),
        vec!["ro".to_string()],
        "no hidden copy is left beside it"
    );

    // A writable folder whose files were made read-only is refused too.
    let run = tayoka(dir.path())
        .args(["solve", &m, "--out", o, "--no-charts"])
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(1));
    assert!(
        stderr_of(&run).contains("in it is read-only"),
        "{}",
        stderr_of(&run)
    );
    assert_eq!(common::files(&out), before);
}

#[cfg(unix)]
#[test]
fn out_through_a_link_or_ending_in_a_dot_names_the_folder() {
    let dir = tempfile::tempdir().unwrap();
    let m = bundled("minimal.toml");
    std::fs::create_dir(dir.path().join("real")).unwrap();
    std::os::unix::fs::symlink("real", dir.path().join("link")).unwrap();
    tayoka(dir.path())
        .args(["solve", &m, "--out", "link", "--no-charts"])
        .assert()
        .code(0);
    let link = std::fs::symlink_metadata(dir.path().join("link")).unwrap();
    assert!(link.file_type().is_symlink(), "the link stays a link");
    assert!(dir.path().join("real/plan.json").exists());

    std::fs::create_dir(dir.path().join("ed")).unwrap();
    tayoka(dir.path())
        .args(["solve", &m, "--out", "ed/.", "--no-charts"])
        .assert()
        .code(0);
    assert!(dir.path().join("ed/plan.json").exists());
    assert_eq!(names(dir.path()), vec!["ed", "link", "real"]);

    // The folder the run is in would be swapped from under its shell.
    let ed = dir.path().join("ed");
    for out in [".", "../ed"] {
        let err = exits(&ed, &["solve", &m, "--out", out, "--no-charts"], 2);
        says(&err, &["is the folder this run is in (or holds it)"]);
    }
    assert!(ed.join("plan.json").exists(), "left as it was");
}

// ---- A folder never shows an earlier run's results beside no plan -------

#[test]
fn every_analysis_without_a_plan_replaces_the_earlier_results_with_its_diagnosis() {
    let m = bundled("minimal.toml");
    let no_plan = [
        "--set",
        "providers.onprem.capacity=0",
        "--set",
        "providers.cloud-jp.capacity=0",
    ];
    for command in ["tradeoff", "frontier", "alternatives", "stress"] {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("d");
        let o = out.to_str().unwrap();
        let mut args = vec![command, m.as_str(), "--out", o, "--no-charts"];
        if command != "stress" && command != "alternatives" {
            args.extend(["--points", "2"]);
        }
        tayoka(dir.path()).args(&args).assert().code(0);
        args.extend(no_plan);
        let run = tayoka(dir.path()).args(&args).output().unwrap();
        assert_eq!(run.status.code(), Some(3), "{command}: {}", stderr_of(&run));
        assert!(
            stderr_of(&run).contains("has no eligible provider"),
            "{command}"
        );
        assert_eq!(
            names(&out),
            vec!["diagnosis.json", "diagnosis.xlsx", "report.html"],
            "{command}: only the diagnosis, none of the earlier results"
        );
    }
}

#[test]
fn a_sweep_with_no_plan_at_any_point_writes_each_points_diagnosis_and_exits_3() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("s");
    let run = tayoka(dir.path())
        .args(["sweep", &bundled("minimal.toml"), "--set"])
        .args(["providers.cloud-us.capacity=1,2", "--no-charts", "--out"])
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(3), "{}", stderr_of(&run));
    assert!(stderr_of(&run).contains("no point of the sweep has a plan"));
    let csv = std::fs::read_to_string(out.join("sweep.csv")).unwrap();
    assert_eq!(
        csv,
        "providers.cloud-us.capacity,status\n1,infeasible\n2,infeasible\n"
    );
    let d = common::read_json(&out.join("diagnoses.json"));
    let points = d.as_array().unwrap();
    assert_eq!(points.len(), 2);
    assert_eq!(points[1]["at"]["providers.cloud-us.capacity"], 2.0);
    assert_eq!(
        points[1]["diagnosis"]["causes"][0]["kind"],
        "class_capacity"
    );

    // japan-gov with a budget no point meets: the same, three points.
    let run = tayoka(dir.path())
        .args(["sweep", &bundled("japan-gov-2027.toml")])
        .args(["--set", "policy.budget=1..2", "--steps", "3", "--no-charts"])
        .args(["--out", "g"])
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(3), "{}", stderr_of(&run));
    let d = common::read_json(&dir.path().join("g/diagnoses.json"));
    assert_eq!(d.as_array().unwrap().len(), 3);
}

// ---- The pathway keeps its promises -------------------------------------

/// Two providers and one workload moving off `us`, with `extra` pathway keys.
fn two_providers(jp: f64, us: f64, jp_extra: &str, pathway: &str) -> String {
    format!(
        "{HEAD}[policy]\nmax_change = 0.5\n\n[pathway]\nstart = 2027\n{pathway}\n{}{}{}",
        provider("jp", "JP", jp, 1.0, jp_extra),
        provider("us", "US", us, 2.0, ""),
        workload("a", 100.0, "current = { us = 1.0 }"),
    )
}

#[test]
fn grown_demand_is_held_to_the_limits_of_given_demand() {
    let dir = tempfile::tempdir().unwrap();
    let text = two_providers(1e6, 1e6, "", "demand_growth = 10");
    write(dir.path(), "case.toml", &text);
    for years in ["16", "15"] {
        let run = tayoka(dir.path())
            .args(["pathway", "case.toml", "--years", years, "--out", "o"])
            .output()
            .unwrap();
        let err = stderr_of(&run);
        assert_eq!(run.status.code(), Some(1), "{err}");
        assert!(!err.contains("Singular"), "{err}");
        assert!(
            err.contains("in year 14 workload `a`'s demand grows to 3.45227121e15 (from 100 by 10 a year), past the largest amount a scenario may hold (1e15)"),
            "{err}"
        );
        assert!(err.contains("--> case.toml:9:1"), "{err}");
        assert!(err.contains("plan at most 13 years (--years 13)"), "{err}");
    }
    tayoka(dir.path())
        .args(["pathway", "case.toml", "--years", "13", "--out", "o"])
        .assert()
        .code(3);
}

/// Standard error of `case.toml`'s pathway over five years with `--set set`.
fn five_years_with(dir: &Path, set: &str) -> String {
    let run = tayoka(dir)
        .args([
            "pathway",
            "case.toml",
            "--years",
            "5",
            "--out",
            "o",
            "--set",
            set,
        ])
        .output()
        .unwrap();
    stderr_of(&run)
}

/// The `try:` line of a diagnosis on standard error: its `--set` arguments.
fn tried(err: &str, path: &str) -> String {
    err.lines()
        .find_map(|l| {
            l.trim()
                .strip_prefix("try: --set ")
                .filter(|s| s.starts_with(path))
        })
        .unwrap_or_else(|| panic!("no try: for {path} in\n{err}"))
        .to_string()
}

#[test]
fn a_pathways_suggested_demand_works_as_printed() {
    let dir = tempfile::tempdir().unwrap();
    // Demand grows 10% a year past the 120 units both providers hold in 2029.
    let text = two_providers(60.0, 60.0, "", "demand_growth = 0.1");
    write(dir.path(), "case.toml", &text);
    let run = tayoka(dir.path())
        .args(["pathway", "case.toml", "--years", "5", "--out", "o"])
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(3));
    let err = stderr_of(&run);
    assert!(
        err.contains("2029 (year 3 of the pathway) has no feasible plan"),
        "{err}"
    );
    assert!(
        err.contains("needs 121 units"),
        "grown demand is tidied: {err}"
    );
    let set = tried(&err, "workloads.a.demand=");
    // The base demand that grows to at most the 120 units 2029 can hold.
    let base: f64 = set.split('=').nth(1).unwrap().parse().unwrap();
    assert!(base * 1.21 <= 120.0 + 1e-9 && base > 99.0, "{set}");
    let err = five_years_with(dir.path(), &set);
    assert!(!err.contains("2029 (year 3"), "2029 has a plan now: {err}");
    assert!(err.contains("2030 (year 4 of the pathway)"), "{err}");
}

#[test]
fn the_year_by_year_plan_builds_and_the_diagnosis_counts_what_may_be_built() {
    let dir = tempfile::tempdir().unwrap();
    let jp = "expand = { max = 100, cost = 2 }";
    let text = two_providers(100.0, 60.0, jp, "demand_growth = 0.05")
        .replace("demand = 100\n", "demand = 150\n")
        .replace("current = { us = 1.0 }", "current = { us = 0.4, jp = 0.6 }");
    write(dir.path(), "case.toml", &text);
    // 150 units grow past the 160 given in 2029: both plans must build.
    for method in [None, Some("--myopic")] {
        let run = tayoka(dir.path())
            .args(["pathway", "case.toml", "--years", "5", "--out", "o"])
            .args(method)
            .output()
            .unwrap();
        assert_eq!(
            run.status.code(),
            Some(0),
            "{method:?}: {}",
            stderr_of(&run)
        );
        let out = String::from_utf8_lossy(&run.stdout);
        assert!(
            out.contains("Builds 22.33 units: jp 22.33"),
            "{method:?}: {out}"
        );
    }
    // With 10 units to build, 2030's 173.6 units exceed 170: the diagnosis
    // counts the 10, and its capacity suggestion is what to give.
    write(
        dir.path(),
        "case.toml",
        &text.replace("max = 100", "max = 10"),
    );
    let run = tayoka(dir.path())
        .args(["pathway", "case.toml", "--years", "5", "--out", "o"])
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(3));
    let err = stderr_of(&run);
    assert!(err.contains("have 170 in all"), "{err}");
    assert!(
        err.contains("capacity of provider 'jp' (100 units, and 10 more it may build) -> 103.7"),
        "{err}"
    );
    let set = tried(&err, "providers.jp.capacity=");
    assert_eq!(set, "providers.jp.capacity=103.7");
    let err = five_years_with(dir.path(), &set);
    assert!(!err.contains("2030 (year 4"), "2030 has a plan now: {err}");
}

#[test]
fn a_change_of_the_objective_over_a_pathway_is_refused_by_pathway_and_check() {
    let dir = tempfile::tempdir().unwrap();
    let text = two_providers(100.0, 100.0, "", "")
        + "\n[pathway.changes.2028]\n\"policy.objective\" = \"sovereignty\"\n\"providers.nope.capacity\" = 5\n";
    write(dir.path(), "case.toml", &text);
    for command in ["pathway", "check"] {
        let mut args = vec![command, "case.toml"];
        if command == "pathway" {
            args.extend(["--out", "o"]);
        }
        let err = exits(dir.path(), &args, 1);
        let at = format!(
            "--> case.toml:{}",
            common::line_col(&text, "\"policy.objective\"")
        );
        says(
            &err,
            &[
                "`policy.objective` cannot change over a pathway",
                &at,
                "there is no `providers.nope` to override",
            ],
        );
    }
}

#[test]
fn an_error_in_a_change_points_at_the_changes_own_line_and_says_what_it_did() {
    let dir = tempfile::tempdir().unwrap();
    let empty = two_providers(100.0, 100.0, "", "") + "\n[pathway.changes.2028]\n\"\" = 5\n";
    write(dir.path(), "case.toml", &empty);
    let err = exits(dir.path(), &["pathway", "case.toml", "--out", "o"], 1);
    let at = format!("--> case.toml:{}", common::line_col(&empty, "\"\" = 5"));
    says(
        &err,
        &[
            "`` in [pathway.changes.2028] is not a dotted path of ids",
            &at,
        ],
    );

    let merged = two_providers(100.0, 100.0, "", "")
        + "\n[pathway.changes.2028]\n\"workloads.a.current\" = { jp = 1.0 }\n";
    write(dir.path(), "case.toml", &merged);
    let err = exits(dir.path(), &["pathway", "case.toml", "--out", "o"], 1);
    let at = format!("--> case.toml:{}", common::line_col(&merged, "jp = 1.0 }"));
    says(
        &err,
        &[
            "`workloads.a.current` fractions sum to 2, not 1",
            &at,
            "[pathway.changes.2028] sets `workloads.a.current.jp` = 1.0; overrides merge into a table key by key",
        ],
    );
}

#[test]
fn the_pathway_takes_a_time_limit_and_at_most_fifty_years() {
    let dir = tempfile::tempdir().unwrap();
    let gov = bundled("japan-gov-2027.toml");
    tayoka(dir.path())
        .args(["pathway", &gov, "--variant", "transition", "--years", "51"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "--years 51: at most 50 (the years are planned as one model)",
        ));
    // A limit that has run out before the first solve: no plan, exit 1.
    tayoka(dir.path())
        .args([
            "pathway",
            &gov,
            "--variant",
            "transition",
            "--time-limit",
            "1e-300",
        ])
        .args(["--out", "o"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "the time limit of 1e-300 s ran out before any plan was found",
        ));
    // A long run shows where it is: the joint model's size, then each stage.
    let text = two_providers(100.0, 100.0, "", "");
    write(dir.path(), "case.toml", &text);
    let err = exits(
        dir.path(),
        &[
            "pathway",
            "case.toml",
            "--years",
            "4",
            "--verbose",
            "--out",
            "o",
        ],
        0,
    );
    says(
        &err,
        &[
            "joint model over 4 years:",
            "stage max_share:provider:",
            "stage cost:",
        ],
    );
    let text = two_providers(100.0, 100.0, "", "years = 51");
    write(dir.path(), "case.toml", &text);
    tayoka(dir.path())
        .args(["check", "case.toml"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("pathway.years"));
}

#[test]
fn values_are_shown_as_the_user_gave_them() {
    let dir = tempfile::tempdir().unwrap();
    let m = bundled("minimal.toml");
    tayoka(dir.path())
        .args(["solve", &m, "--time-limit", "1e-300", "--out", "o"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "the time limit of 1e-300 s ran out",
        ));
    let err = exits(
        dir.path(),
        &["solve", &m, "--set", "policy.budget=1e-300", "--out", "o"],
        3,
    );
    assert!(err.contains("budget 1e-300 JPY -> 1320"), "{err}");
    assert!(!err.contains("e-301"), "{err}");
}

// ---- Inputs that are accepted must mean something -----------------------

#[test]
fn marginal_takes_the_value_of_a_rule_only_and_lists_the_valid_ones() {
    let dir = tempfile::tempdir().unwrap();
    let m = bundled("minimal.toml");
    let valid = "`policy.limits.us.max_share`, `providers.cloud-jp.capacity`, `providers.cloud-us.capacity`, `providers.onprem.capacity`";
    for bad in ["nope.x", "scenario.name", "", "providers.cloud-us.price"] {
        for command in ["sweep", "compare"] {
            let mut args = vec![command, m.as_str(), "--marginal", bad, "--no-charts"];
            if command == "sweep" {
                args.extend(["--set", "providers.onprem.capacity=30,40"]);
            }
            let run = tayoka(dir.path())
                .args(&args)
                .args(["--out", "o"])
                .output()
                .unwrap();
            let err = stderr_of(&run);
            assert_eq!(run.status.code(), Some(2), "{command} {bad:?}: {err}");
            assert!(
                err.contains(&format!(
                    "--marginal `{bad}`: not the value of a rule of `minimal`"
                )),
                "{err}"
            );
            assert!(err.contains(valid), "{err}");
        }
    }
    // A swept rule the base lacks (a budget) is one at every point.
    tayoka(dir.path())
        .args(["sweep", &m, "--set", "policy.budget=1500,2000"])
        .args(["--marginal", "policy.budget", "--no-charts", "--out", "o"])
        .assert()
        .code(0);
}

#[test]
fn integer_sweeps_take_whole_points_and_refuse_the_others_by_name() {
    let dir = tempfile::tempdir().unwrap();
    let m = bundled("minimal.toml");
    // Whole points of a count, written as 1.0 or reached by a range, are counts.
    let run = tayoka(dir.path())
        .args(["sweep", &m, "--set", "workloads.chat.min_providers=1.0,2"])
        .args(["--no-charts", "--out", "o"])
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(0), "{}", stderr_of(&run));
    let csv = std::fs::read_to_string(dir.path().join("o/sweep.csv")).unwrap();
    assert!(
        csv.starts_with("workloads.chat.min_providers,status"),
        "{csv}"
    );
    assert_eq!(csv.matches(",optimal,").count(), 2, "{csv}");
    tayoka(dir.path())
        .args(["sweep", &m, "--set", "policy.mosaic_max_categories=0..3"])
        .args(["--steps", "4", "--no-charts", "--out", "o"])
        .assert()
        .code(0);
    // A point that is not whole is refused by name, the same on every run:
    // 1.5 is the first such point of the grid.
    for _ in 0..3 {
        let run = tayoka(dir.path())
            .args(["sweep", &m, "--set", "workloads.chat.max_providers=1..3"])
            .args(["--steps", "5", "--no-charts", "--out", "o"])
            .output()
            .unwrap();
        let err = stderr_of(&run);
        assert_eq!(run.status.code(), Some(1), "{err}");
        assert!(
            err.contains("`workloads.chat.max_providers` must be a whole number, found a float"),
            "{err}"
        );
        assert!(
            err.contains("--set workloads.chat.max_providers=1.5"),
            "{err}"
        );
        assert!(!err.contains("2.5"), "only the first point is named: {err}");
    }
}

// ---- Text that reaches a terminal or a file is safe ---------------------

#[test]
fn escapes_on_the_command_line_are_shown_as_text() {
    let dir = tempfile::tempdir().unwrap();
    let run = tayoka(dir.path())
        .args(["solve", &bundled("minimal.toml"), "--set"])
        .arg("providers.cloud\u{1b}]0;PWNED\u{7}.capacity=5")
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(2));
    let err = stderr_of(&run);
    assert!(!err.contains('\u{1b}') && !err.contains('\u{7}'), "{err:?}");
    assert!(
        err.contains("providers.cloud\\u{1b}]0;PWNED\\u{7}.capacity=5"),
        "{err}"
    );
}

#[cfg(target_os = "linux")]
#[test]
fn help_and_version_into_a_full_disk_are_an_error() {
    for flag in ["--help", "--version"] {
        let full = std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .unwrap();
        let run = std::process::Command::new(assert_cmd::cargo::cargo_bin("tayoka"))
            .arg(flag)
            .stdout(full)
            .output()
            .unwrap();
        assert_eq!(run.status.code(), Some(1), "{flag}");
        assert!(
            stderr_of(&run).contains("cannot write to standard output: No space left on device"),
            "{flag}: {}",
            stderr_of(&run)
        );
    }
}

#[test]
fn hostile_names_are_seen_not_obeyed_in_every_file_and_on_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let hostile = "\u{1b}]0;PWNED\u{7}\u{0}\u{202e}tsoc<&>";
    let esc = toml::Value::String(hostile.into()).to_string();
    let text = format!(
        "{HEAD}title_ja = {esc}\n{}{}{}",
        provider(
            "jp",
            "JP",
            100.0,
            1.0,
            &format!("name = {esc}\nname_ja = {esc}")
        ),
        provider("us", "US", 100.0, 2.0, ""),
        workload("a", 50.0, &format!("name = {esc}")),
    )
    .replacen(
        "name = \"case\"",
        &format!("name = \"case\"\ntitle = {esc}"),
        1,
    );
    write(dir.path(), "case.toml", &text);
    for lang in ["en", "ja"] {
        let run = tayoka(dir.path())
            .args(["solve", "case.toml", "--lang", lang, "--out", lang])
            .output()
            .unwrap();
        assert_eq!(run.status.code(), Some(0), "{}", stderr_of(&run));
        let shown = String::from_utf8_lossy(&run.stdout).into_owned() + &stderr_of(&run);
        assert!(
            !shown.chars().any(tayoka::base::text::is_unsafe),
            "{lang}: {shown:?}"
        );
        assert!(shown.contains("\\u{202e}"), "{lang}: {shown}");
        for (name, bytes) in common::files(&dir.path().join(lang)) {
            let text = String::from_utf8_lossy(&bytes);
            if name.ends_with(".svg") {
                roxmltree::Document::parse(&text).unwrap_or_else(|e| panic!("{lang}/{name}: {e}"));
            }
            if name.ends_with(".svg") || name.ends_with(".html") {
                assert!(
                    !text.chars().any(tayoka::base::text::is_unsafe),
                    "{lang}/{name}"
                );
            }
        }
    }
}

// ---- Big inputs are refused before memory runs out; clear messages ------

#[test]
fn an_import_past_the_most_workloads_stops_at_the_row_that_passes_it() {
    let dir = tempfile::tempdir().unwrap();
    let most = tayoka::scenario::MAX_WORKLOADS;
    let mut csv = String::with_capacity(most * 16);
    csv.push_str("id,capability,demand\n");
    // The first row is also wrong; once the file is refused for its size
    // nothing of it is decoded, so that error is not reported.
    csv.push_str("w0,llm,0\n");
    for i in 1..most + 5 {
        csv.push_str(&format!("w{i},llm,1\n"));
    }
    write(dir.path(), "w.csv", &csv);
    let text = format!(
        "{HEAD}{}\n[[import]]\nworkloads = \"w.csv\"\n",
        provider("jp", "JP", 1e12, 1.0, "")
    );
    write(dir.path(), "case.toml", &text);
    let err = exits(dir.path(), &["check", "case.toml"], 1);
    assert!(
        err.contains(&format!(
            "`w.csv` has more workloads than a scenario may hold: the most tayoka plans with is {most} (with the scenario's own); reading stopped at row {}",
            most + 2
        )),
        "{err}"
    );
    assert!(err.contains(&format!("--> w.csv:{}:1", most + 2)), "{err}");
    assert!(
        !err.contains("the scenario has"),
        "counted while reading: {err}"
    );
    assert!(!err.contains("must be > 0"), "not decoded: {err}");
}

#[test]
fn a_cell_that_is_not_a_number_is_one_error_not_two() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "w.csv",
        "id,capability,demand\nw1,llm,lots\nw2,llm,3\n",
    );
    let text = format!(
        "{HEAD}{}\n[[import]]\nworkloads = \"w.csv\"\n",
        provider("jp", "JP", 100.0, 1.0, "")
    );
    write(dir.path(), "case.toml", &text);
    let err = exits(dir.path(), &["check", "case.toml"], 1);
    assert!(
        err.starts_with(
            "error: row 2, column `demand`: expected a number, found `lots`\n --> w.csv:2:8"
        ),
        "{err}"
    );
    assert!(!err.contains("missing"), "{err}");
    assert!(!err.contains("problems found"), "one error: {err}");
}

#[test]
fn a_header_nested_too_deep_is_located() {
    let dir = tempfile::tempdir().unwrap();
    let deep = format!("{HEAD}\n[{}]\nx = 1\n", vec!["a"; 1000].join("."));
    write(dir.path(), "case.toml", &deep);
    let err = exits(dir.path(), &["check", "case.toml"], 1);
    assert!(err.contains("invalid TOML: recursion limit"), "{err}");
    assert!(err.contains("--> case.toml:5:1"), "{err}");
    assert!(
        err.contains("nests tables or arrays deeper than the parser follows"),
        "{err}"
    );
}
