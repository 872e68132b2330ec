//! Cross-reference checks on a typed scenario: every id a rule names exists,
//! every dimension a rule uses is defined on every provider, numbers agree.

use std::collections::BTreeSet;

use super::decode::Problems;
use super::spans::Part;
use super::{Dimension, Scenario, Scope, Side, Workload};
use crate::base::located::{did_you_mean, one_of};

/// Tolerance on `current` fractions summing to 1.
const SUM_TOLERANCE: f64 = 1e-6;

/// The most providers a scenario may have.
pub const MAX_PROVIDERS: usize = 10_000;
/// The most workloads a scenario may have (after CSV imports).
pub const MAX_WORKLOADS: usize = 1_000_000;

/// The most workload x provider pairs whose eligibility is checked: every
/// pair keeps its reason, about [`CELL_BYTES`] each.
pub const MAX_CELLS: usize = 20_000_000;
/// Memory one checked pair takes, for the estimate in the refusal.
const CELL_BYTES: usize = 40;

/// Every cross-reference check of a typed scenario, each problem pushed
/// to `p` at the key or value it is about.
pub fn validate(s: &Scenario, p: &mut Problems) {
    sizes(s, p);
    let provider_ids: Vec<&str> = s.providers.iter().map(|p| p.id.as_str()).collect();
    let class_ids: Vec<&str> = s.classes.keys().map(String::as_str).collect();
    let offered: BTreeSet<&str> = s
        .providers
        .iter()
        .flat_map(|p| p.capabilities.keys().map(String::as_str))
        .collect();

    for w in &s.workloads {
        workload(s, p, w, &offered, &provider_ids, &class_ids);
    }
    policy(s, p);
    economics(s, p);
}

/// Sourcing terms that no plan could keep: a minimum volume above what the
/// provider can serve, no contract at all while there is demand.
fn economics(s: &Scenario, p: &mut Problems) {
    for pr in &s.providers {
        // A provider with no capacity (cut off) serves nothing anyway.
        let most = pr.capacity + pr.expand.as_ref().map_or(0.0, |x| x.max);
        if most > 0.0 && pr.min_volume > most {
            let at = format!("providers.{}.min_volume", pr.id);
            p.push_help(
                &at,
                Part::Value,
                format!(
                    "`{at}` is {}, above the provider's capacity {most}: it could never serve anything",
                    pr.min_volume
                ),
                format!("set `min_volume` to at most {most}, or raise `capacity`"),
            );
        }
    }
    if s.policy.max_contracts == Some(0) && !s.workloads.is_empty() {
        p.push_help(
            "policy.max_contracts",
            Part::Value,
            "`policy.max_contracts` is 0, so no provider may serve the workloads' demand",
            "set `max_contracts` to 1 or more, or remove it",
        );
    }
}

/// The scenario's size: within what tayoka plans with, and not empty.
fn sizes(s: &Scenario, p: &mut Problems) {
    if s.providers.len() > MAX_PROVIDERS {
        p.push(
            "providers",
            Part::Key,
            format!(
                "the scenario has {} providers; the most tayoka plans with is {MAX_PROVIDERS}",
                s.providers.len()
            ),
        );
    }
    if s.workloads.len() > MAX_WORKLOADS {
        p.push(
            "workloads",
            Part::Key,
            format!(
                "the scenario has {} workloads; the most tayoka plans with is {MAX_WORKLOADS}",
                s.workloads.len()
            ),
        );
    }
    let cells = s.providers.len().saturating_mul(s.workloads.len());
    if cells > MAX_CELLS && p.0.is_empty() {
        p.push_help(
            "workloads",
            Part::Key,
            format!(
                "the scenario has {} workloads x {} providers = {cells} pairs to check (about {} MB); the most tayoka checks is {MAX_CELLS}",
                s.workloads.len(),
                s.providers.len(),
                cells.saturating_mul(CELL_BYTES) / 1_000_000
            ),
            "split the scenario, or merge alike workloads in the CSV before importing them",
        );
    }
    if s.providers.is_empty() {
        p.push_help(
            "providers",
            Part::Key,
            "the scenario has no providers",
            "add at least one `[providers.<id>]` table",
        );
    }
    if s.workloads.is_empty() {
        p.push_help(
            "workloads",
            Part::Key,
            "the scenario has no workloads",
            "add at least one `[workloads.<id>]` table",
        );
    }
}

/// One workload's references (class, capability, providers) and numbers.
fn workload(
    s: &Scenario,
    p: &mut Problems,
    w: &Workload,
    offered: &BTreeSet<&str>,
    provider_ids: &[&str],
    class_ids: &[&str],
) {
    let at = |field: &str| format!("workloads.{}.{field}", w.id);
    if let Some(class) = &w.class
        && !s.classes.contains_key(class)
    {
        unknown(p, &at("class"), "class", class, class_ids);
    }
    if !offered.contains(w.capability.as_str()) && !s.providers.is_empty() {
        let offered: Vec<&str> = offered.iter().copied().collect();
        let message = format!("no provider offers capability `{}`", w.capability);
        let help = match did_you_mean(&w.capability, offered.iter().copied()) {
            Some(close) => format!("did you mean `{close}`?"),
            None if offered.is_empty() => "no provider lists any `capabilities`".to_string(),
            None => format!("the providers offer {}", one_of(&offered)),
        };
        p.push_help(&at("capability"), Part::Value, message, help);
    }
    let lists = [
        ("only", w.only.as_deref().unwrap_or_default()),
        ("exclude", &w.exclude[..]),
    ];
    for (key, ids) in lists {
        for (i, id) in ids.iter().enumerate() {
            if s.provider_index(id).is_none() {
                let path = format!("{}.{i}", at(key));
                unknown(p, &path, "provider", id, provider_ids);
            }
        }
    }
    for (key, ids) in [("current", &w.current), ("prices", &w.prices)] {
        for id in ids.keys() {
            if s.provider_index(id).is_none() {
                let path = format!("{}.{id}", at(key));
                unknown_at(p, &path, Part::Key, "provider", id, provider_ids);
            }
        }
    }
    if !w.current.is_empty() {
        let sum: f64 = w.current.values().sum();
        if (sum - 1.0).abs() > SUM_TOLERANCE {
            p.push_help(
                &at("current"),
                Part::Value,
                format!("`{}` fractions sum to {sum}, not 1", at("current")),
                "today's split gives each provider's fraction of the workload's demand; they must add up to 1",
            );
        }
    }
    if let (Some(lo), Some(hi)) = (w.min_providers, w.max_providers)
        && lo > hi
    {
        p.push(
            &at("min_providers"),
            Part::Value,
            format!(
                "workload `{}`: `min_providers` {lo} > `max_providers` {hi}",
                w.id
            ),
        );
    }
}

/// The policy's limits, diversify and survive dimensions.
fn policy(s: &Scenario, p: &mut Problems) {
    let any_critical = s.workloads.iter().any(|w| w.critical);
    for l in &s.policy.limits {
        let at = |field: &str| format!("policy.limits.{}.{field}", l.id);
        check_dimension(s, p, &at("dimension"), &l.dimension);
        if let Some(v) = &l.value {
            let values = s.values(&l.dimension);
            if !values.iter().any(|x| x == v) && dimension_defined(s, &l.dimension) {
                let known: Vec<&str> = values.iter().map(String::as_str).collect();
                unknown(
                    p,
                    &at("value"),
                    &format!("{} value", l.dimension),
                    v,
                    &known,
                );
            }
        }
        if let (Some((lo_key, lo)), Some((hi_key, hi))) = (l.bound(Side::Min), l.bound(Side::Max))
            && lo > hi
        {
            p.push(
                &at(lo_key),
                Part::Value,
                format!("limit `{}`: `{lo_key}` {lo} > `{hi_key}` {hi}", l.id),
            );
        }
        if l.scope == Scope::Critical && !any_critical && !s.workloads.is_empty() {
            p.push_help(
                &at("scope"),
                Part::Value,
                format!(
                    "limit `{}` is scoped to critical workloads, but no workload is critical",
                    l.id
                ),
                "mark workloads with `critical = true`, or remove `scope`",
            );
        }
    }
    for (i, d) in s.policy.diversify.iter().enumerate() {
        check_dimension(s, p, &format!("policy.diversify.{i}"), d);
    }
    if let Some(survive) = &s.policy.survive {
        for (i, d) in survive.dimensions.iter().enumerate() {
            check_dimension(s, p, &format!("policy.survive.dimensions.{i}"), d);
        }
    }
}

fn dimension_defined(s: &Scenario, d: &Dimension) -> bool {
    s.providers.iter().all(|p| d.value_of(p).is_some())
}

/// A tag dimension must be set on every provider, or shares would not add up.
fn check_dimension(s: &Scenario, p: &mut Problems, path: &str, d: &Dimension) {
    let Dimension::Tag(tag) = d else { return };
    let lacking: Vec<&str> = s
        .providers
        .iter()
        .filter(|p| !p.tags.contains_key(tag))
        .map(|p| p.id.as_str())
        .collect();
    if lacking.is_empty() {
        return;
    }
    let tags: BTreeSet<&str> = s
        .providers
        .iter()
        .flat_map(|p| p.tags.keys().map(String::as_str))
        .collect();
    let builtin = ["provider", "company", "country"];
    let known: Vec<&str> = builtin
        .iter()
        .copied()
        .chain(tags.iter().copied())
        .collect();
    let message = format!(
        "dimension `{tag}` is a tag, and these providers lack it: {}",
        one_of(&lacking)
    );
    let help = match did_you_mean(tag, known.iter().copied()) {
        Some(close) => format!("did you mean `{close}`?"),
        None => format!(
            "add `tags = {{ {tag} = \"...\" }}` to each, or use one of {}",
            one_of(&known)
        ),
    };
    p.push_help(path, Part::Value, message, help);
}

fn unknown(p: &mut Problems, path: &str, what: &str, name: &str, known: &[&str]) {
    unknown_at(p, path, Part::Value, what, name, known);
}

fn unknown_at(p: &mut Problems, path: &str, part: Part, what: &str, name: &str, known: &[&str]) {
    let message = format!("no {what} `{name}`");
    let help = match did_you_mean(name, known.iter().copied()) {
        Some(close) => format!("did you mean `{close}`?"),
        None if known.is_empty() => format!("the scenario defines no {what}"),
        None => format!("expected one of {}", one_of(known)),
    };
    p.push_help(path, part, message, help);
}
