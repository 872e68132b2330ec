//! An independent rule checker: reads `allocation.csv` and verifies every rule
//! of DESIGN 4.1-4.2 against the scenario, re-deriving eligibility itself.

use std::collections::BTreeMap;
use std::path::Path;

use tayoka::scenario::{Dimension, Scenario, Scope};

/// Relative tolerance of the checks (the model holds rules exactly; outputs
/// carry 9 significant digits).
const TOL: f64 = 1e-6;

#[derive(Debug, Clone)]
pub struct Row {
    pub workload: String,
    pub provider: String,
    pub amount: f64,
    pub fraction: f64,
    pub cost: f64,
}

pub fn read_allocation(path: &Path) -> Vec<Row> {
    let mut r = csv::Reader::from_path(path).expect("allocation.csv readable");
    let headers = r.headers().expect("header").clone();
    assert_eq!(
        headers.iter().take(5).collect::<Vec<_>>(),
        ["workload", "provider", "amount", "fraction", "cost"],
        "allocation.csv header"
    );
    r.records()
        .map(|rec| {
            let rec = rec.expect("row");
            let num = |i: usize| rec[i].parse::<f64>().expect("number");
            Row {
                workload: rec[0].to_string(),
                provider: rec[1].to_string(),
                amount: num(2),
                fraction: num(3),
                cost: num(4),
            }
        })
        .collect()
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= TOL * a.abs().max(b.abs()).max(1.0)
}

/// Why `p` may not serve `w`, re-derived from DESIGN 4.1 (not from the library).
fn ineligible(
    s: &Scenario,
    w: &tayoka::scenario::Workload,
    p: &tayoka::scenario::Provider,
) -> Option<String> {
    let q = p.capabilities.get(&w.capability)?;
    if *q < w.min_quality {
        return Some("quality".into());
    }
    if let Some(c) = w.class.as_ref().map(|c| &s.classes[c]) {
        if !c
            .certifications
            .iter()
            .all(|x| p.certifications.contains(x))
        {
            return Some("certification".into());
        }
        if p.sovereignty < c.min_sovereignty {
            return Some("sovereignty".into());
        }
        if !c.residency.is_empty() && !c.residency.iter().any(|r| p.regions.contains(r)) {
            return Some("residency".into());
        }
        if c.domestic_only && p.country != s.meta.home {
            return Some("domestic".into());
        }
    }
    if w.only.as_ref().is_some_and(|o| !o.contains(&p.id)) || w.exclude.contains(&p.id) {
        return Some("allow/deny list".into());
    }
    if p.capacity <= 0.0 {
        return Some("no capacity".into());
    }
    None
}

/// Panics with every rule the allocation breaks.
/// Panics naming every rule the rows break; returns the plan's total cost
/// recomputed from the rows by DESIGN 4.2's formula.
pub fn check(s: &Scenario, rows: &[Row]) -> f64 {
    let mut broken = Vec::new();
    let sorted = rows
        .windows(2)
        .all(|w| (&w[0].workload, &w[0].provider) < (&w[1].workload, &w[1].provider));
    if !sorted {
        broken.push("rows are not sorted by workload then provider".to_string());
    }
    let wl: BTreeMap<&str, &tayoka::scenario::Workload> =
        s.workloads.iter().map(|w| (w.id.as_str(), w)).collect();
    let pr: BTreeMap<&str, &tayoka::scenario::Provider> =
        s.providers.iter().map(|p| (p.id.as_str(), p)).collect();
    let mut served: BTreeMap<&str, f64> = BTreeMap::new();
    let mut used: BTreeMap<&str, f64> = BTreeMap::new();
    let mut spent: BTreeMap<&str, f64> = BTreeMap::new();
    let mut total_cost = 0.0;
    for r in rows {
        let (Some(w), Some(p)) = (wl.get(r.workload.as_str()), pr.get(r.provider.as_str())) else {
            broken.push(format!("unknown pair {}/{}", r.workload, r.provider));
            continue;
        };
        if r.amount <= 0.0 {
            broken.push(format!(
                "{}/{}: amount {} is not > 0",
                r.workload, r.provider, r.amount
            ));
        }
        if let Some(why) = ineligible(s, w, p) {
            broken.push(format!("{}/{}: ineligible ({why})", r.workload, r.provider));
        }
        if !close(r.fraction, r.amount / w.demand) {
            broken.push(format!(
                "{}/{}: fraction {} != amount/demand",
                r.workload, r.provider, r.fraction
            ));
        }
        // The workload's own price on the provider, else the provider's.
        let price = w.prices.get(&p.id).copied().unwrap_or(p.price);
        if !close(r.cost, r.amount * price) {
            broken.push(format!(
                "{}/{}: cost {} != amount*price",
                r.workload, r.provider, r.cost
            ));
        }
        if let Some(f) = w.max_provider_fraction
            && r.fraction > f + TOL
        {
            broken.push(format!(
                "{}/{}: fraction {} > max_provider_fraction {f}",
                r.workload, r.provider, r.fraction
            ));
        }
        *served.entry(&w.id).or_default() += r.amount;
        *used.entry(&p.id).or_default() += r.amount;
        *spent.entry(&p.id).or_default() += r.amount * price;
        total_cost += r.amount * price;
    }
    // Sourcing: a contract for each provider that serves anything, at least
    // its minimum volume, at most `max_contracts` of them; every unit of a
    // provider costs the largest discount whose threshold its load reaches.
    let mut contracts = 0;
    for p in &s.providers {
        let Some(&load) = used.get(p.id.as_str()) else {
            continue;
        };
        contracts += 1;
        total_cost += p.contract_cost;
        if load < p.min_volume * (1.0 - TOL) {
            broken.push(format!(
                "provider {}: serves {load} < min_volume {}",
                p.id, p.min_volume
            ));
        }
        let off = p
            .discounts
            .iter()
            .filter(|d| load >= d.from * (1.0 - 1e-7))
            .map(|d| d.off)
            .fold(0.0, f64::max);
        total_cost -= off * spent[p.id.as_str()];
    }
    if let Some(k) = s.policy.max_contracts
        && contracts > k
    {
        broken.push(format!("{contracts} providers serve > max_contracts {k}"));
    }
    for w in &s.workloads {
        let got = served.get(w.id.as_str()).copied().unwrap_or(0.0);
        if !close(got, w.demand) {
            broken.push(format!(
                "workload {}: served {got} != demand {}",
                w.id, w.demand
            ));
        }
    }
    for p in &s.providers {
        let got = used.get(p.id.as_str()).copied().unwrap_or(0.0);
        if got > p.capacity * (1.0 + TOL) + TOL {
            broken.push(format!(
                "provider {}: {got} > capacity {}",
                p.id, p.capacity
            ));
        }
    }
    // Rows by workload, so that per-workload checks do not scan every row.
    let mut by_workload: BTreeMap<&str, Vec<&Row>> = BTreeMap::new();
    for r in rows {
        by_workload.entry(r.workload.as_str()).or_default().push(r);
    }
    let none: Vec<&Row> = Vec::new();
    // Lock-in: demand moved away from today's split, its exit cost, max_change.
    for w in &s.workloads {
        let mine = by_workload.get(w.id.as_str()).unwrap_or(&none);
        let mut moved = 0.0;
        for (id, &today) in &w.current {
            let now: f64 = mine
                .iter()
                .filter(|r| r.provider == *id)
                .map(|r| r.fraction)
                .sum();
            let away = (today - now).max(0.0);
            moved += away;
            total_cost += away * w.demand * pr[id.as_str()].exit_cost;
        }
        if let Some(max) = s.policy.max_change
            && moved > max + TOL
        {
            broken.push(format!(
                "workload {}: moved {moved} > max_change {max}",
                w.id
            ));
        }
    }
    if let Some(b) = s.policy.budget
        && total_cost > b * (1.0 + TOL)
    {
        broken.push(format!("cost {total_cost} (with exit costs) > budget {b}"));
    }
    // Integer rules.
    for w in &s.workloads {
        let mine = by_workload.get(w.id.as_str()).unwrap_or(&none);
        if let Some(f) = s.policy.min_allocation_fraction {
            for r in mine {
                if r.fraction < f - TOL {
                    broken.push(format!(
                        "{}/{}: fraction {} < min_allocation_fraction {f}",
                        r.workload, r.provider, r.fraction
                    ));
                }
            }
        }
        let serving = |floor: f64| mine.iter().filter(|r| r.fraction >= floor - TOL).count();
        if let Some(k) = w.min_providers {
            let floor = s
                .policy
                .min_allocation_fraction
                .unwrap_or(tayoka::model::MIN_SERVING_FRACTION);
            if serving(floor) < k as usize {
                broken.push(format!(
                    "workload {}: {} providers serve >= {floor}, min_providers {k}",
                    w.id,
                    serving(floor)
                ));
            }
        }
        if let Some(k) = w.max_providers
            && mine.len() > k as usize
        {
            broken.push(format!(
                "workload {}: {} providers > max_providers {k}",
                w.id,
                mine.len()
            ));
        }
    }
    // Mosaic: a non-domestic provider sees at most K data categories.
    if let Some(k) = s.policy.mosaic_max_categories {
        for p in s.providers.iter().filter(|p| p.country != s.meta.home) {
            let mut seen: Vec<&str> = rows
                .iter()
                .filter(|r| r.provider == p.id)
                .flat_map(|r| wl[r.workload.as_str()].data.iter().map(String::as_str))
                .collect();
            seen.sort_unstable();
            seen.dedup();
            if seen.len() > k as usize {
                broken.push(format!(
                    "provider {}: sees {} data categories > mosaic_max_categories {k}",
                    p.id,
                    seen.len()
                ));
            }
        }
    }
    for l in &s.policy.limits {
        let in_scope = |w: &tayoka::scenario::Workload| l.scope == Scope::All || w.critical;
        // Amount limits count units served, unweighted; share limits
        // weighted volume over weighted demand.
        let amounts = l.max_amount.is_some() || l.min_amount.is_some();
        let weight = |w: &tayoka::scenario::Workload| if amounts { 1.0 } else { w.weight };
        let denom: f64 = if amounts {
            1.0
        } else {
            s.workloads
                .iter()
                .filter(|w| in_scope(w))
                .map(|w| w.weight * w.demand)
                .sum()
        };
        let mut values: Vec<String> = s
            .providers
            .iter()
            .filter_map(|p| value(&l.dimension, p))
            .collect();
        values.sort();
        values.dedup();
        for v in values
            .iter()
            .filter(|v| l.value.as_ref().is_none_or(|x| x == *v))
        {
            let num: f64 = rows
                .iter()
                .filter(|r| in_scope(wl[r.workload.as_str()]))
                .filter(|r| {
                    value(&l.dimension, pr[r.provider.as_str()]).as_deref() == Some(v.as_str())
                })
                .map(|r| weight(wl[r.workload.as_str()]) * r.amount)
                .sum();
            let share = num / denom;
            if let Some(max) = l.max_amount
                && share > max * (1.0 + TOL) + TOL
            {
                broken.push(format!(
                    "limit {}: {} {v} amount {share} > {max}",
                    l.id, l.dimension
                ));
            }
            if let Some(min) = l.min_amount
                && share < min * (1.0 - TOL) - TOL
            {
                broken.push(format!(
                    "limit {}: {} {v} amount {share} < {min}",
                    l.id, l.dimension
                ));
            }
            if let Some(max) = l.max_share
                && share > max + TOL
            {
                broken.push(format!(
                    "limit {}: {} {v} share {share} > {max}",
                    l.id, l.dimension
                ));
            }
            if let Some(min) = l.min_share
                && share < min - TOL
            {
                broken.push(format!(
                    "limit {}: {} {v} share {share} < {min}",
                    l.id, l.dimension
                ));
            }
        }
    }
    assert!(broken.is_empty(), "rules broken:\n{}", broken.join("\n"));
    total_cost
}

fn value(d: &Dimension, p: &tayoka::scenario::Provider) -> Option<String> {
    match d {
        Dimension::Provider => Some(p.id.clone()),
        Dimension::Company => Some(p.company.clone()),
        Dimension::Country => Some(p.country.clone()),
        Dimension::Tag(t) => p.tags.get(t).cloned(),
    }
}

/// The rows `allocation.csv` would hold for a plan, sorted as it sorts them.
pub fn rows_of(plan: &tayoka::solve::Solved) -> Vec<Row> {
    let s = plan.scenario();
    let mut rows: Vec<Row> = plan
        .allocation
        .rows
        .iter()
        .enumerate()
        .flat_map(|(wi, row)| {
            row.iter().map(move |a| Row {
                workload: s.workloads[wi].id.clone(),
                provider: s.providers[a.provider].id.clone(),
                amount: a.amount,
                fraction: a.fraction,
                cost: a.amount * s.price(wi, a.provider),
            })
        })
        .collect();
    rows.sort_by(|a, b| (&a.workload, &a.provider).cmp(&(&b.workload, &b.provider)));
    rows
}
