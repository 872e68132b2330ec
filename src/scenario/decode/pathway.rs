//! `[pathway]` and `[providers.<id>.expand]` (DESIGN 3, 4.7). The values in
//! `[pathway.changes.<year>]` are checked where they are applied, when each
//! year's scenario is loaded: the same checks as a variant's or `--set`'s.

use toml::{Table, Value};

use super::{Fields, Problems, keys, type_name};
use crate::scenario::spans::{Part, join};
use crate::scenario::{Expand, PathwaySpec};

/// The calendar years a pathway may name.
pub const YEARS: (u32, u32) = (1900, 2200);

/// The most years a pathway plans: they are one model, and 50 years of
/// japan-gov-2027 take under a minute on a 2-core machine (README).
pub const MAX_YEARS: usize = 50;

pub(super) fn decode_pathway(t: &Table, p: &mut Problems) -> Option<PathwaySpec> {
    let f = Fields::new("pathway", t, keys::PATHWAY);
    let start = f.integer(p, "start", YEARS.0, YEARS.1);
    let start = f.required(p, "start", start);
    let years = f.integer(p, "years", 1, MAX_YEARS as u32);
    let demand_growth = f.number(p, "demand_growth").unwrap_or(0.0);
    if demand_growth <= -1.0 || demand_growth > 10.0 {
        p.push(
            "pathway.demand_growth",
            Part::Value,
            format!("`pathway.demand_growth` is a yearly growth rate and must be above -1 and at most 10, found {demand_growth}"),
        );
    }
    let discount_rate = f.amount(p, "discount_rate").unwrap_or(0.0);
    if discount_rate > 1.0 {
        p.push(
            "pathway.discount_rate",
            Part::Value,
            format!("`pathway.discount_rate` is a yearly rate and must be in [0, 1], found {discount_rate}"),
        );
    }
    let investment_budget = f.amount(p, "investment_budget");
    let change_years = f
        .table(p, "changes")
        .map(|c| change_years(c, start.map(i64::from), p))
        .unwrap_or_default();
    f.finish(p);
    Some(PathwaySpec {
        start: i64::from(start?),
        years,
        demand_growth,
        discount_rate,
        investment_budget,
        change_years,
    })
}

/// The years of `[pathway.changes]`, each a table of overrides, from `start` on.
fn change_years(t: &Table, start: Option<i64>, p: &mut Problems) -> Vec<i64> {
    let mut out = Vec::new();
    for (key, v) in t {
        let at = join("pathway.changes", key);
        let year = key
            .parse::<i64>()
            .ok()
            .filter(|y| (i64::from(YEARS.0)..=i64::from(YEARS.1)).contains(y));
        let Some(year) = year else {
            p.push_help(
                &at,
                Part::Key,
                format!(
                    "`{key}` in `[pathway.changes]` must be a year from {} to {}",
                    YEARS.0, YEARS.1
                ),
                "name the year a change holds from, e.g. [pathway.changes.2030]",
            );
            continue;
        };
        if let Some(s) = start
            && year < s
        {
            p.push_help(
                &at,
                Part::Key,
                format!("the change year {year} is before the pathway's start {s}"),
                "a value that holds from the start belongs in the scenario itself",
            );
            continue;
        }
        if !matches!(v, Value::Table(_)) {
            p.push_help(
                &at,
                Part::Value,
                format!(
                    "`{at}` must be a table of \"--set path\" = value, found {}",
                    type_name(v)
                ),
                format!("e.g. [pathway.changes.{year}] with \"providers.sakura.capacity\" = 52560"),
            );
            continue;
        }
        out.push(year);
    }
    out.sort_unstable();
    out
}

pub(super) fn decode_expand(path: &str, t: &Table, p: &mut Problems) -> Option<Expand> {
    let f = Fields::new(path, t, keys::EXPAND);
    let max = f.amount(p, "max");
    let max = f.required(p, "max", max);
    let cost = f.amount(p, "cost");
    let cost = f.required(p, "cost", cost);
    let from = f.integer(p, "from", YEARS.0, YEARS.1).map(i64::from);
    f.finish(p);
    Some(Expand {
        max: max?,
        cost: cost?,
        from,
    })
}
