//! Helpers shared by the integration tests.
#![allow(dead_code)]

pub mod checker;

use std::path::{Path, PathBuf};

use assert_cmd::Command;

/// The bundled scenarios folder.
pub fn scenarios() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios")
}

/// The tayoka binary, run in `dir`.
pub fn tayoka(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("tayoka").expect("binary built");
    cmd.current_dir(dir);
    cmd
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
