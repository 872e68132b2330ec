//! The stress test's charts: the damage of each single cut-off per
//! workload (a heatmap), and the distribution of Monte Carlo outcomes.

use super::Chart;
use super::analysis::{WIDTH, ticks};
use super::canvas::{Canvas, Rgb, Text};
use super::font::{self, HAlign, VAlign};
use super::palette::{FOREIGN, GRID, HOME, INK, MUTED, TRACK};
use super::parts::{MARGIN, heading, swatch};
use crate::base::units::percent;
use crate::tr;

/// Heatmap levels by lightness, so that they read in greyscale: unaffected
/// is the pale track, re-routed a middle green (4:1 against the track),
/// unserved darker the more is lost. Each affected cell prints its figure.
const REROUTED: Rgb = Rgb(0x00, 0x86, 0x60);

fn unserved_shade(f: f64) -> Rgb {
    HOME.with_luminance(0.12 - 0.09 * f.clamp(0.0, 1.0) as f32)
}

/// Events x workloads: the unserved fraction of each workload after each
/// cut-off, from white (none) to vermillion (all).
pub struct HeatmapChart<'a> {
    pub scenario: &'a crate::scenario::Scenario,
    pub results: &'a [(crate::model::Event, crate::analysis::stress::Damage)],
}

const CELL_H: f32 = 22.0;
/// The most workload columns the heatmap draws.
const HEAT_COLUMNS: usize = 16;

impl HeatmapChart<'_> {
    /// The workload columns: all of them for a small scenario; otherwise the
    /// ones left most unserved (then most lost) over the events.
    fn columns(&self) -> Vec<usize> {
        let s = self.scenario;
        if s.workloads.len() <= HEAT_COLUMNS {
            return (0..s.workloads.len()).collect();
        }
        let mut hit: std::collections::BTreeMap<usize, (f64, f64)> = Default::default();
        for (_, d) in self.results {
            for i in &d.impacts {
                let e = hit.entry(i.workload).or_default();
                e.0 += i.unserved / s.workloads[i.workload].demand;
                e.1 += i.lost / s.workloads[i.workload].demand;
            }
        }
        let mut order: Vec<(usize, (f64, f64))> = hit.into_iter().collect();
        order.sort_by(|a, b| {
            b.1.0
                .total_cmp(&a.1.0)
                .then(b.1.1.total_cmp(&a.1.1))
                .then(a.0.cmp(&b.0))
        });
        let mut cols: Vec<usize> = order
            .into_iter()
            .take(HEAT_COLUMNS)
            .map(|(w, _)| w)
            .collect();
        cols.sort_unstable();
        cols
    }
}
const HEAT_LABEL_W: f32 = 190.0;

impl Chart for HeatmapChart<'_> {
    fn name(&self) -> &'static str {
        "stress"
    }

    fn title(&self) -> String {
        tr!(
            self.scenario.meta.lang,
            "chart-stress-title",
            scenario = self.scenario.meta.name.as_str()
        )
    }

    fn size(&self) -> (f32, f32) {
        (
            WIDTH,
            90.0 + 120.0 + self.results.len() as f32 * CELL_H + 50.0,
        )
    }

    fn description(&self) -> String {
        let lang = self.scenario.meta.lang;
        let worst = self
            .results
            .iter()
            .max_by(|a, b| a.1.unserved_fraction.total_cmp(&b.1.unserved_fraction));
        let rerouted = self
            .results
            .iter()
            .filter(|(_, d)| d.lost > 0.0 && d.unserved <= 1e-9 * d.lost)
            .count();
        match worst {
            Some((ev, d)) => tr!(
                lang,
                "chart-stress-desc",
                n = self.results.len(),
                event = ev.name(self.scenario),
                unserved = percent(d.unserved_fraction),
                critical = percent(d.unserved_critical_fraction),
                rerouted = rerouted
            ),
            None => String::new(),
        }
    }

    fn draw(&self, c: &mut dyn Canvas) {
        let s = self.scenario;
        let lang = s.meta.lang;
        heading(c, &self.title(), &lang.text("chart-stress-subtitle"), WIDTH);
        let columns = self.columns();
        let n = columns.len().max(1) as f32;
        let x0 = MARGIN + HEAT_LABEL_W;
        let cell_w = ((WIDTH - MARGIN - x0) / n).min(60.0);
        let top = 90.0 + 120.0;
        // Column labels are staggered over four rows so that neighbouring
        // ids do not overlap.
        for (k, w) in columns.iter().map(|&wi| &s.workloads[wi]).enumerate() {
            let x = x0 + k as f32 * cell_w + cell_w / 2.0;
            let id = format!("{}{}", w.id, if w.critical { "*" } else { "" });
            let label = font::fit(&id, 10.0, 110.0);
            let y = top - 10.0 - (k % 4) as f32 * 26.0;
            c.line(&[(x, y + 6.0), (x, top)], GRID, 1.0, false);
            c.text(
                &Text::new(&label, x, y, 10.0)
                    .color(INK)
                    .align(HAlign::Center, VAlign::Middle),
            );
        }
        for (i, (ev, d)) in self.results.iter().enumerate() {
            let y = top + i as f32 * CELL_H;
            c.text(
                &Text::new(
                    &font::fit(&ev.label, 11.0, HEAT_LABEL_W - 8.0),
                    MARGIN,
                    y + CELL_H / 2.0,
                    11.0,
                )
                .color(INK),
            );
            for (k, (wi, w)) in columns.iter().map(|&wi| (wi, &s.workloads[wi])).enumerate() {
                let f = d
                    .impacts
                    .iter()
                    .find(|im| im.workload == wi)
                    .map_or(0.0, |im| im.unserved / w.demand);
                let lost = d.impacts.iter().any(|im| im.workload == wi);
                let color = if f > 0.0 {
                    unserved_shade(f)
                } else if lost {
                    REROUTED
                } else {
                    TRACK
                };
                let x = x0 + k as f32 * cell_w;
                c.rect(x + 1.0, y + 1.0, cell_w - 2.0, CELL_H - 2.0, color);
                // The figure in every affected cell: levels read without colour.
                if lost || f > 0.0 {
                    let label = percent(f);
                    c.text(
                        &Text::new(&label, x + cell_w / 2.0, y + CELL_H / 2.0, 9.0)
                            .color(color.text_on())
                            .align(HAlign::Center, VAlign::Middle),
                    );
                }
            }
        }
        let y = top + self.results.len() as f32 * CELL_H + 24.0;
        let x = swatch(
            c,
            MARGIN,
            y,
            REROUTED,
            &lang.text("chart-stress-rerouted"),
            220.0,
        ) + 24.0;
        let partly = lang.text("chart-stress-partly");
        let x = swatch(c, x, y, unserved_shade(0.5), &partly, 200.0) + 24.0;
        swatch(
            c,
            x,
            y,
            unserved_shade(1.0),
            &lang.text("chart-stress-all"),
            200.0,
        );
    }
}

/// How the outage figures were found, in a few words: `100,000 samples,
/// seed 7` or `exact, 1,987 failure sets`.
pub fn basis(mc: &crate::analysis::stress::MonteCarlo, lang: crate::base::lang::Lang) -> String {
    use crate::analysis::stress::Method;
    match mc.method {
        Method::Sampled => tr!(
            lang,
            "card-samples",
            n = crate::base::units::amount(mc.samples as f64),
            seed = mc.seed.to_string()
        ),
        Method::Exact => tr!(
            lang,
            "card-exact",
            sets = crate::base::units::amount(mc.outcomes.len() as f64)
        ),
    }
}

/// The distribution of the unserved fraction of critical demand over the
/// outages (samples, or every failure set by its exact probability).
pub struct HistogramChart<'a> {
    pub mc: &'a crate::analysis::stress::MonteCarlo,
    pub scenario: &'a str,
    pub lang: crate::base::lang::Lang,
}

const BINS: usize = 20;

impl Chart for HistogramChart<'_> {
    fn name(&self) -> &'static str {
        "montecarlo"
    }

    fn title(&self) -> String {
        tr!(self.lang, "chart-mc-title", scenario = self.scenario)
    }

    fn size(&self) -> (f32, f32) {
        (WIDTH, 480.0)
    }

    fn description(&self) -> String {
        let mc = self.mc;
        tr!(
            self.lang,
            "chart-mc-desc",
            basis = basis(mc, self.lang),
            expected = percent(mc.expected_unserved_critical_fraction),
            p = percent(mc.probability_critical_unserved),
            cvar = percent(mc.cvar95_unserved_critical_fraction)
        )
    }

    fn draw(&self, c: &mut dyn Canvas) {
        let mc = self.mc;
        let sub = tr!(
            self.lang,
            "chart-mc-subtitle",
            basis = basis(mc, self.lang),
            expected = percent(mc.expected_unserved_critical_fraction),
            p = percent(mc.probability_critical_unserved),
            cvar = percent(mc.cvar95_unserved_critical_fraction)
        );
        heading(c, &self.title(), &sub, WIDTH);
        let max = mc
            .outcomes
            .iter()
            .map(|o| o.unserved_critical_fraction)
            .fold(0.0f64, f64::max)
            .max(1e-9);
        let hi = ticks(0.0, max, 5).last().copied().unwrap_or(1.0).max(1e-9);
        // Bin 0 holds exactly zero; the rest split (0, hi] evenly.
        let mut probs = [0.0f64; BINS + 1];
        for o in &mc.outcomes {
            let f = o.unserved_critical_fraction;
            let b = if f <= 1e-9 {
                0
            } else {
                1 + (((f / hi) * BINS as f64).ceil() as usize).clamp(1, BINS) - 1
            };
            probs[b] += o.probability;
        }
        let rect = (MARGIN + 70.0, 100.0, WIDTH - MARGIN - 10.0, 410.0);
        // The axis fits the shortfalls; the no-shortfall bar, usually far
        // taller, is clipped and carries its value.
        let tail = probs[1..].iter().copied().fold(0.0, f64::max);
        let ymax = if tail > 0.0 { tail } else { probs[0].max(1e-9) };
        let yt = ticks(0.0, ymax, 4);
        let top_p = *yt.last().unwrap_or(&1.0);
        let y = |p: f64| rect.3 - (rect.3 - rect.1) * (p.min(top_p) / top_p) as f32;
        let labels = crate::base::units::percent_ticks(&yt);
        for (&t, label) in yt.iter().zip(&labels) {
            c.line(&[(rect.0, y(t)), (rect.2, y(t))], GRID, 1.0, false);
            c.text(
                &Text::new(label, rect.0 - 6.0, y(t), 10.0)
                    .color(MUTED)
                    .align(HAlign::Right, VAlign::Middle),
            );
        }
        let slot = (rect.2 - rect.0) / (BINS + 1) as f32;
        // The shortfall axis's labels, every fourth bin's end, told apart.
        let ends: Vec<f64> = (0..=BINS)
            .filter(|b| b % 4 == 0)
            .map(|b| hi * b as f64 / BINS as f64)
            .collect();
        let ends = crate::base::units::percent_ticks(&ends);
        for (b, p) in probs.iter().enumerate() {
            let x = rect.0 + b as f32 * slot;
            let color = if b == 0 { FOREIGN[1] } else { HOME };
            c.rect(x + 1.0, y(*p), slot - 2.0, rect.3 - y(*p), color);
            if b == 0 && *p > top_p {
                let label = tr!(self.lang, "chart-mc-none", share = percent(*p));
                c.text(&Text::new(&label, x + 4.0, rect.1 - 10.0, 10.0).color(INK));
            }
            // Bin b > 0 holds fractions up to b/BINS of the axis end.
            if b == 0 || b % 4 == 0 {
                let label = if b == 0 {
                    "0".to_string()
                } else {
                    ends[b / 4].clone()
                };
                c.text(
                    &Text::new(&label, x + slot / 2.0, rect.3 + 12.0, 10.0)
                        .color(MUTED)
                        .align(HAlign::Center, VAlign::Middle),
                );
            }
        }
        c.text(
            &Text::new(
                &self.lang.text("chart-mc-axis"),
                (rect.0 + rect.2) / 2.0,
                rect.3 + 32.0,
                11.0,
            )
            .color(MUTED)
            .align(HAlign::Center, VAlign::Middle),
        );
    }
}
