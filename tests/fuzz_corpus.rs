//! Replays the fuzzers' committed corpus (fuzz/corpus) through the same code
//! the fuzz targets run (fuzz/src/bodies.rs), so that every input that once
//! crashed or found new code keeps being checked by `cargo test`.

mod common;

// The fuzz bodies reach the rule checker as `crate::checker`.
use common::checker;

#[path = "../fuzz/src/bodies.rs"]
mod bodies;

use std::path::Path;

fn replay(target: &str, body: fn(&[u8])) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fuzz/corpus")
        .join(target);
    let mut inputs: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .flatten()
        .map(|e| e.path())
        .collect();
    inputs.sort();
    assert!(inputs.len() >= 10, "{target}: the corpus is missing");
    for input in inputs {
        let data = std::fs::read(&input).unwrap();
        let outcome = std::panic::catch_unwind(|| body(&data));
        assert!(outcome.is_ok(), "{} panicked", input.display());
    }
}

#[test]
fn load_validate_corpus_replays_without_a_panic() {
    replay("load_validate", bodies::load_validate);
}

#[test]
fn solve_tiny_corpus_replays_without_a_panic_and_passes_the_checker() {
    replay("solve_tiny", bodies::solve_tiny);
}

/// The generator writes scenarios that load: a fuzzer spending its time on
/// parse errors would not reach the model.
#[test]
fn tiny_scenarios_mostly_load() {
    let path = Path::new("tiny.toml");
    let opts = tayoka::scenario::LoadOptions::default();
    let loads = (0u8..=255)
        .filter(|&b| {
            let data: Vec<u8> = (0..64u8)
                .map(|i| b.wrapping_mul(31).wrapping_add(i.wrapping_mul(7)))
                .collect();
            tayoka::scenario::load_str(path, bodies::tiny_scenario(&data), &opts).is_ok()
        })
        .count();
    assert!(loads > 128, "only {loads} of 256 generated scenarios load");
}

#[test]
fn render_names_corpus_replays_with_well_formed_charts_and_reports() {
    replay("render_names", bodies::render_names);
}
