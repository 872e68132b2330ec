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
use crate::base::error::Error;
use crate::base::lang::Lang;
use crate::report::Output;
use crate::scenario::{LoadOptions, Loaded, Objective, SetArg, load_str};
use crate::solve::{Spec, solve_spec};

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

/// What `POST /api/solve` takes.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SolveRequest {
    #[serde(default)]
    variant: Option<String>,
    /// Override path to value, as `--set PATH=VALUE`.
    #[serde(default)]
    set: BTreeMap<String, serde_json::Value>,
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

/// `POST /api/solve`: what `plan.json` would hold for the run, or
/// `{"status": "infeasible", "diagnosis": ...}`; a bad override is 400
/// with the message `--set` gives.
pub(super) async fn solve(State(shared): State<Arc<Shared>>, body: Bytes) -> Response {
    let request: SolveRequest = match serde_json::from_slice(&body) {
        Ok(r) => r,
        Err(e) => {
            return error(
                StatusCode::BAD_REQUEST,
                &format!(
                    "the body must be {{\"variant\": null or a name, \"set\": {{path: value}}}}: {e}"
                ),
            );
        }
    };
    let sets = match sets_of(&request) {
        Ok(s) => s,
        Err(why) => return error(StatusCode::BAD_REQUEST, &why),
    };
    let variant = request.variant.or_else(|| shared.variant.clone());
    let work = shared.clone();
    let answer = tokio::task::spawn_blocking(move || {
        let loaded = load(&work.path, &work.text, variant.as_deref(), &sets, work.lang)?;
        let spec = Spec {
            time_limit: Some(work.time_limit),
            marginals: true,
            ..Default::default()
        };
        match solve_spec(loaded, work.solver, &spec) {
            Ok(run) => {
                let plan = crate::report::PlanOutput::new(&run);
                let files = plan.files()?;
                let json = files
                    .into_iter()
                    .find(|(name, _)| *name == "plan.json")
                    .map(|(_, bytes)| bytes)
                    .unwrap_or_default();
                Ok(json)
            }
            Err(Error::Infeasible(d)) => crate::report::diagnosis::infeasible_json(&d),
            Err(e) => Err(e),
        }
    })
    .await;
    match answer {
        Ok(Ok(bytes)) => json(bytes),
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
            })
            .collect(),
    };
    match serde_json::to_vec(&levers) {
        Ok(bytes) => json(bytes),
        Err(e) => error(StatusCode::INTERNAL_SERVER_ERROR, &e.to_string()),
    }
}
