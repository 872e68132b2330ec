//! `[[import]]`: rows of a CSV file become providers or workloads.
//!
//! The header names the fields (`id` and the keys of `[providers.*]` or
//! `[workloads.*]`); list fields are separated by `;`; inline-table fields
//! (`capabilities`, `tags`, `current`) are `key:value;key:value`; an empty
//! cell leaves the field unset. Rows are merged into the raw document before
//! variants and `--set`, so imported entities are overridden like any other.

use std::ops::Range;
use std::path::{Path, PathBuf};

use toml::{Table, Value};

use super::keys;
use super::overrides::is_id;
use crate::base::located::{Diagnostic, Origin, SourceFile, did_you_mean, one_of};

/// CSV files larger than this are refused before reading.
pub const MAX_CSV_BYTES: u64 = 256 * 1024 * 1024;

/// How a column's text becomes a TOML value.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Kind {
    Text,
    Number,
    Integer,
    Bool,
    List,
    NumberMap,
    TextMap,
}

fn kind(entity: Entity, field: &str) -> Kind {
    match (entity, field) {
        (_, "capacity" | "price" | "surge" | "outage" | "exit_cost") => Kind::Number,
        (_, "contract_cost" | "min_volume") => Kind::Number,
        (_, "min_quality" | "demand" | "priority" | "weight" | "max_provider_fraction") => {
            Kind::Number
        }
        (_, "sovereignty" | "min_providers" | "max_providers") => Kind::Integer,
        (_, "critical") => Kind::Bool,
        (_, "regions" | "certifications" | "data" | "only" | "exclude") => Kind::List,
        (_, "capabilities" | "current" | "prices") => Kind::NumberMap,
        (_, "tags") => Kind::TextMap,
        _ => Kind::Text,
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Entity {
    Providers,
    Workloads,
}

impl Entity {
    pub fn table(self) -> &'static str {
        match self {
            Entity::Providers => "providers",
            Entity::Workloads => "workloads",
        }
    }

    /// The most entities of this kind a scenario may hold.
    fn most(self) -> usize {
        match self {
            Entity::Providers => super::validate::MAX_PROVIDERS,
            Entity::Workloads => super::validate::MAX_WORKLOADS,
        }
    }

    fn fields(self) -> &'static [&'static str] {
        match self {
            Entity::Providers => keys::PROVIDER,
            Entity::Workloads => keys::WORKLOAD,
        }
    }
}

/// Where an imported entity's cells are, for messages about its fields.
#[derive(Debug, Clone)]
pub struct ImportedRow {
    /// The file, shared by its rows.
    pub file: std::sync::Arc<Path>,
    pub line: Range<usize>,
    /// The file's column names, shared by its rows.
    pub header: std::sync::Arc<[String]>,
    /// Each cell's span, in header order, as offsets from the line's start
    /// (a row of a million-row file keeps a few bytes per cell).
    pub cells: Box<[(u32, u32)]>,
    /// The row's fields by column (index into `header`), typed. They stay
    /// here, not in the document (where a row would take a table of its
    /// own, over 600 bytes): the document holds an empty table for the row,
    /// which overrides merge into, and the decoder reads the two together
    /// one row at a time ([`ImportedRow::take_fields`]).
    pub values: Vec<(u16, Value)>,
}

impl ImportedRow {
    /// The row's fields as a table, with `over` (what variants, changes and
    /// `--set` merged into the row's table in the document) merged on top,
    /// key by key as overrides merge.
    ///
    /// The fields are handed over, not copied: a row is decoded once, and
    /// a million rows need not hold their fields twice.
    pub fn take_fields(&mut self, over: &Table) -> Table {
        let mut t: Table = std::mem::take(&mut self.values)
            .into_iter()
            .map(|(i, v)| (self.header[usize::from(i)].clone(), v))
            .collect();
        overlay(&mut t, over);
        t
    }

    /// The span of the cell in column `name`.
    pub fn cell(&self, name: &str) -> Option<Range<usize>> {
        let i = self.header.iter().position(|h| h == name)?;
        let &(from, to) = self.cells.get(i)?;
        Some(self.line.start + from as usize..self.line.start + to as usize)
    }

    /// Where the file is, for a message.
    pub fn file(&self) -> PathBuf {
        self.file.to_path_buf()
    }
}

/// The rows merged into the document, keyed by entity path (`workloads.w1`):
/// a sorted list rather than a hash map, whose buckets would cost a million
/// rows some 200 MB more.
#[derive(Debug, Clone, Default)]
pub struct Imported {
    rows: Vec<(String, ImportedRow)>,
    /// Whether `rows` is sorted by path (it is once every file is read).
    sorted: bool,
    /// Whether a file had more rows than a scenario may hold, so that its
    /// reading stopped: nothing past the import is worth checking then,
    /// and decoding a million rows would only cost memory.
    pub stopped: bool,
}

impl Imported {
    pub fn new() -> Self {
        Self::default()
    }

    fn insert(&mut self, path: String, row: ImportedRow) {
        self.rows.push((path, row));
        self.sorted = false;
    }

    /// Sorts the rows for [`Imported::get`]: call once every file is read.
    pub fn seal(&mut self) {
        if !self.sorted {
            self.rows.sort_by(|a, b| a.0.cmp(&b.0));
            self.rows.shrink_to_fit();
            self.sorted = true;
        }
    }

    /// The row of the entity at `path`.
    pub fn get(&self, path: &str) -> Option<&ImportedRow> {
        debug_assert!(self.sorted || self.rows.is_empty(), "Imported::seal first");
        let i = self
            .rows
            .binary_search_by(|(p, _)| p.as_str().cmp(path))
            .ok()?;
        Some(&self.rows[i].1)
    }

    /// The row of the entity at `path`, to take its fields.
    pub fn get_mut(&mut self, path: &str) -> Option<&mut ImportedRow> {
        debug_assert!(self.sorted || self.rows.is_empty(), "Imported::seal first");
        let i = self
            .rows
            .binary_search_by(|(p, _)| p.as_str().cmp(path))
            .ok()?;
        Some(&mut self.rows[i].1)
    }
}

/// Merges `over` into `base` as overrides merge: tables key by key, any
/// other value replacing the base's whole.
fn overlay(base: &mut Table, over: &Table) {
    for (k, v) in over {
        match (base.get_mut(k), v) {
            (Some(Value::Table(b)), Value::Table(o)) => overlay(b, o),
            _ => {
                base.insert(k.clone(), v.clone());
            }
        }
    }
}

/// The byte ranges of the fields of one CSV line (quotes respected).
fn field_spans(text: &str, start: usize) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut quoted = false;
    let mut begin = start;
    for (i, c) in text.char_indices() {
        match c {
            '"' => quoted = !quoted,
            ',' if !quoted => {
                out.push(begin..start + i);
                begin = start + i + 1;
            }
            _ => {}
        }
    }
    out.push(begin..start + text.len());
    out
}

fn convert(kind: Kind, text: &str) -> Result<Value, String> {
    let number = |s: &str| -> Result<f64, String> {
        s.trim()
            .parse::<f64>()
            .map_err(|_| format!("expected a number, found `{s}`"))
    };
    Ok(match kind {
        Kind::Text => Value::String(text.to_string()),
        Kind::Number => Value::Float(number(text)?),
        Kind::Integer => Value::Integer(
            text.trim()
                .parse::<i64>()
                .map_err(|_| format!("expected a whole number, found `{text}`"))?,
        ),
        Kind::Bool => match text.trim() {
            "true" => Value::Boolean(true),
            "false" => Value::Boolean(false),
            other => return Err(format!("expected true or false, found `{other}`")),
        },
        Kind::List => Value::Array(
            text.split(';')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(|s| Value::String(s.to_string()))
                .collect(),
        ),
        Kind::NumberMap | Kind::TextMap => {
            let mut t = Table::new();
            for part in text.split(';').map(str::trim).filter(|s| !s.is_empty()) {
                let (k, v) = part.split_once(':').ok_or_else(|| {
                    format!("expected key:value pairs separated by `;`, found `{part}`")
                })?;
                let value = match kind {
                    Kind::NumberMap => Value::Float(number(v)?),
                    _ => Value::String(v.trim().to_string()),
                };
                let key = k.trim();
                if t.insert(key.to_string(), value).is_some() {
                    return Err(format!("`{key}` appears twice; each key takes one value"));
                }
            }
            Value::Table(t)
        }
    })
}

/// A value of `kind` for a cell that could not be read: the load fails on
/// that cell's error, and the stand-in keeps the checks after it from
/// reporting the field as missing.
fn stand_in(kind: Kind) -> Value {
    match kind {
        Kind::Text => Value::String(String::new()),
        Kind::Number => Value::Float(1.0),
        Kind::Integer => Value::Integer(1),
        Kind::Bool => Value::Boolean(false),
        Kind::List => Value::Array(Vec::new()),
        Kind::NumberMap | Kind::TextMap => Value::Table(Table::new()),
    }
}

/// Reads one `[[import]]` file into `doc`. Problems are pushed to `errors`;
/// the CSV text is returned as a source for messages.
pub fn import(
    doc: &mut Table,
    entity: Entity,
    csv_path: &Path,
    shown: PathBuf,
    imported: &mut Imported,
    errors: &mut Vec<Diagnostic>,
) -> Option<SourceFile> {
    let text = match read_text(csv_path, &shown) {
        Ok(text) => text,
        Err(d) => {
            errors.push(d);
            return None;
        }
    };
    let source = SourceFile::new(shown.clone(), text);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .from_reader(source.text.as_bytes());
    let header: Vec<String> = match reader.headers() {
        Ok(h) => h.iter().map(|s| s.trim().to_string()).collect(),
        Err(e) => {
            let origin = Origin::File {
                file: shown,
                span: 0..0,
            };
            errors.push(Diagnostic::new(format!("invalid CSV header: {e}")).at(origin));
            return Some(source);
        }
    };
    let csv = Csv {
        entity,
        shared: header.clone().into(),
        file: shown.as_path().into(),
        header,
        source: &source,
        shown: &shown,
    };
    let bad = csv.header_errors();
    if !bad.is_empty() {
        errors.extend(bad);
        return Some(source);
    }
    let table = doc
        .entry(entity.table())
        .or_insert_with(|| Value::Table(Table::new()));
    let Value::Table(table) = table else {
        errors.push(Diagnostic::new(format!(
            "`{}` must be a table to import into",
            entity.table()
        )));
        return Some(source);
    };
    let most = entity.most();
    for record in reader.records() {
        // Counted while reading: rows past the most a scenario may hold
        // are refused before they take memory.
        if table.len() >= most {
            let line = record
                .as_ref()
                .ok()
                .and_then(|r| r.position())
                .map_or(1, |p| p.line() as usize);
            errors.push(
                Diagnostic::new(format!(
                    "`{}` has more {} than a scenario may hold: the most tayoka plans with is {most} (with the scenario's own); reading stopped at row {line}",
                    shown.display(),
                    entity.table()
                ))
                .at(csv.line(line))
                .with_help("split the estate into scenarios, or merge alike rows"),
            );
            imported.stopped = true;
            break;
        }
        match record {
            Ok(r) => csv.import_row(&r, table, imported, errors),
            Err(e) => {
                let line = e.position().map_or(1, |p| p.line() as usize);
                errors.push(Diagnostic::new(format!("invalid CSV row: {e}")).at(csv.line(line)));
            }
        }
    }
    Some(source)
}

/// A CSV file's text, at most [`MAX_CSV_BYTES`] of UTF-8; `shown` names it
/// in messages.
fn read_text(csv_path: &Path, shown: &Path) -> Result<String, Diagnostic> {
    match super::read::read_capped(csv_path, MAX_CSV_BYTES) {
        Ok(Some(bytes)) => String::from_utf8(bytes).map_err(|e| {
            Diagnostic::new(format!(
                "`{}` is not UTF-8 text (invalid byte at offset {})",
                shown.display(),
                e.utf8_error().valid_up_to()
            ))
        }),
        Ok(None) => Err(Diagnostic::new(format!(
            "`{}` is over {MAX_CSV_BYTES} bytes; the largest CSV accepted is {MAX_CSV_BYTES} bytes (an endless stream such as /dev/zero is refused too)",
            shown.display(),
        ))),
        Err(e) => Err(Diagnostic::new(format!(
            "cannot read `{}`: {e}",
            shown.display()
        ))),
    }
}

/// One CSV file being imported: what its rows are, and where they are.
struct Csv<'a> {
    entity: Entity,
    header: Vec<String>,
    /// The header, shared by every row's record of where it came from.
    shared: std::sync::Arc<[String]>,
    /// The file's name in messages, shared the same way.
    file: std::sync::Arc<Path>,
    source: &'a SourceFile,
    shown: &'a Path,
}

impl Csv<'_> {
    fn at(&self, span: Range<usize>) -> Origin {
        Origin::File {
            file: self.shown.to_path_buf(),
            span,
        }
    }

    /// The whole of line `line`.
    fn line(&self, line: usize) -> Origin {
        let start = self.source.line_start(line);
        self.at(start..start + self.source.line_text(line).len())
    }

    /// What is wrong with the header: no `id` column, a column twice, a
    /// column that is no field of the entity.
    fn header_errors(&self) -> Vec<Diagnostic> {
        let (header, fields) = (&self.header, self.entity.fields());
        let spans = field_spans(self.source.line_text(1), 0);
        let column_at = |i: usize| self.at(spans.get(i).cloned().unwrap_or(0..0));
        let mut errors = Vec::new();
        if header.len() > usize::from(u16::MAX) {
            errors.push(
                Diagnostic::new(format!(
                    "`{}` has {} columns; a row has at most {} fields",
                    self.shown.display(),
                    header.len(),
                    fields.len() + 1
                ))
                .at(self.at(0..0)),
            );
            return errors;
        }
        if !header.iter().any(|h| h == "id") {
            errors.push(
                Diagnostic::new(format!("`{}` has no `id` column", self.shown.display()))
                    .at(self.at(0..self.source.line_text(1).len()))
                    .with_help(format!(
                        "the header names the fields: `id`, then any of {}",
                        one_of(fields)
                    )),
            );
        }
        for (i, h) in header.iter().enumerate() {
            if header[..i].contains(h) {
                errors.push(
                    Diagnostic::new(format!(
                        "column `{h}` appears twice in the header; each field takes one column"
                    ))
                    .at(column_at(i)),
                );
            } else if h != "id" && !fields.contains(&h.as_str()) {
                let d = Diagnostic::new(format!(
                    "unknown column `{h}` for {}, expected `id` or one of {}",
                    self.entity.table(),
                    one_of(fields)
                ))
                .at(column_at(i));
                errors.push(match did_you_mean(h, fields.iter().copied()) {
                    Some(close) => d.with_help(format!("did you mean `{close}`?")),
                    None => d,
                });
            }
        }
        errors
    }

    /// One row into `table` (and where it came from into `imported`).
    fn import_row(
        &self,
        record: &csv::StringRecord,
        table: &mut Table,
        imported: &mut Imported,
        errors: &mut Vec<Diagnostic>,
    ) {
        let line = record.position().map_or(1, |p| p.line() as usize);
        let start = self.source.line_start(line);
        let line_text = self.source.line_text(line);
        let spans = field_spans(line_text, start);
        let span_of = |i: usize| {
            spans
                .get(i)
                .cloned()
                .unwrap_or(start..start + line_text.len())
        };
        let mut values: Vec<(u16, Value)> = Vec::with_capacity(record.len());
        let mut id = None;
        let mut cells = Vec::with_capacity(record.len());
        // A line is at most MAX_CSV_BYTES long, so its offsets fit in u32.
        let offset = |at: usize| (at - start) as u32;
        for (i, value) in record.iter().enumerate() {
            let column = &self.header[i];
            let span = span_of(i);
            cells.push((offset(span.start), offset(span.end)));
            let value = value.trim();
            if column == "id" {
                id = Some((value.to_string(), span_of(i)));
            } else if !value.is_empty() {
                // The header has at most u16::MAX columns (checked with it).
                let at = i as u16;
                match convert(kind(self.entity, column), value) {
                    Ok(v) => values.push((at, v)),
                    Err(m) => {
                        errors.push(
                            Diagnostic::new(format!("row {line}, column `{column}`: {m}"))
                                .at(self.at(span_of(i))),
                        );
                        // The field is there, as its error says: no second
                        // error that it is missing.
                        values.push((at, stand_in(kind(self.entity, column))));
                    }
                }
            }
        }
        let Some((id, id_span)) = id else { return };
        let path = format!("{}.{id}", self.entity.table());
        if !is_id(&id) {
            errors.push(
                Diagnostic::new(format!("row {line}: `{id}` is not a valid id: ids start with a letter or digit and use only letters, digits, `_` and `-`"))
                    .at(self.at(id_span)),
            );
        } else if table.contains_key(&id) {
            errors.push(
                Diagnostic::new(format!(
                    "row {line}: `{path}` is defined twice (in the scenario or an earlier row)"
                ))
                .at(self.at(id_span)),
            );
        } else {
            table.insert(id, Value::Table(Table::new()));
            imported.insert(
                path,
                ImportedRow {
                    file: self.file.clone(),
                    line: start..start + line_text.len(),
                    header: self.shared.clone(),
                    cells: cells.into_boxed_slice(),
                    values,
                },
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_split_on_commas_outside_quotes() {
        let spans = field_spans("a,\"b,c\",d", 10);
        assert_eq!(spans, [10..11, 12..17, 18..19]);
    }

    #[test]
    fn cells_become_typed_values() {
        assert_eq!(convert(Kind::Number, "2.5").unwrap(), Value::Float(2.5));
        assert_eq!(
            convert(Kind::List, "a; b;").unwrap(),
            Value::Array(vec![Value::String("a".into()), Value::String("b".into())])
        );
        let Value::Table(t) = convert(Kind::NumberMap, "llm:0.8;gpu:0.9").unwrap() else {
            panic!()
        };
        assert_eq!(t["gpu"], Value::Float(0.9));
        assert!(
            convert(Kind::Number, "lots")
                .unwrap_err()
                .contains("expected a number, found `lots`")
        );
        assert!(
            convert(Kind::NumberMap, "llm=0.8")
                .unwrap_err()
                .contains("key:value")
        );
        assert!(convert(Kind::Bool, "yes").is_err());
    }
}
