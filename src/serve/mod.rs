//! `tayoka serve`: a local page that re-solves a scenario as its levers
//! move, and the API under it. Every answer comes from the same loader and
//! solve as `tayoka solve`: an override is validated as `--set` is (with its
//! messages), and a plan is what `plan.json` would hold.
//!
//! It listens on 127.0.0.1 unless told otherwise, and every request needs
//! the token printed with the address (as Jupyter's does) and a `Host` that
//! is the listening address (against DNS rebinding). No endpoint reads or
//! writes a path that comes from the client.

mod api;
mod session;

use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::sync::Arc;

use axum::Router;
use axum::extract::{DefaultBodyLimit, Request, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};

use crate::base::error::Error;
use crate::base::lang::Lang;
use crate::model::backend::SolverKind;

/// The largest request body taken (an override set is a few hundred bytes).
pub const BODY_LIMIT: usize = 64 * 1024;

/// What `tayoka serve` was asked.
#[derive(Debug, Clone)]
pub struct Config {
    pub scenario: PathBuf,
    pub variant: Option<String>,
    pub listen: IpAddr,
    /// 0: a free port.
    pub port: u16,
    pub lang: Option<Lang>,
    pub solver: SolverKind,
    /// Seconds a solve may take before it answers with the best plan found.
    pub time_limit: f64,
}

/// What every request shares: the scenario as read at start, and the
/// session's secrets.
struct Shared {
    path: PathBuf,
    text: String,
    variant: Option<String>,
    lang: Option<Lang>,
    solver: SolverKind,
    time_limit: f64,
    token: String,
    /// The `Host` values a request may carry: the listening address.
    hosts: Vec<String>,
    sessions: session::Sessions,
}

/// A random token of 32 hex digits.
fn new_token() -> Result<String, Error> {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes).map_err(|e| Error::Solver(format!("no random token: {e}")))?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

/// Starts the server: checks the scenario, binds, calls `ready` with the
/// page's address (token included) and the scenario's language, and
/// serves until the process ends (or not at all when `ready` fails: a
/// server whose address reached no one serves no one).
pub fn serve(
    config: Config,
    ready: impl FnOnce(&str, Lang) -> Result<(), Error>,
) -> Result<(), Error> {
    let text = std::fs::read_to_string(&config.scenario).map_err(|source| Error::Read {
        path: config.scenario.clone(),
        source,
    })?;
    // The scenario must load before anything is served.
    let lang = api::load(
        &config.scenario,
        &text,
        config.variant.as_deref(),
        &[],
        config.lang,
    )?
    .scenario
    .meta
    .lang;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| Error::Solver(format!("cannot start the server: {e}")))?;
    runtime.block_on(async move {
        let addr = SocketAddr::new(config.listen, config.port);
        let listener = tokio::net::TcpListener::bind(addr).await.map_err(|e| {
            Error::Usage(format!(
                "cannot listen on {addr}: {e}; name another --port, or --port 0 for a free one"
            ))
        })?;
        let bound = listener
            .local_addr()
            .map_err(|e| Error::Usage(format!("cannot listen on {addr}: {e}")))?;
        let token = new_token()?;
        let mut hosts = vec![bound.to_string()];
        if bound.ip().is_loopback() {
            hosts.push(format!("localhost:{}", bound.port()));
        }
        let shown = match bound.ip() {
            IpAddr::V6(ip) => format!("[{ip}]:{}", bound.port()),
            IpAddr::V4(ip) => format!("{ip}:{}", bound.port()),
        };
        let shared = Arc::new(Shared {
            path: config.scenario,
            text,
            variant: config.variant,
            lang: config.lang,
            solver: config.solver,
            time_limit: config.time_limit,
            token: token.clone(),
            hosts,
            sessions: session::Sessions::default(),
        });
        ready(&format!("http://{shown}/?token={token}"), lang)?;
        axum::serve(listener, router(shared))
            .await
            .map_err(|e| Error::Solver(format!("the server stopped: {e}")))
    })
}

fn router(shared: Arc<Shared>) -> Router {
    Router::new()
        .route("/", get(page))
        .route("/api/scenario", get(api::scenario))
        .route("/api/solve", post(api::solve))
        .route("/api/report", post(api::report))
        .route("/api/workbook", post(api::workbook))
        .layer(middleware::from_fn_with_state(shared.clone(), guard))
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        .with_state(shared)
}

/// 403 unless the request carries the token and names this server as its
/// `Host`.
async fn guard(State(shared): State<Arc<Shared>>, request: Request, next: Next) -> Response {
    let headers = request.headers();
    let host = headers.get(header::HOST).and_then(|h| h.to_str().ok());
    if !host.is_some_and(|h| shared.hosts.iter().any(|k| k == h)) {
        return forbidden("this server answers only requests addressed to it (Host)");
    }
    let query = request.uri().query().unwrap_or("");
    let given = bearer(headers).or_else(|| {
        query
            .split('&')
            .find_map(|pair| pair.strip_prefix("token="))
            .map(str::to_string)
    });
    if !given.is_some_and(|t| same(&t, &shared.token)) {
        return forbidden("a token is needed: use the address tayoka serve printed");
    }
    next.run(request).await
}

fn bearer(headers: &HeaderMap) -> Option<String> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    value.strip_prefix("Bearer ").map(|t| t.trim().to_string())
}

/// Compares two tokens in time that does not depend on where they differ.
fn same(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.bytes().zip(b.bytes()).fold(0, |d, (x, y)| d | (x ^ y)) == 0
}

fn forbidden(why: &str) -> Response {
    api::error(StatusCode::FORBIDDEN, why)
}

/// The page: HTML, CSS and plain JavaScript from the repository.
async fn page() -> impl IntoResponse {
    (
        [(header::CACHE_CONTROL, "no-store")],
        Html(include_str!("page.html")),
    )
}
