//! What each analysis says first: the frontier's and sweep's answers, each
//! figure checked against the run's CSV or by solving again; the terminal
//! at 80 columns keeps words whole; Japanese shows the scenario's names.

use crate::common;

use common::{scenarios, tayoka};

/// The rows of a CSV as maps from its header.
fn rows(csv: &str) -> Vec<std::collections::BTreeMap<String, String>> {
    let mut r = csv::Reader::from_reader(csv.as_bytes());
    let header: Vec<String> = r.headers().unwrap().iter().map(String::from).collect();
    r.records()
        .map(|rec| {
            header
                .iter()
                .cloned()
                .zip(rec.unwrap().iter().map(String::from))
                .collect()
        })
        .collect()
}

fn run(args: &[&str], dir: &std::path::Path) -> String {
    let out = tayoka(dir).args(args).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// The frontier says where its curve bends: the point of `frontier.csv`
/// after which the cost per point of the largest provider share grows the
/// most, with both rates, and the rules that reach their bound there.
#[test]
fn the_frontier_names_its_bend_and_the_rules_that_reach_their_bound_there() {
    let dir = tempfile::tempdir().unwrap();
    let gov = scenarios().join("japan-gov-2027.toml");
    let stdout = run(
        &[
            "frontier",
            gov.to_str().unwrap(),
            "--points",
            "3",
            "--no-charts",
            "--out",
            "f",
        ],
        dir.path(),
    );
    let csv = std::fs::read_to_string(dir.path().join("f/frontier.csv")).unwrap();
    let points: Vec<_> = rows(&csv)
        .into_iter()
        .filter(|r| r["kind"] == "frontier")
        .collect();
    let xy: Vec<(f64, f64)> = points
        .iter()
        .map(|r| {
            (
                r["max_share:provider"].parse().unwrap(),
                r["cost"].parse().unwrap(),
            )
        })
        .collect();
    // Three points: two slopes, the bend at the middle point when the
    // second is the steeper (as the scenario's convex frontier has it).
    let slope = |a: (f64, f64), b: (f64, f64)| (b.1 - a.1) / (a.0 - b.0);
    let (before, after) = (slope(xy[0], xy[1]), slope(xy[1], xy[2]));
    assert!(after > before, "{xy:?}");
    let answer = stdout.split("\n\n").next().unwrap().replace('\n', " ");
    let m = |v: f64| format!("{:.2} M JPY", v / 1e6);
    for figure in [
        "from 34.6% to 12.4%".to_string(),
        format!(
            "from {:.2} bn JPY to {:.2} bn JPY",
            xy[0].1 / 1e9,
            xy[2].1 / 1e9
        ),
        format!(
            "bends at point 2 (largest provider share {:.1}%)",
            xy[1].0 * 100.0
        ),
        format!("moves total cost by {}", m(after * 0.01)),
        format!("against {} before it", m(before * 0.01)),
    ] {
        assert!(answer.contains(&figure), "{figure} in {answer}");
    }
    // The rules newly at their bound at the bend are listed in the CSV at
    // that point and not at the one before; the answer names each.
    let at = |i: usize| -> Vec<String> {
        points[i]["rules_at_bound"]
            .split(';')
            .filter(|p| !p.is_empty())
            .map(String::from)
            .collect()
    };
    let new: Vec<String> = at(1).into_iter().filter(|p| !at(0).contains(p)).collect();
    assert_eq!(new, ["policy.limits.critical-domestic.min_share"]);
    assert!(
        answer.contains("At that point limit 'critical-domestic'"),
        "{answer}"
    );
}

/// A budget sweep says where there is no plan and the smallest change that
/// gives one (solved with, it has a plan), then where the budget binds (the
/// plan spends all of it) and where it has room (it spends less).
#[test]
fn a_sweep_says_where_its_rule_binds_and_the_smallest_change_that_gives_a_plan() {
    let dir = tempfile::tempdir().unwrap();
    let gov = scenarios().join("japan-gov-2027.toml");
    let gov = gov.to_str().unwrap();
    let stdout = run(
        &[
            "sweep",
            gov,
            "--set",
            "policy.budget=3.6e10,3.8e10,4e10",
            "--no-charts",
            "--out",
            "s",
        ],
        dir.path(),
    );
    let answer = stdout.split("\n\n").next().unwrap().replace('\n', " ");
    assert!(
        answer.starts_with(
            "There is no plan at policy.budget = 36.00 bn JPY: the smallest change that \
             gives one is budget 36,000,000,000 JPY to 37.46 bn JPY."
        ),
        "{answer}"
    );
    assert!(
        answer.contains(
            "it is at its bound at 38.00 bn JPY (total cost 38.00 bn JPY) and has room at \
             40.00 bn JPY, where it no longer changes the plan (total cost 38.91 bn JPY)"
        ),
        "{answer}"
    );
    // The smallest change, solved with, has a plan: the cheapest plan's cost.
    let diagnoses: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(dir.path().join("s/diagnoses.json")).unwrap(),
    )
    .unwrap();
    let suggested = diagnoses[0]["diagnosis"]["relaxations"][0]["bends"][0]["suggested"]
        .as_f64()
        .unwrap();
    let with = format!("policy.budget={suggested}");
    run(
        &["solve", gov, "--set", &with, "--no-charts", "--out", "p"],
        dir.path(),
    );
    // At its bound the plan spends the whole budget; with room, less.
    let csv = std::fs::read_to_string(dir.path().join("s/sweep.csv")).unwrap();
    let points = rows(&csv);
    let cost = |i: usize| points[i]["total_cost"].parse::<f64>().unwrap();
    assert!((cost(1) - 3.8e10).abs() < 1.0, "{csv}");
    assert!(cost(2) < 4.0e10 - 1e6, "{csv}");
    // The table shows each swept budget as it shows the total cost (the
    // CSV's figure in billions), never the raw 36000000000; so does the
    // report's heading of the point without a plan.
    let table: Vec<&str> = stdout.lines().filter(|l| l.starts_with('│')).collect();
    for (line, point) in table.iter().skip(1).zip(&points) {
        let budget: f64 = point["policy.budget"].parse().unwrap();
        let cell = line.split('┆').next().unwrap().trim_matches(['│', ' ']);
        assert_eq!(cell, format!("{:.2} bn", budget / 1e9), "{line}");
    }
    assert_eq!(table.len(), 4, "{stdout}");
    assert!(!stdout.contains("36000000000"), "{stdout}");
    let report = std::fs::read_to_string(dir.path().join("s/report.html")).unwrap();
    // (The diagnosis table keeps its figures as `--set` takes them.)
    for budget in ["36.00 bn", "38.00 bn", "40.00 bn"] {
        let cell = format!("<tr><td class=\"num\">{budget}</td>");
        assert!(report.contains(&cell), "no {cell} in the points table");
    }
    assert!(
        report.contains("<h3>policy.budget = 36.00 bn JPY"),
        "no heading"
    );
}

/// At 80 columns no table breaks a word: the pathway's measures (now rows)
/// and a sweep's swept value keep their words whole in both languages.
#[test]
fn tables_at_80_columns_keep_words_whole() {
    let dir = tempfile::tempdir().unwrap();
    let gov = scenarios().join("japan-gov-2027.toml");
    let gov = gov.to_str().unwrap();
    let at_80 = |args: &[&str]| {
        let out = tayoka(dir.path())
            .args(args)
            .env("COLUMNS", "80")
            .output()
            .unwrap();
        assert!(out.status.success());
        String::from_utf8(out.stdout).unwrap()
    };
    let pathway = ["pathway", gov, "--variant", "transition", "--no-charts"];
    let en = at_80(&[&pathway[..], &["--out", "pe"]].concat());
    let ja = at_80(&[&pathway[..], &["--out", "pj", "--lang", "ja"]].concat());
    let sweep = [
        "sweep",
        gov,
        "--set",
        "policy.limits.any-provider.max_share=0.1..0.5",
        "--steps",
        "3",
        "--no-charts",
        "--out",
        "s",
    ];
    let sw = at_80(&sweep);
    for (text, words) in [
        (
            &en,
            &["max provider share", "effective providers", "13,419.98"][..],
        ),
        (&ja, &["最大事業者シェア", "実効事業者数", "2028年度"][..]),
        (&sw, &["any-provider.max_share"][..]),
    ] {
        for w in words {
            assert!(text.lines().any(|l| l.contains(w)), "{w} broken:\n{text}");
        }
        for line in text.lines() {
            assert!(unicode_width::UnicodeWidthStr::width(line) <= 80, "{line}");
        }
    }
}

/// Under `--lang ja` the ids a report shows are named as the scenario's
/// `names_ja` says (data categories, tag names), the key `count_home` is
/// not shown, and the data files keep the ids.
#[test]
fn japanese_reports_name_the_scenarios_ids_in_japanese() {
    let dir = tempfile::tempdir().unwrap();
    let gov = scenarios().join("japan-gov-2027.toml");
    run(
        &[
            "solve",
            gov.to_str().unwrap(),
            "--lang",
            "ja",
            "--no-charts",
            "--out",
            "j",
        ],
        dir.path(),
    );
    let html = std::fs::read_to_string(dir.path().join("j/report.html")).unwrap();
    for shown in [
        "戸籍",
        "最大企業グループシェア",
        "能力「大規模言語モデル」がない",
    ] {
        assert!(html.contains(shown), "{shown}");
    }
    for hidden in ["family-register", "count_home", "groupシェア", "能力llm"] {
        assert!(!html.contains(hidden), "{hidden}");
    }
    let json = std::fs::read_to_string(dir.path().join("j/plan.json")).unwrap();
    assert!(json.contains("family-register"));
}
