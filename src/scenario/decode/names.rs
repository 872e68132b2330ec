//! `[scenario]`, `[countries.<code>]` and `[classes.<id>]`: the scenario's
//! names and labels, its countries, and its data-sensitivity classes.

use std::collections::BTreeMap;

use toml::{Table, Value};

use super::{Fields, MAX_SOVEREIGNTY, Problems, keys, type_name};
use crate::base::lang::Lang;
use crate::scenario::overrides::is_id;
use crate::scenario::spans::Part;
use crate::scenario::{Class, Country, Meta};

pub(super) fn decode_meta(t: &Table, p: &mut Problems) -> Option<Meta> {
    let f = Fields::new("scenario", t, keys::META);
    let name = f.string(p, "name");
    let name = f.required(p, "name", name);
    if let Some(n) = &name
        && !is_id(n)
    {
        p.push(
            "scenario.name",
            Part::Value,
            format!("`scenario.name` names the output folder, so it must be an id (letters, digits, `_`, `-`), found `{n}`"),
        );
    }
    let home = f.string(p, "home");
    let home = f.required(p, "home", home);
    let meta = Meta {
        name: name?,
        title: f.string(p, "title"),
        home: home?,
        unit: f.string(p, "unit").unwrap_or_else(|| "units".into()),
        currency: f
            .string(p, "currency")
            .unwrap_or_else(|| "currency units".into()),
        lang: f
            .enumerated(p, "lang", &Lang::CODES, Lang::parse)
            .unwrap_or_default(),
        title_ja: f.string(p, "title_ja"),
        unit_ja: f.string(p, "unit_ja"),
        fiscal_years: f.boolean(p, "fiscal_years").unwrap_or(false),
        names_ja: f.string_map(p, "names_ja"),
    };
    f.finish(p);
    Some(meta)
}

pub(super) fn decode_country(path: &str, t: &Table, p: &mut Problems) -> Country {
    let f = Fields::new(path, t, keys::COUNTRY);
    let c = Country {
        name: f.string(p, "name"),
        name_ja: f.string(p, "name_ja"),
        outage: f.fraction(p, "outage").unwrap_or(0.0),
    };
    f.finish(p);
    c
}

pub(super) fn decode_class(path: &str, t: &Table, p: &mut Problems) -> Class {
    let f = Fields::new(path, t, keys::CLASS);
    let c = Class {
        name: f.string(p, "name"),
        name_ja: f.string(p, "name_ja"),
        min_sovereignty: f
            .integer(p, "min_sovereignty", 0, MAX_SOVEREIGNTY)
            .unwrap_or(0),
        residency: f.strings(p, "residency").unwrap_or_default(),
        certifications: f.strings(p, "certifications").unwrap_or_default(),
        domestic_only: f.boolean(p, "domestic_only").unwrap_or(false),
    };
    f.finish(p);
    c
}

/// Each variant's description, in English and Japanese (text, not
/// overrides): the descriptions by name, and the Japanese ones.
pub(super) fn decode_variants(
    named: Vec<(&String, &Table)>,
    p: &mut Problems,
) -> (BTreeMap<String, Option<String>>, BTreeMap<String, String>) {
    let mut text = |id: &str, t: &Table, key: &str| match t.get(key) {
        Some(Value::String(s)) => Some(s.clone()),
        Some(other) => {
            let at = format!("variants.{id}.{key}");
            p.push(
                &at,
                Part::Value,
                format!("`{at}` must be a string, found {}", type_name(other)),
            );
            None
        }
        None => None,
    };
    let mut variants = BTreeMap::new();
    let mut variants_ja = BTreeMap::new();
    for (id, t) in named {
        variants.insert(id.clone(), text(id, t, "description"));
        if let Some(d) = text(id, t, "description_ja") {
            variants_ja.insert(id.clone(), d);
        }
    }
    (variants, variants_ja)
}
