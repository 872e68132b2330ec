//! Variants, presets and `--set`: values deep-merged onto the raw document
//! before it is typed, each remembered with where it came from.

use std::str::FromStr;

use serde::Serialize;
use toml::{Table, Value};

use super::spans::{join, parent};
use crate::base::located::{did_you_mean, one_of};

/// Built-in strategy presets: each sets `policy.objective` only.
pub const PRESETS: [(&str, &str); 4] = [
    ("@diversify", "diversify"),
    ("@sovereignty", "sovereignty"),
    ("@cost", "cost"),
    ("@resilience", "resilience"),
];

/// Tables whose keys are ids: a variant may add an entity to them.
const COLLECTIONS: [&str; 5] = [
    "providers",
    "workloads",
    "classes",
    "countries",
    "policy.limits",
];
/// Optional sections an override may create when the base file lacks them.
const OPTIONAL_TABLES: [&str; 5] = [
    "policy",
    "policy.limits",
    "policy.survive",
    "countries",
    "classes",
];
/// Per-entity maps an override may create.
const ENTITY_MAPS: [(&str, &str); 4] = [
    ("providers", "capabilities"),
    ("providers", "tags"),
    ("workloads", "current"),
    ("workloads", "prices"),
];

/// One `--set PATH=VALUE` argument.
#[derive(Debug, Clone, PartialEq)]
pub struct SetArg {
    pub path: String,
    pub value: Value,
    /// The argument as given, for messages and the run record.
    pub raw: String,
}

impl FromStr for SetArg {
    type Err = String;

    /// VALUE is read as a TOML value (`0.35`, `true`, `["JP"]`, `"x"`); anything
    /// that is not one is taken as a bare string, so `objective=cost` works.
    fn from_str(s: &str) -> Result<Self, String> {
        let (path, raw_value) = s.split_once('=').ok_or_else(|| {
            format!("`{s}` is not PATH=VALUE (for example providers.aws.capacity=0)")
        })?;
        let path = path.trim();
        if path.is_empty() || path.split('.').any(|seg| !is_id(seg)) {
            return Err(format!(
                "`{path}` is not a dotted path of ids (for example policy.limits.any-provider.max_share)"
            ));
        }
        let raw_value = raw_value.trim();
        let value = format!("v = {raw_value}")
            .parse::<Table>()
            .ok()
            .and_then(|mut t| t.remove("v"))
            .unwrap_or_else(|| Value::String(raw_value.to_string()));
        Ok(SetArg {
            path: path.to_string(),
            value,
            raw: s.to_string(),
        })
    }
}

/// Ids match `[A-Za-z0-9][A-Za-z0-9_-]*`.
pub fn is_id(s: &str) -> bool {
    let mut chars = s.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphanumeric())
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
}

/// Where an override came from.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", content = "name", rename_all = "lowercase")]
pub enum OverrideSource {
    Variant(String),
    Preset(String),
    Set(String),
    /// `[pathway.changes.<year>]`, by year.
    Change(String),
}

impl std::fmt::Display for OverrideSource {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            OverrideSource::Variant(v) => write!(f, "variant {v}"),
            OverrideSource::Preset(p) => write!(f, "preset {p}"),
            OverrideSource::Set(a) => write!(f, "--set {a}"),
            OverrideSource::Change(y) => write!(f, "[pathway.changes.{y}]"),
        }
    }
}

/// A value that replaced (or added to) the base document.
#[derive(Debug, Clone, Serialize)]
pub struct AppliedOverride {
    pub path: String,
    pub value: Value,
    pub source: OverrideSource,
}

/// A problem applying an override: its message and the path it concerns.
#[derive(Debug)]
pub struct OverrideError {
    pub path: String,
    pub message: String,
    pub help: Option<String>,
}

/// Merges `value` at `path` into `doc`, recording every leaf it sets.
pub fn merge(
    doc: &mut Table,
    path: &str,
    value: &Value,
    source: &OverrideSource,
    applied: &mut Vec<AppliedOverride>,
) -> Result<(), OverrideError> {
    let segments: Vec<&str> = path.split('.').collect();
    let mut table = doc;
    let mut here = String::new();
    for seg in &segments[..segments.len() - 1] {
        let parent_path = here.clone();
        here = join(&here, seg);
        if !table.contains_key(*seg) {
            if !may_create(&here, &parent_path, source) {
                return Err(missing(&here, &parent_path, table));
            }
            table.insert(seg.to_string(), Value::Table(Table::new()));
        }
        table = match table.get_mut(*seg) {
            Some(Value::Table(t)) => t,
            _ => {
                return Err(OverrideError {
                    path: here.clone(),
                    message: format!("`{here}` is a value, not a table, so `{path}` cannot be set"),
                    help: None,
                });
            }
        };
    }
    let last = segments[segments.len() - 1];
    merge_into(table, &here, last, value, source, applied)
}

fn merge_into(
    table: &mut Table,
    parent_path: &str,
    key: &str,
    value: &Value,
    source: &OverrideSource,
    applied: &mut Vec<AppliedOverride>,
) -> Result<(), OverrideError> {
    let path = join(parent_path, key);
    match (table.get_mut(key), value) {
        (Some(Value::Table(base)), Value::Table(over)) => {
            for (k, v) in over {
                merge_into(base, &path, k, v, source, applied)?;
            }
        }
        (None, Value::Table(over)) => {
            if !may_create(&path, parent_path, source) {
                return Err(missing(&path, parent_path, table));
            }
            let mut fresh = Table::new();
            for (k, v) in over {
                merge_into(&mut fresh, &path, k, v, source, applied)?;
            }
            table.insert(key.to_string(), Value::Table(fresh));
        }
        _ => {
            // A scalar or an array replaces the base value whole.
            table.insert(key.to_string(), value.clone());
            applied.push(AppliedOverride {
                path,
                value: value.clone(),
                source: source.clone(),
            });
        }
    }
    Ok(())
}

/// Whether an override may create the missing table at `path`.
fn may_create(path: &str, parent_path: &str, source: &OverrideSource) -> bool {
    if OPTIONAL_TABLES.contains(&path) {
        return true;
    }
    // A variant may add a whole entity; `--set` only changes what exists.
    if COLLECTIONS.contains(&parent_path) {
        return !matches!(source, OverrideSource::Set(_) | OverrideSource::Change(_));
    }
    let key = path.rsplit('.').next().unwrap_or(path);
    let owner = parent(parent_path).unwrap_or("");
    ENTITY_MAPS
        .iter()
        .any(|&(collection, map)| owner == collection && key == map)
}

fn missing(path: &str, parent_path: &str, table: &Table) -> OverrideError {
    let key = path.rsplit('.').next().unwrap_or(path);
    let known: Vec<&str> = table.keys().map(String::as_str).collect();
    let within = if parent_path.is_empty() {
        "the scenario".to_string()
    } else {
        format!("`{parent_path}`")
    };
    let help = match did_you_mean(key, known.iter().copied()) {
        Some(close) => Some(format!("did you mean `{}`?", join(parent_path, close))),
        None if known.is_empty() => None,
        None => Some(format!("{within} has {}", one_of(&known))),
    };
    OverrideError {
        path: path.to_string(),
        message: format!("there is no `{path}` to override: {within} has no key `{key}`"),
        help,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc() -> Table {
        "[providers.aws]\ncapacity = 5\nregions = [\"JP\"]\n[policy]\nobjective = \"cost\"\n"
            .parse()
            .unwrap()
    }

    #[test]
    fn set_parses_toml_values_and_bare_strings() {
        let s: SetArg = "providers.aws.capacity=0".parse().unwrap();
        assert_eq!(s.value, Value::Integer(0));
        let s: SetArg = "policy.objective=sovereignty".parse().unwrap();
        assert_eq!(s.value, Value::String("sovereignty".into()));
        let s: SetArg = "providers.aws.regions=[\"JP\",\"US\"]".parse().unwrap();
        assert!(matches!(s.value, Value::Array(ref a) if a.len() == 2));
        assert!("no-equals".parse::<SetArg>().is_err());
        assert!("a..b=1".parse::<SetArg>().is_err());
    }

    #[test]
    fn tables_merge_key_by_key_and_arrays_replace_whole() {
        let mut d = doc();
        let mut applied = Vec::new();
        let over: Table = "regions = [\"US\"]\nprice = 3.0\n".parse().unwrap();
        let src = OverrideSource::Variant("v".into());
        merge(
            &mut d,
            "providers.aws",
            &Value::Table(over),
            &src,
            &mut applied,
        )
        .unwrap();
        let aws = d["providers"]["aws"].as_table().unwrap();
        assert_eq!(aws["capacity"].as_integer(), Some(5));
        assert_eq!(aws["regions"].as_array().unwrap().len(), 1);
        assert_eq!(aws["regions"][0].as_str(), Some("US"));
        let paths: Vec<&str> = applied.iter().map(|a| a.path.as_str()).collect();
        assert_eq!(paths, ["providers.aws.price", "providers.aws.regions"]);
    }

    #[test]
    fn set_cannot_invent_an_entity_but_a_variant_can() {
        let mut d = doc();
        let mut applied = Vec::new();
        let set = OverrideSource::Set("providers.awz.capacity=0".into());
        let err = merge(
            &mut d,
            "providers.awz.capacity",
            &Value::Integer(0),
            &set,
            &mut applied,
        )
        .unwrap_err();
        assert_eq!(err.path, "providers.awz");
        assert_eq!(err.help.as_deref(), Some("did you mean `providers.aws`?"));
        let variant = OverrideSource::Variant("build".into());
        merge(
            &mut d,
            "providers.newco.capacity",
            &Value::Integer(7),
            &variant,
            &mut applied,
        )
        .unwrap();
        assert_eq!(d["providers"]["newco"]["capacity"].as_integer(), Some(7));
    }

    #[test]
    fn optional_sections_are_created() {
        let mut d: Table = "[scenario]\nname = \"x\"\n".parse().unwrap();
        let set = OverrideSource::Set("policy.budget=5".into());
        merge(
            &mut d,
            "policy.budget",
            &Value::Integer(5),
            &set,
            &mut Vec::new(),
        )
        .unwrap();
        assert_eq!(d["policy"]["budget"].as_integer(), Some(5));
    }
}
