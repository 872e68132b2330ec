//! The command line as a user runs it: exit codes, files, formats, determinism,
//! and every bundled scenario and variant checked against every rule.

use crate::common;

use std::path::Path;

use common::checker::{check, read_allocation};
use common::{BASE, scenario_file, scenarios, tayoka};
use predicates::prelude::*;
use tayoka::scenario::{LoadOptions, load};

const ALL_FILES: [&str; 12] = [
    "plan.json",
    "plan.xlsx",
    "allocation.csv",
    "shares.csv",
    "metrics.json",
    "allocation.svg",
    "allocation.png",
    "shares.svg",
    "shares.png",
    "concentration.svg",
    "concentration.png",
    "report.html",
];

fn read_json(path: &Path) -> serde_json::Value {
    serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap()
}

#[test]
fn solve_writes_every_file_into_the_default_output_folder() {
    let dir = tempfile::tempdir().unwrap();
    tayoka(dir.path())
        .arg("solve")
        .arg(scenarios().join("minimal.toml"))
        .assert()
        .code(0)
        .stdout(predicate::str::contains("Allocation"))
        .stdout(predicate::str::contains("chat (Staff chat assistant)"))
        .stdout(predicate::str::contains("≤ 50% (us)"))
        .stdout(predicate::str::contains(
            "largest provider share = 37.5% → largest country share = 37.5% → total cost = 1,440",
        ))
        .stderr(predicate::str::contains(
            "wrote 12 files to output/minimal/base/",
        ));
    let out = dir.path().join("output/minimal/base");
    for f in ALL_FILES {
        assert!(out.join(f).is_file(), "{f} missing");
    }
    // Atomic writes leave no temporary file behind.
    let names: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), ALL_FILES.len(), "{names:?}");
    let alloc = std::fs::read_to_string(out.join("allocation.csv")).unwrap();
    assert_eq!(
        alloc,
        "workload,provider,amount,fraction,cost,workload_name,owner,provider_name,company,country\nchat,cloud-jp,5,0.0625,60,Staff chat assistant,Digital Agency,JP Cloud,cloud-jp,JP\nchat,cloud-us,45,0.5625,450,Staff chat assistant,Digital Agency,US Cloud,cloud-us,US\nchat,onprem,30,0.375,450,Staff chat assistant,Digital Agency,On-premises,onprem,JP\nrecords,cloud-jp,40,1,480,Medical records statistics,MHLW,JP Cloud,cloud-jp,JP\n"
    );
}

#[test]
fn metrics_and_plan_json_carry_the_documented_fields() {
    let dir = tempfile::tempdir().unwrap();
    let scenario = scenarios().join("minimal.toml");
    tayoka(dir.path())
        .args([
            "solve",
            "--variant",
            "cost",
            "--set",
            "providers.onprem.price=16",
            "--out",
            "o",
        ])
        .arg(&scenario)
        .assert()
        .code(0);
    let m = read_json(&dir.path().join("o/metrics.json"));
    assert_eq!(m["total_cost"], 1320.0);
    assert_eq!(m["home_share"], 0.5);
    assert_eq!(m["max_share"]["provider"]["value"], "cloud-jp");
    assert_eq!(m["max_share"]["provider"]["share"], 0.5);
    assert_eq!(m["hhi"]["provider"], 0.5);
    assert_eq!(m["effective_number"]["country"], 2.0);
    assert_eq!(m["stages"][0]["name"], "cost");
    assert_eq!(m["stages"][0]["value"], 1320.0);
    // Sovereignty: cloud-us 1 x 60, cloud-jp 3 x 60, over 120.
    assert_eq!(m["mean_sovereignty"], 2.0);
    // No workload is critical, so all demand counts. Losing the country JP
    // cuts cloud-jp and onprem: chat's 20 re-route to cloud-us's spare 40,
    // records (domestic only) has nowhere to go: 40 of 120 unserved. Losing
    // cloud-us leaves 60 of chat with 30 spare on onprem (30/120); losing
    // cloud-jp re-routes chat to cloud-us and 30 of records to onprem (10/120).
    assert_eq!(m["worst_cutoff"]["event"], "country JP");
    assert_eq!(m["worst_cutoff"]["unserved_critical_fraction"], 0.333333333);
    // No workload carries sensitive data: no foreign provider sees any.
    assert_eq!(m["mosaic_exposure"]["categories"], 0);
    assert!(m["mosaic_exposure"]["provider"].is_null());
    // Nothing has a `current` split: nothing moves.
    assert_eq!(
        (m["moved"].as_f64(), m["exit_cost"].as_f64()),
        (Some(0.0), Some(0.0))
    );

    let plan = read_json(&dir.path().join("o/plan.json"));
    assert_eq!(plan["scenario"], "minimal");
    assert_eq!(plan["variant"], "cost");
    assert_eq!(plan["tayoka_version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(plan["solver"]["name"], "microlp");
    assert!(
        plan["solver"]["version"]
            .as_str()
            .unwrap()
            .starts_with("microlp 0.")
    );
    let overrides = plan["overrides"].as_array().unwrap();
    assert_eq!(overrides[0]["path"], "policy.objective");
    assert_eq!(overrides[0]["source"]["kind"], "variant");
    assert_eq!(overrides[1]["path"], "providers.onprem.price");
    assert_eq!(overrides[1]["source"]["name"], "providers.onprem.price=16");
    let sha = plan["inputs"][0]["sha256"].as_str().unwrap();
    assert_eq!(sha.len(), 64);
    // The first failing rule, in DESIGN 4.1's order: sovereignty before domesticity.
    assert_eq!(
        plan["eligibility"]["records"]["cloud-us"],
        "sovereignty 1 < 3"
    );
    assert_eq!(plan["eligibility"]["records"]["onprem"], "eligible");
    assert_eq!(plan["allocation"][0]["workload"], "chat");

    let shares = std::fs::read_to_string(dir.path().join("o/shares.csv")).unwrap();
    assert!(
        shares.starts_with("dimension,value,volume_share,spend_share,name\nprovider,cloud-jp,0.5,"),
        "{shares}"
    );
    // Names beside the ids: the provider's name; a country without one
    // keeps its code.
    let names: Vec<(&str, &str)> = shares
        .lines()
        .skip(1)
        .map(|l| {
            let f: Vec<&str> = l.split(',').collect();
            (f[1], f[4])
        })
        .collect();
    assert!(names.contains(&("cloud-jp", "JP Cloud")), "{shares}");
    assert!(names.contains(&("onprem", "On-premises")), "{shares}");
    assert!(names.contains(&("US", "US")), "{shares}");
}

#[test]
fn format_json_and_csv_write_the_plan_to_standard_output() {
    let dir = tempfile::tempdir().unwrap();
    let scenario = scenarios().join("minimal.toml");
    let out = tayoka(dir.path())
        .args(["solve", "--format", "json"])
        .arg(&scenario)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let plan: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(plan["metrics"]["total_cost"], 1440.0);
    let out = tayoka(dir.path())
        .args(["solve", "--format", "csv"])
        .arg(&scenario)
        .output()
        .unwrap();
    let file = std::fs::read(dir.path().join("output/minimal/base/allocation.csv")).unwrap();
    assert_eq!(out.stdout, file);
}

#[test]
fn the_same_input_gives_byte_identical_files() {
    let dir = tempfile::tempdir().unwrap();
    let scenario = scenarios().join("japan-gov-2027.toml");
    for out in ["a", "b"] {
        tayoka(dir.path())
            .args(["solve", "--out", out])
            .arg(&scenario)
            .assert()
            .code(0);
    }
    for f in ALL_FILES {
        let a = std::fs::read(dir.path().join("a").join(f)).unwrap();
        let b = std::fs::read(dir.path().join("b").join(f)).unwrap();
        assert!(a == b, "{f} differs between two runs");
    }
}

#[test]
fn every_bundled_scenario_and_variant_solves_within_every_rule() {
    let solved = solve_bundled(false);
    assert!(solved >= 12, "only {solved} plans checked");
}

/// The locked municipal estate takes about a minute and a quarter, so the
/// README's test command leaves it out; `.ci/run` runs it (`--ignored`).
#[test]
#[ignore = "about 75 s (the locked municipal estate); CI runs it with --ignored"]
fn the_large_bundled_scenarios_solve_within_every_rule() {
    assert!(solve_bundled(true) >= 1, "no large bundled scenario");
}

/// Solves the bundled scenarios that are large (`large`) or not, each
/// variant and preset of the small ones, and checks every plan against the
/// rule checker; returns how many plans it checked.
fn solve_bundled(large: bool) -> usize {
    let dir = tempfile::tempdir().unwrap();
    let mut solved = 0;
    for entry in std::fs::read_dir(scenarios()).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "toml") {
            continue;
        }
        let base = load(&path, &LoadOptions::default()).unwrap_or_else(|e| panic!("{e}"));
        if common::is_large(&base.scenario) != large {
            continue;
        }
        // A large model is solved as it is; the variants and presets are
        // the same code on the smaller ones.
        let more = !large;
        let variants = std::iter::once(None).chain(
            base.scenario
                .variants
                .keys()
                .cloned()
                .map(Some)
                .chain(["@diversify", "@sovereignty", "@cost"].map(|p| Some(p.to_string())))
                .filter(move |_| more),
        );
        for variant in variants {
            let out = dir.path().join(format!(
                "{}-{}",
                base.scenario.meta.name,
                variant.as_deref().unwrap_or("base")
            ));
            let mut cmd = tayoka(dir.path());
            cmd.arg("solve")
                .arg(&path)
                .arg("--out")
                .arg(&out)
                .arg("--no-charts");
            if let Some(v) = &variant {
                cmd.args(["--variant", v]);
            }
            let result = cmd.output().unwrap();
            assert_eq!(
                result.status.code(),
                Some(0),
                "{} {variant:?}: {}",
                path.display(),
                String::from_utf8_lossy(&result.stderr)
            );
            let opts = LoadOptions {
                variant: variant.clone(),
                sets: Vec::new(),
                ..Default::default()
            };
            let scenario = load(&path, &opts).unwrap().scenario;
            check(&scenario, &read_allocation(&out.join("allocation.csv")));
            solved += 1;
        }
    }
    solved
}

#[test]
fn exit_code_1_for_bad_input_and_2_for_bad_usage() {
    let (dir, _) = scenario_file("s.toml", &BASE.replace("price = 1.0", "price = -1.0"));
    tayoka(dir.path())
        .args(["solve", "s.toml"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("must be >= 0"));
    tayoka(dir.path())
        .args(["solve", "s.toml", "--frobnicate"])
        .assert()
        .code(2);
    tayoka(dir.path()).args(["solve"]).assert().code(2);
    tayoka(dir.path())
        .args(["solve", "s.toml", "--solver", "cplex"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "unknown solver `cplex`; this build has: auto, microlp",
        ));
    tayoka(dir.path())
        .args(["solve", "s.toml", "--set", "oops"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("is not PATH=VALUE"));
}

#[test]
fn exit_code_3_names_a_workload_with_no_eligible_provider_and_every_reason() {
    // The special class is domestic-only; with jp excluded nothing is left.
    let text = BASE.replace(
        "class = \"special\"",
        "class = \"special\"\nexclude = [\"jp\"]",
    );
    let (dir, _) = scenario_file("s.toml", &text);
    let at = format!("[s.toml:{}]", common::line_col(&text, "stats]"));
    tayoka(dir.path())
        .args(["solve", "s.toml"])
        .assert()
        .code(3)
        .stderr(predicate::str::contains("no feasible plan for `t`"))
        .stderr(predicate::str::contains(format!(
            "workload 'stats' has no eligible provider  {at}"
        )))
        .stderr(predicate::str::contains(
            "      jp: excluded\n      us: not domestic (US)\n",
        ));
    // check finds the same before any solve.
    tayoka(dir.path())
        .args(["check", "s.toml"])
        .assert()
        .code(3)
        .stderr(predicate::str::contains("has no eligible provider"));
    // And --format json gives the diagnosis to a pipeline.
    let out = tayoka(dir.path())
        .args(["solve", "s.toml", "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
    let d: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(d["status"], "infeasible");
    assert_eq!(d["diagnosis"]["causes"][0]["kind"], "no_eligible_provider");
    assert_eq!(
        d["diagnosis"]["causes"][0]["reasons"]["us"],
        "not domestic (US)"
    );
}

#[test]
fn exit_code_3_names_a_class_whose_capacity_is_below_its_demand() {
    // Two special workloads of 60 each fit jp's 100 one at a time, not together.
    let text = BASE.replace("demand = 30", "demand = 60")
        + "\n[workloads.stats2]\ncapability = \"llm\"\ndemand = 60\nclass = \"special\"\n";
    let (dir, _) = scenario_file("s.toml", &text);
    tayoka(dir.path())
        .args(["solve", "s.toml"])
        .assert()
        .code(3)
        .stderr(
            predicate::str::contains("class 'special': eligible capacity 100 < demand 120 GPU").or(
                predicate::str::contains(
                    "class 'special': eligible capacity 100 < demand 120 units",
                ),
            ),
        );
}

#[test]
fn exit_code_3_offers_only_changes_that_work_each_solved_with() {
    // JP >= 70% and every provider <= 40%, where jp is the only JP provider
    // and special data must stay in JP. Lowering the floor alone is no fix
    // (even at 0 the special workload and the cap conflict); raising the
    // cap to 0.7 is the exact smallest change (0.6999 fails).
    let text = format!(
        "{BASE}\n[policy.limits.jp-floor]\ndimension = \"country\"\nvalue = \"JP\"\nmin_share = 0.7\n\n[policy.limits.any]\ndimension = \"provider\"\nmax_share = 0.4\n"
    );
    let (dir, _) = scenario_file("s.toml", &text);
    let out = tayoka(dir.path())
        .args(["solve", "s.toml"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
    let err = String::from_utf8(out.stderr).unwrap();
    let any = format!(
        "limit 'any' (every provider, max_share 0.4) -> 0.7  [s.toml:{}]",
        common::line_col(&text, "max_share = 0.4")
    );
    assert!(err.contains(&any), "{err}");
    assert!(
        err.contains("try: --set policy.limits.any.max_share=0.7"),
        "{err}"
    );
    assert!(
        !err.contains("jp-floor' (country JP, min_share 0.7) ->"),
        "{err}"
    );
    for (set, code) in [
        ("policy.limits.any.max_share=0.7", 0),
        ("policy.limits.any.max_share=0.6999", 3),
        ("policy.limits.jp-floor.min_share=0", 3),
    ] {
        tayoka(dir.path())
            .args(["solve", "s.toml", "--no-charts", "--set", set])
            .assert()
            .code(code);
    }
}

#[test]
fn init_writes_a_starter_that_checks_and_solves_and_never_overwrites() {
    let dir = tempfile::tempdir().unwrap();
    tayoka(dir.path())
        .arg("init")
        .assert()
        .code(0)
        .stderr(predicate::str::contains("wrote scenario.toml"));
    tayoka(dir.path())
        .args(["check", "scenario.toml"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("variants load"));
    tayoka(dir.path())
        .args(["solve", "scenario.toml"])
        .assert()
        .code(0);
    for v in ["sovereignty", "cost"] {
        tayoka(dir.path())
            .args(["solve", "scenario.toml", "--variant", v])
            .assert()
            .code(0);
    }
    std::fs::write(dir.path().join("scenario.toml"), "mine").unwrap();
    tayoka(dir.path())
        .arg("init")
        .assert()
        .code(1)
        .stderr(predicate::str::contains("exists; pass --force"));
    assert_eq!(
        std::fs::read_to_string(dir.path().join("scenario.toml")).unwrap(),
        "mine"
    );
    tayoka(dir.path())
        .args(["init", "--force"])
        .assert()
        .code(0);
}

#[test]
fn check_shows_eligibility_with_the_first_reason_for_each_no() {
    let dir = tempfile::tempdir().unwrap();
    tayoka(dir.path())
        .arg("check")
        .arg(scenarios().join("japan-gov-2027.toml"))
        .assert()
        .code(0)
        .stdout(predicate::str::contains(
            "mhlw-claims  Insurance-claims anomaly detection",
        ))
        .stdout(predicate::str::contains("    eligible: sakura, softbank\n"))
        .stdout(predicate::str::contains(
            "    aws:         sovereignty 1 < 3\n",
        ))
        .stdout(predicate::str::contains(
            "    kddi:        sovereignty 2 < 3\n",
        ))
        .stdout(predicate::str::contains(
            "    openai:      capability gpu missing\n",
        ))
        .stdout(predicate::str::contains(
            "    ntt:         quality 0.60 < 0.80\n",
        ))
        .stdout(predicate::str::contains(
            "    abci:        lacks certification ISMAP\n",
        ))
        .stdout(predicate::str::contains("ok: 16 workloads, 11 providers"));
}

#[test]
fn help_shows_examples_and_exit_codes() {
    let dir = tempfile::tempdir().unwrap();
    tayoka(dir.path())
        .arg("--help")
        .assert()
        .code(0)
        .stdout(predicate::str::contains(
            "tayoka solve scenarios/japan-gov-2027.toml --variant sovereignty",
        ))
        .stdout(predicate::str::contains("3  no feasible plan"))
        .stdout(predicate::str::contains("130  interrupted"));
    tayoka(dir.path())
        .args(["solve", "--help"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("--set <PATH=VALUE>"));
}

#[test]
#[should_panic(expected = "provider onprem: 40 > capacity 30")]
fn the_rule_checker_catches_a_broken_plan() {
    let path = scenarios().join("minimal.toml");
    let scenario = load(&path, &LoadOptions::default()).unwrap().scenario;
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("allocation.csv");
    // Over on-prem's capacity of 30, with fractions and costs consistent.
    std::fs::write(
        &csv,
        "workload,provider,amount,fraction,cost\nchat,cloud-jp,5,0.0625,60\nchat,cloud-us,35,0.4375,350\nchat,onprem,40,0.5,600\nrecords,cloud-jp,40,1,480\n",
    )
    .unwrap();
    check(&scenario, &read_allocation(&csv));
}

#[test]
fn completions_man_quiet_and_verbose() {
    let dir = tempfile::tempdir().unwrap();
    for (shell, marker) in [
        ("bash", "_tayoka()"),
        ("zsh", "#compdef tayoka"),
        ("fish", "complete -c tayoka"),
        ("powershell", "Register-ArgumentCompleter"),
    ] {
        tayoka(dir.path())
            .args(["completions", shell])
            .assert()
            .code(0)
            .stdout(predicate::str::contains(marker));
    }
    tayoka(dir.path())
        .args(["completions", "tcsh"])
        .assert()
        .code(2);
    tayoka(dir.path())
        .arg("man")
        .assert()
        .code(0)
        .stdout(predicate::str::contains(".TH tayoka 1"));
    let minimal = scenarios().join("minimal.toml");
    let quiet = tayoka(dir.path())
        .arg("-q")
        .arg("solve")
        .arg(&minimal)
        .args(["--no-charts", "--out", "o"])
        .output()
        .unwrap();
    assert_eq!(quiet.status.code(), Some(0));
    assert!(
        quiet.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&quiet.stderr)
    );
    tayoka(dir.path())
        .arg("solve")
        .arg(&minimal)
        .args(["--verbose", "--no-charts", "--out", "o"])
        .assert()
        .code(0)
        .stderr(predicate::str::contains(
            "2 workloads, 3 providers, 5 eligible pairs; microlp",
        ));
    tayoka(dir.path())
        .args(["-q", "--verbose", "check"])
        .arg(&minimal)
        .assert()
        .code(2);
    // Colour only on a terminal: piped output has no escape codes, and
    // NO_COLOR is respected besides.
    let err = tayoka(dir.path())
        .env("NO_COLOR", "1")
        .args(["check", "nope.toml"])
        .output()
        .unwrap();
    assert!(!err.stderr.contains(&0x1b), "escape codes in piped output");
    assert!(String::from_utf8_lossy(&err.stderr).starts_with("error: cannot read"));
}
