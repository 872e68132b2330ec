//! The keys each table of a scenario accepts, in the order the documentation
//! lists them: the decoder rejects any other key, and the schema lists these.

pub const TOP: &[&str] = &[
    "scenario",
    "countries",
    "classes",
    "providers",
    "workloads",
    "policy",
    "variants",
    "import",
    "pathway",
];
pub const META: &[&str] = &[
    "name",
    "title",
    "home",
    "unit",
    "currency",
    "lang",
    "title_ja",
    "unit_ja",
    "names_ja",
    "fiscal_years",
];
pub const COUNTRY: &[&str] = &["name", "name_ja", "outage"];
pub const CLASS: &[&str] = &[
    "name",
    "name_ja",
    "min_sovereignty",
    "residency",
    "certifications",
    "domestic_only",
];
pub const PROVIDER: &[&str] = &[
    "name",
    "name_ja",
    "company",
    "company_ja",
    "country",
    "regions",
    "capacity",
    "price",
    "sovereignty",
    "certifications",
    "capabilities",
    "tags",
    "surge",
    "outage",
    "exit_cost",
    "expand",
    "contract_cost",
    "min_volume",
    "discounts",
];
pub const WORKLOAD: &[&str] = &[
    "name",
    "name_ja",
    "owner",
    "owner_ja",
    "capability",
    "min_quality",
    "demand",
    "class",
    "data",
    "critical",
    "priority",
    "weight",
    "only",
    "exclude",
    "max_provider_fraction",
    "min_providers",
    "max_providers",
    "current",
    "prices",
];
pub const POLICY: &[&str] = &[
    "objective",
    "diversify",
    "count_home",
    "tie_break",
    "budget",
    "min_allocation_fraction",
    "mosaic_max_categories",
    "max_change",
    "max_contracts",
    "limits",
    "survive",
];
pub const LIMIT: &[&str] = &[
    "dimension",
    "value",
    "max_share",
    "min_share",
    "max_amount",
    "min_amount",
    "scope",
];
pub const SURVIVE: &[&str] = &["dimensions", "min_served"];
pub const PATHWAY: &[&str] = &[
    "start",
    "years",
    "demand_growth",
    "discount_rate",
    "investment_budget",
    "changes",
];
pub const DISCOUNT: &[&str] = &["from", "off"];
pub const EXPAND: &[&str] = &["max", "cost", "from"];
