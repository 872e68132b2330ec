//! The data files of the analyses (`compare.csv`, `sweep.csv`, `stress.csv`,
//! ...): each analysis returns data, and its files are written from here.
//! The formats are stable: scripts and other tools read them.

use serde::Serialize;

use crate::analysis::Outcome;
use crate::analysis::alternatives::Alternatives;
use crate::analysis::compare::{Comparison, Move};
use crate::analysis::frontier::Frontier;
use crate::analysis::pathway::Pathway;
use crate::analysis::stress::{Damage, MonteCarlo};
use crate::analysis::sweep::Sweep;
use crate::base::error::Error;
use crate::base::units::tidy;
use crate::model::Event;
use crate::scenario::{AppliedOverride, Scenario};

pub(crate) fn csv_error(e: csv::Error) -> Error {
    Error::output("CSV", e)
}

/// The bytes of a finished CSV document.
pub(crate) fn finish(w: csv::Writer<Vec<u8>>) -> Result<Vec<u8>, Error> {
    w.into_inner().map_err(|e| Error::output("CSV", e.error()))
}

impl Comparison {
    /// `compare.csv`: `metric,<column>,...`, one row per metric.
    pub fn csv(&self) -> Result<Vec<u8>, Error> {
        let mut w = csv::Writer::from_writer(Vec::new());
        let header: Vec<&str> = std::iter::once("metric")
            .chain(self.columns.iter().map(|c| c.label.as_str()))
            .collect();
        w.write_record(&header).map_err(csv_error)?;
        for (name, values) in self.rows() {
            let mut rec = vec![name];
            rec.extend(values.into_iter().map(Option::unwrap_or_default));
            w.write_record(&rec).map_err(csv_error)?;
        }
        finish(w)
    }

    /// `changes.csv`: `variant,workload,from,to,amount`.
    pub fn moves_csv(&self) -> Result<Vec<u8>, Error> {
        let mut w = csv::Writer::from_writer(Vec::new());
        w.write_record(["variant", "workload", "from", "to", "amount"])
            .map_err(csv_error)?;
        for m in &self.moves {
            w.write_record([
                m.variant.as_str(),
                m.workload.as_str(),
                m.from.as_deref().unwrap_or(""),
                m.to.as_deref().unwrap_or(""),
                &m.amount.to_string(),
            ])
            .map_err(csv_error)?;
        }
        finish(w)
    }

    /// `compare.json`: every column with its overrides, metrics or diagnosis,
    /// and the moves.
    pub fn json(&self) -> Result<Vec<u8>, Error> {
        #[derive(Serialize)]
        struct Col<'a> {
            label: &'a str,
            description: Option<&'a str>,
            status: &'static str,
            overrides: &'a [AppliedOverride],
            #[serde(skip_serializing_if = "Option::is_none")]
            metrics: Option<&'a crate::plan::metrics::Metrics>,
            #[serde(skip_serializing_if = "Option::is_none")]
            diagnosis: Option<&'a crate::solve::infeasible::Diagnosis>,
            /// The MIP gap its plan was proven within (integer rules).
            #[serde(skip_serializing_if = "Option::is_none")]
            mip_gap: Option<f64>,
        }
        #[derive(Serialize)]
        struct Doc<'a> {
            scenario: &'a str,
            columns: Vec<Col<'a>>,
            moves: &'a [Move],
        }
        let columns = self
            .columns
            .iter()
            .map(|c| Col {
                label: &c.label,
                description: c.description.as_deref(),
                status: c.outcome.status(),
                overrides: &c.overrides,
                metrics: c.outcome.solved().map(|r| &r.metrics),
                diagnosis: match &c.outcome {
                    Outcome::Infeasible(d) => Some(d),
                    Outcome::Solved(_) => None,
                },
                mip_gap: c.outcome.solved().and_then(|r| r.mip_gap),
            })
            .collect();
        super::json::to_json(&Doc {
            scenario: &self.scenario,
            columns,
            moves: &self.moves,
        })
    }
}

impl Sweep {
    /// `sweep.csv`: the parameter paths, `status`, then every metric.
    pub fn csv(&self) -> Result<Vec<u8>, Error> {
        let names = self.metric_names();
        let mut w = csv::Writer::from_writer(Vec::new());
        let header: Vec<&str> = self
            .axes
            .iter()
            .map(|a| a.path.as_str())
            .chain(std::iter::once("status"))
            .chain(names.iter().map(String::as_str))
            .collect();
        w.write_record(&header).map_err(csv_error)?;
        for p in &self.points {
            let mut rec: Vec<String> = p
                .params
                .iter()
                .map(|v| crate::base::units::tidy(*v).to_string())
                .collect();
            rec.push(p.outcome.status().to_string());
            rec.extend(
                names
                    .iter()
                    .map(|n| self.value(p, n).map(|v| v.to_string()).unwrap_or_default()),
            );
            w.write_record(&rec).map_err(csv_error)?;
        }
        finish(w)
    }
}

impl Frontier {
    /// `frontier.csv`: `kind,label,x_cap,<x>,<y>`; frontier points, then plans.
    pub fn csv(&self) -> Result<Vec<u8>, Error> {
        let mut w = csv::Writer::from_writer(Vec::new());
        let (xn, yn) = (self.x.name(), self.y.name());
        w.write_record(["kind", "label", "x_cap", xn.as_str(), yn.as_str()])
            .map_err(csv_error)?;
        for (i, p) in self.points.iter().enumerate() {
            w.write_record([
                "frontier",
                &(i + 1).to_string(),
                &p.cap.to_string(),
                &p.x.to_string(),
                &p.y.to_string(),
            ])
            .map_err(csv_error)?;
        }
        for p in &self.placed {
            let f = |v: Option<f64>| {
                v.map(|v| v.to_string())
                    .unwrap_or_else(|| "infeasible".into())
            };
            w.write_record(["plan", p.label.as_str(), "", &f(p.x), &f(p.y)])
                .map_err(csv_error)?;
        }
        finish(w)
    }
}

impl Alternatives {
    /// `alternatives.csv`: `dimension,value,optimal_share,min_share,max_share`.
    pub fn csv(&self) -> Result<Vec<u8>, Error> {
        let mut w = csv::Writer::from_writer(Vec::new());
        w.write_record([
            "dimension",
            "value",
            "optimal_share",
            "min_share",
            "max_share",
        ])
        .map_err(csv_error)?;
        for r in &self.ranges {
            w.write_record([
                self.dimension.as_str(),
                r.value.as_str(),
                &r.optimal.to_string(),
                &r.min.to_string(),
                &r.max.to_string(),
            ])
            .map_err(csv_error)?;
        }
        finish(w)
    }
}

impl Pathway {
    /// `pathway.csv`: one row per year: the headline metrics, then the share
    /// of every provider and country.
    pub fn csv(&self) -> Result<Vec<u8>, Error> {
        let s = &self.loaded.scenario;
        let countries = s.values(&crate::scenario::Dimension::Country);
        let mut w = csv::Writer::from_writer(Vec::new());
        let mut header: Vec<String> = [
            "year",
            "label",
            "total_cost",
            "exit_cost",
            "moved",
            "home_share",
            "max_share:provider",
            "max_share:country",
            "effective_number:provider",
            "worst_cutoff",
            "built",
            "investment_cost",
        ]
        .map(String::from)
        .to_vec();
        header.extend(
            s.providers
                .iter()
                .map(|p| format!("share:provider:{}", p.id)),
        );
        header.extend(countries.iter().map(|c| format!("share:country:{c}")));
        w.write_record(&header).map_err(csv_error)?;
        for y in &self.years {
            let m = &y.metrics;
            let share = |dim: &str, v: &str| {
                m.shares_of(dim)
                    .and_then(|d| d.values.iter().find(|r| r.value == v))
                    .map_or(0.0, |r| r.volume_share)
            };
            let mut rec = vec![
                y.year.to_string(),
                self.label_in(y.year, crate::base::lang::Lang::En),
                m.total_cost.to_string(),
                m.exit_cost.to_string(),
                m.moved.to_string(),
                m.home_share.to_string(),
                m.max_share
                    .get("provider")
                    .map_or(0.0, |t| t.share)
                    .to_string(),
                m.max_share
                    .get("country")
                    .map_or(0.0, |t| t.share)
                    .to_string(),
                m.effective_number
                    .get("provider")
                    .copied()
                    .unwrap_or(0.0)
                    .to_string(),
                m.worst_cutoff
                    .as_ref()
                    .map(|w| w.unserved_critical_fraction.to_string())
                    .unwrap_or_default(),
                tidy(y.built.iter().sum()).to_string(),
                y.investment.to_string(),
            ];
            rec.extend(
                s.providers
                    .iter()
                    .map(|p| share("provider", &p.id).to_string()),
            );
            rec.extend(countries.iter().map(|c| share("country", c).to_string()));
            w.write_record(&rec).map_err(csv_error)?;
        }
        finish(w)
    }

    /// `pathway_allocation.csv`: `year,workload,provider,amount`, each year's
    /// plan (year 0: today's split), sorted as `allocation.csv` is.
    pub fn allocation_csv(&self) -> Result<Vec<u8>, Error> {
        let s = &self.loaded.scenario;
        let mut w = csv::Writer::from_writer(Vec::new());
        w.write_record(["year", "workload", "provider", "amount"])
            .map_err(csv_error)?;
        for y in &self.years {
            for (wi, row) in y.allocation.rows.iter().enumerate() {
                for a in row {
                    w.write_record([
                        y.year.to_string(),
                        s.workloads[wi].id.clone(),
                        s.providers[a.provider].id.clone(),
                        a.amount.to_string(),
                    ])
                    .map_err(csv_error)?;
                }
            }
        }
        finish(w)
    }

    /// `investment.csv`: `year,provider,added,cost`, a row per year and
    /// provider that builds.
    pub fn investment_csv(&self) -> Result<Vec<u8>, Error> {
        let s = &self.loaded.scenario;
        let mut w = csv::Writer::from_writer(Vec::new());
        w.write_record(["year", "provider", "added", "cost"])
            .map_err(csv_error)?;
        for y in &self.years {
            for (p, &added) in y.built.iter().enumerate() {
                if added <= 0.0 {
                    continue;
                }
                let unit = s.providers[p].expand.as_ref().map_or(0.0, |x| x.cost);
                w.write_record([
                    y.year.to_string(),
                    s.providers[p].id.clone(),
                    added.to_string(),
                    tidy(added * unit).to_string(),
                ])
                .map_err(csv_error)?;
            }
        }
        finish(w)
    }
}

/// `stress.csv`: one row per event.
pub fn events_csv(s: &Scenario, results: &[(Event, Damage)]) -> Result<Vec<u8>, Error> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record([
        "event",
        "also",
        "providers",
        "lost",
        "lost_fraction",
        "lost_critical",
        "lost_critical_fraction",
        "unserved",
        "unserved_fraction",
        "unserved_critical",
        "unserved_critical_fraction",
        "workloads_short",
    ])
    .map_err(csv_error)?;
    for (ev, d) in results {
        let providers: Vec<&str> = ev
            .providers
            .iter()
            .map(|&p| s.providers[p].id.as_str())
            .collect();
        let short: Vec<&str> = d
            .impacts
            .iter()
            .filter(|i| i.unserved > 0.0)
            .map(|i| s.workloads[i.workload].id.as_str())
            .collect();
        w.write_record([
            ev.label.clone(),
            ev.aliases.join(";"),
            providers.join(";"),
            d.lost.to_string(),
            d.lost_fraction.to_string(),
            d.lost_critical.to_string(),
            d.lost_critical_fraction.to_string(),
            d.unserved.to_string(),
            d.unserved_fraction.to_string(),
            d.unserved_critical.to_string(),
            d.unserved_critical_fraction.to_string(),
            short.join(";"),
        ])
        .map_err(csv_error)?;
    }
    finish(w)
}

/// `stress-workloads.csv`: every workload that loses demand in an event.
pub fn impacts_csv(s: &Scenario, results: &[(Event, Damage)]) -> Result<Vec<u8>, Error> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record([
        "event",
        "workload",
        "critical",
        "lost",
        "unserved",
        "unserved_fraction",
    ])
    .map_err(csv_error)?;
    for (ev, d) in results {
        for i in &d.impacts {
            let wl = &s.workloads[i.workload];
            w.write_record([
                ev.label.clone(),
                wl.id.clone(),
                wl.critical.to_string(),
                i.lost.to_string(),
                i.unserved.to_string(),
                tidy(i.unserved / wl.demand).to_string(),
            ])
            .map_err(csv_error)?;
        }
    }
    finish(w)
}

/// `montecarlo.csv`: one row per distinct failure set, most frequent first.
pub fn montecarlo_csv(s: &Scenario, mc: &MonteCarlo) -> Result<Vec<u8>, Error> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record([
        "failed",
        "samples",
        "probability",
        "unserved_fraction",
        "unserved_critical_fraction",
    ])
    .map_err(csv_error)?;
    for o in &mc.outcomes {
        let failed: Vec<&str> = o
            .failed
            .iter()
            .map(|&p| s.providers[p].id.as_str())
            .collect();
        w.write_record([
            failed.join(";"),
            o.samples.to_string(),
            tidy(o.samples as f64 / mc.samples.max(1) as f64).to_string(),
            o.unserved_fraction.to_string(),
            o.unserved_critical_fraction.to_string(),
        ])
        .map_err(csv_error)?;
    }
    finish(w)
}
