//! The shape of the library, checked on its source: modules import only
//! their own layer or the layers below, no file imports another that
//! (through others) imports it back, and no file outgrows one head.
//!
//! A module's imports are its `crate::` and `super::` paths outside its
//! `#[cfg(test)]` tail; a folder's `mod.rs` declaring and re-exporting its
//! own children is its interface, not an import.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Top-level modules by layer, lowest first. README "Layout" explains each.
const LAYERS: &[&[&str]] = &[
    // values every layer uses: numbers and texts for people, languages, errors,
    // located messages, the diagnosis value, atomic writing
    &["base"],
    // the input: the scenario, its schema, which provider may serve what
    &["scenario"],
    // the results as data: a plan's allocation and its metrics
    &["plan"],
    // the one programme and its engines
    &["model"],
    // scenario to plan: merging, crossover, cut-offs, marginals, diagnosis
    &["solve"],
    // analyses built on solves: they return data
    &["analysis"],
    // presentation: charts, then reports (which embed charts)
    &["chart"],
    &["report"],
    // the local what-if page and its API, over plans and reports
    &["serve"],
    // the command line
    &["cli"],
];

/// Only these stand loose in `src/`; every other file is in its layer's folder.
const LOOSE: &[&str] = &["lib", "main"];

const MAX_LINES: usize = 800;

struct Source {
    module: String,
    is_dir: bool,
    text: String,
    lines: usize,
}

fn sources() -> Vec<Source> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut out = Vec::new();
    let mut stack = vec![root.clone()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            if path.extension().is_none_or(|e| e != "rs") {
                continue;
            }
            let rel = path.strip_prefix(&root).unwrap().with_extension("");
            let parts: Vec<String> = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            let (module, is_dir) = match parts.last().map(String::as_str) {
                Some("lib") | Some("main") if parts.len() == 1 => (String::new(), true),
                Some("mod") => (parts[..parts.len() - 1].join("::"), true),
                _ => (parts.join("::"), false),
            };
            let full = std::fs::read_to_string(&path).unwrap();
            if parts == ["main"] {
                continue; // the binary: it uses the library by its name
            }
            let code = full.split("#[cfg(test)]").next().unwrap_or("");
            let text: String = code
                .lines()
                .map(|l| l.split("//").next().unwrap_or(""))
                .collect::<Vec<_>>()
                .join("\n");
            out.push(Source {
                module,
                is_dir,
                text,
                lines: full.lines().count(),
            });
        }
    }
    out
}

/// The paths after each `crate::` or `super::`, one level of `{...}` expanded.
fn paths(text: &str) -> Vec<(bool, Vec<String>)> {
    let mut out = Vec::new();
    for (kw, is_super) in [("crate::", false), ("super::", true)] {
        let mut rest = text;
        while let Some(i) = rest.find(kw) {
            let before = rest[..i].chars().last();
            rest = &rest[i + kw.len()..];
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':') {
                continue;
            }
            let (head, tail) = segments(rest);
            if let Some(group) = tail.strip_prefix('{') {
                let inner = &group[..group.find('}').unwrap_or(group.len())];
                for item in inner.split(',') {
                    let (sub, _) = segments(item.trim());
                    let mut p = head.clone();
                    p.extend(sub);
                    out.push((is_super, p));
                }
            } else {
                out.push((is_super, head));
            }
        }
    }
    out
}

/// Identifiers joined by `::` at the start of `s`, and what follows them.
fn segments(s: &str) -> (Vec<String>, &str) {
    let mut segs = Vec::new();
    let mut rest = s;
    loop {
        let end = rest
            .find(|c: char| !(c.is_alphanumeric() || c == '_'))
            .unwrap_or(rest.len());
        if end == 0 {
            break;
        }
        segs.push(rest[..end].to_string());
        rest = &rest[end..];
        match rest.strip_prefix("::") {
            Some(r) => rest = r,
            None => break,
        }
    }
    (segs, rest)
}

fn parent(module: &str) -> String {
    module
        .rsplit_once("::")
        .map_or(String::new(), |(p, _)| p.to_string())
}

/// File-level imports: module -> the modules (files) it uses.
fn imports(sources: &[Source]) -> BTreeMap<String, BTreeSet<String>> {
    let modules: BTreeSet<&str> = sources.iter().map(|s| s.module.as_str()).collect();
    let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for src in sources {
        let edges = edges.entry(src.module.clone()).or_default();
        for (is_super, p) in paths(&src.text) {
            let base: Vec<String> = if is_super {
                let sup = parent(&src.module);
                sup.split("::")
                    .filter(|s| !s.is_empty())
                    .map(String::from)
                    .collect()
            } else {
                Vec::new()
            };
            let full: Vec<String> = base.into_iter().chain(p).collect();
            // The longest prefix that is a file of its own.
            let target = (1..=full.len())
                .rev()
                .map(|n| full[..n].join("::"))
                .find(|m| modules.contains(m.as_str()));
            if let Some(t) = target
                && t != src.module
                // A folder's own children are its interface.
                && !(src.is_dir && parent(&t) == src.module)
            {
                edges.insert(t);
            }
        }
    }
    edges
}

fn layer(module: &str) -> Option<usize> {
    let top = module.split("::").next().unwrap_or("");
    LAYERS.iter().position(|l| l.contains(&top))
}

#[test]
fn every_module_has_a_layer() {
    for src in sources() {
        if src.module.is_empty() {
            continue;
        }
        assert!(
            layer(&src.module).is_some(),
            "module `{}` is in no layer of tests/library/architecture.rs",
            src.module
        );
    }
}

#[test]
fn modules_import_only_their_layer_and_the_layers_below() {
    let mut wrong = Vec::new();
    for (from, tos) in imports(&sources()) {
        let Some(lf) = layer(&from) else { continue };
        for to in tos {
            if let Some(lt) = layer(&to)
                && lt > lf
            {
                wrong.push(format!("{from} (layer {lf}) imports {to} (layer {lt})"));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "imports that go up:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn no_import_circle_between_files() {
    let edges = imports(&sources());
    // Depth-first search; a grey node met again closes a circle.
    fn visit(
        n: &str,
        edges: &BTreeMap<String, BTreeSet<String>>,
        state: &mut BTreeMap<String, u8>,
        path: &mut Vec<String>,
    ) -> Option<Vec<String>> {
        state.insert(n.to_string(), 1);
        path.push(n.to_string());
        for m in edges.get(n).into_iter().flatten() {
            match state.get(m.as_str()).copied().unwrap_or(0) {
                1 => {
                    let start = path.iter().position(|p| p == m).unwrap();
                    let mut circle = path[start..].to_vec();
                    circle.push(m.clone());
                    return Some(circle);
                }
                0 => {
                    if let Some(c) = visit(m, edges, state, path) {
                        return Some(c);
                    }
                }
                _ => {}
            }
        }
        path.pop();
        state.insert(n.to_string(), 2);
        None
    }
    let mut state = BTreeMap::new();
    for n in edges.keys() {
        if state.get(n.as_str()).copied().unwrap_or(0) == 0
            && let Some(circle) = visit(n, &edges, &mut state, &mut Vec::new())
        {
            panic!("import circle: {}", circle.join(" -> "));
        }
    }
}

#[test]
fn the_checker_sees_imports_and_circles() {
    let a = Source {
        module: "model".into(),
        is_dir: true,
        text: "use crate::plan::{Solved, solve};\nuse crate::units::tidy;".into(),
        lines: 2,
    };
    let b = Source {
        module: "plan".into(),
        is_dir: false,
        text: "fn f() { crate::model::Model::build(); }".into(),
        lines: 1,
    };
    let c = Source {
        module: "units".into(),
        is_dir: false,
        text: String::new(),
        lines: 0,
    };
    let e = imports(&[a, b, c]);
    assert_eq!(e["model"], BTreeSet::from(["plan".into(), "units".into()]));
    assert_eq!(e["plan"], BTreeSet::from(["model".into()]));
}

#[test]
fn no_source_file_outgrows_one_head() {
    let long: Vec<String> = sources()
        .into_iter()
        .filter(|s| s.lines > MAX_LINES)
        .map(|s| format!("{} ({} lines)", s.module, s.lines))
        .collect();
    assert!(
        long.is_empty(),
        "files over {MAX_LINES} lines: {}",
        long.join(", ")
    );
}

#[test]
fn every_file_but_lib_and_main_is_in_a_layer_folder() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut loose: Vec<String> = std::fs::read_dir(&root)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "rs"))
        .map(|p| p.file_stem().unwrap().to_string_lossy().into_owned())
        .filter(|m| !LOOSE.contains(&m.as_str()))
        .collect();
    loose.sort();
    assert!(loose.is_empty(), "loose files in src/: {loose:?}");
    for layer in LAYERS.iter().flat_map(|l| l.iter()) {
        assert!(
            root.join(layer).join("mod.rs").is_file(),
            "layer `{layer}` has no folder src/{layer}/"
        );
    }
}
