//! What each variable and row of a model stands for, in the domain's words
//! (`x[gennai,aws]`, `capacity[aws]`, `limit[any-provider,aws]`), for the
//! model files `--write-model` writes. Kept as small indices while the
//! model is built and solved; spelled out only when a file is written.

use std::collections::HashMap;

use good_lp::Constraint;

use crate::scenario::{Scenario, Side};

/// One variable or row of a model.
#[derive(Debug, Clone, PartialEq)]
pub enum Name {
    // Variables.
    /// The fraction of workload `w`'s demand that provider `p` serves.
    Fraction(usize, usize),
    /// Whether provider `p` serves workload `w` at all (integer rules).
    Serves(usize, usize),
    /// The fraction of workload `w` moved away from provider `p` since today.
    Moved(usize, usize),
    /// Whether provider `p` is under contract.
    Contract(usize),
    /// Whether provider `p`'s load reaches its `k`-th discount level.
    Level(usize, usize),
    /// The discount earned at provider `p`'s `k`-th level.
    Discount(usize, usize),
    /// Whether non-domestic provider `p` sees data category `c`.
    Sees(usize, String),
    /// The fraction of workload `w` re-routed to provider `p` after cut-off `c`.
    Rerouted(usize, usize, usize),
    /// The largest share of a dimension (a share stage's objective).
    Largest(String),
    /// The worst unserved fraction of critical demand over the cut-offs.
    WorstUnserved,
    /// Provider `p`'s term of the concentration (HHI) approximation.
    Hhi(usize),
    /// How far a rule bends (the elastic copy only).
    Slack(usize),
    /// A variable or row of an analysis (re-routing's floor, a pathway's
    /// build) or of one solve (the dive's pins), never in a model file.
    Other(&'static str, usize),
    // Rows.
    /// Workload `w` is served in full.
    Demand(usize),
    /// Provider `p`'s capacity.
    Capacity(usize),
    Budget,
    /// A share or amount limit (`limit`) or floor (`floor`) on one value.
    Limit {
        limit: usize,
        value: String,
        side: Side,
    },
    /// `x <= most * serves`.
    Uses(usize, usize),
    /// `x >= floor * serves`.
    Least(usize, usize),
    MinProviders(usize),
    MaxProviders(usize),
    /// Dropping today's provider moves all it served today.
    Keeps(usize, usize),
    /// `moved >= today - x`.
    Moves(usize, usize),
    MaxChange(usize),
    /// Provider `p` serves only under contract.
    UnderContract(usize),
    MinVolume(usize),
    /// Provider `p`'s load reaches level `k` when the level is taken.
    Reaches(usize, usize),
    /// The discount at level `k` only when it is taken.
    DiscountOn(usize, usize),
    /// The discount at level `k` at most its share of the spend.
    DiscountOf(usize, usize),
    /// At most one discount level per provider.
    OneLevel(usize),
    MaxContracts,
    /// A discount level out of reach, held off for one solve.
    OutOfReach(usize, usize),
    /// Provider `p` sees category `c` when it serves workload `w` carrying it.
    SeesData(usize, String, usize),
    /// Non-domestic provider `p` sees at most `mosaic_max_categories`.
    Mosaic(usize),
    /// After cut-off `c`, workload `w` re-routes at most what it lost.
    Reroute(usize, usize),
    /// After cut-off `c`, provider `p` carries its load within capacity and surge.
    Surge(usize, usize),
    /// After cut-off `c`, workload `w` keeps `survive.min_served`.
    Survive(usize, usize),
    /// Value `v`'s share is at most the largest of dimension `d`.
    LargestOf(String, String),
    /// Cut-off `c` leaves at most the worst unserved.
    WorstOf(usize),
    /// Tangent `i` of provider `p`'s HHI term.
    Tangent(usize, usize),
    /// A bound on a stage's quantity (an analysis's cap).
    Cap(String),
    /// Stage `k`'s optimum held (`held[1]` is the first stage's).
    Held(usize),
}

impl Name {
    /// The name as a free MPS file writes it (no spaces); `cuts` names each
    /// cut-off's providers in the order the model added them.
    pub fn text(&self, s: &Scenario, cuts: &[Vec<usize>]) -> String {
        let w = |i: usize| s.workloads[i].id.as_str();
        let p = |i: usize| s.providers[i].id.as_str();
        let cut = |c: usize| {
            cuts.get(c).map_or_else(
                || c.to_string(),
                |set| set.iter().map(|&q| p(q)).collect::<Vec<_>>().join("&"),
            )
        };
        let text = match self {
            Name::Fraction(a, b) => format!("x[{},{}]", w(*a), p(*b)),
            Name::Serves(a, b) => format!("serves[{},{}]", w(*a), p(*b)),
            Name::Moved(a, b) => format!("moved[{},{}]", w(*a), p(*b)),
            Name::Contract(a) => format!("contract[{}]", p(*a)),
            Name::Level(a, k) => format!("level[{},{}]", p(*a), k + 1),
            Name::Discount(a, k) => format!("discount[{},{}]", p(*a), k + 1),
            Name::Sees(a, c) => format!("sees[{},{c}]", p(*a)),
            Name::Rerouted(c, a, b) => format!("rerouted[{},{},{}]", cut(*c), w(*a), p(*b)),
            Name::Largest(d) => format!("largest[{d}]"),
            Name::WorstUnserved => "worst_unserved".into(),
            Name::Hhi(a) => format!("hhi[{}]", p(*a)),
            Name::Slack(i) => format!("slack[{}]", i + 1),
            Name::Other(what, i) => format!("{what}[{}]", i + 1),
            Name::Demand(a) => format!("demand[{}]", w(*a)),
            Name::Capacity(a) => format!("capacity[{}]", p(*a)),
            Name::Budget => "budget".into(),
            Name::Limit { limit, value, side } => {
                let word = match side {
                    Side::Max => "limit",
                    Side::Min => "floor",
                };
                let id = s.policy.limits.get(*limit).map_or("?", |l| l.id.as_str());
                format!("{word}[{id},{value}]")
            }
            Name::Uses(a, b) => format!("uses[{},{}]", w(*a), p(*b)),
            Name::Least(a, b) => format!("least[{},{}]", w(*a), p(*b)),
            Name::MinProviders(a) => format!("min_providers[{}]", w(*a)),
            Name::MaxProviders(a) => format!("max_providers[{}]", w(*a)),
            Name::Keeps(a, b) => format!("keeps[{},{}]", w(*a), p(*b)),
            Name::Moves(a, b) => format!("moves[{},{}]", w(*a), p(*b)),
            Name::MaxChange(a) => format!("max_change[{}]", w(*a)),
            Name::UnderContract(a) => format!("under_contract[{}]", p(*a)),
            Name::MinVolume(a) => format!("min_volume[{}]", p(*a)),
            Name::Reaches(a, k) => format!("reaches[{},{}]", p(*a), k + 1),
            Name::DiscountOn(a, k) => format!("discount_on[{},{}]", p(*a), k + 1),
            Name::DiscountOf(a, k) => format!("discount_of[{},{}]", p(*a), k + 1),
            Name::OneLevel(a) => format!("one_level[{}]", p(*a)),
            Name::MaxContracts => "max_contracts".into(),
            Name::OutOfReach(a, k) => format!("out_of_reach[{},{}]", p(*a), k + 1),
            Name::SeesData(a, c, b) => format!("sees[{},{c},{}]", p(*a), w(*b)),
            Name::Mosaic(a) => format!("mosaic[{}]", p(*a)),
            Name::Reroute(c, a) => format!("reroute[{},{}]", cut(*c), w(*a)),
            Name::Surge(c, a) => format!("surge[{},{}]", cut(*c), p(*a)),
            Name::Survive(c, a) => format!("survive[{},{}]", cut(*c), w(*a)),
            Name::LargestOf(d, v) => format!("largest[{d},{v}]"),
            Name::WorstOf(c) => format!("worst[{}]", cut(*c)),
            Name::Tangent(a, i) => format!("hhi[{},{}]", p(*a), i + 1),
            Name::Cap(q) => format!("cap[{q}]"),
            Name::Held(k) => format!("held[{}]", k + 1),
        };
        plain(&text)
    }
}

/// A name any MPS or LP reader takes as one token: characters other than
/// ASCII letters, digits and `[],_-&` (spaces, `:`, `.`, non-ASCII values
/// of a tag) become `_`, and a name stays within the 255 characters LP readers
/// allow.
fn plain(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || "[],_-&".contains(c) {
                c
            } else {
                '_'
            }
        })
        .take(MAX_NAME)
        .collect()
}

/// The longest name written (CPLEX LP allows 255 characters; room is left
/// for the suffix that keeps names unique).
const MAX_NAME: usize = 240;

/// The same name in CPLEX LP form, where `[`, `]` and `-` are operators:
/// `x(gennai,diet.answers)` for `x[gennai,diet-answers]` (an MPS name
/// never holds a `.`, so the two forms map one to one).
pub fn lp_form(mps: &str) -> String {
    mps.chars()
        .map(|c| match c {
            '[' => '(',
            ']' => ')',
            '-' => '.',
            other => other,
        })
        .collect()
}

/// Names made unique: a second `a` becomes `a_2` (two tag values that
/// differ only in characters no file takes).
#[derive(Default)]
pub(super) struct Unique(HashMap<String, usize>);

impl Unique {
    pub fn name(&mut self, name: String) -> String {
        let n = self.0.entry(name.clone()).or_insert(0);
        *n += 1;
        if *n == 1 {
            name
        } else {
            let again = format!("{name}_{n}");
            self.name(again)
        }
    }
}

/// A model's rows with what each stands for, kept in step: rows are added,
/// and a solve's temporary rows taken off the end, together.
#[derive(Default)]
pub(super) struct NamedRows {
    rows: Vec<Constraint>,
    names: Vec<Name>,
}

impl NamedRows {
    pub fn push(&mut self, name: Name, row: Constraint) {
        self.rows.push(row);
        self.names.push(name);
    }

    pub fn len(&self) -> usize {
        self.rows.len()
    }

    /// Keeps the first `n` rows.
    pub fn truncate(&mut self, n: usize) {
        self.rows.truncate(n);
        self.names.truncate(n);
    }

    /// Removes the `n` rows from `at`.
    pub fn remove(&mut self, at: usize, n: usize) {
        self.rows.drain(at..at + n);
        self.names.drain(at..at + n);
    }

    pub fn iter(&self) -> std::slice::Iter<'_, Constraint> {
        self.rows.iter()
    }

    pub fn named(&self) -> impl Iterator<Item = (&Name, &Constraint)> {
        self.names.iter().zip(&self.rows)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_is_one_token_in_both_formats_and_the_lp_form_maps_back() {
        assert_eq!(plain("limit[any-provider,JP]"), "limit[any-provider,JP]");
        // A tag value with a space, a colon or Japanese: one token.
        assert_eq!(
            plain("largest[tier,gov cloud:Ａ]"),
            "largest[tier,gov_cloud__]"
        );
        assert_eq!(lp_form("x[diet-answers,aws]"), "x(diet.answers,aws)");
        assert_eq!(plain(&"a".repeat(300)).len(), MAX_NAME);
        let mut unique = Unique::default();
        let names: Vec<String> = ["a", "a", "a_2", "b"]
            .iter()
            .map(|n| unique.name(n.to_string()))
            .collect();
        assert_eq!(names, ["a", "a_2", "a_2_2", "b"]);
    }
}
