//! The chart of `alternatives`: how far each share can move near the optimum.

use super::Chart;
use super::analysis::{WIDTH, dot, format_metric};
use super::canvas::{Canvas, Text};
use super::font;
use super::palette::{FOREIGN, INK, MUTED, TRACK};
use super::parts::{MARGIN, heading};
use crate::analysis::alternatives::Alternatives;
use crate::base::units::percent;
use crate::tr;

/// Near-optimal ranges: a bar from the smallest to the largest share of each
/// value, with a dot at its share in the optimal plan.
pub struct RangeChart<'a> {
    pub alt: &'a Alternatives,
}

impl Chart for RangeChart<'_> {
    fn name(&self) -> &'static str {
        "alternatives"
    }

    fn title(&self) -> String {
        tr!(
            self.alt.lang,
            "chart-alternatives-title",
            dim = self.alt.words().0,
            scenario = self.alt.scenario.as_str()
        )
    }

    fn size(&self) -> (f32, f32) {
        (WIDTH, 110.0 + self.alt.ranges.len() as f32 * 28.0 + 40.0)
    }

    fn description(&self) -> String {
        let a = self.alt;
        let widest = a
            .ranges
            .iter()
            .max_by(|x, y| (x.max - x.min).total_cmp(&(y.max - y.min)));
        match widest {
            Some(r) => tr!(
                a.lang,
                "chart-alternatives-desc",
                n = a.ranges.len(),
                value = r.value.as_str(),
                min = percent(r.min),
                max = percent(r.max)
            ),
            None => String::new(),
        }
    }

    fn draw(&self, c: &mut dyn Canvas) {
        let a = self.alt;
        let lang = a.lang;
        let slack = if a.stage == "cost" {
            percent(a.slack)
        } else {
            tr!(lang, "n-points", n = tidy_pts(a.slack))
        };
        let sub = tr!(
            lang,
            "chart-alternatives-subtitle",
            stage = a.words().1,
            slack = slack,
            optimum = format_metric(&a.stage, a.optimum, lang, &a.currency)
        );
        heading(c, &self.title(), &sub, WIDTH);
        let (x0, x1) = (MARGIN + 200.0, WIDTH - 60.0);
        let top = 90.0;
        let bottom = top + a.ranges.len() as f32 * 28.0;
        super::parts::percent_grid(c, x0, x1, top, bottom);
        let x = |v: f64| x0 + (x1 - x0) * v as f32;
        for (i, r) in a.ranges.iter().enumerate() {
            let y = top + i as f32 * 28.0 + 14.0;
            c.text(&Text::new(&font::fit(&r.value, 12.0, 190.0), MARGIN, y, 12.0).color(INK));
            c.rect(x0, y - 2.0, x1 - x0, 4.0, TRACK);
            c.rect(
                x(r.min),
                y - 6.0,
                (x(r.max) - x(r.min)).max(2.0),
                12.0,
                // 3:1 against the page, and the optimum's dark dot on it too.
                FOREIGN[3].with_luminance(0.25),
            );
            dot(c, x(r.optimal), y, 5.0, INK);
            let label = format!("{}–{}", percent(r.min), percent(r.max));
            c.text(&Text::new(&label, x(r.max) + 8.0, y, 10.0).color(MUTED));
        }
    }
}

fn tidy_pts(slack: f64) -> String {
    format!("{}", crate::base::units::tidy(slack * 100.0))
}
