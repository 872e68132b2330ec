//! The answer a plan's summary, report and `plan.json` open with: from
//! today's split to the plan, its cost against the budget and against the
//! cheapest plan within the same rules, the worst single cut-off, and the
//! rule that holds the plan most. Every figure here is in `plan.json`
//! under `answer`, so that what a meeting reads can be checked.

use serde::Serialize;

use crate::plan::allocation::Allocation;
use crate::plan::metrics::{Binding, Metrics, WorstCutoff};
use crate::solve::Solved;

/// Where a split of the demand stands: its largest provider share (ties
/// named), its home share and what it costs.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Split {
    pub largest_provider_share: f64,
    pub largest_providers: Vec<String>,
    pub home_share: f64,
    pub total_cost: f64,
}

impl Split {
    fn of(m: &Metrics) -> Split {
        let (share, who) = m.holders("provider", None);
        Split {
            largest_provider_share: share,
            largest_providers: who.into_iter().map(str::to_string).collect(),
            home_share: m.home_share,
            total_cost: m.total_cost,
        }
    }
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Answer {
    /// Today's split (each workload's `current`), when every workload has one.
    pub today: Option<Split>,
    pub plan: Split,
    pub budget: Option<f64>,
    /// The cheapest plan's cost within every rule, where it was solved.
    pub cheapest_cost: Option<f64>,
    pub worst_cutoff: Option<WorstCutoff>,
    /// The rule with the largest effect in the first stage any rule holds.
    pub holds_most: Option<Binding>,
}

impl Answer {
    pub fn of(run: &Solved) -> Answer {
        let s = run.scenario();
        let today = Allocation::today(s).map(|a| Split::of(&Metrics::compute(s, &a, Vec::new())));
        Answer {
            today,
            plan: Split::of(&run.metrics),
            budget: s.policy.budget,
            cheapest_cost: run.cheapest,
            worst_cutoff: run.metrics.worst_cutoff.clone(),
            holds_most: run.binding.as_ref().and_then(|b| b.first().cloned()),
        }
    }

    /// How much more the plan costs than the cheapest plan (never below 0:
    /// a plan within the MIP gap of the cheapest may read a little under it).
    pub fn over_cheapest(&self) -> Option<f64> {
        self.cheapest_cost
            .map(|c| (self.plan.total_cost - c).max(0.0))
    }
}
