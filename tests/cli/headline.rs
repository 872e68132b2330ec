//! The headline says nothing the stages contradict: ties named (checked
//! against shares.csv), the home country's place in the country stage said,
//! a critical-only limit beside its own share, money with its currency, and
//! counts with their right plural.

use crate::common;

use common::{scenarios, tayoka};

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

fn pct(x: f64) -> String {
    let p = x * 100.0;
    if (p - p.round()).abs() < 0.05 {
        format!("{:.0}%", p.round())
    } else {
        format!("{p:.1}%")
    }
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
    let row = format!(
        "{}: {} (the objective's country stage leaves JP out: count_home = false)",
        pct(abroad),
        who.join(", ")
    );
    assert!(summary.contains(&row), "no `{row}` in\n{summary}");
    assert!(summary.contains("max_share:country = 48.23%"), "{summary}");
    assert!(pct(abroad) == "48.2%", "{abroad}");

    // Money has its currency everywhere; one category is one.
    assert!(summary.contains("(exit cost 933,500,000 JPY)"), "{summary}");
    assert!(summary.contains("→ cost = 38,905,640,000 JPY"), "{summary}");
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
    assert!(html.contains("cost</code> = 38,905,640,000 JPY"), "report");
}
