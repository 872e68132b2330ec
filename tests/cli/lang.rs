//! The texts for people in both languages: the Fluent files agree, every
//! message the code names exists, and every command writes Japanese with
//! the same figures and the same data files as English.

use crate::common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use common::{scenarios, tayoka};
use fluent_bundle::FluentResource;
use tayoka::base::lang::Lang;

/// Each message id of a Fluent file, with the variables it uses.
fn messages(lang: Lang) -> BTreeMap<String, BTreeSet<String>> {
    let mut out: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut current = None;
    for line in lang.source().lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        if let Some((id, _)) = line.split_once(" =")
            && !line.starts_with(' ')
        {
            assert!(
                out.insert(id.to_string(), BTreeSet::new()).is_none(),
                "{}: `{id}` is defined twice",
                lang.code()
            );
            current = Some(id.to_string());
        }
        let vars = out
            .get_mut(current.as_ref().expect("a message first"))
            .unwrap();
        let mut rest = line;
        while let Some(at) = rest.find('$') {
            rest = &rest[at + 1..];
            let name: String = rest
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '-')
                .collect();
            vars.insert(name);
        }
    }
    out
}

#[test]
fn both_files_parse_whole() {
    for lang in Lang::ALL {
        if let Err((_, errors)) = FluentResource::try_new(lang.source().to_string()) {
            panic!("{}: {errors:?}", lang.code());
        }
    }
}

#[test]
fn both_languages_hold_the_same_messages_with_the_same_arguments() {
    let en = messages(Lang::En);
    let ja = messages(Lang::Ja);
    let ids = |m: &BTreeMap<String, BTreeSet<String>>| m.keys().cloned().collect::<BTreeSet<_>>();
    assert_eq!(ids(&en), ids(&ja), "message ids differ");
    for (id, vars) in &en {
        // A Japanese message may drop a plural selector, never a figure.
        let missing: Vec<_> = vars.difference(&ja[id]).filter(|v| *v != "n").collect();
        assert!(missing.is_empty(), "ja `{id}` lacks {missing:?}");
        assert!(
            ja[id].is_subset(vars),
            "ja `{id}` uses unknown {:?}",
            ja[id]
        );
    }
}

/// Every string literal of the library's code (test modules left out).
fn literals() -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut stack = vec![Path::new(env!("CARGO_MANIFEST_DIR")).join("src")];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(dir).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            if path.extension().is_none_or(|e| e != "rs") {
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            let code = text.split("#[cfg(test)]").next().unwrap_or_default();
            for (i, part) in code.split('"').enumerate() {
                if i % 2 == 1 {
                    out.insert(part.to_string());
                }
            }
        }
    }
    out
}

#[test]
fn every_message_the_code_names_exists_and_every_message_is_used() {
    let ids: BTreeSet<String> = messages(Lang::En).into_keys().collect();
    let literals = literals();
    let unused: Vec<_> = ids.iter().filter(|id| !literals.contains(*id)).collect();
    assert!(unused.is_empty(), "messages no code names: {unused:?}");
    // Literals shaped like message ids (words joined by `-`) that are not
    // messages: chart names, the crate docs' scenario name, an HTTP header
    // value and the desktop's opener (`tayoka serve`).
    let not_messages = [
        "compare-metrics",
        "compare-shares",
        "two-clouds",
        "no-store",
        "xdg-open",
    ];
    let id_like = |s: &str| {
        s.contains('-')
            && s.split('-').all(|w| {
                !w.is_empty()
                    && w.chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
            })
            && s.starts_with(|c: char| c.is_ascii_lowercase())
    };
    let unknown: Vec<_> = literals
        .iter()
        .filter(|l| id_like(l) && !ids.contains(*l) && !not_messages.contains(&l.as_str()))
        .collect();
    assert!(unknown.is_empty(), "ids with no message: {unknown:?}");
}

#[test]
fn plurals_and_lists_follow_each_language() {
    use tayoka::tr;
    assert_eq!(tr!(Lang::En, "n-providers", n = 1), "1 provider");
    assert_eq!(tr!(Lang::En, "n-providers", n = 11), "11 providers");
    assert_eq!(tr!(Lang::Ja, "n-providers", n = 11), "11事業者");
    assert_eq!(Lang::En.list(&["a", "b"]), "a, b");
    assert_eq!(Lang::Ja.list(&["a", "b"]), "a、b");
    assert_eq!(
        tr!(Lang::En, "wrote-files", n = 1, dir = "out/"),
        "wrote 1 file to out/"
    );
}

/// What one run left: its standard output and error, and its folder's files.
struct Run {
    stdout: String,
    stderr: String,
    code: Option<i32>,
    files: BTreeMap<String, Vec<u8>>,
}

fn run(args: &[&str], lang: &str) -> Run {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let mut cmd = tayoka(&scenarios());
    cmd.args(args).args(["--lang", lang]).env("COLUMNS", "80");
    // `check` writes no folder.
    if args[0] != "check" {
        cmd.arg("--out").arg(&out);
    }
    let result = cmd.output().unwrap();
    Run {
        stdout: String::from_utf8(result.stdout).unwrap(),
        stderr: String::from_utf8(result.stderr).unwrap(),
        code: result.status.code(),
        files: if out.is_dir() {
            common::files(&out)
        } else {
            BTreeMap::new()
        },
    }
}

/// The figures in a text: runs of digits with their separators, decimal
/// point and percent sign (`38,905,640,000`, `12.4%`).
fn figures(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    for c in text.chars().chain([' ']) {
        let part_of = c.is_ascii_digit() || (!current.is_empty() && ",.%".contains(c));
        if part_of {
            current.push(c);
        } else if !current.is_empty() {
            out.push(current.trim_end_matches([',', '.']).to_string());
            current.clear();
        }
    }
    out
}

/// The amounts of money in a text, in yen: said in a few digits (`4.38 bn`,
/// `534.2 M`, `43.8億円`, `1,840万円`) or to the yen (`38,905,640,000 JPY`,
/// `389億564万円`, `1,839万6,000円`), and the text without them.
fn money(text: &str) -> (Vec<f64>, String) {
    const EN: [(&str, f64); 4] = [(" tn", 1e12), (" bn", 1e9), (" M", 1e6), (" JPY", 1.0)];
    let number_at = |tail: &str| {
        let n = tail
            .find(|c: char| !(c.is_ascii_digit() || c == ',' || c == '.'))
            .unwrap_or(tail.len());
        let v = tail[..n].replace(',', "").parse::<f64>().ok();
        (n, v)
    };
    let mut values = Vec::new();
    let mut rest = String::new();
    let mut i = 0;
    while i < text.len() {
        let tail = &text[i..];
        let starts = tail.starts_with(|c: char| c.is_ascii_digit())
            && !text[..i].ends_with(|c: char| c.is_ascii_digit() || c == '.' || c == ',');
        if starts {
            let (digits, v) = number_at(tail);
            let en = EN.iter().find(|(u, _)| {
                tail[digits..].starts_with(u)
                    && !tail[digits + u.len()..].starts_with(|c: char| c.is_ascii_alphabetic())
            });
            if let (Some((u, scale)), Some(v)) = (en, v) {
                values.push(v * scale);
                i += digits + u.len();
                continue;
            }
            // An amount to the unit whose currency a line break moved on.
            let after = &tail[digits..];
            let gap = after.len() - after.trim_start().len();
            if let (true, Some(v)) = (gap > 0 && after[gap..].starts_with("JPY"), v) {
                values.push(v);
                i += digits + gap + "JPY".len();
                continue;
            }
            // Yen in groups: (number 兆|億|万)* number? 円.
            let (mut at, mut total, mut whole) = (0, 0.0, false);
            while let (n, Some(v)) = number_at(&tail[at..]) {
                let after = &tail[at + n..];
                let scale = [("兆", 1e12), ("億", 1e8), ("万", 1e4), ("円", 1.0)]
                    .into_iter()
                    .find(|(u, _)| after.starts_with(u));
                let Some((u, scale)) = scale else { break };
                total += v * scale;
                at += n + u.len();
                if u == "円" {
                    whole = true;
                    break;
                }
                if tail[at..].starts_with('円') {
                    at += '円'.len_utf8();
                    whole = true;
                    break;
                }
            }
            if whole {
                values.push(total);
                i += at;
                continue;
            }
        }
        let c = tail.chars().next().unwrap();
        rest.push(c);
        i += c.len_utf8();
    }
    (values, rest)
}

/// The figures of `en` that `ja` lacks, counting repeats: a figure said
/// twice in English must be said twice in Japanese. Money said in a few
/// digits may be said in other units (億円 for bn), so it is matched by
/// value, within the rounding of the coarser unit (0.1億円).
fn lost_figures(en: &str, ja: &str) -> Vec<String> {
    let ((en_money, en), (mut ja_money, ja)) = (money(en), money(ja));
    let mut left = figures(&ja);
    let mut lost = Vec::new();
    let mut plain = Vec::new();
    for f in figures(&en) {
        match left.iter().position(|g| *g == f) {
            Some(i) => {
                left.swap_remove(i);
            }
            None => plain.push(f),
        }
    }
    for v in en_money {
        let near = |w: f64| (v - w).abs() <= (0.01 * v.abs().max(w.abs())).max(5.1e6);
        let closest = (0..ja_money.len())
            .filter(|&i| near(ja_money[i]))
            .min_by(|&i, &j| (v - ja_money[i]).abs().total_cmp(&(v - ja_money[j]).abs()));
        // Or in a column headed 億円, as a bare figure (JA-STYLE's tables).
        let t = (v / 1e8 * 10.0).round();
        let oku = if t == 0.0 {
            "0".to_string()
        } else {
            format!("{:.1}", t / 10.0)
        };
        let in_oku = |g: &String| g.replace(',', "") == oku;
        match (closest, left.iter().position(in_oku)) {
            (Some(i), _) => {
                ja_money.swap_remove(i);
            }
            (None, Some(i)) => {
                left.swap_remove(i);
            }
            (None, None) => lost.push(format!("{v} (money)")),
        }
    }
    // A bare figure in English (a table of costs whose header names the
    // currency) said with 円 in Japanese.
    for f in plain {
        let value = f.replace(',', "").parse::<f64>().ok();
        match value.and_then(|v| ja_money.iter().position(|&w| w == v)) {
            Some(i) => {
                ja_money.swap_remove(i);
            }
            None => lost.push(f),
        }
    }
    lost
}

#[test]
fn money_is_matched_across_its_units() {
    assert!(lost_figures("costs 4.38 bn JPY: 534.2 M", "43.8億円、5.3億円").is_empty());
    assert_eq!(
        lost_figures("costs 4.38 bn JPY", "44.8億円"),
        ["4380000000 (money)"]
    );
    assert_eq!(
        lost_figures("12.4% and 3 M", "12.4%、300万円"),
        Vec::<String>::new()
    );
    assert_eq!(lost_figures("12.4%", "12.5%"), ["12.4%"]);
    assert!(lost_figures("total 38,905,640,000 JPY", "総費用389億564万円").is_empty());
    assert!(lost_figures("cost change 0", "費用の変化0円").is_empty());
    assert_eq!(lost_figures("cost change 5", "費用の変化0円"), ["5"]);
    assert!(lost_figures("│ 38.44 bn │ 328.5 M │", "│ 384.4 │ 3.3 │").is_empty());
    assert_eq!(
        lost_figures("│ 38.44 bn │", "│ 384.5 │"),
        ["38440000000 (money)"]
    );
    assert!(lost_figures("18,396,000 JPY lower", "1,839万6,000円下がる").is_empty());
    assert_eq!(
        lost_figures("38,905,640,000 JPY", "389億565万円"),
        Vec::<String>::new(),
        "within the coarser unit's rounding"
    );
    assert_eq!(
        lost_figures("budget 40,000,000,000 JPY", "予算390億円"),
        ["40000000000 (money)"]
    );
}

fn japanese(text: &str) -> usize {
    text.chars()
        .filter(|c| ('\u{3040}'..='\u{30ff}').contains(c) || ('\u{4e00}'..='\u{9fff}').contains(c))
        .count()
}

/// A command in both languages: the Japanese output holds every figure of
/// the English one, the data files are the same bytes, the report and every
/// chart are in Japanese, and no message id shows in place of a text.
fn both_languages(args: &[&str], differ: &[&str]) -> (Run, Run) {
    let en = run(args, "en");
    let ja = run(args, "ja");
    assert_eq!(en.code, ja.code, "{args:?}: {}\n{}", en.stderr, ja.stderr);
    fits_80_columns(&en.stdout);
    fits_80_columns(&ja.stdout);
    let lost = lost_figures(&en.stdout, &ja.stdout);
    assert!(
        lost.is_empty(),
        "{args:?}: figures only in English: {lost:?}\n{}",
        ja.stdout
    );
    assert!(japanese(&ja.stdout) > 1, "{args:?}: {}", ja.stdout);
    assert_eq!(
        en.files.keys().collect::<Vec<_>>(),
        ja.files.keys().collect::<Vec<_>>(),
        "{args:?}: the same files"
    );
    let ids: Vec<String> = messages(Lang::En)
        .into_keys()
        .filter(|id| id.contains('-'))
        .collect();
    for (name, bytes) in &ja.files {
        let is_text = [".csv", ".json", ".svg", ".html"]
            .iter()
            .any(|e| name.ends_with(e));
        if !is_text {
            continue;
        }
        let text = String::from_utf8(bytes.clone()).unwrap();
        if name.ends_with(".csv") || (name.ends_with(".json") && !differ.contains(&name.as_str())) {
            assert!(
                en.files[name] == *bytes,
                "{args:?}: {name} differs between languages"
            );
            continue;
        }
        for id in &ids {
            assert!(
                !text.contains(&format!(">{id}<")) && !text.contains(&format!("\"{id}\"")),
                "{args:?}: {name} shows the id {id}"
            );
        }
        if name.ends_with(".svg") {
            // The title in Japanese; the description with the English one's
            // key figures.
            let element = |svg: &str, tag: &str| {
                let doc = roxmltree::Document::parse(svg).unwrap();
                let found = doc.descendants().find(|n| n.has_tag_name(tag));
                found.and_then(|n| n.text()).unwrap_or_default().to_string()
            };
            let title = element(&text, "title");
            assert!(japanese(&title) > 2, "{args:?}: {name} title {title}");
            let en_svg = String::from_utf8(en.files[name].clone()).unwrap();
            let (en_desc, ja_desc) = (element(&en_svg, "desc"), element(&text, "desc"));
            let lost = lost_figures(&en_desc, &ja_desc);
            assert!(
                lost.is_empty(),
                "{args:?}: {name} desc lost {lost:?}: {ja_desc}"
            );
        }
        if name == "report.html" {
            assert!(text.contains("<html lang=\"ja\">"), "{args:?}");
            assert!(japanese(&text) > 50, "{args:?}: report.html");
            // Every section's heading is Japanese.
            for heading in text.split("<h2>").skip(1) {
                let heading = &heading[..heading.find("</h2>").unwrap()];
                assert!(japanese(heading) > 0, "{args:?}: section {heading}");
            }
        }
    }
    for id in &ids {
        assert!(
            !ja.stdout.contains(id.as_str()),
            "{args:?}: the terminal shows the id {id}"
        );
    }
    (en, ja)
}

#[test]
fn solve_in_japanese() {
    let (en, ja) = both_languages(&["solve", "japan-gov-2027.toml"], &["plan.json"]);
    assert!(ja.stdout.contains("主要指標") && !ja.stdout.contains("Headline"));
    assert!(en.stdout.contains("Headline"));
    // The scenario's Japanese names stand for the English ones.
    assert!(ja.stdout.contains("国会答弁の起案") && ja.stdout.contains("千GPU時間／年"));
    let report = String::from_utf8(ja.files["report.html"].clone()).unwrap();
    assert!(
        report.contains("さくらインターネット")
            && report.contains("中央省庁のAIワークロード（2027年度）")
    );
    fits_80_columns(&ja.stdout);
    assert!(
        ja.stderr.contains("ファイルを書き出しました"),
        "{}",
        ja.stderr
    );
}

/// Every line, tables' too, fits 80 columns, two for each Japanese
/// character (the runs set `COLUMNS=80`).
fn fits_80_columns(text: &str) {
    for line in text.lines() {
        let cols = unicode_width::UnicodeWidthStr::width(line);
        assert!(cols <= 80, "{cols} columns: {line}");
    }
}

#[test]
fn every_analysis_in_japanese() {
    both_languages(&["check", "japan-gov-2027.toml"], &[]);
    both_languages(
        &[
            "compare",
            "japan-gov-2027.toml",
            "--variants",
            "base,sovereignty,us-cut",
        ],
        &[],
    );
    both_languages(
        &[
            "sweep",
            "japan-gov-2027.toml",
            "--set",
            "policy.budget=3.8e10..4.2e10",
            "--steps",
            "3",
        ],
        &[],
    );
    both_languages(&["frontier", "japan-gov-2027.toml", "--points", "4"], &[]);
    let (_, ja) = both_languages(&["tradeoff", "japan-gov-2027.toml", "--points", "4"], &[]);
    assert!(ja.stdout.contains("自国シェアを51.8%"), "{}", ja.stdout);
    fits_80_columns(&ja.stdout);
    both_languages(
        &["stress", "japan-gov-2027.toml", "--samples", "50"],
        &["plan.json"],
    );
    let (_, ja) = both_languages(
        &[
            "pathway",
            "japan-gov-2027.toml",
            "--variant",
            "transition",
            "--years",
            "3",
        ],
        &[],
    );
    fits_80_columns(&ja.stdout);
    assert!(ja.stdout.contains("3年間を一体で計画"), "{}", ja.stdout);
    both_languages(
        &["alternatives", "japan-gov-2027.toml", "--slack", "0.05"],
        &[],
    );
}

#[test]
fn a_diagnosis_in_japanese_offers_the_same_change() {
    let args = [
        "solve",
        "japan-gov-2027.toml",
        "--set",
        "policy.budget=3e10",
    ];
    let en = run(&args, "en");
    let ja = run(&args, "ja");
    assert_eq!((en.code, ja.code), (Some(3), Some(3)));
    assert!(
        ja.stderr.contains("には実行可能な計画がありません"),
        "{}",
        ja.stderr
    );
    assert!(
        ja.stderr.contains("計画を可能にする最小の変更"),
        "{}",
        ja.stderr
    );
    let try_line = |text: &str| {
        text.lines().find_map(|l| {
            l.split_once("--set policy.budget=37")
                .map(|(_, v)| v.to_string())
        })
    };
    assert_eq!(try_line(&en.stderr), try_line(&ja.stderr));
    assert!(try_line(&ja.stderr).is_some(), "{}", ja.stderr);
    let report = String::from_utf8(ja.files["report.html"].clone()).unwrap();
    assert!(report.contains("<h2>診断</h2>") && report.contains("実行可能になる値"));
}

/// A scenario that asks for Japanese itself, and `--lang` over it.
#[test]
fn the_scenario_chooses_its_language_and_lang_overrides_it() {
    let text = std::fs::read_to_string(scenarios().join("minimal.toml")).unwrap();
    let ja_text = text.replacen("[scenario]\n", "[scenario]\nlang = \"ja\"\n", 1);
    assert_ne!(text, ja_text);
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("m.toml"), &ja_text).unwrap();
    let solve = |extra: &[&str]| {
        let out = tayoka(dir.path())
            .args(["solve", "m.toml", "--out", "o"])
            .args(extra)
            .output()
            .unwrap();
        assert!(out.status.success());
        String::from_utf8(out.stdout).unwrap()
    };
    assert!(solve(&[]).contains("主要指標"));
    assert!(solve(&["--lang", "en"]).contains("Headline"));
    assert!(solve(&["--lang", "ja-JP"]).contains("主要指標"));
    assert!(solve(&["--lang", "EN"]).contains("Headline"));

    let bad = tayoka(dir.path())
        .args(["solve", "m.toml", "--lang", "fr"])
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(2));
    let err = String::from_utf8(bad.stderr).unwrap();
    assert!(
        err.contains("`fr` is not a language tayoka writes in; use en or ja"),
        "{err}"
    );

    std::fs::write(
        dir.path().join("m.toml"),
        text.replacen("[scenario]\n", "[scenario]\nlang = \"jp\"\n", 1),
    )
    .unwrap();
    let bad = tayoka(dir.path())
        .args(["check", "m.toml"])
        .output()
        .unwrap();
    let err = String::from_utf8(bad.stderr).unwrap();
    assert!(
        err.contains("`scenario.lang` must be one of `en`, `ja`, found `jp`"),
        "{err}"
    );
    assert!(err.contains("m.toml:15:8"), "{err}");
    assert!(err.contains("did you mean `ja`?"), "{err}");
}

/// A scenario whose years are fiscal years (`fiscal_years = true`, as
/// japan-gov-2027's) labels a pathway's years 2027年度 in Japanese; English
/// and pathway.csv keep 2027, and without the key Japanese does too.
#[test]
fn fiscal_years_read_as_nendo_in_japanese() {
    let dir = tempfile::tempdir().unwrap();
    let gov = scenarios().join("japan-gov-2027.toml");
    let pathway = |lang: &str, out: &str, sets: &[&str]| {
        let mut cmd = tayoka(dir.path());
        cmd.args(["pathway", gov.to_str().unwrap(), "--variant", "transition"])
            .args(["--years", "2", "--no-charts", "--lang", lang, "--out", out]);
        for s in sets {
            cmd.args(["--set", s]);
        }
        let out = cmd.output().unwrap();
        assert!(out.status.success());
        String::from_utf8(out.stdout).unwrap()
    };
    let ja = pathway("ja", "ja", &[]);
    assert!(ja.contains("2027年度") && ja.contains("2028年度"), "{ja}");
    let en = pathway("en", "en", &[]);
    assert!(en.contains("┆ 2027 ") && !en.contains("年度"), "{en}");
    let csv = std::fs::read_to_string(dir.path().join("ja/pathway.csv")).unwrap();
    assert!(csv.lines().nth(2).unwrap().starts_with("1,2027,"), "{csv}");
    // Two plans that end alike are said to once, not as "X 対 X".
    let flat = |t: &str| t.replace('\n', "");
    assert!(
        flat(&ja).contains("どちらも最終年もまだ変化") && !flat(&ja).contains("まだ変化 対"),
        "{ja}"
    );
    assert!(
        flat(&en).contains("both still changing in the last year"),
        "{en}"
    );
    let calendar = pathway("ja", "cal", &["scenario.fiscal_years=false"]);
    assert!(
        !calendar.contains("年度") && calendar.contains("2027"),
        "{calendar}"
    );
}
