//! Charts, each drawn once onto a [`Canvas`] and written as SVG and PNG.
//!
//! A chart lays itself out in logical pixels; the SVG keeps that size and the
//! PNG is drawn at [`PNG_SCALE`] times it, so that it stays sharp when printed.

mod analysis;
pub mod canvas;
pub mod font;
mod frontier;
pub mod palette;
mod plan;
mod ranges;
mod stress;

pub use analysis::{
    CompareMetricsChart, StackedSharesChart, SweepChart, format_metric, is_money_path,
    metric_in_sentence,
};
pub use canvas::{Canvas, PngCanvas, Rgb, SvgCanvas, Text};
pub use font::{HAlign, VAlign};
pub use frontier::{CostPanel, FrontierChart};
pub use palette::Palette;
pub use plan::{AllocationChart, ConcentrationChart, SharesChart};
pub use ranges::RangeChart;
pub use stress::{HeatmapChart, HistogramChart, basis as outage_basis};

use crate::base::lang::Lang;
use crate::solve::Solved;

/// PNG pixels per logical pixel.
pub const PNG_SCALE: f32 = 2.0;

/// A chart: its file name, its title, its size, and how to draw it.
pub trait Chart {
    /// The file stem: `allocation` gives `allocation.svg` and `allocation.png`.
    fn name(&self) -> &'static str;
    fn title(&self) -> String;
    /// Logical width and height in px.
    fn size(&self) -> (f32, f32);
    fn draw(&self, c: &mut dyn Canvas);
    /// The chart's message and key figures in a sentence, for the SVG's
    /// `<desc>` (what a screen reader says for it).
    fn description(&self) -> String;
}

pub fn render_svg(chart: &dyn Chart) -> String {
    let (w, h) = chart.size();
    let mut c = SvgCanvas::new(w, h, &format!("{}-g", chart.name()));
    chart.draw(&mut c);
    c.finish(&chart.title(), &chart.description())
}

pub fn render_png(chart: &dyn Chart) -> Vec<u8> {
    let (w, h) = chart.size();
    let mut c = PngCanvas::new(w, h, PNG_SCALE);
    chart.draw(&mut c);
    c.finish()
}

/// The charts of one plan.
pub fn plan_charts<'a>(run: &'a Solved, palette: &'a Palette) -> Vec<Box<dyn Chart + 'a>> {
    vec![
        Box::new(AllocationChart { run, palette }),
        Box::new(SharesChart { run, palette }),
        Box::new(ConcentrationChart { run }),
    ]
}

/// The workloads a chart or table shows: all of them, in scenario order,
/// when there are at most `limit`; otherwise the `limit` largest by demand.
/// Returns them and how many were left out.
pub fn shown_workloads(s: &crate::scenario::Scenario, limit: usize) -> (Vec<usize>, usize) {
    let n = s.workloads.len();
    if n <= limit {
        return ((0..n).collect(), 0);
    }
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&a, &b| {
        s.workloads[b]
            .demand
            .total_cmp(&s.workloads[a].demand)
            .then(a.cmp(&b))
    });
    order.truncate(limit);
    (order, n - limit)
}

/// A note on what a table or chart leaves out, or nothing.
pub fn left_out(hidden: usize, total: usize, file: &str, lang: Lang) -> Option<String> {
    (hidden > 0).then(|| {
        crate::tr!(
            lang,
            "left-out",
            shown = total - hidden,
            total = total,
            file = file
        )
    })
}

/// Layout pieces every chart uses.
pub(crate) mod parts {
    use super::canvas::{Canvas, Rgb, Text};
    use super::font::{HAlign, VAlign};
    use super::palette::{GRID, INK, MUTED};
    use crate::base::units::percent;

    pub const MARGIN: f32 = 24.0;

    /// Title and subtitle; returns the y where content starts.
    pub fn heading(c: &mut dyn Canvas, title: &str, subtitle: &str, width: f32) -> f32 {
        let t = super::font::fit(title, 18.0, width - 2.0 * MARGIN);
        c.text(&Text::new(&t, MARGIN, 28.0, 18.0).color(INK));
        let s = super::font::fit(subtitle, 12.0, width - 2.0 * MARGIN);
        c.text(&Text::new(&s, MARGIN, 50.0, 12.0).color(MUTED));
        72.0
    }

    /// Vertical gridlines with percentage labels under them, from x0 (0%) to x1 (100%).
    pub fn percent_grid(c: &mut dyn Canvas, x0: f32, x1: f32, top: f32, bottom: f32) {
        for i in 0..=4 {
            let f = i as f32 / 4.0;
            let x = x0 + (x1 - x0) * f;
            c.line(&[(x, top), (x, bottom)], GRID, 1.0, false);
            let label = percent(f64::from(f));
            c.text(
                &Text::new(&label, x, bottom + 10.0, 11.0)
                    .color(MUTED)
                    .align(HAlign::Center, VAlign::Middle),
            );
        }
    }

    /// A small square swatch and a label; returns the x after the label.
    pub fn swatch(c: &mut dyn Canvas, x: f32, y: f32, color: Rgb, label: &str, max: f32) -> f32 {
        c.rect(x, y - 6.0, 12.0, 12.0, color);
        let l = super::font::fit(label, 12.0, max - 18.0);
        c.text(&Text::new(&l, x + 18.0, y, 12.0).color(INK));
        x + 18.0 + super::font::width(&l, 12.0)
    }

    /// One segment of a stacked bar: its provider id, share and colour,
    /// and whether the provider is domestic.
    pub struct Segment<'a> {
        pub id: &'a str,
        pub fraction: f64,
        pub color: Rgb,
        pub home: bool,
    }

    /// The white gap between two segments of a bar, in px.
    const GAP: f32 = 2.0;

    /// A bar of segments from x0 (0%) to x1 (100%), in the order given (home
    /// providers first). Neighbours are parted by a white gap, against
    /// which every provider colour meets 3:1, so that close colours are
    /// still told apart; each segment is labelled where the label fits;
    /// a dark mark parts domestic from foreign, which reads without colour.
    pub fn stacked_bar(
        c: &mut dyn Canvas,
        (x0, x1): (f32, f32),
        (y, h): (f32, f32),
        segments: &[Segment<'_>],
        size: f32,
    ) {
        let span = x1 - x0;
        let mut x = x0;
        let mut border = None;
        // A segment narrower than the gap cannot be drawn apart from its
        // neighbours: its place stays empty (its figure is in the CSV).
        let shown = |seg: &Segment| span * seg.fraction as f32 >= GAP + 1.0;
        for (k, seg) in segments.iter().enumerate() {
            let wd = span * seg.fraction as f32;
            let next = segments[k + 1..].iter().find(|n| shown(n));
            if !shown(seg) {
                x += wd;
                continue;
            }
            let drawn = if k + 1 < segments.len() { wd - GAP } else { wd };
            c.rect(x, y, drawn, h, seg.color);
            if seg.home && next.is_some_and(|n| !n.home) {
                border = Some(x + drawn + GAP / 2.0);
            }
            // The provider and its share where the segment holds both,
            // else the share alone where it holds that.
            let named = format!("{} {}", seg.id, percent(seg.fraction));
            let label = if super::font::width(&named, size) + 8.0 < drawn {
                named
            } else {
                percent(seg.fraction)
            };
            if super::font::width(&label, size) + 8.0 < drawn {
                c.text(
                    &Text::new(&label, x + drawn / 2.0, y + h / 2.0, size)
                        .color(seg.color.text_on())
                        .align(HAlign::Center, VAlign::Middle),
                );
            }
            x += wd;
        }
        if let Some(bx) = border {
            c.line(&[(bx, y - 5.0), (bx, y + h + 5.0)], INK, GAP, false);
        }
    }
}
