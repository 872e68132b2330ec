//! The API under the page: `GET /api/scenario` (the levers) and
//! `POST /api/solve` (a plan for a variant and overrides).

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};

use super::Shared;
use crate::base::diagnosis::Diagnosis;
use crate::base::error::Error;
use crate::base::lang::Lang;
use crate::model::Stop;
use crate::report::diagnosis::infeasible_json;
use crate::report::{Exporter, Output, PlanOutput};
use crate::scenario::{LoadOptions, Loaded, Objective, SetArg, load_str};
use crate::solve::{Solved, Spec, solve_spec};

/// The scenario with a variant and overrides, as `solve` loads it.
pub(super) fn load(
    path: &Path,
    text: &str,
    variant: Option<&str>,
    sets: &[SetArg],
    lang: Option<Lang>,
) -> Result<Loaded, Error> {
    let opts = LoadOptions::new(variant, sets).with_lang(lang);
    load_str(path, text.to_string(), &opts)
}

/// A JSON answer `{"error": why}` with `status`.
pub(super) fn error(status: StatusCode, why: &str) -> Response {
    let body = serde_json::json!({ "error": why }).to_string();
    (status, [(header::CONTENT_TYPE, "application/json")], body).into_response()
}

fn json(bytes: Vec<u8>) -> Response {
    (
        StatusCode::OK,
        [(header::CONTENT_TYPE, "application/json")],
        bytes,
    )
        .into_response()
}

/// What `POST /api/solve` and the exports take.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SolveRequest {
    #[serde(default)]
    variant: Option<String>,
    /// Override path to value, as `--set PATH=VALUE`.
    #[serde(default)]
    set: BTreeMap<String, serde_json::Value>,
    /// Also what the page shows beside the plan: the answer and what holds
    /// the plan in the report's sentences, and the report's charts.
    #[serde(default)]
    view: bool,
    /// The page's session: a newer request of the same session supersedes
    /// this one.
    #[serde(default)]
    session: Option<String>,
}

/// A JSON value as the TOML value `--set` reads.
fn toml_value(v: &serde_json::Value) -> Option<String> {
    use serde_json::Value;
    Some(match v {
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        // A JSON string is a TOML basic string.
        Value::String(_) => v.to_string(),
        Value::Array(items) => {
            let items: Option<Vec<String>> = items.iter().map(toml_value).collect();
            format!("[{}]", items?.join(", "))
        }
        Value::Null | Value::Object(_) => return None,
    })
}

/// The overrides of a request as `--set` arguments, with `--set`'s
/// messages for a bad one.
fn sets_of(request: &SolveRequest) -> Result<Vec<SetArg>, String> {
    request
        .set
        .iter()
        .map(|(path, value)| {
            let value = toml_value(value).ok_or_else(|| {
                format!("`{path}`: expected a number, a string, a boolean or a list of them")
            })?;
            format!("{path}={value}").parse::<SetArg>()
        })
        .collect()
}

/// A request's body, read: the request and its overrides, or the 400
/// answer that says what is wrong.
fn read(body: &[u8]) -> Result<(SolveRequest, Vec<SetArg>), Response> {
    let request: SolveRequest = serde_json::from_slice(body).map_err(|e| {
        error(
            StatusCode::BAD_REQUEST,
            &format!(
                "the body must be {{\"variant\": null or a name, \"set\": {{path: value}}}}: {e}"
            ),
        )
    })?;
    if request
        .session
        .as_ref()
        .is_some_and(|s| s.len() > SESSION_MAX)
    {
        return Err(error(
            StatusCode::BAD_REQUEST,
            &format!("`session` is at most {SESSION_MAX} characters"),
        ));
    }
    let sets = sets_of(&request).map_err(|why| error(StatusCode::BAD_REQUEST, &why))?;
    Ok((request, sets))
}

/// The longest session name taken.
const SESSION_MAX: usize = 64;

/// One request's run: its plan, or the diagnosis of why there is none.
enum Ran {
    Plan(Box<Solved>),
    Infeasible(Box<Diagnosis>),
}

impl Ran {
    /// What the run gives, as the command line writes it.
    fn output<R>(&self, f: impl FnOnce(&dyn Output) -> Result<R, Error>) -> Result<R, Error> {
        match self {
            Ran::Plan(run) => f(&PlanOutput::new(run)),
            Ran::Infeasible(d) => f(d.as_ref()),
        }
    }
}

/// The run `tayoka solve` makes with this variant and these overrides.
fn run(work: &Shared, variant: Option<&str>, sets: &[SetArg], stop: Stop) -> Result<Ran, Error> {
    let loaded = load(&work.path, &work.text, variant, sets, work.lang)?;
    let spec = Spec {
        time_limit: Some(work.time_limit),
        marginals: true,
        cheapest: true,
        stop: Some(stop),
        ..Default::default()
    };
    match solve_spec(loaded, work.solver, &spec) {
        Ok(run) => Ok(Ran::Plan(Box::new(run))),
        Err(Error::Infeasible(d)) => Ok(Ran::Infeasible(d)),
        Err(e) => Err(e),
    }
}

/// What a request asks to be given.
#[derive(Debug, Clone, Copy)]
enum Give {
    /// `plan.json` (with the view when asked), or the infeasible answer.
    Plan,
    /// `report.html`, charts inline.
    Report,
    /// The workbook (`plan.xlsx`, or `diagnosis.xlsx`).
    Workbook,
}

/// Solves a request on the blocking pool and gives what it asks; a request
/// a newer one of its session superseded gets 409 `{"status":
/// "superseded"}`.
async fn answer(shared: Arc<Shared>, body: &[u8], give: Give) -> Response {
    let (request, sets) = match read(body) {
        Ok(r) => r,
        Err(response) => return response,
    };
    // Only the page's what-ifs supersede each other, never an export.
    let session = request
        .session
        .as_deref()
        .filter(|_| matches!(give, Give::Plan));
    let ticket = shared.sessions.begin(session);
    let stop = ticket.stop.clone();
    let work = shared.clone();
    let variant = request.variant.clone().or_else(|| shared.variant.clone());
    let view = request.view;
    let made = tokio::task::spawn_blocking(move || {
        let ran = run(&work, variant.as_deref(), &sets, stop)?;
        match give {
            Give::Plan => match &ran {
                Ran::Plan(run) => plan_json(run, view),
                Ran::Infeasible(d) => Ok(json(infeasible_json(d)?)),
            },
            Give::Report => ran.output(|out| {
                Ok(file(
                    "text/html; charset=utf-8",
                    "report.html",
                    out.report(&out.charts()).into_bytes(),
                ))
            }),
            Give::Workbook => ran.output(|out| {
                let book = out.book();
                let name = book.name;
                let bytes = book.render(out.info().lang, &out.files()?)?;
                Ok(file(
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                    name,
                    bytes,
                ))
            }),
        }
    })
    .await;
    if !shared.sessions.end(&ticket) {
        let body = serde_json::json!({ "status": "superseded" }).to_string();
        return (
            StatusCode::CONFLICT,
            [(header::CONTENT_TYPE, "application/json")],
            body,
        )
            .into_response();
    }
    match made {
        Ok(Ok(response)) => response,
        Ok(Err(e @ (Error::Input(_) | Error::Usage(_)))) => {
            error(StatusCode::BAD_REQUEST, &e.to_string())
        }
        Ok(Err(e)) => error(StatusCode::INTERNAL_SERVER_ERROR, &e.to_string()),
        Err(_) => error(
            StatusCode::INTERNAL_SERVER_ERROR,
            "the solve broke down on this setting",
        ),
    }
}

/// A file to download, under a name tayoka writes.
fn file(kind: &'static str, name: &str, bytes: Vec<u8>) -> Response {
    (
        StatusCode::OK,
        [
            (header::CONTENT_TYPE, kind.to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ),
        ],
        bytes,
    )
        .into_response()
}

/// `plan.json`, with the page's view beside its fields when asked.
fn plan_json(run: &Solved, view: bool) -> Result<Response, Error> {
    let out = PlanOutput::new(run);
    let bytes = crate::report::json::PlanJson.render(run)?;
    if !view {
        return Ok(json(bytes));
    }
    let mut plan: serde_json::Value =
        serde_json::from_slice(&bytes).map_err(|e| Error::Output {
            what: "plan",
            message: e.to_string(),
        })?;
    let charts: Vec<serde_json::Value> = out
        .charts()
        .iter()
        .map(|c| {
            serde_json::json!({
                "name": c.name(),
                "title": c.title(),
                "description": c.description(),
                "svg": crate::chart::render_svg(c.as_ref()),
            })
        })
        .collect();
    plan["view"] = serde_json::json!({
        "answer": crate::report::headline::answer(run),
        "holds": crate::report::headline::binding(run),
        "charts": charts,
    });
    Ok(json(plan.to_string().into_bytes()))
}

/// `POST /api/solve`: what `plan.json` would hold for the run, or
/// `{"status": "infeasible", "diagnosis": ...}`; a bad override is 400
/// with the message `--set` gives.
pub(super) async fn solve(State(shared): State<Arc<Shared>>, body: Bytes) -> Response {
    answer(shared, &body, Give::Plan).await
}

/// `POST /api/report`: the run's `report.html`, as `tayoka solve` writes it.
pub(super) async fn report(State(shared): State<Arc<Shared>>, body: Bytes) -> Response {
    answer(shared, &body, Give::Report).await
}

/// `POST /api/workbook`: the run's workbook, as `tayoka solve` writes it.
pub(super) async fn workbook(State(shared): State<Arc<Shared>>, body: Bytes) -> Response {
    answer(shared, &body, Give::Workbook).await
}

/// A limit's lever: its bounds by key (`max_share`, `min_share`, ...).
#[derive(Serialize)]
struct LimitLever {
    id: String,
    dimension: String,
    value: Option<String>,
    bounds: BTreeMap<&'static str, f64>,
}

#[derive(Serialize)]
struct ProviderLever {
    id: String,
    name: String,
    company: String,
    country: String,
    capacity: f64,
    price: f64,
    tags: BTreeMap<String, String>,
}

/// What `GET /api/scenario` gives: the levers the page shows.
#[derive(Serialize)]
struct Levers {
    name: String,
    /// The scenario file as `tayoka serve` was given it (for the command
    /// that reproduces the page).
    file: String,
    title: Option<String>,
    lang: &'static str,
    currency: String,
    unit: String,
    variant: Option<String>,
    variants: Vec<String>,
    objective: &'static str,
    objectives: [&'static str; 4],
    /// Each objective's name in the scenario's language.
    objective_labels: BTreeMap<&'static str, String>,
    budget: Option<f64>,
    limits: Vec<LimitLever>,
    providers: Vec<ProviderLever>,
}

/// `GET /api/scenario`: the scenario's levers as the session starts.
pub(super) async fn scenario(State(shared): State<Arc<Shared>>) -> Response {
    let loaded = match load(
        &shared.path,
        &shared.text,
        shared.variant.as_deref(),
        &[],
        shared.lang,
    ) {
        Ok(l) => l,
        Err(e) => return error(StatusCode::INTERNAL_SERVER_ERROR, &e.to_string()),
    };
    let s = &loaded.scenario;
    let levers = Levers {
        name: s.meta.name.clone(),
        file: shared.path.display().to_string(),
        title: s.meta.title.clone(),
        lang: s.meta.lang.code(),
        currency: s.meta.currency.clone(),
        unit: s.meta.unit.clone(),
        variant: shared.variant.clone(),
        variants: s.variants.keys().cloned().collect(),
        objective: s.policy.objective.name(),
        objectives: Objective::NAMES,
        objective_labels: Objective::NAMES
            .iter()
            .map(|&o| (o, crate::tr!(s.meta.lang, "objective-name", objective = o)))
            .collect(),
        budget: s.policy.budget,
        limits: s
            .policy
            .limits
            .iter()
            .map(|l| LimitLever {
                id: l.id.clone(),
                dimension: l.dimension.name().to_string(),
                value: l.value.clone(),
                bounds: l.bounds().map(|(_, key, v)| (key, v)).collect(),
            })
            .collect(),
        providers: s
            .providers
            .iter()
            .enumerate()
            .map(|(i, p)| ProviderLever {
                id: p.id.clone(),
                name: s.provider_name(i).to_string(),
                company: p.company.clone(),
                country: p.country.clone(),
                capacity: p.capacity,
                price: p.price,
                tags: p.tags.clone(),
            })
            .collect(),
    };
    match serde_json::to_vec(&levers) {
        Ok(bytes) => json(bytes),
        Err(e) => error(StatusCode::INTERNAL_SERVER_ERROR, &e.to_string()),
    }
}
