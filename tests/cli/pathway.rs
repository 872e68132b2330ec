//! The multi-year pathway (DESIGN 4.7): one plan over the years against the
//! year-by-year plan, capacity built, changes by year, and the files a
//! planner reads. Optima are derived by hand in each test.

use crate::common;

use std::collections::BTreeMap;

use common::{HEAD, provider, scenarios, tayoka, workload};
use predicates::prelude::*;
use tayoka::analysis::pathway::{Method, Pathway, pathway};
use tayoka::model::backend::SolverKind;
use tayoka::scenario::LoadOptions;

fn plan(text: &str, years: usize, method: Method, sets: &[&str]) -> Pathway {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("case.toml");
    std::fs::write(&path, text).unwrap();
    let sets: Vec<_> = sets.iter().map(|s| s.parse().unwrap()).collect();
    let opts = LoadOptions::new(None, &sets);
    pathway(&path, &opts, Some(years), method, SolverKind::Microlp, None)
        .unwrap_or_else(|e| panic!("{e}"))
}

fn max_shares(p: &Pathway) -> Vec<f64> {
    p.years
        .iter()
        .filter(|y| y.year > 0)
        .map(|y| y.metrics.max_share["provider"].share)
        .collect()
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-6
}

/// a and b cost 1, c costs 2; w1 may use all three, w2 only a and b; both
/// start on a; at most half of each moves in a year.
fn foresight_case() -> String {
    format!(
        "{HEAD}{}{}{}{}{}[policy]\ndiversify = [\"provider\"]\nmax_change = 0.5\n",
        provider("a", "JP", 1000.0, 1.0, ""),
        provider("b", "JP", 1000.0, 1.0, ""),
        provider("c", "JP", 1000.0, 2.0, ""),
        workload("w1", 50.0, "current = { a = 1.0 }"),
        workload("w2", 50.0, "current = { a = 1.0 }\nonly = [\"a\", \"b\"]"),
    )
}

#[test]
fn foresight_sends_the_first_move_where_the_destination_needs_it() {
    // The destination is a third each, and only w1 can reach c: w1 ends with
    // 2/3 on c. Year 1 either way: a keeps at least half of each workload,
    // so the largest share is 0.5.
    // Year by year, year 1's cost stage sends both moves to b (c costs 2):
    // w1 (a .5, b .5), w2 (a .5, b .5). In year 2 c can hold only w1's next
    // half, 0.25 of all demand, so a or b keeps at least (1 - 0.25) / 2 =
    // 0.375. Year 3 reaches 1/3. Summed: 0.5 + 0.375 + 1/3 = 29/24.
    // As one plan, year 1 sends w1's half to c: (a .5, c .5) and w2 (a .5,
    // b .5); year 2 reaches the destination: w1 (b 1/3, c 2/3) moves a's
    // half, w2 (a 2/3, b 1/3) moves 1/6. Summed: 0.5 + 1/3 + 1/3 = 7/6.
    let text = foresight_case();
    let myopic = plan(&text, 3, Method::Myopic, &[]);
    let m = max_shares(&myopic);
    assert!(
        close(m[0], 0.5) && close(m[1], 0.375) && close(m[2], 1.0 / 3.0),
        "{m:?}"
    );
    let joint = plan(&text, 3, Method::Joint, &[]);
    let j = max_shares(&joint);
    assert!(
        close(j[0], 0.5) && close(j[1], 1.0 / 3.0) && close(j[2], 1.0 / 3.0),
        "{j:?}"
    );
    assert_eq!(joint.stages[0].name, "max_share:provider");
    assert!(
        close(joint.stages[0].value, 7.0 / 6.0),
        "{:?}",
        joint.stages
    );
    // The joint run carries the year-by-year totals for its summary.
    let yb = joint.myopic.as_ref().expect("the year-by-year plan exists");
    assert!(close(yb.dependence, 29.0 / 24.0), "{yb:?}");
    assert!(close(joint.totals().dependence, 7.0 / 6.0));
    // No workload moves more than half from one year to the next.
    for pair in joint.years.windows(2) {
        for (wi, w) in ["w1", "w2"].iter().enumerate() {
            let frac = |y: &tayoka::analysis::pathway::Year| -> BTreeMap<usize, f64> {
                y.allocation.rows[wi]
                    .iter()
                    .map(|a| (a.provider, a.fraction))
                    .collect()
            };
            let (before, after) = (frac(&pair[0]), frac(&pair[1]));
            let moved: f64 = before
                .iter()
                .map(|(p, f)| (f - after.get(p).copied().unwrap_or(0.0)).max(0.0))
                .sum();
            assert!(
                moved <= 0.5 + 1e-6,
                "{w} moved {moved} into year {}",
                pair[1].year
            );
        }
    }
}

/// a (JP, 100) and b (US, 30, may build up to 50 at 10 a unit); 90 units
/// all on a today; each year may move everything.
fn build_case(extra: &str) -> String {
    format!(
        "{HEAD}{}{}{}[policy]\ndiversify = [\"provider\"]\nmax_change = 1.0\n\n[pathway]\nstart = 2030\n{extra}",
        provider("a", "JP", 100.0, 1.0, ""),
        provider("b", "US", 30.0, 1.0, "expand = { max = 50, cost = 10 }"),
        workload("w", 90.0, "current = { a = 1.0 }"),
    )
}

#[test]
fn capacity_is_built_in_the_first_year_and_only_as_much_as_the_shares_need() {
    // Without building, b holds 30 and a 60: the largest share is 2/3 each
    // year. Building 15 units in 2030 lets a and b hold 45 each (0.5 every
    // year, summed 1.5); more would not lower it and costs more, later would
    // leave 2030 at 2/3. Investment 15 x 10 = 150.
    let p = plan(&build_case(""), 3, Method::Joint, &[]);
    let m = max_shares(&p);
    assert!(m.iter().all(|x| close(*x, 0.5)), "{m:?}");
    let b = 1;
    assert!(close(p.years[1].built[b], 15.0), "{:?}", p.years[1].built);
    assert!(p.years[2..].iter().all(|y| y.built[b] == 0.0));
    assert!(close(p.years[1].investment, 150.0));
    let csv = String::from_utf8(p.investment_csv().unwrap()).unwrap();
    assert_eq!(csv, "year,provider,added,cost\n1,b,15,150\n");
    assert_eq!(p.label(1), "2030");
    // At most 5 may be built: b holds 35, a 55: 55/90 every year.
    let small = plan(
        &build_case(""),
        3,
        Method::Joint,
        &["providers.b.expand.max=5"],
    );
    let m = max_shares(&small);
    assert!(m.iter().all(|x| close(*x, 55.0 / 90.0)), "{m:?}");
    // An investment budget of 100 buys 10 units: b 40, a 50.
    let capped = plan(
        &build_case("investment_budget = 100\n"),
        3,
        Method::Joint,
        &[],
    );
    let m = max_shares(&capped);
    assert!(m.iter().all(|x| close(*x, 50.0 / 90.0)), "{m:?}");
    // Building may start only in 2031: 2030 stays at 2/3.
    let late = plan(
        &build_case(""),
        3,
        Method::Joint,
        &["providers.b.expand.from=2031"],
    );
    let m = max_shares(&late);
    assert!(
        close(m[0], 2.0 / 3.0) && close(m[1], 0.5) && close(m[2], 0.5),
        "{m:?}"
    );
    // The year-by-year plan builds too: its first year alone needs the 15
    // units for 0.5, and the years after have them.
    let myopic = plan(&build_case(""), 3, Method::Myopic, &[]);
    assert!(max_shares(&myopic).iter().all(|x| close(*x, 0.5)));
    let built: Vec<f64> = myopic.years[1..].iter().map(|y| y.built[b]).collect();
    assert!(
        close(built[0], 15.0) && built[1..].iter().all(|x| *x == 0.0),
        "{built:?}"
    );
    // Year by year with at most 5 to build: 55/90, as the joint plan.
    let small = plan(
        &build_case(""),
        3,
        Method::Myopic,
        &["providers.b.expand.max=5"],
    );
    assert!(max_shares(&small).iter().all(|x| close(*x, 55.0 / 90.0)));
}

#[test]
fn a_change_holds_from_its_year_and_demand_grows() {
    // b's capacity rises from 30 to 45 in 2031: 2/3 in 2030, then 0.5.
    // Demand grows 10% a year: 90, 99, 108.9.
    let text = format!(
        "{HEAD}{}{}{}[policy]\ndiversify = [\"provider\"]\nmax_change = 1.0\n\n[pathway]\nstart = 2030\ndemand_growth = 0.1\n\n[pathway.changes.2031]\n\"providers.b.capacity\" = 60\n",
        provider("a", "JP", 200.0, 1.0, ""),
        provider("b", "US", 30.0, 1.0, ""),
        workload("w", 90.0, "current = { a = 1.0 }"),
    );
    let p = plan(&text, 3, Method::Joint, &[]);
    let m = max_shares(&p);
    assert!(close(m[0], 60.0 / 90.0), "{m:?}");
    assert!(close(m[1], 0.5) && close(m[2], 0.5), "{m:?}");
    let demand: Vec<f64> = p.years[1..]
        .iter()
        .map(|y| y.allocation.rows[0].iter().map(|a| a.amount).sum())
        .collect();
    assert!(
        close(demand[0], 90.0) && close(demand[1], 99.0) && close(demand[2], 108.9),
        "{demand:?}"
    );
}

/// Rows of a CSV as maps from header to cell.
fn rows(text: &str) -> Vec<BTreeMap<String, String>> {
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    lines
        .map(|l| {
            header
                .iter()
                .zip(l.split(','))
                .map(|(h, c)| (h.to_string(), c.to_string()))
                .collect()
        })
        .collect()
}

#[test]
fn the_bundled_pathway_meets_its_rules_as_they_phase_in_and_beats_year_by_year() {
    let dir = tempfile::tempdir().unwrap();
    let gov = scenarios().join("japan-gov-2027.toml");
    tayoka(dir.path())
        .arg("pathway")
        .arg(&gov)
        .args([
            "--variant",
            "transition",
            "--set",
            "policy.objective=sovereignty",
        ])
        .args(["--out", "p"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("Planned as one over 8 years"))
        .stdout(predicate::str::contains("Builds "))
        .stdout(predicate::str::contains("Against planning year by year"));
    let read = |f: &str| std::fs::read_to_string(dir.path().join("p").join(f)).unwrap();
    let years = rows(&read("pathway.csv"));
    assert_eq!(years.len(), 9, "today + 2027..2034");
    assert_eq!(years[1]["label"], "2027");
    let num = |r: &BTreeMap<String, String>, k: &str| -> f64 { r[k].parse().unwrap() };
    // The limits tighten in 2028 and reach the destination in 2029.
    for r in &years[1..] {
        let year: i64 = r["label"].parse().unwrap();
        let (top, us) = match year {
            2027 => (0.5, 0.75),
            2028 => (0.42, 0.68),
            _ => (0.35, 0.60),
        };
        assert!(num(r, "max_share:provider") <= top + 1e-6, "{year}: {r:?}");
        assert!(num(r, "share:country:US") <= us + 1e-6, "{year}: {r:?}");
    }
    // Each workload moves at most 30% from one year to the next, and no
    // provider serves more than its capacity that year plus what was built.
    let demand_growth: f64 = 1.04;
    let alloc = rows(&read("pathway_allocation.csv"));
    let invest = rows(&read("investment.csv"));
    let mut by_year: BTreeMap<usize, BTreeMap<(String, String), f64>> = BTreeMap::new();
    for r in &alloc {
        by_year
            .entry(r["year"].parse().unwrap())
            .or_default()
            .insert(
                (r["workload"].clone(), r["provider"].clone()),
                num(r, "amount"),
            );
    }
    let loaded = tayoka::scenario::load(
        &gov,
        &tayoka::scenario::LoadOptions::new(Some("transition"), &[]),
    )
    .unwrap();
    let s = &loaded.scenario;
    for (&year, plan) in &by_year {
        if year == 0 {
            continue;
        }
        let growth = demand_growth.powi(year as i32 - 1);
        let prev = &by_year[&(year - 1)];
        let prev_growth = if year == 1 {
            1.0
        } else {
            demand_growth.powi(year as i32 - 2)
        };
        for w in &s.workloads {
            let d = w.demand * growth;
            let moved: f64 = prev
                .iter()
                .filter(|((wi, _), _)| wi == &w.id)
                .map(|((_, p), a)| {
                    let before = a / (w.demand * prev_growth);
                    let after = plan.get(&(w.id.clone(), p.clone())).copied().unwrap_or(0.0) / d;
                    (before - after).max(0.0)
                })
                .sum();
            assert!(
                moved <= 0.3 + 1e-6,
                "{} moved {moved} into year {year}",
                w.id
            );
        }
        for pr in &s.providers {
            let base = match (pr.id.as_str(), year) {
                ("sakura", y) if y >= 2 => 43800.0,
                ("abci", y) if y >= 3 => 8760.0,
                _ => pr.capacity,
            };
            let built: f64 = invest
                .iter()
                .filter(|r| r["provider"] == pr.id && r["year"].parse::<usize>().unwrap() <= year)
                .map(|r| num(r, "added"))
                .sum();
            let used: f64 = plan
                .iter()
                .filter(|((_, p), _)| p == &pr.id)
                .map(|(_, a)| a)
                .sum();
            assert!(
                used <= (base + built) * (1.0 + 1e-6),
                "{} serves {used} > {base} + {built} in year {year}",
                pr.id
            );
        }
    }
    assert!(
        !invest.is_empty(),
        "the sovereignty pathway builds domestic capacity"
    );
    // Joint never depends more on one provider, summed over the years, than
    // year by year (the year-by-year plan is a plan over the years too).
    for sets in [vec![], vec!["policy.objective=sovereignty"]] {
        let sets: Vec<_> = sets.iter().map(|s: &&str| s.parse().unwrap()).collect();
        let opts = LoadOptions::new(Some("transition"), &sets);
        let joint = pathway(&gov, &opts, None, Method::Joint, SolverKind::Microlp, None).unwrap();
        let myopic = joint.myopic.clone().expect("the year-by-year plan exists");
        let t = joint.totals();
        if sets.is_empty() {
            assert!(
                t.dependence <= myopic.dependence + 1e-6,
                "{t:?} vs {myopic:?}"
            );
            assert!(
                t.dependence < myopic.dependence - 1e-3,
                "strictly better here: {t:?} vs {myopic:?}"
            );
        } else {
            // Sovereignty: the summed foreign share.
            assert!(t.foreign <= myopic.foreign + 1e-6, "{t:?} vs {myopic:?}");
        }
    }
}

#[test]
fn bad_pathway_input_gets_located_errors() {
    let dir = tempfile::tempdir().unwrap();
    let base = build_case("");
    let cases: [(&str, &str, &str); 6] = [
        (
            "start = 2030\n",
            "start = \"soon\"\n",
            "`pathway.start` must be a whole number, found a string",
        ),
        (
            "",
            "[pathway.changes.20x1]\n\"providers.b.capacity\" = 1\n",
            "`20x1` in `[pathway.changes]` must be a year from 1900 to 2200",
        ),
        (
            "",
            "[pathway.changes.2020]\n\"providers.b.capacity\" = 1\n",
            "the change year 2020 is before the pathway's start 2030",
        ),
        (
            "",
            "[pathway.changes.2031]\n\"providers.bb.capacity\" = 1\n",
            "providers.bb",
        ),
        (
            "",
            "[pathway.changes.2031]\n\"scenario.name\" = \"x\"\n",
            "`scenario.name` cannot change over a pathway",
        ),
        (
            "expand = { max = 50, cost = 10 }",
            "expand = { max = 50 }",
            "`providers.b.expand` is missing the required field `cost`",
        ),
    ];
    for (from, to, message) in cases {
        let text = if from.is_empty() {
            format!("{base}\n{to}")
        } else {
            base.replacen(from, to, 1)
        };
        let path = dir.path().join("bad.toml");
        std::fs::write(&path, &text).unwrap();
        let out = tayoka(dir.path())
            .args(["pathway", "bad.toml", "--years", "3", "--out", "o"])
            .assert()
            .code(1)
            .get_output()
            .clone();
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(message), "{to}: {err}");
        assert!(err.contains("bad.toml:"), "{to}: located: {err}");
    }
}

#[test]
fn a_year_without_a_plan_exits_3_and_points_at_the_change_that_set_its_rule() {
    // 90 units cost at least 90 a year; from 2031 the budget is 50.
    let text = format!(
        "{}\n[pathway.changes.2031]\n\"policy.budget\" = 50\n",
        build_case("")
    );
    let line = text
        .lines()
        .position(|l| l.starts_with("\"policy.budget\""))
        .unwrap()
        + 1;
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("case.toml"), &text).unwrap();
    tayoka(dir.path())
        .args(["pathway", "case.toml", "--years", "3", "--out", "o"])
        .assert()
        .code(3)
        .stderr(predicate::str::contains(
            "2031 (year 2 of the pathway) has no feasible plan",
        ))
        .stderr(predicate::str::contains(format!("case.toml:{line}:1")))
        .stdout(predicate::str::contains(
            "No plan meets every year's rules over the 3 years: planned year by year, 2031 is the first year without one",
        ));
    // The files hold today and the year before the one without a plan.
    let csv = std::fs::read_to_string(dir.path().join("o/pathway.csv")).unwrap();
    let labels: Vec<&str> = csv
        .lines()
        .skip(1)
        .map(|l| l.split(',').nth(1).unwrap())
        .collect();
    assert_eq!(labels, ["today", "2030"]);
}

#[test]
fn the_pathway_chart_names_providers_and_stacks_them_as_its_legend() {
    let dir = tempfile::tempdir().unwrap();
    let gov = scenarios().join("japan-gov-2027.toml");
    tayoka(dir.path())
        .arg("pathway")
        .arg(&gov)
        .args(["--variant", "transition", "--out", "p"])
        .assert()
        .code(0);
    let svg = std::fs::read_to_string(dir.path().join("p/pathway.svg")).unwrap();
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let s = tayoka::scenario::load(&gov, &tayoka::scenario::LoadOptions::default())
        .unwrap()
        .scenario;
    // The country of each segment that names its provider, in drawing order.
    let home: Vec<bool> = doc
        .descendants()
        .filter_map(|n| n.attribute("aria-label"))
        .filter_map(|l| {
            let (id, pct) = l.split_once(' ')?;
            pct.ends_with('%').then_some(())?;
            s.provider_index(id)
                .map(|p| s.providers[p].country == s.meta.home)
        })
        .collect();
    assert!(home.len() > 20, "{home:?}");
    // Within a row the home country comes first: a foreign segment followed
    // by a home one happens only where a new row starts (9 rows).
    let restarts = home.windows(2).filter(|w| !w[0] && w[1]).count();
    assert!(
        restarts <= 8,
        "{restarts} foreign-then-home steps: {home:?}"
    );
    // The first year still on AWS: its segment names it, as pathway.csv has it.
    let csv = std::fs::read_to_string(dir.path().join("p/pathway.csv")).unwrap();
    let rows = rows(&csv);
    let aws: f64 = rows[1]["share:provider:aws"].parse().unwrap();
    let label = format!("aws {}", tayoka::base::units::percent(aws));
    assert!(svg.contains(&format!("aria-label=\"{label}\"")), "{label}");
}

/// The joint plan keeps every workload's integer rules in every year, not
/// only in the year its model last had swapped in: w0 (demand 2, one
/// provider at most) starts split over a and b, and at most half of it may
/// move in a year. Three providers alike, six units of demand. Year 1: w0
/// whole on a (or b) means moving its half there, and w1 and w2 (on a
/// today) may leave only half: a keeps 2 + 0.5 + 0.5, a share of 1/2.
/// From year 2, w0 on one provider and two unit workloads on each of the
/// others is an even third. A plan that left w0 split in year 1 does better
/// there, and the rounding once took it (w0 on a and b in year 1).
#[test]
fn the_joint_pathway_keeps_integer_rules_in_every_year() {
    let text = format!(
        "{HEAD}{}{}{}{}{}{}{}{}[policy]\ndiversify = [\"provider\"]\nmax_change = 0.5\n",
        provider("a", "JP", 1000.0, 1.0, ""),
        provider("b", "JP", 1000.0, 1.0, ""),
        provider("c", "JP", 1000.0, 1.0, ""),
        workload(
            "w0",
            2.0,
            "max_providers = 1\ncurrent = { a = 0.5, b = 0.5 }"
        ),
        workload("w1", 1.0, "current = { a = 1.0 }"),
        workload("w2", 1.0, "current = { a = 1.0 }"),
        workload("w3", 1.0, "current = { b = 1.0 }"),
        workload("w4", 1.0, "current = { b = 1.0 }"),
    );
    let p = plan(&text, 3, Method::Joint, &[]);
    assert_eq!(p.years.len(), 4, "today and three years");
    for y in p.years.iter().filter(|y| y.year > 0) {
        let w0 = &y.allocation.rows[0];
        assert_eq!(w0.len(), 1, "year {}: w0 on {w0:?}", y.year);
    }
    let shares = max_shares(&p);
    assert!(close(shares[0], 0.5), "{shares:?}");
    assert!(
        close(shares[1], 1.0 / 3.0) && close(shares[2], 1.0 / 3.0),
        "{shares:?}"
    );
    assert_eq!(p.stages[0].name, "max_share:provider");
    assert!(close(p.stages[0].value, 0.5 + 2.0 / 3.0), "{:?}", p.stages);
}

/// Under integer rules the joint plan is no worse than the year-by-year
/// plan, which is a plan over the years too: not in the summed largest
/// share, nor, at the same shares, in cost beyond the MIP gap (0.01%). The
/// rounding starts from that plan; without it the branch and bound took
/// minutes here and stopped 0.008% above it in cost. Every year keeps
/// every workload's `max_providers`.
#[test]
fn under_integer_rules_the_joint_plan_is_no_worse_than_year_by_year() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/integer-20.toml");
    let sets = vec!["policy.max_change=0.6".parse().unwrap()];
    let opts = LoadOptions::new(None, &sets);
    let joint = pathway(
        &path,
        &opts,
        Some(2),
        Method::Joint,
        SolverKind::Microlp,
        None,
    )
    .unwrap();
    let myopic = joint.myopic.clone().expect("the year-by-year plan exists");
    let t = joint.totals();
    assert!(
        t.dependence <= myopic.dependence + 1e-9,
        "{t:?} vs {myopic:?}"
    );
    if (t.dependence - myopic.dependence).abs() <= 1e-9 {
        assert!(t.cost <= myopic.cost * (1.0 + 1e-4), "{t:?} vs {myopic:?}");
    }
    let s = &joint.loaded.scenario;
    for y in joint.years.iter().filter(|y| y.year > 0) {
        for (w, row) in s.workloads.iter().zip(&y.allocation.rows) {
            let k = w.max_providers.unwrap() as usize;
            assert!(
                row.len() <= k,
                "year {}: {} on {} providers, at most {k}",
                y.year,
                w.id,
                row.len()
            );
        }
    }
}

#[test]
fn the_pathway_chart_draws_each_years_limits_as_that_year_sets_them() {
    let dir = tempfile::tempdir().unwrap();
    let gov = scenarios().join("japan-gov-2027.toml");
    tayoka(dir.path())
        .arg("pathway")
        .arg(&gov)
        .args(["--variant", "transition", "--years", "4", "--out", "p"])
        .assert()
        .code(0);
    let svg = std::fs::read_to_string(dir.path().join("p/pathway.svg")).unwrap();
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let caps: Vec<&str> = doc
        .descendants()
        .filter_map(|n| n.attribute("aria-label"))
        .filter(|l| l.starts_with("max "))
        .collect();
    // Each year's cap on every provider, loaded the other way: the scenario
    // as it stands in that year, [pathway.changes] applied.
    let want: Vec<String> = (2027..2031)
        .map(|year| {
            let opts = LoadOptions::new(Some("transition"), &[]).in_year(year);
            let s = tayoka::scenario::load(&gov, &opts).unwrap().scenario;
            let cap = s
                .policy
                .limits
                .iter()
                .find(|l| l.id == "any-provider")
                .and_then(|l| l.max_share)
                .unwrap();
            format!("max {}", tayoka::base::units::percent(cap))
        })
        .collect();
    assert_eq!(caps, want, "today's row has none; one per year after");
    assert_eq!(want[0], "max 50%");
    assert_eq!(want[3], "max 35%");
    // A floor on the home share each year: one triangle per year.
    let triangles = doc
        .descendants()
        .filter(|n| n.has_tag_name("polygon"))
        .count();
    assert_eq!(triangles, 4);
}

/// Every figure of the joint plan against planning year by year, as the
/// terminal says it, is in `pathway.json`; each year's metrics there are
/// `pathway.csv`'s.
#[test]
fn the_comparison_with_year_by_year_planning_is_in_pathway_json() {
    let dir = tempfile::tempdir().unwrap();
    let out = tayoka(dir.path())
        .arg("pathway")
        .arg(scenarios().join("japan-gov-2027.toml"))
        .args(["--variant", "transition", "--out", "p", "--no-charts"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let stdout = String::from_utf8(out.stdout).unwrap().replace('\n', " ");
    let j: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.path().join("p/pathway.json")).unwrap()).unwrap();
    let pct = tayoka::base::units::percent;
    let amount = tayoka::base::units::amount;
    let (t, m) = (&j["totals"], &j["year_by_year"]);
    let f = |v: &serde_json::Value, k: &str| v[k].as_f64().unwrap();
    assert_eq!(j["method"], "joint");
    assert_eq!(j["planned_years"], 8);
    let said = format!(
        "largest provider share {} vs {} a year on average (summed over the years {} vs {}); foreign share {} vs {} on average; moved {} vs {}",
        pct(f(t, "largest_provider_share_mean")),
        pct(f(m, "largest_provider_share_mean")),
        amount(f(t, "largest_provider_share_sum")),
        amount(f(m, "largest_provider_share_sum")),
        pct(f(t, "foreign_share_mean")),
        pct(f(m, "foreign_share_mean")),
        amount(f(t, "moved")),
        amount(f(m, "moved")),
    );
    assert!(stdout.contains(&said), "{said} in {stdout}");
    // The joint plan never depends more on one provider, summed over the
    // years, than planning year by year; its sum is the first stage's value.
    assert!(f(t, "largest_provider_share_sum") <= f(m, "largest_provider_share_sum") + 1e-9);
    let first_stage = j["stages"][0]["value"].as_f64().unwrap();
    assert!((first_stage - f(t, "largest_provider_share_sum")).abs() < 1e-6);
    // Each year's figures are pathway.csv's.
    let csv = rows(&std::fs::read_to_string(dir.path().join("p/pathway.csv")).unwrap());
    let years = j["years"].as_array().unwrap();
    assert_eq!(years.len(), csv.len());
    for (y, row) in years.iter().zip(&csv) {
        assert_eq!(y["label"].as_str().unwrap(), row["label"]);
        assert_eq!(y["year"].to_string(), row["year"]);
        let cost: f64 = row["total_cost"].parse().unwrap();
        assert_eq!(y["metrics"]["total_cost"].as_f64().unwrap(), cost);
        let home: f64 = row["home_share"].parse().unwrap();
        assert_eq!(y["metrics"]["home_share"].as_f64().unwrap(), home);
    }
}
