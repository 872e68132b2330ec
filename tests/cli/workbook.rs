//! The workbook beside the CSVs, read back with another library (calamine):
//! every CSV's values are in it as numbers, the plan's sheets carry names
//! beside the ids, and under `--lang ja` its sheets and headers are Japanese.

use std::path::Path;

use calamine::{Data, DataType, Reader, Xlsx, open_workbook};

use crate::common::{scenarios, succeeds, tayoka};

fn run(dir: &Path, args: &[&str]) -> std::path::PathBuf {
    let out = dir.join(args.join("-").replace(['/', '.', '='], "_"));
    succeeds(
        tayoka(dir)
            .arg(args[0])
            .arg(scenarios().join("japan-gov-2027.toml"))
            .args(&args[1..])
            .arg("--out")
            .arg(&out),
    );
    out
}

fn sheet(book: &Path, name: &str) -> Vec<Vec<Data>> {
    let mut wb: Xlsx<_> = open_workbook(book).expect("the workbook opens");
    let range = wb
        .worksheet_range(name)
        .unwrap_or_else(|e| panic!("{name}: {e}; sheets {:?}", wb.sheet_names()));
    range.rows().map(<[Data]>::to_vec).collect()
}

fn csv(path: &Path) -> Vec<Vec<String>> {
    let mut r = csv::Reader::from_path(path).unwrap();
    let mut rows = vec![r.headers().unwrap().iter().map(str::to_string).collect()];
    rows.extend(
        r.records()
            .map(|rec| rec.unwrap().iter().map(str::to_string).collect()),
    );
    rows
}

/// A CSV cell and a workbook cell say the same: the same number, or the
/// same text, or both empty.
fn same(csv: &str, cell: &Data) -> bool {
    match (csv.parse::<f64>(), cell) {
        (Ok(x), Data::Float(y)) => x == *y,
        (Ok(x), Data::Int(y)) => x == *y as f64,
        (_, Data::String(s)) => csv == s,
        (_, Data::Empty) => csv.is_empty(),
        _ => false,
    }
}

/// The columns of `csv` named `keys` against the workbook's columns at
/// `at`, row by row.
fn agrees(csv: &[Vec<String>], book: &[Vec<Data>], keys: &[&str], at: &[usize]) {
    assert_eq!(csv.len(), book.len(), "rows");
    for (r, (c, b)) in csv.iter().zip(book).enumerate().skip(1) {
        for (key, &col) in keys.iter().zip(at) {
            let i = csv[0].iter().position(|h| h == key).unwrap();
            assert!(
                same(&c[i], &b[col]),
                "row {r} {key}: CSV {} vs workbook {:?}",
                c[i],
                b[col]
            );
        }
    }
}

#[test]
fn the_plan_workbook_holds_the_csvs_values_with_names_beside_the_ids() {
    let dir = tempfile::tempdir().unwrap();
    let out = run(dir.path(), &["solve"]);
    let book = out.join("plan.xlsx");
    let alloc = sheet(&book, "Allocation");
    assert_eq!(
        alloc[0].iter().map(|d| d.to_string()).collect::<Vec<_>>(),
        [
            "workload",
            "workload_name",
            "owner",
            "provider",
            "provider_name",
            "company",
            "country",
            "amount",
            "fraction",
            "cost"
        ]
    );
    let csv_alloc = csv(&out.join("allocation.csv"));
    agrees(
        &csv_alloc,
        &alloc,
        &["workload", "provider", "amount", "fraction", "cost"],
        &[0, 3, 7, 8, 9],
    );
    // Names from the scenario beside the ids.
    let gennai = alloc.iter().find(|r| r[0] == "gennai").unwrap();
    assert_eq!(gennai[1].to_string(), "Gennai staff assistant");
    assert_eq!(gennai[2].to_string(), "Digital Agency");
    let shares = sheet(&book, "Shares");
    agrees(
        &csv(&out.join("shares.csv")),
        &shares,
        &["value", "volume_share", "spend_share"],
        &[1, 3, 4],
    );
    // The limit on every provider, as the limits sheet states it, is the
    // largest provider share in shares.csv, and its slack the difference.
    let largest = csv(&out.join("shares.csv"))
        .iter()
        .skip(1)
        .filter(|r| r[0] == "provider")
        .map(|r| r[2].parse::<f64>().unwrap())
        .fold(0.0, f64::max);
    let limits = sheet(&book, "Limits");
    let any = limits.iter().find(|r| r[0] == "any-provider").unwrap();
    let (bound, reached, slack) = (
        any[5].as_f64().unwrap(),
        any[6].as_f64().unwrap(),
        any[8].as_f64().unwrap(),
    );
    assert_eq!((bound, reached), (0.35, largest));
    assert!((slack - (bound - reached)).abs() < 1e-12);
    // The budget row: the bound and the plan's total cost from plan.json.
    let plan = crate::common::read_json(&out.join("plan.json"));
    let budget = limits.iter().find(|r| r[0] == "budget").unwrap();
    assert_eq!(budget[5].as_f64(), plan["answer"]["budget"].as_f64());
    assert_eq!(budget[6].as_f64(), plan["metrics"]["total_cost"].as_f64());
    // The answer sheet opens with the report's answer.
    let answer = sheet(&book, "Answer");
    let html = std::fs::read_to_string(out.join("report.html")).unwrap();
    let first = answer[2][0].to_string();
    assert!(!first.is_empty() && html.contains(&first), "{first}");
}

#[test]
fn an_analysis_workbook_has_every_csv_as_a_sheet_of_numbers() {
    let dir = tempfile::tempdir().unwrap();
    let out = run(
        dir.path(),
        &["compare", "--variants", "base,cost,sovereignty"],
    );
    let book = out.join("compare.xlsx");
    for (file, name) in [("compare.csv", "Compare"), ("changes.csv", "Changes")] {
        let c = csv(&out.join(file));
        let b = sheet(&book, name);
        let keys: Vec<&str> = c[0].iter().map(String::as_str).collect();
        let at: Vec<usize> = (0..keys.len()).collect();
        agrees(&c, &b, &keys, &at);
        assert!(
            b.iter().flatten().any(|d| matches!(d, Data::Float(_))),
            "{name} has numbers"
        );
    }
    let out = run(dir.path(), &["stress", "--samples", "200"]);
    let book = out.join("stress.xlsx");
    let c = csv(&out.join("stress.csv"));
    let b = sheet(&book, "Cut-offs");
    let keys: Vec<&str> = c[0].iter().map(String::as_str).collect();
    agrees(&c, &b, &keys, &(0..keys.len()).collect::<Vec<_>>());
    assert!(sheet(&book, "Monte Carlo").len() > 1);
    assert!(sheet(&book, "Allocation").len() > 1);
}

#[test]
fn in_japanese_the_sheets_and_headers_are_japanese() {
    let dir = tempfile::tempdir().unwrap();
    let out = run(dir.path(), &["solve", "--lang", "ja"]);
    let book = out.join("plan.xlsx");
    let wb: Xlsx<_> = open_workbook(&book).unwrap();
    assert_eq!(
        wb.sheet_names(),
        ["結論", "配分", "シェア", "制限", "計画を制約している条件"]
    );
    let alloc = sheet(&book, "配分");
    assert_eq!(alloc[0][0].to_string(), "業務");
    let gennai = alloc.iter().find(|r| r[0] == "gennai").unwrap();
    assert_eq!(gennai[2].to_string(), "デジタル庁");
    let limits = sheet(&book, "制限");
    assert!(
        limits.iter().skip(1).all(|r| !r[3].to_string().is_ascii()),
        "{limits:?}"
    );
}

/// A long sheet (the municipal estate's 35,000 workloads, written row by
/// row in constant memory) holds the CSV's values as a short one does.
#[test]
fn a_long_allocation_sheet_holds_every_row_of_the_csv() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("m");
    succeeds(
        tayoka(dir.path())
            .arg("solve")
            .arg(scenarios().join("japan-municipal-2027.toml"))
            .args(["--no-charts", "--out"])
            .arg(&out),
    );
    let csv_alloc = csv(&out.join("allocation.csv"));
    assert!(csv_alloc.len() > 10_001, "{} rows", csv_alloc.len());
    let alloc = sheet(&out.join("plan.xlsx"), "Allocation");
    agrees(
        &csv_alloc,
        &alloc,
        &["workload", "provider", "amount", "fraction", "cost"],
        &[0, 3, 7, 8, 9],
    );
}
