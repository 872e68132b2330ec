//! The CSV writers: the plan's `allocation.csv` and `shares.csv`, and the
//! helpers every analysis's CSV files share.

use crate::base::error::Error;
use crate::base::units::tidy;
use crate::report::Exporter;
use crate::solve::Solved;

pub(crate) fn csv_error(e: csv::Error) -> Error {
    Error::output("CSV", e)
}

/// The bytes of a finished CSV document.
pub(crate) fn finish(w: csv::Writer<Vec<u8>>) -> Result<Vec<u8>, Error> {
    w.into_inner().map_err(|e| Error::output("CSV", e.error()))
}

/// `workload,provider,amount,fraction,cost`, then the names beside the ids
/// (`workload_name,owner,provider_name,company,country`, as the scenario
/// gives them in English: the CSVs are the same in every language): one
/// row per pair with amount > 0, by workload id then provider id.
pub struct AllocationCsv;

impl Exporter for AllocationCsv {
    fn file_name(&self) -> &'static str {
        "allocation.csv"
    }

    fn render(&self, run: &Solved) -> Result<Vec<u8>, Error> {
        let s = run.scenario();
        let mut w = csv::Writer::from_writer(Vec::new());
        w.write_record([
            "workload",
            "provider",
            "amount",
            "fraction",
            "cost",
            "workload_name",
            "owner",
            "provider_name",
            "company",
            "country",
        ])
        .map_err(csv_error)?;
        for (wi, row) in run.allocation.rows.iter().enumerate() {
            for a in row {
                let p = &s.providers[a.provider];
                w.write_record([
                    s.workloads[wi].id.as_str(),
                    p.id.as_str(),
                    &a.amount.to_string(),
                    &a.fraction.to_string(),
                    &tidy(a.amount * s.price(wi, a.provider)).to_string(),
                    s.workloads[wi].name.as_str(),
                    s.workloads[wi].owner.as_deref().unwrap_or_default(),
                    p.name.as_str(),
                    p.company.as_str(),
                    &p.country,
                ])
                .map_err(csv_error)?;
            }
        }
        finish(w)
    }
}

/// A value's name as the scenario gives it in English: a provider's `name`,
/// a country's `countries.X.name`, else the value itself. The CSVs are the
/// same in every language.
fn data_name<'a>(s: &'a crate::scenario::Scenario, dim: &str, value: &'a str) -> &'a str {
    match dim {
        "provider" => s
            .provider_index(value)
            .map_or(value, |i| s.providers[i].name.as_str()),
        "country" => s
            .countries
            .get(value)
            .and_then(|c| c.name.as_deref())
            .unwrap_or(value),
        _ => value,
    }
}

/// `dimension,value,volume_share,spend_share,name` for every value of every
/// dimension (`name` as the scenario names it, in English).
pub struct SharesCsv;

impl Exporter for SharesCsv {
    fn file_name(&self) -> &'static str {
        "shares.csv"
    }

    fn render(&self, run: &Solved) -> Result<Vec<u8>, Error> {
        let mut w = csv::Writer::from_writer(Vec::new());
        let s = run.scenario();
        w.write_record(["dimension", "value", "volume_share", "spend_share", "name"])
            .map_err(csv_error)?;
        for d in &run.metrics.shares {
            for r in &d.values {
                w.write_record([
                    d.dimension.as_str(),
                    r.value.as_str(),
                    &r.volume_share.to_string(),
                    &r.spend_share.to_string(),
                    data_name(s, &d.dimension, &r.value),
                ])
                .map_err(csv_error)?;
            }
        }
        finish(w)
    }
}
