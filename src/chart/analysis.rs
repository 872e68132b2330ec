//! Charts of the analyses: compare and sweep, and the plot parts the other analyses share.

use super::Chart;
use super::canvas::{Canvas, Rgb, Text};
use super::font::{self, HAlign, VAlign};
use super::palette::{FOREIGN, GRID, HOME, INK, MUTED, Palette, TRACK};
use super::parts::{MARGIN, Segment, heading, stacked_bar, swatch};
use crate::analysis::compare::Comparison;
use crate::analysis::sweep::Sweep;
use crate::base::lang::Lang;
use crate::base::units::percent;
use crate::tr;

pub(super) const WIDTH: f32 = 1000.0;

/// How a metric's values read: a share, money (in `lang`, as
/// [`crate::base::units::money`] writes it without the currency's name:
/// `38.91 bn`, `389.1億円`), or a plain number.
pub fn format_metric(name: &str, v: f64, lang: Lang, currency: &str) -> String {
    if name.starts_with("marginal:") {
        // A rate (stage units per unit of the rule's value): as computed.
        crate::base::units::plain(v)
    } else if (name.contains("share") && !name.contains("holder")) || name == "worst_cutoff" {
        percent(v)
    } else if name.contains("cost") {
        crate::base::units::money(v, lang, currency, true)
    } else if name.starts_with("hhi") {
        format!("{v:.3}")
    } else {
        format!("{v:.2}")
    }
}

/// A metric's value in a sentence: money with its currency, the rest as
/// [`format_metric`] shows it (a frontier's or sweep's answer).
pub fn metric_in_sentence(name: &str, v: f64, lang: Lang, currency: &str) -> String {
    if name.contains("cost") {
        crate::base::units::money(v, lang, currency, false)
    } else {
        format_metric(name, v, lang, currency)
    }
}

/// Whether an override path's value is money (a budget, a price).
pub fn is_money_path(path: &str) -> bool {
    [".budget", ".price", ".contract_cost"]
        .iter()
        .any(|m| path.ends_with(m))
        || path.contains(".prices.")
}

/// Round tick values covering [lo, hi] (about `n` of them).
pub fn ticks(lo: f64, hi: f64, n: usize) -> Vec<f64> {
    let (lo, hi) = if (hi - lo).abs() < 1e-12 {
        let pad = if lo.abs() > 0.0 { lo.abs() * 0.1 } else { 1.0 };
        (lo - pad, hi + pad)
    } else {
        (lo.min(hi), lo.max(hi))
    };
    let raw = (hi - lo) / n.max(1) as f64;
    let mag = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 2.5, 5.0, 10.0]
        .iter()
        .map(|m| m * mag)
        .find(|s| *s >= raw)
        .unwrap_or(10.0 * mag);
    let first = (lo / step).floor() * step;
    // From below lo to the first tick at or above hi.
    let mut out = vec![first];
    while out.len() < 50 && out[out.len() - 1] < hi - step * 1e-9 {
        out.push(first + step * out.len() as f64);
    }
    out
}

/// A plot area with x and y ranges; maps data to canvas coordinates.
pub(super) struct Plot {
    x0: f32,
    x1: f32,
    y0: f32,
    y1: f32,
    xr: (f64, f64),
    yr: (f64, f64),
}

impl Plot {
    pub(super) fn new(
        rect: (f32, f32, f32, f32),
        xs: &[f64],
        ys: &[f64],
    ) -> (Plot, Vec<f64>, Vec<f64>) {
        let range = |v: &[f64]| {
            let lo = v.iter().copied().fold(f64::INFINITY, f64::min);
            let hi = v.iter().copied().fold(f64::NEG_INFINITY, f64::max);
            if lo.is_finite() { (lo, hi) } else { (0.0, 1.0) }
        };
        let (xl, xh) = range(xs);
        let (yl, yh) = range(ys);
        let xt = ticks(xl, xh, 5);
        let yt = ticks(yl, yh, 4);
        let xr = (xt[0], *xt.last().unwrap_or(&xh));
        let yr = (yt[0], *yt.last().unwrap_or(&yh));
        let (x0, y0, x1, y1) = rect;
        (
            Plot {
                x0,
                x1,
                y0,
                y1,
                xr,
                yr,
            },
            xt,
            yt,
        )
    }

    pub(super) fn x(&self, v: f64) -> f32 {
        let f = if self.xr.1 > self.xr.0 {
            (v - self.xr.0) / (self.xr.1 - self.xr.0)
        } else {
            0.5
        };
        self.x0 + (self.x1 - self.x0) * f as f32
    }

    pub(super) fn y(&self, v: f64) -> f32 {
        let f = if self.yr.1 > self.yr.0 {
            (v - self.yr.0) / (self.yr.1 - self.yr.0)
        } else {
            0.5
        };
        self.y1 - (self.y1 - self.y0) * f as f32
    }

    /// Gridlines and tick labels.
    pub(super) fn axes(
        &self,
        c: &mut dyn Canvas,
        xt: &[f64],
        yt: &[f64],
        xf: &dyn Fn(f64) -> String,
        yf: &dyn Fn(f64) -> String,
    ) {
        for &t in yt {
            let y = self.y(t);
            c.line(&[(self.x0, y), (self.x1, y)], GRID, 1.0, false);
            c.text(
                &Text::new(&yf(t), self.x0 - 6.0, y, 10.0)
                    .color(MUTED)
                    .align(HAlign::Right, VAlign::Middle),
            );
        }
        for &t in xt {
            let x = self.x(t);
            c.line(&[(x, self.y0), (x, self.y1)], GRID, 1.0, false);
            c.text(
                &Text::new(&xf(t), x, self.y1 + 12.0, 10.0)
                    .color(MUTED)
                    .align(HAlign::Center, VAlign::Middle),
            );
        }
    }
}

/// A cross marking an infeasible point.
fn cross(c: &mut dyn Canvas, x: f32, y: f32, color: Rgb) {
    c.line(&[(x - 4.0, y - 4.0), (x + 4.0, y + 4.0)], color, 1.5, false);
    c.line(&[(x - 4.0, y + 4.0), (x + 4.0, y - 4.0)], color, 1.5, false);
}

pub(super) fn dot(c: &mut dyn Canvas, x: f32, y: f32, r: f32, color: Rgb) {
    let pts: Vec<(f32, f32)> = (0..12)
        .map(|i| {
            let a = i as f32 * std::f32::consts::TAU / 12.0;
            (x + r * a.cos(), y + r * a.sin())
        })
        .collect();
    c.polygon(&pts, color);
}

/// Key metrics of each column, side by side (small multiples).
pub struct CompareMetricsChart<'a> {
    pub cmp: &'a Comparison,
}

/// Each panel's metric and the message that names it.
const PANELS: [(&str, &str); 6] = [
    ("total_cost", "card-total-cost"),
    ("home_share", "panel-home-share"),
    ("max_share:provider", "panel-max-provider"),
    ("max_share:country", "panel-max-country"),
    ("effective_number:provider", "card-effective"),
    ("mean_sovereignty", "card-sovereignty"),
];

impl CompareMetricsChart<'_> {
    fn value(&self, col: usize, metric: &str) -> Option<f64> {
        let m = &self.cmp.columns[col].outcome.solved()?.metrics;
        crate::analysis::metric_values(m)
            .into_iter()
            .find(|(n, _)| n == metric)
            .map(|(_, v)| v)
    }

    fn panel_height(&self) -> f32 {
        40.0 + self.cmp.columns.len() as f32 * 22.0
    }
}

impl Chart for CompareMetricsChart<'_> {
    fn name(&self) -> &'static str {
        "compare-metrics"
    }

    fn title(&self) -> String {
        tr!(
            self.cmp.lang,
            "chart-compare-title",
            scenario = self.cmp.scenario.as_str()
        )
    }

    fn size(&self) -> (f32, f32) {
        (WIDTH, 80.0 + 3.0 * (self.panel_height() + 20.0))
    }

    fn description(&self) -> String {
        let lang = self.cmp.lang;
        let rows: Vec<String> = self
            .cmp
            .columns
            .iter()
            .enumerate()
            .map(|(k, col)| {
                match (
                    self.value(k, "total_cost"),
                    self.value(k, "max_share:provider"),
                ) {
                    (Some(cost), Some(top)) => tr!(
                        lang,
                        "chart-compare-desc-row",
                        label = col.label.as_str(),
                        cost = format_metric("total_cost", cost, lang, &self.cmp.currency),
                        top = percent(top)
                    ),
                    _ => format!("{}: {}", col.label, lang.text("chart-no-plan")),
                }
            })
            .collect();
        tr!(lang, "chart-compare-desc", rows = lang.list(&rows))
    }

    fn draw(&self, c: &mut dyn Canvas) {
        let lang = self.cmp.lang;
        heading(
            c,
            &self.title(),
            &lang.text("chart-compare-subtitle"),
            WIDTH,
        );
        let col_w = (WIDTH - 2.0 * MARGIN) / 2.0;
        for (k, (metric, title)) in PANELS.iter().enumerate() {
            let title = lang.text(title);
            let (px, py) = (
                MARGIN + (k % 2) as f32 * col_w,
                80.0 + (k / 2) as f32 * (self.panel_height() + 20.0),
            );
            c.text(&Text::new(&title, px, py + 10.0, 13.0).color(INK));
            let label_w = 120.0;
            let (bx0, bx1) = (px + label_w, px + col_w - 70.0);
            let vals: Vec<Option<f64>> = (0..self.cmp.columns.len())
                .map(|i| self.value(i, metric))
                .collect();
            let max = if metric.contains("share") {
                1.0
            } else {
                vals.iter()
                    .flatten()
                    .copied()
                    .fold(0.0, f64::max)
                    .max(1e-12)
            };
            for (i, col) in self.cmp.columns.iter().enumerate() {
                let y = py + 30.0 + i as f32 * 22.0;
                let label = font::fit(&col.label, 11.0, label_w - 8.0);
                c.text(&Text::new(&label, px, y + 8.0, 11.0).color(INK));
                c.rect(bx0, y + 2.0, bx1 - bx0, 13.0, TRACK);
                match vals[i] {
                    Some(v) => {
                        let w = (bx1 - bx0) * (v / max).clamp(0.0, 1.0) as f32;
                        let color = if i == 0 { MUTED } else { FOREIGN[0] };
                        c.rect(bx0, y + 2.0, w, 13.0, color);
                        c.text(
                            &Text::new(
                                &format_metric(metric, v, lang, &self.cmp.currency),
                                bx0 + w + 5.0,
                                y + 8.0,
                                10.0,
                            )
                            .color(INK),
                        );
                    }
                    None => c.text(
                        &Text::new(&lang.text("status-infeasible"), bx0 + 6.0, y + 8.0, 10.0)
                            .color(HOME.shade(-0.3)),
                    ),
                }
            }
        }
    }
}

/// Provider shares, one stacked bar per row: a variant of `compare`, a
/// year of `pathway`. A row without shares (an infeasible variant or year)
/// says so.
pub struct StackedSharesChart<'a> {
    pub name: &'static str,
    pub title: String,
    pub subtitle: String,
    pub scenario: &'a crate::scenario::Scenario,
    pub palette: &'a Palette,
    pub rows: Vec<(String, Option<&'a crate::plan::metrics::DimensionShares>)>,
    /// Each row's limits, where it has some: the floor on the home share
    /// (a triangle under the bar: the domestic segments, left of the black
    /// mark, must reach it) and the cap on every provider's share (said at
    /// the bar's right end).
    pub limits: Vec<crate::analysis::pathway::YearLimits>,
}

impl<'a> StackedSharesChart<'a> {
    /// Provider shares per column of a comparison.
    pub fn compare(
        cmp: &'a Comparison,
        palette: &'a Palette,
        scenario: &'a crate::scenario::Scenario,
    ) -> Self {
        StackedSharesChart {
            name: "compare-shares",
            title: tr!(
                cmp.lang,
                "chart-compare-shares-title",
                scenario = cmp.scenario.as_str()
            ),
            subtitle: cmp.lang.text("chart-compare-shares-subtitle"),
            scenario,
            palette,
            rows: cmp
                .columns
                .iter()
                .map(|c| {
                    (
                        c.label.clone(),
                        c.outcome
                            .solved()
                            .and_then(|r| r.metrics.shares_of("provider")),
                    )
                })
                .collect(),
            limits: Vec::new(),
        }
    }
}

impl Chart for StackedSharesChart<'_> {
    fn name(&self) -> &'static str {
        self.name
    }

    fn description(&self) -> String {
        let lang = self.scenario.meta.lang;
        // Each row's largest provider share.
        let rows: Vec<String> = self
            .rows
            .iter()
            .map(|(label, shares)| {
                let top = shares.and_then(|d| {
                    d.values
                        .iter()
                        .max_by(|a, b| a.volume_share.total_cmp(&b.volume_share))
                });
                match top {
                    Some(t) => format!("{label}: {} {}", t.value, percent(t.volume_share)),
                    None => format!("{label}: {}", lang.text("chart-no-plan")),
                }
            })
            .collect();
        tr!(lang, "chart-stacked-desc", rows = rows.join("; "))
    }

    fn title(&self) -> String {
        self.title.clone()
    }

    fn size(&self) -> (f32, f32) {
        let legend_rows = self.scenario.providers.len().div_ceil(4) as f32
            + 1.0
            + if self.has_limits() { 1.0 } else { 0.0 };
        (
            WIDTH,
            90.0 + self.rows.len() as f32 * 36.0 + 30.0 + legend_rows * 22.0 + MARGIN,
        )
    }

    fn draw(&self, c: &mut dyn Canvas) {
        heading(c, &self.title, &self.subtitle, WIDTH);
        let s = self.scenario;
        // Room at the right for each row's cap on every provider.
        let caps = self.limits.iter().any(|l| l.provider_cap.is_some());
        let (x0, x1) = (MARGIN + 160.0, WIDTH - if caps { 90.0 } else { 40.0 });
        let top = 90.0;
        let bottom = top + self.rows.len() as f32 * 36.0;
        super::parts::percent_grid(c, x0, x1, top, bottom);
        for (i, (label, shares)) in self.rows.iter().enumerate() {
            let y = top + i as f32 * 36.0;
            c.text(&Text::new(&font::fit(label, 12.0, 150.0), MARGIN, y + 18.0, 12.0).color(INK));
            let Some(shares) = shares else {
                let text = s.meta.lang.text("status-infeasible");
                c.text(&Text::new(&text, x0 + 6.0, y + 18.0, 11.0).color(HOME.shade(-0.3)));
                continue;
            };
            // Segments in the legend's order (home country first).
            let rank = |id: &str| {
                s.provider_index(id)
                    .and_then(|p| self.palette.order.iter().position(|&q| q == p))
            };
            let mut values: Vec<_> = shares.values.iter().collect();
            values.sort_by_key(|r| rank(&r.value));
            let segments: Vec<Segment> = values
                .iter()
                .map(|r| {
                    let p = s.provider_index(&r.value);
                    Segment {
                        id: &r.value,
                        fraction: r.volume_share,
                        color: p
                            .and_then(|p| self.palette.provider.get(p))
                            .copied()
                            .unwrap_or(MUTED),
                        home: p.is_some_and(|p| s.providers[p].country == s.meta.home),
                    }
                })
                .collect();
            stacked_bar(c, (x0, x1), (y + 6.0, 24.0), &segments, 10.0);
            let limits = self.limits.get(i).cloned().unwrap_or_default();
            if let Some(floor) = limits.home_floor {
                let fx = x0 + (x1 - x0) * floor as f32;
                c.polygon(
                    &[(fx, y + 30.0), (fx + 5.0, y + 36.0), (fx - 5.0, y + 36.0)],
                    INK,
                );
            }
            if let Some(cap) = limits.provider_cap {
                let label = tr!(s.meta.lang, "chart-row-cap", cap = percent(cap));
                c.text(
                    &Text::new(&label, x1 + 8.0, y + 18.0, 10.0)
                        .color(INK)
                        .align(HAlign::Left, VAlign::Middle),
                );
            }
        }
        let mut y = bottom + 40.0;
        for (k, &p) in self.palette.order.iter().enumerate() {
            let col = k % 4;
            if k > 0 && col == 0 {
                y += 22.0;
            }
            let color = self.palette.provider.get(p).copied().unwrap_or(MUTED);
            swatch(
                c,
                MARGIN + col as f32 * 235.0,
                y,
                color,
                s.provider_name(p),
                225.0,
            );
        }
        if self.has_limits() {
            let note = s.meta.lang.text("chart-pathway-limits");
            c.text(&Text::new(&note, MARGIN, y + 28.0, 11.0).color(MUTED));
        }
    }
}

impl StackedSharesChart<'_> {
    fn has_limits(&self) -> bool {
        self.limits
            .iter()
            .any(|l| l.home_floor.is_some() || l.provider_cap.is_some())
    }
}

/// Chosen metrics against the first swept parameter; one line per value of
/// the second parameter; infeasible points marked with a cross.
pub struct SweepChart<'a> {
    pub sweep: &'a Sweep,
    pub metrics: &'a [String],
}

const SWEEP_PANEL: f32 = 220.0;

impl Chart for SweepChart<'_> {
    fn name(&self) -> &'static str {
        "sweep"
    }

    fn title(&self) -> String {
        let axes = self
            .sweep
            .axes
            .iter()
            .map(|a| a.path.as_str())
            .collect::<Vec<_>>()
            .join(" × ");
        tr!(self.sweep.lang, "chart-sweep-title", axes = axes)
    }

    fn description(&self) -> String {
        let sweep = self.sweep;
        let without = sweep
            .points
            .iter()
            .filter(|p| p.outcome.solved().is_none())
            .count();
        tr!(
            sweep.lang,
            "chart-sweep-desc",
            n = sweep.points.len(),
            without = without,
            metrics = sweep.lang.list(
                &self
                    .metrics
                    .iter()
                    .map(|m| sweep.lang.stage_name(m))
                    .collect::<Vec<_>>()
            )
        )
    }

    fn size(&self) -> (f32, f32) {
        let legend = if self.sweep.axes.len() > 1 { 30.0 } else { 0.0 };
        (
            WIDTH,
            80.0 + legend + self.metrics.len() as f32 * (SWEEP_PANEL + 30.0),
        )
    }

    fn draw(&self, c: &mut dyn Canvas) {
        heading(
            c,
            &self.title(),
            &self.sweep.lang.text("chart-sweep-subtitle"),
            WIDTH,
        );
        let sw = self.sweep;
        let Some(first) = sw.axes.first() else { return };
        let series: Vec<f64> = match sw.axes.get(1) {
            Some(a) => a.values.clone(),
            None => vec![f64::NAN],
        };
        let color_of =
            |k: usize| FOREIGN[k % FOREIGN.len()].shade(if k >= FOREIGN.len() { 0.3 } else { 0.0 });
        let mut top = 80.0;
        if let Some(second) = sw.axes.get(1) {
            let mut x = MARGIN;
            for (k, v) in second.values.iter().enumerate() {
                x = swatch(
                    c,
                    x,
                    top + 8.0,
                    color_of(k),
                    &format!("{} = {}", second.path, crate::base::units::tidy(*v)),
                    300.0,
                ) + 18.0;
            }
            top += 30.0;
        }
        let xs: Vec<f64> = first.values.clone();
        let xname = first.path.clone();
        let x_is_share = xname.contains("share") || xname.contains("fraction");
        // Money on the x axis (a budget, a price) as the language writes it.
        let x_is_money = is_money_path(&xname);
        let lang = self.sweep.lang;
        for metric in self.metrics {
            let name = lang.stage_name(metric);
            c.text(&Text::new(&name, MARGIN, top + 8.0, 13.0).color(INK));
            let values: Vec<f64> = sw
                .points
                .iter()
                .filter_map(|p| sw.value(p, metric))
                .collect();
            let rect = (
                MARGIN + 80.0,
                top + 24.0,
                WIDTH - MARGIN - 20.0,
                top + SWEEP_PANEL - 16.0,
            );
            let (plot, xt, yt) = Plot::new(rect, &xs, &values);
            let xf = |v: f64| {
                if x_is_share {
                    percent(v)
                } else if x_is_money {
                    crate::base::units::money(v, lang, &self.sweep.currency, true)
                } else {
                    crate::base::units::compact(v)
                }
            };
            let yf = |v: f64| format_metric(metric, v, self.sweep.lang, &self.sweep.currency);
            plot.axes(c, &xt, &yt, &xf, &yf);
            for (k, sv) in series.iter().enumerate() {
                let pts: Vec<(f64, Option<f64>)> = sw
                    .points
                    .iter()
                    .filter(|p| sv.is_nan() || p.params.get(1) == Some(sv))
                    .map(|p| (p.params[0], sw.value(p, metric)))
                    .collect();
                let color = color_of(k);
                // Lines join consecutive feasible points.
                for pair in pts.windows(2) {
                    if let (Some(a), Some(b)) = (pair[0].1, pair[1].1) {
                        c.line(
                            &[
                                (plot.x(pair[0].0), plot.y(a)),
                                (plot.x(pair[1].0), plot.y(b)),
                            ],
                            color,
                            2.0,
                            false,
                        );
                    }
                }
                for (x, v) in &pts {
                    match v {
                        Some(v) => dot(c, plot.x(*x), plot.y(*v), 3.5, color),
                        None => cross(c, plot.x(*x), plot.y1 - 6.0, HOME.shade(-0.2)),
                    }
                }
            }
            c.text(
                &Text::new(&xname, (rect.0 + rect.2) / 2.0, rect.3 + 26.0, 11.0)
                    .color(MUTED)
                    .align(HAlign::Center, VAlign::Middle),
            );
            top += SWEEP_PANEL + 30.0;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::ticks;

    #[test]
    fn ticks_are_round_and_cover_the_range() {
        assert_eq!(ticks(0.0, 1.0, 4), [0.0, 0.25, 0.5, 0.75, 1.0]);
        // The last tick reaches the maximum even when it is just past a step.
        assert!(*ticks(0.0, 0.0104, 4).last().unwrap() >= 0.0104);
        let t = ticks(3.6e10, 3.98e10, 4);
        assert!(t[0] <= 3.6e10 && *t.last().unwrap() >= 3.98e10, "{t:?}");
        assert!(ticks(5.0, 5.0, 4).len() >= 2);
    }
}
