//! Cut-offs, re-routing, the survivability rule, the resilience objective and
//! Monte Carlo outages (DESIGN 4.4).

use crate::common;

use common::{scenarios, solve_case, tayoka};
use tayoka::analysis::stress::{Method, damage, monte_carlo, single_cutoffs};
use tayoka::model::backend::SolverKind::Microlp;
use tayoka::scenario::{Dimension, LoadOptions, SetArg, load};
use tayoka::solve::{Solved, solve};

fn japan(variant: Option<&str>, sets: &[&str]) -> Solved {
    let opts = LoadOptions {
        variant: variant.map(str::to_string),
        sets: sets.iter().map(|s| s.parse::<SetArg>().unwrap()).collect(),
        ..Default::default()
    };
    solve(
        load(&scenarios().join("japan-gov-2027.toml"), &opts).unwrap(),
        Microlp,
    )
    .unwrap()
}

fn cut(run: &Solved, ids: &[&str]) -> tayoka::analysis::stress::Damage {
    let s = run.scenario();
    let set: Vec<usize> = ids.iter().map(|id| s.provider_index(id).unwrap()).collect();
    damage(s, &run.eligibility, &run.allocation, &set, Microlp).unwrap()
}

/// a (capacity 50) and b (capacity 90, surge 0.2); w1 (critical, 50) may use
/// a or b, w2 (90) only b. Capacity forces w2 onto b (90) and w1 onto a (50).
const RECOURSE: &str = r#"
[scenario]
name = "recourse"
home = "JP"
[providers.a]
country = "JP"
capacity = 50
price = 1.0
capabilities = { llm = 1.0 }
[providers.b]
country = "JP"
capacity = 90
price = 1.0
surge = 0.2
capabilities = { llm = 1.0 }
[workloads.w1]
capability = "llm"
demand = 50
critical = true
[workloads.w2]
capability = "llm"
demand = 90
only = ["b"]
"#;

#[test]
fn lost_demand_is_rerouted_into_spare_capacity_with_surge() {
    let run = solve_case(RECOURSE, None, &[]);
    // Cut a: w1 loses 50. b may carry 90 x 1.2 = 108, of which 90 is its own
    // plan: 18 of w1 re-route, 32 stay unserved: 32/50 = 0.64 of critical demand.
    let d = cut(&run, &["a"]);
    assert_eq!(
        (d.lost, d.lost_critical, d.lost_critical_fraction),
        (50.0, 50.0, 1.0)
    );
    assert_eq!((d.unserved, d.unserved_critical), (32.0, 32.0));
    assert_eq!(d.unserved_critical_fraction, 0.64);
    assert!((d.unserved_fraction - 32.0 / 140.0).abs() < 1e-9);
    // Cut b: w2 (only b) loses all 90 and has nowhere to go; w1 is untouched.
    let d = cut(&run, &["b"]);
    assert_eq!(
        (d.lost, d.unserved, d.unserved_critical_fraction),
        (90.0, 90.0, 0.0)
    );
    assert_eq!(d.impacts.len(), 1);
    // By default the events include the country JP, which cuts both: 100%.
    let w = run.metrics.worst_cutoff.as_ref().unwrap();
    assert_eq!(
        (w.event.as_str(), w.unserved_critical_fraction),
        ("country JP", 1.0)
    );
    // Over providers alone, the worst single cut-off is losing a.
    let by_provider = solve_case(
        RECOURSE,
        None,
        &["policy.survive.dimensions=[\"provider\"]"],
    );
    let w = by_provider.metrics.worst_cutoff.as_ref().unwrap();
    assert_eq!(
        (w.event.as_str(), w.unserved_critical_fraction),
        ("provider a", 0.64)
    );
    // Without surge only 0 is spare: all 50 of w1 unserved.
    let no_surge = solve_case(RECOURSE, None, &["providers.b.surge=0"]);
    assert_eq!(cut(&no_surge, &["a"]).unserved_critical, 50.0);
}

#[test]
fn critical_demand_is_rerouted_first() {
    // a is cheap (1) and b dear (5): the cost plan puts w1 (critical, 30) and
    // w2 (30) on a (capacity 60) and leaves b (capacity 20) empty. Cutting a
    // loses 60; b's 20 go to w1 first: w1 short 10, w2 short 30.
    let text = r#"
[scenario]
name = "first"
home = "JP"
[providers.a]
country = "JP"
capacity = 60
price = 1.0
capabilities = { llm = 1.0 }
[providers.b]
country = "JP"
capacity = 20
price = 5.0
capabilities = { llm = 1.0 }
[workloads.w1]
capability = "llm"
demand = 30
critical = true
[workloads.w2]
capability = "llm"
demand = 30
[policy]
objective = "cost"
"#;
    let run = solve_case(text, None, &[]);
    let d = cut(&run, &["a"]);
    let short = |id: &str| {
        let wi = run
            .scenario()
            .workloads
            .iter()
            .position(|w| w.id == id)
            .unwrap();
        d.impacts
            .iter()
            .find(|i| i.workload == wi)
            .unwrap()
            .unserved
    };
    assert_eq!((short("w1"), short("w2")), (10.0, 30.0));
    assert!((d.unserved_critical_fraction - 1.0 / 3.0).abs() < 1e-9);
    assert!((d.unserved_fraction - 40.0 / 60.0).abs() < 1e-9);
}

#[test]
fn a_plan_under_the_survive_rule_keeps_min_served_after_every_cutoff() {
    let run = japan(Some("survive"), &[]);
    let s = run.scenario();
    let results = single_cutoffs(
        s,
        &run.eligibility,
        &run.allocation,
        &[Dimension::Provider, Dimension::Company],
        Microlp,
    )
    .unwrap();
    assert!(results.len() >= 10);
    let mut binding = false;
    for (event, d) in &results {
        for i in &d.impacts {
            let w = &s.workloads[i.workload];
            if w.critical {
                let served = 1.0 - i.unserved / w.demand;
                assert!(
                    served >= 0.8 - 1e-6,
                    "{}: {} keeps {served}",
                    event.label,
                    w.id
                );
                binding |= (served - 0.8).abs() < 1e-6;
            }
        }
    }
    assert!(binding, "the rule should bind somewhere in japan-gov-2027");
    // Without the rule the diversify plan leaves secret workloads short.
    let base = japan(
        None,
        &["policy.survive.dimensions=[\"provider\",\"company\"]"],
    );
    assert!(
        base.metrics
            .worst_cutoff
            .as_ref()
            .unwrap()
            .unserved_critical_fraction
            > 0.0131
    );
    // And a rule that cannot hold is infeasible (exit 3), not ignored.
    let loaded = load(
        &scenarios().join("japan-gov-2027.toml"),
        &LoadOptions {
            variant: Some("survive".into()),
            sets: vec!["policy.survive.min_served=1.0".parse().unwrap()],
            ..Default::default()
        },
    )
    .unwrap();
    assert!(matches!(
        solve(loaded, Microlp),
        Err(tayoka::Error::Infeasible(_))
    ));
}

#[test]
fn the_resilience_plan_is_no_worse_in_its_worst_case_than_the_diversify_plan() {
    let dims = "policy.survive.dimensions=[\"provider\",\"company\"]";
    let resilient = japan(Some("resilience"), &[]);
    let diversified = japan(None, &[dims]);
    let r = resilient
        .metrics
        .worst_cutoff
        .as_ref()
        .unwrap()
        .unserved_critical_fraction;
    let d = diversified
        .metrics
        .worst_cutoff
        .as_ref()
        .unwrap()
        .unserved_critical_fraction;
    assert!(r <= d + 1e-9, "resilience {r} > diversify {d}");
    assert!(
        r < d,
        "resilience should improve on japan-gov-2027 ({r} vs {d})"
    );
    // The stage value is the worst case the stress test measures.
    assert_eq!(resilient.metrics.stages[0].name, "worst_cutoff");
    assert!((resilient.metrics.stages[0].value - r).abs() < 1e-6);
    // The @resilience preset runs the same objective.
    let preset = japan(Some("@resilience"), &[dims]);
    assert_eq!(
        preset.metrics.stages[0].value,
        resilient.metrics.stages[0].value
    );
}

#[test]
fn monte_carlo_with_no_outages_loses_nothing_and_a_certain_outage_equals_its_cutoff() {
    let minimal = std::fs::read_to_string(scenarios().join("minimal.toml")).unwrap();
    let run = solve_case(&minimal, None, &[]);
    let mc = monte_carlo(&run, 5000, 3, false, Microlp).unwrap();
    assert_eq!(mc.method, Method::Exact);
    assert_eq!(mc.outcomes.len(), 1);
    assert_eq!(mc.outcomes[0].probability, 1.0);
    assert!(mc.outcomes[0].failed.is_empty());
    assert_eq!(
        (
            mc.expected_unserved_fraction,
            mc.probability_critical_unserved,
            mc.cvar95_unserved_critical_fraction
        ),
        (0.0, 0.0, 0.0)
    );
    let certain = solve_case(&minimal, None, &["providers.cloud-jp.outage=1"]);
    // Exact, and drawn: a certain outage is in every sample.
    let exact = monte_carlo(&certain, 2000, 3, false, Microlp).unwrap();
    assert_eq!(exact.method, Method::Exact);
    assert_eq!(exact.outcomes.len(), 1);
    assert_eq!(exact.outcomes[0].probability, 1.0);
    let mc = monte_carlo(&certain, 2000, 3, true, Microlp).unwrap();
    assert_eq!(mc.method, Method::Sampled);
    assert_eq!(mc.outcomes.len(), 1);
    assert_eq!(mc.outcomes[0].samples, Some(2000));
    assert_eq!(
        (
            exact.expected_unserved_fraction,
            exact.cvar95_unserved_fraction
        ),
        (mc.expected_unserved_fraction, mc.cvar95_unserved_fraction)
    );
    let event = cut(&certain, &["cloud-jp"]);
    assert!(event.unserved_critical_fraction > 0.0);
    assert_eq!(
        mc.expected_unserved_critical_fraction,
        event.unserved_critical_fraction
    );
    assert_eq!(mc.expected_unserved_fraction, event.unserved_fraction);
    assert_eq!(mc.probability_critical_unserved, 1.0);
    assert_eq!(
        mc.cvar95_unserved_critical_fraction,
        event.unserved_critical_fraction
    );
}

#[test]
fn monte_carlo_draws_country_outages_and_identical_sets_are_solved_once() {
    let run = japan(None, &[]);
    let mc = monte_carlo(&run, 20_000, 11, true, Microlp).unwrap();
    let drawn = |o: &tayoka::analysis::stress::Outcome| o.samples.unwrap();
    assert_eq!(mc.outcomes.iter().map(drawn).sum::<usize>(), 20_000);
    let sets: std::collections::BTreeSet<&Vec<usize>> =
        mc.outcomes.iter().map(|o| &o.failed).collect();
    assert_eq!(
        sets.len(),
        mc.outcomes.len(),
        "each distinct failure set appears once"
    );
    // A US outage (1%) takes every US provider at once.
    let s = run.scenario();
    let us: Vec<usize> = (0..s.providers.len())
        .filter(|&p| s.providers[p].country == "US")
        .collect();
    let with_all_us: usize = mc
        .outcomes
        .iter()
        .filter(|o| us.iter().all(|p| o.failed.contains(p)))
        .map(drawn)
        .sum();
    let share = with_all_us as f64 / 20_000.0;
    assert!(
        (0.005..0.02).contains(&share),
        "all-US failures in {share} of samples"
    );
    // Exactly: the US fails (1%), or each US provider does on its own.
    let exact = monte_carlo(&run, 20_000, 11, false, Microlp).unwrap();
    assert_eq!(exact.method, Method::Exact);
    let alone: f64 = us.iter().map(|&p| s.providers[p].outage).product();
    let all_us: f64 = exact
        .outcomes
        .iter()
        .filter(|o| us.iter().all(|p| o.failed.contains(p)))
        .map(|o| o.probability)
        .sum();
    let closed = 1.0 - (1.0 - 0.01) * (1.0 - alone);
    assert!(
        (all_us - closed).abs() <= exact.neglected_probability + 1e-9,
        "{all_us} against {closed}"
    );
    let total: f64 = exact.outcomes.iter().map(|o| o.probability).sum();
    assert!((total + exact.neglected_probability - 1.0).abs() < 1e-9);
    assert!(mc.cvar95_unserved_critical_fraction >= mc.expected_unserved_critical_fraction);
}

#[test]
fn the_same_seed_gives_byte_identical_stress_files() {
    let dir = tempfile::tempdir().unwrap();
    let run = |out: &str, seed: &str| {
        tayoka(dir.path())
            .arg("stress")
            .arg(scenarios().join("japan-gov-2027.toml"))
            .args(["--samples", "3000", "--seed", seed, "--sampled"])
            .args(["--out", out])
            .assert()
            .code(0);
    };
    run("a", "5");
    run("b", "5");
    run("c", "6");
    let files = [
        "stress.csv",
        "stress-workloads.csv",
        "stress.json",
        "montecarlo.csv",
        "stress.svg",
        "stress.png",
        "montecarlo.png",
        "report.html",
        "metrics.json",
    ];
    for f in files {
        let a = std::fs::read(dir.path().join("a").join(f)).unwrap();
        assert!(
            a == std::fs::read(dir.path().join("b").join(f)).unwrap(),
            "{f} differs for the same seed"
        );
    }
    let mc = |d: &str| std::fs::read(dir.path().join(d).join("montecarlo.csv")).unwrap();
    assert_ne!(mc("a"), mc("c"), "another seed draws other samples");
    let header =
        String::from_utf8(std::fs::read(dir.path().join("a/stress.csv")).unwrap()).unwrap();
    assert!(header.starts_with("event,also,providers,lost,lost_fraction,lost_critical,lost_critical_fraction,unserved,unserved_fraction,unserved_critical,unserved_critical_fraction,workloads_short\n"));
    assert!(
        String::from_utf8(mc("a")).unwrap().starts_with(
            "failed,samples,probability,unserved_fraction,unserved_critical_fraction\n"
        )
    );
    let html = std::fs::read_to_string(dir.path().join("a/report.html")).unwrap();
    assert!(
        html.contains("<h2>Stress: single cut-offs</h2>")
            && html.contains("<h2>Stress: independent outages</h2>")
    );
    assert!(html.contains("Worst single cut-off"));
}

#[test]
fn every_plan_reports_its_worst_cutoff_and_compare_shows_it() {
    let dir = tempfile::tempdir().unwrap();
    tayoka(dir.path())
        .arg("solve")
        .arg(scenarios().join("minimal.toml"))
        .args(["--out", "o", "--no-charts"])
        .assert()
        .code(0)
        .stdout(predicates::str::contains("worst single cut-off"));
    let m: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.path().join("o/metrics.json")).unwrap()).unwrap();
    assert!(m["worst_cutoff"]["event"].is_string());
    assert!(m["worst_cutoff"]["unserved_critical_fraction"].is_number());
    tayoka(dir.path())
        .arg("compare")
        .arg(scenarios().join("japan-gov-2027.toml"))
        .args(["--variants", "base,resilience", "--out", "c", "--no-charts"])
        .assert()
        .code(0);
    let csv = std::fs::read_to_string(dir.path().join("c/compare-wide.csv")).unwrap();
    assert!(csv.contains("\nworst_cutoff,0.315"), "{csv}");
    assert!(csv.contains("\nworst_cutoff_event,country JP,"), "{csv}");
}

#[test]
fn a_workload_losing_all_its_demand_to_rounding_still_stresses() {
    // At this cap the cost plan's fractions of one workload, rounded to nine
    // digits, add up to a hair over 1: re-routing must still solve.
    let run = japan(
        Some("@cost"),
        &["policy.limits.any-provider.max_share=0.1326530612244898"],
    );
    let s = run.scenario();
    let all = single_cutoffs(
        s,
        &run.eligibility,
        &run.allocation,
        &s.policy.survive_dimensions(),
        Microlp,
    )
    .unwrap();
    assert!(
        all.iter()
            .all(|(_, d)| (0.0..=1.0).contains(&d.unserved_critical_fraction))
    );
}

#[test]
fn the_headline_worst_cutoff_is_the_worst_of_the_full_stress_test() {
    // The headline re-routes the critical scope's demand only; stress runs
    // all three re-routing stages. The later stages hold the first, so the
    // worst event's figure is the same.
    for variant in [None, Some("survive"), Some("us-cut"), Some("resilience")] {
        let run = japan(variant, &[]);
        let s = run.scenario();
        let w = run.metrics.worst_cutoff.as_ref().unwrap();
        let all = single_cutoffs(
            s,
            &run.eligibility,
            &run.allocation,
            &s.policy.survive_dimensions(),
            Microlp,
        )
        .unwrap();
        let worst = all
            .iter()
            .map(|(_, d)| d.unserved_critical_fraction)
            .fold(0.0, f64::max);
        assert!(
            (w.unserved_critical_fraction - worst).abs() < 1e-9,
            "{variant:?}: headline {} vs stress {worst}",
            w.unserved_critical_fraction
        );
        let (_, named) = all.iter().find(|(e, _)| e.label == w.event).unwrap();
        assert!(
            (named.unserved_critical_fraction - worst).abs() < 1e-9,
            "{variant:?}"
        );
    }
}

/// stress opens with what it found, each figure found a second way: the
/// worst event and the count of events that leave critical demand unserved
/// from stress.csv, the Monte Carlo risk from montecarlo.csv (the
/// probability of the failure sets that leave critical demand unserved,
/// their expected unserved critical fraction).
#[test]
fn stress_opens_with_the_worst_cutoff_and_the_monte_carlo_risk() {
    let dir = tempfile::tempdir().unwrap();
    let gov = scenarios().join("japan-gov-2027.toml");
    let out = tayoka(dir.path())
        .args([
            "stress",
            gov.to_str().unwrap(),
            "--samples",
            "3000",
            "--seed",
            "11",
            "--sampled",
        ])
        .args(["--out", "s", "--no-charts"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let stdout = String::from_utf8(out.stdout).unwrap();
    let answer = stdout.split("\n\n").next().unwrap().replace('\n', " ");
    let pct = tayoka::base::units::percent;
    let read = |name: &str| std::fs::read_to_string(dir.path().join("s").join(name)).unwrap();
    let events = read("stress.csv");
    let header: Vec<&str> = events.lines().next().unwrap().split(',').collect();
    let col = |name: &str| header.iter().position(|h| *h == name).unwrap();
    let rows: Vec<Vec<String>> = events
        .lines()
        .skip(1)
        .map(|l| l.split(',').map(str::to_string).collect())
        .collect();
    let num = |r: &Vec<String>, c: &str| r[col(c)].parse::<f64>().unwrap();
    let worst = rows
        .iter()
        .max_by(|a, b| {
            num(a, "unserved_critical_fraction")
                .total_cmp(&num(b, "unserved_critical_fraction"))
                .then(num(a, "unserved_fraction").total_cmp(&num(b, "unserved_fraction")))
        })
        .unwrap();
    let hurt = rows
        .iter()
        .filter(|r| num(r, "unserved_critical") > 0.0)
        .count();
    let expected = format!(
        "The worst single cut-off is {}: it leaves {} of critical demand ({} of all demand) unserved after re-routing; {hurt} of {} cut-offs leave some critical demand unserved.",
        worst[col("event")],
        pct(num(worst, "unserved_critical_fraction")),
        pct(num(worst, "unserved_fraction")),
        rows.len()
    );
    assert!(answer.contains(&expected), "{expected} in {answer}");

    let mc = read("montecarlo.csv");
    let (mut p_critical, mut expected_critical) = (0.0, 0.0);
    for line in mc.lines().skip(1) {
        let f: Vec<&str> = line.split(',').collect();
        let p: f64 = f[2].parse().unwrap();
        let critical: f64 = f[4].parse().unwrap();
        if critical > 0.0 {
            p_critical += p;
        }
        expected_critical += p * critical;
    }
    let said = format!(
        "{} of 3,000 samples leave some critical demand unserved; {} of critical demand is unserved on average",
        pct(p_critical),
        pct(expected_critical)
    );
    assert!(answer.contains(&said), "{said} in {answer}");
    // The report opens with the same answer, and its stress sections come
    // before the plan's own.
    let report = read("report.html");
    assert!(report.contains("The worst single cut-off is"));
    // Said once: the plan's own answer leaves its worst cut-off out.
    assert_eq!(report.matches("The worst single cut-off").count(), 1);
    let single = report
        .find("<h2>Stress: single cut-offs")
        .expect("the cut-off section");
    let headline = report.find("<h2>Headline").expect("the plan's headline");
    assert!(single < headline);
}

/// Three of four providers carry the critical demand: it goes short when
/// two or more fail, each with probability 0.1.
fn three_of_four() -> String {
    let mut text = format!("{}[policy]\nobjective = \"diversify\"\n", common::HEAD);
    for p in ["a", "b", "c", "d"] {
        text.push_str(&common::provider(p, "JP", 100.0, 1.0, "outage = 0.1"));
    }
    text + &common::workload("w", 300.0, "critical = true")
}

/// A stress run's `stress.json` and standard output.
fn stress_json(
    dir: &std::path::Path,
    scenario: &str,
    args: &[&str],
) -> (serde_json::Value, String) {
    let out = tayoka(dir)
        .arg("stress")
        .arg(scenario)
        .args(args)
        .args(["--out", "s", "--no-charts"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json = std::fs::read(dir.join("s/stress.json")).unwrap();
    (
        serde_json::from_slice(&json).unwrap(),
        String::from_utf8(out.stdout).unwrap(),
    )
}

#[test]
fn exact_outages_of_three_of_four_providers_meet_the_closed_form() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("k.toml"), three_of_four()).unwrap();
    let (j, stdout) = stress_json(dir.path(), "k.toml", &["--samples", "1000"]);
    let mc = &j["monte_carlo"];
    let num = |k: &str| mc[k].as_f64().unwrap();
    assert_eq!(mc["method"], "exact");
    assert_eq!(mc["failure_sets"], 16);
    assert_eq!(num("neglected_probability"), 0.0);
    assert!(mc["standard_errors"].is_null());
    // P(two or more of four fail) = 1 - 0.9^4 - 4 (0.1) 0.9^3 = 0.0523.
    assert!((num("p_any_critical_unserved") - 0.0523).abs() < 1e-12);
    // Two down: a third short (0.0486); three: two thirds (0.0036); four:
    // all (0.0001).
    let expected = 0.0486 / 3.0 + 0.0036 * 2.0 / 3.0 + 0.0001;
    assert!((num("expected_unserved_critical") - expected).abs() < 1e-9);
    // The worst 5%: all four, three, then 0.0463 of the two-down mass.
    let cvar = (0.0001 + 0.0036 * 2.0 / 3.0 + 0.0463 / 3.0) / 0.05;
    assert!((num("cvar95_critical") - cvar).abs() < 1e-8, "{mc}");
    assert!(
        stdout.contains("Outages, exact: 16 failure sets enumerated"),
        "{stdout}"
    );
    assert!(
        stdout.contains("P(any critical demand unserved): 5.2%"),
        "{stdout}"
    );
    assert!(
        stdout.contains("(exact, over every failure set)"),
        "{stdout}"
    );
    // The file's probabilities are the same law.
    let csv = std::fs::read_to_string(dir.path().join("s/montecarlo.csv")).unwrap();
    let total: f64 = csv
        .lines()
        .skip(1)
        .map(|l| l.split(',').nth(2).unwrap().parse::<f64>().unwrap())
        .sum();
    assert!((total - 1.0).abs() < 1e-12, "{csv}");

    // Sampling lands within four standard errors of the exact figures.
    let (j, stdout) = stress_json(
        dir.path(),
        "k.toml",
        &["--samples", "200000", "--seed", "3", "--sampled"],
    );
    let sampled = &j["monte_carlo"];
    assert_eq!(sampled["method"], "sampled");
    for (key, exact) in [
        ("p_any_critical_unserved", 0.0523),
        ("expected_unserved_critical", expected),
        ("cvar95_critical", cvar),
    ] {
        let got = sampled[key].as_f64().unwrap();
        let se = sampled["standard_errors"][key].as_f64().unwrap();
        assert!(se > 0.0, "{key}");
        assert!(
            (got - exact).abs() <= 4.0 * se,
            "{key}: {got} ± {se} against {exact}"
        );
    }
    // A proportion's standard error is √(p (1 - p) / n).
    let p = sampled["p_any_critical_unserved"].as_f64().unwrap();
    let se = sampled["standard_errors"]["p_any_critical_unserved"]
        .as_f64()
        .unwrap();
    assert!((se - (p * (1.0 - p) / 199_999.0).sqrt()).abs() < 1e-9);
    assert!(
        stdout.contains("standard errors: expected critical"),
        "{stdout}"
    );
}

/// Every figure the terminal states of the outages is in `stress.json`.
#[test]
fn the_outage_figures_in_the_terminal_are_in_stress_json() {
    let dir = tempfile::tempdir().unwrap();
    let gov = scenarios().join("japan-gov-2027.toml");
    let pct = tayoka::base::units::percent;
    for extra in [&[][..], &["--sampled"][..]] {
        let mut args = vec!["--samples", "5000", "--seed", "2"];
        args.extend(extra);
        let (j, stdout) = stress_json(dir.path(), gov.to_str().unwrap(), &args);
        let mc = &j["monte_carlo"];
        let p = |k: &str| pct(mc[k].as_f64().unwrap());
        let head = if extra.is_empty() {
            format!(
                "Outages, exact: {} failure sets enumerated, every one with probability above 1e-12 (the rest together {:.1e}):",
                tayoka::base::units::amount(mc["failure_sets"].as_f64().unwrap()),
                mc["neglected_probability"].as_f64().unwrap()
            )
        } else {
            format!(
                "Monte Carlo, 5,000 samples (seed 2), {} distinct failure sets:",
                mc["failure_sets"]
            )
        };
        let lines = [
            head,
            format!(
                "  expected unserved: critical {}, all {}",
                p("expected_unserved_critical"),
                p("expected_unserved")
            ),
            format!(
                "  P(any critical demand unserved): {}",
                p("p_any_critical_unserved")
            ),
            format!(
                "  CVaR 95% of unserved: critical {}, all {}",
                p("cvar95_critical"),
                p("cvar95")
            ),
        ];
        for line in &lines {
            assert!(stdout.contains(line), "{line} in {stdout}");
        }
        // The report's cards give a sampled figure's standard error (to two
        // figures), and none for exact ones.
        let report = std::fs::read_to_string(dir.path().join("s/report.html")).unwrap();
        match mc["standard_errors"]["p_any_critical_unserved"].as_f64() {
            Some(se) => {
                let p = se * 100.0;
                let decimals = (1 - p.log10().floor() as i32).max(0) as usize;
                let said = format!("standard error {p:.decimals$}%");
                assert!(report.contains(&said), "{said}");
                assert!(
                    stdout.contains(&format!(", P {p:.decimals$}%,")),
                    "{stdout}"
                );
            }
            None => assert!(!report.contains("standard error"), "exact"),
        }
        // The cut-offs' answer: the worst one (ties all named) and how many hurt.
        let worst = &j["worst"];
        assert_eq!(worst["events"], serde_json::json!(["country JP"]));
        let said = format!(
            "The worst single cut-off is country JP: it leaves {} of critical demand ({} of all demand) unserved after re-routing; {} of {} cut-offs",
            pct(worst["unserved_critical_fraction"].as_f64().unwrap()),
            pct(worst["unserved_fraction"].as_f64().unwrap()),
            j["cutoffs_critical_unserved"],
            j["cutoffs"].as_array().unwrap().len()
        );
        assert!(
            stdout.replace('\n', " ").contains(&said),
            "{said} in {stdout}"
        );
    }
}
