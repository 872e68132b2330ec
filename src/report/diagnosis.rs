//! No plan: the diagnosis goes where the plan would have gone
//! (`diagnosis.json`, the report, the terminal).

use crate::base::diagnosis::Diagnosis;
use crate::base::error::Error;
use crate::chart::Chart;
use crate::chart::canvas::escape;
use crate::report::json::to_json;
use crate::report::output::{Book, Output, RunInfo};
use crate::report::page::{Cell, Page, table};
use crate::tr;
use serde::Serialize;

/// No plan: the diagnosis goes where the plan would have gone.
impl Output for Diagnosis {
    fn info(&self) -> RunInfo {
        RunInfo {
            lang: self.lang,
            mip_gap: None,
        }
    }

    fn files(&self) -> Result<Vec<(&'static str, Vec<u8>)>, Error> {
        Ok(vec![("diagnosis.json", infeasible_json(self)?)])
    }

    fn report(&self, _: &[Box<dyn Chart + '_>]) -> String {
        diagnosis_report(self)
    }

    fn terminal(&self) -> String {
        self.to_string()
    }

    fn book(&self) -> Book {
        let title = tr!(
            self.lang,
            "diag-page-title",
            scenario = self.scenario.as_str()
        );
        let lines = self.to_string().lines().map(str::to_string).collect();
        Book::new("diagnosis.xlsx", title, lines)
    }
}

/// The report of a scenario with no feasible plan: its diagnosis.
pub fn diagnosis_report(d: &crate::solve::infeasible::Diagnosis) -> String {
    let lang = d.lang;
    let mut page = Page::new(
        &tr!(lang, "diag-page-title", scenario = d.scenario.as_str()),
        lang,
    );
    page.subtitle(tr!(
        lang,
        "diag-page-subtitle",
        scenario = escape(&d.scenario),
        variant = escape(&d.variant)
    ));
    page.section(&lang.text("diag-section"), diagnosis_section(d));
    page.render()
}

/// A diagnosis as HTML: the structural causes, then each relaxation as a
/// table of the rules that bend.
pub fn diagnosis_section(d: &crate::solve::infeasible::Diagnosis) -> String {
    let mut html = String::new();
    if !d.causes.is_empty() || d.relaxations.is_empty() {
        html.push_str(&format!("<pre>{}</pre>", escape(&d.to_string())));
    }
    for (i, r) in d.relaxations.iter().enumerate() {
        let heading = crate::report::prose::upper_first(&r.heading(i, d.lang));
        html.push_str(&format!("<h3>{}</h3>", escape(&heading)));
        let rows = r
            .bends
            .iter()
            .map(|b| {
                vec![
                    Cell::text(&b.rule),
                    Cell::num(&b.value.to_string()),
                    Cell::num(&b.suggested.to_string()),
                    Cell::html(
                        b.set
                            .as_deref()
                            .map(|s| format!("<code>--set {}</code>", escape(s)))
                            .unwrap_or_default(),
                    ),
                    Cell::text(&b.location),
                ]
            })
            .collect();
        html.push_str(&table(
            &[
                &d.lang.text("diag-col-rule"),
                &d.lang.text("diag-col-now"),
                &d.lang.text("diag-col-feasible"),
                &d.lang.text("diag-col-try"),
                &d.lang.text("diag-col-where"),
            ],
            &[1, 2],
            rows,
        ));
    }
    html
}

/// `{"status": "infeasible", "diagnosis": ...}` for `--format json`.
pub fn infeasible_json(d: &Diagnosis) -> Result<Vec<u8>, Error> {
    #[derive(Serialize)]
    struct Infeasible<'a> {
        status: &'static str,
        diagnosis: &'a Diagnosis,
    }
    to_json(&Infeasible {
        status: "infeasible",
        diagnosis: d,
    })
}

/// A section with the diagnosis of each infeasible variant or point, under
/// its label; none when every one has a plan.
pub fn infeasible_section<'d>(
    page: &mut Page,
    heading: &str,
    infeasible: impl Iterator<Item = (String, &'d crate::solve::infeasible::Diagnosis)>,
) {
    let html: String = infeasible
        .map(|(label, d)| {
            format!(
                "<h3>{}</h3>{}",
                escape(&label),
                crate::report::diagnosis::diagnosis_section(d)
            )
        })
        .collect();
    if !html.is_empty() {
        page.section(heading, html);
    }
}
