//! Trustworthy under bad input: size limits, huge numbers, deep nesting,
//! paths that would write outside the output folder, the schema.

use crate::common;

use common::{BASE, scenario_file, scenarios, tayoka};
use predicates::prelude::*;

#[test]
fn huge_numbers_are_refused_with_the_limit() {
    let (dir, _) = scenario_file("s.toml", &BASE.replace("demand = 50", "demand = 1e300"));
    tayoka(dir.path())
        .args(["check", "s.toml"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("`workloads.chat.demand` is too large: 1e300; numbers in a scenario are at most 1e15 in size"));
}

#[test]
fn deep_nesting_is_an_error_not_a_crash_and_long_lines_are_windowed() {
    let deep = format!("{BASE}x = {}{}\n", "[".repeat(20_000), "]".repeat(20_000));
    let (dir, _) = scenario_file("s.toml", &deep);
    let out = tayoka(dir.path())
        .args(["check", "s.toml"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("invalid TOML: cannot recurse further; max recursion depth met"),
        "{err}"
    );
    assert!(
        err.lines().all(|l| l.chars().count() < 200),
        "an unwindowed line in:\n{err}"
    );
    assert!(err.contains('…'), "{err}");
}

#[test]
fn an_over_large_file_is_refused_before_parsing() {
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("big.toml");
    let f = std::fs::File::create(&big).unwrap();
    f.set_len(tayoka::scenario::MAX_FILE_BYTES + 1).unwrap();
    tayoka(dir.path())
        .args(["check", "big.toml"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "bytes; the largest accepted is 16777216 bytes",
        ));
}

#[test]
fn too_many_providers_are_refused_with_the_limit() {
    let mut text = BASE.to_string();
    for i in 0..tayoka::scenario::MAX_PROVIDERS {
        text += &format!(
            "[providers.extra{i}]\ncountry = \"JP\"\ncapacity = 1\nprice = 1.0\ncapabilities = {{ llm = 1.0 }}\n"
        );
    }
    let (dir, _) = scenario_file("s.toml", &text);
    tayoka(dir.path())
        .args(["check", "s.toml"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "the scenario has 10002 providers; the most tayoka plans with is 10000",
        ));
}

#[test]
fn names_and_variants_cannot_write_outside_the_output_folder() {
    let (dir, _) = scenario_file(
        "s.toml",
        &BASE.replace("name = \"t\"", "name = \"../evil\""),
    );
    tayoka(dir.path())
        .args(["solve", "s.toml"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "`scenario.name` names the output folder, so it must be an id",
        ));
    let (dir, _) = scenario_file("s.toml", BASE);
    for v in ["../x", "/tmp/x", "@../x"] {
        tayoka(dir.path())
            .args(["solve", "s.toml", "--variant", v])
            .assert()
            .code(1)
            .stderr(predicate::str::contains("unknown variant"));
    }
    let (dir, _) = scenario_file(
        "s.toml",
        &format!("{BASE}\n[variants.\"../up\"]\npolicy.objective = \"cost\"\n"),
    );
    tayoka(dir.path())
        .args(["check", "s.toml"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("`../up` is not a valid id"));
    assert!(!dir.path().join("../evil").exists());
}

#[test]
fn the_schema_is_generated_and_the_committed_copy_is_current() {
    let dir = tempfile::tempdir().unwrap();
    let out = tayoka(dir.path()).arg("schema").output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let schema: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        schema["properties"]["providers"]["additionalProperties"]["properties"]["capacity"]["minimum"],
        0
    );
    assert_eq!(
        schema["properties"]["policy"]["properties"]["objective"]["enum"][3],
        "resilience"
    );
    let committed = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/docs/tayoka.schema.json"
    ))
    .unwrap();
    assert!(
        committed == out.stdout,
        "docs/tayoka.schema.json is stale: run `cargo run -- schema > docs/tayoka.schema.json`"
    );
    // Every bundled scenario points editors at it.
    for name in [
        "minimal.toml",
        "japan-gov-2027.toml",
        "japan-municipal-2027.toml",
        "japan-municipal-locked-2027.toml",
    ] {
        let text = std::fs::read_to_string(scenarios().join(name)).unwrap();
        assert!(
            text.starts_with("#:schema ../docs/tayoka.schema.json\n"),
            "{name}"
        );
    }
}
