//! Writes `scenarios/data/municipal-workloads.csv` for the bundled
//! `japan-municipal-2027` scenario: every municipality times the 20
//! standardised core business systems.
//!
//!     cargo run --release --example make-municipal
//!
//! Facts (F): Japan has 1,741 municipalities in 47 prefectures; they must move
//! their 20 standardised core business systems (基幹業務システム) onto the
//! Government Cloud; 823 of the 862 municipalities on it by March 2025 used AWS.
//! Assumptions (A): real per-municipality populations are not available
//! offline, so populations are synthetic: a log-normal spread (median about
//! 25,000, a long tail of cities), scaled to about 124 million in all and
//! dealt to the prefectures round-robin. Demand per system is a base load plus
//! a load per resident; today's split puts 95% of municipalities on AWS.
//! The same seed gives the same file.

use std::fmt::Write as _;

use tayoka::analysis::stress::SplitMix64;

const PREFECTURES: [&str; 47] = [
    "Hokkaido",
    "Aomori",
    "Iwate",
    "Miyagi",
    "Akita",
    "Yamagata",
    "Fukushima",
    "Ibaraki",
    "Tochigi",
    "Gunma",
    "Saitama",
    "Chiba",
    "Tokyo",
    "Kanagawa",
    "Niigata",
    "Toyama",
    "Ishikawa",
    "Fukui",
    "Yamanashi",
    "Nagano",
    "Gifu",
    "Shizuoka",
    "Aichi",
    "Mie",
    "Shiga",
    "Kyoto",
    "Osaka",
    "Hyogo",
    "Nara",
    "Wakayama",
    "Tottori",
    "Shimane",
    "Okayama",
    "Hiroshima",
    "Yamaguchi",
    "Tokushima",
    "Kagawa",
    "Ehime",
    "Kochi",
    "Fukuoka",
    "Saga",
    "Nagasaki",
    "Kumamoto",
    "Oita",
    "Miyazaki",
    "Kagoshima",
    "Okinawa",
];

/// The 20 standardised systems: code, English name, data category, critical,
/// base load and load per 100,000 residents (compute units a year, A).
const SYSTEMS: [(&str, &str, &str, bool, f64, f64); 20] = [
    (
        "juki",
        "Resident registry",
        "resident-registry",
        true,
        0.02,
        0.60,
    ),
    (
        "senkyo",
        "Electoral roll",
        "resident-registry",
        false,
        0.01,
        0.10,
    ),
    ("kotei", "Fixed-asset tax", "tax", false, 0.02, 0.35),
    ("kojin", "Individual resident tax", "tax", false, 0.02, 0.45),
    ("hojin", "Corporate resident tax", "tax", false, 0.01, 0.15),
    ("keijidosha", "Light-vehicle tax", "tax", false, 0.01, 0.08),
    (
        "koseki",
        "Family register",
        "family-register",
        true,
        0.02,
        0.40,
    ),
    (
        "fuhyo",
        "Family-register attachment",
        "family-register",
        false,
        0.01,
        0.08,
    ),
    (
        "inkan",
        "Seal registration",
        "resident-registry",
        false,
        0.01,
        0.06,
    ),
    (
        "kokuho",
        "National health insurance",
        "health",
        false,
        0.02,
        0.50,
    ),
    ("nenkin", "National pension", "pension", false, 0.01, 0.20),
    ("shogai", "Disability welfare", "welfare", false, 0.01, 0.20),
    (
        "koki",
        "Late-stage elderly medical care",
        "health",
        false,
        0.02,
        0.30,
    ),
    (
        "kaigo",
        "Long-term care insurance",
        "welfare",
        false,
        0.02,
        0.45,
    ),
    (
        "jido-teate",
        "Child allowance",
        "welfare",
        false,
        0.01,
        0.12,
    ),
    ("seiho", "Public assistance", "welfare", true, 0.01, 0.25),
    ("kenko", "Health management", "health", false, 0.01, 0.20),
    (
        "shugaku",
        "School enrolment",
        "education",
        false,
        0.01,
        0.10,
    ),
    (
        "fuyo",
        "Child-rearing allowance",
        "welfare",
        false,
        0.01,
        0.05,
    ),
    (
        "kosodate",
        "Child and childcare support",
        "welfare",
        false,
        0.01,
        0.15,
    ),
];

const MUNICIPALITIES: usize = 1741;
const POPULATION: f64 = 124.0e6;

fn main() {
    let mut rng = SplitMix64::new(2027);
    // Log-normal populations: exp(mu + sigma * z), z from Box-Muller.
    let mut raw: Vec<f64> = (0..MUNICIPALITIES)
        .map(|_| {
            let (u1, u2) = (rng.next_f64().max(1e-12), rng.next_f64());
            let z = (-2.0 * u1.ln()).sqrt() * (2.0 * std::f64::consts::PI * u2).cos();
            (10.1 + 1.35 * z).exp()
        })
        .collect();
    let total: f64 = raw.iter().sum();
    raw.iter_mut()
        .for_each(|p| *p = (*p * POPULATION / total).max(200.0).round());
    let mut csv =
        String::from("id,name,owner,capability,min_quality,demand,class,data,critical,current\n");
    for (m, population) in raw.iter().enumerate() {
        let prefecture = PREFECTURES[m % PREFECTURES.len()];
        let owner = format!(
            "{prefecture} municipality {:04} (pop. {})",
            m + 1,
            *population as u64
        );
        // Today's split (A): 95% on AWS, the rest on Oracle, Azure or Google.
        let draw = rng.next_f64();
        let current = match draw {
            d if d < 0.95 => "aws:1",
            d if d < 0.97 => "oracle:1",
            d if d < 0.985 => "azure:1",
            _ => "google:1",
        };
        for (code, name, data, critical, base, per_100k) in SYSTEMS {
            let demand = base + per_100k * population / 100_000.0;
            let _ = writeln!(
                csv,
                "m{:04}-{code},{name},{owner},iaas,0.6,{demand:.4},municipal,{data},{critical},{current}",
                m + 1
            );
        }
    }
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/scenarios/data/municipal-workloads.csv"
    );
    std::fs::write(path, csv).expect("write the CSV");
    eprintln!("wrote {path}: {} workloads", MUNICIPALITIES * SYSTEMS.len());
}
