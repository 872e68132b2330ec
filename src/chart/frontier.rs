//! The charts of `frontier` and `tradeoff`: one quantity against another,
//! with the limits the curve runs into and, for the trade-off, each
//! point's cost against the budget.

use super::Chart;
use super::analysis::{Plot, WIDTH, dot, format_metric};
use super::canvas::{Canvas, Text};
use super::font::{self, HAlign, VAlign};
use super::palette::{FOREIGN, HOME, INK, MUTED};
use super::parts::{MARGIN, heading};
use crate::analysis::frontier::Frontier;
use crate::tr;

/// The frontier, with the base plan and each variant placed on it.
pub struct FrontierChart<'a> {
    pub frontier: &'a Frontier,
    pub name: &'static str,
    pub title: String,
    /// What the line and the diamonds are.
    pub note: String,
    /// Limits on the y quantity, drawn as dashed lines: (label, bound).
    pub limits: Vec<(String, f64)>,
    /// Each point's total cost, drawn in a panel under the curve.
    pub cost: Option<CostPanel>,
    /// The placed plans are objectives (the trade-off's ends), named in
    /// words; otherwise variants, named by their ids.
    pub objectives: bool,
}

/// The cost of each point of a curve, against the budget.
pub struct CostPanel {
    /// One per point of the frontier, in its order.
    pub costs: Vec<f64>,
    pub budget: Option<f64>,
    /// What the panel says under its title (where the budget binds).
    pub note: String,
}

const COST_PANEL: f32 = 270.0;

impl<'a> FrontierChart<'a> {
    /// `tayoka frontier`'s chart.
    pub fn of(frontier: &'a Frontier) -> Self {
        FrontierChart {
            frontier,
            name: "frontier",
            title: tr!(
                frontier.lang,
                "chart-frontier-title",
                y = frontier.lang.stage_name(&frontier.y.name()),
                x = frontier.lang.stage_name(&frontier.x.name()),
                scenario = frontier.scenario.as_str()
            ),
            note: frontier.lang.text("chart-frontier-note"),
            limits: Vec::new(),
            cost: None,
            objectives: false,
        }
    }
}

impl Chart for FrontierChart<'_> {
    fn name(&self) -> &'static str {
        self.name
    }

    fn description(&self) -> String {
        let f = self.frontier;
        let (xn, yn) = (f.x.name(), f.y.name());
        let (xw, yw) = (f.lang.stage_name(&xn), f.lang.stage_name(&yn));
        let point = |p: &crate::analysis::frontier::FrontierPoint| {
            format!(
                "{xw} {}, {yw} {}",
                format_metric(&xn, p.x, f.lang, &f.currency),
                format_metric(&yn, p.y, f.lang, &f.currency)
            )
        };
        let ends = match (f.points.first(), f.points.last()) {
            (Some(a), Some(b)) => tr!(
                f.lang,
                "chart-frontier-desc",
                n = f.points.len(),
                from = point(a),
                to = point(b)
            ),
            _ => String::new(),
        };
        match &self.cost {
            Some(panel) => format!("{ends}{}{}", f.lang.sentence_gap(), panel.note),
            None => ends,
        }
    }

    fn title(&self) -> String {
        self.title.clone()
    }

    fn size(&self) -> (f32, f32) {
        let panel = if self.cost.is_some() { COST_PANEL } else { 0.0 };
        (WIDTH, 560.0 + panel)
    }

    fn draw(&self, c: &mut dyn Canvas) {
        let f = self.frontier;
        heading(c, &self.title(), &self.note, WIDTH);
        let xs: Vec<f64> = f
            .points
            .iter()
            .map(|p| p.x)
            .chain(f.placed.iter().filter_map(|p| p.x))
            .collect();
        let ys: Vec<f64> = f
            .points
            .iter()
            .map(|p| p.y)
            .chain(f.placed.iter().filter_map(|p| p.y))
            .chain(self.limits.iter().map(|l| l.1))
            .collect();
        let rect = (MARGIN + 90.0, 90.0, WIDTH - MARGIN - 30.0, 500.0);
        let (plot, xt, yt) = Plot::new(rect, &xs, &ys);
        let (xn, yn) = (f.x.name(), f.y.name());
        let xf = |v: f64| format_metric(&xn, v, f.lang, &f.currency);
        let yf = |v: f64| format_metric(&yn, v, f.lang, &f.currency);
        plot.axes(c, &xt, &yt, &xf, &yf);
        // The limits the curve runs into: where a point sits on one, that
        // rule bends the curve.
        for (label, v) in &self.limits {
            let y = plot.y(*v);
            c.line(&[(rect.0, y), (rect.2, y)], INK, 1.5, true);
            c.text(
                &Text::new(label, rect.2 - 4.0, y - 8.0, 11.0)
                    .color(INK)
                    .align(HAlign::Right, VAlign::Middle),
            );
        }
        let line: Vec<(f32, f32)> = f
            .points
            .iter()
            .map(|p| (plot.x(p.x), plot.y(p.y)))
            .collect();
        c.line(&line, FOREIGN[0], 2.5, false);
        for &(x, y) in &line {
            dot(c, x, y, 4.0, FOREIGN[0]);
        }
        for (k, p) in f.placed.iter().enumerate() {
            let (Some(x), Some(y)) = (p.x, p.y) else {
                continue;
            };
            let (px, py) = (plot.x(x), plot.y(y));
            c.polygon(
                &[
                    (px, py - 7.0),
                    (px + 7.0, py),
                    (px, py + 7.0),
                    (px - 7.0, py),
                ],
                HOME,
            );
            // Alternate label sides so that neighbours do not collide; near the
            // right edge the label goes to the left of its marker.
            let dy = if k % 2 == 0 { -14.0 } else { 14.0 };
            let name = if self.objectives {
                tr!(f.lang, "objective-name", objective = p.label.as_str())
            } else {
                p.label.clone()
            };
            let label = Text::new(&name, px + 10.0, py + dy, 11.0).color(HOME.shade(-0.4));
            if px + 10.0 + font::width(&name, 11.0) > WIDTH - 4.0 {
                c.text(
                    &Text {
                        x: px - 10.0,
                        ..label
                    }
                    .align(HAlign::Right, VAlign::Middle),
                );
            } else {
                c.text(&label);
            }
        }
        c.text(
            &Text::new(
                &format!("x: {}", f.lang.stage_name(&xn)),
                (rect.0 + rect.2) / 2.0,
                rect.3 + 32.0,
                11.0,
            )
            .color(MUTED)
            .align(HAlign::Center, VAlign::Middle),
        );
        // Only cost is in currency; a share is a fraction of demand.
        let y_label = if f.y == crate::model::Quantity::Cost {
            format!("y: {} ({})", f.lang.stage_name(&yn), f.currency)
        } else {
            format!("y: {}", f.lang.stage_name(&yn))
        };
        c.text(&Text::new(&y_label, MARGIN, 76.0, 11.0).color(MUTED));
        if let Some(panel) = &self.cost {
            self.draw_cost(c, panel, (rect.0, rect.2), &xs);
        }
    }
}

impl FrontierChart<'_> {
    /// Each point's total cost under the curve, on the same x, with the
    /// budget as a dashed line.
    fn draw_cost(&self, c: &mut dyn Canvas, panel: &CostPanel, (x0, x1): (f32, f32), xs: &[f64]) {
        let f = self.frontier;
        let top = 560.0 + 20.0;
        let rect = (x0, top + 30.0, x1, top + COST_PANEL - 50.0);
        c.text(&Text::new(&panel.note, MARGIN, top + 8.0, 12.0).color(INK));
        let ys: Vec<f64> = panel.costs.iter().copied().chain(panel.budget).collect();
        let (plot, xt, yt) = Plot::new(rect, xs, &ys);
        let xn = f.x.name();
        let xf = |v: f64| format_metric(&xn, v, f.lang, &f.currency);
        let yf = |v: f64| format_metric("total_cost", v, f.lang, &f.currency);
        plot.axes(c, &xt, &yt, &xf, &yf);
        if let Some(b) = panel.budget {
            let y = plot.y(b);
            c.line(&[(rect.0, y), (rect.2, y)], INK, 1.5, true);
            let label = tr!(f.lang, "chart-budget-line", budget = yf(b));
            c.text(
                &Text::new(&label, rect.2 - 4.0, y - 8.0, 11.0)
                    .color(INK)
                    .align(HAlign::Right, VAlign::Middle),
            );
        }
        let line: Vec<(f32, f32)> = f
            .points
            .iter()
            .zip(&panel.costs)
            .map(|(p, cost)| (plot.x(p.x), plot.y(*cost)))
            .collect();
        let color = HOME.with_luminance(0.12);
        c.line(&line, color, 2.5, false);
        for &(x, y) in &line {
            dot(c, x, y, 4.0, color);
        }
    }
}
