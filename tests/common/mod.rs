//! Helpers shared by the integration tests.
#![allow(dead_code)]

pub mod checker;

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use tayoka::model::backend::SolverKind;
use tayoka::scenario::{LoadOptions, Loaded, SetArg, load_str};
use tayoka::solve::{Solved, solve};

/// The bundled scenarios folder.
pub fn scenarios() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios")
}

/// The tests' own scenarios (`tests/data`).
pub fn data() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data")
}

/// Every entry of a folder, hidden ones too, with its bytes.
pub fn files(dir: &Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| {
            (
                e.file_name().to_string_lossy().into_owned(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect()
}

/// The tayoka binary, run in `dir`.
/// Whether a bundled scenario's model is large after merging (the locked
/// municipal estate: about a minute to plan), so that the tests that solve
/// every bundled scenario several ways solve it once.
pub fn is_large(s: &tayoka::scenario::Scenario) -> bool {
    let e = tayoka::scenario::eligibility::Eligibility::compute(s);
    let merged = tayoka::solve::aggregate::reduce(s, &e)
        .map_or(s.workloads.len(), |r| r.scenario.workloads.len());
    merged > 10_000
}

pub fn tayoka(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("tayoka").expect("binary built");
    cmd.current_dir(dir);
    cmd
}

/// A JSON file the program wrote (`plan.json`, `compare.json`, ...).
pub fn read_json(path: &Path) -> serde_json::Value {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_slice(&bytes).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Runs `cmd`, which must exit 0 (its standard error says why not).
pub fn succeeds(cmd: &mut Command) -> std::process::Output {
    let out = cmd.output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

/// The head of a hand-derived case; the case adds providers, workloads and policy.
pub const HEAD: &str = "[scenario]\nname = \"case\"\nhome = \"JP\"\n";

/// Scenario text, named `case.toml` in messages, loaded with a variant and
/// `--set` overrides; panics with the error.
pub fn load_case(text: &str, variant: Option<&str>, sets: &[&str]) -> Loaded {
    let sets: Vec<SetArg> = sets.iter().map(|s| s.parse().unwrap()).collect();
    load_str(
        Path::new("case.toml"),
        text.to_string(),
        &LoadOptions::new(variant, &sets),
    )
    .unwrap_or_else(|e| panic!("{e}"))
}

/// A case loaded as [`load_case`] and solved with microlp; panics with the error.
pub fn solve_case(text: &str, variant: Option<&str>, sets: &[&str]) -> Solved {
    solve(load_case(text, variant, sets), SolverKind::Microlp).unwrap_or_else(|e| panic!("{e}"))
}

/// A case without overrides, solved.
pub fn solve_text(text: &str) -> Solved {
    solve_case(text, None, &[])
}

/// What `provider` serves of `workload` in a plan (0 when nothing).
pub fn amount(run: &Solved, workload: &str, provider: &str) -> f64 {
    let s = run.scenario();
    let wi = s.workloads.iter().position(|w| w.id == workload).unwrap();
    let pi = s.provider_index(provider).unwrap();
    run.allocation.rows[wi]
        .iter()
        .find(|a| a.provider == pi)
        .map_or(0.0, |a| a.amount)
}

/// Writes `text` as `name` in a fresh temporary folder.
pub fn scenario_file(name: &str, text: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join(name);
    std::fs::write(&path, text).expect("write scenario");
    (dir, path)
}

/// `line:col` (1-based) of the first occurrence of `needle` in `text`.
pub fn line_col(text: &str, needle: &str) -> String {
    let at = text
        .find(needle)
        .unwrap_or_else(|| panic!("`{needle}` not in text"));
    let line = text[..at].matches('\n').count() + 1;
    let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let col = text[start..at].chars().count() + 1;
    format!("{line}:{col}")
}

/// A provider offering `llm` at quality 1, for hand-derived cases.
pub fn provider(id: &str, country: &str, capacity: f64, price: f64, extra: &str) -> String {
    format!(
        "[providers.{id}]\ncountry = \"{country}\"\ncapacity = {capacity}\nprice = {price}\ncapabilities = {{ llm = 1.0 }}\n{extra}\n"
    )
}

/// A workload needing `llm`, for hand-derived cases.
pub fn workload(id: &str, demand: f64, extra: &str) -> String {
    format!("[workloads.{id}]\ncapability = \"llm\"\ndemand = {demand}\n{extra}\n")
}

/// A small valid scenario that tests mutate.
pub const BASE: &str = r#"[scenario]
name = "t"
home = "JP"

[classes.special]
domestic_only = true

[providers.jp]
country = "JP"
capacity = 100
price = 2.0
sovereignty = 3
capabilities = { llm = 0.8 }
tags = { group = "g1" }

[providers.us]
country = "US"
capacity = 100
price = 1.0
capabilities = { llm = 0.9 }
tags = { group = "g2" }

[workloads.chat]
capability = "llm"
demand = 50

[workloads.stats]
capability = "llm"
demand = 30
class = "special"
critical = true

[policy]
objective = "diversify"
diversify = ["provider"]

[variants.cheap]
description = "cheapest"
policy.objective = "cost"
"#;
