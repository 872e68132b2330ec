//! National scale: CSV imports (every error kind), exact aggregation, and the
//! municipal scenario under the rule checker.

use crate::common;

use std::path::{Path, PathBuf};

use common::checker::{check, read_allocation};
use common::{load_case, scenarios, tayoka};
use predicates::prelude::*;
use tayoka::model::backend::SolverKind;
use tayoka::scenario::{LoadOptions, SetArg, load};
use tayoka::solve::{Solved, Spec, solve_spec};

/// Many duplicated workloads (groups of 12 alike) and a few singular ones.
/// With `max_provider_fraction = 0.5` and prices 1 < 2 < 3, the cheapest
/// plan of each workload is a 50/50 split on a and b: unique, whether the
/// workloads are merged or not.
fn duplicated(objective: &str) -> String {
    let mut t = format!(
        "[scenario]\nname = \"dup\"\nhome = \"JP\"\n[policy]\nobjective = \"{objective}\"\n[policy.limits.cap]\ndimension = \"provider\"\nmax_share = 0.55\n"
    );
    for (id, price, country) in [("a", 1.0, "JP"), ("b", 2.0, "US"), ("c", 3.0, "JP")] {
        t += &format!(
            "[providers.{id}]\ncountry = \"{country}\"\ncapacity = 5000\nprice = {price}\ncapabilities = {{ llm = 1.0 }}\n"
        );
    }
    for i in 0..36 {
        let data = ["medical", "tax", "welfare"][i % 3];
        t += &format!(
            "[workloads.w{i:02}]\ncapability = \"llm\"\ndemand = {}\ndata = [\"{data}\"]\nmax_provider_fraction = 0.5\ncritical = {}\n",
            10 + i,
            i % 2 == 0
        );
    }
    t += "[workloads.solo]\ncapability = \"llm\"\ndemand = 77\nonly = [\"b\", \"c\"]\n";
    t
}

fn solve_text(text: &str, plain: bool) -> Solved {
    let spec = Spec {
        plain,
        ..Default::default()
    };
    solve_spec(load_case(text, None, &[]), SolverKind::Microlp, &spec)
        .unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn aggregated_and_plain_solves_agree() {
    for objective in ["cost", "diversify", "sovereignty", "resilience"] {
        let text = duplicated(objective);
        let merged = solve_text(&text, false);
        let plain = solve_text(&text, true);
        assert!(merged.reduced.is_some(), "alike workloads were merged");
        assert!(plain.reduced.is_none());
        assert_eq!(
            merged.reduced.as_ref().unwrap().reduced.members.len(),
            7,
            "6 groups of alike workloads + solo"
        );
        for (a, b) in merged.metrics.stages.iter().zip(&plain.metrics.stages) {
            assert_eq!(a.name, b.name);
            assert!(
                (a.value - b.value).abs() <= 1e-7 * a.value.abs().max(1.0),
                "{objective} {}: {} vs {}",
                a.name,
                a.value,
                b.value
            );
        }
        assert_eq!(
            merged.metrics.worst_cutoff, plain.metrics.worst_cutoff,
            "{objective}"
        );
        if objective == "cost" {
            // The unique cheapest plan: the same fractions for every workload.
            assert_eq!(merged.allocation, plain.allocation);
            assert_eq!(merged.metrics, plain.metrics);
        }
    }
}

/// Writes a scenario and CSV files into a folder; returns the scenario path.
fn with_csv(dir: &Path, toml: &str, files: &[(&str, &str)]) -> PathBuf {
    std::fs::create_dir_all(dir.join("data")).unwrap();
    for (name, text) in files {
        std::fs::write(dir.join("data").join(name), text).unwrap();
    }
    let path = dir.join("s.toml");
    std::fs::write(&path, toml).unwrap();
    path
}

const IMPORTING: &str = "[scenario]\nname = \"imp\"\nhome = \"JP\"\n[providers.jp]\ncountry = \"JP\"\ncapacity = 1000\nprice = 1.0\ncapabilities = { llm = 0.9 }\n\n[[import]]\nworkloads = \"data/w.csv\"\n";

/// `tayoka check s.toml` on a workloads CSV; asserts exit code 1; stderr.
fn import_fails(csv: &str) -> String {
    let dir = tempfile::tempdir().unwrap();
    with_csv(dir.path(), IMPORTING, &[("w.csv", csv)]);
    let out = tayoka(dir.path())
        .args(["check", "s.toml"])
        .output()
        .unwrap();
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(1), "{err}");
    err
}

#[test]
fn imported_workloads_plan_like_any_other_and_take_overrides() {
    let dir = tempfile::tempdir().unwrap();
    let csv = "id,name,capability,demand,data,critical,current\nw1,Chat,llm,100,medical;tax,true,jp:1\nw2,\"Search, fast\",llm,50,,false,\n";
    let path = with_csv(dir.path(), IMPORTING, &[("w.csv", csv)]);
    let loaded = load(&path, &LoadOptions::default()).unwrap();
    let w1 = &loaded.scenario.workloads[0];
    assert_eq!(
        (w1.id.as_str(), w1.demand, w1.critical),
        ("w1", 100.0, true)
    );
    assert_eq!(w1.data, ["medical", "tax"]);
    assert_eq!(w1.current["jp"], 1.0);
    assert_eq!(loaded.scenario.workloads[1].name, "Search, fast");
    // The CSV's SHA-256 is in the run record.
    assert_eq!(loaded.inputs.len(), 2);
    assert!(loaded.inputs[1].path.ends_with("data/w.csv"));
    // --set reaches an imported workload.
    let opts = LoadOptions {
        variant: None,
        sets: vec!["workloads.w2.demand=70".parse::<SetArg>().unwrap()],
        ..Default::default()
    };
    assert_eq!(
        load(&path, &opts).unwrap().scenario.workloads[1].demand,
        70.0
    );
    tayoka(dir.path())
        .args(["solve", "s.toml", "--no-charts", "--out", "o"])
        .assert()
        .code(0);
}

#[test]
fn a_bad_cell_is_named_by_file_row_and_column() {
    let err = import_fails("id,capability,demand\nw1,llm,100\nw2,llm,lots\n");
    assert!(
        err.contains("error: row 3, column `demand`: expected a number, found `lots`\n --> "),
        "{err}"
    );
    assert!(err.contains("w.csv:3:8\n"), "{err}");
    assert!(err.contains("3 | w2,llm,lots\n  |        ^^^^"), "{err}");
}

#[test]
fn every_kind_of_cell_is_checked() {
    let err = import_fails(
        "id,capability,demand,min_providers,critical,current\nw1,llm,10,two,maybe,jp=1\n",
    );
    assert!(
        err.contains("row 2, column `min_providers`: expected a whole number, found `two`"),
        "{err}"
    );
    assert!(
        err.contains("row 2, column `critical`: expected true or false, found `maybe`"),
        "{err}"
    );
    assert!(
        err.contains(
            "row 2, column `current`: expected key:value pairs separated by `;`, found `jp=1`"
        ),
        "{err}"
    );
}

#[test]
fn an_unknown_column_lists_the_fields_and_suggests_one() {
    let err = import_fails("id,capability,demnd\nw1,llm,10\n");
    assert!(err.contains("error: unknown column `demnd` for workloads, expected `id` or one of `name`, `name_ja`, `owner`, `owner_ja`, `capability`"), "{err}");
    assert!(err.contains("w.csv:1:15"), "{err}");
    assert!(err.contains("did you mean `demand`?"), "{err}");
}

#[test]
fn the_id_column_is_required_and_ids_are_checked() {
    let err = import_fails("capability,demand\nllm,10\n");
    assert!(err.contains("has no `id` column"), "{err}");
    let err = import_fails("id,capability,demand\nw 1,llm,10\nw2,llm,5\nw2,llm,6\n");
    assert!(err.contains("row 2: `w 1` is not a valid id"), "{err}");
    assert!(
        err.contains("row 4: `workloads.w2` is defined twice (in the scenario or an earlier row)"),
        "{err}"
    );
    assert!(err.contains("w.csv:4:1"), "{err}");
}

#[test]
fn typed_checks_point_into_the_csv() {
    // Range and reference checks happen after import, at the cell.
    let err = import_fails("id,capability,demand,only\nw1,llm,-5,\nw2,lm,5,jq\n");
    assert!(
        err.contains("error: `workloads.w1.demand` must be > 0, found -5\n --> "),
        "{err}"
    );
    assert!(err.contains("w.csv:2:8"), "{err}");
    assert!(err.contains("no provider offers capability `lm`"), "{err}");
    assert!(err.contains("w.csv:3:4"), "{err}");
    assert!(err.contains("no provider `jq`"), "{err}");
}

#[test]
fn a_missing_csv_or_a_malformed_import_is_named() {
    let dir = tempfile::tempdir().unwrap();
    with_csv(dir.path(), IMPORTING, &[]);
    tayoka(dir.path())
        .args(["check", "s.toml"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("cannot read `"))
        .stderr(predicate::str::contains("data/w.csv`"))
        .stderr(predicate::str::contains("s.toml:11:13"));
    let bad = IMPORTING.replace("workloads = \"data/w.csv\"", "people = \"data/w.csv\"");
    with_csv(dir.path(), &bad, &[]);
    tayoka(dir.path())
        .args(["check", "s.toml"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "each `[[import]]` names one CSV file",
        ));
}

#[test]
fn providers_import_too() {
    let dir = tempfile::tempdir().unwrap();
    let toml = "[scenario]\nname = \"p\"\nhome = \"JP\"\n[workloads.w]\ncapability = \"llm\"\ndemand = 10\n[[import]]\nproviders = \"data/p.csv\"\n";
    let csv = "id,country,capacity,price,capabilities,tags,regions\njp,JP,100,1,llm:0.9;gpu:0.5,chips:NVIDIA,JP;US\nus,US,100,1,llm:0.9,chips:AMD,\n";
    let path = with_csv(dir.path(), toml, &[("p.csv", csv)]);
    let s = load(&path, &LoadOptions::default()).unwrap().scenario;
    assert_eq!(s.providers[0].regions, ["JP", "US"]);
    assert_eq!(s.providers[0].capabilities["gpu"], 0.5);
    assert_eq!(s.providers[1].tags["chips"], "AMD");
    assert_eq!(
        s.providers[1].regions,
        ["US"],
        "regions default to the country"
    );
}

#[test]
fn the_municipal_scenario_solves_within_every_rule() {
    let dir = tempfile::tempdir().unwrap();
    let path = scenarios().join("japan-municipal-2027.toml");
    for variant in [None, Some("survive"), Some("mosaic")] {
        let mut cmd = tayoka(dir.path());
        cmd.arg("solve")
            .arg(&path)
            .args(["--no-charts", "--out", "o"]);
        if let Some(v) = variant {
            cmd.args(["--variant", v]);
        }
        let out = cmd.output().unwrap();
        assert_eq!(
            out.status.code(),
            Some(0),
            "{variant:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let opts = LoadOptions {
            variant: variant.map(str::to_string),
            sets: Vec::new(),
            ..Default::default()
        };
        let scenario = load(&path, &opts).unwrap().scenario;
        assert!(scenario.workloads.len() > 34_000);
        let rows = read_allocation(&dir.path().join("o/allocation.csv"));
        check(&scenario, &rows);
    }
    // Large scenarios keep the report readable: the largest workloads only.
    let html = std::fs::read_to_string(dir.path().join("o/report.html")).unwrap();
    assert!(html.contains("showing the 200 largest of 34836 workloads by demand"));
    assert!(html.len() < 2_000_000, "report of {} bytes", html.len());
}
