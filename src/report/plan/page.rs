//! The plan's `report.html`: the headline figures, the allocation, the
//! limits, eligibility and the run record.

use crate::base::units::{amount, percent};
use crate::chart::Chart;
use crate::chart::canvas::escape;
use crate::plan::limits::{LimitStatus, limit_statuses};
use crate::report::page::{Cell, Page, cards, figure, matrix, table};
use crate::report::{left_out, shown_workloads};
use crate::scenario::{Limit, Scope};
use crate::solve::Solved;
use crate::tr;

/// The most workload rows a report table lists (the largest by demand).
const TABLE_ROWS: usize = 200;

/// The report of one solved plan.
pub fn plan_report(run: &Solved, charts: &[Box<dyn Chart + '_>]) -> String {
    plan_page(run, charts, crate::report::headline::GapOf::Plan).render()
}

/// The plan report's page, for analyses that add sections to it (`of`:
/// whose MIP-gap note it carries; an analysis takes no `--mip-gap`).
pub fn plan_page(
    run: &Solved,
    charts: &[Box<dyn Chart + '_>],
    of: crate::report::headline::GapOf,
) -> Page {
    let s = run.scenario();
    let title = s.meta.title.clone().unwrap_or_else(|| s.meta.name.clone());
    let lang = s.meta.lang;
    let mut page = Page::new(&title, lang);
    page.subtitle(tr!(
        lang,
        "plan-subtitle",
        scenario = escape(&s.meta.name),
        variant = escape(&run.loaded.run_label()),
        objective = tr!(
            lang,
            "objective-name",
            objective = s.policy.objective.name()
        ),
        workloads = tr!(lang, "n-workloads", n = s.workloads.len()),
        providers = tr!(lang, "n-providers", n = s.providers.len())
    ));
    page.gap_note(run.mip_gap, of);
    if !run.proven_optimal {
        page.subtitle(lang.text("plan-not-optimal"));
        if let Some(line) = crate::report::headline::stopped(run) {
            page.subtitle(escape(&line));
        }
        if run.interior_plan {
            page.subtitle(lang.text("interior-plan-warning"));
        }
    }
    if !run.loaded.overrides.is_empty() {
        let items: Vec<String> = run
            .loaded
            .overrides
            .iter()
            .map(|o| {
                format!(
                    "<code>{} = {}</code>",
                    escape(&o.path),
                    escape(&o.value.to_string())
                )
            })
            .collect();
        page.subtitle(tr!(lang, "plan-overrides", items = items.join(", ")));
    }

    page.answer(&crate::report::headline::answer(run));
    page.section(&lang.text("summary-headline"), headline(run));
    let holds = crate::report::headline::binding(run);
    if !holds.is_empty() {
        let items: Vec<String> = holds
            .iter()
            .map(|l| format!("<li>{}</li>", escape(l)))
            .collect();
        page.section(
            &lang.text("plan-holds"),
            format!(
                "<p>{}</p><ul>{}</ul>",
                lang.text("plan-holds-intro"),
                items.concat()
            ),
        );
    }
    let mut figures = String::new();
    for chart in charts {
        let caption = lang.text(match chart.name() {
            "allocation" => "caption-allocation",
            "shares" => "caption-shares",
            _ => "caption-concentration",
        });
        figures.push_str(&figure(chart.as_ref(), &caption));
    }
    if !charts.is_empty() {
        page.section(&lang.text("section-charts"), figures);
    }
    page.section(&lang.text("summary-allocation"), allocation_table(run));
    page.section(&lang.text("section-limits"), limits_table(run));
    page.section(&lang.text("section-eligibility"), eligibility_table(run));
    page.section(&lang.text("section-run-record"), run_record(run));
    page
}

/// The headline cards (cost, home share, concentration, sovereignty,
/// exposure) and the stages' optima.
fn headline(run: &Solved) -> String {
    let s = run.scenario();
    let m = &run.metrics;
    let lang = s.meta.lang;
    let cost = s.meta.money_exact(m.total_cost);
    let mut items = vec![(
        lang.text("card-total-cost"),
        s.meta.money(m.total_cost),
        match s.policy.budget {
            Some(b) => tr!(
                lang,
                "card-cost-budget",
                cost = cost,
                share = percent(m.total_cost / b),
                budget = s.meta.money_bare(b)
            ),
            None => tr!(lang, "card-cost-no-budget", cost = cost),
        },
    )];
    items.push((
        tr!(lang, "card-home-share", home = s.meta.home.as_str()),
        percent(m.home_share),
        tr!(
            lang,
            "card-home-share-note",
            country = s.country_name(&s.meta.home)
        ),
    ));
    items.extend(concentration_cards(run));
    items.push((
        lang.text("card-sovereignty"),
        format!("{:.2}", m.mean_sovereignty),
        lang.text("card-sovereignty-note"),
    ));
    items.extend(exposure_cards(run));
    let stages: Vec<String> = m
        .stages
        .iter()
        .map(|st| {
            let (name, value) = crate::report::headline::stage(st, s);
            format!("{} = {}", escape(&name), escape(&value))
        })
        .collect();
    format!(
        "{}<p>{}</p>",
        cards(&items),
        tr!(lang, "plan-stages", stages = stages.join(" → "))
    )
}

/// A headline card: its label, its figure and the note under it.
type Card = (String, String, String);

/// The cards of concentration: the largest share of each dimension (and
/// abroad), and the effective number of providers.
fn concentration_cards(run: &Solved) -> Vec<Card> {
    let (s, m) = (run.scenario(), &run.metrics);
    let lang = s.meta.lang;
    let mut items = Vec::new();
    // Where each largest provider is its company's only one, the largest
    // company share is the same figure: one card says both.
    let (top_p, who_p) = m.holders("provider", None);
    let (top_c, who_c) = m.holders("company", None);
    let mut companies: Vec<String> = who_p
        .iter()
        .filter_map(|v| s.provider_index(v))
        .map(|i| s.providers[i].company.clone())
        .collect();
    companies.sort();
    let mut held = who_c.clone();
    held.sort();
    let same = (top_p - top_c).abs() < 1e-12 && companies == held && !held.is_empty();
    for dim in ["provider", "company", "country"] {
        if dim == "company" && same {
            continue;
        }
        let (top, who) = m.holders(dim, None);
        if !who.is_empty() {
            let label = if dim == "provider" && same {
                lang.text("card-max-share-provider-company")
            } else {
                tr!(lang, "card-max-share", dim = s.dimension_name(dim))
            };
            items.push((
                label,
                percent(top),
                tr!(
                    lang,
                    "card-held-by",
                    names = crate::report::headline::named(s, dim, &who, 6)
                ),
            ));
        }
        if dim == "country"
            && let Some((abroad, why)) = crate::report::headline::largest_abroad(m, s)
        {
            items.push((
                tr!(lang, "card-max-share-abroad", home = s.meta.home.as_str()),
                abroad,
                why,
            ));
        }
    }
    if let Some(n) = m.effective_number.get("provider") {
        items.push((
            lang.text("card-effective"),
            format!("{n:.2}"),
            lang.text("card-effective-note"),
        ));
    }
    items
}

/// The cards of exposure, where the scenario has what they measure: demand
/// moved from today's split, the mosaic, the worst single cut-off.
fn exposure_cards(run: &Solved) -> Vec<Card> {
    let (s, m) = (run.scenario(), &run.metrics);
    let lang = s.meta.lang;
    let mut items = Vec::new();
    if crate::report::headline::has_sourcing(s) {
        let b = &m.cost_breakdown;
        let held = crate::plan::cost::contracts_held(&m.sourcing);
        items.push((
            lang.text("card-contracts"),
            held.to_string(),
            tr!(
                lang,
                "card-contracts-note",
                cost = s.meta.money(b.contracts)
            ),
        ));
        items.push((
            lang.text("card-discounts"),
            s.meta.money(b.discounts),
            crate::report::headline::discounts(m, s),
        ));
    }
    if s.workloads.iter().any(|w| !w.current.is_empty()) {
        items.push((
            lang.text("card-moved"),
            crate::base::units::with_unit(&amount(m.moved), &s.meta.unit),
            tr!(lang, "card-exit-cost", cost = s.meta.money(m.exit_cost)),
        ));
    }
    if s.workloads.iter().any(|w| !w.data.is_empty()) {
        let who = m
            .mosaic_exposure
            .provider
            .clone()
            .unwrap_or_else(|| lang.text("card-no-foreign"));
        items.push((
            lang.text("card-mosaic"),
            m.mosaic_exposure.categories.to_string(),
            tr!(
                lang,
                "card-mosaic-note",
                n = m.mosaic_exposure.categories,
                who = who,
                seen = lang.list(
                    &m.mosaic_exposure
                        .seen
                        .iter()
                        .map(|c| s.id_name(c))
                        .collect::<Vec<_>>()
                )
            ),
        ));
    }
    if let Some(w) = &m.worst_cutoff {
        items.push((
            lang.text("card-worst-cutoff"),
            percent(w.unserved_critical_fraction),
            tr!(
                lang,
                "card-worst-cutoff-note",
                event = crate::model::cutoff_name(&w.event, s)
            ),
        ));
    }
    items
}

/// A workload's providers as `name share (amount)` lines, domestic ones marked.
fn provider_lines(
    s: &crate::scenario::Scenario,
    parts: impl Iterator<Item = (usize, f64, f64)>,
) -> String {
    parts
        .map(|(p, fraction, amt)| {
            let provider = &s.providers[p];
            let class = if s.is_domestic(provider) {
                " class=\"home\""
            } else {
                ""
            };
            format!(
                "<span{class}>{}</span> {} ({})",
                escape(s.provider_name(p)),
                percent(fraction),
                amount(amt)
            )
        })
        .collect::<Vec<_>>()
        .join("<br>")
}

fn allocation_table(run: &Solved) -> String {
    let s = run.scenario();
    let lang = s.meta.lang;
    // Today's split goes beside the plan when the scenario gives one.
    let today = s.workloads.iter().any(|w| !w.current.is_empty());
    let (shown, hidden) = shown_workloads(s, TABLE_ROWS);
    let rows = shown
        .iter()
        .map(|&wi| (wi, &s.workloads[wi], &run.allocation.rows[wi]))
        .map(|(wi, w, row)| {
            let plan = provider_lines(s, row.iter().map(|a| (a.provider, a.fraction, a.amount)));
            let cost: f64 = row.iter().map(|a| a.amount * s.price(wi, a.provider)).sum();
            let mut cells = vec![
                Cell::text(s.workload_name(wi)),
                Cell::text(s.owner_name(wi).unwrap_or("")),
                Cell::text(w.class.as_deref().map_or("", |c| s.class_name(c))),
                Cell::text(&if w.critical {
                    lang.text("yes")
                } else {
                    String::new()
                }),
                Cell::num(&amount(w.demand)),
            ];
            if today {
                let now = w
                    .current
                    .iter()
                    .filter_map(|(id, &f)| s.provider_index(id).map(|p| (p, f, f * w.demand)));
                cells.push(Cell::html(provider_lines(s, now)));
            }
            cells.push(Cell::html(plan));
            cells.push(Cell::num(&amount(cost)));
            cells
        })
        .collect();
    let t = |id: &str| lang.text(id);
    let mut headers = vec![
        t("th-workload"),
        t("th-owner"),
        t("th-class"),
        t("th-critical"),
        tr!(lang, "th-demand", unit = s.meta.unit.as_str()),
    ];
    if today {
        headers.push(t("th-today"));
    }
    headers.push(t("th-plan"));
    headers.push(tr!(lang, "th-cost", currency = s.meta.currency_label()));
    let headers: Vec<&str> = headers.iter().map(String::as_str).collect();
    let last = headers.len() - 1;
    let note = left_out(hidden, s.workloads.len(), "allocation.csv", lang)
        .map(|n| format!("<p>{}</p>", escape(&n)))
        .unwrap_or_default();
    format!("{note}{}", table(&headers, &[4, last], rows))
}

/// One limit's row: what it bounds, over which workloads, its bounds, the
/// value in the plan (the one nearest each bound, for an every-value
/// limit), and whether it binds.
fn limit_row(run: &Solved, l: &Limit, statuses: &[LimitStatus]) -> Vec<Cell> {
    let s = run.scenario();
    let lang = s.meta.lang;
    let mine: Vec<&LimitStatus> = statuses.iter().filter(|st| st.id == l.id).collect();
    let show = |x: f64| l.show(x, &s.meta.unit);
    let bound = mine
        .iter()
        .map(|st| {
            let sign = if st.key.starts_with("max") {
                "≤"
            } else {
                "≥"
            };
            format!("{sign} {}", show(st.bound))
        })
        .collect::<Vec<_>>()
        .join(", ");
    let mut reached: Vec<String> = Vec::new();
    for st in &mine {
        let text = match l.value {
            Some(_) => show(st.reached),
            None => tr!(
                lang,
                "limits-largest",
                value = s.value_name(l.dimension.name(), &st.holder),
                share = show(st.reached)
            ),
        };
        if !reached.contains(&text) {
            reached.push(text);
        }
    }
    let binding = mine.iter().any(|st| st.binding);
    vec![
        Cell::text(&l.id),
        Cell::text(&format!(
            "{} {}",
            s.dimension_name(l.dimension.name()),
            l.value.as_deref().map_or_else(
                || lang.text("limits-every-value"),
                |v| s.value_name(l.dimension.name(), v)
            )
        )),
        Cell::text(&lang.text(if l.scope == Scope::Critical {
            "limits-critical-workloads"
        } else {
            "limits-all-workloads"
        })),
        Cell::text(&bound),
        Cell::text(&reached.join(", ")),
        Cell::text(&if binding {
            lang.text("limits-binding")
        } else {
            String::new()
        }),
    ]
}

/// The limits and the budget, each with its value in the plan.
fn limits_table(run: &Solved) -> String {
    let s = run.scenario();
    let lang = s.meta.lang;
    if s.policy.limits.is_empty() && s.policy.budget.is_none() {
        return format!("<p>{}</p>", lang.text("limits-none"));
    }
    let statuses = limit_statuses(s, &run.allocation);
    let mut rows: Vec<Vec<Cell>> = s
        .policy
        .limits
        .iter()
        .map(|l| limit_row(run, l, &statuses))
        .collect();
    if let Some(b) = s.policy.budget {
        let used = run.metrics.total_cost;
        rows.push(vec![
            Cell::text(&lang.text("metric-budget")),
            Cell::text(&lang.text("metric-total-cost")),
            Cell::text(&lang.text("limits-all-workloads")),
            Cell::text(&format!("≤ {}", s.meta.money_exact(b))),
            Cell::text(&s.meta.money_exact(used)),
            Cell::text(&if (used - b).abs() <= 1e-6 * b {
                lang.text("limits-binding")
            } else {
                String::new()
            }),
        ]);
    }
    let headers = [
        "diag-col-rule",
        "th-on",
        "th-measured-over",
        "th-bound",
        "th-in-plan",
    ]
    .map(|id| lang.text(id));
    let mut headers: Vec<&str> = headers.iter().map(String::as_str).collect();
    headers.push("");
    table(&headers, &[], rows)
}

fn eligibility_table(run: &Solved) -> String {
    let s = run.scenario();
    let lang = s.meta.lang;
    let workload = lang.text("th-workload");
    let mut headers: Vec<&str> = vec![&workload];
    headers.extend(s.providers.iter().map(|p| p.id.as_str()));
    let (shown, hidden) = shown_workloads(s, TABLE_ROWS);
    let rows = shown
        .iter()
        .map(|&wi| (wi, &s.workloads[wi]))
        .map(|(wi, w)| {
            let _ = w;
            let mut row = vec![Cell::text(s.workload_name(wi))];
            for pi in 0..s.providers.len() {
                row.push(match &run.eligibility.reasons[wi][pi] {
                    None => Cell::text(&lang.text("eligible-mark")).class("ok"),
                    Some(r) => Cell::text(&r.text(s)).class("no"),
                });
            }
            row
        })
        .collect();
    let legend: Vec<String> = s
        .providers
        .iter()
        .enumerate()
        .map(|(pi, p)| {
            format!(
                "<code>{}</code> {} ({})",
                escape(&p.id),
                escape(s.provider_name(pi)),
                escape(&p.country)
            )
        })
        .collect();
    let note = left_out(hidden, s.workloads.len(), "plan.json", lang)
        .map(|n| format!(" ({n})"))
        .unwrap_or_default();
    format!(
        "<p>{}</p>{}<p>{}</p>",
        escape(&tr!(lang, "eligibility-intro", note = note)),
        matrix(&headers, rows),
        legend.join(" · ")
    )
}

fn run_record(run: &Solved) -> String {
    let lang = run.scenario().meta.lang;
    let mut items: Vec<String> = run
        .loaded
        .inputs
        .iter()
        .map(|i| {
            format!(
                "<li>{}</li>",
                tr!(
                    lang,
                    "record-input",
                    path = escape(&i.path),
                    sha = i.sha256.as_str()
                )
            )
        })
        .collect();
    items.push(format!(
        "<li>{}</li>",
        tr!(lang, "record-solver", solver = escape(&run.engine()))
    ));
    items.push(format!("<li>tayoka {}</li>", env!("CARGO_PKG_VERSION")));
    for o in &run.loaded.overrides {
        let from = o.source.to_string();
        items.push(format!(
            "<li>{}</li>",
            tr!(
                lang,
                "record-override",
                path = escape(&o.path),
                value = escape(&o.value.to_string()),
                from = escape(&from)
            )
        ));
    }
    format!("<ul class=\"plain\">{}</ul>", items.join(""))
}
