//! The sovereignty-diversification trade-off for people and programs: the
//! answer in sentences, the table, `tradeoff.csv`, the chart and the report.

use super::prose::{right, terminal_table};
use crate::analysis::tradeoff::Tradeoff;
use crate::base::error::Error;
use crate::base::lang::Lang;
use crate::base::units::percent;
use crate::chart::canvas::escape;
use crate::chart::{self, Chart};
use crate::plan::metrics::Metrics;
use crate::report::csv::{csv_error, finish};
use crate::report::output::{Book, Charts, Output, RunInfo};
use crate::report::page::{Cell, Page, table};
use crate::tr;
use comfy_table::Cell as TCell;

/// The measures of each point, as `tradeoff.csv` names them.
const COLUMNS: [&str; 13] = [
    "home_share",
    "max_share:provider",
    "total_cost",
    "cost_usage",
    "cost_discounts",
    "cost_contracts",
    "cost_exit",
    "contracts",
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
        "cost_usage" => m.cost_breakdown.usage,
        "cost_discounts" => m.cost_breakdown.discounts,
        "cost_contracts" => m.cost_breakdown.contracts,
        "cost_exit" => m.cost_breakdown.exit,
        "contracts" => crate::plan::cost::contracts_held(&m.sourcing) as f64,
        c => match c.split_once(':') {
            Some(("max_share", d)) => m.max_share.get(d).map_or(0.0, |t| t.share),
            Some(("effective_number", d)) => of(&m.effective_number, d).unwrap_or(0.0),
            Some(("hhi", d)) => of(&m.hhi, d).unwrap_or(0.0),
            _ => 0.0,
        },
    }
}

/// The direction of a change from `from` to `to`, for a message's selector.
fn verb(from: f64, to: f64) -> &'static str {
    if to >= from { "raises" } else { "lowers" }
}

/// The answer in sentences.
pub fn sentences(t: &Tradeoff) -> Vec<String> {
    let s = &t.loaded.scenario;
    let lang = s.meta.lang;
    let (Some(first), Some(last)) = (t.metrics.first(), t.metrics.last()) else {
        return Vec::new();
    };
    let top = |m: &Metrics| measure(m, "max_share:provider");
    let cost_by = last.total_cost - first.total_cost;
    let relative = if first.total_cost > 0.0 {
        format!("{:+.1}%", 100.0 * cost_by / first.total_cost)
    } else {
        "none".to_string()
    };
    let mut out = vec![tr!(
        lang,
        "tradeoff-sentence",
        from = percent(first.home_share),
        to = percent(last.home_share),
        share_verb = verb(top(first), top(last)),
        share_from = percent(top(first)),
        share_to = percent(top(last)),
        cost_verb = verb(first.total_cost, last.total_cost),
        cost = s.meta.money(cost_by.abs()),
        relative = relative
    )];
    let n = t.metrics.len();
    if n >= 3 {
        let mid = &t.metrics[n / 2];
        out.push(tr!(
            lang,
            "tradeoff-middle",
            home = percent(mid.home_share),
            share = percent(top(mid)),
            cost = s.meta.money(mid.total_cost)
        ));
    }
    if last.cost_breakdown != first.cost_breakdown {
        out.push(crate::report::headline::cost_change(
            &last.cost_change_from(first),
            &lang.text("tradeoff-last-point"),
            &lang.text("tradeoff-first-point"),
            s,
        ));
    }
    let own = top(&t.sovereignty);
    if own > top(last) + 1e-6 {
        out.push(tr!(
            lang,
            "tradeoff-own",
            own = percent(own),
            share = percent(top(last))
        ));
    }
    out
}

fn rows(t: &Tradeoff) -> Vec<[String; 7]> {
    let first_cost = t.metrics.first().map_or(0.0, |m| m.total_cost);
    let (lang, currency) = (t.frontier.lang, t.frontier.currency.as_str());
    let money = |x: f64| crate::base::units::money(x, lang, currency, true);
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
                money(m.total_cost),
                signed(m.total_cost - first_cost, money),
            ]
        })
        .collect()
}

/// A change of cost with its sign, its size written by `money`.
fn signed(x: f64, money: impl Fn(f64) -> String) -> String {
    if x > 0.0 {
        format!("+{}", money(x))
    } else if x < 0.0 {
        format!("-{}", money(-x))
    } else {
        "0".into()
    }
}

/// The table's column names.
fn header(lang: Lang) -> [String; 7] {
    [
        "col-point",
        "tradeoff-floor",
        "pathway-home-share",
        "tradeoff-largest",
        "pathway-effective",
        "tradeoff-cost",
        "tradeoff-vs-diversify",
    ]
    .map(|id| lang.text(id))
}

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

    /// `tradeoff.json`: each point's floor, measures and cost breakdown,
    /// and its cost against the first point's part by part; then the
    /// sovereignty objective's own plan.
    pub fn json(&self) -> Result<Vec<u8>, Error> {
        #[derive(serde::Serialize)]
        struct Point<'a> {
            #[serde(skip_serializing_if = "Option::is_none")]
            point: Option<usize>,
            #[serde(skip_serializing_if = "Option::is_none")]
            home_share_floor: Option<f64>,
            #[serde(flatten)]
            measures: std::collections::BTreeMap<&'static str, f64>,
            cost_breakdown: &'a crate::plan::cost::CostBreakdown,
            #[serde(skip_serializing_if = "Option::is_none")]
            cost_change: Option<crate::plan::cost::CostChange>,
        }
        #[derive(serde::Serialize)]
        struct Doc<'a> {
            scenario: &'a str,
            points: Vec<Point<'a>>,
            sovereignty: Point<'a>,
        }
        let measures = |m: &Metrics| COLUMNS.iter().map(|&c| (c, measure(m, c))).collect();
        let first = self.metrics.first();
        let points = self
            .metrics
            .iter()
            .zip(&self.frontier.points)
            .enumerate()
            .map(|(i, (m, p))| Point {
                point: Some(i + 1),
                home_share_floor: (i > 0).then_some(p.cap),
                measures: measures(m),
                cost_breakdown: &m.cost_breakdown,
                cost_change: first.map(|f| m.cost_change_from(f)),
            })
            .collect();
        crate::report::json::to_json(&Doc {
            scenario: &self.frontier.scenario,
            points,
            sovereignty: Point {
                point: None,
                home_share_floor: None,
                measures: measures(&self.sovereignty),
                cost_breakdown: &self.sovereignty.cost_breakdown,
                cost_change: first.map(|f| self.sovereignty.cost_change_from(f)),
            },
        })
    }
}

impl Tradeoff {
    /// The limits on every provider's share over all workloads: the curve's
    /// y runs into them (`any-provider ≤ 35%`).
    fn provider_limits(&self) -> Vec<(String, f64)> {
        let s = &self.loaded.scenario;
        s.policy
            .limits
            .iter()
            .filter(|l| {
                l.dimension == crate::scenario::Dimension::Provider
                    && l.value.is_none()
                    && l.scope == crate::scenario::Scope::All
                    && !l.on_amounts()
            })
            .filter_map(|l| {
                let bound = l.max_share?;
                let label = tr!(
                    s.meta.lang,
                    "tradeoff-limit-line",
                    id = l.id.as_str(),
                    bound = crate::base::units::percent(bound)
                );
                Some((label, bound))
            })
            .collect()
    }

    /// Each point's total cost against the budget, saying from which point
    /// the budget binds.
    fn cost_panel(&self) -> chart::CostPanel {
        let s = &self.loaded.scenario;
        let lang = s.meta.lang;
        let costs: Vec<f64> = self.metrics.iter().map(|m| m.total_cost).collect();
        let budget = s.policy.budget;
        let binds = budget.and_then(|b| costs.iter().position(|&c| c >= b * (1.0 - 1e-6)));
        let note = match binds {
            Some(k) => tr!(
                lang,
                "tradeoff-cost-binds",
                k = k + 1,
                home = crate::base::units::percent(self.frontier.points[k].x)
            ),
            None => lang.text("tradeoff-cost-free"),
        };
        chart::CostPanel {
            costs,
            budget,
            note,
        }
    }
}

impl Output for Tradeoff {
    fn json_file(&self) -> Option<&'static str> {
        Some("tradeoff.json")
    }

    fn csv_file(&self) -> Option<&'static str> {
        Some("tradeoff.csv")
    }

    fn info(&self) -> RunInfo {
        RunInfo {
            lang: self.frontier.lang,
            mip_gap: self.frontier.mip_gap,
        }
    }

    fn files(&self) -> Result<Vec<(&'static str, Vec<u8>)>, Error> {
        Ok(vec![
            ("tradeoff.csv", self.csv()?),
            ("tradeoff.json", self.json()?),
        ])
    }

    fn charts(&self) -> Charts<'_> {
        let lang = self.frontier.lang;
        vec![Box::new(chart::FrontierChart {
            frontier: &self.frontier,
            name: "tradeoff",
            title: tr!(
                lang,
                "tradeoff-chart-title",
                scenario = self.frontier.scenario.as_str()
            ),
            note: lang.text("tradeoff-chart-note"),
            limits: self.provider_limits(),
            cost: Some(self.cost_panel()),
            objectives: true,
        })]
    }

    fn report(&self, charts: &[Box<dyn Chart + '_>]) -> String {
        let lang = self.frontier.lang;
        let mut page = Page::new(
            &tr!(
                lang,
                "tradeoff-page-title",
                scenario = self.frontier.scenario.as_str()
            ),
            lang,
        );
        page.subtitle(escape(&sentences(self).join(" ")));
        page.gap_note(self.frontier.mip_gap, super::headline::GapOf::Analysis);
        page.charts(&lang.text("section-chart"), charts);
        let rows = rows(self)
            .into_iter()
            .map(|r| r.iter().map(|v| Cell::num(v)).collect())
            .collect();
        let header = header(lang);
        page.section(
            &lang.text("sweep-points"),
            table(
                &header.each_ref().map(String::as_str),
                &[0, 1, 2, 3, 4, 5, 6],
                rows,
            ),
        );
        page.render()
    }

    fn book(&self) -> Book {
        let lang = self.frontier.lang;
        let title = tr!(
            lang,
            "tradeoff-page-title",
            scenario = self.frontier.scenario.as_str()
        );
        Book::new("tradeoff.xlsx", title, sentences(self))
    }

    fn terminal(&self) -> String {
        let lang = self.frontier.lang;
        let header = header(lang);
        let mut t = terminal_table(TERMINAL.iter().map(|&i| header[i].clone()).collect());
        for row in rows(self) {
            t.add_row(
                TERMINAL
                    .iter()
                    .map(|&i| right(&row[i]))
                    .collect::<Vec<TCell>>(),
            );
        }
        crate::report::prose::keep_words(&mut t);
        format!(
            "{}\n{}{t}\n",
            tr!(
                lang,
                "tradeoff-title",
                scenario = self.frontier.scenario.as_str()
            ),
            crate::report::prose::answer_block(&sentences(self), lang)
        )
    }
}
