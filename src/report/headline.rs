//! The headline figures in words, shared by the terminal summary and the
//! report, so that both say the same and neither contradicts the stages:
//! ties are named, the home country's place in the country stage is said,
//! money carries its currency, and counts their right plural.

use crate::metrics::{Metrics, Stage};
use crate::scenario::{Dimension, Scenario};
use crate::units::{amount, count, names, percent, stage_value};

/// How many tied holders a headline names before "and N more".
const NAMED: usize = 6;

/// The largest share of a dimension and who holds it, ties named:
/// `12.4%: aws, azure, google, kddi, sakura`.
pub fn largest(m: &Metrics, dim: &str) -> Option<String> {
    let (top, who) = m.holders(dim, None);
    (!who.is_empty()).then(|| format!("{}: {}", percent(top), names(&who, NAMED)))
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
            format!("{}: {}", percent(top), names(&who, NAMED)),
            format!(
                "the objective's country stage leaves {} out: count_home = false",
                s.meta.home
            ),
        )
    })
}

/// Demand moved from today's split, and its exit cost with the currency.
pub fn moved(m: &Metrics, s: &Scenario) -> String {
    format!(
        "{} {} (exit cost {} {})",
        amount(m.moved),
        s.meta.unit,
        amount(m.exit_cost),
        s.meta.currency
    )
}

/// The mosaic exposure: `1 category (oracle: family-register)`.
pub fn mosaic(m: &Metrics) -> String {
    let e = &m.mosaic_exposure;
    let who = e
        .provider
        .as_deref()
        .map(|p| format!(" ({p}: {})", e.seen.join(", ")))
        .unwrap_or_default();
    format!("{}{who}", count(e.categories, "category", "categories"))
}

/// A stage's optimum in its own units, money with its currency:
/// `max_share:provider = 12.35%`, `cost = 38,905,640,000 JPY`.
pub fn stage(st: &Stage, s: &Scenario) -> (String, String) {
    let value = stage_value(&st.name, st.value);
    let value = if st.name == "cost" {
        format!("{value} {}", s.meta.currency)
    } else {
        value
    };
    (st.name.clone(), value)
}
