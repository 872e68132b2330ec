//! The charts of a plan: allocation per workload, shares with their limits,
//! and concentration per dimension.

use super::Chart;
use super::canvas::{Canvas, Rgb, Text};
use super::font::{self, HAlign, VAlign};
use super::palette::{GRID, INK, MUTED, Palette, TRACK};
use super::parts::{MARGIN, Segment, heading, percent_grid, stacked_bar, swatch};
use super::{left_out, shown_workloads};
use crate::base::units::percent;
use crate::scenario::{Dimension, Limit, Scenario, Scope};
use crate::solve::Solved;
use crate::tr;

const WIDTH: f32 = 1000.0;
/// Marks drawn for share limits: dark, dashed for maxima, triangles for minima.
const LIMIT: Rgb = Rgb(0x22, 0x22, 0x22);

fn run_label(run: &Solved) -> String {
    let s = run.scenario();
    let title = s.meta.title.as_deref().unwrap_or(&s.meta.name);
    // Overrides are named: the same variant with other values is another run.
    if run.loaded.sets().is_empty() {
        format!("{title} · {}", run.loaded.run_label())
    } else {
        format!(
            "{title} · {} · {}",
            run.loaded.run_label(),
            run.loaded.sets_text()
        )
    }
}

/// One horizontal stacked bar per workload, segments coloured by provider.
pub struct AllocationChart<'a> {
    pub run: &'a Solved,
    pub palette: &'a Palette,
}

const ROW: f32 = 44.0;
/// The most workloads the allocation chart draws (the largest by demand).
const CHART_ROWS: usize = 40;
const LABEL_W: f32 = 290.0;
const BAR_X0: f32 = MARGIN + LABEL_W + 16.0;
const BAR_X1: f32 = WIDTH - 40.0;
const LEGEND_COL: f32 = 235.0;
const LEGEND_ROW: f32 = 22.0;

impl AllocationChart<'_> {
    /// Legend rows: for each country, a heading row, then its providers in columns.
    fn legend_rows(&self) -> usize {
        let s = self.run.scenario();
        let per_row = ((WIDTH - 2.0 * MARGIN) / LEGEND_COL).floor().max(1.0) as usize;
        self.palette
            .countries
            .iter()
            .map(|c| {
                1 + s
                    .providers
                    .iter()
                    .filter(|p| p.country == *c)
                    .count()
                    .div_ceil(per_row)
            })
            .sum()
    }

    fn top(&self) -> f32 {
        72.0 + 8.0
    }
}

impl Chart for AllocationChart<'_> {
    fn name(&self) -> &'static str {
        "allocation"
    }

    fn description(&self) -> String {
        let s = self.run.scenario();
        let used = self
            .run
            .allocation
            .provider_totals(s)
            .iter()
            .filter(|&&u| u > 0.0)
            .count();
        tr!(
            s.meta.lang,
            "chart-allocation-desc",
            workloads = tr!(s.meta.lang, "n-workloads", n = s.workloads.len()),
            used = used,
            providers = tr!(s.meta.lang, "n-providers", n = s.providers.len()),
            shares = key_shares(self.run)
        )
    }

    fn title(&self) -> String {
        let lang = self.run.scenario().meta.lang;
        tr!(lang, "chart-allocation-title", run = run_label(self.run))
    }

    fn size(&self) -> (f32, f32) {
        let rows = shown_workloads(self.run.scenario(), CHART_ROWS).0.len() as f32;
        let legend = self.legend_rows() as f32 * LEGEND_ROW;
        (WIDTH, self.top() + rows * ROW + 36.0 + legend + MARGIN)
    }

    fn draw(&self, c: &mut dyn Canvas) {
        let s = self.run.scenario();
        let (shown, hidden) = shown_workloads(s, CHART_ROWS);
        let lang = s.meta.lang;
        let subtitle = match left_out(hidden, s.workloads.len(), "allocation.csv", lang) {
            Some(note) => tr!(lang, "chart-allocation-subtitle-some", note = note),
            None => lang.text("chart-allocation-subtitle"),
        };
        heading(c, &self.title(), &subtitle, WIDTH);
        let top = self.top();
        let bottom = top + shown.len() as f32 * ROW;
        percent_grid(c, BAR_X0, BAR_X1, top, bottom);
        let span = BAR_X1 - BAR_X0;
        for (i, &wi) in shown.iter().enumerate() {
            let (w, row) = (&s.workloads[wi], &self.run.allocation.rows[wi]);
            let y = top + i as f32 * ROW;
            let name = font::fit(s.workload_name(wi), 13.0, LABEL_W);
            let owner = match s.owner_name(wi) {
                Some(o) => format!("{o} · {}", w.id),
                None => w.id.clone(),
            };
            let owner = font::fit(&owner, 11.0, LABEL_W);
            c.text(&Text::new(&name, MARGIN, y + 15.0, 13.0).color(INK));
            c.text(&Text::new(&owner, MARGIN, y + 31.0, 11.0).color(MUTED));
            let (bar_y, bar_h) = (y + 10.0, 24.0);
            c.rect(BAR_X0, bar_y, span, bar_h, TRACK);
            let mut row: Vec<_> = row.iter().collect();
            row.sort_by_key(|a| self.palette.order.iter().position(|&p| p == a.provider));
            let segments: Vec<Segment> = row
                .iter()
                .map(|a| Segment {
                    id: &s.providers[a.provider].id,
                    fraction: a.fraction,
                    color: self.palette.provider[a.provider],
                    home: s.providers[a.provider].country == s.meta.home,
                })
                .collect();
            stacked_bar(c, (BAR_X0, BAR_X1), (bar_y, bar_h), &segments, 11.0);
        }
        // Legend: one group per country, home first.
        let per_row = ((WIDTH - 2.0 * MARGIN) / LEGEND_COL).floor().max(1.0) as usize;
        let mut y = bottom + 36.0 + LEGEND_ROW / 2.0;
        for country in &self.palette.countries {
            let home = *country == s.meta.home;
            let label = if home {
                tr!(
                    lang,
                    "chart-legend-domestic",
                    name = s.country_name(country),
                    code = country.as_str()
                )
            } else {
                tr!(
                    lang,
                    "country-label",
                    name = s.country_name(country),
                    code = country.as_str()
                )
            };
            let family = self.palette.country[country];
            c.text(&Text::new(&label, MARGIN, y, 12.0).color(family.shade(-0.35)));
            y += LEGEND_ROW;
            let members: Vec<usize> = (0..s.providers.len())
                .filter(|&p| s.providers[p].country == *country)
                .collect();
            for chunk in members.chunks(per_row) {
                for (k, &p) in chunk.iter().enumerate() {
                    let x = MARGIN + 8.0 + k as f32 * LEGEND_COL;
                    swatch(
                        c,
                        x,
                        y,
                        self.palette.provider[p],
                        s.provider_name(p),
                        LEGEND_COL - 12.0,
                    );
                }
                y += LEGEND_ROW;
            }
        }
    }
}

/// Shares of each provider, company and country, with their limits.
pub struct SharesChart<'a> {
    pub run: &'a Solved,
    pub palette: &'a Palette,
}

const SHARE_ROW: f32 = 24.0;
const SHARE_LABEL_W: f32 = 220.0;
const SHARE_X0: f32 = MARGIN + SHARE_LABEL_W + 12.0;
const SHARE_X1: f32 = WIDTH - 90.0;
const PANEL_HEAD: f32 = 34.0;
/// Room under a panel for its axis labels and its line of limits.
const PANEL_GAP: f32 = 60.0;
const DIMENSIONS: [Dimension; 3] = [Dimension::Provider, Dimension::Company, Dimension::Country];

impl SharesChart<'_> {
    fn rows(&self, dim: &Dimension) -> Vec<(String, f64)> {
        let mut rows: Vec<(String, f64)> = self
            .run
            .metrics
            .shares_of(dim.name())
            .map(|d| {
                d.values
                    .iter()
                    .map(|r| (r.value.clone(), r.volume_share))
                    .collect()
            })
            .unwrap_or_default();
        // Largest first; ties in id order.
        rows.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        rows
    }

    fn color(&self, dim: &Dimension, value: &str) -> Rgb {
        let s = self.run.scenario();
        match dim {
            Dimension::Provider => s
                .provider_index(value)
                .map_or(MUTED, |i| self.palette.provider[i]),
            Dimension::Company => self.palette.company.get(value).copied().unwrap_or(MUTED),
            Dimension::Country => self.palette.country.get(value).copied().unwrap_or(MUTED),
            Dimension::Tag(_) => MUTED,
        }
    }

    fn label(&self, dim: &Dimension, value: &str) -> String {
        let s = self.run.scenario();
        match dim {
            Dimension::Provider => s
                .provider_index(value)
                .map_or(value.to_string(), |i| s.provider_name(i).to_string()),
            Dimension::Country if value == s.meta.home => {
                tr!(
                    s.meta.lang,
                    "chart-country-home",
                    name = s.country_name(value),
                    code = value
                )
            }
            Dimension::Country => {
                tr!(
                    s.meta.lang,
                    "country-label",
                    name = s.country_name(value),
                    code = value
                )
            }
            _ => s.value_name(&dim.to_string(), value),
        }
    }
}

/// The limits on a dimension measured over all workloads: those scoped to
/// critical workloads bound another share than the one drawn here.
fn limits_on<'s>(s: &'s Scenario, dim: &Dimension) -> impl Iterator<Item = &'s Limit> {
    s.policy
        .limits
        .iter()
        .filter(move |l| l.dimension == *dim && l.scope == Scope::All)
}

impl Chart for SharesChart<'_> {
    fn name(&self) -> &'static str {
        "shares"
    }

    fn description(&self) -> String {
        let limits: Vec<String> = DIMENSIONS
            .iter()
            .filter_map(|d| self.limits_note(d))
            .collect();
        let lang = self.run.scenario().meta.lang;
        let sep = lang.text("sentence-separator");
        format!("{} {}", key_shares(self.run), limits.join(&sep))
    }

    fn title(&self) -> String {
        let lang = self.run.scenario().meta.lang;
        tr!(lang, "chart-shares-title", run = run_label(self.run))
    }

    fn size(&self) -> (f32, f32) {
        let rows: usize = DIMENSIONS.iter().map(|d| self.rows(d).len()).sum();
        (
            WIDTH,
            80.0 + 3.0 * (PANEL_HEAD + PANEL_GAP) + rows as f32 * SHARE_ROW + MARGIN,
        )
    }

    fn draw(&self, c: &mut dyn Canvas) {
        let s = self.run.scenario();
        let lang = s.meta.lang;
        heading(c, &self.title(), &lang.text("chart-shares-subtitle"), WIDTH);
        let span = SHARE_X1 - SHARE_X0;
        let x_of = |f: f64| SHARE_X0 + span * f as f32;
        let mut y = 80.0;
        for dim in &DIMENSIONS {
            let rows = self.rows(dim);
            let name = lang.text(match dim {
                Dimension::Provider => "panel-provider",
                Dimension::Company => "panel-company",
                _ => "panel-country",
            });
            c.text(&Text::new(&name, MARGIN, y + 12.0, 15.0).color(INK));
            if *dim == Dimension::Country {
                let note = tr!(
                    lang,
                    "chart-home-share",
                    home = s.meta.home.as_str(),
                    share = percent(self.run.metrics.home_share)
                );
                c.text(
                    &Text::new(&note, WIDTH - MARGIN, y + 12.0, 13.0)
                        .color(super::palette::HOME.shade(-0.35))
                        .align(HAlign::Right, VAlign::Middle),
                );
            }
            let top = y + PANEL_HEAD;
            let bottom = top + rows.len() as f32 * SHARE_ROW;
            percent_grid(c, SHARE_X0, SHARE_X1, top, bottom);
            for (i, (value, share)) in rows.iter().enumerate() {
                let ry = top + i as f32 * SHARE_ROW;
                let home = *dim == Dimension::Country && *value == s.meta.home;
                let label = font::fit(&self.label(dim, value), 12.0, SHARE_LABEL_W);
                let color = if home {
                    super::palette::HOME.shade(-0.35)
                } else {
                    INK
                };
                c.text(&Text::new(&label, MARGIN, ry + SHARE_ROW / 2.0, 12.0).color(color));
                c.rect(SHARE_X0, ry + 5.0, span, SHARE_ROW - 10.0, TRACK);
                c.rect(
                    SHARE_X0,
                    ry + 5.0,
                    span * *share as f32,
                    SHARE_ROW - 10.0,
                    self.color(dim, value),
                );
                c.text(
                    &Text::new(
                        &percent(*share),
                        x_of(*share) + 6.0,
                        ry + SHARE_ROW / 2.0,
                        11.0,
                    )
                    .color(INK),
                );
                // Limits on this value alone.
                for l in limits_on(s, dim).filter(|l| l.value.as_deref() == Some(value.as_str())) {
                    limit_marks(c, l, x_of, ry + 2.0, ry + SHARE_ROW - 2.0);
                }
            }
            // Limits on every value span the panel, labelled at its top.
            for l in limits_on(s, dim).filter(|l| l.value.is_none()) {
                limit_marks(c, l, x_of, top - 4.0, bottom);
                if let Some(m) = l.max_share {
                    let label = tr!(
                        lang,
                        "chart-limit-max",
                        bound = percent(m),
                        id = l.id.as_str()
                    );
                    c.text(
                        &Text::new(&label, x_of(m), top - 10.0, 10.0)
                            .color(LIMIT)
                            .align(HAlign::Center, VAlign::Middle),
                    );
                }
            }
            if let Some(note) = self.limits_note(dim) {
                let note = font::fit(&note, 11.0, WIDTH - 2.0 * MARGIN);
                c.text(&Text::new(&note, MARGIN, bottom + 36.0, 11.0).color(LIMIT));
            }
            y = bottom + PANEL_GAP;
        }
    }
}

impl SharesChart<'_> {
    /// Every limit on a dimension in words, those on the critical workloads'
    /// share (not drawn: another share) with that share: `Limits: max 60% US
    /// (us); critical workloads: min 50% JP (critical-domestic), now 53%`.
    fn limits_note(&self, dim: &Dimension) -> Option<String> {
        let s = self.run.scenario();
        let lang = s.meta.lang;
        let parts: Vec<String> = s
            .policy
            .limits
            .iter()
            .filter(|l| l.dimension == *dim)
            .map(|l| {
                let on = l.value.clone().unwrap_or_else(|| lang.text("limit-each"));
                let bounds: Vec<String> = [("max", l.max_share), ("min", l.min_share)]
                    .iter()
                    .filter_map(|(sign, b)| {
                        b.map(|b| {
                            tr!(
                                lang,
                                "limit-bound",
                                sign = *sign,
                                bound = percent(b),
                                on = on.as_str()
                            )
                        })
                    })
                    .collect();
                let rule = format!("{} ({})", lang.list(&bounds), l.id);
                match (&l.scope, &l.value) {
                    (Scope::Critical, Some(v)) => {
                        let now = crate::plan::metrics::scoped_share(
                            s,
                            &self.run.allocation,
                            dim,
                            v,
                            Scope::Critical,
                        );
                        tr!(lang, "limit-critical-now", rule = rule, now = percent(now))
                    }
                    (Scope::Critical, None) => tr!(lang, "limit-critical", rule = rule),
                    _ => rule,
                }
            })
            .collect();
        (!parts.is_empty()).then(|| tr!(lang, "limits-note", limits = parts.join("; ")))
    }
}

/// A dashed line at a limit's max_share and a triangle at its min_share.
fn limit_marks(c: &mut dyn Canvas, l: &Limit, x_of: impl Fn(f64) -> f32, top: f32, bottom: f32) {
    if let Some(m) = l.max_share {
        c.line(&[(x_of(m), top), (x_of(m), bottom)], LIMIT, 1.5, true);
    }
    if let Some(m) = l.min_share {
        let x = x_of(m);
        c.polygon(
            &[(x - 5.0, bottom), (x + 5.0, bottom), (x, bottom - 8.0)],
            LIMIT,
        );
    }
}

/// HHI and effective number of suppliers per dimension.
pub struct ConcentrationChart<'a> {
    pub run: &'a Solved,
}

impl ConcentrationChart<'_> {
    fn dims(&self) -> Vec<String> {
        crate::plan::metrics::dimensions(self.run.scenario())
            .iter()
            .map(|d| d.name().to_string())
            .collect()
    }
}

/// The largest share per dimension and who holds it, and the home share.
fn key_shares(run: &Solved) -> String {
    let m = &run.metrics;
    let s = run.scenario();
    let largest: Vec<String> = DIMENSIONS
        .iter()
        .filter_map(|d| {
            let t = m.max_share.get(d.name())?;
            let holders: Vec<&str> = t.holders.iter().map(String::as_str).collect();
            Some(format!(
                "{} {} ({})",
                s.dimension_name(d.name()),
                percent(t.share),
                crate::base::units::names(&holders, 5, s.meta.lang)
            ))
        })
        .collect();
    tr!(
        s.meta.lang,
        "chart-key-shares",
        largest = s.meta.lang.list(&largest),
        home = s.meta.home.as_str(),
        share = percent(m.home_share)
    )
}

impl Chart for ConcentrationChart<'_> {
    fn name(&self) -> &'static str {
        "concentration"
    }

    fn description(&self) -> String {
        let n: Vec<String> = self
            .run
            .metrics
            .effective_number
            .iter()
            .map(|(d, n)| format!("{} {n:.2}", self.run.scenario().dimension_name(d)))
            .collect();
        let lang = self.run.scenario().meta.lang;
        tr!(lang, "chart-concentration-desc", numbers = lang.list(&n))
    }

    fn title(&self) -> String {
        let lang = self.run.scenario().meta.lang;
        tr!(lang, "chart-concentration-title", run = run_label(self.run))
    }

    fn size(&self) -> (f32, f32) {
        (WIDTH, 110.0 + self.dims().len() as f32 * 34.0 + 40.0)
    }

    fn draw(&self, c: &mut dyn Canvas) {
        let s = self.run.scenario();
        let lang = s.meta.lang;
        heading(
            c,
            &self.title(),
            &lang.text("chart-concentration-subtitle"),
            WIDTH,
        );
        let m = &self.run.metrics;
        let dims = self.dims();
        let largest = dims
            .iter()
            .filter_map(|d| m.effective_number.get(d))
            .fold(1.0f64, |a, b| a.max(*b));
        let max_n = nice_axis_max(largest);
        let top = 110.0;
        let half = (WIDTH - 2.0 * MARGIN) / 2.0;
        let label_w = 120.0;
        let titles = ["HHI".to_string(), lang.text("chart-effective-suppliers")];
        for (panel, title) in titles.iter().enumerate() {
            let x0 = MARGIN + panel as f32 * half + label_w;
            let x1 = MARGIN + (panel as f32 + 1.0) * half - 60.0;
            c.text(&Text::new(title, MARGIN + panel as f32 * half, top - 22.0, 14.0).color(INK));
            let bottom = top + dims.len() as f32 * 34.0;
            for i in 0..=4 {
                let x = x0 + (x1 - x0) * i as f32 / 4.0;
                c.line(&[(x, top), (x, bottom)], GRID, 1.0, false);
                let v = if panel == 0 {
                    f64::from(i) / 4.0
                } else {
                    max_n * f64::from(i) / 4.0
                };
                let tick = if panel == 0 {
                    format!("{v:.2}")
                } else {
                    tidy_tick(v)
                };
                c.text(
                    &Text::new(&tick, x, bottom + 10.0, 11.0)
                        .color(MUTED)
                        .align(HAlign::Center, VAlign::Middle),
                );
            }
            for (k, d) in dims.iter().enumerate() {
                let y = top + k as f32 * 34.0;
                let label = font::fit(&s.dimension_name(d), 12.0, label_w - 8.0);
                c.text(&Text::new(&label, MARGIN + panel as f32 * half, y + 17.0, 12.0).color(INK));
                let (v, f) = if panel == 0 {
                    let h = m.hhi.get(d).copied().unwrap_or(0.0);
                    (format!("{h:.3}"), h)
                } else {
                    let n = m.effective_number.get(d).copied().unwrap_or(0.0);
                    (format!("{n:.2}"), n / max_n)
                };
                let color = super::palette::FOREIGN[0].shade(if panel == 0 { -0.2 } else { 0.25 });
                c.rect(x0, y + 8.0, (x1 - x0) * f as f32, 18.0, color);
                c.text(&Text::new(&v, x0 + (x1 - x0) * f as f32 + 6.0, y + 17.0, 11.0).color(INK));
            }
        }
    }
}

/// The smallest "nice" axis end (a multiple of 4 steps of 1, 2, 2.5 or 5 x 10^k) >= x.
fn nice_axis_max(x: f64) -> f64 {
    let raw = x / 4.0;
    let mag = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 2.5, 5.0, 10.0]
        .iter()
        .map(|m| m * mag)
        .find(|s| *s >= raw - 1e-12)
        .unwrap_or(10.0 * mag);
    step * 4.0
}

fn tidy_tick(v: f64) -> String {
    let s = format!("{v:.2}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

#[cfg(test)]
mod tests {
    use super::nice_axis_max;

    #[test]
    fn axis_ends_are_round() {
        assert_eq!(nice_axis_max(8.64), 10.0);
        assert_eq!(nice_axis_max(2.0), 2.0);
        assert_eq!(nice_axis_max(3.1), 4.0);
        assert_eq!(nice_axis_max(1.0), 1.0);
        assert_eq!(nice_axis_max(17.0), 20.0);
    }
}
