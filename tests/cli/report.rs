//! Charts and the HTML report as an analyst receives them.

use crate::common;

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use common::{scenarios, tayoka};
use tayoka::scenario::{LoadOptions, load};

const CHARTS: [&str; 3] = ["allocation", "shares", "concentration"];

/// Solves `scenario` with `args` into a fresh folder; returns it.
fn solve(scenario: &Path, args: &[&str]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let result = tayoka(dir.path())
        .arg("solve")
        .arg(scenario)
        .arg("--out")
        .arg(&out)
        .args(args)
        .output()
        .unwrap();
    assert_eq!(
        result.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&result.stderr)
    );
    (dir, out)
}

struct Png {
    width: u32,
    height: u32,
    rgb: Vec<u8>,
}

impl Png {
    fn read(path: &Path) -> Png {
        let decoder = png::Decoder::new(std::fs::File::open(path).unwrap());
        let mut reader = decoder.read_info().unwrap();
        let mut buf = vec![0; reader.output_buffer_size()];
        let info = reader.next_frame(&mut buf).unwrap();
        buf.truncate(info.buffer_size());
        let rgb = match info.color_type {
            png::ColorType::Rgb => buf,
            png::ColorType::Rgba => buf.chunks(4).flat_map(|p| [p[0], p[1], p[2]]).collect(),
            other => panic!("unexpected colour type {other:?}"),
        };
        Png {
            width: info.width,
            height: info.height,
            rgb,
        }
    }

    fn distinct_colours(&self) -> usize {
        self.rgb
            .chunks(3)
            .map(|p| (p[0], p[1], p[2]))
            .collect::<HashSet<_>>()
            .len()
    }

    /// Pixels darker than mid-grey inside a rectangle.
    fn ink(&self, x0: u32, y0: u32, x1: u32, y1: u32) -> usize {
        let mut n = 0;
        for y in y0..y1.min(self.height) {
            for x in x0..x1.min(self.width) {
                let i = ((y * self.width + x) * 3) as usize;
                let lum = 0.299 * f32::from(self.rgb[i])
                    + 0.587 * f32::from(self.rgb[i + 1])
                    + 0.114 * f32::from(self.rgb[i + 2]);
                n += usize::from(lum < 128.0);
            }
        }
        n
    }
}

fn svg_size(svg: &str) -> (f64, f64) {
    let doc = roxmltree::Document::parse(svg).expect("SVG parses as XML");
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "svg");
    let num = |a: &str| root.attribute(a).unwrap().parse::<f64>().unwrap();
    (num("width"), num("height"))
}

#[test]
fn every_chart_is_written_as_svg_and_png_that_parse_and_are_not_blank() {
    let (_dir, out) = solve(&scenarios().join("japan-gov-2027.toml"), &[]);
    for name in CHARTS {
        let svg = std::fs::read_to_string(out.join(format!("{name}.svg"))).unwrap();
        let (w, h) = svg_size(&svg);
        assert!(svg.contains("<use href=\"#"), "{name}.svg draws no text");
        let png = Png::read(&out.join(format!("{name}.png")));
        // The PNG is the SVG's layout at twice the size.
        assert_eq!(
            (png.width, png.height),
            ((w * 2.0).ceil() as u32, (h * 2.0).ceil() as u32),
            "{name}"
        );
        assert!(
            png.distinct_colours() >= 8,
            "{name}.png has {} colours",
            png.distinct_colours()
        );
        assert!(
            png.ink(0, 0, png.width, png.height) > 5000,
            "{name}.png is nearly blank"
        );
    }
}

#[test]
fn the_report_is_self_contained_and_names_every_workload_and_provider() {
    let path = scenarios().join("japan-gov-2027.toml");
    let (_dir, out) = solve(&path, &["--variant", "aws-cut"]);
    let html = std::fs::read_to_string(out.join("report.html")).unwrap();
    let s = load(
        &path,
        &LoadOptions {
            variant: Some("aws-cut".into()),
            sets: Vec::new(),
            ..Default::default()
        },
    )
    .unwrap()
    .scenario;
    for w in &s.workloads {
        assert!(
            html.contains(&w.name.replace('&', "&amp;")),
            "workload {} missing",
            w.name
        );
    }
    for p in &s.providers {
        assert!(html.contains(&p.name), "provider {} missing", p.name);
    }
    assert!(!html.contains("http"), "the report links out");
    for external in ["<script", "<link", "<img", "src=", "@import", "url("] {
        assert!(!html.contains(external), "the report uses {external}");
    }
    assert_eq!(html.matches("<svg ").count(), 3, "three inline charts");
    // Scenario, variant, overrides, headline metrics, tables, run record.
    for part in [
        "Japan central government AI workloads, FY2027",
        "variant <strong>aws-cut</strong>",
        "<code>providers.aws.capacity = 0</code>",
        "Max provider and company share",
        "Home share (JP)",
        "Effective number of providers",
        "Mean sovereignty level",
        "<h2>Allocation</h2>",
        "<h2>Eligibility</h2>",
        "sovereignty 1 &lt; 3",
        "SHA-256",
        "microlp",
    ] {
        assert!(html.contains(part), "report lacks {part}");
    }
    // Glyph ids are unique across the inlined charts.
    let ids: Vec<&str> = html
        .match_indices(" id=\"")
        .map(|(i, _)| &html[i + 5..i + 5 + html[i + 5..].find('"').unwrap()])
        .collect();
    assert_eq!(ids.len(), ids.iter().collect::<HashSet<_>>().len());
}

#[test]
fn japanese_names_are_drawn_in_both_svg_and_png() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/japanese.toml");
    let s = load(&path, &LoadOptions::default()).unwrap().scenario;
    for name in s
        .workloads
        .iter()
        .map(|w| &w.name)
        .chain(s.providers.iter().map(|p| &p.name))
    {
        assert!(
            tayoka::chart::font::covers(name),
            "the font lacks a glyph of {name}"
        );
    }
    let (_dir, out) = solve(&path, &[]);
    let html = std::fs::read_to_string(out.join("report.html")).unwrap();
    for name in [
        "レセプト異常検知",
        "職員向け生成AIアシスタント",
        "さくらインターネット",
        "厚生労働省",
    ] {
        assert!(html.contains(name), "{name} missing from the report");
    }
    // In the SVG, each of the 8 characters of the name is one placed glyph.
    let svg = std::fs::read_to_string(out.join("allocation.svg")).unwrap();
    let at = svg
        .find("<g aria-label=\"レセプト異常検知\"")
        .expect("the label is drawn");
    let group = &svg[at..at + svg[at..].find("</g>").unwrap()];
    assert_eq!(group.matches("<use ").count(), 8, "{group}");

    // In the PNG, the label column holds real glyphs: far more ink than the
    // same chart with one-letter names.
    let (_dir2, plain) = solve(
        &path,
        &[
            "--set",
            "workloads.mhlw.name=x",
            "--set",
            "workloads.digital.name=x",
        ],
    );
    let label_ink = |dir: &Path| {
        let png = Png::read(&dir.join("allocation.png"));
        // Label column (24..314 px) over the two rows (80..168 px), at 2x.
        png.ink(48, 160, 628, 336)
    };
    let (jp, x) = (label_ink(&out), label_ink(&plain));
    assert!(
        jp > 1500 && jp > 3 * x,
        "Japanese labels drew {jp} dark pixels, one-letter names {x}"
    );
}

#[test]
fn no_charts_skips_the_chart_files_but_keeps_the_report() {
    let (_dir, out) = solve(&scenarios().join("minimal.toml"), &["--no-charts"]);
    for name in CHARTS {
        assert!(
            !out.join(format!("{name}.svg")).exists() && !out.join(format!("{name}.png")).exists()
        );
    }
    let html = std::fs::read_to_string(out.join("report.html")).unwrap();
    assert!(!html.contains("<svg") && html.contains("<h2>Allocation</h2>"));
}

/// A Chromium-family browser on PATH, or `TAYOKA_BROWSER`.
fn browser() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("TAYOKA_BROWSER") {
        return Some(PathBuf::from(p));
    }
    let path = std::env::var_os("PATH")?;
    [
        "chromium",
        "chromium-browser",
        "google-chrome",
        "google-chrome-stable",
    ]
    .iter()
    .flat_map(|name| std::env::split_paths(&path).map(move |d| d.join(name)))
    .find(|p| p.is_file())
}

/// A headless Chromium screenshot of `html` at 1100 x `height`.
fn screenshot(browser: &Path, html: &Path, height: u32) -> Png {
    let dir = tempfile::tempdir().unwrap();
    let shot = dir.path().join("shot.png");
    let profile = dir.path().join("profile");
    let status = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
        ])
        .arg(format!("--window-size=1100,{height}"))
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg(format!("--screenshot={}", shot.display()))
        .arg(format!("file://{}", html.display()))
        .output()
        .unwrap();
    assert!(
        shot.is_file(),
        "no screenshot: {}",
        String::from_utf8_lossy(&status.stderr)
    );
    Png::read(&shot)
}

#[test]
fn a_real_browser_renders_the_report_in_both_languages() {
    let Some(browser) = browser() else {
        eprintln!(
            "skipped: no Chromium found on PATH (install Debian's `chromium`, or set TAYOKA_BROWSER)"
        );
        return;
    };
    for lang in ["en", "ja"] {
        let (_dir, out) = solve(&scenarios().join("japan-gov-2027.toml"), &["--lang", lang]);
        let png = screenshot(&browser, &out.join("report.html"), 1600);
        assert_eq!((png.width, png.height), (1100, 1600));
        // Text, cards and the allocation chart's coloured bars are on screen.
        assert!(
            png.distinct_colours() > 50,
            "{lang}: screenshot has {} colours",
            png.distinct_colours()
        );
        let ink = png.ink(0, 0, png.width, png.height);
        assert!(
            ink > 20_000,
            "{lang}: screenshot is nearly blank ({ink} dark pixels)"
        );
    }
}

/// Japanese headings render as glyphs, not as the boxes a browser draws for
/// characters no font has: two different words look different with the
/// report's own style (its font list names the fonts that have them).
#[test]
fn a_real_browser_draws_the_japanese_reports_text() {
    let Some(browser) = browser() else {
        eprintln!("skipped: no Chromium found on PATH");
        return;
    };
    let (dir, out) = solve(&scenarios().join("japan-gov-2027.toml"), &["--lang", "ja"]);
    let report = std::fs::read_to_string(out.join("report.html")).unwrap();
    assert!(report.contains("<html lang=\"ja\">"));
    let head = &report[..report.find("<body>").unwrap()];
    let shots: Vec<Png> = ["主要指標", "配分制限"]
        .iter()
        .enumerate()
        .map(|(i, word)| {
            let page = dir.path().join(format!("word{i}.html"));
            std::fs::write(
                &page,
                format!("{head}<body><main><h1>{word}</h1></main></body></html>"),
            )
            .unwrap();
            screenshot(&browser, &page, 200)
        })
        .collect();
    assert!(shots[0].ink(0, 0, 1100, 200) > 200, "the heading is drawn");
    assert_ne!(
        shots[0].rgb, shots[1].rgb,
        "two Japanese words render the same: the browser has no font for them (install fonts-ipaexfont-gothic or fonts-noto-cjk)"
    );
}

/// The text of every `aria-label` in an SVG, in drawing order.
fn labels(svg: &str) -> Vec<String> {
    let doc = roxmltree::Document::parse(svg).expect("SVG parses as XML");
    doc.descendants()
        .filter_map(|n| n.attribute("aria-label").map(str::to_string))
        .collect()
}

#[test]
fn allocation_segments_name_their_provider_in_the_legends_order() {
    let (_dir, out) = solve(&scenarios().join("japan-gov-2027.toml"), &[]);
    let svg = std::fs::read_to_string(out.join("allocation.svg")).unwrap();
    let drawn = labels(&svg);
    let csv = std::fs::read_to_string(out.join("allocation.csv")).unwrap();
    let s = load(
        &scenarios().join("japan-gov-2027.toml"),
        &LoadOptions::default(),
    )
    .unwrap()
    .scenario;
    // Legend order: Japanese providers first, then the others, each by id.
    let rank = |id: &str| {
        let p = &s.providers[s.provider_index(id).unwrap()];
        (p.country != s.meta.home, p.country.clone(), p.id.clone())
    };
    let mut by_workload: std::collections::BTreeMap<String, Vec<(String, f64)>> =
        Default::default();
    for line in csv.lines().skip(1) {
        let f: Vec<&str> = line.split(',').collect();
        by_workload
            .entry(f[0].to_string())
            .or_default()
            .push((f[1].to_string(), f[3].parse().unwrap()));
    }
    for (w, mut row) in by_workload {
        row.sort_by_key(|(p, _)| rank(p));
        // A segment of half a bar or more holds its provider's name and
        // share, as allocation.csv has them; the bar's segments come in
        // the legend's order.
        let named: Vec<String> = row
            .iter()
            .filter(|(_, f)| *f >= 0.5)
            .map(|(p, f)| format!("{p} {}", tayoka::base::units::percent(*f)))
            .collect();
        for label in &named {
            assert!(
                drawn.contains(label),
                "{w}: no segment `{label}` in {drawn:?}"
            );
        }
        let positions: Vec<usize> = row
            .iter()
            .filter_map(|(p, f)| {
                let label = format!("{p} {}", tayoka::base::units::percent(*f));
                drawn.iter().position(|d| *d == label)
            })
            .collect();
        assert!(
            positions.windows(2).all(|p| p[0] < p[1]),
            "{w}: {positions:?}"
        );
    }
    // The subtitle no longer puts a unit of demand over a percentage axis.
    assert!(
        !drawn.iter().any(|l| l.contains("thousand GPU-hours")),
        "{drawn:?}"
    );
}

#[test]
fn the_shares_chart_labels_every_limit_and_the_critical_floor() {
    let (_dir, out) = solve(&scenarios().join("japan-gov-2027.toml"), &[]);
    let svg = std::fs::read_to_string(out.join("shares.svg")).unwrap();
    let drawn = labels(&svg);
    assert!(
        drawn.contains(&"Limits: max 35% each (any-provider)".to_string()),
        "{drawn:?}"
    );
    // The critical workloads' JP share, recomputed from allocation.csv.
    let s = load(
        &scenarios().join("japan-gov-2027.toml"),
        &LoadOptions::default(),
    )
    .unwrap()
    .scenario;
    let csv = std::fs::read_to_string(out.join("allocation.csv")).unwrap();
    let (mut jp, mut all) = (0.0, 0.0);
    for line in csv.lines().skip(1) {
        let f: Vec<&str> = line.split(',').collect();
        let w = &s.workloads[s.workloads.iter().position(|w| w.id == f[0]).unwrap()];
        if !w.critical {
            continue;
        }
        let amount: f64 = f[2].parse().unwrap();
        all += w.weight * amount;
        if s.providers[s.provider_index(f[1]).unwrap()].country == "JP" {
            jp += w.weight * amount;
        }
    }
    let note = format!(
        "Limits: critical workloads: min 50% JP (critical-domestic), now {}; min 30% JP (domestic-floor); max 60% US (us)",
        tayoka::base::units::percent(jp / all)
    );
    assert!(drawn.contains(&note), "{note} not in {drawn:?}");
}

#[test]
fn every_plan_chart_describes_its_key_figures_as_metrics_json_has_them() {
    let (_dir, out) = solve(&scenarios().join("japan-gov-2027.toml"), &[]);
    let metrics: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("metrics.json")).unwrap()).unwrap();
    let pct = |x: &serde_json::Value| tayoka::base::units::percent(x.as_f64().unwrap());
    // Every tied holder is named, as metrics.json lists them (five at 12.4%
    // on the base plan).
    let top = &metrics["max_share"]["provider"];
    let holders: Vec<&str> = top["holders"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h.as_str().unwrap())
        .collect();
    assert_eq!(holders, ["aws", "kddi", "oracle", "sakura", "softbank"]);
    assert_eq!(top["value"], "aws");
    let largest = format!(
        "provider {} (aws, kddi, oracle, sakura, softbank)",
        pct(&top["share"])
    );
    let home = format!("Home (JP) share {}", pct(&metrics["home_share"]));
    let desc = |name: &str| {
        let svg = std::fs::read_to_string(out.join(format!("{name}.svg"))).unwrap();
        let doc = roxmltree::Document::parse(&svg).unwrap();
        doc.descendants()
            .find(|n| n.has_tag_name("desc"))
            .and_then(|n| n.text())
            .unwrap_or_else(|| panic!("{name}.svg has no <desc>"))
            .to_string()
    };
    for name in ["allocation", "shares"] {
        let d = desc(name);
        assert!(d.contains(&largest) && d.contains(&home), "{name}: {d}");
    }
    let n = metrics["effective_number"]["provider"].as_f64().unwrap();
    assert!(desc("concentration").contains(&format!("provider {n:.2}")));
}
