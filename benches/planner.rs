//! Criterion benchmarks of the library: load and validate, solve the bundled
//! scenarios (with the survivability and integer rules on the municipal one),
//! a 50-point sweep and 100,000 Monte Carlo samples.
//!
//!     cargo bench --bench planner
//!
//! benches/run.sh times the release binary as a whole process instead.

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use tayoka::analysis::stress::monte_carlo;
use tayoka::analysis::sweep::{Axis, sweep};
use tayoka::model::backend::SolverKind::Microlp;
use tayoka::scenario::{LoadOptions, Loaded, load};
use tayoka::solve::solve;

fn scenario(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("scenarios")
        .join(name)
}

fn loaded(name: &str, variant: Option<&str>) -> Loaded {
    load(
        &scenario(name),
        &LoadOptions {
            variant: variant.map(str::to_string),
            sets: Vec::new(),
            ..Default::default()
        },
    )
    .unwrap()
}

fn load_and_validate(c: &mut Criterion) {
    let mut g = c.benchmark_group("load");
    g.sample_size(10);
    for name in ["japan-gov-2027.toml", "japan-municipal-2027.toml"] {
        g.bench_function(name, |b| b.iter(|| black_box(loaded(name, None))));
    }
    g.finish();
}

fn solve_scenarios(c: &mut Criterion) {
    let mut g = c.benchmark_group("solve");
    g.sample_size(10).measurement_time(Duration::from_secs(10));
    let gov = loaded("japan-gov-2027.toml", None);
    g.bench_function("japan-gov-2027", |b| {
        b.iter(|| black_box(solve(gov.clone(), Microlp).unwrap()))
    });
    for variant in [None, Some("survive"), Some("mosaic")] {
        let m = loaded("japan-municipal-2027.toml", variant);
        let label = format!("japan-municipal-2027/{}", variant.unwrap_or("diversify"));
        g.bench_function(label, |b| {
            b.iter(|| black_box(solve(m.clone(), Microlp).unwrap()))
        });
    }
    g.finish();
}

fn sweep_and_monte_carlo(c: &mut Criterion) {
    let mut g = c.benchmark_group("analysis");
    g.sample_size(10);
    let arg = "policy.limits.any-provider.max_share=0.1..0.5"
        .parse()
        .unwrap();
    let axis = Axis::parse(&arg, 50).unwrap().unwrap();
    let path = scenario("japan-gov-2027.toml");
    g.bench_function("sweep-50-points", |b| {
        b.iter(|| {
            black_box(
                sweep(
                    &path,
                    &LoadOptions::new(Some("@cost"), &[]),
                    std::slice::from_ref(&axis),
                    Microlp,
                )
                .unwrap(),
            )
        })
    });
    let run = solve(loaded("japan-gov-2027.toml", None), Microlp).unwrap();
    g.bench_function("monte-carlo-100000", |b| {
        b.iter(|| black_box(monte_carlo(&run, 100_000, 1, true, Microlp).unwrap()))
    });
    g.bench_function("outages-exact", |b| {
        b.iter(|| black_box(monte_carlo(&run, 100_000, 1, false, Microlp).unwrap()))
    });
    g.finish();
}

criterion_group!(
    benches,
    load_and_validate,
    solve_scenarios,
    sweep_and_monte_carlo
);
criterion_main!(benches);
