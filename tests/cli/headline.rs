//! The headline says nothing the stages contradict: ties named (checked
//! against shares.csv), the home country's place in the country stage said,
//! a critical-only limit beside its own share, money with its currency, and
//! counts with their right plural.

use crate::common;

use common::{scenarios, tayoka};
use tayoka::base::units::percent as pct;

/// The values holding the largest share of a dimension in shares.csv, and
/// that share, ties within a millionth.
fn holders_in_csv(csv: &str, dim: &str, leave_out: Option<&str>) -> (f64, Vec<String>) {
    let rows: Vec<(String, f64)> = csv
        .lines()
        .skip(1)
        .filter_map(|l| {
            let f: Vec<&str> = l.split(',').collect();
            (f[0] == dim && Some(f[1]) != leave_out)
                .then(|| (f[1].to_string(), f[2].parse().unwrap()))
        })
        .collect();
    let top = rows.iter().map(|r| r.1).fold(0.0, f64::max);
    let who = rows
        .into_iter()
        .filter(|r| r.1 >= top - 1e-6)
        .map(|r| r.0)
        .collect();
    (top, who)
}

#[test]
fn the_japan_gov_headline_names_ties_and_the_home_country_and_its_currency() {
    let dir = tempfile::tempdir().unwrap();
    let out = tayoka(dir.path())
        .arg("solve")
        .arg(scenarios().join("japan-gov-2027.toml"))
        .args(["--out", "o"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let summary = String::from_utf8(out.stdout).unwrap();
    let csv = std::fs::read_to_string(dir.path().join("o/shares.csv")).unwrap();

    let (top, who) = holders_in_csv(&csv, "provider", None);
    assert!(
        who.len() > 1,
        "japan-gov-2027's diversify plan has tied providers"
    );
    let row = format!("{}: {}", pct(top), who.join(", "));
    assert!(summary.contains(&row), "no `{row}` in\n{summary}");

    // The country stage leaves JP out: the headline says what it minimised.
    let (abroad, who) = holders_in_csv(&csv, "country", Some("JP"));
    // Named as the scenario names them: US is the United States.
    let named: Vec<&str> = who
        .iter()
        .map(|c| {
            if c == "US" {
                "United States"
            } else {
                c.as_str()
            }
        })
        .collect();
    let row = format!(
        "{}: {} (the objective's country stage leaves JP out: count_home = false)",
        pct(abroad),
        named.join(", ")
    );
    assert!(summary.contains(&row), "no `{row}` in\n{summary}");
    assert!(
        summary.contains("largest country share = 48.23%"),
        "{summary}"
    );
    assert!(pct(abroad) == "48.2%", "{abroad}");

    // Money has its currency everywhere; one category is one.
    assert!(summary.contains("(exit cost 933,500,000 JPY)"), "{summary}");
    assert!(
        summary.contains("→ total cost = 38,905,640,000 JPY"),
        "{summary}"
    );
    assert!(
        summary.contains("1 category (oracle: family-register)"),
        "{summary}"
    );
    assert!(!summary.contains("1 categories"), "{summary}");

    // The critical-only floor is shown beside the critical workloads' share
    // of JP, not beside the overall 51.8% it does not bound.
    let jp_row = summary
        .lines()
        .find(|l| l.contains("JP (home)"))
        .expect("a JP row");
    // That share, from allocation.csv and the scenario's critical workloads.
    let loaded = tayoka::scenario::load(
        &scenarios().join("japan-gov-2027.toml"),
        &tayoka::scenario::LoadOptions::default(),
    )
    .unwrap();
    let s = &loaded.scenario;
    let alloc = std::fs::read_to_string(dir.path().join("o/allocation.csv")).unwrap();
    let (mut jp, mut all) = (0.0, 0.0);
    for w in s.workloads.iter().filter(|w| w.critical) {
        all += w.weight * w.demand;
    }
    for l in alloc.lines().skip(1) {
        let f: Vec<&str> = l.split(',').collect();
        let w = s.workloads.iter().find(|w| w.id == f[0]).unwrap();
        let p = s.providers.iter().find(|p| p.id == f[1]).unwrap();
        if w.critical && p.country == "JP" {
            jp += w.weight * f[2].parse::<f64>().unwrap();
        }
    }
    let want = format!("critical: {} ≥ 50% (critical-domestic)", pct(jp / all));
    assert!(jp_row.contains(&want), "`{want}` not in {jp_row}");
    let html = std::fs::read_to_string(dir.path().join("o/report.html")).unwrap();
    assert!(html.contains("Max country share besides JP"), "report");
    assert!(html.contains("total cost = 38,905,640,000 JPY"), "report");
}

/// The answer the summary opens with, each figure checked a second way:
/// today's split by hand from the scenario's `current` tables, the plan's
/// from shares.csv, the cheapest plan by solving `@cost`, and every figure
/// of the sentences in plan.json's `answer`.
#[test]
fn the_summary_opens_with_the_answer_and_its_figures_are_in_plan_json() {
    let dir = tempfile::tempdir().unwrap();
    let gov = scenarios().join("japan-gov-2027.toml");
    let out = tayoka(dir.path())
        .args(["solve", gov.to_str().unwrap(), "--out", "p", "--no-charts"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let stdout = String::from_utf8(out.stdout).unwrap();
    // The summary opens, after its title, with a three-line answer, before
    // the first table; the report opens with the answer in full.
    let brief: Vec<&str> = stdout.split("\n\n").nth(1).unwrap().lines().collect();
    assert_eq!(brief.len(), 3, "{stdout}");
    for (line, start) in brief.iter().zip(["Shares: ", "Cost: ", "Worst cut-off: "]) {
        assert!(line.starts_with(start), "{line}");
    }
    assert!(stdout.find(brief[0]).unwrap() < stdout.find("Allocation").unwrap());
    let html = std::fs::read_to_string(dir.path().join("p/report.html")).unwrap();
    let answer = html
        .split("<p class=\"answer\">")
        .nth(1)
        .and_then(|a| a.split("</p>").next())
        .expect("the report's answer")
        .replace("&#39;", "'");

    let plan: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("p/plan.json")).unwrap())
            .unwrap();
    let a = &plan["answer"];
    // Today: AWS holds 9,000 + 2,000 + 1,500 + 2,000 + 3,000 + 6,000 +
    // 0.8 x 4,000 + 1,500 + 5,000 = 33,200 of 50,600; Japan's providers
    // hold Sakura's 12,500 and NTT's 1,600.
    let num = |v: &serde_json::Value| v.as_f64().unwrap();
    assert!((num(&a["today"]["largest_provider_share"]) - 33_200.0 / 50_600.0).abs() < 1e-6);
    assert_eq!(a["today"]["largest_providers"], serde_json::json!(["aws"]));
    assert!((num(&a["today"]["home_share"]) - 14_100.0 / 50_600.0).abs() < 1e-6);
    let shares = std::fs::read_to_string(dir.path().join("p/shares.csv")).unwrap();
    let (top, who) = holders_in_csv(&shares, "provider", None);
    assert!((num(&a["plan"]["largest_provider_share"]) - top).abs() < 1e-6);
    assert_eq!(a["plan"]["largest_providers"], serde_json::json!(who));
    // The cheapest plan is the @cost preset's.
    let cost = tayoka(dir.path())
        .args(["solve", gov.to_str().unwrap(), "--variant", "@cost"])
        .args(["--out", "c", "--no-charts", "--format", "json"])
        .output()
        .unwrap();
    let cheapest: serde_json::Value = serde_json::from_slice(&cost.stdout).unwrap();
    let cheapest = num(&cheapest["metrics"]["total_cost"]);
    assert!((num(&a["cheapest_cost"]) - cheapest).abs() <= 1e-6 * cheapest);
    let total = num(&a["plan"]["total_cost"]);
    let over = (total - cheapest) / 1e9;
    // The sentences say these figures, rounded as they are shown.
    let flat = answer.replace('\n', " ");
    for figure in [
        pct(33_200.0 / 50_600.0),
        pct(top),
        pct(14_100.0 / 50_600.0),
        pct(num(&plan["metrics"]["home_share"])),
        format!("{:.2} bn JPY", total / 1e9),
        format!("{over:.2} bn JPY"),
        pct(num(&a["worst_cutoff"]["unserved_critical_fraction"])),
    ] {
        assert!(flat.contains(&figure), "{figure} in {flat}");
    }
    // The three lines say the same figures, shorter.
    let brief = brief.join(" ");
    for figure in [
        format!("{} → {}", pct(33_200.0 / 50_600.0), pct(top)),
        format!(
            "{} → {}",
            pct(14_100.0 / 50_600.0),
            pct(num(&plan["metrics"]["home_share"]))
        ),
        format!("{:.2} bn JPY", total / 1e9),
        format!("{} of the budget", pct(total / 4.0e10)),
        format!("{} over the cheapest plan", pct((total - cheapest) / total)),
        format!(
            "{}, {} of critical demand unserved",
            a["worst_cutoff"]["event"].as_str().unwrap(),
            pct(num(&a["worst_cutoff"]["unserved_critical_fraction"]))
        ),
        "all on NVIDIA".to_string(),
    ] {
        assert!(brief.contains(&figure), "{figure} in {brief}");
    }
    assert!(
        flat.contains(a["holds_most"]["rule"].as_str().unwrap()),
        "{flat}"
    );
    assert!(
        flat.contains(a["worst_cutoff"]["event"].as_str().unwrap()),
        "{flat}"
    );

    // The rest of the summary's figures: today's split with its metrics,
    // the budget, the limits and the critical workloads' home share.
    let today = &plan["today"]["metrics"];
    assert!((num(&today["home_share"]) - 14_100.0 / 50_600.0).abs() < 1e-6);
    assert_eq!(
        today["max_share"]["provider"]["holders"],
        serde_json::json!(["aws"])
    );
    assert_eq!(plan["today"]["allocation"].as_array().unwrap().len(), 16);
    let budget = &plan["budget"];
    assert_eq!(num(&budget["bound"]), 4.0e10);
    assert!((num(&budget["slack"]) - (4.0e10 - total)).abs() < 1.0);
    assert_eq!(budget["binding"], false);
    assert!(
        stdout
            .lines()
            .any(|l| l.contains("│ budget ") && l.contains(" 40,000,000,000 JPY │")),
        "{stdout}"
    );
    let holders = plan["metrics"]["max_share"]["provider"]["holders"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h.as_str().unwrap())
        .collect::<Vec<_>>()
        .join(", ");
    assert!(
        stdout.contains(&format!("{}: {holders}", pct(top))),
        "{stdout}"
    );
    let limit = |id: &str| {
        plan["limits"]
            .as_array()
            .unwrap()
            .iter()
            .find(|l| l["id"] == id)
            .unwrap_or_else(|| panic!("no limit {id}"))
            .clone()
    };
    let critical = limit("critical-domestic");
    let said = format!(
        "critical: {} ≥ {} (critical-domestic)",
        pct(num(&critical["reached"])),
        pct(num(&critical["bound"]))
    );
    assert!(stdout.contains(&said), "{said} in {stdout}");
    assert!((num(&critical["slack"]) - (num(&critical["reached"]) - 0.5)).abs() < 1e-9);
    let any = limit("any-provider");
    assert_eq!(any["holders"].as_array().unwrap().len(), 5);
    // The critical workloads' home share, again from the allocation: their
    // weighted amounts on Japanese providers over their weighted demand.
    let s = tayoka::scenario::load(&gov, &Default::default())
        .unwrap()
        .scenario;
    let (mut home, mut all) = (0.0, 0.0);
    for w in plan["allocation"].as_array().unwrap() {
        let wl = s.workloads.iter().find(|x| x.id == w["workload"]).unwrap();
        if !wl.critical {
            continue;
        }
        all += wl.weight * wl.demand;
        for part in w["providers"].as_array().unwrap() {
            let p = s
                .providers
                .iter()
                .find(|p| p.id == part["provider"])
                .unwrap();
            if p.country == "JP" {
                home += wl.weight * num(&part["amount"]);
            }
        }
    }
    assert!((num(&plan["critical_home_share"]) - home / all).abs() < 1e-8);
    assert_eq!(num(&plan["critical_home_share"]), num(&critical["reached"]));
}

/// A plan of the `cost` objective is the cheapest itself, and says so.
#[test]
fn the_cheapest_plan_says_it_is_the_cheapest() {
    let dir = tempfile::tempdir().unwrap();
    let out = tayoka(dir.path())
        .args(["solve", scenarios().join("minimal.toml").to_str().unwrap()])
        .args(["--variant", "cost", "--out", "p", "--no-charts"])
        .output()
        .unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(
        stdout.contains("Cost: 1,320 JPY, the cheapest plan."),
        "{stdout}"
    );
    // The diversified plan costs 1,440, the cheapest 1,320 (README's
    // walk-through): 120 more, 8.3% of 1,440.
    let out = tayoka(dir.path())
        .args(["solve", scenarios().join("minimal.toml").to_str().unwrap()])
        .args(["--out", "d", "--no-charts"])
        .output()
        .unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(
        stdout.contains("Cost: 1,440 JPY, 8.3% over the cheapest plan."),
        "{stdout}"
    );
    let html = std::fs::read_to_string(dir.path().join("d/report.html")).unwrap();
    assert!(
        html.contains("That is 120 JPY (8.3%) more than the cheapest plan"),
        "{html}"
    );
}

#[test]
fn a_dependence_no_allocation_lowers_is_said_and_its_cut_off_leaves_everything_unserved() {
    let dir = tempfile::tempdir().unwrap();
    let scenario = scenarios().join("japan-gov-2027.toml");
    let out = tayoka(dir.path())
        .arg("stress")
        .arg(&scenario)
        .args(["--by", "chips", "--out"])
        .arg(dir.path().join("o"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let summary = String::from_utf8_lossy(&out.stdout).replace('\n', " ");
    // Said: every provider runs NVIDIA chips (the scenario's tags).
    let html = std::fs::read_to_string(dir.path().join("o/report.html")).unwrap();
    assert!(
        html.contains("every provider depends on the same chip vendor, NVIDIA"),
        "the report does not say it"
    );
    // Measured another way: cutting that vendor off leaves all demand unserved.
    let csv = std::fs::read_to_string(dir.path().join("o/stress.csv")).unwrap();
    let row = csv
        .lines()
        .find(|l| l.starts_with("chips NVIDIA,"))
        .expect(&summary);
    let cells: Vec<&str> = row.split(',').collect();
    assert_eq!(cells[8], "1", "unserved_fraction of {row}");
    // A scenario whose providers differ in every dimension says nothing of it.
    let plain = tayoka(dir.path())
        .arg("solve")
        .arg(scenarios().join("minimal.toml"))
        .arg("--out")
        .arg(dir.path().join("m"))
        .output()
        .unwrap();
    assert!(!String::from_utf8_lossy(&plain.stdout).contains("no allocation lowers"));
}
