//! The sovereignty-diversification trade-off for people and programs: the
//! answer in sentences, the table, `tradeoff.csv`, the chart and the report.

use comfy_table::Cell as TCell;

use super::analysis::{right, terminal_table};
use super::files::{csv_error, finish};
use super::html::{Cell, Page, table};
use super::output::{Charts, Output};
use super::prose::wrap;
use crate::analysis::tradeoff::Tradeoff;
use crate::chart::{self, Chart, canvas::escape};
use crate::error::Error;
use crate::metrics::Metrics;
use crate::units::{compact, percent};

/// The measures of each point, as `tradeoff.csv` names them.
const COLUMNS: [&str; 8] = [
    "home_share",
    "max_share:provider",
    "total_cost",
    "max_share:company",
    "max_share:country",
    "effective_number:provider",
    "mean_sovereignty",
    "hhi:provider",
];

fn measure(m: &Metrics, column: &str) -> f64 {
    let of = |map: &std::collections::BTreeMap<String, f64>, k: &str| map.get(k).copied();
    match column {
        "home_share" => m.home_share,
        "total_cost" => m.total_cost,
        "mean_sovereignty" => m.mean_sovereignty,
        c => match c.split_once(':') {
            Some(("max_share", d)) => m.max_share.get(d).map_or(0.0, |t| t.share),
            Some(("effective_number", d)) => of(&m.effective_number, d).unwrap_or(0.0),
            Some(("hhi", d)) => of(&m.hhi, d).unwrap_or(0.0),
            _ => 0.0,
        },
    }
}

/// The verb for a change from `from` to `to`.
fn verb(from: f64, to: f64) -> &'static str {
    if to >= from { "raises" } else { "lowers" }
}

/// The answer in sentences.
pub fn sentences(t: &Tradeoff) -> Vec<String> {
    let s = &t.loaded.scenario;
    let (Some(first), Some(last)) = (t.metrics.first(), t.metrics.last()) else {
        return Vec::new();
    };
    let top = |m: &Metrics| measure(m, "max_share:provider");
    let cost_by = last.total_cost - first.total_cost;
    let relative = if first.total_cost > 0.0 {
        format!(" ({:+.1}%)", 100.0 * cost_by / first.total_cost)
    } else {
        String::new()
    };
    let mut out = vec![format!(
        "Raising the home share from {} (the diversify optimum) to {} (the most any plan reaches) {} the largest provider share from {} to {}, and {} cost by {} {}{relative}.",
        percent(first.home_share),
        percent(last.home_share),
        verb(top(first), top(last)),
        percent(top(first)),
        percent(top(last)),
        verb(first.total_cost, last.total_cost),
        compact(cost_by.abs()),
        s.meta.currency,
    )];
    let n = t.metrics.len();
    if n >= 3 {
        let mid = &t.metrics[n / 2];
        out.push(format!(
            "At {} home, the largest provider share is {} and cost {} {}.",
            percent(mid.home_share),
            percent(top(mid)),
            compact(mid.total_cost),
            s.meta.currency
        ));
    }
    let own = top(&t.sovereignty);
    if own > top(last) + 1e-6 {
        out.push(format!(
            "The sovereignty objective's own plan reaches the same home share with the largest provider share at {}: diversifying once the home share is at its best brings it down to {} at no loss of home share.",
            percent(own),
            percent(top(last))
        ));
    }
    out
}

fn rows(t: &Tradeoff) -> Vec<[String; 7]> {
    let first_cost = t.metrics.first().map_or(0.0, |m| m.total_cost);
    t.metrics
        .iter()
        .zip(&t.frontier.points)
        .enumerate()
        .map(|(i, (m, p))| {
            [
                (i + 1).to_string(),
                if i == 0 { "-".into() } else { percent(p.cap) },
                percent(m.home_share),
                percent(measure(m, "max_share:provider")),
                format!("{:.2}", measure(m, "effective_number:provider")),
                compact(m.total_cost),
                signed(m.total_cost - first_cost),
            ]
        })
        .collect()
}

/// A change of cost with its sign.
fn signed(x: f64) -> String {
    if x > 0.0 {
        format!("+{}", compact(x))
    } else if x < 0.0 {
        format!("-{}", compact(-x))
    } else {
        "0".into()
    }
}

const HEADER: [&str; 7] = [
    "point",
    "floor",
    "home share",
    "largest provider",
    "effective providers",
    "cost",
    "vs diversify",
];

/// The columns the terminal shows: an 80-column terminal holds them.
const TERMINAL: [usize; 6] = [0, 1, 2, 3, 5, 6];

impl Tradeoff {
    /// `tradeoff.csv`: `kind,point,home_share_floor` then [`COLUMNS`]; a row
    /// per point, then the sovereignty objective's own plan.
    pub fn csv(&self) -> Result<Vec<u8>, Error> {
        let mut w = csv::Writer::from_writer(Vec::new());
        let mut header = vec!["kind", "point", "home_share_floor"];
        header.extend(COLUMNS);
        w.write_record(&header).map_err(csv_error)?;
        let record = |kind: &str, point: String, floor: String, m: &Metrics| {
            let mut r = vec![kind.to_string(), point, floor];
            r.extend(COLUMNS.iter().map(|c| measure(m, c).to_string()));
            r
        };
        for (i, (m, p)) in self.metrics.iter().zip(&self.frontier.points).enumerate() {
            let floor = if i == 0 {
                String::new()
            } else {
                p.cap.to_string()
            };
            w.write_record(record("point", (i + 1).to_string(), floor, m))
                .map_err(csv_error)?;
        }
        w.write_record(record(
            "sovereignty",
            String::new(),
            String::new(),
            &self.sovereignty,
        ))
        .map_err(csv_error)?;
        finish(w)
    }
}

impl Output for Tradeoff {
    fn files(&self) -> Result<Vec<(&'static str, Vec<u8>)>, Error> {
        Ok(vec![("tradeoff.csv", self.csv()?)])
    }

    fn charts(&self) -> Charts<'_> {
        vec![Box::new(chart::FrontierChart {
            frontier: &self.frontier,
            name: "tradeoff",
            title: format!(
                "Sovereignty against diversification — {}",
                self.frontier.scenario
            ),
            note: "Line: the home share held at a floor, then the diversify stages, then cost. Diamonds: the diversify and sovereignty optima.".into(),
        })]
    }

    fn report(&self, charts: &[Box<dyn Chart + '_>]) -> String {
        let mut page = Page::new(&format!(
            "Sovereignty and diversification: {}",
            self.frontier.scenario
        ));
        page.subtitle(escape(&sentences(self).join(" ")));
        page.charts("Chart", charts);
        let rows = rows(self)
            .into_iter()
            .map(|r| r.iter().map(|v| Cell::num(v)).collect())
            .collect();
        page.section("Points", table(&HEADER, &[0, 1, 2, 3, 4, 5, 6], rows));
        page.render()
    }

    fn terminal(&self) -> String {
        let mut t = terminal_table(TERMINAL.iter().map(|&i| HEADER[i].to_string()).collect());
        for row in rows(self) {
            t.add_row(
                TERMINAL
                    .iter()
                    .map(|&i| right(&row[i]))
                    .collect::<Vec<TCell>>(),
            );
        }
        format!(
            "Sovereignty against diversification: {}\n{t}\n{}\n",
            self.frontier.scenario,
            sentences(self)
                .iter()
                .map(|s| wrap(s, 80))
                .collect::<Vec<_>>()
                .join("\n")
        )
    }
}
