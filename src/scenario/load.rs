//! Reading a scenario file: parse, index spans, apply the variant and `--set`
//! overrides, type and validate, turning every problem into a located diagnostic.

use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};
use toml::de::DeTable;
use toml::{Table, Value};

use super::Scenario;
use super::decode::{Problem, Problems, decode};
use super::import::{Entity, Imported, import};
use super::overrides::{AppliedOverride, OverrideError, OverrideSource, PRESETS, SetArg, merge};
use super::spans::{Part, SpanIndex, ancestors};
use super::validate::validate;
use crate::base::error::Error;
use crate::base::lang::Lang;
use crate::base::located::{Diagnostic, Diagnostics, Origin, SourceFile, did_you_mean, one_of};

/// Scenario files larger than this are refused before parsing.
pub const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;

/// What to apply on top of the base scenario.
#[derive(Debug, Clone, Default)]
pub struct LoadOptions {
    /// A variant name from `[variants]`, or a preset such as `@sovereignty`.
    pub variant: Option<String>,
    /// `--set PATH=VALUE` arguments, applied after the variant in order.
    pub sets: Vec<SetArg>,
    /// A pathway year: every `[pathway.changes.Y]` with Y <= year is applied
    /// after the variant and before `--set`, earlier years first.
    pub year: Option<i64>,
    /// `--lang`: the language of texts for people, over `scenario.lang`.
    pub lang: Option<Lang>,
}

impl LoadOptions {
    /// A variant (or none) and `--set` overrides.
    pub fn new(variant: Option<&str>, sets: &[SetArg]) -> Self {
        LoadOptions {
            variant: variant.map(str::to_string),
            sets: sets.to_vec(),
            year: None,
            lang: None,
        }
    }

    /// The same, written in `lang` when one is given.
    pub fn with_lang(self, lang: Option<Lang>) -> Self {
        LoadOptions { lang, ..self }
    }

    /// The same with another variant (a column of `compare`).
    pub fn with_variant(&self, variant: Option<&str>) -> Self {
        LoadOptions {
            variant: variant.map(str::to_string),
            ..self.clone()
        }
    }

    /// The same, for one year of a pathway.
    pub fn in_year(&self, year: i64) -> Self {
        LoadOptions {
            year: Some(year),
            ..self.clone()
        }
    }
}

/// An input file and its SHA-256, for the run record.
#[derive(Debug, Clone, serde::Serialize)]
pub struct InputFile {
    pub path: String,
    pub sha256: String,
}

/// A typed, validated scenario and how it was made.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub scenario: Scenario,
    pub variant: Option<String>,
    /// Every value the variant and `--set` replaced, in the order applied.
    pub overrides: Vec<AppliedOverride>,
    pub inputs: Vec<InputFile>,
    pub sources: Vec<SourceFile>,
    locator: Locator,
}

impl Loaded {
    /// Where a TOML path of the merged document came from.
    pub fn origin(&self, path: &str) -> Origin {
        self.locator.locate(path, Part::Key)
    }

    /// `file:line:col` of a TOML path, or the `--set`/preset it came from.
    pub fn location(&self, path: &str) -> String {
        match self.origin(path) {
            Origin::File { file, span } => {
                let d = Diagnostic::new("").at(Origin::File {
                    file: file.clone(),
                    span,
                });
                d.location(&self.sources)
                    .unwrap_or_else(|| file.display().to_string())
            }
            Origin::Set(arg) => format!("set by --set {arg}"),
            Origin::Preset(name) => format!("preset {name}"),
            Origin::Whole(file) => file.display().to_string(),
        }
    }

    /// The output folder name for this run: the variant, or `base`.
    pub fn variant_label(&self) -> &str {
        self.variant.as_deref().unwrap_or("base")
    }

    /// The `--set` arguments of this run, as given, in order.
    pub fn sets(&self) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        for o in &self.overrides {
            if let OverrideSource::Set(raw) = &o.source
                && out.last() != Some(&raw.as_str())
            {
                out.push(raw);
            }
        }
        out
    }

    /// What names this run and its folder: the variant (or `base`), and
    /// `+` a short hash of the `--set` overrides when there are any, so that a
    /// run with overrides never replaces the plain plan.
    pub fn run_label(&self) -> String {
        labelled(self.variant_label(), &self.sets())
    }

    /// The `--set` overrides as a reader sees them: `--set a=1 --set b=2`.
    pub fn sets_text(&self) -> String {
        let sets: Vec<String> = self.sets().iter().map(|s| format!("--set {s}")).collect();
        sets.join(" ")
    }
}

/// `leaf`, with `+` the [`overrides_tag`] of `sets` when there are any: a
/// run with overrides never takes the plain run's name.
pub fn labelled(leaf: &str, sets: &[&str]) -> String {
    match overrides_tag(sets) {
        Some(tag) => format!("{leaf}+{tag}"),
        None => leaf.to_string(),
    }
}

/// Eight hex digits of the SHA-256 of `--set` arguments (in order), or
/// nothing without any: the same overrides always give the same folder.
pub fn overrides_tag(sets: &[&str]) -> Option<String> {
    if sets.is_empty() {
        return None;
    }
    let digest = Sha256::digest(sets.join("\n").as_bytes());
    Some(format!("{digest:x}")[..8].to_string())
}

/// Reads and loads a scenario file.
pub fn load(path: &Path, opts: &LoadOptions) -> Result<Loaded, Error> {
    let read = |source| Error::Read {
        path: path.to_path_buf(),
        source,
    };
    let Some(bytes) = super::read::read_capped(path, MAX_FILE_BYTES).map_err(read)? else {
        let d = Diagnostic::new(format!(
            "the scenario file is over {MAX_FILE_BYTES} bytes; the largest accepted is {MAX_FILE_BYTES} bytes (an endless stream such as /dev/zero is refused too)"
        ))
        .at(Origin::Whole(path.to_path_buf()));
        return Err(Error::Input(Diagnostics {
            items: vec![d],
            sources: Vec::new(),
        }));
    };
    let text = String::from_utf8(bytes).map_err(|e| {
        let d = Diagnostic::new(format!(
            "the scenario file is not UTF-8 text (invalid byte at offset {})",
            e.utf8_error().valid_up_to()
        ))
        .at(Origin::Whole(path.to_path_buf()));
        Error::Input(Diagnostics {
            items: vec![d],
            sources: Vec::new(),
        })
    })?;
    load_str(path, text, opts)
}

/// Loads a scenario from text; `path` names it in messages.
pub fn load_str(path: &Path, text: String, opts: &LoadOptions) -> Result<Loaded, Error> {
    let source = SourceFile::new(path, text);
    let sha256 = format!("{:x}", Sha256::digest(source.text.as_bytes()));
    let fail = |items: Vec<Diagnostic>, source: &SourceFile| {
        Error::Input(Diagnostics {
            items,
            sources: vec![source.clone()],
        })
    };

    let (index, mut doc) = parse(path, &source).map_err(|items| fail(items, &source))?;

    let mut locator = Locator {
        file: path.to_path_buf(),
        index,
        applied: Vec::new(),
        imported: Imported::new(),
    };
    let mut errors = Vec::new();
    let mut sources = vec![source.clone()];
    let mut inputs = vec![InputFile {
        path: path.display().to_string(),
        sha256,
    }];
    // Import problems are reported with the typed checks' below, all at once.
    let mut import_errors = Vec::new();
    if let Some(imports) = doc.remove("import") {
        import_all(
            &mut doc,
            imports,
            path,
            &mut locator,
            &mut sources,
            &mut inputs,
            &mut import_errors,
        );
        locator.imported.seal();
        if locator.imported.stopped {
            return Err(Error::Input(Diagnostics {
                items: import_errors,
                sources,
            }));
        }
    }
    if let Some(name) = &opts.variant {
        for part in variant_parts(&doc, name) {
            if let Err(d) = apply_variant(&mut doc, part, &mut locator) {
                errors.push(d);
            }
        }
    }
    if let Some(year) = opts.year {
        errors.extend(apply_changes(&mut doc, year, &mut locator));
    }
    errors.extend(apply_sets(&mut doc, &opts.sets, &mut locator));
    let fail_all = |items: Vec<Diagnostic>, sources: &[SourceFile]| {
        Error::Input(Diagnostics {
            items,
            sources: sources.to_vec(),
        })
    };
    if !errors.is_empty() {
        return Err(fail_all(errors, &sources));
    }

    let mut problems = Problems::default();
    // Each imported row's fields are handed over as the row is read; only
    // where its cells stand is kept, for messages.
    let mut imported =
        |path: &str, t: &Table| locator.imported.get_mut(path).map(|row| row.take_fields(t));
    let mut scenario = decode(&doc, &mut imported, &mut problems);
    drop(doc);
    scenario.set_lang(opts.lang.unwrap_or(scenario.meta.lang));
    validate(&scenario, &mut problems);
    if !problems.0.is_empty() || !import_errors.is_empty() {
        let mut items: Vec<Diagnostic> = import_errors
            .into_iter()
            .chain(problems.0.into_iter().map(|p| locator.diagnostic(p)))
            .collect();
        in_file_order(&mut items, &sources);
        return Err(fail_all(items, &sources));
    }
    Ok(Loaded {
        scenario,
        variant: opts.variant.clone(),
        overrides: locator.applied.clone(),
        inputs,
        sources,
        locator,
    })
}

/// The TOML document of `source`, with the span of every key and value;
/// every syntax error at once.
fn parse(path: &Path, source: &SourceFile) -> Result<(SpanIndex, Table), Vec<Diagnostic>> {
    let (parsed, syntax) = DeTable::parse_recoverable(&source.text);
    if !syntax.is_empty() {
        let items = syntax
            .iter()
            .map(|e| syntax_error(path, e.message(), e.span(), &source.text))
            .collect();
        return Err(items);
    }
    let index = SpanIndex::build(parsed.get_ref());
    drop(parsed);
    let doc: Table = source.text.parse().map_err(|e: toml::de::Error| {
        vec![syntax_error(path, e.message(), e.span(), &source.text)]
    })?;
    Ok((index, doc))
}

/// A syntax error of `path`, at its span, or where a parser that ran out of
/// nesting (it gives no position) gave up.
fn syntax_error(
    path: &Path,
    message: &str,
    span: Option<std::ops::Range<usize>>,
    text: &str,
) -> Diagnostic {
    let d = Diagnostic::new(format!("invalid TOML: {}", message.trim_end()));
    let deep = span.is_none().then(|| too_deep(message, text)).flatten();
    let d = match span.or_else(|| deep.clone()) {
        Some(span) => d.at(Origin::File {
            file: path.to_path_buf(),
            span,
        }),
        None => d.at(Origin::Whole(path.to_path_buf())),
    };
    match deep {
        Some(_) => d.with_help(
            "this line nests tables or arrays deeper than the parser follows; a scenario nests a few levels, such as [providers.aws.expand]",
        ),
        None => d,
    }
}

/// Where a parser that ran out of nesting (its message names the recursion
/// limit, with no position) gave up: the line that nests deepest, as a
/// header's dotted keys or as brackets and braces.
fn too_deep(message: &str, text: &str) -> Option<std::ops::Range<usize>> {
    if !message.contains("recursion") {
        return None;
    }
    let mut deepest = (0, 0..0);
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        let body = line.trim_end_matches(['\n', '\r']);
        let (mut depth, mut most, mut quoted) = (0usize, 0usize, false);
        for c in body.chars() {
            match c {
                '"' | '\'' => quoted = !quoted,
                '#' if !quoted => break,
                '[' | '{' if !quoted => depth += 1,
                ']' | '}' if !quoted => depth = depth.saturating_sub(1),
                '.' if !quoted => depth += 1,
                _ => {}
            }
            most = most.max(depth);
        }
        if most > deepest.0 {
            deepest = (most, start..start + body.len());
        }
        start += line.len();
    }
    (deepest.0 > 0).then_some(deepest.1)
}

/// Applies every `--set` to `doc`, after the variant; what each that
/// cannot apply gets wrong.
fn apply_sets(doc: &mut Table, sets: &[SetArg], locator: &mut Locator) -> Vec<Diagnostic> {
    let mut errors = Vec::new();
    for set in sets {
        if set.path == "variants" || set.path.starts_with("variants.") {
            // Variants are applied before `--set`: the value would be ignored.
            let inner = set.path.splitn(3, '.').nth(2).unwrap_or("PATH");
            let name = set.path.split('.').nth(1).unwrap_or("NAME");
            errors.push(
                Diagnostic::new(format!(
                    "`--set {}` cannot change a variant: the variant is applied before --set, so the value would be ignored",
                    set.raw
                ))
                .at(Origin::Set(set.raw.clone()))
                .with_help(format!(
                    "run the variant and override the value: --variant {name} --set {inner}=..."
                )),
            );
            continue;
        }
        let src = OverrideSource::Set(set.raw.clone());
        if let Err(e) = merge(doc, &set.path, &set.value, &src, &mut locator.applied) {
            errors.push(override_diagnostic(e, Origin::Set(set.raw.clone())));
        }
    }
    errors
}

/// Diagnostics in the order of the files and of each file; those from
/// --set or a preset last.
fn in_file_order(items: &mut [Diagnostic], sources: &[SourceFile]) {
    let file_rank = |f: &PathBuf| {
        sources
            .iter()
            .position(|s| &s.path == f)
            .unwrap_or(usize::MAX)
    };
    items.sort_by_key(|d| match &d.origin {
        Some(Origin::File { file, span }) => (0, file_rank(file), span.start),
        _ => (1, 0, 0),
    });
}

fn override_diagnostic(e: OverrideError, origin: Origin) -> Diagnostic {
    let d = Diagnostic::new(e.message).at(origin);
    match e.help {
        Some(h) => d.with_help(h),
        None => d,
    }
}

/// The variants and presets a name applies, in order: `economics+@cost` is
/// the `economics` variant then the `@cost` preset (a variant whose own
/// name holds a `+` is itself).
fn variant_parts<'a>(doc: &Table, name: &'a str) -> Vec<&'a str> {
    let own = doc.get("variants").and_then(|v| v.get(name)).is_some();
    if own || !name.contains('+') {
        vec![name]
    } else {
        name.split('+').map(str::trim).collect()
    }
}

fn apply_variant(doc: &mut Table, name: &str, locator: &mut Locator) -> Result<(), Diagnostic> {
    if let Some((_, objective)) = PRESETS.iter().find(|(p, _)| *p == name) {
        let src = OverrideSource::Preset(name.to_string());
        let value = Value::String((*objective).to_string());
        return merge(doc, "policy.objective", &value, &src, &mut locator.applied)
            .map_err(|e| override_diagnostic(e, Origin::Preset(name.to_string())));
    }
    let variants = match doc.get("variants") {
        Some(Value::Table(t)) => t.clone(),
        _ => Table::new(),
    };
    let Some(Value::Table(body)) = variants.get(name) else {
        let mut known: Vec<&str> = variants.keys().map(String::as_str).collect();
        known.extend(PRESETS.iter().map(|(p, _)| *p));
        let d = Diagnostic::new(format!("unknown variant `{name}`"))
            .at(Origin::Whole(locator.file.clone()));
        let help = match did_you_mean(name, known.iter().copied()) {
            Some(close) => format!("did you mean `{close}`?"),
            None => format!("the known variants are {}", one_of(&known)),
        };
        return Err(d.with_help(help));
    };
    let src = OverrideSource::Variant(name.to_string());
    for (key, value) in body {
        if key == "description" || key == "description_ja" {
            continue;
        }
        merge(doc, key, value, &src, &mut locator.applied).map_err(|e| {
            let origin = locator.variant_origin(name, &e.path, Part::Key);
            override_diagnostic(e, origin)
        })?;
    }
    Ok(())
}

/// Applies `[pathway.changes.Y]` for every Y <= `year`, earlier years first.
fn apply_changes(doc: &mut Table, year: i64, locator: &mut Locator) -> Vec<Diagnostic> {
    let changes = match doc.get("pathway").and_then(|p| p.get("changes")) {
        Some(Value::Table(t)) => t.clone(),
        _ => return Vec::new(),
    };
    let mut years: Vec<(i64, &Table)> = changes
        .iter()
        .filter_map(|(k, v)| Some((k.parse::<i64>().ok()?, v.as_table()?)))
        .filter(|(y, _)| *y <= year)
        .collect();
    years.sort_by_key(|(y, _)| *y);
    let mut errors = Vec::new();
    for (y, body) in years {
        let src = OverrideSource::Change(y.to_string());
        for (key, value) in body {
            let origin = locator.file_origin(&format!("pathway.changes.{y}.{key}"), Part::Key);
            if let Some(why) = refused_change(key, value, y) {
                errors.push(why.at(origin));
                continue;
            }
            if let Err(e) = merge(doc, key, value, &src, &mut locator.applied) {
                errors.push(override_diagnostic(e, origin));
            }
        }
    }
    errors
}

/// Why `key = value` in `[pathway.changes.Y]` (`y`) cannot be applied, if
/// it cannot: it is no path, it names what does not change over a pathway
/// (the scenario's names, the pathway itself, variants, imports), or the
/// objective, which one plan over the years has one of.
fn refused_change(key: &str, value: &Value, y: i64) -> Option<Diagnostic> {
    if key.is_empty() || key.split('.').any(|seg| !super::overrides::is_id(seg)) {
        return Some(
            Diagnostic::new(format!(
                "`{key}` in [pathway.changes.{y}] is not a dotted path of ids: a change names the value it sets"
            ))
            .with_help("e.g. \"providers.sakura.capacity\" = 52560"),
        );
    }
    let root = key.split('.').next().unwrap_or_default();
    if ["scenario", "pathway", "variants", "import"].contains(&root) {
        return Some(
            Diagnostic::new(format!(
                "`{key}` cannot change over a pathway: a change sets a value of the providers, workloads, classes, countries or policy"
            ))
            .with_help("e.g. \"providers.sakura.capacity\" = 52560 or \"policy.budget\" = 4.0e10"),
        );
    }
    let fixed = fixed_over_years(key, value)?;
    Some(
        Diagnostic::new(format!(
            "`{fixed}` cannot change over a pathway: the years are planned for one objective, the scenario's"
        ))
        .with_help("set it in [policy] (or with --set) for every year, or plan the years with different objectives as separate runs"),
    )
}

/// The policy keys that make the objective: a pathway plans all its years
/// for one, so a change may not set them.
const ONE_OBJECTIVE: &[&str] = &["objective", "diversify", "tie_break"];

/// The objective's key that a change of `key` to `value` would set, if any.
fn fixed_over_years(key: &str, value: &Value) -> Option<String> {
    let inner = |t: &Table| {
        ONE_OBJECTIVE
            .iter()
            .find(|k| t.contains_key(**k))
            .map(|k| format!("policy.{k}"))
    };
    match key.strip_prefix("policy.") {
        Some(rest) => ONE_OBJECTIVE
            .contains(&rest.split('.').next().unwrap_or_default())
            .then(|| key.to_string()),
        None if key == "policy" => value.as_table().and_then(inner),
        None => None,
    }
}

/// Reads every `[[import]]` entry into the document.
fn import_all(
    doc: &mut Table,
    imports: Value,
    path: &Path,
    locator: &mut Locator,
    sources: &mut Vec<SourceFile>,
    inputs: &mut Vec<InputFile>,
    errors: &mut Vec<Diagnostic>,
) {
    let Value::Array(items) = imports else {
        let d = Diagnostic::new("`import` must be an array of tables: write each as `[[import]]`");
        errors.push(d.at(locator.file_origin("import", Part::Key)));
        return;
    };
    let dir = path.parent().unwrap_or(Path::new(""));
    for (i, item) in items.iter().enumerate() {
        let at = format!("import.{i}");
        let entry = match item {
            Value::Table(t) if t.len() == 1 => t.iter().next(),
            _ => None,
        };
        let parsed = entry.and_then(|(k, v)| {
            let entity = match k.as_str() {
                "providers" => Entity::Providers,
                "workloads" => Entity::Workloads,
                _ => return None,
            };
            v.as_str().map(|file| (entity, file))
        });
        let Some((entity, file)) = parsed else {
            let d = Diagnostic::new(
                "each `[[import]]` names one CSV file: `workloads = \"data/file.csv\"` or `providers = \"...\"`",
            );
            errors.push(d.at(locator.file_origin(&at, Part::Key)));
            continue;
        };
        let shown = dir.join(file);
        let before = errors.len();
        if let Some(csv) = import(
            doc,
            entity,
            &shown,
            shown.clone(),
            &mut locator.imported,
            errors,
        ) {
            inputs.push(InputFile {
                path: shown.display().to_string(),
                sha256: format!("{:x}", Sha256::digest(csv.text.as_bytes())),
            });
            sources.push(csv);
        }
        // A file that cannot be read is located at its [[import]] entry.
        for d in errors
            .iter_mut()
            .skip(before)
            .filter(|d| d.origin.is_none())
        {
            d.origin = Some(locator.file_origin(&format!("{at}.{}", entity.table()), Part::Value));
        }
    }
}

/// Finds where a path of the merged document came from.
#[derive(Debug, Clone)]
struct Locator {
    file: PathBuf,
    index: SpanIndex,
    applied: Vec<AppliedOverride>,
    /// Cells of imported CSV rows, by entity path.
    imported: Imported,
}

impl Locator {
    fn locate(&self, path: &str, part: Part) -> Origin {
        // The last override that set this path or an ancestor of it wins; a
        // table the base lacks came from an override that set something in it.
        let base_has = self.index.get(path).is_some();
        let from_override = self.applied.iter().rev().find(|o| {
            ancestors(path).any(|a| a == o.path)
                || (!base_has && o.path.starts_with(&format!("{path}.")))
        });
        match from_override.map(|o| (&o.source, &o.path)) {
            Some((OverrideSource::Set(raw), _)) => Origin::Set(raw.clone()),
            Some((OverrideSource::Preset(name), _)) => Origin::Preset(name.clone()),
            Some((OverrideSource::Variant(name), _)) => self.variant_origin(name, path, part),
            // The change's own key in `[pathway.changes.<year>]`.
            Some((OverrideSource::Change(year), key)) => {
                self.file_origin(&format!("pathway.changes.{year}.{key}"), part)
            }
            None if !base_has => self
                .imported_origin(path)
                .unwrap_or_else(|| self.file_origin(path, part)),
            None => self.file_origin(path, part),
        }
    }

    /// The CSV cell (or row) an imported entity's field came from.
    fn imported_origin(&self, path: &str) -> Option<Origin> {
        let mut parts = path.splitn(3, '.');
        let entity = format!("{}.{}", parts.next()?, parts.next()?);
        let row = self.imported.get(&entity)?;
        let field = parts.next().map(|f| f.split('.').next().unwrap_or(f));
        let span = field
            .and_then(|f| row.cell(f))
            .unwrap_or_else(|| row.line.clone());
        Some(Origin::File {
            file: row.file(),
            span,
        })
    }

    fn variant_origin(&self, name: &str, path: &str, part: Part) -> Origin {
        self.file_origin(&format!("variants.{name}.{path}"), part)
    }

    fn file_origin(&self, path: &str, part: Part) -> Origin {
        match self.index.nearest(path, part) {
            Some(span) => Origin::File {
                file: self.file.clone(),
                span,
            },
            None => Origin::Whole(self.file.clone()),
        }
    }

    fn diagnostic(&self, p: Problem) -> Diagnostic {
        let path = if p.path.is_empty() {
            "scenario"
        } else {
            p.path.as_str()
        };
        let mut d = Diagnostic::new(p.message).at(self.locate(path, p.part));
        // A table's value that an override merged into: the override's line,
        // and what the merge did.
        if p.part == Part::Value
            && self.index.get(path).is_some()
            && let Some(o) = self
                .applied
                .iter()
                .rev()
                .find(|o| o.path.starts_with(&format!("{path}.")))
        {
            d = d.at(self.locate(&o.path, Part::Key)).with_note(format!(
                "{} sets `{}` = {}; overrides merge into a table key by key, so `{path}` keeps the keys it had (set them to 0 to drop them)",
                o.source, o.path, o.value
            ));
        }
        match p.help {
            Some(h) => d.with_help(h),
            None => d,
        }
    }
}
