//! Which provider may serve which workload, and for every "no" the first
//! rule that fails (DESIGN 4.1). The model only has variables for eligible pairs.

use std::fmt;

use serde::Serialize;

use crate::base::lang::Lang;
use crate::scenario::{Class, Provider, Scenario, Workload};
use crate::tr;

/// Why a provider may not serve a workload.
#[derive(Debug, Clone, PartialEq)]
pub enum Reason {
    CapabilityMissing(String),
    Quality { have: f64, need: f64 },
    LacksCertification(String),
    Sovereignty { have: u32, need: u32 },
    NoRegion(Vec<String>),
    NotDomestic(String),
    NotInAllowList,
    Excluded,
    NoCapacity,
}

impl Reason {
    /// The reason in the scenario's language, its ids named as `names_ja`
    /// says in Japanese.
    pub fn text(&self, s: &super::Scenario) -> String {
        self.said(s.meta.lang, &|id| s.id_name(id).to_string())
    }

    /// The reason in `lang`, each id named by `name`.
    fn said(&self, lang: Lang, name: &dyn Fn(&str) -> String) -> String {
        match self {
            Reason::CapabilityMissing(c) => {
                tr!(lang, "reason-capability-missing", capability = name(c))
            }
            Reason::Quality { have, need } => tr!(
                lang,
                "reason-quality",
                have = format!("{have:.2}"),
                need = format!("{need:.2}")
            ),
            Reason::LacksCertification(c) => {
                tr!(lang, "reason-certification", certification = name(c))
            }
            Reason::Sovereignty { have, need } => tr!(
                lang,
                "reason-sovereignty",
                have = have.to_string(),
                need = need.to_string()
            ),
            Reason::NoRegion(r) => tr!(lang, "reason-region", regions = r.join(", ")),
            Reason::NotDomestic(c) => tr!(lang, "reason-not-domestic", country = c.as_str()),
            Reason::NotInAllowList => lang.text("reason-allow-list"),
            Reason::Excluded => lang.text("reason-excluded"),
            Reason::NoCapacity => lang.text("reason-no-capacity"),
        }
    }
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.said(Lang::En, &|id| id.to_string()))
    }
}

impl Serialize for Reason {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// The eligible pairs of a scenario.
#[derive(Debug, Clone)]
pub struct Eligibility {
    /// Per workload (scenario order): the eligible provider indices, ascending.
    pub eligible: Vec<Vec<usize>>,
    /// Per workload, per provider: `None` if eligible, else the first reason.
    pub reasons: Vec<Vec<Option<Reason>>>,
}

impl Eligibility {
    pub fn compute(s: &Scenario) -> Self {
        let reasons: Vec<Vec<Option<Reason>>> = s
            .workloads
            .iter()
            .map(|w| {
                // The class is looked up once per workload, not per pair.
                let class = w.class.as_ref().and_then(|c| s.classes.get(c));
                s.providers
                    .iter()
                    .map(|p| first_reason(s, w, class, p))
                    .collect()
            })
            .collect();
        let eligible = reasons
            .iter()
            .map(|row| (0..row.len()).filter(|&p| row[p].is_none()).collect())
            .collect();
        Eligibility { eligible, reasons }
    }

    pub fn is_eligible(&self, w: usize, p: usize) -> bool {
        self.reasons[w][p].is_none()
    }

    /// Number of eligible pairs: the number of allocation variables.
    pub fn pair_count(&self) -> usize {
        self.eligible.iter().map(Vec::len).sum()
    }
}

/// The first rule of DESIGN 4.1 that `p` fails for `w`, in the documented order.
fn first_reason(s: &Scenario, w: &Workload, class: Option<&Class>, p: &Provider) -> Option<Reason> {
    let Some(&quality) = p.capabilities.get(&w.capability) else {
        return Some(Reason::CapabilityMissing(w.capability.clone()));
    };
    if quality < w.min_quality {
        return Some(Reason::Quality {
            have: quality,
            need: w.min_quality,
        });
    }
    if let Some(class) = class {
        if let Some(c) = class
            .certifications
            .iter()
            .find(|c| !p.certifications.contains(c))
        {
            return Some(Reason::LacksCertification(c.clone()));
        }
        if p.sovereignty < class.min_sovereignty {
            return Some(Reason::Sovereignty {
                have: p.sovereignty,
                need: class.min_sovereignty,
            });
        }
        if !class.residency.is_empty() && !class.residency.iter().any(|r| p.regions.contains(r)) {
            return Some(Reason::NoRegion(class.residency.clone()));
        }
        if class.domestic_only && !s.is_domestic(p) {
            return Some(Reason::NotDomestic(p.country.clone()));
        }
    }
    if let Some(only) = &w.only
        && !only.contains(&p.id)
    {
        return Some(Reason::NotInAllowList);
    }
    if w.exclude.contains(&p.id) {
        return Some(Reason::Excluded);
    }
    if p.capacity <= 0.0 {
        return Some(Reason::NoCapacity);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::from_text;

    /// Providers that each fail one rule of DESIGN 4.1 for workload `w`.
    const TEXT: &str = r#"
[scenario]
name = "eligibility"
home = "JP"
[classes.special]
certifications = ["ISMAP"]
min_sovereignty = 3
residency = ["JP"]
domestic_only = true
[providers.ok]
country = "JP"
capacity = 10
price = 1.0
sovereignty = 4
certifications = ["ISMAP"]
capabilities = { llm = 0.9 }
[providers.nollm]
country = "JP"
capacity = 10
price = 1.0
capabilities = { gpu = 0.9 }
[providers.weak]
country = "JP"
capacity = 10
price = 1.0
capabilities = { llm = 0.5 }
[providers.nocert]
country = "JP"
capacity = 10
price = 1.0
sovereignty = 4
capabilities = { llm = 0.9 }
[providers.lowsov]
country = "JP"
capacity = 10
price = 1.0
sovereignty = 1
certifications = ["ISMAP"]
capabilities = { llm = 0.9 }
[providers.abroad]
country = "US"
regions = ["US"]
capacity = 10
price = 1.0
sovereignty = 4
certifications = ["ISMAP"]
capabilities = { llm = 0.9 }
[providers.foreign]
country = "US"
regions = ["JP"]
capacity = 10
price = 1.0
sovereignty = 4
certifications = ["ISMAP"]
capabilities = { llm = 0.9 }
[providers.empty]
country = "JP"
capacity = 0
price = 1.0
sovereignty = 4
certifications = ["ISMAP"]
capabilities = { llm = 0.9 }
[workloads.w]
capability = "llm"
min_quality = 0.8
demand = 5
class = "special"
[workloads.open]
capability = "llm"
demand = 5
only = ["ok", "weak", "foreign"]
exclude = ["foreign"]
"#;

    #[test]
    fn every_no_keeps_its_first_failing_reason() {
        let loaded = from_text(TEXT);
        let s = &loaded.scenario;
        let e = Eligibility::compute(s);
        // Workloads are in id order: `open`, then `w`.
        const OPEN: usize = 0;
        const W: usize = 1;
        let reason = |w: usize, p: &str| {
            let pi = s.provider_index(p).unwrap();
            e.reasons[w][pi].as_ref().map(ToString::to_string)
        };
        assert_eq!(reason(W, "ok"), None);
        assert_eq!(reason(W, "nollm").unwrap(), "capability llm missing");
        assert_eq!(reason(W, "weak").unwrap(), "quality 0.50 < 0.80");
        assert_eq!(reason(W, "nocert").unwrap(), "lacks certification ISMAP");
        assert_eq!(reason(W, "lowsov").unwrap(), "sovereignty 1 < 3");
        assert_eq!(reason(W, "abroad").unwrap(), "no region in [JP]");
        assert_eq!(reason(W, "foreign").unwrap(), "not domestic (US)");
        assert_eq!(reason(W, "empty").unwrap(), "no capacity");
        // Without a class: only the allow-list, the deny-list and capacity.
        assert_eq!(reason(OPEN, "ok"), None);
        assert_eq!(reason(OPEN, "weak"), None);
        assert_eq!(reason(OPEN, "nocert").unwrap(), "not in the allow-list");
        assert_eq!(reason(OPEN, "foreign").unwrap(), "excluded");
    }

    #[test]
    fn eligible_pairs_are_the_providers_without_a_reason() {
        let loaded = from_text(TEXT);
        let s = &loaded.scenario;
        let e = Eligibility::compute(s);
        let ok = s.provider_index("ok").unwrap();
        let weak = s.provider_index("weak").unwrap();
        // Workloads in id order: `open`, then `w`.
        assert_eq!(e.eligible[0], vec![ok, weak]);
        assert_eq!(e.eligible[1], vec![ok]);
        assert_eq!(e.pair_count(), 3);
        assert!(e.is_eligible(0, weak) && !e.is_eligible(1, weak));
    }
}
