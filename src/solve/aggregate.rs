//! Exact aggregation (DESIGN 4.6): workloads that no rule can tell apart are
//! solved as one, and split back in proportion to demand.
//!
//! Two workloads are alike when they have the same eligible providers, class,
//! data, critical flag, priority, weight, `max_provider_fraction` and today's
//! split. Every rule is then linear and symmetric in them, so any plan of the
//! members averages (demand-weighted) into a plan of the aggregate with the
//! same figures, and the aggregate's plan split back is a plan of the members:
//! the optimum is the same. That argument fails for per-workload integer rules
//! (two alike workloads with `max_providers = 1` and two providers that each
//! fit one of them are feasible apart, infeasible merged), so workloads with
//! `min_providers`/`max_providers` stay alone, and nothing is merged when
//! `min_allocation_fraction` is set. The mosaic rule is safe: its binaries are
//! per provider and category, not per workload.

use std::collections::HashMap;

use crate::plan::allocation::{Allocation, at_demand};
use crate::scenario::eligibility::Eligibility;
use crate::scenario::{Scenario, Workload};

/// A smaller scenario whose workloads stand for groups of alike workloads.
#[derive(Debug, Clone)]
pub struct Reduced {
    pub scenario: Scenario,
    pub eligibility: Eligibility,
    /// For each reduced workload, the original workloads it stands for.
    pub members: Vec<Vec<usize>>,
}

/// What two alike workloads share (floats by their bits).
#[derive(PartialEq, Eq, Hash)]
struct Key {
    eligible: Vec<usize>,
    class: Option<String>,
    data: Vec<String>,
    critical: bool,
    priority: u64,
    weight: u64,
    max_provider_fraction: Option<u64>,
    current: Vec<(String, u64)>,
    /// Alike workloads merge only when their prices agree.
    prices: Vec<(String, u64)>,
}

fn key(w: &Workload, eligible: &[usize]) -> Option<Key> {
    if w.min_providers.is_some() || w.max_providers.is_some() {
        return None;
    }
    let mut data = w.data.clone();
    data.sort();
    data.dedup();
    Some(Key {
        eligible: eligible.to_vec(),
        class: w.class.clone(),
        data,
        critical: w.critical,
        priority: w.priority.to_bits(),
        weight: w.weight.to_bits(),
        max_provider_fraction: w.max_provider_fraction.map(f64::to_bits),
        current: bits(&w.current),
        prices: bits(&w.prices),
    })
}

fn bits(map: &std::collections::BTreeMap<String, f64>) -> Vec<(String, u64)> {
    map.iter().map(|(k, v)| (k.clone(), v.to_bits())).collect()
}

/// Groups alike workloads; `None` when no two are alike (or aggregation is
/// off), so that callers solve the scenario as it is.
pub fn reduce(s: &Scenario, e: &Eligibility) -> Option<Reduced> {
    let groups = groups(&[(s, e)])?;
    Some(reduced_with(s, e, groups))
}

/// The same grouping in every year of a pathway: workloads merge only when
/// they are alike in every year, so that the merged model stays exact.
pub fn reduce_years(years: &[(&Scenario, &Eligibility)]) -> Option<Vec<Reduced>> {
    let groups = groups(years)?;
    Some(
        years
            .iter()
            .map(|(s, e)| reduced_with(s, e, groups.clone()))
            .collect(),
    )
}

/// Workloads alike in every one of `years`; `None` when no two are.
fn groups(years: &[(&Scenario, &Eligibility)]) -> Option<Vec<Vec<usize>>> {
    let (first, _) = years.first()?;
    if years
        .iter()
        .any(|(s, _)| s.policy.min_allocation_fraction.is_some())
    {
        return None;
    }
    let mut groups: Vec<Vec<usize>> = Vec::new();
    let mut index: HashMap<Vec<Key>, usize> = HashMap::new();
    for wi in 0..first.workloads.len() {
        let k: Option<Vec<Key>> = years
            .iter()
            .map(|(s, e)| key(&s.workloads[wi], &e.eligible[wi]))
            .collect();
        match k {
            Some(k) => match index.get(&k) {
                Some(&g) => groups[g].push(wi),
                None => {
                    index.insert(k, groups.len());
                    groups.push(vec![wi]);
                }
            },
            None => groups.push(vec![wi]),
        }
    }
    (groups.len() < first.workloads.len()).then_some(groups)
}

/// One scenario with each group of `groups` as one workload.
fn reduced_with(s: &Scenario, e: &Eligibility, groups: Vec<Vec<usize>>) -> Reduced {
    let workloads = groups
        .iter()
        .map(|members| {
            let mut w = s.workloads[members[0]].clone();
            w.demand = members.iter().map(|&m| s.workloads[m].demand).sum();
            if members.len() > 1 {
                w.name = format!("{} (and {} alike)", w.name, members.len() - 1);
            }
            w
        })
        .collect();
    let eligibility = Eligibility {
        eligible: groups.iter().map(|m| e.eligible[m[0]].clone()).collect(),
        reasons: groups.iter().map(|m| e.reasons[m[0]].clone()).collect(),
    };
    let mut scenario = s.clone();
    scenario.workloads = workloads;
    Reduced {
        scenario,
        eligibility,
        members: groups,
    }
}

impl Reduced {
    /// The aggregates' plan split back onto the original workloads: each
    /// member keeps its aggregate's fractions.
    pub fn expand(&self, original: &Scenario, plan: &Allocation) -> Allocation {
        let mut rows = vec![Vec::new(); original.workloads.len()];
        for (g, members) in self.members.iter().enumerate() {
            for &m in members {
                rows[m] = at_demand(&plan.rows[g], original.workloads[m].demand);
            }
        }
        Allocation { rows }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::allocation::Assignment;
    use crate::scenario::from_text;

    const HEAD: &str = r#"
[scenario]
name = "aggregate"
home = "JP"
[providers.a]
country = "JP"
capacity = 100
price = 1.0
capabilities = { llm = 0.9 }
[providers.b]
country = "US"
capacity = 100
price = 2.0
capabilities = { llm = 0.9 }
"#;

    /// Two workloads alike in everything but demand.
    const TWO: &str = r#"
[workloads.x]
capability = "llm"
demand = 10
[workloads.y]
capability = "llm"
demand = 30
"#;

    fn reduced(workloads: &str) -> (Scenario, Option<Reduced>) {
        let loaded = from_text(&format!("{HEAD}{workloads}"));
        let e = Eligibility::compute(&loaded.scenario);
        let r = reduce(&loaded.scenario, &e);
        (loaded.scenario, r)
    }

    #[test]
    fn alike_workloads_merge_and_others_stay_alone() {
        let (s, r) = reduced(&format!(
            "{TWO}{}",
            r#"
[workloads.z]
capability = "llm"
demand = 5
critical = true
[workloads.k]
capability = "llm"
demand = 5
max_providers = 1
[workloads.k2]
capability = "llm"
demand = 5
max_providers = 1
"#
        ));
        let r = r.expect("x and y are alike");
        // Workloads are in id order: k, k2, x, y, z. The integer rule keeps
        // k and k2 apart; z differs by its critical flag.
        assert_eq!(r.members, vec![vec![0], vec![1], vec![2, 3], vec![4]]);
        assert_eq!(r.scenario.workloads[2].demand, 40.0);
        assert_eq!(
            r.scenario.workloads[2].name,
            format!("{} (and 1 alike)", s.workloads[2].name)
        );
        assert_eq!(r.eligibility.eligible.len(), 4);
    }

    #[test]
    fn a_plan_of_the_aggregate_splits_back_in_proportion_to_demand() {
        let (s, r) = reduced(TWO);
        let r = r.unwrap();
        let plan = Allocation {
            rows: vec![vec![
                Assignment {
                    provider: 0,
                    amount: 10.0,
                    fraction: 0.25,
                },
                Assignment {
                    provider: 1,
                    amount: 30.0,
                    fraction: 0.75,
                },
            ]],
        };
        let split = r.expand(&s, &plan);
        let amounts: Vec<Vec<f64>> = split
            .rows
            .iter()
            .map(|row| row.iter().map(|a| a.amount).collect())
            .collect();
        assert_eq!(amounts, vec![vec![2.5, 7.5], vec![7.5, 22.5]]);
        assert_eq!(split.provider_totals(&s), vec![10.0, 30.0]);
    }

    #[test]
    fn nothing_merges_without_alike_workloads_or_under_min_allocation_fraction() {
        assert!(reduced(&format!("{TWO}weight = 2.0\n")).1.is_none());
        assert!(
            reduced(&format!("[policy]\nmin_allocation_fraction = 0.1\n{TWO}"))
                .1
                .is_none()
        );
    }
}
