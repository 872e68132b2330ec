//! What each fuzz target does with its bytes. A panic anywhere here is a
//! finding; an error returned by tayoka is the expected answer to bad input.

use std::fmt::Write;
use std::path::Path;

use tayoka::base::error::Error;
use tayoka::model::backend::SolverKind;
use tayoka::scenario::{LoadOptions, load_str};

use crate::checker;

/// Any bytes as a scenario file: the base scenario and every variant load to
/// a scenario or to located errors that render; eligibility and the
/// structural checks run on whatever loads.
pub fn load_validate(data: &[u8]) {
    let text = String::from_utf8_lossy(data).into_owned();
    let path = Path::new("fuzz.toml");
    let base = match load_str(path, text.clone(), &LoadOptions::default()) {
        Ok(loaded) => loaded,
        Err(e) => {
            render(&e);
            return;
        }
    };
    inspect(&base);
    for name in base.scenario.variants.keys() {
        match load_str(path, text.clone(), &LoadOptions::new(Some(name), &[])) {
            Ok(loaded) => inspect(&loaded),
            Err(e) => render(&e),
        }
    }
}

fn inspect(loaded: &tayoka::scenario::Loaded) {
    let eligibility = tayoka::scenario::eligibility::Eligibility::compute(&loaded.scenario);
    for cause in tayoka::solve::infeasible::structural_causes(loaded, &eligibility) {
        let _ = format!("{cause:?}");
    }
}

/// Errors must render (the renderer indexes into the source by span).
fn render(e: &Error) {
    let _ = e.to_string();
}

/// Bytes drive [`tiny_scenario`]; the scenario is solved and a plan must
/// pass the independent rule checker, an infeasible one must come with a
/// diagnosis.
pub fn solve_tiny(data: &[u8]) {
    let text = tiny_scenario(data);
    let loaded = match load_str(Path::new("tiny.toml"), text, &LoadOptions::default()) {
        Ok(loaded) => loaded,
        Err(e) => {
            render(&e);
            return;
        }
    };
    match tayoka::solve::solve(loaded, SolverKind::Microlp) {
        Ok(plan) => {
            let rows = checker::rows_of(&plan);
            checker::check(plan.scenario(), &rows);
        }
        // A tiny model the solver cannot finish is a finding, not an answer.
        Err(e @ (Error::Solver(_) | Error::TimeLimit(_))) => panic!("{e}"),
        Err(e) => render(&e),
    }
}

/// Reads the fuzzer's bytes as small choices; past the end every choice is 0.
struct Choices<'a>(&'a [u8]);

impl Choices<'_> {
    fn byte(&mut self) -> u8 {
        match self.0.split_first() {
            Some((&b, rest)) => {
                self.0 = rest;
                b
            }
            None => 0,
        }
    }
    fn below(&mut self, n: u8) -> u8 {
        self.byte() % n
    }
    fn flag(&mut self) -> bool {
        self.byte() & 1 == 1
    }
    fn pick<'s>(&mut self, from: &[&'s str]) -> &'s str {
        from[usize::from(self.byte()) % from.len()]
    }
}

const COUNTRIES: [&str; 3] = ["JP", "US", "FR"];
const QUALITIES: [&str; 4] = ["0.5", "0.7", "0.8", "1.0"];
const DIMENSIONS: [&str; 4] = ["provider", "company", "country", "group"];
const DATA: [&str; 3] = ["medical", "tax", "family"];

/// A valid-looking scenario of 1-4 providers and 1-4 workloads whose every
/// field (classes, limits, survive, integer rules, lock-in, objectives) is
/// chosen by the bytes, so that the fuzzer explores the model rather than
/// the TOML parser.
pub fn tiny_scenario(data: &[u8]) -> String {
    let mut c = Choices(data);
    let mut t = String::from("[scenario]\nname = \"tiny\"\nhome = \"JP\"\n\n");
    t.push_str("[countries.JP]\noutage = 0.01\n[countries.US]\noutage = 0.02\n\n");
    t.push_str("[classes.open]\n[classes.secure]\ncertifications = [\"ISMAP\"]\n");
    let _ = writeln!(
        t,
        "min_sovereignty = {}\nresidency = [\"JP\"]\ndomestic_only = {}\n",
        c.below(5),
        c.flag()
    );
    let providers = 1 + usize::from(c.below(4));
    for p in 0..providers {
        let _ = writeln!(t, "[providers.p{p}]");
        let _ = writeln!(t, "company = \"c{}\"", c.below(3));
        let _ = writeln!(t, "country = \"{}\"", c.pick(&COUNTRIES));
        let _ = writeln!(t, "regions = [\"{}\"]", c.pick(&COUNTRIES));
        let _ = writeln!(t, "capacity = {}", u32::from(c.byte()) * 2);
        let _ = writeln!(t, "price = {}", 1 + c.below(9));
        let _ = writeln!(t, "sovereignty = {}", c.below(5));
        if c.flag() {
            t.push_str("certifications = [\"ISMAP\"]\n");
        }
        let _ = write!(t, "capabilities = {{ llm = {}", c.pick(&QUALITIES));
        if c.flag() {
            let _ = write!(t, ", gpu = {}", c.pick(&QUALITIES));
        }
        t.push_str(" }\n");
        let _ = writeln!(t, "tags = {{ group = \"g{}\" }}", c.below(2));
        let _ = writeln!(
            t,
            "surge = {}\noutage = 0.0{}\nexit_cost = {}\n",
            f64::from(c.below(4)) / 10.0,
            c.below(9),
            c.below(3)
        );
    }
    let workloads = 1 + usize::from(c.below(4));
    for w in 0..workloads {
        let _ = writeln!(t, "[workloads.w{w}]");
        let _ = writeln!(
            t,
            "capability = \"{}\"",
            ["llm", "gpu"][usize::from(c.below(2))]
        );
        let _ = writeln!(t, "min_quality = {}", c.pick(&QUALITIES));
        let _ = writeln!(t, "demand = {}", 1 + u32::from(c.byte()));
        let _ = writeln!(
            t,
            "class = \"{}\"",
            ["open", "secure"][usize::from(c.below(2))]
        );
        let _ = writeln!(t, "critical = {}", c.flag());
        let _ = writeln!(t, "priority = {}", 1 + c.below(3));
        let _ = writeln!(t, "weight = {}", 1 + c.below(2));
        if c.flag() {
            let _ = writeln!(t, "data = [\"{}\"]", c.pick(&DATA));
        }
        match c.below(8) {
            0 => {
                let _ = writeln!(t, "max_provider_fraction = 0.{}", 3 + c.below(7));
            }
            1 => {
                let _ = writeln!(t, "min_providers = {}", 1 + c.below(3));
            }
            2 => {
                let _ = writeln!(t, "max_providers = {}", 1 + c.below(2));
            }
            3 => {
                let _ = writeln!(
                    t,
                    "exclude = [\"p{}\"]",
                    c.below(4).min(providers as u8 - 1)
                );
            }
            _ => {}
        }
        if c.flag() {
            let p = usize::from(c.byte()) % providers;
            let _ = writeln!(t, "current = {{ p{p} = 1.0 }}");
        }
        t.push('\n');
    }
    t.push_str("[policy]\n");
    let objective = c.pick(&["diversify", "sovereignty", "cost", "resilience"]);
    let _ = writeln!(t, "objective = \"{objective}\"");
    let dims: Vec<String> = DIMENSIONS
        .iter()
        .filter(|_| c.flag())
        .map(|d| format!("\"{d}\""))
        .collect();
    if !dims.is_empty() {
        let _ = writeln!(t, "diversify = [{}]", dims.join(", "));
    }
    let _ = writeln!(t, "count_home = {}", c.flag());
    let _ = writeln!(t, "tie_break = \"{}\"", c.pick(&["cost", "balance"]));
    if c.flag() {
        let _ = writeln!(t, "budget = {}", u32::from(c.byte()) * 20);
    }
    if c.below(4) == 0 {
        let _ = writeln!(t, "min_allocation_fraction = 0.{}", 1 + c.below(4));
    }
    if c.below(4) == 0 {
        let _ = writeln!(t, "mosaic_max_categories = {}", c.below(3));
    }
    if c.below(4) == 0 {
        let _ = writeln!(t, "max_change = 0.{}", c.below(10));
    }
    let limits = c.below(3);
    for l in 0..limits {
        let dim = c.pick(&DIMENSIONS);
        let _ = writeln!(t, "[policy.limits.l{l}]\ndimension = \"{dim}\"");
        if c.flag() {
            let value = match dim {
                "provider" => format!("p{}", c.below(providers as u8)),
                "company" => format!("c{}", c.below(3)),
                "country" => c.pick(&COUNTRIES).to_string(),
                _ => format!("g{}", c.below(2)),
            };
            let _ = writeln!(t, "value = \"{value}\"");
            if c.flag() {
                let _ = writeln!(t, "min_share = 0.{}", c.below(10));
            }
        }
        let _ = writeln!(t, "max_share = {}", f64::from(1 + c.below(10)) / 10.0);
        if c.flag() {
            t.push_str("scope = \"critical\"\n");
        }
    }
    if c.below(4) == 0 || objective == "resilience" && c.flag() {
        let dims: Vec<String> = DIMENSIONS[..3]
            .iter()
            .filter(|_| c.flag())
            .map(|d| format!("\"{d}\""))
            .collect();
        let _ = writeln!(
            t,
            "[policy.survive]\ndimensions = [{}]\nmin_served = 0.{}",
            dims.join(", "),
            c.below(10)
        );
    }
    t
}

/// Bytes become the names a plan shows (the scenario's title, each
/// provider's and workload's name, in English and Japanese): every chart of
/// the plan and of its stress test must parse as XML, and neither they nor
/// the report may carry a raw control or bidirectional character, in
/// either language.
pub fn render_names(data: &[u8]) {
    let parts: Vec<String> = data
        .split(|&b| b == 0xff)
        .map(|p| String::from_utf8_lossy(p).into_owned())
        .collect();
    let name = |i: usize| {
        let s = parts.get(i % parts.len().max(1)).map_or("", String::as_str);
        toml::Value::String(s.to_string()).to_string()
    };
    let text = format!(
        "[scenario]\nname = \"names\"\nhome = \"JP\"\ntitle = {}\ntitle_ja = {}\n\n\
         [providers.a]\nname = {}\nname_ja = {}\ncompany = {}\ncountry = \"JP\"\ncapacity = 60\nprice = 1\ncapabilities = {{ llm = 1 }}\n\n\
         [providers.b]\nname = {}\ncountry = \"US\"\ncapacity = 60\nprice = 2\ncapabilities = {{ llm = 1 }}\n\n\
         [workloads.w]\nname = {}\nname_ja = {}\nowner = {}\ncapability = \"llm\"\ndemand = 50\n\n\
         [workloads.v]\nname = {}\ncapability = \"llm\"\ndemand = 40\ncritical = true\n",
        name(0),
        name(1),
        name(2),
        name(3),
        name(4),
        name(5),
        name(6),
        name(7),
        name(8),
        name(9),
    );
    for lang in [tayoka::base::lang::Lang::En, tayoka::base::lang::Lang::Ja] {
        let opts = LoadOptions::default().with_lang(Some(lang));
        let loaded = match load_str(Path::new("names.toml"), text.clone(), &opts) {
            Ok(loaded) => loaded,
            Err(e) => {
                render(&e);
                continue;
            }
        };
        let run = tayoka::solve::solve(loaded, SolverKind::Microlp).expect("a plan");
        let plan = tayoka::report::PlanOutput::new(&run);
        shown_safely(&plan);
        let dims = run.scenario().policy.survive_dimensions();
        let results = tayoka::analysis::stress::plan_cutoffs(&run, &dims, SolverKind::Microlp)
            .expect("cut-offs");
        shown_safely(&tayoka::report::StressOutput {
            plan: tayoka::report::PlanOutput::new(&run),
            results: &results,
            monte_carlo: None,
        });
    }
}

/// Every chart of `output` parses as XML; no chart, report or terminal
/// text holds a character that would be obeyed rather than seen.
fn shown_safely(output: &dyn tayoka::report::Output) {
    let raw = |text: &str| text.chars().find(|&c| tayoka::base::text::is_unsafe(c));
    let charts = output.charts();
    for chart in &charts {
        let svg = tayoka::chart::render_svg(chart.as_ref());
        if let Err(e) = roxmltree::Document::parse(&svg) {
            panic!("{}.svg is not well-formed XML: {e}", chart.name());
        }
        assert_eq!(raw(&svg), None, "{}.svg", chart.name());
    }
    let report = output.report(&charts);
    assert_eq!(raw(&report), None, "report.html");
    let terminal = output.terminal();
    assert_eq!(
        raw(&tayoka::cli::ui::printable(&terminal)),
        None,
        "terminal"
    );
}
