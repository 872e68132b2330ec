//! Raw TOML document -> typed [`Scenario`], collecting every problem at once.
//!
//! Written by hand rather than with serde so that one pass reports every
//! unknown key, wrong type and out-of-range number, each with its TOML path.

use std::collections::BTreeMap;

use toml::{Table, Value};

use super::overrides::is_id;
use super::spans::{Part, join};
use super::{
    Dimension, Limit, Meta, Objective, Policy, Provider, Scenario, Scope, Survive, TieBreak,
    Workload,
};
use crate::base::located::{did_you_mean, one_of};
use names::{decode_class, decode_country, decode_meta, decode_variants};

mod economics;
mod names;
mod pathway;
pub use pathway::MAX_YEARS;

/// A problem found while typing the document, located by TOML path.
#[derive(Debug, Clone)]
pub struct Problem {
    pub path: String,
    pub part: Part,
    pub message: String,
    pub help: Option<String>,
}

#[derive(Default)]
pub struct Problems(pub Vec<Problem>);

impl Problems {
    pub fn push(&mut self, path: &str, part: Part, message: impl Into<String>) {
        self.0.push(Problem {
            path: path.to_string(),
            part,
            message: message.into(),
            help: None,
        });
    }

    pub fn push_help(
        &mut self,
        path: &str,
        part: Part,
        message: impl Into<String>,
        help: impl Into<String>,
    ) {
        self.0.push(Problem {
            path: path.to_string(),
            part,
            message: message.into(),
            help: Some(help.into()),
        });
    }
}

/// Names no variant may take: each is already an output folder of the
/// scenario (`base` is the plan without a variant; the rest are analyses).
pub const RESERVED_VARIANTS: &[&str] = &[
    "base",
    "compare",
    "sweep",
    "frontier",
    "stress",
    "pathway",
    "alternatives",
    "tradeoff",
];

/// The keys each table accepts (their own file: the schema reads them too).
pub use super::keys;

/// The largest number a scenario may hold: beyond it, products such as price
/// x demand lose precision or overflow.
pub const MAX_MAGNITUDE: f64 = 1e15;

/// The smallest non-zero number a scenario may hold: below it (subnormal
/// numbers among them) no planning figure means anything, and the solver's
/// arithmetic breaks down.
pub const MIN_MAGNITUDE: f64 = 1e-300;

/// The highest sovereignty (assurance) level, as in the EU's SEAL-0..SEAL-4.
pub const MAX_SOVEREIGNTY: u32 = 4;

pub(super) fn type_name(v: &Value) -> &'static str {
    match v {
        Value::String(_) => "a string",
        Value::Integer(_) => "an integer",
        Value::Float(_) => "a float",
        Value::Boolean(_) => "a boolean",
        Value::Datetime(_) => "a date-time",
        Value::Array(_) => "an array",
        Value::Table(_) => "a table",
    }
}

/// The keys of one table, read one at a time; what is left over is unknown.
struct Fields<'t> {
    path: String,
    table: &'t Table,
    expected: &'static [&'static str],
}

impl<'t> Fields<'t> {
    fn new(path: &str, table: &'t Table, expected: &'static [&'static str]) -> Self {
        Fields {
            path: path.to_string(),
            table,
            expected,
        }
    }

    fn at(&self, key: &str) -> String {
        join(&self.path, key)
    }

    fn get(&self, key: &str) -> Option<&'t Value> {
        // An empty list marks a map whose keys are free (capabilities, current).
        debug_assert!(
            self.expected.is_empty() || self.expected.contains(&key),
            "{key} not in expected keys"
        );
        self.table.get(key)
    }

    fn wrong_type(&self, p: &mut Problems, key: &str, v: &Value, want: &str) {
        p.push(
            &self.at(key),
            Part::Value,
            format!("`{}` must be {want}, found {}", self.at(key), type_name(v)),
        );
    }

    fn string(&self, p: &mut Problems, key: &str) -> Option<String> {
        match self.get(key)? {
            Value::String(s) => Some(s.clone()),
            v => {
                self.wrong_type(p, key, v, "a string");
                None
            }
        }
    }

    fn required<T>(&self, p: &mut Problems, key: &str, got: Option<T>) -> Option<T> {
        if got.is_none() && self.get(key).is_none() {
            p.push(
                &self.path,
                Part::Key,
                format!("`{}` is missing the required field `{key}`", self.path),
            );
        }
        got
    }

    fn number(&self, p: &mut Problems, key: &str) -> Option<f64> {
        let x = match self.get(key)? {
            Value::Integer(i) => *i as f64,
            Value::Float(f) => *f,
            v => {
                self.wrong_type(p, key, v, "a number");
                return None;
            }
        };
        if x.is_finite() && x.abs() > MAX_MAGNITUDE {
            p.push(
                &self.at(key),
                Part::Value,
                format!("`{}` is too large: {x:e}; numbers in a scenario are at most {MAX_MAGNITUDE:e} in size", self.at(key)),
            );
            return None;
        }
        if !x.is_finite() {
            p.push(
                &self.at(key),
                Part::Value,
                format!("`{}` must be a finite number, found {x}", self.at(key)),
            );
            return None;
        }
        if x != 0.0 && x.abs() < MIN_MAGNITUDE {
            p.push(
                &self.at(key),
                Part::Value,
                format!("`{}` is too small to mean anything: {x:e}; a number in a scenario is 0 or at least {MIN_MAGNITUDE:e} in size", self.at(key)),
            );
            return None;
        }
        Some(x)
    }

    /// A number >= 0.
    fn amount(&self, p: &mut Problems, key: &str) -> Option<f64> {
        let x = self.number(p, key)?;
        if x < 0.0 {
            p.push(
                &self.at(key),
                Part::Value,
                format!("`{}` must be >= 0, found {x}", self.at(key)),
            );
            return None;
        }
        Some(x)
    }

    /// A number in [0, 1].
    fn fraction(&self, p: &mut Problems, key: &str) -> Option<f64> {
        let x = self.number(p, key)?;
        if !(0.0..=1.0).contains(&x) {
            p.push(
                &self.at(key),
                Part::Value,
                format!(
                    "`{}` is a fraction and must be in [0, 1], found {x}",
                    self.at(key)
                ),
            );
            return None;
        }
        Some(x)
    }

    fn integer(&self, p: &mut Problems, key: &str, min: u32, max: u32) -> Option<u32> {
        let v = self.get(key)?;
        let Value::Integer(i) = v else {
            self.wrong_type(p, key, v, "a whole number");
            return None;
        };
        if *i < i64::from(min) || *i > i64::from(max) {
            let range = if max == u32::MAX && *i < i64::from(min) {
                format!(">= {min}")
            } else {
                format!("a whole number in {min}..={max}")
            };
            p.push(
                &self.at(key),
                Part::Value,
                format!("`{}` must be {range}, found {i}", self.at(key)),
            );
            return None;
        }
        u32::try_from(*i).ok()
    }

    fn boolean(&self, p: &mut Problems, key: &str) -> Option<bool> {
        match self.get(key)? {
            Value::Boolean(b) => Some(*b),
            v => {
                self.wrong_type(p, key, v, "true or false");
                None
            }
        }
    }

    fn strings(&self, p: &mut Problems, key: &str) -> Option<Vec<String>> {
        let v = self.get(key)?;
        let Value::Array(items) = v else {
            self.wrong_type(p, key, v, "an array of strings");
            return None;
        };
        let mut out = Vec::with_capacity(items.len());
        for (i, item) in items.iter().enumerate() {
            match item {
                Value::String(s) => out.push(s.clone()),
                other => p.push(
                    &format!("{}.{i}", self.at(key)),
                    Part::Value,
                    format!(
                        "`{}` must hold only strings, found {}",
                        self.at(key),
                        type_name(other)
                    ),
                ),
            }
        }
        Some(out)
    }

    fn table(&self, p: &mut Problems, key: &str) -> Option<&'t Table> {
        match self.get(key)? {
            Value::Table(t) => Some(t),
            v => {
                self.wrong_type(p, key, v, "a table");
                None
            }
        }
    }

    /// An inline table of fractions, such as `capabilities = { llm = 0.8 }`.
    fn fractions(&self, p: &mut Problems, key: &str) -> BTreeMap<String, f64> {
        self.numbers(p, key, Fields::fraction)
    }

    /// An inline table of numbers keyed by id, each read by `read`.
    fn numbers(
        &self,
        p: &mut Problems,
        key: &str,
        read: fn(&Fields<'t>, &mut Problems, &str) -> Option<f64>,
    ) -> BTreeMap<String, f64> {
        let Some(t) = self.table(p, key) else {
            return BTreeMap::new();
        };
        let inner = Fields {
            path: self.at(key),
            table: t,
            expected: &[],
        };
        t.keys()
            .filter_map(|k| read(&inner, p, k).map(|x| (k.clone(), x)))
            .collect()
    }

    /// An inline table of strings, such as `tags = { chips = "NVIDIA" }`.
    fn string_map(&self, p: &mut Problems, key: &str) -> BTreeMap<String, String> {
        let Some(t) = self.table(p, key) else {
            return BTreeMap::new();
        };
        let mut out = BTreeMap::new();
        for (k, v) in t {
            match v {
                Value::String(s) => {
                    out.insert(k.clone(), s.clone());
                }
                other => p.push(
                    &join(&self.at(key), k),
                    Part::Value,
                    format!(
                        "`{}` must be a string, found {}",
                        join(&self.at(key), k),
                        type_name(other)
                    ),
                ),
            }
        }
        out
    }

    fn enumerated<T>(
        &self,
        p: &mut Problems,
        key: &str,
        names: &[&str],
        parse: impl Fn(&str) -> Option<T>,
    ) -> Option<T> {
        let s = self.string(p, key)?;
        let got = parse(&s);
        if got.is_none() {
            let msg = format!(
                "`{}` must be one of {}, found `{s}`",
                self.at(key),
                one_of(names)
            );
            match did_you_mean(&s, names.iter().copied()) {
                Some(close) => p.push_help(
                    &self.at(key),
                    Part::Value,
                    msg,
                    format!("did you mean `{close}`?"),
                ),
                None => p.push(&self.at(key), Part::Value, msg),
            }
        }
        got
    }

    /// Reports every key that is not expected, with the expected list.
    fn finish(self, p: &mut Problems) {
        for key in self.table.keys() {
            if self.expected.contains(&key.as_str()) {
                continue;
            }
            let within = if self.path.is_empty() {
                "the scenario".to_string()
            } else {
                format!("`{}`", self.path)
            };
            let message = format!(
                "unknown field `{key}` in {within}, expected one of {}",
                one_of(self.expected)
            );
            match did_you_mean(key, self.expected.iter().copied()) {
                Some(close) => p.push_help(
                    &self.at(key),
                    Part::Key,
                    message,
                    format!("did you mean `{close}`?"),
                ),
                None => p.push(&self.at(key), Part::Key, message),
            }
        }
    }
}

/// The entries of an id-keyed table such as `[providers]`, each a table.
fn entities<'t>(
    p: &mut Problems,
    path: &str,
    v: Option<&'t Value>,
) -> Vec<(&'t String, &'t Table)> {
    let Some(v) = v else { return Vec::new() };
    let Value::Table(t) = v else {
        p.push(
            path,
            Part::Value,
            format!(
                "`{path}` must be a table of tables keyed by id, found {}",
                type_name(v)
            ),
        );
        return Vec::new();
    };
    let mut out = Vec::new();
    for (id, entry) in t {
        let at = join(path, id);
        if !is_id(id) {
            p.push(
                &at,
                Part::Key,
                format!("`{id}` is not a valid id: ids start with a letter or digit and use only letters, digits, `_` and `-`"),
            );
            continue;
        }
        match entry {
            Value::Table(e) => out.push((id, e)),
            other => p.push(
                &at,
                Part::Value,
                format!("`{at}` must be a table, found {}", type_name(other)),
            ),
        }
    }
    out
}

/// `imported(path, table)`: the whole fields of the imported entity at
/// `path` (`workloads.w1`), whose table in the document holds only what
/// overrides merged into it; `None` for an entity of the document itself.
/// Imported rows are kept beside the document and read one at a time.
/// It may hand each row's fields over once (they are read once).
pub type ImportedFields<'a> = &'a mut dyn FnMut(&str, &Table) -> Option<Table>;

/// Types the merged document, as far as it can: a field with a problem gets
/// its default, so that validation can still look at everything else.
pub fn decode(doc: &Table, imported: ImportedFields<'_>, p: &mut Problems) -> Scenario {
    let mut fields = |kind: &str, id: &str, t: &Table| imported(&join(kind, id), t);
    let top = Fields::new("", doc, keys::TOP);

    let meta = match top.table(p, "scenario") {
        Some(t) => decode_meta(t, p),
        None => {
            if doc.get("scenario").is_none() {
                p.push_help(
                    "",
                    Part::Key,
                    "the scenario has no `[scenario]` table",
                    "add `[scenario]` with at least `name = \"...\"` and `home = \"JP\"`",
                );
            }
            None
        }
    };
    let countries = entities(p, "countries", top.get("countries"))
        .into_iter()
        .map(|(id, t)| (id.clone(), decode_country(&join("countries", id), t, p)))
        .collect();
    let classes = entities(p, "classes", top.get("classes"))
        .into_iter()
        .map(|(id, t)| (id.clone(), decode_class(&join("classes", id), t, p)))
        .collect();
    let providers: Vec<Provider> = entities(p, "providers", top.get("providers"))
        .into_iter()
        .map(|(id, t)| {
            let full = fields("providers", id, t);
            decode_provider(id, full.as_ref().unwrap_or(t), p)
        })
        .collect();
    let workloads: Vec<Workload> = entities(p, "workloads", top.get("workloads"))
        .into_iter()
        .map(|(id, t)| {
            let full = fields("workloads", id, t);
            decode_workload(id, full.as_ref().unwrap_or(t), p)
        })
        .collect();
    let policy = decode_policy(top.table(p, "policy").unwrap_or(&Table::new()), p);
    let pathway = top
        .table(p, "pathway")
        .and_then(|t| pathway::decode_pathway(t, p));
    let mut named = entities(p, "variants", top.get("variants"));
    named.retain(|(id, _)| {
        let reserved = RESERVED_VARIANTS.contains(&id.as_str());
        if reserved {
            p.push_help(
                &join("variants", id),
                Part::Key,
                format!("`{id}` cannot name a variant: `{id}` already names an output folder of the scenario (the plan without a variant, or an analysis)"),
                format!("rename it; these names are taken: {}", RESERVED_VARIANTS.join(", ")),
            );
        }
        !reserved
    });
    let (variants, variants_ja) = decode_variants(named, p);
    top.finish(p);
    Scenario {
        meta: meta.unwrap_or_else(|| Meta {
            name: String::new(),
            title: None,
            home: String::new(),
            unit: String::new(),
            currency: String::new(),
            lang: Default::default(),
            title_ja: None,
            unit_ja: None,
            fiscal_years: false,
            names_ja: Default::default(),
        }),
        countries,
        classes,
        providers,
        workloads,
        policy,
        variants,
        variants_ja,
        pathway,
    }
}

fn decode_provider(id: &str, t: &Table, p: &mut Problems) -> Provider {
    let f = Fields::new(&join("providers", id), t, keys::PROVIDER);
    let country = f.string(p, "country");
    let country = f.required(p, "country", country);
    let capacity = f.amount(p, "capacity");
    let capacity = f.required(p, "capacity", capacity);
    let price = f.amount(p, "price");
    let price = f.required(p, "price", price);
    let provider = Provider {
        id: id.to_string(),
        name: f.string(p, "name").unwrap_or_else(|| id.to_string()),
        name_ja: f.string(p, "name_ja"),
        company: f.string(p, "company").unwrap_or_else(|| id.to_string()),
        company_ja: f.string(p, "company_ja"),
        regions: f
            .strings(p, "regions")
            .unwrap_or_else(|| country.iter().cloned().collect()),
        country: country.unwrap_or_default(),
        capacity: capacity.unwrap_or(0.0),
        price: price.unwrap_or(0.0),
        sovereignty: f.integer(p, "sovereignty", 0, MAX_SOVEREIGNTY).unwrap_or(0),
        certifications: f.strings(p, "certifications").unwrap_or_default(),
        capabilities: f.fractions(p, "capabilities"),
        tags: f.string_map(p, "tags"),
        surge: f.amount(p, "surge").unwrap_or(0.0),
        outage: f.fraction(p, "outage").unwrap_or(0.0),
        exit_cost: f.amount(p, "exit_cost").unwrap_or(0.0),
        expand: f
            .table(p, "expand")
            .and_then(|t| pathway::decode_expand(&f.at("expand"), t, p)),
        contract_cost: f.amount(p, "contract_cost").unwrap_or(0.0),
        min_volume: f.amount(p, "min_volume").unwrap_or(0.0),
        discounts: economics::decode_discounts(&f, p),
    };
    f.finish(p);
    provider
}

fn decode_workload(id: &str, t: &Table, p: &mut Problems) -> Workload {
    let path = join("workloads", id);
    let f = Fields::new(&path, t, keys::WORKLOAD);
    let capability = f.string(p, "capability");
    let capability = f.required(p, "capability", capability);
    let demand = f.number(p, "demand");
    let demand = f.required(p, "demand", demand);
    if let Some(d) = demand
        && d <= 0.0
    {
        p.push(
            &f.at("demand"),
            Part::Value,
            format!("`{}` must be > 0, found {d}", f.at("demand")),
        );
    }
    let weight = f.amount(p, "weight");
    if weight == Some(0.0) {
        p.push(
            &f.at("weight"),
            Part::Value,
            format!("`{}` must be > 0, found 0", f.at("weight")),
        );
    }
    let workload = Workload {
        id: id.to_string(),
        name: f.string(p, "name").unwrap_or_else(|| id.to_string()),
        name_ja: f.string(p, "name_ja"),
        owner: f.string(p, "owner"),
        owner_ja: f.string(p, "owner_ja"),
        capability: capability.unwrap_or_default(),
        min_quality: f.fraction(p, "min_quality").unwrap_or(0.0),
        demand: demand.unwrap_or(1.0),
        class: f.string(p, "class"),
        data: f.strings(p, "data").unwrap_or_default(),
        critical: f.boolean(p, "critical").unwrap_or(false),
        priority: f.amount(p, "priority").unwrap_or(1.0),
        weight: weight.unwrap_or(1.0),
        only: f.strings(p, "only"),
        exclude: f.strings(p, "exclude").unwrap_or_default(),
        max_provider_fraction: f.fraction(p, "max_provider_fraction"),
        min_providers: f.integer(p, "min_providers", 1, u32::MAX),
        max_providers: f.integer(p, "max_providers", 1, u32::MAX),
        current: f.fractions(p, "current"),
        prices: f.numbers(p, "prices", Fields::amount),
    };
    f.finish(p);
    workload
}

fn dimensions(f: &Fields<'_>, p: &mut Problems, key: &str) -> Option<Vec<Dimension>> {
    let names = f.strings(p, key)?;
    let mut out: Vec<Dimension> = Vec::new();
    for (i, n) in names.iter().enumerate() {
        let d = Dimension::parse(n);
        if out.contains(&d) {
            p.push(
                &format!("{}.{i}", f.at(key)),
                Part::Value,
                format!("dimension `{n}` is listed twice in `{}`", f.at(key)),
            );
        } else {
            out.push(d);
        }
    }
    Some(out)
}

fn default_dimensions() -> Vec<Dimension> {
    vec![Dimension::Provider, Dimension::Company, Dimension::Country]
}

fn decode_policy(t: &Table, p: &mut Problems) -> Policy {
    let f = Fields::new("policy", t, keys::POLICY);
    let limits = entities(p, "policy.limits", f.get("limits"))
        .into_iter()
        .map(|(id, t)| decode_limit(id, t, p))
        .collect();
    let survive = f.table(p, "survive").map(|t| {
        let s = Fields::new("policy.survive", t, keys::SURVIVE);
        let min_served = s.fraction(p, "min_served");
        let dims = dimensions(&s, p, "dimensions").unwrap_or_else(default_dimensions);
        s.finish(p);
        Survive {
            dimensions: dims,
            min_served,
        }
    });
    let policy = Policy {
        objective: f
            .enumerated(p, "objective", &Objective::NAMES, Objective::parse)
            .unwrap_or(Objective::Diversify),
        diversify: dimensions(&f, p, "diversify").unwrap_or_else(default_dimensions),
        count_home: f.boolean(p, "count_home").unwrap_or(false),
        tie_break: f
            .enumerated(p, "tie_break", &["cost", "balance"], |s| match s {
                "cost" => Some(TieBreak::Cost),
                "balance" => Some(TieBreak::Balance),
                _ => None,
            })
            .unwrap_or(TieBreak::Cost),
        budget: f.amount(p, "budget"),
        min_allocation_fraction: f.fraction(p, "min_allocation_fraction"),
        mosaic_max_categories: f.integer(p, "mosaic_max_categories", 0, u32::MAX),
        max_change: f.fraction(p, "max_change"),
        max_contracts: f.integer(p, "max_contracts", 0, u32::MAX),
        limits,
        survive,
    };
    f.finish(p);
    policy
}

fn decode_limit(id: &str, t: &Table, p: &mut Problems) -> Limit {
    let path = join("policy.limits", id);
    let f = Fields::new(&path, t, keys::LIMIT);
    let dimension = f.string(p, "dimension");
    let dimension = f.required(p, "dimension", dimension);
    let limit = Limit {
        id: id.to_string(),
        dimension: Dimension::parse(&dimension.unwrap_or_default()),
        value: f.string(p, "value"),
        max_share: f.fraction(p, "max_share"),
        min_share: f.fraction(p, "min_share"),
        max_amount: f.amount(p, "max_amount"),
        min_amount: f.amount(p, "min_amount"),
        scope: f
            .enumerated(p, "scope", &["all", "critical"], |s| match s {
                "all" => Some(Scope::All),
                "critical" => Some(Scope::Critical),
                _ => None,
            })
            .unwrap_or(Scope::All),
    };
    const BOUNDS: [&str; 4] = ["max_share", "min_share", "max_amount", "min_amount"];
    if !BOUNDS.iter().any(|k| t.contains_key(*k)) {
        p.push_help(
            &path,
            Part::Key,
            format!("limit `{id}` sets none of `max_share`, `min_share`, `max_amount`, `min_amount`"),
            "add `max_share = 0.5` (at most half), `min_share = 0.3` (at least 30%) or `max_amount = 90000` (in scenario.unit)",
        );
    }
    let shares = BOUNDS[..2].iter().find(|k| t.contains_key(**k));
    if let (Some(share), Some(amount)) = (shares, BOUNDS[2..].iter().find(|k| t.contains_key(**k)))
    {
        p.push_help(
            &join(&path, amount),
            Part::Key,
            format!(
                "limit `{id}` sets both `{share}` and `{amount}`; a limit bounds shares or amounts"
            ),
            "split it into two limits, one on shares and one on amounts",
        );
    }
    f.finish(p);
    limit
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problems(text: &str) -> Vec<Problem> {
        let doc: Table = text.parse().unwrap();
        let mut p = Problems::default();
        decode(&doc, &mut |_, _| None, &mut p);
        p.0
    }

    #[test]
    fn every_problem_is_reported_at_once() {
        let ps = problems(
            "[scenario]\nname = \"x\"\nhome = \"JP\"\n[providers.a]\ncountry = \"JP\"\ncapcity = 1\nprice = -1\n[workloads.w]\ncapability = \"llm\"\ndemand = 0\n",
        );
        let msgs: Vec<&str> = ps.iter().map(|p| p.message.as_str()).collect();
        assert!(
            msgs.iter()
                .any(|m| m.starts_with("unknown field `capcity` in `providers.a`")),
            "{msgs:?}"
        );
        assert!(
            msgs.contains(&"`providers.a` is missing the required field `capacity`"),
            "{msgs:?}"
        );
        assert!(
            msgs.contains(&"`providers.a.price` must be >= 0, found -1"),
            "{msgs:?}"
        );
        assert!(
            msgs.contains(&"`workloads.w.demand` must be > 0, found 0"),
            "{msgs:?}"
        );
        let cap = ps.iter().find(|p| p.path == "providers.a.capcity").unwrap();
        assert_eq!(cap.help.as_deref(), Some("did you mean `capacity`?"));
    }

    #[test]
    fn non_finite_numbers_and_wrong_types_are_named() {
        let ps = problems(
            "[scenario]\nname = \"x\"\nhome = \"JP\"\n[providers.a]\ncountry = \"JP\"\ncapacity = nan\nprice = \"cheap\"\n",
        );
        let msgs: Vec<&str> = ps.iter().map(|p| p.message.as_str()).collect();
        assert!(
            msgs.contains(&"`providers.a.capacity` must be a finite number, found NaN"),
            "{msgs:?}"
        );
        assert!(
            msgs.contains(&"`providers.a.price` must be a number, found a string"),
            "{msgs:?}"
        );
    }
}
