//! The README's figures, solved again: its strategy table for
//! japan-gov-2027 is what the bundled scenario gives.

use crate::common;

use common::scenarios;
use tayoka::model::backend::SolverKind;
use tayoka::scenario::{LoadOptions, load};
use tayoka::solve::solve;

/// The first number in `cell` (`"38.91"`, `"51.8%"`, `"31.5% (country JP)"`).
fn number(cell: &str) -> f64 {
    let digits: String = cell
        .trim()
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == '.')
        .collect();
    digits
        .parse()
        .unwrap_or_else(|_| panic!("no number in {cell:?}"))
}

/// Whether `figure` (a fraction) shows as `shown` percent, to its last
/// decimal.
fn shows(figure: f64, shown: &str) -> bool {
    let shown_pct = number(shown);
    let decimals = shown
        .trim()
        .split('%')
        .next()
        .and_then(|n| n.split_once('.'))
        .map_or(0, |(_, d)| d.len());
    (figure * 100.0 - shown_pct).abs() <= 0.5 * 10f64.powi(-(decimals as i32)) + 1e-9
}

#[test]
fn the_strategy_table_is_what_japan_gov_2027_gives() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let rows: Vec<Vec<&str>> = readme
        .lines()
        .skip_while(|l| !l.starts_with("| variant | first stage | total cost"))
        .skip(2)
        .take_while(|l| l.starts_with('|'))
        .map(|l| l.trim_matches('|').split(" | ").collect())
        .collect();
    assert!(rows.len() >= 11, "{rows:?}");
    let path = scenarios().join("japan-gov-2027.toml");
    for row in rows {
        let [name, _, cost, home, largest, worst] = row[..] else {
            panic!("{row:?}")
        };
        // `base (diversify)`, or the backticked variant that opens the cell.
        let variant = name
            .trim()
            .strip_prefix('`')
            .and_then(|v| v.split('`').next())
            .map(str::to_string);
        let opts = LoadOptions {
            variant: variant.clone(),
            ..Default::default()
        };
        let run = solve(load(&path, &opts).unwrap(), SolverKind::Auto).unwrap();
        let m = &run.metrics;
        let label = variant.as_deref().unwrap_or("base");
        assert_eq!(
            format!("{:.2}", m.total_cost / 1e9),
            cost.trim(),
            "{label}: cost"
        );
        assert!(
            shows(m.home_share, home),
            "{label}: home {} against {home}",
            m.home_share
        );
        let provider = m.max_share["provider"].share;
        assert!(
            shows(provider, largest),
            "{label}: largest {provider} against {largest}"
        );
        let w = m.worst_cutoff.as_ref().unwrap();
        assert!(
            shows(w.unserved_critical_fraction, worst),
            "{label}: worst {} against {worst}",
            w.unserved_critical_fraction
        );
        assert!(
            worst.contains(&format!("({})", w.event)),
            "{label}: {} against {worst}",
            w.event
        );
    }
}
