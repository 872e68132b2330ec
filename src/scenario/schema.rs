//! `tayoka schema`: the JSON Schema of the scenario format, for editors
//! (taplo / Even Better TOML: completion and inline errors).
//!
//! Every table's fields are described here once, and a test holds them equal
//! to the keys the decoder accepts (`scenario::decode::keys`), so the schema
//! cannot drift from what tayoka reads.

use serde_json::{Map, Value, json};

/// A field's type in the schema.
#[derive(Debug, Clone, Copy)]
pub enum Type {
    Text,
    /// A number >= 0.
    Amount,
    /// A number in [0, 1].
    Fraction,
    /// A number > 0.
    Positive,
    /// A whole number in a range.
    Whole(i64, Option<i64>),
    Bool,
    Texts,
    /// A table of fractions (capabilities, current).
    Fractions,
    /// A table of strings (tags).
    Texts2,
    /// A table of amounts >= 0 (a workload's prices).
    Amounts,
    /// One of these strings.
    OneOf(&'static [&'static str]),
    /// A table (described by its own fields).
    Table(&'static str),
    /// Any finite number.
    Number,
    /// `[pathway.changes.<year>]`: tables of `"--set path" = value`.
    Changes,
    /// An array of these tables (a provider's discount levels).
    Tables(&'static str),
}

/// A field: its key, type and description.
pub type Field = (&'static str, Type, &'static str);

/// The fields of each table, by table name.
pub const TABLES: &[(&str, &[Field])] = &[
    (
        "scenario",
        &[
            (
                "name",
                Type::Text,
                "Required. An id; the output folder is output/<name>/.",
            ),
            ("title", Type::Text, "Shown in summaries and reports."),
            (
                "home",
                Type::Text,
                "Required. Home country: providers whose country equals it are domestic.",
            ),
            (
                "unit",
                Type::Text,
                "Label of demand and capacity (one unit per scenario).",
            ),
            ("currency", Type::Text, "Label of prices and the budget."),
            (
                "lang",
                Type::OneOf(&["en", "ja"]),
                "The language of the terminal summary, report and charts (default en; --lang overrides it).",
            ),
            (
                "title_ja",
                Type::Text,
                "The title in Japanese output (--lang ja).",
            ),
            (
                "unit_ja",
                Type::Text,
                "The unit in Japanese output (--lang ja).",
            ),
            (
                "names_ja",
                Type::Texts2,
                "Japanese names of the other ids people read in Japanese output: capabilities, data categories, certifications, tag names and values.",
            ),
            (
                "fiscal_years",
                Type::Bool,
                "The scenario's years are fiscal years: a pathway's years read 2027年度 in Japanese output (default false).",
            ),
        ],
    ),
    (
        "country",
        &[
            ("name", Type::Text, "Display name."),
            (
                "name_ja",
                Type::Text,
                "Display name in Japanese output (--lang ja).",
            ),
            (
                "outage",
                Type::Fraction,
                "Probability that every provider of the country is cut off at once (Monte Carlo).",
            ),
        ],
    ),
    (
        "class",
        &[
            ("name", Type::Text, "Display name (default: the id)."),
            (
                "name_ja",
                Type::Text,
                "Display name in Japanese output (--lang ja).",
            ),
            (
                "min_sovereignty",
                Type::Whole(0, Some(4)),
                "A provider's sovereignty must be at least this.",
            ),
            (
                "residency",
                Type::Texts,
                "When set, the provider's regions must include one of these.",
            ),
            (
                "certifications",
                Type::Texts,
                "The provider must hold all of these.",
            ),
            (
                "domestic_only",
                Type::Bool,
                "Only providers whose country is home.",
            ),
        ],
    ),
    (
        "provider",
        &[
            ("name", Type::Text, "Display name (default: the id)."),
            (
                "name_ja",
                Type::Text,
                "Display name in Japanese output (--lang ja).",
            ),
            (
                "company",
                Type::Text,
                "Providers of one company count together (default: the id).",
            ),
            (
                "company_ja",
                Type::Text,
                "The company's name in Japanese output (--lang ja).",
            ),
            (
                "country",
                Type::Text,
                "Required. Legal home (jurisdiction).",
            ),
            (
                "regions",
                Type::Texts,
                "Where it can keep data (default: its country).",
            ),
            ("capacity", Type::Amount, "Required. In scenario.unit."),
            ("price", Type::Amount, "Required. Currency per unit."),
            (
                "sovereignty",
                Type::Whole(0, Some(4)),
                "Assurance level 0..4, like the EU's SEAL levels.",
            ),
            ("certifications", Type::Texts, "e.g. [\"ISMAP\"]."),
            (
                "capabilities",
                Type::Fractions,
                "Quality 0..1 per capability, e.g. { llm = 0.85 }.",
            ),
            (
                "tags",
                Type::Texts2,
                "Extra dependency dimensions, e.g. { group = \"google-kddi\" }.",
            ),
            (
                "surge",
                Type::Amount,
                "Extra fraction of capacity usable after a cut-off.",
            ),
            (
                "outage",
                Type::Fraction,
                "Probability of being cut off in the period (Monte Carlo).",
            ),
            (
                "exit_cost",
                Type::Amount,
                "Currency per unit moved away from today's split.",
            ),
            (
                "expand",
                Type::Table("expand"),
                "Capacity a pathway may build (tayoka pathway).",
            ),
            (
                "contract_cost",
                Type::Amount,
                "Paid per period when the provider serves anything (onboarding, accreditation).",
            ),
            (
                "min_volume",
                Type::Amount,
                "A provider that serves anything serves at least this much in all.",
            ),
            (
                "discounts",
                Type::Tables("discount"),
                "All-units volume discounts, from and off strictly increasing.",
            ),
        ],
    ),
    (
        "workload",
        &[
            ("name", Type::Text, "Display name (default: the id)."),
            (
                "name_ja",
                Type::Text,
                "Display name in Japanese output (--lang ja).",
            ),
            ("owner", Type::Text, "Ministry or agency."),
            (
                "owner_ja",
                Type::Text,
                "The owner in Japanese output (--lang ja).",
            ),
            (
                "capability",
                Type::Text,
                "Required. A key of some provider's capabilities.",
            ),
            (
                "min_quality",
                Type::Fraction,
                "Providers below this quality are ineligible.",
            ),
            ("demand", Type::Positive, "Required. In scenario.unit."),
            ("class", Type::Text, "A data class id: its rules apply."),
            (
                "data",
                Type::Texts,
                "Sensitive data categories (the mosaic rule).",
            ),
            (
                "critical",
                Type::Bool,
                "Counted by critical-scoped limits and the survivability figures.",
            ),
            (
                "priority",
                Type::Amount,
                "Weight of unserved demand in survivability figures.",
            ),
            ("weight", Type::Positive, "Weight in dependence shares."),
            ("only", Type::Texts, "Allow-list of provider ids."),
            ("exclude", Type::Texts, "Deny-list of provider ids."),
            (
                "max_provider_fraction",
                Type::Fraction,
                "No provider serves more than this fraction of it.",
            ),
            (
                "min_providers",
                Type::Whole(1, None),
                "At least this many providers serve it.",
            ),
            (
                "max_providers",
                Type::Whole(1, None),
                "At most this many providers serve it.",
            ),
            (
                "current",
                Type::Fractions,
                "Today's split, fractions summing to 1, e.g. { aws = 1.0 }.",
            ),
            (
                "prices",
                Type::Amounts,
                "Its unit price on these providers instead of their price, e.g. { aws = 650.0 }.",
            ),
        ],
    ),
    (
        "policy",
        &[
            (
                "objective",
                Type::OneOf(&["diversify", "sovereignty", "cost", "resilience"]),
                "What the plan optimises first.",
            ),
            (
                "diversify",
                Type::Texts,
                "Dimensions whose largest share is minimised, in order.",
            ),
            (
                "count_home",
                Type::Bool,
                "Whether the home country counts in the country stage.",
            ),
            (
                "tie_break",
                Type::OneOf(&["cost", "balance"]),
                "The last stage.",
            ),
            (
                "budget",
                Type::Amount,
                "Total cost (with exit costs) must stay within it.",
            ),
            (
                "min_allocation_fraction",
                Type::Fraction,
                "A provider that serves a workload serves at least this fraction of it.",
            ),
            (
                "mosaic_max_categories",
                Type::Whole(0, None),
                "A foreign provider sees at most this many data categories.",
            ),
            (
                "max_change",
                Type::Fraction,
                "At most this fraction of each workload moves from today's split.",
            ),
            (
                "max_contracts",
                Type::Whole(0, None),
                "At most this many providers serve anything.",
            ),
            ("limits", Type::Table("limit"), "Named share rules."),
            (
                "survive",
                Type::Table("survive"),
                "The survivability rule and the cut-off events.",
            ),
        ],
    ),
    (
        "limit",
        &[
            (
                "dimension",
                Type::Text,
                "Required. provider, company, country or a tag key.",
            ),
            (
                "value",
                Type::Text,
                "The value bounded; without it, every value.",
            ),
            ("max_share", Type::Fraction, "At most this share."),
            ("min_share", Type::Fraction, "At least this share."),
            (
                "max_amount",
                Type::Amount,
                "At most this amount in scenario.unit, unweighted (instead of shares).",
            ),
            (
                "min_amount",
                Type::Amount,
                "At least this amount in scenario.unit, unweighted.",
            ),
            (
                "scope",
                Type::OneOf(&["all", "critical"]),
                "Workloads the share is measured over.",
            ),
        ],
    ),
    (
        "survive",
        &[
            (
                "dimensions",
                Type::Texts,
                "Dimensions whose single cut-offs count (default provider, company, country).",
            ),
            (
                "min_served",
                Type::Fraction,
                "The rule: each critical workload keeps at least this fraction after any cut-off.",
            ),
        ],
    ),
    (
        "pathway",
        &[
            (
                "start",
                Type::Whole(1900, Some(2200)),
                "Required. The first planned year; year 0 is today's split.",
            ),
            (
                "years",
                Type::Whole(1, Some(100)),
                "Years tayoka pathway plans when --years is not given.",
            ),
            (
                "demand_growth",
                Type::Number,
                "Every workload's demand grows by this fraction a year (may be negative, above -1).",
            ),
            (
                "discount_rate",
                Type::Amount,
                "Later years' cost is divided by (1 + rate)^(year - start).",
            ),
            (
                "investment_budget",
                Type::Amount,
                "Cap on the total one-off cost of capacity built.",
            ),
            (
                "changes",
                Type::Changes,
                "Tables by year of \"--set path\" = value, holding from that year on.",
            ),
        ],
    ),
    (
        "discount",
        &[
            (
                "from",
                Type::Amount,
                "Required. The provider's load (scenario.unit) from which this level holds.",
            ),
            (
                "off",
                Type::Fraction,
                "Required. The fraction taken off every unit's price, in [0, 1).",
            ),
        ],
    ),
    (
        "expand",
        &[
            (
                "max",
                Type::Amount,
                "Required. Most units added over the whole pathway.",
            ),
            (
                "cost",
                Type::Amount,
                "Required. One-off cost per unit added.",
            ),
            (
                "from",
                Type::Whole(1900, Some(2200)),
                "First year capacity may be built (default: the pathway's start).",
            ),
        ],
    ),
];

fn fields(table: &str) -> &'static [Field] {
    TABLES
        .iter()
        .find(|(t, _)| *t == table)
        .map_or(&[], |(_, f)| f)
}

const ID_PATTERN: &str = "^[A-Za-z0-9][A-Za-z0-9_-]*$";

fn field(t: Type, description: &str) -> Value {
    let mut v = match t {
        Type::Text => json!({"type": "string"}),
        Type::Amount => json!({"type": "number", "minimum": 0}),
        Type::Fraction => json!({"type": "number", "minimum": 0, "maximum": 1}),
        Type::Positive => json!({"type": "number", "exclusiveMinimum": 0}),
        Type::Whole(min, max) => match max {
            Some(max) => json!({"type": "integer", "minimum": min, "maximum": max}),
            None => json!({"type": "integer", "minimum": min}),
        },
        Type::Bool => json!({"type": "boolean"}),
        Type::Texts => json!({"type": "array", "items": {"type": "string"}}),
        Type::Fractions => {
            json!({"type": "object", "additionalProperties": {"type": "number", "minimum": 0, "maximum": 1}})
        }
        Type::Texts2 => json!({"type": "object", "additionalProperties": {"type": "string"}}),
        Type::Amounts => {
            json!({"type": "object", "additionalProperties": {"type": "number", "minimum": 0}})
        }
        Type::OneOf(names) => json!({"type": "string", "enum": names}),
        Type::Number => json!({"type": "number"}),
        Type::Changes => json!({
            "type": "object",
            "propertyNames": {"pattern": "^[0-9]{4}$"},
            "additionalProperties": {"type": "object"}
        }),
        Type::Table("limit") => by_id(table("limit")),
        Type::Tables(name) => {
            let mut item = table(name);
            item["required"] = json!(["from", "off"]);
            item["properties"]["off"]["exclusiveMaximum"] = json!(1);
            json!({"type": "array", "items": item})
        }
        Type::Table(name) => table(name),
    };
    if let Value::Object(m) = &mut v {
        m.insert("description".into(), Value::String(description.to_string()));
    }
    v
}

fn table(name: &str) -> Value {
    let props: Map<String, Value> = fields(name)
        .iter()
        .map(|(k, t, d)| (k.to_string(), field(*t, d)))
        .collect();
    json!({"type": "object", "properties": props, "additionalProperties": false})
}

/// A table of entities keyed by id.
fn by_id(entity: Value) -> Value {
    json!({"type": "object", "propertyNames": {"pattern": ID_PATTERN}, "additionalProperties": entity})
}

/// The JSON Schema (draft-07) of a scenario file.
pub fn schema() -> Value {
    json!({
        "$schema": "http://json-schema.org/draft-07/schema#",
        "title": "tayoka scenario",
        "description": "A tayoka scenario: providers, workloads, data classes and policy. See docs/scenario-format.md.",
        "type": "object",
        "required": ["scenario"],
        "additionalProperties": false,
        "properties": {
            "scenario": table("scenario"),
            "countries": by_id(table("country")),
            "classes": by_id(table("class")),
            "providers": by_id(table("provider")),
            "workloads": by_id(table("workload")),
            "policy": table("policy"),
            "variants": by_id(json!({"type": "object", "description": "Named overrides, deep-merged onto the scenario with --variant.", "properties": {
                "description": {"type": "string", "description": "What the variant is, said beside its results."},
                "description_ja": {"type": "string", "description": "The description in Japanese output (--lang ja)."}
            }})),
            "pathway": table("pathway"),
            "import": {
                "type": "array",
                "description": "CSV files whose rows become providers or workloads.",
                "items": {
                    "type": "object",
                    "properties": {"workloads": {"type": "string"}, "providers": {"type": "string"}},
                    "additionalProperties": false,
                    "minProperties": 1,
                    "maxProperties": 1
                }
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::decode_keys as keys;

    #[test]
    fn the_schema_names_exactly_the_keys_the_decoder_accepts() {
        let pairs: [(&str, &[&str]); 11] = [
            ("scenario", keys::META),
            ("country", keys::COUNTRY),
            ("class", keys::CLASS),
            ("provider", keys::PROVIDER),
            ("workload", keys::WORKLOAD),
            ("policy", keys::POLICY),
            ("limit", keys::LIMIT),
            ("survive", keys::SURVIVE),
            ("pathway", keys::PATHWAY),
            ("expand", keys::EXPAND),
            ("discount", keys::DISCOUNT),
        ];
        for (table, accepted) in pairs {
            let described: Vec<&str> = fields(table).iter().map(|(k, _, _)| *k).collect();
            assert_eq!(
                described, accepted,
                "the schema of `{table}` drifted from the decoder"
            );
        }
        let top: Vec<String> = schema()["properties"]
            .as_object()
            .unwrap()
            .keys()
            .cloned()
            .collect();
        let mut expected: Vec<String> = keys::TOP.iter().map(|k| k.to_string()).collect();
        expected.sort();
        assert_eq!(top, expected);
    }
}
