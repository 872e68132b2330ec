//! The scenario: providers, workloads, data classes and policy, as typed values.
//!
//! Loading goes text -> raw TOML document -> variant and `--set` overrides ->
//! typed [`Scenario`] -> validation ([`load`]). Entities are kept in vectors
//! sorted by id, so that the model can refer to them by index.

mod decode;
pub use decode::{MAX_MAGNITUDE, MAX_YEARS, MIN_MAGNITUDE};
pub mod eligibility;
mod import;
pub mod keys;
mod load;
mod overrides;
mod read;
pub mod schema;
mod spans;
mod validate;

pub use decode::keys as decode_keys;
pub use load::{
    InputFile, LoadOptions, Loaded, MAX_FILE_BYTES, labelled, load, load_str, overrides_tag,
};
pub use overrides::{AppliedOverride, OverrideSource, PRESETS, SetArg};
pub use validate::{MAX_PROVIDERS, MAX_WORKLOADS};

use std::collections::BTreeMap;

use serde::Serialize;

/// A whole planning scenario after overrides, validated.
#[derive(Debug, Clone, Serialize)]
pub struct Scenario {
    pub meta: Meta,
    pub countries: BTreeMap<String, Country>,
    pub classes: BTreeMap<String, Class>,
    /// Sorted by id.
    pub providers: Vec<Provider>,
    /// Sorted by id.
    pub workloads: Vec<Workload>,
    pub policy: Policy,
    /// Variant names with their descriptions, sorted by name.
    pub variants: BTreeMap<String, Option<String>>,
    /// Variants' `description_ja`, shown under `--lang ja` (files keep
    /// `description`).
    pub variants_ja: BTreeMap<String, String>,
    /// `[pathway]`: the years a multi-year plan covers (DESIGN 4.7).
    pub pathway: Option<PathwaySpec>,
}

/// `[pathway]`: the calendar and money of a multi-year plan. Its
/// `changes` are applied when each year's scenario is loaded
/// (`LoadOptions::year`), so they are not kept here.
#[derive(Debug, Clone, Serialize)]
pub struct PathwaySpec {
    /// The first planned year; year 0 is today's split (`current`).
    pub start: i64,
    /// How many years `tayoka pathway` plans when `--years` is not given.
    pub years: Option<u32>,
    /// Every workload's demand grows by this fraction a year.
    pub demand_growth: f64,
    /// Later years' cost is divided by `(1 + rate)^(year - start)`.
    pub discount_rate: f64,
    /// A cap on the total one-off cost of capacity built.
    pub investment_budget: Option<f64>,
    /// The years named in `[pathway.changes]`, in order.
    pub change_years: Vec<i64>,
}

/// `[providers.<id>.expand]`: capacity that may be built during a pathway.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Expand {
    /// The most units added over the whole pathway.
    pub max: f64,
    /// One-off cost per unit added.
    pub cost: f64,
    /// The first year capacity may be built (default: the pathway's start).
    pub from: Option<i64>,
}

/// `[scenario]`: names and labels.
#[derive(Debug, Clone, Serialize)]
pub struct Meta {
    pub name: String,
    pub title: Option<String>,
    /// Home country: providers whose `country` equals it are domestic.
    pub home: String,
    /// Label of demand and capacity.
    pub unit: String,
    /// Label of prices and budget.
    pub currency: String,
    /// The language of every text for people (`--lang` overrides it).
    pub lang: crate::base::lang::Lang,
    /// The title and unit in Japanese output, when given.
    pub title_ja: Option<String>,
    pub unit_ja: Option<String>,
    /// The scenario's years are fiscal years (2027年度 in Japanese output).
    pub fiscal_years: bool,
    /// Japanese names of the other ids people read: capabilities, data
    /// categories, certifications, tag names and values (`llm` → 大規模言語モデル).
    pub names_ja: BTreeMap<String, String>,
}

impl Meta {
    /// Money in a sentence or a card, in the scenario's currency and
    /// language: `38.91 bn JPY`, `389.1億円`.
    pub fn money(&self, x: f64) -> String {
        crate::base::units::money(x, self.lang, &self.currency, false)
    }

    /// [`Meta::money`] where the sentence has named the currency once
    /// (`40.00 bn`; Japanese yen always carry 円).
    pub fn money_bare(&self, x: f64) -> String {
        crate::base::units::money(x, self.lang, &self.currency, true)
    }

    /// The currency as a table's header names it: `JPY`; in Japanese, 円.
    pub fn currency_label(&self) -> &str {
        if self.lang == crate::base::lang::Lang::Ja && self.currency == "JPY" {
            "円"
        } else {
            &self.currency
        }
    }

    /// Money to the unit: `38,905,640,000 JPY`, `389億564万円`.
    pub fn money_exact(&self, x: f64) -> String {
        crate::base::units::money_exact(x, self.lang, &self.currency)
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Country {
    pub name: Option<String>,
    /// The name in Japanese reports (`--lang ja`).
    pub name_ja: Option<String>,
    /// Probability that every provider of this country is cut off in the period.
    pub outage: f64,
}

/// A data-sensitivity class: the rules a provider must meet to hold its data.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Class {
    /// Display name (default: the id), and in Japanese reports.
    pub name: Option<String>,
    pub name_ja: Option<String>,
    pub min_sovereignty: u32,
    pub residency: Vec<String>,
    pub certifications: Vec<String>,
    pub domestic_only: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct Provider {
    pub id: String,
    pub name: String,
    /// The name in Japanese reports (`--lang ja`).
    pub name_ja: Option<String>,
    pub company: String,
    /// The company's name in Japanese reports.
    pub company_ja: Option<String>,
    pub country: String,
    pub regions: Vec<String>,
    pub capacity: f64,
    pub price: f64,
    pub sovereignty: u32,
    pub certifications: Vec<String>,
    pub capabilities: BTreeMap<String, f64>,
    pub tags: BTreeMap<String, String>,
    pub surge: f64,
    pub outage: f64,
    pub exit_cost: f64,
    /// Capacity that a pathway may build (ignored by single-year plans).
    pub expand: Option<Expand>,
    /// Paid per period when the provider serves anything (onboarding,
    /// accreditation, account management).
    pub contract_cost: f64,
    /// A provider that serves anything serves at least this much in all.
    pub min_volume: f64,
    /// All-units volume discounts, `from` and `off` strictly increasing.
    pub discounts: Vec<Discount>,
}

/// One level of a provider's all-units volume discount: once its load
/// reaches `from`, every unit it serves costs `off` (a fraction) less.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Discount {
    pub from: f64,
    pub off: f64,
}

impl Provider {
    /// Whether serving anything at all has a rule or a cost of its own
    /// (a contract cost, a minimum volume), so that the model needs to
    /// know whether it does.
    pub fn has_contract_terms(&self) -> bool {
        self.contract_cost > 0.0 || self.min_volume > 0.0
    }

    /// The largest fraction its volume discounts take off (0 without any).
    pub fn deepest_discount(&self) -> f64 {
        self.discounts.last().map_or(0.0, |d| d.off)
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Workload {
    pub id: String,
    pub name: String,
    /// The name in Japanese reports (`--lang ja`).
    pub name_ja: Option<String>,
    pub owner: Option<String>,
    /// The owner in Japanese reports.
    pub owner_ja: Option<String>,
    pub capability: String,
    pub min_quality: f64,
    pub demand: f64,
    pub class: Option<String>,
    pub data: Vec<String>,
    pub critical: bool,
    pub priority: f64,
    pub weight: f64,
    pub only: Option<Vec<String>>,
    pub exclude: Vec<String>,
    pub max_provider_fraction: Option<f64>,
    pub min_providers: Option<u32>,
    pub max_providers: Option<u32>,
    /// Today's split, provider id -> fraction of demand.
    pub current: BTreeMap<String, f64>,
    /// This workload's unit price on some providers (provider id -> price),
    /// instead of their `price`: an API model priced per workload.
    pub prices: BTreeMap<String, f64>,
}

/// What the plan optimises first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Objective {
    Diversify,
    Sovereignty,
    Cost,
    Resilience,
}

impl Objective {
    pub const NAMES: [&'static str; 4] = ["diversify", "sovereignty", "cost", "resilience"];

    pub fn name(self) -> &'static str {
        match self {
            Objective::Diversify => "diversify",
            Objective::Sovereignty => "sovereignty",
            Objective::Cost => "cost",
            Objective::Resilience => "resilience",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "diversify" => Objective::Diversify,
            "sovereignty" => Objective::Sovereignty,
            "cost" => Objective::Cost,
            "resilience" => Objective::Resilience,
            _ => return None,
        })
    }
}

/// The last stage of `diversify`, `sovereignty` and `resilience`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum TieBreak {
    Cost,
    Balance,
}

/// A dimension of dependence: who a provider *is* along some axis.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Dimension {
    Provider,
    Company,
    Country,
    /// A key of `providers.*.tags`.
    Tag(String),
}

impl Dimension {
    pub fn parse(s: &str) -> Self {
        match s {
            "provider" => Dimension::Provider,
            "company" => Dimension::Company,
            "country" => Dimension::Country,
            other => Dimension::Tag(other.to_string()),
        }
    }

    pub fn name(&self) -> &str {
        match self {
            Dimension::Provider => "provider",
            Dimension::Company => "company",
            Dimension::Country => "country",
            Dimension::Tag(t) => t,
        }
    }

    /// The provider's value on this dimension; `None` for a tag it lacks.
    pub fn value_of<'a>(&self, p: &'a Provider) -> Option<&'a str> {
        match self {
            Dimension::Provider => Some(&p.id),
            Dimension::Company => Some(&p.company),
            Dimension::Country => Some(&p.country),
            Dimension::Tag(t) => p.tags.get(t).map(String::as_str),
        }
    }
}

impl std::fmt::Display for Dimension {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

impl Serialize for Dimension {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.name())
    }
}

/// Which workloads a share is measured over.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Scope {
    All,
    Critical,
}

/// `[policy.limits.<id>]`: a bound on the share of one or every value of a
/// dimension, or on its amount (a capacity several providers share, such as
/// a chip supply). A limit bounds shares or amounts, never both, so that
/// its `max` and `min` are one rule each.
#[derive(Debug, Clone, Serialize)]
pub struct Limit {
    pub id: String,
    pub dimension: Dimension,
    /// `None`: the bound applies to every value of the dimension.
    pub value: Option<String>,
    pub max_share: Option<f64>,
    pub min_share: Option<f64>,
    /// In `scenario.unit`, unweighted.
    pub max_amount: Option<f64>,
    pub min_amount: Option<f64>,
    pub scope: Scope,
}

/// Which side of a limit: at most, or at least.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    Max,
    Min,
}

impl Limit {
    /// Whether the limit bounds amounts rather than shares.
    pub fn on_amounts(&self) -> bool {
        self.max_amount.is_some() || self.min_amount.is_some()
    }

    /// The bound on `side`: its key (`max_share`, `min_amount`, ...) and value.
    pub fn bound(&self, side: Side) -> Option<(&'static str, f64)> {
        let (key, value) = match (side, self.on_amounts()) {
            (Side::Max, false) => ("max_share", self.max_share),
            (Side::Min, false) => ("min_share", self.min_share),
            (Side::Max, true) => ("max_amount", self.max_amount),
            (Side::Min, true) => ("min_amount", self.min_amount),
        };
        value.map(|v| (key, v))
    }

    /// Both bounds that are set, at most first.
    pub fn bounds(&self) -> impl Iterator<Item = (Side, &'static str, f64)> + '_ {
        [Side::Max, Side::Min]
            .into_iter()
            .filter_map(|side| self.bound(side).map(|(k, v)| (side, k, v)))
    }

    /// A value of the limit as a reader sees it: a share as a percent, an
    /// amount with the unit.
    pub fn show(&self, value: f64, unit: &str) -> String {
        if self.on_amounts() {
            crate::base::units::with_unit(&crate::base::units::amount(value), unit)
        } else {
            crate::base::units::percent(value)
        }
    }
}

/// `[policy.survive]`: demand that must stay served after any single cut-off.
#[derive(Debug, Clone, Serialize)]
pub struct Survive {
    pub dimensions: Vec<Dimension>,
    /// The rule: at least this fraction of each critical workload's demand
    /// stays served after any single cut-off. Without it, `dimensions` only
    /// chooses the events of the survivability figures and objective.
    pub min_served: Option<f64>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Policy {
    pub objective: Objective,
    pub diversify: Vec<Dimension>,
    pub count_home: bool,
    pub tie_break: TieBreak,
    pub budget: Option<f64>,
    pub min_allocation_fraction: Option<f64>,
    pub mosaic_max_categories: Option<u32>,
    pub max_change: Option<f64>,
    /// At most this many providers serve anything ("limit the winners").
    pub max_contracts: Option<u32>,
    /// Sorted by id.
    pub limits: Vec<Limit>,
    pub survive: Option<Survive>,
}

impl Policy {
    /// The dimensions whose single cut-offs the survivability figures cover:
    /// `policy.survive.dimensions`, or provider, company and country.
    pub fn survive_dimensions(&self) -> Vec<Dimension> {
        match &self.survive {
            Some(s) => s.dimensions.clone(),
            None => vec![Dimension::Provider, Dimension::Company, Dimension::Country],
        }
    }
}

impl Scenario {
    /// Index of a provider by id.
    pub fn provider_index(&self, id: &str) -> Option<usize> {
        self.providers
            .binary_search_by(|p| p.id.as_str().cmp(id))
            .ok()
    }

    /// Whether a provider's legal home is the home country.
    pub fn is_domestic(&self, p: &Provider) -> bool {
        p.country == self.meta.home
    }

    /// Every value the dimension takes among the providers, sorted.
    pub fn values(&self, dim: &Dimension) -> Vec<String> {
        let mut v: Vec<String> = self
            .providers
            .iter()
            .filter_map(|p| dim.value_of(p).map(str::to_string))
            .collect();
        v.sort();
        v.dedup();
        v
    }

    /// A country's display name in the scenario's language, falling back
    /// to its code.
    pub fn country_name<'a>(&'a self, code: &'a str) -> &'a str {
        self.countries
            .get(code)
            .and_then(|c| self.in_lang(&c.name_ja).or(c.name.as_deref()))
            .unwrap_or(code)
    }

    /// Shows the scenario in `lang`: in Japanese, its Japanese title and
    /// unit (when given) stand for the English ones in every text.
    pub fn set_lang(&mut self, lang: crate::base::lang::Lang) {
        self.meta.lang = lang;
        if lang == crate::base::lang::Lang::Ja {
            if let Some(t) = &self.meta.title_ja {
                self.meta.title = Some(t.clone());
            }
            if let Some(u) = &self.meta.unit_ja {
                self.meta.unit = u.clone();
            }
        }
    }

    /// The `i`th workload's owner in the scenario's language.
    pub fn owner_name(&self, i: usize) -> Option<&str> {
        let w = &self.workloads[i];
        self.in_lang(&w.owner_ja).or(w.owner.as_deref())
    }

    /// A variant's description in the scenario's language.
    pub fn variant_description(&self, id: &str) -> Option<&str> {
        let ja = self
            .variants_ja
            .get(id)
            .filter(|_| self.meta.lang == crate::base::lang::Lang::Ja);
        ja.map(String::as_str)
            .or_else(|| self.variants.get(id)?.as_deref())
    }

    /// What one unit of a limit's slack is in the limit's own terms: 1 for
    /// a share, the scope's demand for an amount (so that the slack is a
    /// fraction of it, like a share's).
    pub fn limit_unit(&self, limit: &Limit) -> f64 {
        if !limit.on_amounts() {
            return 1.0;
        }
        let demand: f64 = self
            .workloads
            .iter()
            .filter(|w| limit.scope == Scope::All || w.critical)
            .map(|w| w.demand)
            .sum();
        if demand > 0.0 { demand } else { 1.0 }
    }

    /// The dependences no allocation can lower: each company, country or tag
    /// value that every provider shares (every provider runs NVIDIA chips),
    /// as (dimension, value). Cutting one off leaves all demand unserved.
    pub fn shared_by_all(&self) -> Vec<(String, String)> {
        if self.providers.len() < 2 {
            return Vec::new();
        }
        let mut dims = vec![Dimension::Company, Dimension::Country];
        let mut keys: Vec<&String> = self.providers.iter().flat_map(|p| p.tags.keys()).collect();
        keys.sort();
        keys.dedup();
        dims.extend(keys.into_iter().map(|k| Dimension::Tag(k.clone())));
        dims.into_iter()
            .filter_map(|d| {
                let first = d.value_of(&self.providers[0])?;
                let all = self.providers.iter().all(|p| d.value_of(p) == Some(first));
                all.then(|| (d.to_string(), first.to_string()))
            })
            .collect()
    }

    /// A company's display name: its `company_ja` under `--lang ja` (from
    /// the first of its providers that has one), else the company as given.
    pub fn company_name<'a>(&'a self, company: &'a str) -> &'a str {
        self.providers
            .iter()
            .filter(|p| p.company == company)
            .find_map(|p| self.in_lang(&p.company_ja))
            .unwrap_or(company)
    }

    /// A data class's display name in the scenario's language, else its id.
    pub fn class_name<'a>(&'a self, id: &'a str) -> &'a str {
        self.classes
            .get(id)
            .and_then(|c| self.in_lang(&c.name_ja).or(c.name.as_deref()))
            .unwrap_or(id)
    }

    /// The display name of a dimension's value: a provider's, a company's
    /// or a country's name; a chip vendor or tag value as given.
    pub fn value_name(&self, dim: &str, value: &str) -> String {
        match dim {
            "provider" => self
                .provider_index(value)
                .map_or(value.to_string(), |i| self.provider_name(i).to_string()),
            "company" => self.company_name(value).to_string(),
            "country" => self.country_name(value).to_string(),
            _ => self.id_name(value).to_string(),
        }
    }

    /// The `i`th provider's display name in the scenario's language.
    pub fn provider_name(&self, i: usize) -> &str {
        let p = &self.providers[i];
        self.in_lang(&p.name_ja).unwrap_or(&p.name)
    }

    /// The `i`th workload's display name in the scenario's language.
    pub fn workload_name(&self, i: usize) -> &str {
        let w = &self.workloads[i];
        self.in_lang(&w.name_ja).unwrap_or(&w.name)
    }

    /// A dimension's name in the scenario's language: `provider`, 事業者.
    pub fn dimension_name(&self, dim: &str) -> String {
        match self.meta.names_ja.get(dim) {
            Some(name) if self.meta.lang == crate::base::lang::Lang::Ja => name.clone(),
            _ => crate::tr!(self.meta.lang, "dim-value", dim = dim),
        }
    }

    /// A workload's rule as the binding list and the diagnosis name it:
    /// `workload 'gennai' min_providers 2`.
    pub fn workload_rule(&self, id: &str, key: &str, value: impl std::fmt::Display) -> String {
        let value = value.to_string();
        crate::tr!(
            self.meta.lang,
            "rule-workload-key",
            id = id,
            key = key,
            value = value
        )
    }

    /// A policy rule named by its key: `max_change 0.3`.
    pub fn policy_rule(&self, key: &str, value: impl std::fmt::Display) -> String {
        let value = value.to_string();
        crate::tr!(self.meta.lang, "rule-key", key = key, value = value)
    }

    /// A limit as the binding list and the diagnosis name it:
    /// `limit 'cap' (every provider, max_share 35%)`; `here` names the value
    /// a limit over every value binds at.
    pub fn limit_rule(&self, l: &Limit, bounds: &str, here: Option<&str>) -> String {
        let lang = self.meta.lang;
        let dim = self.dimension_name(l.dimension.name());
        let on = match (&l.value, here) {
            (Some(v), _) => crate::tr!(lang, "rule-on-value", dim = dim, value = v.as_str()),
            (None, Some(h)) => crate::tr!(lang, "rule-on-every-here", dim = dim, value = h),
            (None, None) => crate::tr!(lang, "rule-on-every", dim = dim),
        };
        let scope = if l.scope == Scope::Critical {
            lang.text("rule-scope-critical")
        } else {
            String::new()
        };
        crate::tr!(
            lang,
            "rule-limit",
            id = l.id.as_str(),
            on = on,
            scope = scope,
            bounds = bounds
        )
    }

    /// A Japanese name, when the scenario is shown in Japanese.
    /// An id's name for people (a capability, data category, certification,
    /// tag name or value): its `names_ja` entry under `--lang ja`, else the id.
    pub fn id_name<'a>(&'a self, id: &'a str) -> &'a str {
        match self.meta.lang {
            crate::base::lang::Lang::Ja => self.meta.names_ja.get(id).map_or(id, String::as_str),
            _ => id,
        }
    }

    fn in_lang<'a>(&self, name_ja: &'a Option<String>) -> Option<&'a str> {
        (self.meta.lang == crate::base::lang::Lang::Ja)
            .then_some(name_ja.as_deref())
            .flatten()
    }
}

impl Scenario {
    /// Whether a plan needs whole decisions (binaries): how many providers
    /// serve a workload, a smallest allocation, the mosaic cap, contracts
    /// and volume discounts.
    pub fn has_integer_rules(&self) -> bool {
        let p = &self.policy;
        p.mosaic_max_categories.is_some()
            || p.max_contracts.is_some()
            || (0..self.workloads.len()).any(|wi| self.workload_has_integer_rules(wi))
            || self
                .providers
                .iter()
                .any(|pr| pr.has_contract_terms() || !pr.discounts.is_empty())
    }

    /// Whether how many providers serve workload `wi` is a rule: its
    /// `min_providers`/`max_providers`, or the policy's smallest allocation.
    pub fn workload_has_integer_rules(&self, wi: usize) -> bool {
        let w = &self.workloads[wi];
        self.policy.min_allocation_fraction.is_some()
            || w.min_providers.is_some()
            || w.max_providers.is_some()
    }

    /// The unit price of workload `wi` on provider `p`: the workload's own
    /// `prices` entry, else the provider's `price`.
    pub fn price(&self, wi: usize, p: usize) -> f64 {
        let provider = &self.providers[p];
        let prices = &self.workloads[wi].prices;
        if prices.is_empty() {
            return provider.price;
        }
        prices.get(&provider.id).copied().unwrap_or(provider.price)
    }

    /// Sets a number at its TOML path, as `--set PATH=VALUE` would, for the
    /// paths a rule's value lives at (budget, limits, capacity, max_change,
    /// survive, per-workload rules and demand). False for any other path or
    /// a value the field cannot hold; the scenario is then unchanged.
    pub fn set_number(&mut self, path: &str, value: f64) -> bool {
        let s = self;
        let parts: Vec<&str> = path.split('.').collect();
        let whole = || {
            (value >= 0.0 && value.fract() == 0.0 && value <= f64::from(u32::MAX))
                .then_some(value as u32)
        };
        match parts.as_slice() {
            ["policy", "budget"] => s.policy.budget = Some(value),
            ["policy", "max_change"] => s.policy.max_change = Some(value),
            ["policy", "min_allocation_fraction"] => s.policy.min_allocation_fraction = Some(value),
            ["policy", "mosaic_max_categories"] => match whole() {
                Some(k) => s.policy.mosaic_max_categories = Some(k),
                None => return false,
            },
            ["policy", "max_contracts"] => match whole() {
                Some(k) => s.policy.max_contracts = Some(k),
                None => return false,
            },
            ["policy", "survive", "min_served"] => match s.policy.survive.as_mut() {
                Some(sv) => sv.min_served = Some(value),
                None => return false,
            },
            ["policy", "limits", id, key] => {
                let Some(l) = s.policy.limits.iter_mut().find(|l| l.id == *id) else {
                    return false;
                };
                match *key {
                    "max_share" => l.max_share = Some(value),
                    "min_share" => l.min_share = Some(value),
                    "max_amount" => l.max_amount = Some(value),
                    "min_amount" => l.min_amount = Some(value),
                    _ => return false,
                }
            }
            ["providers", id, key] => {
                let Some(p) = s.providers.iter_mut().find(|p| p.id == *id) else {
                    return false;
                };
                match *key {
                    "capacity" => p.capacity = value,
                    "contract_cost" if value >= 0.0 => p.contract_cost = value,
                    "min_volume" if value >= 0.0 => p.min_volume = value,
                    _ => return false,
                }
            }
            ["workloads", id, key] => {
                let Some(w) = s.workloads.iter_mut().find(|w| w.id == *id) else {
                    return false;
                };
                match (*key, whole()) {
                    ("demand", _) if value > 0.0 => w.demand = value,
                    ("max_provider_fraction", _) if (0.0..=1.0).contains(&value) => {
                        w.max_provider_fraction = Some(value)
                    }
                    ("min_providers", Some(k)) => w.min_providers = Some(k),
                    ("max_providers", Some(k)) => w.max_providers = Some(k),
                    _ => return false,
                }
            }
            _ => return false,
        }
        true
    }
}

/// A scenario from TOML text, for the library's unit tests.
#[cfg(test)]
pub(crate) fn from_text(text: &str) -> Loaded {
    match load_str(
        std::path::Path::new("unit.toml"),
        text.to_string(),
        &LoadOptions::default(),
    ) {
        Ok(loaded) => loaded,
        Err(e) => panic!("the test scenario does not load:\n{e}"),
    }
}
