//! Why no plan exists (DESIGN 4.5): structural causes found before solving,
//! and otherwise the rules in force that together leave no plan.

use std::collections::BTreeMap;

/// The diagnosis is a value of its own (errors carry it); this module finds it.
pub use crate::base::diagnosis::{Bend, Cause, Diagnosis, Relaxation, RuleInForce};
use crate::base::units::tidy;
use crate::model::backend::SolverKind;
use crate::model::{Model, Rule, Sense, stage};
use crate::scenario::eligibility::Eligibility;
use crate::scenario::{Loaded, Scenario, Side};

/// Relative slack before a shortfall counts (solver and rounding noise).
const SHORTFALL_TOLERANCE: f64 = 1e-9;

impl Diagnosis {
    /// Finds the causes that need no solve; lists the rules in force.
    pub fn structural(loaded: &Loaded, e: &Eligibility) -> Self {
        let s = &loaded.scenario;
        Diagnosis {
            scenario: s.meta.name.clone(),
            variant: loaded.variant_label().to_string(),
            unit: s.meta.unit.clone(),
            currency: s.meta.currency.clone(),
            lang: s.meta.lang,
            causes: structural_causes(loaded, e),
            rules: rules_in_force(loaded),
            relaxations: Vec::new(),
        }
    }

    /// The structural causes, and up to [`RELAXATIONS`] relaxations found
    /// by the elastic model.
    pub fn full(loaded: &Loaded, e: &Eligibility, solver: SolverKind) -> Self {
        let mut d = Diagnosis::structural(loaded, e);
        // The elastic model is solved on alike workloads merged (exact).
        d.relaxations = match crate::solve::aggregate::reduce(&loaded.scenario, e) {
            Some(r) => relaxations(loaded, &r.scenario, &r.eligibility, solver),
            None => relaxations(loaded, &loaded.scenario, e, solver),
        };
        d
    }
}

/// The causes that make a scenario infeasible by themselves, found without a
/// solve. Every solve checks these first, so nothing else is computed here.
pub fn structural_causes(loaded: &Loaded, e: &Eligibility) -> Vec<Cause> {
    let s = &loaded.scenario;
    let mut causes = Vec::new();
    for (wi, w) in s.workloads.iter().enumerate() {
        let eligible = &e.eligible[wi];
        if eligible.is_empty() {
            let reasons = s
                .providers
                .iter()
                .enumerate()
                .filter_map(|(pi, p)| {
                    e.reasons[wi][pi]
                        .as_ref()
                        .map(|r| (p.id.clone(), r.text(s)))
                })
                .collect();
            causes.push(Cause::NoEligibleProvider {
                workload: w.id.clone(),
                location: loaded.location(&format!("workloads.{}", w.id)),
                reasons,
            });
            continue;
        }
        if let Some(k) = w.min_providers
            && (k as usize) > eligible.len()
        {
            causes.push(Cause::TooFewProviders {
                workload: w.id.clone(),
                location: loaded.location(&format!("workloads.{}.min_providers", w.id)),
                min_providers: k,
                eligible: eligible.len(),
            });
            continue;
        }
        if let Some(f) = w.max_provider_fraction
            && f * (eligible.len() as f64) < 1.0 - SHORTFALL_TOLERANCE
        {
            causes.push(Cause::ProviderFraction {
                workload: w.id.clone(),
                location: loaded.location(&format!("workloads.{}.max_provider_fraction", w.id)),
                max_provider_fraction: f,
                eligible: eligible.len(),
            });
            continue;
        }
        let capacity: f64 = eligible.iter().map(|&p| s.providers[p].capacity).sum();
        if capacity < w.demand * (1.0 - SHORTFALL_TOLERANCE) {
            causes.push(Cause::WorkloadCapacity {
                workload: w.id.clone(),
                location: loaded.location(&format!("workloads.{}.demand", w.id)),
                demand: w.demand,
                capacity: tidy(capacity),
                providers: ids(s, eligible),
            });
        }
    }
    if causes.is_empty() {
        class_capacity(loaded, e, &mut causes);
    }
    if causes.is_empty()
        && let Some(budget) = s.policy.budget
    {
        let min_cost: f64 = s
            .workloads
            .iter()
            .enumerate()
            .map(|(wi, w)| {
                let cheapest = e.eligible[wi]
                    .iter()
                    // At its provider's deepest discount: a bound below
                    // any plan's cost (contracts only add to it).
                    .map(|&p| s.price(wi, p) * (1.0 - s.providers[p].deepest_discount()))
                    .fold(f64::INFINITY, f64::min);
                w.demand * cheapest
            })
            .sum();
        if min_cost > budget * (1.0 + SHORTFALL_TOLERANCE) {
            causes.push(Cause::Budget {
                location: loaded.location("policy.budget"),
                budget,
                min_cost: tidy(min_cost),
            });
        }
    }
    causes
}

/// How many alternative relaxations a diagnosis offers at most.
pub const RELAXATIONS: usize = 3;

/// Slacks below this are solver noise, not a bend.
const BENT: f64 = 1e-7;

/// The smallest changes that restore a plan: first each rule of the
/// conflict changed alone, by exactly as much as it must (its bound made a
/// variable and minimised, every other rule held), then sets of rules that
/// only work together. Every suggestion is solved with before it is offered.
fn relaxations(
    loaded: &Loaded,
    s: &Scenario,
    e: &Eligibility,
    solver: SolverKind,
) -> Vec<Relaxation> {
    let conflicts = conflict_sets(s, e, solver);
    // The conflict's rules first, then every policy rule: the weighted
    // conflict may prefer cutting demand where one policy value would do.
    let mut candidates: Vec<Rule> = Vec::new();
    let policy = policy_rules(s);
    for rule in conflicts.iter().flatten().map(|(r, _)| r).chain(&policy) {
        if !candidates.contains(rule) {
            candidates.push(rule.clone());
        }
    }
    let mut alone: Vec<(f64, Relaxation)> = candidates
        .iter()
        .filter_map(|rule| {
            let slack = smallest_change(s, e, solver, rule)?;
            let bends = describe(loaded, s, e, &[(rule.clone(), slack)]);
            let bends = working(s, solver, bends)?;
            Some((rule.tier_weight(), Relaxation { bends }))
        })
        .collect();
    // Policy rules first, then capacity, then demand; in conflict order within.
    alone.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut out: Vec<Relaxation> = alone.into_iter().map(|(_, r)| r).collect();
    for set in conflicts.iter().filter(|set| set.len() > 1) {
        let bends = describe(loaded, s, e, set);
        if bends.len() > 1
            && let Some(bends) = working(s, solver, bends)
        {
            out.push(Relaxation { bends });
        }
    }
    out.truncate(RELAXATIONS);
    out
}

/// The scenario's policy rules that a single value changes: the budget,
/// each limit (an every-value limit as one rule), max_change, survive.
fn policy_rules(s: &Scenario) -> Vec<Rule> {
    let mut out = Vec::new();
    if s.policy.budget.is_some() {
        out.push(Rule::Budget);
    }
    for (li, l) in s.policy.limits.iter().enumerate() {
        for (side, _, _) in l.bounds() {
            let value = l.value.clone().unwrap_or_default();
            out.push(match side {
                Side::Max => Rule::LimitMax { limit: li, value },
                Side::Min => Rule::LimitMin { limit: li, value },
            });
        }
    }
    if s.policy.max_change.is_some() {
        out.push(Rule::MaxChange);
    }
    if s.policy.max_contracts.is_some() {
        out.push(Rule::MaxContracts);
    }
    if s.policy
        .survive
        .as_ref()
        .is_some_and(|v| v.min_served.is_some())
    {
        out.push(Rule::Survive);
    }
    out
}

/// The rules the elastic model bends together; then those it bends holding
/// them, and so on: distinct sets of rules, each enough to restore a plan.
fn conflict_sets(s: &Scenario, e: &Eligibility, solver: SolverKind) -> Vec<Vec<(Rule, f64)>> {
    let mut frozen: Vec<Rule> = Vec::new();
    let mut out = Vec::new();
    for _ in 0..RELAXATIONS {
        let mut model = Model::build_elastic(s, e, solver, &frozen);
        let objective = model.total_slack();
        let Ok((values, _)) = stage(&mut model, objective, Sense::Minimise) else {
            break;
        };
        let mut bent = bent_rules(&model, &values);
        if bent.is_empty() {
            break;
        }
        bent.sort_by(|a, b| a.0.cmp(&b.0));
        frozen.extend(bent.iter().map(|(r, _)| r.clone()));
        out.push(bent);
    }
    out
}

/// The rules whose slack is above solver noise, with their slack.
fn bent_rules(model: &Model<'_>, values: &crate::model::Values) -> Vec<(Rule, f64)> {
    model
        .slacks()
        .iter()
        .filter_map(|sl| {
            let v = values.get(&sl.var).copied()?;
            (v > BENT).then(|| (sl.rule.clone(), v))
        })
        .collect()
}

/// The exact smallest slack of `rule` alone that makes a plan possible, or
/// `None` when changing it alone cannot.
fn smallest_change(s: &Scenario, e: &Eligibility, solver: SolverKind, rule: &Rule) -> Option<f64> {
    let mut model = Model::build_bending(s, e, solver, rule);
    let objective = model.total_slack();
    let (values, _) = stage(&mut model, objective, Sense::Minimise).ok()?;
    bent_rules(&model, &values)
        .into_iter()
        .find(|(r, _)| r == rule)
        .map(|(_, slack)| slack)
}

/// The bends, if each can be set and the scenario with their suggested
/// values has a plan: each suggestion is solved with before it is shown. A suggestion rounded too
/// finely for the solver's tolerance is rounded once more, coarser.
fn working(s: &Scenario, solver: SolverKind, bends: Vec<Bend>) -> Option<Vec<Bend>> {
    // Only what a planner can apply as printed: every bend has its --set.
    // A value past what a scenario may hold would be refused when applied.
    if bends.is_empty()
        || bends
            .iter()
            .any(|b| b.set.is_none() || b.suggested.abs() > crate::scenario::MAX_MAGNITUDE)
    {
        return None;
    }
    if feasible_with(s, solver, &bends) {
        return Some(bends);
    }
    let coarser: Vec<Bend> = bends
        .into_iter()
        .map(|mut b| {
            let loosen = if b.suggested >= b.value {
                f64::ceil
            } else {
                f64::floor
            };
            b.suggested = round_to(b.suggested, 2, loosen);
            b.set = b
                .set
                .as_ref()
                .map(|_| format!("{}={}", b.path, b.suggested));
            b
        })
        .collect();
    feasible_with(s, solver, &coarser).then_some(coarser)
}

/// Whether the scenario, with each bend's suggested value set, has a plan.
fn feasible_with(s: &Scenario, solver: SolverKind, bends: &[Bend]) -> bool {
    let mut changed = s.clone();
    for b in bends {
        if !changed.set_number(&b.path, b.suggested) {
            return false;
        }
    }
    let e = Eligibility::compute(&changed);
    let mut model = Model::build(&changed, &e, solver);
    model
        .solve(&good_lp::Expression::default(), Sense::Minimise)
        .is_ok()
}

/// Rounds up to 4 significant digits (a suggested upper bound stays feasible).
fn up(x: f64) -> f64 {
    round_sig(x, f64::ceil)
}

/// Rounds down to 4 significant digits.
pub fn down(x: f64) -> f64 {
    round_sig(x, f64::floor)
}

fn round_sig(x: f64, f: fn(f64) -> f64) -> f64 {
    round_to(x, 4, f)
}

/// `x` rounded with `f` to `digits` significant digits.
fn round_to(x: f64, digits: i32, f: fn(f64) -> f64) -> f64 {
    if x == 0.0 || !x.is_finite() {
        return 0.0;
    }
    let m = 10f64.powi(digits - 1 - x.abs().log10().floor() as i32);
    tidy(f(x * m) / m)
}

/// Each bent rule in a planner's terms, with the value that makes it hold.
fn describe(loaded: &Loaded, s: &Scenario, e: &Eligibility, bent: &[(Rule, f64)]) -> Vec<Bend> {
    let mut out: Vec<Bend> = Vec::new();
    for (rule, slack) in bent {
        let change = match rule {
            Rule::Capacity(_)
            | Rule::MinVolume(_)
            | Rule::MinProviders(_)
            | Rule::MaxProviders(_)
            | Rule::Demand(_) => member_change(loaded, s, e, rule, *slack),
            _ => policy_change(s, rule, *slack),
        };
        let Some(c) = change else { continue };
        let set = c.settable.then(|| format!("{}={}", c.path, c.suggested));
        // An every-value limit bends per value: keep the largest change.
        if let Some(b) = out.iter_mut().find(|b| b.path == c.path) {
            if (c.suggested - c.value).abs() > (b.suggested - b.value).abs() {
                b.suggested = c.suggested;
                b.rule = c.rule;
                b.set = set;
            }
            continue;
        }
        out.push(Bend {
            location: loaded.location(&c.path),
            set,
            rule: c.rule,
            path: c.path,
            value: c.value,
            suggested: c.suggested,
        });
    }
    out
}

/// One bent rule's change: its label, the key to set, its value and the
/// value that makes it hold, and whether `--set` can set it.
struct Change {
    rule: String,
    path: String,
    value: f64,
    suggested: f64,
    settable: bool,
}

impl Change {
    fn new(rule: String, path: impl Into<String>, value: f64, suggested: f64) -> Self {
        Change {
            rule,
            path: path.into(),
            value,
            suggested,
            settable: true,
        }
    }
}

/// The change of a policy rule (a limit, the budget, survive, max_change,
/// min_allocation_fraction, mosaic) by `slack`.
fn policy_change(s: &Scenario, rule: &Rule, slack: f64) -> Option<Change> {
    let p = &s.policy;
    Some(match rule {
        Rule::LimitMax { limit, value } | Rule::LimitMin { limit, value } => {
            let l = &p.limits[*limit];
            let unit = s.limit_unit(l);
            // A share stays within [0, 1]; an amount only above 0.
            let most = if l.on_amounts() { f64::INFINITY } else { 1.0 };
            let side = match rule {
                Rule::LimitMax { .. } => Side::Max,
                _ => Side::Min,
            };
            let (key, bound) = l.bound(side)?;
            let suggested = match side {
                Side::Max => up(bound + slack * unit).min(most),
                Side::Min => down(bound - slack * unit).max(0.0),
            };
            let here = (!value.is_empty()).then_some(value.as_str());
            let label = s.limit_rule(l, &format!("{key} {bound}"), here);
            Change::new(
                label,
                format!("policy.limits.{}.{key}", l.id),
                bound,
                suggested,
            )
        }
        Rule::Budget => {
            let b = p.budget.unwrap_or(0.0);
            let label = crate::tr!(s.meta.lang, "rule-budget", amount = s.meta.money_exact(b));
            let to = up(b + slack * crate::model::cost_scale_of(s));
            Change::new(label, "policy.budget", b, to)
        }
        Rule::Survive => {
            let m = p.survive.as_ref().and_then(|v| v.min_served).unwrap_or(0.0);
            let label = crate::tr!(s.meta.lang, "rule-survive", value = m.to_string());
            Change::new(
                label,
                "policy.survive.min_served",
                m,
                down(m - slack).max(0.0),
            )
        }
        Rule::MaxChange => {
            let m = p.max_change.unwrap_or(1.0);
            let label = s.policy_rule("max_change", m);
            Change::new(label, "policy.max_change", m, up(m + slack).min(1.0))
        }
        Rule::MinAllocation => {
            let f = p.min_allocation_fraction.unwrap_or(0.0);
            let label = s.policy_rule("min_allocation_fraction", f);
            let to = down(f - slack).max(0.0);
            Change::new(label, "policy.min_allocation_fraction", f, to)
        }
        Rule::Mosaic => {
            let k = f64::from(p.mosaic_max_categories.unwrap_or(0));
            let label = s.policy_rule("mosaic_max_categories", k);
            let to = (k + slack - 1e-6).ceil();
            Change::new(label, "policy.mosaic_max_categories", k, to)
        }
        Rule::MaxContracts => {
            let k = f64::from(p.max_contracts.unwrap_or(0));
            let label = s.policy_rule("max_contracts", k);
            let to = (k + slack - 1e-6).ceil();
            Change::new(label, "policy.max_contracts", k, to)
        }
        _ => return None,
    })
}

/// The change of provider `p`'s `capacity` or `min_volume` from `value` to
/// `to`.
fn provider_term(s: &Scenario, p: usize, key: &'static str, value: f64, to: f64) -> Change {
    let pr = &s.providers[p];
    let (id, lang) = (pr.id.as_str(), s.meta.lang);
    let amount = crate::base::units::amount(value);
    let unit = crate::base::units::after_number(&s.meta.unit);
    let label = if key == "capacity" {
        crate::tr!(
            lang,
            "rule-capacity-provider",
            id = id,
            capacity = amount,
            unit = unit
        )
    } else {
        crate::tr!(
            lang,
            "rule-min-volume-provider",
            id = id,
            amount = amount,
            unit = unit
        )
    };
    Change::new(label, format!("providers.{id}.{key}"), value, to)
}

/// The change of a provider's or a workload's own rule (capacity,
/// min_volume, min/max_providers, demand) by `slack`; `None` for a workload no
/// provider may serve (the structural causes name it; lowering its demand
/// is no remedy).
fn member_change(
    loaded: &Loaded,
    s: &Scenario,
    e: &Eligibility,
    rule: &Rule,
    slack: f64,
) -> Option<Change> {
    Some(match *rule {
        Rule::Capacity(p) => {
            let c = s.providers[p].capacity;
            provider_term(s, p, "capacity", c, up(c * (1.0 + slack)))
        }
        Rule::MinVolume(p) => {
            let v = s.providers[p].min_volume;
            let to = down(v * (1.0 - slack)).max(0.0);
            provider_term(s, p, "min_volume", v, to)
        }
        Rule::MinProviders(w) => {
            let wl = &s.workloads[w];
            let k = f64::from(wl.min_providers.unwrap_or(1));
            let to = (k - slack + 1e-6).floor();
            let label = s.workload_rule(&wl.id, "min_providers", k);
            Change {
                settable: to >= 1.0,
                ..Change::new(label, format!("workloads.{}.min_providers", wl.id), k, to)
            }
        }
        Rule::MaxProviders(w) => {
            let wl = &s.workloads[w];
            let k = f64::from(wl.max_providers.unwrap_or(1));
            let label = s.workload_rule(&wl.id, "max_providers", k);
            let to = (k + slack - 1e-6).ceil();
            Change::new(label, format!("workloads.{}.max_providers", wl.id), k, to)
        }
        Rule::Demand(w) if !e.eligible[w].is_empty() => {
            let wl = &s.workloads[w];
            let to = down(wl.demand * (1.0 - slack));
            // A merged group of alike workloads has no one demand to set.
            let alone = loaded
                .scenario
                .workloads
                .iter()
                .any(|o| o.id == wl.id && o.demand == wl.demand);
            let label = crate::tr!(
                s.meta.lang,
                "rule-demand-part",
                id = if alone {
                    wl.id.as_str()
                } else {
                    wl.name.as_str()
                },
                demand = crate::base::units::plain(tidy(wl.demand)),
                unit = crate::base::units::after_number(&s.meta.unit)
            );
            Change {
                settable: alone && to > 0.0,
                ..Change::new(label, format!("workloads.{}.demand", wl.id), wl.demand, to)
            }
        }
        _ => return None,
    })
}

fn ids(s: &Scenario, providers: &[usize]) -> Vec<String> {
    providers
        .iter()
        .map(|&p| s.providers[p].id.clone())
        .collect()
}

/// Each class (and all workloads together) against the capacity of the
/// providers eligible for any of its workloads.
fn class_capacity(loaded: &Loaded, e: &Eligibility, causes: &mut Vec<Cause>) {
    let s = &loaded.scenario;
    let mut groups: BTreeMap<Option<&str>, Vec<usize>> = BTreeMap::new();
    for (wi, w) in s.workloads.iter().enumerate() {
        if let Some(c) = &w.class {
            groups.entry(Some(c.as_str())).or_default().push(wi);
        }
        groups.entry(None).or_default().push(wi);
    }
    for (class, members) in groups {
        let demand: f64 = members.iter().map(|&wi| s.workloads[wi].demand).sum();
        let mut providers: Vec<usize> = members
            .iter()
            .flat_map(|&wi| e.eligible[wi].iter().copied())
            .collect();
        providers.sort_unstable();
        providers.dedup();
        let capacity: f64 = providers.iter().map(|&p| s.providers[p].capacity).sum();
        if capacity < demand * (1.0 - SHORTFALL_TOLERANCE) {
            let (name, path) = match class {
                Some(c) => (c.to_string(), format!("classes.{c}")),
                None => (
                    s.meta.lang.text("rule-all-workloads"),
                    "workloads".to_string(),
                ),
            };
            causes.push(Cause::ClassCapacity {
                class: name,
                location: loaded.location(&path),
                demand: tidy(demand),
                capacity: tidy(capacity),
                providers: ids(s, &providers),
            });
        }
    }
}

/// The rules that, together, may leave no plan.
fn rules_in_force(loaded: &Loaded) -> Vec<RuleInForce> {
    let s = &loaded.scenario;
    let mut rules = Vec::new();
    let mut push = |rule: String, path: &str| {
        rules.push(RuleInForce {
            rule,
            location: loaded.location(path),
        });
    };
    for l in &s.policy.limits {
        let bounds: Vec<String> = l
            .bounds()
            .map(|(_, key, v)| match l.on_amounts() {
                true => format!("{key} {}", l.show(v, &s.meta.unit)),
                false => format!("{key} {v}"),
            })
            .collect();
        push(
            s.limit_rule(l, &bounds.join(", "), None),
            &format!("policy.limits.{}", l.id),
        );
    }
    if let Some(b) = s.policy.budget {
        push(
            crate::tr!(s.meta.lang, "rule-budget", amount = s.meta.money_exact(b)),
            "policy.budget",
        );
    }
    for w in &s.workloads {
        let rules = [
            ("max_provider_fraction", w.max_provider_fraction),
            ("min_providers", w.min_providers.map(f64::from)),
            ("max_providers", w.max_providers.map(f64::from)),
        ];
        for (key, value) in rules {
            if let Some(v) = value {
                push(
                    s.workload_rule(&w.id, key, v),
                    &format!("workloads.{}.{key}", w.id),
                );
            }
        }
    }
    let policy_rules = [
        ("min_allocation_fraction", s.policy.min_allocation_fraction),
        (
            "mosaic_max_categories",
            s.policy.mosaic_max_categories.map(f64::from),
        ),
        ("max_change", s.policy.max_change),
    ];
    for (key, value) in policy_rules {
        if let Some(v) = value {
            push(s.policy_rule(key, v), &format!("policy.{key}"));
        }
    }
    if let Some(min) = s.policy.survive.as_ref().and_then(|sv| sv.min_served) {
        push(
            crate::tr!(s.meta.lang, "rule-survive", value = min.to_string()),
            "policy.survive",
        );
    }
    push(s.meta.lang.text("rule-capacity-every"), "providers");
    rules
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::from_text;

    fn causes(body: &str) -> Vec<Cause> {
        let loaded = from_text(&format!(
            "[scenario]\nname = \"d\"\nhome = \"JP\"\n\
             [providers.a]\ncountry = \"JP\"\ncapacity = 50\nprice = 2.0\ncapabilities = {{ llm = 0.9 }}\n\
             [providers.b]\ncountry = \"US\"\ncapacity = 30\nprice = 1.0\ncapabilities = {{ llm = 0.7 }}\n{body}"
        ));
        let e = Eligibility::compute(&loaded.scenario);
        structural_causes(&loaded, &e)
    }

    #[test]
    fn a_feasible_scenario_has_no_structural_cause() {
        assert_eq!(
            causes("[workloads.w]\ncapability = \"llm\"\ndemand = 80\n"),
            vec![]
        );
    }

    #[test]
    fn a_workload_no_provider_may_serve_names_every_reason() {
        let c = causes("[workloads.w]\ncapability = \"llm\"\nmin_quality = 0.95\ndemand = 1\n");
        let [
            Cause::NoEligibleProvider {
                workload,
                reasons,
                location,
            },
        ] = c.as_slice()
        else {
            panic!("{c:?}");
        };
        assert_eq!(workload, "w");
        assert_eq!(reasons["a"], "quality 0.90 < 0.95");
        assert_eq!(reasons["b"], "quality 0.70 < 0.95");
        assert!(location.starts_with("unit.toml:"), "{location}");
    }

    #[test]
    fn capacity_short_of_one_workload_is_named_with_its_providers() {
        let c = causes("[workloads.w]\ncapability = \"llm\"\nmin_quality = 0.8\ndemand = 60\n");
        assert_eq!(
            c,
            vec![Cause::WorkloadCapacity {
                workload: "w".into(),
                location: c_location(&c),
                demand: 60.0,
                capacity: 50.0,
                providers: vec!["a".into()],
            }]
        );
    }

    fn c_location(c: &[Cause]) -> String {
        match &c[0] {
            Cause::WorkloadCapacity { location, .. } => location.clone(),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_provider_fraction_that_cannot_split_the_demand() {
        let c = causes(
            "[workloads.w]\ncapability = \"llm\"\ndemand = 10\nmax_provider_fraction = 0.4\n",
        );
        assert!(
            matches!(c.as_slice(), [Cause::ProviderFraction { eligible: 2, .. }]),
            "{c:?}"
        );
    }

    #[test]
    fn more_providers_asked_for_than_may_serve() {
        let c = causes("[workloads.w]\ncapability = \"llm\"\ndemand = 10\nmin_providers = 3\n");
        assert!(
            matches!(
                c.as_slice(),
                [Cause::TooFewProviders {
                    min_providers: 3,
                    eligible: 2,
                    ..
                }]
            ),
            "{c:?}"
        );
    }

    #[test]
    fn a_budget_below_the_cheapest_plan() {
        // Every workload on its cheapest eligible provider (b at 1.0),
        // capacity aside: 80 for demand 80.
        let c = causes("[policy]\nbudget = 50\n[workloads.w]\ncapability = \"llm\"\ndemand = 80\n");
        let [
            Cause::Budget {
                budget, min_cost, ..
            },
        ] = c.as_slice()
        else {
            panic!("{c:?}");
        };
        assert_eq!((*budget, *min_cost), (50.0, 80.0));
    }
}
