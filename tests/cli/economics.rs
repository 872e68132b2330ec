//! The economics of sourcing: workload prices, amount limits (a supply
//! several providers share), volume discounts, contract costs, minimum
//! volumes and a cap on contracts. Small cases whose optima are derived by
//! hand.

use crate::common;

use common::checker::{check, rows_of};
use common::{HEAD, amount, load_case, provider, solve_case, tayoka, workload};
use predicates::prelude::*;
use tayoka::model::backend::SolverKind;
use tayoka::solve::{Solved, marginals, solve};

/// What holds `run`'s cost stage at the rule whose value is at `set`.
fn cost_marginal(run: &Solved, set: &str) -> marginals::Binding {
    let binding = marginals::binding(run).unwrap();
    binding
        .into_iter()
        .find(|b| b.set == set && b.stage == "cost")
        .unwrap_or_else(|| panic!("no binding at {set}"))
}

fn cost_of(run: &Solved) -> f64 {
    check(run.scenario(), &rows_of(run));
    run.metrics.total_cost
}

/// GAMS's `trnsport` (Dantzig's transportation problem) as a scenario: the
/// plants are providers, the markets workloads, and the freight per case
/// (90 dollars per case per thousand miles, in thousands of dollars) is each
/// market's price on each plant.
const TRNSPORT: &str = r#"[scenario]
name = "trnsport"
home = "US"
[policy]
objective = "cost"
[providers.seattle]
country = "US"
capacity = 350
price = 1
capabilities = { cases = 1.0 }
[providers.san-diego]
country = "US"
capacity = 600
price = 1
capabilities = { cases = 1.0 }
[workloads.new-york]
capability = "cases"
demand = 325
prices = { seattle = 0.225, san-diego = 0.225 }
[workloads.chicago]
capability = "cases"
demand = 300
prices = { seattle = 0.153, san-diego = 0.162 }
[workloads.topeka]
capability = "cases"
demand = 275
prices = { seattle = 0.162, san-diego = 0.126 }
"#;

#[test]
fn the_textbook_transportation_problem_has_its_published_optimum() {
    // GAMS reports z = 153.675: Chicago all from Seattle (45.9), Topeka all
    // from San Diego (34.65), New York's 325 at 0.225 from either (73.125).
    let run = solve_case(TRNSPORT, None, &[]);
    assert!(
        (cost_of(&run) - 153.675).abs() < 1e-6,
        "{}",
        run.metrics.total_cost
    );
    assert!((amount(&run, "chicago", "seattle") - 300.0).abs() < 1e-5);
    assert!((amount(&run, "topeka", "san-diego") - 275.0).abs() < 1e-5);
}

#[test]
fn a_workload_price_replaces_the_providers_price_for_that_workload_only() {
    // a costs 1 and b 2; w1 pays 0.5 on b. Cheapest: w1 on b (5), w2 on a
    // (10). Without the price, both on a (20).
    let body = format!(
        "{HEAD}[policy]\nobjective = \"cost\"\n{}{}{}",
        provider("a", "JP", 100.0, 1.0, ""),
        provider("b", "JP", 100.0, 2.0, ""),
        workload("w2", 10.0, ""),
    );
    let priced = format!("{body}{}", workload("w1", 10.0, "prices = { b = 0.5 }"));
    let run = solve_case(&priced, None, &[]);
    assert_eq!(cost_of(&run), 15.0);
    assert_eq!(amount(&run, "w1", "b"), 10.0);
    assert_eq!(amount(&run, "w2", "a"), 10.0);
    let plain = format!("{body}{}", workload("w1", 10.0, ""));
    assert_eq!(cost_of(&solve_case(&plain, None, &[])), 20.0);
}

#[test]
fn alike_workloads_with_other_prices_are_not_merged() {
    // Two workloads alike but for their price on b; merged, one of them
    // would pay the other's price.
    let text = format!(
        "{HEAD}[policy]\nobjective = \"cost\"\n{}{}{}{}",
        provider("a", "JP", 100.0, 1.0, ""),
        provider("b", "JP", 10.0, 2.0, ""),
        workload("w1", 10.0, "prices = { b = 0.5 }"),
        workload("w2", 10.0, "prices = { b = 0.8 }"),
    );
    let run = solve_case(&text, None, &[]);
    // b's 10 units go to w1 (saves 0.5 a unit rather than 0.2): 5 + 10.
    assert_eq!(cost_of(&run), 15.0);
    assert_eq!(amount(&run, "w1", "b"), 10.0);
}

/// A cheapest-plan case: `policy` adds to `[policy]`, then the providers
/// and workloads.
fn cost_case(policy: &str, parts: &[String]) -> String {
    format!(
        "{HEAD}[policy]\nobjective = \"cost\"\n{policy}\n{}",
        parts.concat()
    )
}

/// Two NVIDIA providers at 1 and an AMD one at 3, 100 units each, for one
/// workload of 100; `limit` is a `[policy.limits.chips]` body.
fn chips(limit: &str) -> String {
    cost_case(
        &format!("[policy.limits.chips]\ndimension = \"chips\"\n{limit}"),
        &[
            provider("a", "JP", 100.0, 1.0, "tags = { chips = \"NVIDIA\" }"),
            provider("b", "JP", 100.0, 1.0, "tags = { chips = \"NVIDIA\" }"),
            provider("c", "JP", 100.0, 3.0, "tags = { chips = \"AMD\" }"),
            workload("w", 100.0, ""),
        ],
    )
}

#[test]
fn an_amount_limit_caps_a_supply_that_several_providers_share() {
    // At most 60 units on NVIDIA: 60 at 1 and 40 at 3 = 180 (free: 100).
    let run = solve_case(&chips("value = \"NVIDIA\"\nmax_amount = 60"), None, &[]);
    assert_eq!(cost_of(&run), 180.0);
    assert_eq!(amount(&run, "w", "a") + amount(&run, "w", "b"), 60.0);
    // At least 50 on AMD: 50 at 1 and 50 at 3 = 200.
    let run = solve_case(&chips("value = \"AMD\"\nmin_amount = 50"), None, &[]);
    assert_eq!(cost_of(&run), 200.0);
    assert_eq!(amount(&run, "w", "c"), 50.0);
    // Over every value: at most 70 on any chip maker, 70 at 1 + 30 at 3.
    let run = solve_case(&chips("max_amount = 70"), None, &[]);
    assert_eq!(cost_of(&run), 160.0);
}

#[test]
fn an_amount_limit_has_a_marginal_that_finite_differences_confirm() {
    let text = chips("value = \"NVIDIA\"\nmax_amount = 60");
    let run = solve(load_case(&text, None, &[]), SolverKind::Microlp).unwrap();
    let b = cost_marginal(&run, "policy.limits.chips.max_amount");
    // One more NVIDIA unit saves 3 - 1 = 2.
    let wider = solve_case(&text, None, &["policy.limits.chips.max_amount=61"]);
    let difference = cost_of(&wider) - run.metrics.total_cost;
    assert_eq!(difference, -2.0);
    assert!((b.marginal - difference).abs() < 1e-6, "{b:?}");
    assert!(b.rule.contains("max_amount 60 units"), "{}", b.rule);
}

#[test]
fn an_amount_limit_no_plan_meets_is_diagnosed_and_its_suggestion_works() {
    // At least 150 on AMD, which holds 100.
    let (dir, err) = no_plan(&chips("value = \"AMD\"\nmin_amount = 150"));
    let set = err
        .lines()
        .find_map(|l| {
            l.trim()
                .strip_prefix("try: --set policy.limits.chips.min_amount=")
        })
        .unwrap_or_else(|| panic!("{err}"));
    assert_eq!(set, "100", "{err}");
    tayoka(dir.path())
        .args(["solve", "case.toml", "--out", "o", "--set"])
        .arg(format!("policy.limits.chips.min_amount={set}"))
        .assert()
        .code(0);
}

#[test]
fn bad_economics_are_errors_at_their_place() {
    let dir = tempfile::tempdir().unwrap();
    let cases = [
        (
            chips("value = \"AMD\"\nmax_share = 0.5\nmax_amount = 50"),
            "limit `chips` sets both `max_share` and `max_amount`; a limit bounds shares or amounts",
            "max_amount = 50",
        ),
        (
            chips("value = \"AMD\"\nmin_amount = 60\nmax_amount = 50"),
            "limit `chips`: `min_amount` 60 > `max_amount` 50",
            "60",
        ),
        (
            chips("value = \"AMD\"\nmax_amount = -1"),
            "`policy.limits.chips.max_amount` must be >= 0, found -1",
            "-1",
        ),
        (
            format!(
                "{HEAD}{}{}",
                provider("a", "JP", 100.0, 1.0, ""),
                workload("w", 10.0, "prices = { aa = 0.5 }")
            ),
            "no provider `aa`",
            "aa = 0.5",
        ),
        (
            format!(
                "{HEAD}{}{}",
                provider("a", "JP", 100.0, 1.0, ""),
                workload("w", 10.0, "prices = { a = -0.5 }")
            ),
            "`workloads.w.prices.a` must be >= 0, found -0.5",
            "-0.5",
        ),
    ];
    let terms = |a: &str, policy: &str| {
        format!(
            "{HEAD}[policy]\n{policy}\n{}{}",
            provider("a", "JP", 100.0, 1.0, a),
            workload("w", 10.0, "")
        )
    };
    let terms_cases = [
        (
            terms("discounts = [ { from = 10, off = 1.0 } ]", ""),
            "`providers.a.discounts.0.off` is the fraction taken off the price and must be in [0, 1), found 1",
            "1.0 } ]",
        ),
        (
            terms(
                "discounts = [ { from = 50, off = 0.1 }, { from = 20, off = 0.2 } ]",
                "",
            ),
            "`providers.a.discounts.1.from` must be above the level before's 50, found 20",
            "20, off = 0.2",
        ),
        (
            terms(
                "discounts = [ { from = 10, off = 0.2 }, { from = 20, off = 0.1 } ]",
                "",
            ),
            "`providers.a.discounts.1.off` must be above the level before's 0.2, found 0.1",
            "0.1 }",
        ),
        (
            terms("", "max_contracts = 0"),
            "`policy.max_contracts` is 0, so no provider may serve the workloads' demand",
            "0",
        ),
        (
            terms("min_volume = 150", ""),
            "`providers.a.min_volume` is 150, above the provider's capacity 100: it could never serve anything",
            "150",
        ),
        (
            terms("contract_cost = -5", ""),
            "`providers.a.contract_cost` must be >= 0, found -5",
            "-5",
        ),
    ];
    for (text, message, at) in cases.into_iter().chain(terms_cases) {
        std::fs::write(dir.path().join("case.toml"), &text).unwrap();
        let err = tayoka(dir.path())
            .args(["check", "case.toml"])
            .output()
            .unwrap();
        assert_eq!(err.status.code(), Some(1), "{text}");
        let err = String::from_utf8_lossy(&err.stderr);
        assert!(err.contains(message), "{err}");
        let place = format!("--> case.toml:{}", common::line_col(&text, at));
        assert!(err.contains(&place), "{place} in {err}");
    }
}

#[test]
fn a_price_on_a_provider_the_workload_may_not_use_is_a_warning_naming_why() {
    let dir = tempfile::tempdir().unwrap();
    let text = format!(
        "{HEAD}{}{}{}",
        provider("a", "JP", 100.0, 1.0, ""),
        provider("b", "JP", 100.0, 1.0, ""),
        workload("w", 10.0, "exclude = [\"b\"]\nprices = { b = 0.5 }")
    );
    std::fs::write(dir.path().join("case.toml"), &text).unwrap();
    tayoka(dir.path())
        .args(["check", "case.toml"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains(
            "`workloads.w.prices.b` is never paid: 'b' may not serve 'w' (",
        ));
}

/// a at 10 with an all-units discount, b at 8, 100 units each, for one
/// workload of 100; `discount` is a's `discounts` and `b` b's extra lines.
fn discounted(discount: &str, b: &str) -> String {
    let a = format!("discounts = [ {discount} ]");
    cost_case(
        "",
        &[
            provider("a", "JP", 100.0, 10.0, &a),
            provider("b", "JP", 100.0, 8.0, b),
            workload("w", 100.0, ""),
        ],
    )
}

#[test]
fn a_volume_discount_makes_concentrating_cheaper_than_splitting() {
    // 25% off every unit once a serves 60: all on a costs 750, all on b
    // 800, 60 on a and 40 on b 450 + 320 = 770.
    let run = solve_case(&discounted("{ from = 60, off = 0.25 }", ""), None, &[]);
    assert_eq!(cost_of(&run), 750.0);
    assert_eq!(amount(&run, "w", "a"), 100.0);
    let b = &run.metrics.cost_breakdown;
    assert_eq!((b.usage, b.discounts, b.contracts), (1000.0, 250.0, 0.0));
    let a = &run.metrics.sourcing[0];
    assert_eq!((a.contract, a.discount), (true, 250.0));
    assert_eq!(a.discount_level.map(|d| d.off), Some(0.25));
    // 15% off: all on a would cost 850, so all on b.
    let run = solve_case(&discounted("{ from = 60, off = 0.15 }", ""), None, &[]);
    assert_eq!(cost_of(&run), 800.0);
    assert_eq!(amount(&run, "w", "b"), 100.0);
}

#[test]
fn a_discount_whose_threshold_a_plan_cannot_reach_is_not_taken() {
    // At 100 a can still reach it (750); at 101, above a's capacity, it can
    // not, and b's 800 is the optimum: the plan flips at the threshold.
    let reached = solve_case(&discounted("{ from = 100, off = 0.25 }", ""), None, &[]);
    assert_eq!(cost_of(&reached), 750.0);
    let missed = solve_case(&discounted("{ from = 101, off = 0.25 }", ""), None, &[]);
    assert_eq!(cost_of(&missed), 800.0);
    assert_eq!(missed.metrics.cost_breakdown.discounts, 0.0);
}

#[test]
fn the_largest_level_reached_applies_to_every_unit() {
    // 10% from 30, 25% from 80: all 100 on a at 25% off = 750.
    let run = solve_case(
        &discounted("{ from = 30, off = 0.10 }, { from = 80, off = 0.25 }", ""),
        None,
        &[],
    );
    assert_eq!(cost_of(&run), 750.0);
    assert_eq!(run.metrics.cost_breakdown.discounts, 250.0);
}

#[test]
fn a_contract_cost_removes_a_provider_when_it_outweighs_the_saving() {
    // b saves 200 on 100 units: a contract of 150 keeps it (950), one of
    // 250 does not (1000 on a).
    let keeps = solve_case(&discounted("", "contract_cost = 150"), None, &[]);
    assert_eq!(cost_of(&keeps), 950.0);
    assert_eq!(keeps.metrics.cost_breakdown.contracts, 150.0);
    let drops = solve_case(&discounted("", "contract_cost = 250"), None, &[]);
    assert_eq!(cost_of(&drops), 1000.0);
    assert_eq!(amount(&drops, "w", "b"), 0.0);
    assert_eq!(drops.metrics.cost_breakdown.contracts, 0.0);
}

#[test]
fn a_minimum_volume_keeps_a_provider_out_when_it_cannot_reach_it() {
    // b may take at most 50 (an amount limit on it): 50 + 50 costs 900.
    // With a minimum volume of 60 on b it cannot serve at all: 1000.
    let capped = |b: &str| {
        format!(
            "{}[policy.limits.b-cap]\ndimension = \"provider\"\nvalue = \"b\"\nmax_amount = 50\n",
            discounted("", b)
        )
    };
    assert_eq!(cost_of(&solve_case(&capped(""), None, &[])), 900.0);
    let run = solve_case(&capped("min_volume = 60"), None, &[]);
    assert_eq!(cost_of(&run), 1000.0);
    assert_eq!(amount(&run, "w", "b"), 0.0);
    // A minimum it can meet holds in the plan: 40 at least, and 50 served.
    let run = solve_case(&capped("min_volume = 40"), None, &[]);
    assert_eq!(cost_of(&run), 900.0);
}

/// a at 10 (100 units), b at 8 and c at 9 (50 each), for two workloads of
/// 50; `policy` adds to `[policy]`.
fn three(policy: &str) -> String {
    cost_case(
        policy,
        &[
            provider("a", "JP", 100.0, 10.0, ""),
            provider("b", "JP", 50.0, 8.0, ""),
            provider("c", "JP", 50.0, 9.0, ""),
            workload("w1", 50.0, ""),
            workload("w2", 50.0, ""),
        ],
    )
}

#[test]
fn max_contracts_limits_the_winners_and_its_marginal_is_one_more_contract() {
    // Free: b and c, 400 + 450 = 850. One contract: only a holds 100: 1000.
    assert_eq!(cost_of(&solve_case(&three(""), None, &[])), 850.0);
    let text = three("max_contracts = 1");
    let run = solve_case(&text, None, &[]);
    assert_eq!(cost_of(&run), 1000.0);
    assert_eq!(
        run.metrics.sourcing.iter().filter(|t| t.contract).count(),
        1
    );
    // What holds the plan: one more contract saves 150, as solving with 2
    // confirms.
    let b = cost_marginal(&run, "policy.max_contracts");
    let more = solve_case(&text, None, &["policy.max_contracts=2"]);
    assert_eq!(cost_of(&more) - run.metrics.total_cost, -150.0);
    assert_eq!(b.marginal, -150.0, "{b:?}");
}

/// `text` as `case.toml` in a fresh folder, solved: it must have no plan
/// (exit 3); the folder and the diagnosis on standard error.
fn no_plan(text: &str) -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("case.toml"), text).unwrap();
    let run = tayoka(dir.path())
        .args(["solve", "case.toml", "--out", "o"])
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(3));
    (dir, String::from_utf8_lossy(&run.stderr).into_owned())
}

#[test]
fn too_few_contracts_are_diagnosed_and_the_suggestion_works() {
    // Without a, b and c hold 50 each: one contract serves 50 of 100.
    let text = three("max_contracts = 1")
        .replace("capacity = 100\nprice = 10", "capacity = 10\nprice = 10");
    let (dir, err) = no_plan(&text);
    assert!(err.contains("try: --set policy.max_contracts=2"), "{err}");
    tayoka(dir.path())
        .args([
            "solve",
            "case.toml",
            "--out",
            "o",
            "--set",
            "policy.max_contracts=2",
        ])
        .assert()
        .code(0);
}

#[test]
fn a_minimum_volume_no_plan_meets_is_diagnosed_and_its_suggestion_works() {
    // 100 to serve; a (min_volume 80) may hold 60% and b holds 50: a must
    // serve nothing, and b alone falls short. a at 60 and b at 40 serve it
    // all, so 60 is the largest minimum volume that works.
    let text = format!(
        "{HEAD}[policy]\nobjective = \"cost\"\n[policy.limits.any-provider]\ndimension = \"provider\"\nmax_share = 0.6\n{}{}{}",
        provider("a", "US", 100.0, 1.0, "min_volume = 80"),
        provider("b", "JP", 50.0, 2.0, ""),
        workload("w", 100.0, ""),
    );
    let (dir, err) = no_plan(&text);
    assert!(
        err.contains("minimum volume of provider 'a' (80 units) -> 60  [case.toml:"),
        "{err}"
    );
    assert!(
        err.contains("try: --set providers.a.min_volume=60"),
        "{err}"
    );
    let run = solve_case(&text, None, &["providers.a.min_volume=60"]);
    assert_eq!(amount(&run, "w", "a"), 60.0);
    assert_eq!(cost_of(&run), 140.0);
    // Exactly as much as it must: a hair above 60 still has no plan.
    tayoka(dir.path())
        .args(["solve", "case.toml", "--out", "o"])
        .args(["--set", "providers.a.min_volume=60.01"])
        .assert()
        .code(3);
}

#[test]
fn the_summary_names_the_contracts_held_and_the_discounts_taken() {
    let dir = tempfile::tempdir().unwrap();
    let text = discounted("{ from = 60, off = 0.25 }", "contract_cost = 5");
    std::fs::write(dir.path().join("case.toml"), &text).unwrap();
    tayoka(dir.path())
        .args(["solve", "case.toml", "--out", "o"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("1 held, 0 currency units"))
        .stdout(predicate::str::contains("a 25% off (250 currency units)"));
    let metrics = std::fs::read_to_string(dir.path().join("o/metrics.json")).unwrap();
    let m: serde_json::Value = serde_json::from_str(&metrics).unwrap();
    assert_eq!(m["cost_breakdown"]["discounts"], 250.0);
    assert_eq!(m["total_cost"], 750.0);
}

#[test]
fn the_bundled_economics_show_what_diversifying_costs() {
    let path = format!(
        "{}/scenarios/japan-gov-2027.toml",
        env!("CARGO_MANIFEST_DIR")
    );
    let run = |sets: &[&str]| {
        let sets: Vec<tayoka::scenario::SetArg> = sets.iter().map(|s| s.parse().unwrap()).collect();
        let loaded = tayoka::scenario::load(
            std::path::Path::new(&path),
            &tayoka::scenario::LoadOptions::new(Some("economics"), &sets),
        )
        .unwrap();
        solve(loaded, SolverKind::Microlp).unwrap()
    };
    let diversified = run(&[]);
    let cheapest = run(&["policy.objective=cost"]);
    for r in [&diversified, &cheapest] {
        let recomputed = check(r.scenario(), &rows_of(r));
        assert!((recomputed - r.metrics.total_cost).abs() < 1e-6 * recomputed);
    }
    // The cheapest plan concentrates enough on AWS for its 18% level; the
    // diversified one, at most 12.35% on any provider, reaches no level and
    // holds every contract.
    let aws = |r: &Solved| {
        r.metrics
            .sourcing
            .iter()
            .find(|t| t.provider == "aws")
            .and_then(|t| t.discount_level)
            .map(|d| d.off)
    };
    assert_eq!(aws(&cheapest), Some(0.18));
    assert_eq!(aws(&diversified), None);
    assert_eq!(diversified.metrics.cost_breakdown.discounts, 0.0);
    assert!(diversified.metrics.total_cost > cheapest.metrics.total_cost);
    assert!(
        diversified.metrics.cost_breakdown.contracts > cheapest.metrics.cost_breakdown.contracts
    );
}

#[test]
fn a_cut_off_provider_with_a_minimum_volume_is_no_error() {
    // Capacity 0 (cut off) serves nothing, whatever its minimum volume.
    let text = format!(
        "{HEAD}{}{}{}",
        provider("a", "JP", 100.0, 1.0, ""),
        provider("b", "JP", 0.0, 1.0, "min_volume = 50"),
        workload("w", 10.0, "")
    );
    assert_eq!(cost_of(&solve_case(&text, None, &[])), 10.0);
}

/// a at 10 with 25% off from 60, b at 8 with a contract of 20, 100 units
/// each, for one workload of 100.
fn concentrate_or_split() -> String {
    discounted("{ from = 60, off = 0.25 }", "contract_cost = 20")
}

/// `compare --variants @cost,@diversify` of `text` into `o`: its folder
/// and what it printed.
fn cost_then_diversify(text: &str) -> (tempfile::TempDir, String) {
    let (dir, _) = common::scenario_file("case.toml", text);
    let out = common::succeeds(tayoka(dir.path()).args([
        "compare",
        "case.toml",
        "--variants",
        "@cost,@diversify",
        "--out",
        "o",
    ]));
    (dir, String::from_utf8_lossy(&out.stdout).into_owned())
}

#[test]
fn compare_breaks_the_cost_of_diversifying_down_in_words_csv_and_json() {
    // Cheapest: all on a at 25% off, 750 (b: 800 + 20). Diversified: 50
    // each, 500 + 400 + 20 = 920, a below its threshold. The 170 more:
    // 100 saved on prices (900 against 1000), a's 250 discount given up,
    // 20 for b's contract.
    let (dir, text) = cost_then_diversify(&concentrate_or_split());
    assert!(
        text.contains(
            "@diversify costs 170 currency units more than @cost: 100 saved on prices, \
             250 in discounts given up (a 25% → none), 20 for 1 more contract."
        ),
        "{text}"
    );
    let json = common::read_json(&dir.path().join("o/compare.json"));
    let c = &json["cost_changes"][0];
    assert_eq!(
        (c["variant"].as_str(), c["against"].as_str()),
        (Some("@diversify"), Some("@cost"))
    );
    let parts = [
        "total",
        "usage",
        "discounts_given_up",
        "contracts",
        "contracts_added",
        "exit",
    ];
    let got: Vec<f64> = parts.iter().map(|p| c[p].as_f64().unwrap()).collect();
    assert_eq!(got, [170.0, -100.0, 250.0, 20.0, 1.0, 0.0]);
    assert_eq!(c["levels"][0]["provider"], "a");
    assert_eq!(c["levels"][0]["from"], 0.25);
    assert!(c["levels"][0]["to"].is_null());
    // The columns' own breakdowns say the same.
    let total = |i: usize| {
        json["columns"][i]["metrics"]["total_cost"]
            .as_f64()
            .unwrap()
    };
    assert_eq!(total(1) - total(0), 170.0);
    let csv = std::fs::read_to_string(dir.path().join("o/compare-wide.csv")).unwrap();
    for row in [
        "cost_change,0,170",
        "cost_change_usage,0,-100",
        "cost_change_discounts_given_up,0,250",
        "cost_change_contracts,0,20",
        "contracts_added,0,1",
        "cost_change_exit,0,0",
    ] {
        assert!(csv.lines().any(|l| l == row), "{row} not in\n{csv}");
    }
    // The answer first: the reason for the cost comes before the tables,
    // and the page prints on A4 with long tables broken between pages.
    let report = std::fs::read_to_string(dir.path().join("o/report.html")).unwrap();
    let why = report.find("Why the cost differs").expect("the reason");
    assert!(why < report.find("<h2>Variants").unwrap(), "answer first");
    assert!(report.contains("250 in discounts given up (a 25% → none)"));
    assert!(report.contains("@page { size: A4"));
    assert!(!report.contains("table { break-inside: avoid"));
}

#[test]
fn the_cost_change_reads_in_japanese() {
    let text = concentrate_or_split().replace("[scenario]\n", "[scenario]\nlang = \"ja\"\n");
    let (_dir, text) = cost_then_diversify(&text);
    assert!(text.contains("@diversifyの総費用は@costより170"), "{text}");
    assert!(
        text.contains("受けられなくなる数量割引250（a：25%→なし）"),
        "{text}"
    );
    assert!(text.contains("契約1社増による増加20"), "{text}");
}

#[test]
fn a_variant_and_a_preset_combine_with_a_plus() {
    // `economics+@cost` is the economics variant solved for cost: the same
    // plan as `--variant economics --set policy.objective=cost`.
    let path = format!(
        "{}/scenarios/japan-gov-2027.toml",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).unwrap();
    let combined = solve_case(&text, Some("economics+@cost"), &[]);
    let set = solve_case(&text, Some("economics"), &["policy.objective=cost"]);
    assert_eq!(combined.metrics.total_cost, set.metrics.total_cost);
    assert_eq!(combined.metrics.cost_breakdown, set.metrics.cost_breakdown);
    let dir = tempfile::tempdir().unwrap();
    tayoka(dir.path())
        .args(["solve", &path, "--variant", "economics+@cots", "--out", "o"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("unknown variant `@cots`"))
        .stderr(predicate::str::contains("did you mean `@cost`?"));
}

#[test]
fn tradeoff_breaks_each_points_cost_down_and_its_change_from_the_first() {
    let path = format!(
        "{}/scenarios/japan-gov-2027.toml",
        env!("CARGO_MANIFEST_DIR")
    );
    let dir = tempfile::tempdir().unwrap();
    let out = common::succeeds(tayoka(dir.path()).args([
        "tradeoff",
        &path,
        "--variant",
        "economics",
        "--points",
        "3",
        "--out",
        "o",
    ]));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("The plan at the highest home share costs"),
        "{text}"
    );
    // The CSV's parts add up to each point's cost, and the JSON's change
    // against the first point is the CSV's difference, part by part.
    let csv = std::fs::read_to_string(dir.path().join("o/tradeoff.csv")).unwrap();
    let mut lines = csv.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    let col = |name: &str| header.iter().position(|h| *h == name).unwrap();
    let rows: Vec<Vec<f64>> = lines
        .filter(|l| l.starts_with("point"))
        .map(|l| {
            l.split(',')
                .map(|v| v.parse().unwrap_or(f64::NAN))
                .collect()
        })
        .collect();
    for r in &rows {
        let sum = r[col("cost_usage")] - r[col("cost_discounts")]
            + r[col("cost_contracts")]
            + r[col("cost_exit")];
        assert!((sum - r[col("total_cost")]).abs() < 1e-6 * sum, "{r:?}");
    }
    let json = common::read_json(&dir.path().join("o/tradeoff.json"));
    let (first, last) = (&rows[0], &rows[rows.len() - 1]);
    let change = &json["points"][rows.len() - 1]["cost_change"];
    let d = |name: &str| last[col(name)] - first[col(name)];
    let close = |a: f64, b: f64| (a - b).abs() < 1e-6 * a.abs().max(1.0);
    assert!(close(change["total"].as_f64().unwrap(), d("total_cost")));
    assert!(close(change["usage"].as_f64().unwrap(), d("cost_usage")));
    assert!(close(
        change["discounts_given_up"].as_f64().unwrap(),
        -d("cost_discounts")
    ));
    assert!(close(
        change["contracts"].as_f64().unwrap(),
        d("cost_contracts")
    ));
    assert!(close(change["exit"].as_f64().unwrap(), d("cost_exit")));
    assert_eq!(change["contracts_added"].as_f64().unwrap(), d("contracts"));
}

/// The engine's noise is taken out where the exact value is known: a
/// workload on one provider is on it wholly, every workload's parts add up
/// to its demand, and a chip vendor every provider uses holds 100%
/// (0.999999998 before).
#[test]
fn whole_workloads_and_full_shares_are_exact_in_the_files() {
    let dir = tempfile::tempdir().unwrap();
    let gov = common::scenarios().join("japan-gov-2027.toml");
    tayoka(dir.path())
        .arg("solve")
        .arg(&gov)
        .args(["--variant", "economics", "--out", "o", "--no-charts"])
        .assert()
        .code(0);
    let csv = std::fs::read_to_string(dir.path().join("o/allocation.csv")).unwrap();
    let mut parts: std::collections::BTreeMap<String, Vec<(String, String)>> = Default::default();
    for line in csv.lines().skip(1) {
        let f: Vec<&str> = line.split(',').collect();
        parts
            .entry(f[0].to_string())
            .or_default()
            .push((f[2].to_string(), f[3].to_string()));
    }
    let s = tayoka::scenario::load(
        &gov,
        &tayoka::scenario::LoadOptions::new(Some("economics"), &[]),
    )
    .unwrap()
    .scenario;
    let mut whole = 0;
    for (w, rows) in &parts {
        let demand = s.workloads.iter().find(|x| &x.id == w).unwrap().demand;
        if let [(amount, fraction)] = &rows[..] {
            assert_eq!(fraction, "1", "{w}");
            assert_eq!(amount.parse::<f64>().unwrap(), demand, "{w}");
            whole += 1;
        }
        let sum: f64 = rows.iter().map(|(a, _)| a.parse::<f64>().unwrap()).sum();
        assert!(
            (sum - demand).abs() <= 1e-9 * demand,
            "{w}: {sum} of {demand}"
        );
    }
    assert!(whole >= 10, "{csv}");
    let m: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.path().join("o/metrics.json")).unwrap()).unwrap();
    assert_eq!(m["max_share"]["chips"]["share"], 1.0);
}

/// Against a plan whose scenario has no contract costs, the contracts part
/// counts the contracts now paid for, not the change in contracts held
/// (japan-gov-2027's base holds 10 at no cost; `economics` holds 11, all
/// paid): the count is found again in the economics plan's sourcing terms.
#[test]
fn the_contracts_part_counts_contracts_paid_against_a_plan_without_contract_costs() {
    let dir = tempfile::tempdir().unwrap();
    let gov = common::scenarios().join("japan-gov-2027.toml");
    let out = common::succeeds(tayoka(dir.path()).args([
        "compare",
        gov.to_str().unwrap(),
        "--variants",
        "base,economics",
        "--no-charts",
        "--out",
        "o",
    ]));
    let text = String::from_utf8_lossy(&out.stdout);
    let json = common::read_json(&dir.path().join("o/compare.json"));
    let economics = json["columns"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["label"] == "economics")
        .unwrap();
    let sourcing = economics["metrics"]["sourcing"].as_array().unwrap();
    let paid = sourcing
        .iter()
        .filter(|t| t["contract"] == true && t["contract_cost"].as_f64().unwrap() > 0.0)
        .count();
    assert_eq!(paid, 11);
    assert!(text.contains("1.10 bn for 11 more contracts."), "{text}");
    let c = &json["cost_changes"][0];
    assert_eq!(c["paid_added"], 11);
    assert_eq!(c["contracts"].as_f64(), Some(1.1e9));
}
