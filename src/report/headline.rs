//! The headline figures in words, shared by the terminal summary and the
//! report, so that both say the same and neither contradicts the stages:
//! ties are named, the home country's place in the country stage is said,
//! money carries its currency, and counts their right plural (through the
//! scenario's language).

use crate::base::units::{amount, names, percent, stage_value};
use crate::plan::metrics::{Metrics, Stage};
use crate::scenario::{Dimension, Scenario};
use crate::tr;

/// How many tied holders a headline names before "and N more".
const NAMED: usize = 6;

/// The largest share of a dimension and who holds it, ties named:
/// `12.4%: aws, azure, google, kddi, sakura`.
pub fn largest(m: &Metrics, dim: &str, s: &Scenario) -> Option<String> {
    let (top, who) = m.holders(dim, None);
    (!who.is_empty()).then(|| format!("{}: {}", percent(top), names(&who, NAMED, s.meta.lang)))
}

/// When the objective's country stage leaves the home country out
/// (`count_home = false`), the largest share among the other countries,
/// which is what that stage minimised, and a note that says so.
pub fn largest_abroad(m: &Metrics, s: &Scenario) -> Option<(String, String)> {
    let stage_counts_country = s.policy.diversify.contains(&Dimension::Country);
    if s.policy.count_home || !stage_counts_country {
        return None;
    }
    let (top, who) = m.holders("country", Some(&s.meta.home));
    (!who.is_empty()).then(|| {
        (
            tr!(
                s.meta.lang,
                "share-held",
                share = percent(top),
                who = named(s, "country", &who, NAMED)
            ),
            tr!(
                s.meta.lang,
                "headline-abroad-note",
                home = s.meta.home.as_str()
            ),
        )
    })
}

/// The first `n` values of a dimension by the names the reader knows
/// (name_ja in Japanese), then how many more: `Amazon Web Services, KDDI`.
pub fn named<S: AsRef<str>>(s: &Scenario, dim: &str, values: &[S], n: usize) -> String {
    let shown: Vec<String> = values
        .iter()
        .map(|v| s.value_name(dim, v.as_ref()))
        .collect();
    let shown: Vec<&str> = shown.iter().map(String::as_str).collect();
    names(&shown, n, s.meta.lang)
}

/// Demand moved from today's split, and its exit cost with the currency.
pub fn moved(m: &Metrics, s: &Scenario) -> String {
    tr!(
        s.meta.lang,
        "headline-moved",
        amount = amount(m.moved),
        unit = crate::base::units::after_number(&s.meta.unit),
        cost = s.meta.money_exact(m.exit_cost)
    )
}

/// Whether the scenario has sourcing terms (contract costs, minimum
/// volumes, discounts, a cap on contracts) that the plan's figures show.
pub fn has_sourcing(s: &Scenario) -> bool {
    s.policy.max_contracts.is_some()
        || s.providers
            .iter()
            .any(|p| p.has_contract_terms() || !p.discounts.is_empty())
}

/// The contracts held and what they cost: `3 held, 600 JPY`.
pub fn contracts(m: &Metrics, s: &Scenario) -> String {
    tr!(
        s.meta.lang,
        "headline-contracts",
        n = crate::plan::cost::contracts_held(&m.sourcing),
        cost = s.meta.money_exact(m.cost_breakdown.contracts)
    )
}

/// The discounts taken, each provider's level and amount:
/// `aws 18% off (1,100 JPY)`, or that there are none.
pub fn discounts(m: &Metrics, s: &Scenario) -> String {
    let taken: Vec<String> = m
        .sourcing
        .iter()
        .filter_map(|t| {
            let level = t.discount_level?;
            Some(tr!(
                s.meta.lang,
                "headline-discount",
                provider = t.provider.as_str(),
                off = percent(level.off),
                amount = s.meta.money_exact(t.discount)
            ))
        })
        .collect();
    if taken.is_empty() {
        return s.meta.lang.text("headline-no-discount");
    }
    s.meta.lang.list(&taken)
}

/// The mosaic exposure: `1 category (oracle: family-register)`.
pub fn mosaic(m: &Metrics, s: &Scenario) -> String {
    let e = &m.mosaic_exposure;
    let who = e
        .provider
        .as_deref()
        .map(|p| format!(" ({p}: {})", s.meta.lang.list(&e.seen)))
        .unwrap_or_default();
    format!(
        "{}{who}",
        tr!(s.meta.lang, "n-categories", n = e.categories)
    )
}

/// A stage's optimum in its own units, money with its currency:
/// `max_share:provider = 12.35%`, `cost = 38,905,640,000 JPY`.
pub fn stage(st: &Stage, s: &Scenario) -> (String, String) {
    let value = stage_value(&st.name, st.value);
    let value = if st.name == "cost" {
        s.meta.money_exact(st.value)
    } else {
        value
    };
    (s.meta.lang.stage_name(&st.name), value)
}

/// How far the stage a time limit stopped may still be from its optimum:
/// `stage max_share:company: this plan 17.1%; no plan reaches below 16.7%`.
pub fn stopped(run: &crate::solve::Solved) -> Option<String> {
    let st = run.stopped.as_ref()?;
    let s = run.scenario();
    let shown = |v: f64| {
        let (_, text) = stage(
            &Stage {
                name: st.stage.clone(),
                value: v,
            },
            s,
        );
        text
    };
    let better = if st.stage == "home_share" {
        "above"
    } else {
        "below"
    };
    Some(tr!(
        s.meta.lang,
        "stopped-stage",
        stage = st.stage.as_str(),
        value = shown(st.value),
        bound = shown(st.bound),
        better = better
    ))
}

/// What holds the plan, in words, one line a binding, largest effect first
/// within each stage, the marginal value as a rate: `budget 38,000,000,000
/// JPY binds max_share:provider: lowers it at a rate of 75.1 points per 1%
/// (380,000,000 JPY) more`.
pub fn binding(run: &crate::solve::Solved) -> Vec<String> {
    let s = run.scenario();
    let Some(all) = &run.binding else {
        return Vec::new();
    };
    all.iter()
        .map(|b| {
            // The step a planner thinks in: a point of a share or fraction,
            // 1% of an amount.
            let fraction = b.set.ends_with("_share")
                || b.set.ends_with("max_change")
                || b.set.ends_with("min_served")
                || b.set.ends_with("max_provider_fraction");
            let lang = s.meta.lang;
            let (step, step_text) = if fraction {
                (0.01, tr!(lang, "n-points", n = 1))
            } else {
                let unit = if b.set == "policy.budget" {
                    &s.meta.currency
                } else {
                    &s.meta.unit
                };
                let step = b.value.abs() * 0.01;
                (
                    step,
                    tr!(
                        lang,
                        "binding-step-percent",
                        amount = crate::base::units::with_unit(&amount(step), unit)
                    ),
                )
            };
            let loosening_raises = !(b.set.ends_with("min_share")
                || b.set.ends_with("min_amount")
                || b.set.ends_with("min_served"));
            let direction = if loosening_raises { "more" } else { "less" };
            let change = b.marginal * step * if loosening_raises { 1.0 } else { -1.0 };
            let verb = if change < 0.0 { "lowers" } else { "raises" };
            let size = if b.stage == "cost" {
                s.meta.money_exact(change.abs())
            } else if b.stage.starts_with("hhi") {
                format!("{:.4}", change.abs())
            } else {
                tr!(lang, "n-points", n = significant(change.abs() * 100.0, 3))
            };
            tr!(
                lang,
                "binding-line",
                rule = b.rule.as_str(),
                stage = lang.stage_name(&b.stage),
                verb = verb,
                size = size,
                step = step_text,
                direction = direction
            )
        })
        .collect()
}

/// `x` to `digits` significant digits, as plain text: `0.0866`, `12.4`.
fn significant(x: f64, digits: i32) -> String {
    if x == 0.0 || !x.is_finite() {
        return "0".into();
    }
    let decimals = (digits - 1 - x.abs().log10().floor() as i32).max(0) as usize;
    format!("{x:.decimals$}")
}

/// Whose plans a MIP-gap note speaks of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GapOf {
    /// One solved plan (`solve`, whose `--mip-gap` sets the gap).
    Plan,
    /// The plans an analysis solved.
    Analysis,
}

/// The note that integer rules' plans were proven within the MIP gap `gap`
/// rather than exactly; `None` where every optimum was proven exactly.
pub fn gap_note(lang: crate::base::lang::Lang, gap: Option<f64>, of: GapOf) -> Option<String> {
    let percent = crate::base::units::fine_percent(gap?);
    Some(match of {
        GapOf::Plan => tr!(lang, "mip-gap-note", percent = percent.as_str()),
        GapOf::Analysis => tr!(lang, "analysis-mip-gap-note", percent = percent.as_str()),
    })
}

/// Why `plan` costs more or less than `reference`, part by part:
/// `economics costs 2.30 bn JPY more than @cost: 0.90 bn dearer prices,
/// 1.10 bn in discounts given up (aws 18% → none), 0.30 bn for 3 more
/// contracts.`
pub fn cost_change(
    c: &crate::plan::cost::CostChange,
    plan: &str,
    reference: &str,
    s: &Scenario,
) -> String {
    use crate::base::units::money;
    let lang = s.meta.lang;
    let currency = s.meta.currency.as_str();
    // A part's amount: the sentence has said the currency.
    let part = |x: f64| money(x, lang, currency, true);
    // Rounding noise is no part: under a unit of currency, or a millionth
    // of the parts together.
    let scale = c.usage.abs() + c.discounts_given_up.abs() + c.contracts.abs() + c.exit.abs();
    let worth = |x: f64| x.abs() >= (1e-6 * scale).max(1.0);
    let more = |x: f64| if x > 0.0 { "more" } else { "less" };
    let sum = money(c.total.abs(), lang, currency, false);
    if !worth(c.total) {
        return tr!(lang, "cost-change-same", plan = plan, reference = reference);
    }
    let mut parts = Vec::new();
    // A part said by its size and direction alone.
    let plain = |id: &str, x: f64| {
        let mut args = crate::base::lang::FluentArgs::new();
        args.set("way", more(x));
        args.set("amount", part(x.abs()));
        lang.format(id, Some(&args))
    };
    if worth(c.usage) {
        parts.push(plain("cost-part-usage", c.usage));
    }
    if worth(c.discounts_given_up) {
        let levels: Vec<String> = c
            .levels
            .iter()
            .map(|l| {
                let level = |off: Option<f64>| off.map_or(lang.text("level-none"), percent);
                let name = s
                    .provider_index(&l.provider)
                    .map_or(l.provider.as_str(), |p| s.provider_name(p));
                tr!(
                    lang,
                    "level-change",
                    provider = name,
                    from = level(l.from),
                    to = level(l.to)
                )
            })
            .collect();
        parts.push(tr!(
            lang,
            "cost-part-discounts",
            way = more(c.discounts_given_up),
            amount = part(c.discounts_given_up.abs()),
            levels = lang.list(&levels),
            listed = if levels.is_empty() { "no" } else { "yes" }
        ));
    }
    if worth(c.contracts) {
        parts.push(tr!(
            lang,
            "cost-part-contracts",
            way = more(c.contracts),
            amount = part(c.contracts.abs()),
            n = c.paid_added.unsigned_abs(),
            held = more(c.paid_added as f64)
        ));
    }
    if worth(c.exit) {
        parts.push(plain("cost-part-exit", c.exit));
    }
    tr!(
        lang,
        "cost-change",
        plan = plan,
        reference = reference,
        way = more(c.total),
        amount = sum,
        parts = lang.list(&parts)
    )
}

/// The answer a plan's summary and report open with, in a few sentences:
/// from today's split to the plan, the cost against the budget and the
/// cheapest plan, the worst single cut-off, what holds the plan most.
/// Every figure is in `plan.json` under `answer`.
pub fn answer(run: &crate::solve::Solved) -> Vec<String> {
    answer_of(run, true)
}

/// [`answer`], with or without its worst single cut-off (a stress report
/// says that first, from its own events).
pub fn answer_of(run: &crate::solve::Solved, with_worst: bool) -> Vec<String> {
    let s = run.scenario();
    let lang = s.meta.lang;
    let a = crate::solve::answer::Answer::of(run);
    let who = |all: &[String]| named(s, "provider", all, NAMED);
    // A share's move in words: falls, rises or stays (within rounding).
    let said = |from: f64, to: f64, from_text: String, to_text: String| {
        if (to - from).abs() < 5e-4 {
            tr!(lang, "answer-stays", from = from_text, to = to_text)
        } else if to < from {
            tr!(lang, "answer-falls", from = from_text, to = to_text)
        } else {
            tr!(lang, "answer-rises", from = from_text, to = to_text)
        }
    };
    let mut out = Vec::new();
    let home = s.meta.home.as_str();
    let held =
        |share: f64, by: &[String]| tr!(lang, "answer-held", share = percent(share), who = who(by));
    let plan_largest = held(a.plan.largest_provider_share, &a.plan.largest_providers);
    out.push(match &a.today {
        Some(t) => {
            let share = said(
                t.largest_provider_share,
                a.plan.largest_provider_share,
                held(t.largest_provider_share, &t.largest_providers),
                plan_largest.clone(),
            );
            let home_change = said(
                t.home_share,
                a.plan.home_share,
                percent(t.home_share),
                percent(a.plan.home_share),
            );
            tr!(
                lang,
                "answer-today",
                share = share,
                home = home,
                home_change = home_change
            )
        }
        None => tr!(
            lang,
            "answer-plan",
            share = plan_largest,
            home = home,
            home_share = percent(a.plan.home_share)
        ),
    });
    let cost = s.meta.money(a.plan.total_cost);
    out.push(match a.budget {
        Some(b) if b > 0.0 => tr!(
            lang,
            "answer-cost-budget",
            cost = cost,
            share = percent(a.plan.total_cost / b),
            budget = s.meta.money(b)
        ),
        _ => tr!(lang, "answer-cost", cost = cost),
    });
    if let Some(over) = a.over_cheapest() {
        let relative = over / a.plan.total_cost.abs().max(1e-12);
        out.push(if relative < 5e-4 {
            lang.text("answer-is-cheapest")
        } else {
            tr!(
                lang,
                "answer-over-cheapest",
                over = s.meta.money(over),
                percent = crate::base::units::percent(relative)
            )
        });
    }
    if let Some(w) = a.worst_cutoff.as_ref().filter(|_| with_worst) {
        let event = crate::model::cutoff_name(&w.event, s);
        let (event, share) = (event.as_str(), percent(w.unserved_critical_fraction));
        out.push(if s.workloads.iter().any(|w| w.critical) {
            tr!(lang, "answer-worst", event = event, share = share)
        } else {
            tr!(lang, "answer-worst-all", event = event, share = share)
        });
    }
    if let Some(b) = &a.holds_most {
        out.push(tr!(
            lang,
            "answer-holds",
            rule = b.rule.as_str(),
            stage = lang.stage_name(&b.stage)
        ));
    }
    for (dim, value) in s.shared_by_all() {
        out.push(tr!(
            lang,
            "answer-unavoidable",
            dim = s.dimension_name(&dim),
            value = s.value_name(&dim, &value)
        ));
    }
    out
}

/// The plan's answer in three short lines, as the terminal opens with it:
/// the shares from today to the plan, the cost, the risk (the worst single
/// cut-off and a dependence no split lowers). The same figures as
/// [`answer`], which says them in full with the rule that holds the plan.
pub fn brief(run: &crate::solve::Solved) -> Vec<String> {
    let s = run.scenario();
    let lang = s.meta.lang;
    let a = crate::solve::answer::Answer::of(run);
    let moved = |from: Option<f64>, to: f64| match from {
        Some(f) => tr!(lang, "brief-moved", from = percent(f), to = percent(to)),
        None => percent(to),
    };
    let who = match a.plan.largest_providers.as_slice() {
        [one] => one.clone(),
        all => tr!(lang, "brief-tied", n = all.len()),
    };
    let today = a.today.as_ref();
    let shares = tr!(
        lang,
        "brief-shares",
        share = moved(
            today.map(|t| t.largest_provider_share),
            a.plan.largest_provider_share
        ),
        who = who,
        home = s.meta.home.as_str(),
        home_share = moved(today.map(|t| t.home_share), a.plan.home_share)
    );
    let budget = match a.budget {
        Some(b) if b > 0.0 => tr!(lang, "brief-budget", share = percent(a.plan.total_cost / b)),
        _ => String::new(),
    };
    let cheapest = match a.over_cheapest() {
        Some(over) if over / a.plan.total_cost.abs().max(1e-12) >= 5e-4 => tr!(
            lang,
            "brief-over",
            percent = crate::base::units::percent(over / a.plan.total_cost.abs())
        ),
        Some(_) => lang.text("brief-cheapest"),
        None => String::new(),
    };
    let cost = tr!(
        lang,
        "brief-cost",
        cost = s.meta.money(a.plan.total_cost),
        budget = budget,
        cheapest = cheapest
    );
    let mut out = vec![shares, cost];
    let unavoidable: Vec<String> = s
        .shared_by_all()
        .into_iter()
        .map(|(dim, value)| {
            tr!(
                lang,
                "brief-unavoidable",
                value = s.value_name(&dim, &value)
            )
        })
        .collect();
    if let Some(w) = &a.worst_cutoff {
        out.push(tr!(
            lang,
            "brief-risk",
            event = crate::model::cutoff_name(&w.event, s),
            share = percent(w.unserved_critical_fraction),
            critical = if s.workloads.iter().any(|w| w.critical) {
                "yes"
            } else {
                "no"
            },
            unavoidable = unavoidable.concat()
        ));
    }
    out
}
