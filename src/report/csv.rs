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

/// `workload,provider,amount,fraction,cost`: one row per pair with amount > 0,
/// by workload id then provider id.
pub struct AllocationCsv;

impl Exporter for AllocationCsv {
    fn file_name(&self) -> &'static str {
        "allocation.csv"
    }

    fn render(&self, run: &Solved) -> Result<Vec<u8>, Error> {
        let s = run.scenario();
        let mut w = csv::Writer::from_writer(Vec::new());
        w.write_record(["workload", "provider", "amount", "fraction", "cost"])
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
                ])
                .map_err(csv_error)?;
            }
        }
        finish(w)
    }
}

/// `dimension,value,volume_share,spend_share` for every value of every dimension.
pub struct SharesCsv;

impl Exporter for SharesCsv {
    fn file_name(&self) -> &'static str {
        "shares.csv"
    }

    fn render(&self, run: &Solved) -> Result<Vec<u8>, Error> {
        let mut w = csv::Writer::from_writer(Vec::new());
        w.write_record(["dimension", "value", "volume_share", "spend_share"])
            .map_err(csv_error)?;
        for d in &run.metrics.shares {
            for r in &d.values {
                w.write_record([
                    d.dimension.as_str(),
                    r.value.as_str(),
                    &r.volume_share.to_string(),
                    &r.spend_share.to_string(),
                ])
                .map_err(csv_error)?;
            }
        }
        finish(w)
    }
}
