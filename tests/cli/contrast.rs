//! Charts read in greyscale and by readers with low vision: every coloured
//! mark meets WCAG's 3:1 for graphics against the page and the pale track,
//! and two marks that touch meet 3:1 against each other (computed from the
//! SVG, as a reader's tool would).

use std::path::Path;

use crate::common::{scenarios, succeeds, tayoka};

/// WCAG relative luminance of `#rrggbb`.
fn luminance(hex: &str) -> f64 {
    let channel = |i: usize| {
        let c = f64::from(u8::from_str_radix(&hex[i..i + 2], 16).unwrap()) / 255.0;
        if c <= 0.03928 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5)
}

fn contrast(a: &str, b: &str) -> f64 {
    let (a, b) = (luminance(a), luminance(b));
    (a.max(b) + 0.05) / (a.min(b) + 0.05)
}

/// The page and the track behind bars: backgrounds, not marks.
const BACKGROUNDS: [&str; 2] = ["#ffffff", "#f3f4f6"];

struct Mark {
    x: f64,
    y: f64,
    w: f64,
    h: f64,
    fill: String,
}

fn marks(svg: &str) -> Vec<Mark> {
    let doc = roxmltree::Document::parse(svg).expect("SVG parses as XML");
    let num = |n: &roxmltree::Node, a: &str| n.attribute(a).map_or(0.0, |v| v.parse().unwrap());
    doc.descendants()
        .filter(|n| n.has_tag_name("rect"))
        .map(|n| Mark {
            x: num(&n, "x"),
            y: num(&n, "y"),
            w: num(&n, "width"),
            h: num(&n, "height"),
            fill: n.attribute("fill").unwrap().to_string(),
        })
        .filter(|m| !BACKGROUNDS.contains(&m.fill.as_str()))
        .collect()
}

/// Every failure of 3:1 in one chart, as readable lines.
fn failures(name: &str, svg: &str) -> Vec<String> {
    let marks = marks(svg);
    let mut out = Vec::new();
    for m in &marks {
        for back in BACKGROUNDS {
            let r = contrast(&m.fill, back);
            if r < 3.0 {
                out.push(format!("{name}: {} on {back} is {r:.2}:1", m.fill));
            }
        }
    }
    for a in &marks {
        for b in &marks {
            let same_row = (a.y - b.y).abs() < 0.01 && (a.h - b.h).abs() < 0.01;
            let touch = (a.x + a.w - b.x).abs() < 0.5;
            let r = contrast(&a.fill, &b.fill);
            if same_row && touch && a.fill != b.fill && r < 3.0 {
                out.push(format!(
                    "{name}: {} touches {} at {:.1}:1",
                    a.fill, b.fill, r
                ));
            }
        }
    }
    out.sort();
    out.dedup();
    out
}

fn charts_of(dir: &Path) -> Vec<(String, String)> {
    let mut svgs: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "svg"))
        .collect();
    svgs.sort();
    svgs.iter()
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().to_string();
            (name, std::fs::read_to_string(p).unwrap())
        })
        .collect()
}

#[test]
fn every_chart_of_every_command_meets_3_to_1_between_neighbours_and_against_the_page() {
    let dir = tempfile::tempdir().unwrap();
    let scenario = scenarios().join("japan-gov-2027.toml");
    let runs: [&[&str]; 7] = [
        &["stress", "--samples", "2000"],
        &["compare"],
        &["pathway", "--variant", "transition"],
        &[
            "sweep",
            "--set",
            "policy.limits.any-provider.max_share=0.1..0.5",
            "--steps",
            "5",
        ],
        &["frontier", "--x", "max_share:country", "--points", "6"],
        &["tradeoff", "--points", "6"],
        &["alternatives"],
    ];
    let mut seen = 0;
    let mut bad = Vec::new();
    for (k, args) in runs.iter().enumerate() {
        let out = dir.path().join(format!("run{k}"));
        succeeds(
            tayoka(dir.path())
                .arg(args[0])
                .arg(&scenario)
                .args(&args[1..])
                .arg("--out")
                .arg(&out),
        );
        for (name, svg) in charts_of(&out) {
            assert!(
                !marks(&svg).is_empty()
                    || name.starts_with("frontier")
                    || name.starts_with("tradeoff")
                    || name.starts_with("sweep"),
                "{name} has no marks"
            );
            seen += 1;
            bad.extend(failures(&format!("{} {name}", args[0]), &svg));
        }
    }
    assert!(seen >= 12, "only {seen} charts");
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

#[test]
fn the_check_finds_a_pale_mark_and_two_touching_look_alikes() {
    let svg = "<svg xmlns=\"http://www.w3.org/2000/svg\">\
        <rect x=\"0\" y=\"0\" width=\"10\" height=\"5\" fill=\"#56b4e9\"/>\
        <rect x=\"20\" y=\"0\" width=\"10\" height=\"5\" fill=\"#0072b2\"/>\
        <rect x=\"30\" y=\"0\" width=\"10\" height=\"5\" fill=\"#1a5a8a\"/></svg>";
    let found = failures("t", svg);
    assert!(
        found.iter().any(|f| f.contains("#56b4e9 on #ffffff")),
        "{found:?}"
    );
    assert!(
        found.iter().any(|f| f.contains("#0072b2 touches #1a5a8a")),
        "{found:?}"
    );
}
