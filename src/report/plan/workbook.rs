//! A plan's sheets in the workbook: the allocation with names, owners and
//! countries beside the ids, the shares with their limits, every limit's
//! bound, value and slack, and what holds the plan.

use crate::plan::limits::limit_statuses;
use crate::report::xlsx::{Fmt, LimitChart, Sheet, Value, header, sheet_name};
use crate::scenario::{Scope, Side};
use crate::solve::Solved;

fn headers(keys: &[&str], lang: crate::base::lang::Lang) -> Vec<String> {
    keys.iter().map(|k| header(k, lang)).collect()
}

fn num(x: f64, f: Fmt) -> Value {
    Value::Number(x, f)
}

/// The plan's sheets, in the order a reader wants them, and a chart of the
/// provider shares against the limit on every provider.
pub fn sheets(run: &Solved) -> (Vec<Sheet>, Option<LimitChart>) {
    let s = run.scenario();
    let lang = s.meta.lang;
    let mut allocation = Vec::new();
    for (wi, row) in run.allocation.rows.iter().enumerate() {
        let w = &s.workloads[wi];
        for a in row {
            let p = &s.providers[a.provider];
            allocation.push(vec![
                Value::text(&w.id),
                Value::text(s.workload_name(wi)),
                Value::text(s.owner_name(wi).unwrap_or("")),
                Value::text(&p.id),
                Value::text(s.provider_name(a.provider)),
                Value::text(s.company_name(&p.company)),
                Value::text(s.country_name(&p.country)),
                num(a.amount, Fmt::Amount),
                num(a.fraction, Fmt::Percent),
                num(
                    crate::base::units::tidy(a.amount * s.price(wi, a.provider)),
                    Fmt::Money,
                ),
            ]);
        }
    }
    let allocation = Sheet {
        name: sheet_name("allocation", lang),
        headers: headers(
            &[
                "workload",
                "workload_name",
                "owner",
                "provider",
                "provider_name",
                "company",
                "country",
                "amount",
                "fraction",
                "cost",
            ],
            lang,
        ),
        rows: allocation,
        stands_for: Some("allocation.csv"),
    };
    // Each share beside the tightest share limit on it over all workloads.
    let bound = |dim: &str, value: &str, side: Side| {
        s.policy
            .limits
            .iter()
            .filter(|l| {
                !l.on_amounts()
                    && l.scope == Scope::All
                    && l.dimension.name() == dim
                    && l.value.as_deref().is_none_or(|v| v == value)
            })
            .filter_map(|l| l.bound(side).map(|(_, b)| b))
            .reduce(|a, b| match side {
                Side::Max => a.min(b),
                Side::Min => a.max(b),
            })
    };
    let scope = |scope: &str| {
        lang.text(if scope == "critical" {
            "limits-critical-workloads"
        } else {
            "limits-all-workloads"
        })
    };
    let binds = |b: bool| {
        if b {
            lang.text("limits-binding")
        } else {
            String::new()
        }
    };
    let cell = |b: Option<f64>| b.map_or(Value::Empty, |b| num(b, Fmt::Percent));
    let mut shares = Vec::new();
    let mut providers = 0;
    for d in &run.metrics.shares {
        for r in &d.values {
            if d.dimension == "provider" {
                providers += 1;
            }
            shares.push(vec![
                Value::text(s.dimension_name(&d.dimension)),
                Value::text(&r.value),
                Value::text(s.value_name(&d.dimension, &r.value)),
                num(r.volume_share, Fmt::Percent),
                num(r.spend_share, Fmt::Percent),
                cell(bound(&d.dimension, &r.value, Side::Max)),
                cell(bound(&d.dimension, &r.value, Side::Min)),
            ]);
        }
    }
    let shares_name = sheet_name("shares", lang);
    // The shares sheet lists the provider dimension first: the chart
    // reads its first rows.
    let chart = (providers > 0
        && run
            .metrics
            .shares
            .first()
            .is_some_and(|d| d.dimension == "provider"))
    .then(|| LimitChart {
        title: shares_name.clone(),
        sheet: shares_name.clone(),
        categories: 2,
        values: 3,
        limit: Some(5),
        rows: providers,
    });
    let shares = Sheet {
        name: shares_name,
        headers: headers(
            &[
                "dimension",
                "value",
                "name",
                "volume_share",
                "spend_share",
                "max_share",
                "min_share",
            ],
            lang,
        ),
        rows: shares,
        stands_for: Some("shares.csv"),
    };
    let mut limits: Vec<Vec<Value>> = limit_statuses(s, &run.allocation)
        .into_iter()
        .map(|st| {
            let f = if st.key.ends_with("share") {
                Fmt::Percent
            } else {
                Fmt::Amount
            };
            vec![
                Value::text(&st.id),
                Value::text(s.dimension_name(&st.dimension)),
                Value::text(
                    st.value
                        .as_deref()
                        .map_or(String::new(), |v| s.value_name(&st.dimension, v)),
                ),
                Value::text(scope(st.scope)),
                Value::text(header(st.key, lang)),
                num(st.bound, f),
                num(st.reached, f),
                Value::text(s.value_name(&st.dimension, &st.holder)),
                num(st.slack, f),
                Value::text(binds(st.binding)),
            ]
        })
        .collect();
    if let Some(b) = s.policy.budget {
        let used = run.metrics.total_cost;
        let binding = (used - b).abs() <= 1e-6 * b;
        limits.push(vec![
            Value::text(lang.text("metric-budget")),
            Value::text(lang.text("metric-total-cost")),
            Value::Empty,
            Value::text(scope("all")),
            Value::text(lang.text("metric-budget")),
            num(b, Fmt::Money),
            num(used, Fmt::Money),
            Value::Empty,
            num(if binding { 0.0 } else { b - used }, Fmt::Money),
            Value::text(binds(binding)),
        ]);
    }
    let limits = Sheet {
        name: sheet_name("limits", lang),
        headers: headers(
            &[
                "limit",
                "dimension",
                "value",
                "scope",
                "key",
                "bound",
                "reached",
                "holder",
                "slack",
                "binding",
            ],
            lang,
        ),
        rows: limits,
        stands_for: None,
    };
    let binding = run
        .binding
        .iter()
        .flatten()
        .map(|b| {
            vec![
                Value::text(&b.rule),
                Value::text(&b.stage),
                Value::text(&b.set),
                num(b.value, Fmt::Amount),
                num(b.marginal, Fmt::Amount),
            ]
        })
        .collect();
    let binding = Sheet {
        name: sheet_name("binding", lang),
        headers: headers(&["rule", "stage", "set", "value", "marginal"], lang),
        rows: binding,
        stands_for: None,
    };
    (vec![allocation, shares, limits, binding], chart)
}
