//! One folder, one run: whatever ran before or runs at once, an output
//! folder holds exactly one run's files, and the plain plan is never
//! replaced by a run with overrides or a variant.

use crate::common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use common::{files, scenarios, tayoka};
use predicates::prelude::*;

fn names(dir: &Path) -> BTreeSet<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect()
}

fn gov() -> String {
    scenarios()
        .join("japan-gov-2027.toml")
        .to_string_lossy()
        .into_owned()
}

const PLAN: [&str; 12] = [
    "allocation.csv",
    "allocation.png",
    "allocation.svg",
    "concentration.png",
    "concentration.svg",
    "metrics.json",
    "plan.json",
    "plan.xlsx",
    "report.html",
    "shares.csv",
    "shares.png",
    "shares.svg",
];

fn set(names: &[&str]) -> BTreeSet<String> {
    names.iter().map(|s| s.to_string()).collect()
}

#[test]
fn a_run_without_a_plan_or_without_charts_leaves_nothing_of_the_run_before() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("o");
    let o = out.to_str().unwrap();
    tayoka(dir.path())
        .args(["solve", &gov(), "--out", o])
        .assert()
        .code(0);
    assert_eq!(names(&out), set(&PLAN));
    // No plan: only its diagnosis and report, none of the plan's files.
    tayoka(dir.path())
        .args(["solve", &gov(), "--out", o, "--set", "policy.budget=1"])
        .assert()
        .code(3);
    assert_eq!(
        names(&out),
        set(&["diagnosis.json", "diagnosis.xlsx", "report.html"])
    );
    // A plan again: no stale diagnosis.
    tayoka(dir.path())
        .args(["solve", &gov(), "--out", o, "--no-charts"])
        .assert()
        .code(0);
    assert_eq!(
        names(&out),
        set(&[
            "allocation.csv",
            "metrics.json",
            "plan.json",
            "plan.xlsx",
            "report.html",
            "shares.csv"
        ])
    );
}

#[test]
fn overrides_get_their_own_folder_and_say_so() {
    let dir = tempfile::tempdir().unwrap();
    tayoka(dir.path()).args(["solve", &gov()]).assert().code(0);
    let base = dir.path().join("output/japan-gov-2027/base");
    let plain = files(&base);
    let assert = tayoka(dir.path())
        .args(["solve", &gov(), "--set", "providers.aws.capacity=0"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("[japan-gov-2027 / base+919d3a7c]"))
        .stdout(predicate::str::contains(
            "with --set providers.aws.capacity=0",
        ));
    let stderr = String::from_utf8_lossy(&assert.get_output().stderr).into_owned();
    assert!(
        stderr.starts_with("wrote 12 files to output/japan-gov-2027/base+919d3a7c/"),
        "{stderr}"
    );
    assert_eq!(files(&base), plain, "the plain plan was touched");
    let tagged = dir.path().join("output/japan-gov-2027/base+919d3a7c");
    let svg = std::fs::read_to_string(tagged.join("allocation.svg")).unwrap();
    assert!(
        svg.contains("base+919d3a7c · --set providers.aws.capacity=0"),
        "the chart's title does not name the overrides"
    );
    let report = std::fs::read_to_string(tagged.join("report.html")).unwrap();
    assert!(report.contains("base+919d3a7c"));
    assert!(report.contains("providers.aws.capacity = 0"));
    // The same overrides give the same folder; other overrides another one.
    tayoka(dir.path())
        .args(["solve", &gov(), "--set", "providers.aws.capacity=1"])
        .assert()
        .code(0);
    let folders = names(&dir.path().join("output/japan-gov-2027"));
    assert_eq!(folders.len(), 3, "{folders:?}");
}

#[test]
fn base_and_the_analyses_cannot_name_a_variant() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(scenarios().join("minimal.toml")).unwrap()
        + "\n[variants.base]\npolicy.objective = \"cost\"\n";
    std::fs::write(dir.path().join("v.toml"), &text).unwrap();
    let line = text.lines().count() - 1;
    tayoka(dir.path())
        .args(["solve", "v.toml"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "`base` cannot name a variant: `base` already names an output folder",
        ))
        .stderr(predicate::str::contains(format!("v.toml:{line}:11")));
    std::fs::write(
        dir.path().join("s.toml"),
        text.replace("[variants.base]", "[variants.stress]"),
    )
    .unwrap();
    tayoka(dir.path())
        .args(["check", "s.toml"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("`stress` cannot name a variant"));
}

#[test]
fn files_tayoka_did_not_write_are_never_deleted() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("mine");
    std::fs::create_dir(&out).unwrap();
    std::fs::write(out.join("notes.txt"), b"mine").unwrap();
    std::fs::write(out.join("plan.json"), b"an old plan").unwrap();
    tayoka(dir.path())
        .args(["solve", &gov(), "--out", "mine"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "`mine` holds files tayoka did not write: notes.txt",
        ))
        .stderr(predicate::str::contains("name another folder with --out"));
    assert_eq!(std::fs::read(out.join("notes.txt")).unwrap(), b"mine");
    assert_eq!(
        std::fs::read(out.join("plan.json")).unwrap(),
        b"an old plan"
    );
    // An analysis refuses the same way, after its work.
    tayoka(dir.path())
        .args(["frontier", &gov(), "--points", "2", "--out", "mine"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("notes.txt"));
    assert_eq!(names(&out), set(&["notes.txt", "plan.json"]));
    // A file where the folder would go is no folder to replace.
    tayoka(dir.path())
        .args(["solve", &gov(), "--out", "mine/notes.txt"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "`mine/notes.txt` is a file, not a folder",
        ));
    assert_eq!(std::fs::read(out.join("notes.txt")).unwrap(), b"mine");
}

#[test]
fn runs_into_one_folder_at_once_leave_one_whole_run() {
    let dir = tempfile::tempdir().unwrap();
    let variants = [
        "base",
        "sovereignty",
        "@cost",
        "aws-cut",
        "us-cut",
        "@diversify",
    ];
    // Each run alone, for reference.
    let mut reference = BTreeMap::new();
    for v in variants {
        let out = dir.path().join(format!("ref-{v}"));
        let mut cmd = tayoka(dir.path());
        cmd.args(["solve", &gov(), "-q", "--out"]).arg(&out);
        if v != "base" {
            cmd.args(["--variant", v]);
        }
        cmd.assert().code(0);
        reference.insert(v.to_string(), files(&out));
    }
    for round in 0..3 {
        let shared = dir.path().join(format!("shared-{round}"));
        let children: Vec<_> = variants
            .iter()
            .map(|v| {
                let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_tayoka"));
                cmd.current_dir(dir.path())
                    .args(["solve", &gov(), "-q", "--out"])
                    .arg(&shared)
                    .stdout(std::process::Stdio::null());
                if *v != "base" {
                    cmd.args(["--variant", v]);
                }
                cmd.spawn().unwrap()
            })
            .collect();
        for mut c in children {
            assert!(c.wait().unwrap().success());
        }
        let now = files(&shared);
        let plan: serde_json::Value = serde_json::from_slice(&now["plan.json"]).unwrap();
        let variant = plan["variant"].as_str().unwrap().to_string();
        assert_eq!(
            Some(&now),
            reference.get(&variant),
            "round {round}: the folder is not the whole run of {variant}"
        );
        let beside: Vec<String> = names(dir.path())
            .into_iter()
            .filter(|n| n.starts_with('.'))
            .collect();
        assert!(beside.is_empty(), "left {beside:?}");
    }
}

#[test]
fn every_file_a_command_writes_is_one_a_later_run_may_replace() {
    // A name missing from FILE_NAMES would make the next run into the same
    // folder refuse it as the user's.
    let dir = tempfile::tempdir().unwrap();
    let g = gov();
    let runs: [&[&str]; 9] = [
        &["solve", &g],
        &["solve", &g, "--set", "policy.budget=1"],
        &["compare", &g, "--variants", "base,@cost"],
        &["sweep", &g, "--set", "policy.budget=3.9e10,4e10"],
        &["frontier", &g, "--points", "2"],
        &["stress", &g, "--samples", "100"],
        &["pathway", &g, "--variant", "transition", "--years", "2"],
        &["alternatives", &g],
        &["solve", &g, "--no-charts"],
    ];
    for (i, args) in runs.iter().enumerate() {
        let out = format!("run{i}");
        for _ in 0..2 {
            let status = tayoka(dir.path())
                .args(*args)
                .args(["-q", "--out", &out])
                .output()
                .unwrap()
                .status;
            assert!(matches!(status.code(), Some(0 | 3)), "{args:?}: {status}");
        }
        for name in names(&dir.path().join(&out)) {
            assert!(
                tayoka::report::output::FILE_NAMES.contains(&name.as_str()),
                "{args:?} writes `{name}`, which FILE_NAMES does not list"
            );
        }
    }
}

/// `--write-model DIR` is a run folder of its own: each run's stage files
/// replace the last run's whole, a user's file is never deleted, and the
/// plan's own folder is refused.
#[test]
fn the_model_folder_holds_one_runs_stage_files() {
    let dir = tempfile::tempdir().unwrap();
    let model = dir.path().join("model");
    let (m, o) = (model.to_str().unwrap(), dir.path().join("o"));
    let o = o.to_str().unwrap();
    tayoka(dir.path())
        .args(["solve", &gov(), "--out", o, "--write-model", m])
        .assert()
        .code(0)
        .stderr(predicate::str::contains(format!(
            "wrote 5 stages' programmes (MPS and LP) to {m}/"
        )));
    let five = names(&model);
    assert_eq!(five.len(), 10);
    assert!(five.contains("5-cost.lp") && five.contains("1-max_share-provider.mps"));
    let first = files(&model);
    // The same run again writes the same bytes.
    tayoka(dir.path())
        .args(["solve", &gov(), "--out", o, "--write-model", m])
        .assert()
        .code(0);
    assert_eq!(files(&model), first);
    // A run with two stages leaves no stage of the run before.
    tayoka(dir.path())
        .args(["solve", &gov(), "--variant", "@cost", "--write-model", m])
        .assert()
        .code(0);
    assert_eq!(
        names(&model),
        set(&[
            "1-cost.lp",
            "1-cost.mps",
            "2-max_share-provider.lp",
            "2-max_share-provider.mps"
        ])
    );
    // No plan: the first stage alone, for another solver to find none too.
    tayoka(dir.path())
        .args([
            "solve",
            &gov(),
            "--set",
            "policy.budget=1",
            "--write-model",
            m,
        ])
        .assert()
        .code(3)
        .stderr(predicate::str::contains(
            "wrote the first stage's programme",
        ));
    assert_eq!(
        names(&model),
        set(&["1-max_share-provider.lp", "1-max_share-provider.mps"])
    );
    // A user's file in the folder: refused before any work, nothing deleted.
    std::fs::write(model.join("notes.txt"), "mine").unwrap();
    tayoka(dir.path())
        .args(["solve", &gov(), "--out", o, "--write-model", m])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("notes.txt"));
    assert!(model.join("notes.txt").exists() && model.join("1-max_share-provider.lp").exists());
    // A file where the folder should be.
    std::fs::write(dir.path().join("afile"), "").unwrap();
    tayoka(dir.path())
        .args(["solve", &gov(), "--out", o, "--write-model", "afile"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "`afile` is a file, not a folder: `--write-model` names a folder",
        ));
    // The plan's own folder: refused, whatever way it is written.
    tayoka(dir.path())
        .args([
            "solve",
            &gov(),
            "--out",
            o,
            "--write-model",
            &format!("{o}/."),
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "`--write-model` must name a folder other than the plan's",
        ));
}
