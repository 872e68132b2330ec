//! The workbook beside the CSVs (`plan.xlsx`, `<command>.xlsx`): the answer
//! first, then the run's tables, one sheet each. Numbers are numbers with
//! number formats, header rows are frozen with filters, columns have set
//! widths, and a plan's workbook carries a native chart of the provider
//! shares against their limit. Under `--lang ja` sheet names and headers
//! are Japanese; the CSVs keep their English keys.

use rust_xlsxwriter::{
    Chart, ChartType, DocProperties, ExcelDateTime, Format, FormatAlign, Workbook, XlsxError,
};

use crate::base::error::Error;
use crate::base::lang::Lang;
use crate::tr;

/// The most data rows a sheet holds: Excel's 1,048,576 rows less the header.
const MOST_ROWS: usize = 1_048_575;

/// How a number is shown.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Fmt {
    /// An amount of the unit: thousands separators, up to two decimals.
    Amount,
    /// Money: whole currency units with separators.
    Money,
    /// A fraction shown as a percent with one decimal.
    Percent,
    /// A count or a year: as it is.
    Plain,
}

/// One cell.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Text(String),
    Number(f64, Fmt),
    Empty,
}

impl Value {
    pub fn text(s: impl Into<String>) -> Self {
        Value::Text(s.into())
    }
}

/// One sheet: a header row and rows.
#[derive(Debug, Clone)]
pub struct Sheet {
    pub name: String,
    pub headers: Vec<String>,
    pub rows: Vec<Vec<Value>>,
    /// The CSV file this sheet stands for (its CSV is not repeated).
    pub stands_for: Option<&'static str>,
}

impl Sheet {
    /// A CSV file of the run as a sheet: cells that parse as numbers are
    /// numbers, formatted by their column's name (shares and fractions as
    /// percents, costs as money).
    pub fn from_csv(file: &'static str, bytes: &[u8], lang: Lang) -> Result<Sheet, Error> {
        let mut r = csv::ReaderBuilder::new().flexible(true).from_reader(bytes);
        let keys: Vec<String> = r
            .headers()
            .map_err(|e| Error::output("CSV", e))?
            .iter()
            .map(str::to_string)
            .collect();
        let fmts: Vec<Fmt> = keys.iter().map(|k| column_fmt(k)).collect();
        let mut rows = Vec::new();
        for rec in r.records() {
            let rec = rec.map_err(|e| Error::output("CSV", e))?;
            rows.push(
                rec.iter()
                    .enumerate()
                    .map(|(i, cell)| match cell.parse::<f64>() {
                        _ if cell.is_empty() => Value::Empty,
                        Ok(x) if x.is_finite() => {
                            Value::Number(x, fmts.get(i).copied().unwrap_or(Fmt::Amount))
                        }
                        _ => Value::text(cell),
                    })
                    .collect(),
            );
        }
        let stem = file.trim_end_matches(".csv");
        Ok(Sheet {
            name: sheet_name(stem, lang),
            headers: keys.iter().map(|k| header(k, lang)).collect(),
            rows,
            stands_for: Some(file),
        })
    }
}

/// A column chart of values against a limit, drawn natively in the
/// workbook from one of its sheets.
#[derive(Debug, Clone)]
pub struct LimitChart {
    pub title: String,
    /// The sheet, the category column, the value column and the limit
    /// column (0-based), and how many data rows it has.
    pub sheet: String,
    pub categories: u16,
    pub values: u16,
    pub limit: Option<u16>,
    pub rows: u32,
}

/// The workbook's bytes: the answer sheet (`title` and `answer`, one
/// sentence a row), then `sheets`, then every CSV of `files` that no sheet
/// stands for.
pub fn workbook(
    lang: Lang,
    title: &str,
    answer: &[String],
    sheets: Vec<Sheet>,
    files: &[(&'static str, Vec<u8>)],
    chart: Option<&LimitChart>,
) -> Result<Vec<u8>, Error> {
    let mut all = sheets;
    for (name, bytes) in files {
        if name.ends_with(".csv") && !all.iter().any(|s| s.stands_for == Some(*name)) {
            all.push(Sheet::from_csv(name, bytes, lang)?);
        }
    }
    build(lang, title, answer, &all, chart).map_err(|e| Error::output("Excel workbook", e))
}

/// Rows above which a sheet is written in constant memory.
const LONG: usize = 10_000;

fn build(
    lang: Lang,
    title: &str,
    answer: &[String],
    sheets: &[Sheet],
    chart: Option<&LimitChart>,
) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();

    // The same run gives the same bytes: no clock in the file.
    let fixed = ExcelDateTime::from_ymd(2000, 1, 1)?;
    let title = cell_text(title);
    book.set_properties(
        &DocProperties::new()
            .set_title(title)
            .set_creation_datetime(&fixed),
    );
    let bold = Format::new().set_bold();
    let wrap = Format::new().set_text_wrap().set_align(FormatAlign::Top);
    let first = book.add_worksheet();
    first.set_name(sheet_name("answer", lang))?;
    first.set_column_width(0, 90)?;
    first.write_string_with_format(0, 0, title, &bold)?;
    // A sheet longer than Excel allows keeps its first rows, and says so.
    let cut: Vec<String> = sheets
        .iter()
        .filter(|s| s.rows.len() > MOST_ROWS)
        .map(|s| {
            tr!(
                lang,
                "xlsx-rows-cut",
                sheet = s.name.as_str(),
                shown = crate::base::units::amount(MOST_ROWS as f64),
                total = crate::base::units::amount(s.rows.len() as f64),
                file = s.stands_for.unwrap_or("plan.json")
            )
        })
        .collect();
    for (i, sentence) in answer.iter().chain(&cut).enumerate() {
        let row = i as u32 + 2;
        first.write_string_with_format(row, 0, cell_text(sentence), &wrap)?;
        // Readers do not grow a row for wrapped text: its height is set.
        let lines = (text_width(sentence) as f64 / 86.0).ceil().max(1.0);
        first.set_row_height(row, 15.0 * lines)?;
    }
    let head = Format::new()
        .set_bold()
        .set_text_wrap()
        .set_align(FormatAlign::Top)
        .set_background_color(0xF3F4F6);
    // Each number format is built once: a format per cell costs as much
    // as the cell itself on an estate of 35,000 workloads.
    let (amount, money, percent, plain) = (
        Format::new().set_num_format("#,##0.00"),
        Format::new().set_num_format("#,##0"),
        Format::new().set_num_format("0.0%"),
        Format::new(),
    );
    let formats = |f: Fmt| match f {
        Fmt::Amount => &amount,
        Fmt::Money => &money,
        Fmt::Percent => &percent,
        Fmt::Plain => &plain,
    };
    for sheet in sheets {
        // A long sheet goes straight to a temporary file, row by row, rather
        // than through a map of every cell: the same file, in half the time
        // and memory on an estate of 35,000 workloads.
        let ws = if sheet.rows.len() > LONG {
            book.add_worksheet_with_constant_memory()?
        } else {
            book.add_worksheet()
        };
        ws.set_name(&sheet.name)?;
        for (c, h) in sheet.headers.iter().enumerate() {
            ws.write_string_with_format(0, c as u16, cell_text(h), &head)?;
            ws.set_column_width(c as u16, width(sheet, c))?;
        }
        for (r, row) in sheet.rows.iter().take(MOST_ROWS).enumerate() {
            let r = r as u32 + 1;
            for (c, v) in row.iter().enumerate() {
                let c = c as u16;
                match v {
                    Value::Text(t) => {
                        ws.write_string(r, c, cell_text(t))?;
                    }
                    Value::Number(x, _) if !x.is_finite() => {}
                    Value::Number(x, f) => {
                        ws.write_number_with_format(r, c, *x, formats(*f))?;
                    }
                    Value::Empty => {}
                }
            }
        }
        ws.set_freeze_panes(1, 0)?;
        if !sheet.headers.is_empty() {
            let last_row = sheet.rows.len().clamp(1, MOST_ROWS) as u32;
            ws.autofilter(0, 0, last_row, sheet.headers.len() as u16 - 1)?;
        }
    }
    if let Some(spec) = chart {
        let mut ch = Chart::new(ChartType::Bar);
        ch.title().set_name(&spec.title);
        let (sheet, n) = (spec.sheet.as_str(), spec.rows);
        ch.add_series()
            .set_categories((sheet, 1, spec.categories, n, spec.categories))
            .set_values((sheet, 1, spec.values, n, spec.values))
            .set_name((sheet, 0, spec.values));
        if let Some(l) = spec.limit {
            ch.add_series()
                .set_values((sheet, 1, l, n, l))
                .set_name((sheet, 0, l));
        }
        ch.y_axis().set_num_format("0%");
        let ws = book.worksheet_from_name(sheet)?;
        ws.insert_chart(1, spec.limit.unwrap_or(spec.values) + 2, &ch)?;
    }
    book.save_to_buffer()
}

/// A column's width in characters: its longest cell, within 8..60
/// (a Japanese character counts twice).
fn width(sheet: &Sheet, c: usize) -> f64 {
    let len = text_width;
    let longest = sheet
        .rows
        .iter()
        .filter_map(|r| match r.get(c)? {
            Value::Text(t) => Some(len(t)),
            Value::Number(..) => Some(12),
            Value::Empty => None,
        })
        .chain(std::iter::once(len(&sheet.headers[c]).min(24)))
        .max()
        .unwrap_or(8);
    (longest as f64 + 2.0).clamp(8.0, 60.0)
}

/// Text as a cell holds it: Excel's cells take at most 32,767 characters,
/// so a longer name from a scenario is cut there (its CSV has it whole).
fn cell_text(t: &str) -> &str {
    const MOST: usize = 32_767;
    match t.char_indices().nth(MOST) {
        Some((at, _)) => &t[..at],
        None => t,
    }
}

/// Text's width in character cells: a Japanese character takes two.
fn text_width(s: &str) -> usize {
    s.chars().map(|ch| if ch.is_ascii() { 1 } else { 2 }).sum()
}

/// How a CSV column's numbers are shown, by its key.
fn column_fmt(key: &str) -> Fmt {
    if key.contains("share") || key.contains("fraction") || key.starts_with("p_") {
        Fmt::Percent
    } else if key.contains("cost")
        || key.contains("budget")
        || key.contains("spend")
        || key.contains("price")
    {
        Fmt::Money
    } else if key == "year" || key == "seed" || key == "samples" || key == "sample" {
        Fmt::Plain
    } else {
        Fmt::Amount
    }
}

/// A sheet's name in the run's language (at most 31 characters, as Excel
/// allows): the CSV's stem or one of the workbook's own sheets.
pub fn sheet_name(stem: &str, lang: Lang) -> String {
    let name = tr!(lang, "xlsx-sheet", name = stem);
    name.chars().take(31).collect()
}

/// A column's header in the run's language (the CSV key in English).
pub fn header(key: &str, lang: Lang) -> String {
    tr!(lang, "xlsx-header", key = key)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_longer_than_a_cell_holds_is_cut_and_the_workbook_still_written() {
        let long = "あ".repeat(40_000);
        assert_eq!(cell_text(&long).chars().count(), 32_767);
        assert_eq!(cell_text("gennai"), "gennai");
        let sheet = Sheet {
            name: "s".into(),
            headers: vec!["name".into(), "x".into()],
            rows: vec![vec![
                Value::text(long.clone()),
                Value::Number(f64::NAN, Fmt::Amount),
            ]],
            stands_for: None,
        };
        let bytes = workbook(
            Lang::Ja,
            &long,
            std::slice::from_ref(&long),
            vec![sheet],
            &[],
            None,
        )
        .unwrap();
        assert!(bytes.starts_with(b"PK"), "an xlsx is a zip");
    }

    #[test]
    fn a_sheet_longer_than_excel_allows_keeps_its_first_rows_and_says_so() {
        let rows = (0..MOST_ROWS + 2)
            .map(|i| vec![Value::Number(i as f64, Fmt::Plain)])
            .collect();
        let sheet = Sheet {
            name: "big".into(),
            headers: vec!["sample".into()],
            rows,
            stands_for: Some("montecarlo.csv"),
        };
        let bytes = workbook(Lang::En, "t", &[], vec![sheet], &[], None).unwrap();
        use calamine::{Reader, Xlsx};
        let mut wb = Xlsx::new(std::io::Cursor::new(bytes)).unwrap();
        let big = wb.worksheet_range("big").unwrap();
        assert_eq!(big.height(), MOST_ROWS + 1, "the header and the first rows");
        let answer = wb.worksheet_range("Answer").unwrap();
        let note = answer.get_value((2, 0)).unwrap().to_string();
        assert_eq!(
            note,
            "The sheet big holds the first 1,048,575 of 1,048,577 rows, as many as Excel allows; montecarlo.csv has them all."
        );
    }

    #[test]
    fn csv_cells_become_numbers_by_their_column() {
        let csv = b"workload,amount,fraction,cost,year\ngennai,9000,0.5,1e9,2027\nx,inf,,n/a,\n";
        let s = Sheet::from_csv("allocation.csv", csv, Lang::En).unwrap();
        assert_eq!(s.rows[0][1], Value::Number(9000.0, Fmt::Amount));
        assert_eq!(s.rows[0][2], Value::Number(0.5, Fmt::Percent));
        assert_eq!(s.rows[0][3], Value::Number(1e9, Fmt::Money));
        assert_eq!(s.rows[0][4], Value::Number(2027.0, Fmt::Plain));
        assert_eq!(s.rows[1][1], Value::text("inf"));
        assert_eq!(s.rows[1][2], Value::Empty);
        assert_eq!(s.rows[1][3], Value::text("n/a"));
    }
}
