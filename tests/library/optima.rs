//! Small scenarios whose optimal stage values were derived by hand; the
//! derivation is written beside each.

use crate::common;

use common::{HEAD, amount, provider, solve_case, solve_text, workload};
use tayoka::solve::Solved;

fn stages(run: &Solved) -> Vec<(String, f64)> {
    run.metrics
        .stages
        .iter()
        .map(|s| (s.name.clone(), s.value))
        .collect()
}

fn assert_stages(run: &Solved, expected: &[(&str, f64)]) {
    let got = stages(run);
    assert_eq!(got.len(), expected.len(), "stages {got:?}");
    for ((name, value), (en, ev)) in got.iter().zip(expected) {
        assert_eq!(name, en, "stages {got:?}");
        assert!(
            (value - ev).abs() <= 1e-7 * ev.abs().max(1.0),
            "stage {name}: {value} != {ev} ({got:?})"
        );
    }
}

#[test]
fn one_workload_on_two_equal_providers_splits_in_half() {
    // 60 units on two providers of equal capacity and price: the largest share
    // is smallest at 30/30, so T_provider = 0.5; cost = 60 * 1.
    let text = format!(
        "{HEAD}{}{}{}[policy]\ndiversify = [\"provider\"]\n",
        provider("a", "JP", 100.0, 1.0, ""),
        provider("b", "JP", 100.0, 1.0, ""),
        workload("w", 60.0, ""),
    );
    let run = solve_text(&text);
    assert_stages(&run, &[("max_share:provider", 0.5), ("cost", 60.0)]);
    assert_eq!(amount(&run, "w", "a"), 30.0);
    assert_eq!(amount(&run, "w", "b"), 30.0);
}

#[test]
fn a_small_provider_is_filled_and_the_rest_split_evenly() {
    // 150 units over a (capacity 20), b and c (capacity 100): an even split
    // would give 50 each, but a holds only 20, so b and c take 65 each:
    // T_provider = 65/150. Prices 1, 2, 3: cost = 20*1 + 65*2 + 65*3 = 345.
    let text = format!(
        "{HEAD}{}{}{}{}[policy]\ndiversify = [\"provider\"]\n",
        provider("a", "JP", 20.0, 1.0, ""),
        provider("b", "JP", 100.0, 2.0, ""),
        provider("c", "JP", 100.0, 3.0, ""),
        workload("w", 150.0, ""),
    );
    let run = solve_text(&text);
    assert_stages(
        &run,
        &[("max_share:provider", 65.0 / 150.0), ("cost", 345.0)],
    );
    assert_eq!(amount(&run, "w", "a"), 20.0);
}

#[test]
fn a_limit_scoped_to_critical_workloads_counts_only_them() {
    // Cheapest plan with JP (price 2) >= 75% of the *critical* volume, US price 1.
    // Critical workload crit has 40 units: JP serves at least 30 of them, the
    // rest (10 of crit, all 60 of norm) goes to the cheaper US:
    // cost = 30*2 + 70*1 = 130; then the provider stage: T = 70/100.
    // Scoped to all workloads instead, JP needs 75 of 100: cost = 75*2 + 25 = 175.
    let limit = |scope: &str| {
        format!(
            "[policy]\nobjective = \"cost\"\n[policy.limits.jp]\ndimension = \"country\"\nvalue = \"JP\"\nmin_share = 0.75\n{scope}\n"
        )
    };
    let body = format!(
        "{HEAD}{}{}{}{}",
        provider("jp", "JP", 100.0, 2.0, ""),
        provider("us", "US", 100.0, 1.0, ""),
        workload("crit", 40.0, "critical = true"),
        workload("norm", 60.0, ""),
    );
    let critical = solve_text(&format!("{body}{}", limit("scope = \"critical\"")));
    assert_stages(&critical, &[("cost", 130.0), ("max_share:provider", 0.7)]);
    assert_eq!(amount(&critical, "crit", "jp"), 30.0);
    assert_eq!(amount(&critical, "norm", "jp"), 0.0);
    let all = solve_text(&format!("{body}{}", limit("")));
    assert_stages(&all, &[("cost", 175.0), ("max_share:provider", 0.75)]);
}

#[test]
fn the_company_stage_works_within_the_provider_optimum() {
    // a1 and a2 belong to company A, b to B; 90 units, capacities 100.
    // [provider, company]: the provider stage forces 30/30/30 (T_p = 1/3), so
    // company A holds 60 of 90: T_c = 2/3.
    // [company, provider]: the company stage splits A/B 45/45 (T_c = 1/2); the
    // provider stage cannot then do better than b = 45: T_p = 1/2.
    let body = format!(
        "{HEAD}{}{}{}{}",
        provider("a1", "JP", 100.0, 1.0, "company = \"A\""),
        provider("a2", "JP", 100.0, 1.0, "company = \"A\""),
        provider("b", "JP", 100.0, 1.0, "company = \"B\""),
        workload("w", 90.0, ""),
    );
    let pc = solve_text(&format!(
        "{body}[policy]\ndiversify = [\"provider\", \"company\"]\n"
    ));
    assert_stages(
        &pc,
        &[
            ("max_share:provider", 1.0 / 3.0),
            ("max_share:company", 2.0 / 3.0),
            ("cost", 90.0),
        ],
    );
    let cp = solve_text(&format!(
        "{body}[policy]\ndiversify = [\"company\", \"provider\"]\n"
    ));
    assert_stages(
        &cp,
        &[
            ("max_share:company", 0.5),
            ("max_share:provider", 0.5),
            ("cost", 90.0),
        ],
    );
}

#[test]
fn count_home_decides_whether_the_home_country_is_diversified_too() {
    // 90 units over JP, US and CN providers of capacity 100.
    // count_home = false: only foreign shares count, and JP can take all 90:
    //   T_country = 0, everything on jp.
    // count_home = true: JP counts like any country: 30 each, T_country = 1/3.
    let body = format!(
        "{HEAD}{}{}{}{}",
        provider("jp", "JP", 100.0, 1.0, ""),
        provider("us", "US", 100.0, 1.0, ""),
        provider("cn", "CN", 100.0, 1.0, ""),
        workload("w", 90.0, ""),
    );
    let policy = |home: bool| format!("[policy]\ndiversify = [\"country\"]\ncount_home = {home}\n");
    let foreign = solve_text(&format!("{body}{}", policy(false)));
    assert_stages(&foreign, &[("max_share:country", 0.0), ("cost", 90.0)]);
    assert_eq!(amount(&foreign, "w", "jp"), 90.0);
    let all = solve_text(&format!("{body}{}", policy(true)));
    assert_stages(&all, &[("max_share:country", 1.0 / 3.0), ("cost", 90.0)]);
    assert_eq!(foreign.metrics.home_share, 1.0);
    assert!((all.metrics.home_share - 1.0 / 3.0).abs() < 1e-9);
}

#[test]
fn sovereignty_fills_domestic_capacity_then_minimises_cost() {
    // 100 units; domestic jp (50 at price 3) and jp2 (30 at price 2), foreign
    // us (100 at price 1). Home share at most (50 + 30)/100 = 0.8; the
    // remaining 20 go to us: cost = 50*3 + 30*2 + 20*1 = 230.
    let text = format!(
        "{HEAD}{}{}{}{}[policy]\nobjective = \"sovereignty\"\n",
        provider("jp", "JP", 50.0, 3.0, ""),
        provider("jp2", "JP", 30.0, 2.0, ""),
        provider("us", "US", 100.0, 1.0, ""),
        workload("w", 100.0, ""),
    );
    let run = solve_text(&text);
    assert_stages(&run, &[("home_share", 0.8), ("cost", 230.0)]);
    assert_eq!(run.metrics.home_share, 0.8);
}

#[test]
fn cost_then_the_smallest_largest_share_among_equal_cost_plans() {
    // a and b cost 1, c costs 2; 100 units. Cheapest: all on a and b (cost 100),
    // in any split; the tie-break stage picks 50/50: T_provider = 0.5.
    let text = format!(
        "{HEAD}{}{}{}{}[policy]\nobjective = \"cost\"\n",
        provider("a", "JP", 100.0, 1.0, ""),
        provider("b", "JP", 100.0, 1.0, ""),
        provider("c", "JP", 100.0, 2.0, ""),
        workload("w", 100.0, ""),
    );
    let run = solve_text(&text);
    assert_stages(&run, &[("cost", 100.0), ("max_share:provider", 0.5)]);
    assert_eq!(amount(&run, "w", "c"), 0.0);
}

#[test]
fn the_balance_tie_break_evens_out_providers_before_cost() {
    // a and b (company X; prices 1 and 2) and c (company Y, price 1); 90 units.
    // Company stage: X and Y 45 each (T_c = 0.5), so c = 45.
    // tie_break = cost: a (cheaper) takes X's 45: cost = 45 + 45 = 90.
    // tie_break = balance: the HHI approximation f (the max of the tangents of
    //   s² at i/32) is smallest where a and b share X's 0.5 evenly: 0.25 each,
    //   a tangent point, so f = 0.0625*2 + 0.25 = 0.375. But f is linear between
    //   tangent intersections (i + 1/2)/32, with slope 2 * 8/32 on both sides of
    //   0.25, so f(a) + f(0.5 - a) stays 0.375 for a in [7.5/32, 8.5/32]. The
    //   cost stage then moves a to the cheap end: a = 8.5/32 * 90 = 23.90625,
    //   b = 45 - a = 21.09375, cost = 23.90625 + 2*21.09375 + 45 = 111.09375.
    let body = format!(
        "{HEAD}{}{}{}{}",
        provider("a", "JP", 100.0, 1.0, "company = \"X\""),
        provider("b", "JP", 100.0, 2.0, "company = \"X\""),
        provider("c", "JP", 100.0, 1.0, "company = \"Y\""),
        workload("w", 90.0, ""),
    );
    let policy = |tb: &str| format!("[policy]\ndiversify = [\"company\"]\ntie_break = \"{tb}\"\n");
    let cheap = solve_text(&format!("{body}{}", policy("cost")));
    assert_stages(&cheap, &[("max_share:company", 0.5), ("cost", 90.0)]);
    assert_eq!(amount(&cheap, "w", "a"), 45.0);
    let balanced = solve_text(&format!("{body}{}", policy("balance")));
    assert_stages(
        &balanced,
        &[
            ("max_share:company", 0.5),
            ("hhi:provider", 0.375),
            ("cost", 111.09375),
        ],
    );
    assert_eq!(amount(&balanced, "w", "a"), 23.90625);
    assert_eq!(amount(&balanced, "w", "b"), 21.09375);
}

#[test]
fn max_provider_fraction_and_budget_bind() {
    // 100 units on a (price 1) and b (price 2), no provider above 60% of it:
    // cheapest is a = 60, b = 40: cost 140.
    let body = format!(
        "{HEAD}{}{}{}",
        provider("a", "JP", 100.0, 1.0, ""),
        provider("b", "JP", 100.0, 2.0, ""),
        workload("w", 100.0, "max_provider_fraction = 0.6"),
    );
    let run = solve_text(&format!("{body}[policy]\nobjective = \"cost\"\n"));
    assert_stages(&run, &[("cost", 140.0), ("max_share:provider", 0.6)]);
    // Diversify splits 50/50 (cost 150); a budget of 145 forces b <= 45 and
    // hence a >= 55: T_provider = 0.55, cost = 55 + 90 = 145.
    let run = solve_text(&format!(
        "{body}[policy]\ndiversify = [\"provider\"]\nbudget = 145\n"
    ));
    assert_stages(&run, &[("max_share:provider", 0.55), ("cost", 145.0)]);
}

#[test]
fn weights_scale_a_workloads_part_in_the_shares() {
    // heavy (weight 3, 10 units) may only use a; light (weight 1, 30 units) may
    // use a or b. Weighted demand = 30 + 30 = 60. With light split x on a and
    // 30 - x on b: share_a = (30 + x)/60 >= 1/2, reached at x = 0: T = 0.5.
    let text = format!(
        "{HEAD}{}{}{}{}[policy]\ndiversify = [\"provider\"]\n",
        provider("a", "JP", 100.0, 1.0, ""),
        provider("b", "JP", 100.0, 1.0, ""),
        workload("heavy", 10.0, "weight = 3.0\nonly = [\"a\"]"),
        workload("light", 30.0, ""),
    );
    let run = solve_text(&text);
    assert_stages(&run, &[("max_share:provider", 0.5), ("cost", 40.0)]);
    assert_eq!(amount(&run, "light", "b"), 30.0);
}

#[test]
fn the_minimal_scenario_matches_its_written_derivation() {
    // scenarios/minimal.toml derives these by hand in its header comment.
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/scenarios/minimal.toml"
    ))
    .unwrap();
    let base = solve_text(&text);
    assert_stages(
        &base,
        &[
            ("max_share:provider", 0.375),
            ("max_share:country", 0.375),
            ("cost", 1440.0),
        ],
    );
    assert_eq!(amount(&base, "chat", "cloud-us"), 45.0);
    let sov = solve_case(&text, Some("sovereignty"), &[]);
    assert_stages(&sov, &[("home_share", 0.75), ("cost", 1470.0)]);
    let cost = solve_case(&text, Some("cost"), &[]);
    assert_stages(&cost, &[("cost", 1320.0), ("max_share:provider", 0.5)]);
    // A preset and --set reach the same plans as the variant.
    let preset = solve_case(&text, Some("@cost"), &[]);
    assert_eq!(stages(&preset), stages(&cost));
    let set = solve_case(&text, None, &["policy.objective=cost"]);
    assert_eq!(stages(&set), stages(&cost));
}
